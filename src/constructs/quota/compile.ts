/**
 * K2: a quota, compiled once (its share parsed), and the words of what it did to a unit. Applying
 * it by rank stays in src/cohort/cohort-grades.ts (`applyQuotas`), the stage that has the ranks.
 */

import { type Decimal, toDecimal } from "../../decimal.js";
import type { QuotaEffect } from "./effect.js";
import type { QuotaInput } from "./schema.js";

/** K2: a grade limited to a share of a group's units, its share parsed. */
export interface CQuota extends Omit<QuotaInput, "ref" | "maxPercent"> {
  maxPercent: Decimal;
}

/** Compiles a quota: its share parsed once. */
export function compileQuota(q: QuotaInput): CQuota {
  const { ref: _, maxPercent, ...rest } = q;
  return { ...rest, maxPercent: toDecimal(maxPercent) };
}

/**
 * The explanation of a grade lowered by a quota, the unit's `gradeNote`:
 * 优秀比例不超过20%:共10个单位,优秀限2个;本单位排名第2(与他单位并列,跨越名额线),等次由优秀调整为良好.
 */
export function quotaWords(e: QuotaEffect): string {
  return `${e.text}:共${e.units}个单位,${e.grade}限${e.max}个;本单位排名第${e.rank}${e.tied ? "(与他单位并列,跨越名额线)" : ""},等次由${e.grade}调整为${e.demoteTo}`;
}
