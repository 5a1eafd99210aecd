import { describe, expect, it } from "vitest";
import { cohortRuleSet, rankChange, ref } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { dstr } from "../decimal.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { scoreCohort } from "./cohort.js";

// Grades, thresholds, quotas and rank outcomes on the final score (src/cohort/cohort-grades.ts).
// Written against the survivors of a mutation run on cohort-grades.ts (docs/reliability.md).

type Cohort = NonNullable<RuleSetInput["cohort"]>;
const rules = (cohort: Cohort, extra: Partial<RuleSetInput> = {}) =>
  compileRuleSet(cohortRuleSet(cohort, extra));
const u = (id: string, n: number, more: Record<string, unknown> = {}) => ({
  id,
  category: "county",
  facts: { n, ...more },
});

describe("grades and thresholds follow the final score", () => {
  // Own totals: B 95, C 92, A 89, D 80, E 70; A rose from 5th to 3rd: +1 → 90.
  const units = [u("A", 11), u("B", 5), u("C", 8), u("D", 20), u("E", 30)];
  const previous = {
    units: [
      { id: "A", total: 80, rank: 5 },
      { id: "B", total: 95, rank: 1 },
      { id: "C", total: 92, rank: 2 },
      { id: "D", total: 85, rank: 3 },
      { id: "E", total: 84, rank: 4 },
    ],
  };
  const withThresholds = {
    thresholds: [
      { id: "约谈线", of: "total", lt: 90, flag: "约谈", text: "低于90分的约谈", ref },
      { id: "乙低", of: { node: "乙" }, lte: 35, flag: "乙项提醒", text: "乙项不高于35分", ref },
      { id: "优良线", of: "total", gte: 90, flag: "达标", text: "90分以上的达标", ref },
    ],
  } as Partial<RuleSetInput>;

  it("a unit raised across a band's line takes the grade of its final score", () => {
    const r = scoreCohort(
      rules({ ranking: { ties: "shared" }, comparison: { rankChange } }),
      units,
      {
        previous,
      },
    );
    const by = Object.fromEntries(
      r.units.map((x) => [
        x.unit,
        [x.score && dstr(x.score), x.outcome.ok && x.outcome.grade, x.grade],
      ]),
    );
    expect(by.A).toEqual(["90", "良好", "优秀"]);
    expect(by.E).toEqual(["70", "合格", "合格"]);
  });

  it("thresholds on the total are read again on the final score; others keep their flags", () => {
    const r = scoreCohort(
      rules({ ranking: { ties: "shared" }, comparison: { rankChange } }, withThresholds),
      units,
      { previous },
    );
    const flags = Object.fromEntries(
      r.units.map((x) => [x.unit, [x.outcome.ok && x.outcome.flags, x.flags]]),
    );
    // A: 约谈 (its first flag) lifted, 达标 raised; D kept as it was (no change of score).
    expect(flags.A).toEqual([["约谈"], ["达标"]]);
    expect(flags.D).toEqual([
      ["约谈", "乙项提醒"],
      ["约谈", "乙项提醒"],
    ]);
    expect(flags.E).toEqual([
      ["约谈", "乙项提醒"],
      ["约谈", "乙项提醒"],
    ]);
  });

  it("a grade forced by a rule stands over the band of the final score", () => {
    const forced = rules({ ranking: { ties: "shared" } }, {
      facts: [
        { id: "n", label: "问题", type: "count", missing: "zero" },
        { id: "a", label: "分项甲问题", type: "count", missing: "zero" },
        { id: "x", label: "违规", type: "boolean", missing: "zero" },
      ],
      vetoes: [
        { id: "v", type: "override", when: "x", grade: "合格", text: "违规的定为合格", ref },
      ],
    } as never);
    const r = scoreCohort(forced, [u("A", 0, { x: true }), u("B", 0, { x: false })]);
    expect(r.units.map((x) => [x.unit, x.score && dstr(x.score), x.grade])).toEqual([
      ["A", "100", "合格"],
      ["B", "100", "优秀"],
    ]);
  });
});

describe("K2 quotas: how many may keep the grade", () => {
  const quota = (count: "floor" | "ceil" | "round", maxPercent: number) => ({
    ranking: { ties: "shared" as const },
    quotas: [
      {
        id: "q",
        grade: "优秀",
        maxPercent,
        scope: "all" as const,
        count,
        ties: "demote-all" as const,
        demoteTo: "良好",
        text: "优秀比例不超过限额",
        ref,
      },
    ],
  });
  const kept = (c: Cohort, units: ReturnType<typeof u>[]) =>
    scoreCohort(rules(c), units)
      .units.filter((x) => x.grade === "优秀")
      .map((x) => x.unit);
  // Four units, three 优秀 (100, 99, 98) and one 良好.
  const four = [u("A", 0), u("B", 1), u("C", 2), u("D", 15)];

  it("50% of 4 units is 2 whatever the count; 30% is 1.2: floor 1, ceil 2, round 1", () => {
    for (const count of ["floor", "ceil", "round"] as const)
      expect(kept(quota(count, 50), four)).toEqual(["A", "B"]);
    expect(kept(quota("floor", 30), four)).toEqual(["A"]);
    expect(kept(quota("ceil", 30), four)).toEqual(["A", "B"]);
    expect(kept(quota("round", 30), four)).toEqual(["A"]);
  });

  it("37.5% of 4 is 1.5: floor 1, ceil and round (half up) 2", () => {
    expect(kept(quota("floor", 37.5), four)).toEqual(["A"]);
    expect(kept(quota("ceil", 37.5), four)).toEqual(["A", "B"]);
    expect(kept(quota("round", 37.5), four)).toEqual(["A", "B"]);
  });

  it("keeps the best-ranked holders whatever their ids, counted over all categories with scope all", () => {
    // Z 100 and X 98 (counties), Y 99 (a city), W 85: 50% of 4 is 2, so Z and Y keep it.
    const units = [u("W", 15), u("X", 2), { ...u("Y", 1), category: "city" }, u("Z", 0)];
    const r = scoreCohort(rules(quota("floor", 50)), units).units;
    expect(r.map((x) => [x.unit, x.rank, x.grade, x.gradeNote ?? null])).toEqual([
      ["Z", 1, "优秀", null],
      ["Y", 2, "优秀", null],
      ["X", 3, "良好", "优秀比例不超过限额:共4个单位,优秀限2个;本单位排名第3,等次由优秀调整为良好"],
      ["W", 4, "良好", null],
    ]);
  });

  it("as many holders as places: none demoted; a share of none: every holder demoted", () => {
    expect(kept(quota("floor", 75), four)).toEqual(["A", "B", "C"]);
    const none = scoreCohort(rules(quota("floor", 20)), four).units;
    expect(none.map((x) => [x.unit, x.grade])).toEqual([
      ["A", "良好"],
      ["B", "良好"],
      ["C", "良好"],
      ["D", "良好"],
    ]);
    expect(none[0]?.gradeNote).toBe(
      "优秀比例不超过限额:共4个单位,优秀限0个;本单位排名第1,等次由优秀调整为良好",
    );
  });
});
