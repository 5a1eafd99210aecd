/**
 * Derived ratios worked out exactly (src/compile/derive.ts): ties in every rounding mode, a
 * fraction whose greatest common divisor is taken with a positive numerator, a ratio not in
 * percent, decimal and negative denominators — each checked against the arithmetic by hand.
 *
 * Equivalent mutants of derive.ts's arithmetic (no test can tell them apart):
 * - gcd `a < 0n` → `a <= 0n`: for a = 0 both give 0 (−0n is 0n).
 * - decimalOf `n === 0n` → false: the digits path gives 0 (or "0.00"), a Decimal equal to ZERO
 *   with the same text (Decimal keeps no trailing zeros); deriveFacts stores ZERO for a zero anyway.
 * - decimalOf `n < 0n` → `n <= 0n`: n = 0 returned before.
 * - roundedQuotient `s < 0n` → `s <= 0n` and `r < 0n` → `r <= 0n`: inside `r !== 0n`, so s ≠ 0, r ≠ 0.
 * - roundedQuotient `sign > 0n` → `sign >= 0n`, `sign < 0n` → `sign <= 0n`: sign is −1 or 1.
 * - roundedQuotient `q < 0n` → `q <= 0n` (half-even parity): −0n is 0n, parity of 0 unchanged.
 * - compute `d < 0n` → `d <= 0n`: d = ad × bn is never 0 (a zero denominator is handled before).
 */
import { describe, expect, it } from "vitest";
import { fixedWhen, oneItem, score } from "../../test/helpers.js";
import { Decimal, type RoundingMode, roundTo } from "../decimal.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { compileRuleSet } from "../index.js";
import { exactQuotient, roundedQuotient } from "./derive.js";

describe("roundedQuotient: a tie (exactly half way) in each mode", () => {
  // [n, d, places, mode, expected]: n ÷ d is exactly half way between two values at `places`.
  const TIES: [bigint, bigint, number, RoundingMode, string][] = [
    // 四舍六入五成双: to the even neighbour, whichever side it is on.
    [1n, 2n, 0, "half-even", "0"], // 0.5 → 0
    [3n, 2n, 0, "half-even", "2"], // 1.5 → 2 (1 is odd: away)
    [5n, 2n, 0, "half-even", "2"], // 2.5 → 2
    [7n, 2n, 0, "half-even", "4"], // 3.5 → 4
    [-1n, 2n, 0, "half-even", "0"], // −0.5 → 0
    [-3n, 2n, 0, "half-even", "-2"], // −1.5 → −2 (−1 is odd: away)
    [-5n, 2n, 0, "half-even", "-2"], // −2.5 → −2
    [3n, 40n, 2, "half-even", "0.08"], // 0.075 → 0.08 (7 odd)
    [5n, 40n, 2, "half-even", "0.12"], // 0.125 → 0.12 (12 even)
    // 四舍五入: away from 0.
    [3n, 2n, 0, "half-up", "2"],
    [5n, 2n, 0, "half-up", "3"],
    [-3n, 2n, 0, "half-up", "-2"],
    // 五舍六入: toward 0, whatever the parity.
    [3n, 2n, 0, "half-down", "1"],
    [5n, 2n, 0, "half-down", "2"],
    [-3n, 2n, 0, "half-down", "-1"],
    [3n, 40n, 2, "half-down", "0.07"],
  ];
  it.each(TIES)("%i ÷ %i to %i places, %s → %s", (n, d, places, mode, want) => {
    expect(roundedQuotient(n, d, places, mode).toFixed()).toBe(want);
    // The same as Decimal's own rounding of the quotient.
    const q = new Decimal(n.toString()).dividedBy(d.toString());
    expect(roundTo(q, places, mode).toFixed()).toBe(want);
  });
});

describe("exactQuotient: numerators that share a factor with the denominator", () => {
  // A positive numerator with a common factor: the fraction is reduced by a positive divisor.
  const CASES: [bigint, bigint, string][] = [
    [3n, 6n, "0.5"],
    [6n, 8n, "0.75"],
    [10n, 4n, "2.5"],
    [15n, 60n, "0.25"],
    [-3n, 6n, "-0.5"],
    [0n, 7n, "0"],
    [7n, 7n, "1"],
  ];
  it.each(CASES)("%i ÷ %i = %s", (n, d, want) => {
    expect(exactQuotient(n, d)?.toFixed()).toBe(want);
  });
  it("reduced to thirds or sevenths, it does not terminate", () => {
    expect(exactQuotient(4n, 6n)).toBeNull();
    expect(exactQuotient(10n, 35n)).toBeNull();
  });
});

