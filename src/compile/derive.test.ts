import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compile,
  fixedWhen,
  itemX,
  oneItem,
  ref,
  ruleSet,
  score,
  stepBelow100,
} from "../../test/helpers.js";
import { lintRuleSet } from "../check/lint.js";
import { Decimal, type RoundingMode, roundTo } from "../decimal.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { compileRuleSet } from "../index.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { exactQuotient, roundedQuotient } from "./derive.js";

type Facts = RuleSetInput["facts"];

/** One 10-point item whose per clause reads fact `d`, over the facts given. */
const perOn = (facts: Facts, d = "d") =>
  ruleSet({
    facts,
    points: 10,
    tree: [
      itemX([{ id: "x1", type: "per", fact: d, each: 1, noun: "篇", text: "每少1篇扣1分", ref }], {
        overdraw: true,
      }),
    ],
  } as never);

/** One 100-point item whose step clause reads the rate `r`, 1 point per point below 100, pro rata. */
const stepOn = (facts: Facts) =>
  compile({
    facts,
    points: 100,
    tree: [
      itemX(
        [stepBelow100("x1", "r", { per: 1, each: 1, partial: "prorata" }, "每低1个百分点扣1分")],
        { points: 100 },
      ),
    ],
  } as never);

const counts = (...ids: string[]) =>
  ids.map((id) => ({ id, label: `${id}数`, type: "count" as const }));
const rateOf = (derive: Record<string, unknown>) =>
  stepOn([...counts("a", "b"), { id: "r", label: "比率", type: "rate", derive } as never]);

const codes = (rs: RuleSetInput) => lintRuleSet(rs).map((l) => l.issue.code);
const xFacts = (r: ReturnType<typeof score>) => r.trace.find((e) => e.rule === "x1")?.facts;

