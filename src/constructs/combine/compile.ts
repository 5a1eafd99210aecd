/**
 * T1/T2: the combination of a unit's parts, compiled once (every weight parsed), and the words of
 * its explanation. Scoring the parts and combining them stays in src/evaluate/combine-parts.ts,
 * the stage that scores a unit.
 */

import { type Decimal, dstr, toDecimal } from "../../decimal.js";
import type { RuleSetInput } from "../../schema/ruleset.js";
import type { CombineEffect } from "./effect.js";
import type { CombinePartInput } from "./schema.js";

/** T1/T2: a part of a combined score, its weight parsed. */
export interface CCombinePart extends Omit<CombinePartInput, "percent" | "parts"> {
  percent: Decimal;
  parts?: readonly CCombinePart[];
}

/** T1/T2: the combination, as the rule set states it, with every part's weight parsed. */
export interface CCombine extends Omit<NonNullable<RuleSetInput["combine"]>, "parts"> {
  parts: readonly CCombinePart[];
}

/** Compiles a part: its weight parsed, its sub-parts compiled. */
export function compileCombinePart(p: CombinePartInput): CCombinePart {
  const { parts, percent, ...rest } = p;
  return {
    ...rest,
    percent: toDecimal(percent),
    ...(parts ? { parts: parts.map(compileCombinePart) } : {}),
  };
}

/** Compiles the combination: as stated, with every part compiled. */
export function compileCombine(c: NonNullable<RuleSetInput["combine"]>): CCombine {
  return { ...c, parts: c.parts.map(compileCombinePart) };
}

/**
 * The explanation of a combination: a part weighted (集中70分×70%=49分), then the total
 * (合计91.15分,保留1位小数为91.2分).
 */
export function combineWords(e: CombineEffect): string {
  switch (e.type) {
    case "part":
      return `${e.label}${dstr(e.score)}分×${dstr(e.percent)}%=${dstr(e.weighted)}分${e.given ? "(给定分数)" : ""}`;
    case "combined":
      return `合计${dstr(e.exact)}分${e.total.equals(e.exact) ? "" : `,保留${e.places}位小数为${dstr(e.total)}分`}`;
  }
}