/** Facts a, b (numbers, any sign, decimals) and a derived number `d`, read by one clause. */
function numberRatio(derive: Record<string, unknown>, type = "number") {
  return compileRuleSet(
    oneItem(
      [
        { id: "a", label: "a数", type: "number" },
        { id: "b", label: "b数", type: "number" },
        { id: "d", label: "商", type, derive },
      ],
      [fixedWhen({ fact: "d", gt: -1000000 })],
    ),
  );
}
const dText = (rs: ReturnType<typeof numberRatio>, facts: Record<string, unknown>) =>
  score(rs, facts).trace.find((e) => e.rule === "x1")?.facts.d;

describe("derived ratios of decimals and of negative numbers", () => {
  it("without percent, a ratio is the plain quotient, not × 100", () => {
    const rs = numberRatio({ ratio: ["a", "b"], ifZero: 0 });
    expect(dText(rs, { a: 1, b: 4 })).toBe("0.25(a数1 ÷ b数4)");
    expect(dText(rs, { a: 19, b: 20 })).toBe("0.95(a数19 ÷ b数20)");
  });

  it("with percent, the same ratio is × 100", () => {
    const rs = numberRatio({ ratio: ["a", "b"], percent: true, ifZero: 0 });
    expect(dText(rs, { a: 1, b: 4 })).toBe("25(a数1 ÷ b数4)");
  });

  it("a denominator with decimals: 3 ÷ 2.5 = 1.2, 0.3 ÷ 0.12 = 2.5", () => {
    const rs = numberRatio({ ratio: ["a", "b"], ifZero: 0 });
    expect(dText(rs, { a: 3, b: "2.5" })).toBe("1.2(a数3 ÷ b数2.5)");
    expect(dText(rs, { a: "0.3", b: "0.12" })).toBe("2.5(a数0.3 ÷ b数0.12)");
    expect(dText(rs, { a: "1.5", b: "0.25" })).toBe("6(a数1.5 ÷ b数0.25)");
  });

  it("a negative denominator gives the quotient its sign, exact or rounded", () => {
    const exact = numberRatio({ ratio: ["a", "b"], ifZero: 0 });
    expect(dText(exact, { a: 3, b: "-2.5" })).toBe("-1.2(a数3 ÷ b数-2.5)");
    expect(dText(exact, { a: -3, b: -4 })).toBe("0.75(a数-3 ÷ b数-4)");
    expect(dText(exact, { a: 1, b: -8 })).toBe("-0.125(a数1 ÷ b数-8)");
    const rounded = numberRatio({
      ratio: ["a", "b"],
      ifZero: 0,
      round: { places: 1, mode: "floor" },
    });
    // 2 ÷ −3 = −0.666…: floor (向下取) is −0.7; ceil would be −0.6.
    expect(dText(rounded, { a: 2, b: -3 })).toBe("-0.7(a数2 ÷ b数-3,向下取保留1位小数)");
    expect(dText(rounded, { a: -2, b: -3 })).toBe("0.6(a数-2 ÷ b数-3,向下取保留1位小数)");
    const halfEven = numberRatio({
      ratio: ["a", "b"],
      ifZero: 0,
      round: { places: 0, mode: "half-even" },
    });
    // 3 ÷ −2 = −1.5 → −2; 5 ÷ −2 = −2.5 → −2 (四舍六入五成双).
    expect(dText(halfEven, { a: 3, b: -2 })).toBe("-2(a数3 ÷ b数-2,四舍六入五成双保留0位小数)");
    expect(dText(halfEven, { a: 5, b: -2 })).toBe("-2(a数5 ÷ b数-2,四舍六入五成双保留0位小数)");
  });

  it("a rate by ratio rounded half-even, through scoring: 3 ÷ 8 = 37.5% → 38, 5 ÷ 8 = 62.5% → 62", () => {
    const rs = numberRatio(
      { ratio: ["a", "b"], percent: true, ifZero: 100, round: { places: 0, mode: "half-even" } },
      "rate",
    );
    expect(dText(rs, { a: 3, b: 8 })).toBe("38%(a数3 ÷ b数8,四舍六入五成双保留0位小数)");
    expect(dText(rs, { a: 5, b: 8 })).toBe("62%(a数5 ÷ b数8,四舍六入五成双保留0位小数)");
    const r = scoreUnit(rs, { id: "u", facts: { a: 1, b: 8 } });
    // 12.5 → 12: the rate is a value of the unit, not a refusal.
    expect(r.ok && r.trace.find((e) => e.rule === "x1")?.facts.d).toBe(
      "12%(a数1 ÷ b数8,四舍六入五成双保留0位小数)",
    );
  });
});
