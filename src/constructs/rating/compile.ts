/**
 * C16 rating: a rating chosen from a scale awards points or a share of the item's points
 * (优 10, 良 8; 可得50%).
 */

import type { CClause } from "../../compile/clause.js";
import { type ClauseKit, type ClauseOf, onFact } from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { type Decimal, dstr, toDecimal, ZERO } from "../../decimal.js";
import type { RatingEffect } from "./effect.js";

export function compileRating(cl: ClauseOf<"rating">, kit: ClauseKit): CClause {
  const { base, nodePoints } = kit;
  const fact = cl.fact;
  const full = nodePoints ?? ZERO;
  const award = new Map<string, Decimal>();
  if (cl.scale) for (const [k, x] of Object.entries(cl.scale)) award.set(k, toDecimal(x));
  if (cl.percent)
    for (const [k, x] of Object.entries(cl.percent))
      award.set(k, full.times(toDecimal(x)).dividedBy(100));
  const add = cl.effect === "add";
  return onFact(base, fact, (v, rc) => {
    const explain = rc.explain;
    const got = award.get(v as string) as Decimal;
    const amount = add ? got : full.minus(got);
    if (amount.isZero()) return null;
    if (!explain) return { amount };
    const e: RatingEffect = { type: "rating", rating: String(v), got, full, amount, add };
    return { amount, effect: e };
  });
}

/** The explanation of a rating: what it awards, and for a deduction what it falls short by. */
export function ratingWords(e: RatingEffect, { unit: u }: ClauseWords): string {
  return e.add
    ? `评为${e.rating},加${dstr(e.got)}${u}`
    : `评为${e.rating},得${dstr(e.got)}${u}(满分${dstr(e.full)}${u}),扣${dstr(e.amount)}${u}`;
}
