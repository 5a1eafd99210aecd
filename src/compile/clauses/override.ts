/**
 * C8/C9 override: a forced grade, a fixed or capped total, zeroed items, a stop and a flag when a
 * condition holds (直接定为不合格; 判定为不合格(59分); 此项不得分), with or without an amount.
 */
import { dstr, toDecimal, ZERO } from "../../decimal.js";
import type { CClause, OverrideEffect } from "../clause.js";
import { compileCondition } from "../condition.js";
import { NA } from "../values.js";
import { type ClauseKit, type ClauseOf, NOT_APPLICABLE } from "./common.js";

export function compileOverride(cl: ClauseOf<"override">, kit: ClauseKit): CClause {
  const { base, verb, u } = kit;
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
  const words: string[] = [];
  if (effect.grade) words.push(`直接定为${effect.grade}`);
  if (effect.total)
    words.push(
      effect.totalMode === "at-most"
        ? `总分不高于${dstr(effect.total)}${u}`
        : `总分记为${dstr(effect.total)}${u}`,
    );
  if (effect.zero) words.push(`${effect.zero.join("、")}不得分`);
  if (effect.stop) words.push("其他项目不再评分");
  if (effect.flag) words.push(`标记:${effect.flag}`);
  if (!amount.isZero()) words.push(`${verb}${dstr(amount)}${u}`);
  const detail = words.join(",");
  return {
    ...base,
    run(env) {
      const r = when(env);
      if (r === NA) return NOT_APPLICABLE;
      return r ? { amount, detail, override: effect } : null;
    },
  };
}