describe("derived facts: the operations", () => {
  it("a ratio in percent, shown with its inputs in the explanation's facts", () => {
    const r = score(rateOf({ ratio: ["a", "b"], percent: true, ifZero: 100 }), { a: 19, b: 20 });
    expect(r.total.toFixed()).toBe("95");
    expect(xFacts(r)).toEqual({ r: "95%(a数19 ÷ b数20)" });
  });

  it("a zero denominator takes the stated value, or refuses, or makes the clause not apply", () => {
    const given = score(rateOf({ ratio: ["a", "b"], percent: true, ifZero: 90 }), { a: 0, b: 0 });
    expect(given.total.toFixed()).toBe("90");
    expect(xFacts(given)).toEqual({ r: "90%(b数0,按规定计)" });
    const refused = scoreUnit(rateOf({ ratio: ["a", "b"], percent: true, ifZero: "error" }), {
      id: "u",
      facts: { a: 0, b: 0 },
    });
    expect(!refused.ok && refused.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_DERIVED", "facts.r"],
    ]);
    const na = score(rateOf({ ratio: ["a", "b"], percent: true, ifZero: "not-applicable" }), {
      a: 0,
      b: 0,
    });
    expect(na.total.toFixed()).toBe("100");
    expect(na.trace.find((e) => e.rule === "x1")?.kind).toBe("not-applicable");
  });

  it("a quotient that does not terminate needs a stated rounding", () => {
    const exact = rateOf({ ratio: ["a", "b"], percent: true, ifZero: 100 });
    const r = scoreUnit(exact, { id: "u", facts: { a: 2, b: 3 } });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["F_DERIVED"]);
    const rounded = rateOf({
      ratio: ["a", "b"],
      percent: true,
      ifZero: 100,
      round: { places: 2, mode: "half-up" },
    });
    const s = score(rounded, { a: 2, b: 3 });
    expect(s.total.toFixed()).toBe("66.67");
    expect(xFacts(s)).toEqual({ r: "66.67%(a数2 ÷ b数3,四舍五入保留2位小数)" });
  });

  it("a shortfall against a quota is a count, never below 0, explained with its quota", () => {
    const rs = compile(
      perOn([
        ...counts("n"),
        {
          id: "d",
          label: "少报篇数",
          type: "count",
          derive: { shortfall: { of: "n", quota: 12 } },
        },
      ] as never) as never,
    );
    const r = score(rs, { n: 9 });
    expect(r.total.toFixed()).toBe("7");
    expect(xFacts(r)).toEqual({ d: "3(定额12 − n数9)" });
    expect(score(rs, { n: 14 }).total.toFixed()).toBe("10");
  });

  it("a quota read from a fact, an excess, a sum, a difference, min and max", () => {
    const f = { p: 3, q: 7, s: 5 };
    const run = (derive: Record<string, unknown>) => {
      const rs = compileRuleSet(
        oneItem(
          [...counts("p", "q", "s"), { id: "d", label: "结果", type: "number", derive }],
          [fixedWhen({ fact: "d", gt: -1000 })],
        ),
      );
      return xFacts(score(rs, f))?.d;
    };
    expect(run({ shortfall: { of: "p", quota: { fact: "q" } } })).toBe("4(q数7 − p数3)");
    expect(run({ excess: { of: "q", quota: { fact: "s" } } })).toBe("2(q数7 − s数5)");
    expect(run({ excess: { of: "p", quota: 5 } })).toBe("0(p数3,未超过定额5)");
    expect(run({ shortfall: { of: "q", quota: 5 } })).toBe("0(q数7,不少于定额5)");
    expect(run({ sum: ["p", "q", "s"] })).toBe("15(p数3 + q数7 + s数5)");
    expect(run({ difference: ["p", "q"] })).toBe("-4(p数3 − q数7)");
    expect(run({ min: ["p", "q", "s"] })).toBe("3(取较小者:p数3、q数7、s数5)");
    expect(run({ max: ["p", "q"] })).toBe("7(取较大者:p数3、q数7)");
  });

  it("a derived fact may read another, and a missing input is reported as itself", () => {
    const rs = compile(
      perOn([
        ...counts("m1", "m2", "m3"),
        { id: "t", label: "合计", type: "count", derive: { sum: ["m1", "m2", "m3"] } },
        { id: "d", label: "少报", type: "count", derive: { shortfall: { of: "t", quota: 10 } } },
      ] as never) as never,
    );
    const r = score(rs, { m1: 1, m2: 2, m3: 3 });
    expect(r.total.toFixed()).toBe("6");
    expect(xFacts(r)).toEqual({ d: "4(定额10 − 合计6)" });
    const missing = scoreUnit(rs, { id: "u", facts: { m1: 1, m2: 2 } });
    expect(!missing.ok && missing.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_MISSING_FACT", "facts.m3"],
    ]);
    const given = scoreUnit(rs, { id: "u", facts: { m1: 1, m2: 2, m3: 3, t: 6 } });
    expect(!given.ok && given.issues.map((i) => i.code)).toEqual(["F_DERIVED_GIVEN"]);
  });

  it("a derived count that is not whole, or a rate above 100%, is refused", () => {
    const rs = compile(
      perOn([
        { id: "a", label: "a", type: "number" },
        { id: "d", label: "d", type: "count", derive: { sum: ["a", "a"] } },
      ] as never) as never,
    );
    const r = scoreUnit(rs, { id: "u", facts: { a: "0.25" } });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["F_DERIVED"]);
    const over = scoreUnit(rateOf({ ratio: ["a", "b"], percent: true, ifZero: 100 }), {
      id: "u",
      facts: { a: 21, b: 20 },
    });
    expect(!over.ok && over.issues.map((i) => i.code)).toEqual(["F_DERIVED"]);
  });

  it("an input not applicable makes the derived fact not applicable", () => {
    const rs = rateOf({ ratio: ["a", "b"], percent: true, ifZero: 100 });
    const na = compile({
      ...rs.source,
      facts: rs.source.facts.map((f) => (f.id === "b" ? { ...f, missing: "not-applicable" } : f)),
    } as never);
    const r = score(na, { a: 3 });
    expect(r.total.toFixed()).toBe("100");
    expect(r.trace.find((e) => e.rule === "x1")?.kind).toBe("not-applicable");
  });
});

