import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { Decimal, dstr, roundTo, toDecimal } from "./decimal.js";
import { combineWeighted, compileRuleSet, Decimal as KDecimal, scoreUnit } from "./index.js";

describe("exact decimals", () => {
  it("three deductions of 0.1 from a 1-point item leave exactly 0.7", () => {
    const crs = compileRuleSet({
      kaohe: 1,
      id: "t",
      title: "t",
      documents: [{ id: "d", title: "d" }],
      policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "error" },
      facts: [{ id: "n", label: "处数", type: "count" }],
      points: 1,
      tree: [
        {
          id: "a",
          title: "a",
          points: 1,
          clauses: [
            {
              id: "a.1",
              type: "per",
              fact: "n",
              each: 0.1,
              text: "每处扣0.1分",
              ref: { doc: "d" },
            },
          ],
        },
      ],
    });
    const r = scoreUnit(crs, { id: "u", facts: { n: 3 } });
    expect(r.ok && r.total.toFixed()).toBe("0.7");
    expect(r.ok && r.nodes.a?.score.equals(new KDecimal("0.7"))).toBe(true);
    // The float computation this replaces would not be exact.
    expect(1 - 0.1 - 0.1 - 0.1).not.toBe(0.7);
  });

  it("weights 0.7 × 70% + 0.3 × 30% exactly before the stated rounding", () => {
    const c = combineWeighted([
      { label: "集中考核", score: 0.7, percent: 70 },
      { label: "日常考核", score: 0.3, percent: 30 },
    ]);
    expect(c.exact.toFixed()).toBe("0.58");
    const d = combineWeighted(
      [
        { label: "集中考核", score: "93.35", percent: 70 },
        { label: "日常考核", score: "88.15", percent: 30 },
      ],
      { places: 2, mode: "half-up" },
    );
    expect(dstr(d.exact)).toBe("91.79");
    const e = combineWeighted(
      [
        { label: "集中考核", score: "93.37", percent: 70 },
        { label: "日常考核", score: "88.11", percent: 30 },
      ],
      { places: 1, mode: "half-up" },
    );
    expect(dstr(e.exact)).toBe("91.792");
    expect(dstr(e.rounded)).toBe("91.8");
    expect(e.terms.map((t) => dstr(t.value))).toEqual(["65.359", "26.433"]);
  });

  it("parses numbers through their shortest text, so 0.1 is one tenth", () => {
    expect(toDecimal(0.1).equals(new Decimal("0.1"))).toBe(true);
    expect(toDecimal("12.50").toFixed()).toBe("12.5");
    expect(() => toDecimal("1e3")).toThrow();
    expect(() => toDecimal(Number.NaN)).toThrow();
  });

  it("rounds with the named mode", () => {
    expect(roundTo(new Decimal("2.345"), 2, "half-up").toFixed()).toBe("2.35");
    expect(roundTo(new Decimal("2.345"), 2, "half-even").toFixed()).toBe("2.34");
    expect(roundTo(new Decimal("-2.345"), 2, "floor").toFixed()).toBe("-2.35");
    expect(roundTo(new Decimal("2.341"), 2, "ceil").toFixed()).toBe("2.35");
  });

  it("uses a private Decimal: the application's global settings never leak in", () => {
    const before = DecimalJs.precision;
    DecimalJs.set({ precision: 2, rounding: DecimalJs.ROUND_DOWN });
    try {
      expect(new Decimal("1").dividedBy(3).toFixed(10)).toBe("0.3333333333");
      expect(new Decimal("0.125").toDecimalPlaces(2).toFixed()).toBe("0.13");
    } finally {
      DecimalJs.set({ precision: before, rounding: DecimalJs.ROUND_HALF_UP });
    }
  });

  it("prints decimals canonically", () => {
    expect(dstr(new Decimal("-0"))).toBe("0");
    expect(dstr(new Decimal("1e-7"))).toBe("0.0000001");
    expect(dstr(new Decimal("120.50"))).toBe("120.5");
  });
});
