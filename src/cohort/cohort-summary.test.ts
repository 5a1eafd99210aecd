import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortRuleSet, perItem, ref } from "../../test/helpers.js";
import { sharedJSON } from "../../test/summary-compare.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import type { UnitResult } from "../evaluate/types.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { scoreCohort, scoreCohortSummary } from "./cohort.js";
import { nodesRead, summarise } from "./cohort-summary.js";

type Cohort = NonNullable<RuleSetInput["cohort"]>;

// Generated cohorts: a two-item rule set with half-point deductions (scores with a decimal
// place, many ties), every cohort construct switched on or off at random, units with parents,
// previous runs with ranks. scoreCohortSummary must give what scoreCohort gives.

const ruleSet = (cohort: Cohort, thresholds: boolean) =>
  compileRuleSet(
    cohortRuleSet(cohort, {
      tree: [perItem("甲", "a", 1.5), perItem("乙", "n", 0.5)],
      ...(thresholds
        ? {
            thresholds: [
              { id: "T1", of: "total", lt: 85, flag: "约谈", text: "低于85分的,约谈", ref },
              {
                id: "T2",
                of: { node: "甲" },
                lte: 45,
                flag: "甲项提醒",
                text: "甲项不高于45分",
                ref,
              },
            ],
          }
        : {}),
    } as Partial<RuleSetInput>),
  );

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const cohortArb: fc.Arbitrary<Cohort> = fc
  .record({
    ties: fc.constantFrom("shared", "dense", "break"),
    places: maybe(fc.constantFrom(0, 1)),
    quota: maybe(
      fc.record({
        maxPercent: fc.integer({ min: 0, max: 60 }),
        scope: fc.constantFrom("all", "category"),
        count: fc.constantFrom("floor", "ceil", "round"),
        ties: fc.constantFrom("demote-all", "keep-all"),
      }),
    ),
    top: maybe(
      fc.record({ top: fc.integer({ min: 1, max: 4 }), scope: fc.constantFrom("all", "category") }),
    ),
    lines: maybe(fc.constantFrom([90, 80], [85.5], [])),
    linked: fc.boolean(),
    convert: fc.boolean(),
    comparison: fc.boolean(),
  })
  .map((g) => ({
    ranking: {
      ties: g.ties as "shared" | "dense" | "break",
      ...(g.ties === "break" ? { breakBy: ["甲"] } : {}),
      ...(g.places !== undefined ? { places: g.places } : {}),
    },
    ...(g.quota
      ? {
          quotas: [
            { id: "q", grade: "优秀", demoteTo: "良好", text: "优秀比例有限", ref, ...g.quota },
          ],
        }
      : {}),
    ...(g.top ? { outcomes: [{ id: "o", flag: "先进单位", text: "前几名", ref, ...g.top }] } : {}),
    ...(g.lines ? { statistics: { lines: g.lines, places: 2 } } : {}),
    ...(g.linked
      ? { linked: [{ id: "L", category: "city", own: 50, children: 50, text: "各占50%", ref }] }
      : {}),
    ...(g.convert ? { convert: { to: 4, places: 3, mode: "half-up", text: "折算", ref } } : {}),
    ...(g.comparison
      ? {
          comparison: {
            progress: { rankUp: 1, scoreUp: 2, flag: "进步明显" },
            rankChange: { upAtLeast: 2, add: 0.5, downAtLeast: 2, deduct: 1, text: "位次", ref },
          },
        }
      : {}),
  })) as fc.Arbitrary<Cohort>;

const unitsArb = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[A-H][0-9]$/),
      n: fc.integer({ min: 0, max: 60 }),
      a: fc.integer({ min: 0, max: 8 }),
      city: fc.boolean(),
      parent: fc.nat(),
      prev: maybe(
        fc.record({
          total: fc.integer({ min: 500, max: 1000 }),
          rank: fc.integer({ min: 1, max: 20 }),
        }),
      ),
    }),
    { selector: (x) => x.id, minLength: 1, maxLength: 16 },
  )
  .map((list) => {
    const cities = list.filter((x) => x.city).map((x) => x.id);
    const units = list.map((x) => ({
      id: x.id,
      category: x.city ? "city" : "county",
      facts: { n: x.n, a: x.a },
      // A county under a city (sometimes one that is not in the cohort).
      ...(!x.city && x.parent % 4 !== 3
        ? { parent: cities[x.parent % (cities.length + 1)] ?? "Z9" }
        : {}),
    }));
    const previous = {
      units: list.flatMap((x) =>
        x.prev ? [{ id: x.id, total: String(x.prev.total / 10), rank: x.prev.rank }] : [],
      ),
    };
    return { units, previous };
  });

describe("scoreCohortSummary on generated cohorts", () => {
  it("gives every rank, grade, flag, statistic, linked score and comparison scoreCohort gives", () => {
    fc.assert(
      fc.property(cohortArb, fc.boolean(), unitsArb, fc.boolean(), (cohort, th, g, withPrev) => {
        const rs = ruleSet(cohort, th);
        const options = withPrev ? { previous: g.previous } : {};
        const reads = nodesRead(rs);
        expect(sharedJSON(scoreCohortSummary(rs, g.units, options), reads)).toBe(
          sharedJSON(scoreCohort(rs, g.units, options), reads),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("what a summary keeps", () => {
  // Survivors of the mutation run on cohort-summary.ts judged equivalent: scoring with the trace
  // switched off or left as given (a summary carries no explanation either way), and a fresh
  // empty object for the nodes instead of the shared frozen one (equal by value).
  it("reads the tie-breakers and the nodes thresholds are on, never a threshold on the total", () => {
    const cohort = {
      ranking: { ties: "break" as const, breakBy: ["乙"] },
    };
    expect(nodesRead(ruleSet(cohort, true))).toEqual(["乙", "甲"]);
    expect(nodesRead(ruleSet({ ranking: { ties: "shared" } }, true))).toEqual(["甲"]);
    expect(nodesRead(ruleSet({ ranking: { ties: "shared" } }, false))).toEqual([]);
  });

  const result = (over: Partial<UnitResult> = {}): UnitResult => {
    const rs = ruleSet({ ranking: { ties: "shared" } }, true);
    const r = scoreUnit(rs, { id: "A", category: "county", facts: { n: 2, a: 1 } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return { ...(r as UnitResult), ...over };
  };

  it("keeps the score of each node read that the unit has, and no other", () => {
    const r = result();
    const s = summarise(r, ["甲", "无此项"]);
    expect(s.nodes).toEqual({ 甲: { score: r.nodes.甲?.score } });
    expect(summarise(r, []).nodes).toEqual({});
  });

  it("keeps the unit's warnings when it has some, and has no warnings key otherwise", () => {
    const plain = result();
    expect(plain.warnings).toBeUndefined();
    expect("warnings" in summarise(plain, [])).toBe(false);
    const warned = result({
      warnings: [{ code: "W_RATE_SCALE", severity: "warning", path: ["facts", "a"], message: "m" }],
    });
    expect(summarise(warned, []).warnings).toBe(warned.warnings);
  });
});