describe("derived facts: the checks", () => {
  const withFacts = (facts: unknown[]) => perOn(facts as Facts);
  it("unknown and non-numeric inputs, misplaced fields, a rate not in percent", () => {
    expect(
      codes(
        withFacts([
          ...counts("n"),
          { id: "b", label: "b", type: "boolean" },
          { id: "d", label: "d", type: "count", derive: { sum: ["n", "zz", "b"], percent: true } },
        ]),
      ),
    ).toEqual(["E_MISPLACED", "E_UNDECLARED_FACT", "E_FACT_KIND"]);
    expect(
      codes(
        withFacts([
          ...counts("n", "m"),
          { id: "r", label: "r", type: "rate", derive: { ratio: ["n", "m"] } },
          { id: "d", label: "d", type: "count", derive: { min: ["n", "m"] }, default: 1 },
        ]),
      ),
    ).toEqual(["E_REQUIRED", "E_FACT_DECLARATION", "E_FACT_DECLARATION", "W_UNUSED_FACT"]);
  });

  it("a cycle among derived facts, or a fact reading itself", () => {
    expect(
      codes(
        withFacts([
          ...counts("n"),
          { id: "d", label: "d", type: "count", derive: { sum: ["n", "e"] } },
          { id: "e", label: "e", type: "count", derive: { sum: ["n", "d"] } },
        ]),
      ),
    ).toEqual(["E_DERIVE_CYCLE"]);
    expect(
      codes(withFacts([{ id: "d", label: "d", type: "count", derive: { sum: ["d", "d"] } }])),
    ).toContain("E_DERIVE_CYCLE");
  });

  it("a derived fact no clause reads is W_UNUSED_FACT; its inputs are read by it", () => {
    expect(
      codes(
        withFacts([
          ...counts("d", "n"),
          { id: "t", label: "t", type: "count", derive: { sum: ["n", "n"] } },
        ]),
      ),
    ).toEqual(["W_UNUSED_FACT"]);
  });
});

describe("derived facts: exact arithmetic", () => {
  const MODES: RoundingMode[] = [
    "half-up",
    "half-even",
    "half-down",
    "up",
    "down",
    "ceil",
    "floor",
  ];
  const big = (n: number) => BigInt(n);

  it("a terminating quotient is exact; one that does not terminate is null", () => {
    expect(exactQuotient(19n, 20n)?.toFixed()).toBe("0.95");
    expect(exactQuotient(-1n, 1024n)?.toFixed()).toBe("-0.0009765625");
    expect(exactQuotient(2n, 3n)).toBeNull();
    expect(roundedQuotient(-5n, 2n, 0, "half-even").toFixed()).toBe("-2");
    expect(roundedQuotient(-5n, 2n, 0, "half-up").toFixed()).toBe("-3");
    expect(roundedQuotient(-1n, 3n, 1, "ceil").toFixed()).toBe("-0.3");
    expect(roundedQuotient(-1n, 3n, 1, "floor").toFixed()).toBe("-0.4");
  });

  it("property: the derived ratio equals the arithmetic done with Decimal directly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100000, max: 100000 }),
        fc.integer({ min: 1, max: 100000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...MODES),
        (n, d, places, mode) => {
          const q = new Decimal(n).dividedBy(d);
          expect(roundedQuotient(big(n), big(d), places, mode).toFixed()).toBe(
            roundTo(q, places, mode).toFixed(),
          );
          const exact = exactQuotient(big(n), big(d));
          if (exact) expect(exact.equals(q)).toBe(true);
          else {
            // Not exact: the reduced denominator has a prime factor other than 2 and 5.
            let g = Math.abs(n);
            for (let y = d; y; ) [g, y] = [y, g % y];
            let rest = d / g;
            while (rest % 2 === 0) rest /= 2;
            while (rest % 5 === 0) rest /= 5;
            expect(rest).toBeGreaterThan(1);
          }
        },
      ),
    );
  });

  it("property: a scored unit's derived facts equal Decimal arithmetic on its inputs", () => {
    // r = a ÷ (a + b) in percent, rounded to 4 places half-even; the step clause deducts 100 − r
    // from 100, so the total is r rounded at the total (2 places, half-up).
    const rs = stepOn([
      ...counts("a", "b"),
      { id: "s", label: "s", type: "count", derive: { sum: ["a", "b"] } },
      {
        id: "r",
        label: "r",
        type: "rate",
        derive: {
          ratio: ["a", "s"],
          percent: true,
          ifZero: 100,
          round: { places: 4, mode: "half-even" },
        },
      },
    ] as never);
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (a, b) => {
        const r = score(rs, { a, b });
        const s = new Decimal(a).plus(b);
        const rate = s.isZero()
          ? new Decimal(100)
          : roundTo(new Decimal(a).times(100).dividedBy(s), 4, "half-even");
        expect(r.total.toFixed()).toBe(roundTo(rate, 2, "half-up").toFixed());
      }),
    );
  });
});
