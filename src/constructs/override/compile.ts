/**
 * C8/C9 override: a forced grade, a fixed or capped total, zeroed items, a stop and a flag when a
 * condition holds (直接定为不合格; 判定为不合格(59分); 此项不得分), with or without an amount.
 */

import type { CClause, Outcome, OverrideEffect } from "../../compile/clause.js";
import { type ClauseKit, type ClauseOf, onCondition } from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { compileCondition } from "../../compile/condition.js";
import { dstr, toDecimal, ZERO } from "../../decimal.js";
import type { ForcedEffect } from "./effect.js";

export function compileOverride(cl: ClauseOf<"override">, kit: ClauseKit): CClause {
  const { base } = kit;
  const when = compileCondition(cl.when);
  const amount = cl.amount !== undefined ? toDecimal(cl.amount) : ZERO;
  const effect: OverrideEffect = {
    gradeScope: cl.gradeScope ?? "unit",
    totalMode: cl.totalMode ?? "fixed",
    stop: cl.stop === true,
    ...(cl.grade !== undefined ? { grade: cl.grade } : {}),
    ...(cl.total !== undefined ? { total: toDecimal(cl.total) } : {}),
    ...(cl.zero !== undefined ? { zero: cl.zero } : {}),
    ...(cl.flag !== undefined ? { flag: cl.flag } : {}),
  };
  const { gradeScope: _, ...forced } = effect;
  const said: ForcedEffect = { type: "override", amount, ...forced };
  const holds: Outcome = { amount, override: effect, effect: said };
  return onCondition(base, when, holds, null);
}

/** The explanation of what an override forces, with its amount. */
export function overrideWords(e: ForcedEffect, { verb, unit: u }: ClauseWords): string {
  const words: string[] = [];
  if (e.grade) words.push(`直接定为${e.grade}`);
  if (e.total)
    words.push(
      e.totalMode === "at-most" ? `总分不高于${dstr(e.total)}${u}` : `总分记为${dstr(e.total)}${u}`,
    );
  if (e.zero) words.push(`${e.zero.join("、")}不得分`);
  if (e.stop) words.push("其他项目不再评分");
  if (e.flag) words.push(`标记:${e.flag}`);
  if (!e.amount.isZero()) words.push(`${verb}${dstr(e.amount)}${u}`);
  return words.join(",");
}
