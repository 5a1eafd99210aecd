/**
 * C13 range: an amount the assessors chose within a stated range (扣50-100分), checked.
 */

import type { CClause, Outcome } from "../../compile/clause.js";
import { type ClauseKit, type ClauseOf, fail, onFact } from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { type Finding, findingIndex } from "../../compile/values.js";
import { type Decimal, dstr, toDecimal, ZERO } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import type { RangeEffect } from "./effect.js";

export function compileRange(cl: ClauseOf<"range">, kit: ClauseKit): CClause {
  const { base, u } = kit;
  const named = kit.named(cl.fact);
  const min = toDecimal(cl.min);
  const max = toDecimal(cl.max);
  const fact = cl.fact;
  const outOfRange = (amt: Decimal, path: (string | number)[]): Outcome =>
    fail(
      issue("F_DISCRETION_RANGE", path, {
        ...named,
        value: dstr(amt),
        min: dstr(min),
        max: dstr(max),
      }),
    );
  // In the order of their text, so the input's order of findings never shows.
  const sorted = (xs: RangeEffect["amounts"]) =>
    xs
      .map((a) => ({ a, t: amountWords(a, u) }))
      .sort((x, y) => (x.t < y.t ? -1 : x.t > y.t ? 1 : 0))
      .map((x) => x.a);
  const said = (e: RangeEffect): Outcome => ({ amount: e.total, effect: e });
  return onFact(base, fact, (v, rc) => {
    const explain = rc.explain;
    if (Array.isArray(v)) {
      // Each finding carries the amount the assessors chose for it (每次扣50-100分).
      let total = ZERO;
      const amounts: RangeEffect["amounts"] = [];
      for (let i = 0; i < v.length; i++) {
        const f = v[i] as Finding;
        if (f.amount === undefined)
          return fail(
            issue("F_FACT_TYPE", ["facts", fact, findingIndex(f, i), "amount"], {
              ...named,
              expected: "每一条都写明的扣分数额 amount",
              received: "未填写",
            }),
          );
        // A finding listed is an occurrence: its amount must lie in the range, 0 too (a
        // misreport recorded as costing nothing contradicts 扣50-100分). Only a single amount
        // fact of 0 means "not applied".
        if (f.amount.isZero() && min.isZero()) continue;
        if (f.amount.lessThan(min) || f.amount.greaterThan(max))
          return outOfRange(f.amount, ["facts", fact, findingIndex(f, i), "amount"]);
        const n = f.count ?? 1;
        total = total.plus(f.amount.times(n));
        if (explain) amounts.push({ amount: f.amount, count: n });
      }
      if (total.isZero()) return null;
      if (!explain) return { amount: total };
      return said({ type: "range", min, max, amounts: sorted(amounts), total, listed: true });
    }
    const amt = v as Decimal;
    if (amt.isZero()) return null;
    if (amt.lessThan(min) || amt.greaterThan(max)) return outOfRange(amt, ["facts", fact]);
    if (!explain) return { amount: amt };
    return said({
      type: "range",
      min,
      max,
      amounts: [{ amount: amt, count: 1 }],
      total: amt,
      listed: false,
    });
  });
}

/** One amount the assessors chose, with its count when more than once (2×50分). */
function amountWords(a: RangeEffect["amounts"][number], u: string): string {
  return `${a.count > 1 ? `${a.count}×` : ""}${dstr(a.amount)}${u}`;
}

/** The explanation of amounts chosen within a range, each listed when they came from findings. */
export function rangeWords(e: RangeEffect, { verb, unit: u }: ClauseWords): string {
  return e.listed
    ? `在${dstr(e.min)}-${dstr(e.max)}${u}内酌情${verb}${u}:${e.amounts.map((a) => amountWords(a, u)).join("+")}=${dstr(e.total)}${u}`
    : `在${dstr(e.min)}-${dstr(e.max)}${u}内酌情${verb}${dstr(e.total)}${u}`;
}
