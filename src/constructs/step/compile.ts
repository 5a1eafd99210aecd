/**
 * C6 step: a deduction per step of a rate's shortfall from a base (每低5个百分点扣1分), in bands,
 * with the partial step treated as the rule states (floor, ceil or pro rata).
 */

import type { CClause } from "../../compile/clause.js";
import {
  type ClauseKit,
  type ClauseOf,
  capWords,
  found,
  NOT_APPLICABLE,
  onFact,
} from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { NA } from "../../compile/values.js";
import { type Decimal, dstr, toDecimal, ZERO } from "../../decimal.js";
import type { StepEffect } from "./effect.js";

export function compileStep(cl: ClauseOf<"step">, kit: ClauseKit): CClause {
  const { base } = kit;
  // A base naming a fact (a cohort figure, say) is read per unit; a constant is parsed once.
  const baseFact = typeof cl.below === "object" ? cl.below.fact : null;
  const constBands = (
    cl.bands ?? [
      {
        below: typeof cl.below === "object" ? 0 : (cl.below ?? 0),
        per: cl.per ?? 1,
        each: cl.each ?? 0,
      },
    ]
  ).map((b) => ({ below: toDecimal(b.below), per: toDecimal(b.per), each: toDecimal(b.each) }));
  const mode = cl.bandMode ?? "marginal";
  const partial = cl.partial;
  const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
  const fact = cl.fact;
  const steps = (x: Decimal): Decimal =>
    partial === "floor" ? x.floor() : partial === "ceil" ? x.ceil() : x;
  return onFact(base, fact, (v, rc, env) => {
    const explain = rc.explain;
    const rate = v as Decimal;
    let bands = constBands;
    if (baseFact) {
      const b = env.get(baseFact);
      if (b === NA || b === undefined) return NOT_APPLICABLE;
      bands = [{ ...(constBands[0] as (typeof constBands)[number]), below: b as Decimal }];
    }
    let raw = ZERO;
    const parts: StepEffect["bands"] = [];
    if (mode === "marginal") {
      bands.forEach((b, i) => {
        if (!rate.lessThan(b.below)) return;
        // The lowest band has no floor: a rate of −40% is 50 points below 10%, not 10
        // (a fall in revenue, say, is a negative rate and must lose more than 0% does).
        const floorOfBand = bands[i + 1]?.below;
        const bottom =
          floorOfBand === undefined || rate.greaterThan(floorOfBand) ? rate : floorOfBand;
        const short = b.below.minus(bottom);
        const n = steps(short.dividedBy(b.per));
        const amt = n.times(b.each);
        raw = raw.plus(amt);
        if (explain)
          parts.push({ below: b.below, short, per: b.per, each: b.each, steps: n, amount: amt });
      });
    } else {
      const top = bands[0]?.below ?? ZERO;
      let lowest: (typeof bands)[number] | undefined;
      for (const b of bands) if (rate.lessThan(b.below)) lowest = b;
      if (lowest) {
        const short = top.minus(rate);
        const n = steps(short.dividedBy(lowest.per));
        raw = n.times(lowest.each);
        if (explain)
          parts.push({
            below: lowest.below,
            from: top,
            short,
            per: lowest.per,
            each: lowest.each,
            steps: n,
            amount: raw,
          });
      }
    }
    if (raw.isZero()) return null;
    return found(raw, cap, explain, () => ({ type: "step", rate, mode, partial, bands: parts }));
  });
}

const PARTIAL_WORDS = { floor: "不足一档不计", ceil: "不足一档按一档计", prorata: "按比例计" };

/** The explanation of a rate's shortfall, band by band. */
export function stepWords(e: StepEffect, { verb, unit: u }: ClauseWords): string {
  const partialWord = PARTIAL_WORDS[e.partial];
  return `比率${dstr(e.rate)}%:${e.bands
    .map((b) =>
      b.from !== undefined
        ? `低于${dstr(b.from)}%共${dstr(b.short)}个百分点,按低于${dstr(b.below)}%档每${dstr(b.per)}个百分点${verb}${dstr(b.each)}${u}(${partialWord}),计${dstr(b.steps)}档,${verb}${dstr(b.amount)}${u}`
        : `低于${dstr(b.below)}%的${dstr(b.short)}个百分点,每${dstr(b.per)}个百分点${verb}${dstr(b.each)}${u}(${partialWord}),计${dstr(b.steps)}档,${verb}${dstr(b.amount)}${u}`,
    )
    .join(";")}${capWords(e.cap, verb, u)}`;
}
