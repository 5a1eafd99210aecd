/**
 * The exact sums of findings split in shares (合报信息的分数均分) that clauses/common.ts gives the
 * tally clause: a share kept to SHARE_PLACES places, rounded half-even; whole findings never
 * rounded at all.
 *
 * Mutants of clauses/common.ts that no test can kill (behaviour identical), from the focused
 * Stryker run:
 * - 65 (`if (!explain) return { amount }` → never taken): the effect is then built without the
 *   trace, but its only readers (evaluate/context.ts runClause's entries, evaluate/tree.ts's node
 *   grades) run under `ctx.explain`, the same flag as `rc.explain`; the amount is unchanged.
 * - 101 (`v === undefined` → false in onFact): every fact a clause reads is in its plan's fact set,
 *   so it is resolved (a value, NA or a default) or the unit is refused before any clause runs
 *   (evaluate.ts prepareUnit); a missing fact forgiven (C17) belongs only to nodes that do not
 *   apply, whose clauses never run. No clause ever meets an undefined fact.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, ref, score } from "../../../test/helpers.js";
import { Decimal } from "../../decimal.js";
import { SHARE_PLACES, shareOf, sumOfShares } from "./common.js";

const d = (x: string) => new Decimal(x);
/** 10^-k as text: "0.000…01". */
const tiny = (k: number, digit = "1") => `0.${"0".repeat(k - 1)}${digit}`;

describe("shareOf: num ÷ den, to SHARE_PLACES (20) places, ties to the even digit", () => {
  it.each([
    // [num, den, share]
    ["10", 2, "5"],
    ["1", 3, `0.${"3".repeat(20)}`],
    ["2", 3, `0.${"6".repeat(19)}7`],
    // A tie at the 21st place goes to the even 20th digit: 0.5 × 10^-20 → 0, 2.5 × 10^-20 → 2,
    // 3.5 × 10^-20 → 4 (half-up would give 1, 3, 4).
    [tiny(20), 2, "0"],
    [tiny(20, "5"), 2, tiny(20, "2")],
    [tiny(20, "7"), 2, tiny(20, "4")],
    // Below the tie and above it, both modes agree.
    [tiny(20), 4, "0"],
    [tiny(20, "3"), 4, tiny(20, "1")],
  ])("%s ÷ %i = %s", (num, den, share) => {
    expect(SHARE_PLACES).toBe(20);
    expect(shareOf(d(num), den).toFixed()).toBe(share);
  });
});

describe("sumOfShares: Σ num × n ÷ den, each share count divided once", () => {
  it("whole findings (den 1) are added exactly, however many places they have", () => {
    // 21 and 30 places: below what a share keeps, but a whole finding is never divided.
    expect(sumOfShares([{ num: d(tiny(21)), den: 1, n: 3 }]).toFixed()).toBe(tiny(21, "3"));
    expect(
      sumOfShares([
        { num: d("2"), den: 1, n: 1 },
        { num: d(tiny(30)), den: 1, n: 1 },
      ]).toFixed(),
    ).toBe(`2.${"0".repeat(29)}1`);
  });

  it("shares of one count are added before the division: ⅓ + ⅓ + ⅓ + 10 is 11 exactly", () => {
    const third = { num: d("1"), den: 3, n: 1 };
    expect(sumOfShares([third, third, third, { num: d("10"), den: 1, n: 1 }]).toFixed()).toBe("11");
    // Halves of a tiny amount: 3 × 10^-20 ÷ 2 ties at the 21st place, to the even 2 × 10^-20.
    expect(sumOfShares([{ num: d(tiny(20)), den: 2, n: 3 }]).toFixed()).toBe(tiny(20, "2"));
  });

  it("the sum does not depend on the order of the findings", () => {
    const finding = fc.record({
      num: fc.integer({ min: 1, max: 5000 }).map((c) => d(String(c)).dividedBy(100)),
      den: fc.constantFrom(1, 2, 3, 6, 7),
      n: fc.integer({ min: 1, max: 5 }),
    });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), (xs) => {
        const forward = sumOfShares(xs);
        expect(sumOfShares([...xs].reverse()).equals(forward)).toBe(true);
      }),
    );
  });
});

describe("through a tally clause priced by kind, findings shared by several units", () => {
  it("a share of 1 point among three units counts ⅓ each; three such findings, 1 exactly", () => {
    const crs = compile({
      facts: [{ id: "f", label: "合报信息", type: "findings", kinds: ["信息"], missing: "zero" }],
      points: 0,
      measures: [{ id: "points", label: "得分", unit: "分" }],
      tree: [
        {
          id: "A",
          title: "信息报送",
          points: 0,
          clauses: [
            {
              id: "A1",
              type: "tally",
              effect: "add",
              fact: "f",
              amounts: { 信息: 1 },
              split: "shares",
              repeat: "each",
              text: "每条信息加1分,合报的均分",
              ref,
            },
          ],
        },
      ],
    } as never);
    const shared = { kind: "信息", shares: 3 };
    const r = score(crs, { f: [shared, shared, shared] });
    expect(r.unrounded.toFixed()).toBe("1");
    expect(score(crs, { f: [shared] }).unrounded.toFixed()).toBe(`0.${"3".repeat(20)}`);
  });
});
