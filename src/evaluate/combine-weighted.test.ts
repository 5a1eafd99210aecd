import DecimalJs from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, dstr, PublicDecimal } from "../decimal.js";
import { combineWeighted } from "./combine.js";

// combineWeighted (kaohe's `combineWeighted`, src/api/score.ts): scores computed elsewhere
// weighted by percentages exactly, the sum rounded once at the end (集中考核按70%、日常考核按30%).
// A score or weight may be a number, a decimal literal or a Decimal; a Decimal is taken as it is.

const plainTerms = (terms: { label: string; value: Decimal }[]) =>
  terms.map((t) => [t.label, dstr(t.value)]);

describe("combineWeighted", () => {
  it("weights each part exactly and rounds the sum once, as stated", () => {
    // 93.37 × 70% = 65.359; 88.11 × 30% = 26.433; 91.792 → 91.8 at one place.
    const c = combineWeighted(
      [
        { label: "集中考核", score: "93.37", percent: 70 },
        { label: "日常考核", score: 88.11, percent: "30" },
      ],
      { places: 1, mode: "half-up" },
    );
    expect([dstr(c.exact), dstr(c.rounded)]).toEqual(["91.792", "91.8"]);
    expect(plainTerms(c.terms)).toEqual([
      ["集中考核", "65.359"],
      ["日常考核", "26.433"],
    ]);
    // Cut to two places (floor), the sum 91.792 gives 91.79; each term cut first would give
    // 65.35 + 26.43 = 91.78: the sum is rounded, never the terms.
    const two = combineWeighted(
      [
        { label: "集中考核", score: "93.37", percent: 70 },
        { label: "日常考核", score: 88.11, percent: "30" },
      ],
      { places: 2, mode: "floor" },
    );
    expect(dstr(two.rounded)).toBe("91.79");
  });

  it("with no rounding stated, the sum as it is; weights need not add up to 100", () => {
    const c = combineWeighted([{ label: "上半年", score: 85, percent: 40 }]);
    expect([dstr(c.exact), dstr(c.rounded), plainTerms(c.terms)]).toEqual([
      "34",
      "34",
      [["上半年", "34"]],
    ]);
    const none = combineWeighted([]);
    expect([dstr(none.exact), dstr(none.rounded), none.terms]).toEqual(["0", "0", []]);
  });

  it("takes a Decimal score or weight as it is, however small or large", () => {
    // kaohe's Decimals or the application's own decimal.js (docs: "or their own decimal.js"). In
    // a default decimal.js, 5e-8 and 1e21 are written in exponent form, which a decimal literal
    // may not be: they are used as they are, not read again from their text.
    for (const D of [Decimal, PublicDecimal, DecimalJs]) {
      const c = combineWeighted([
        { label: "微", score: new D("0.00000005"), percent: 70 },
        { label: "巨", score: 2, percent: new D("1e21") },
      ]);
      expect(plainTerms(c.terms)).toEqual([
        ["微", "0.000000035"],
        ["巨", "20000000000000000000"],
      ]);
      expect(dstr(c.exact)).toBe("20000000000000000000.000000035");
    }
  });

  it("refuses a score or weight that is not a finite number or a decimal literal", () => {
    // Never a NaN or an unread exponent form weighed silently into the sum.
    const weigh = (score: number | string, percent: number | string) => () =>
      combineWeighted([{ label: "集中考核", score, percent }]);
    for (const [score, percent] of [
      [90, Number.NaN],
      [90, "1e2"],
      [Number.POSITIVE_INFINITY, 70],
      ["9e1", 70],
    ] as const)
      expect(weigh(score, percent), `${score} × ${percent}%`).toThrow(RangeError);
    expect(dstr(weigh("90", "70.5")().exact)).toBe("63.45");
  });

  it("the sum is the sum of the terms, each score × percent ÷ 100, whatever form they take", () => {
    const dec = fc.integer({ min: 0, max: 100_000 }).map((n) => new Decimal(n).dividedBy(1000));
    const form = (d: Decimal, k: number) => (k === 0 ? d : k === 1 ? d.toFixed() : d.toNumber());
    fc.assert(
      fc.property(
        fc.array(fc.tuple(dec, dec, fc.integer({ min: 0, max: 2 })), { maxLength: 5 }),
        (parts) => {
          const c = combineWeighted(
            parts.map(([s, w, k], i) => ({
              label: `部分${i}`,
              score: form(s, k),
              percent: form(w, 2 - k),
            })),
            { places: 2, mode: "half-up" },
          );
          const want = parts.map(([s, w]) => s.times(w).dividedBy(100));
          expect(c.terms.map((t) => t.value.toFixed())).toEqual(want.map((v) => v.toFixed()));
          const sum = want.reduce((a, v) => a.plus(v), new Decimal(0));
          expect(c.exact.equals(sum)).toBe(true);
          expect(c.rounded.equals(sum.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
