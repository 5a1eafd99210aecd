import { describe, expect, it } from "vitest";
import { cohortRuleSet, plain, ref, reported } from "../../../test/helpers.js";
import { scoreCohort } from "../../cohort/cohort.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { compileQuota, quotaWords } from "./compile.js";
import type { QuotaEffect } from "./effect.js";

// K2: the cohort's `quotas`, a grade limited to a share of the units. Applying them by rank is in
// src/cohort/cohort-grades.ts (applyQuotas); ties across the line in src/cohort/cohort.test.ts.

const quota = (extra: Record<string, unknown> = {}) => ({
  id: "优秀比例",
  grade: "优秀",
  maxPercent: "20",
  scope: "all" as const,
  count: "floor" as const,
  ties: "demote-all" as const,
  demoteTo: "良好",
  text: "优秀比例不超过20%",
  ref,
  ...extra,
});

describe("K2 quota", () => {
  it("compiles once: its share parsed, its source left to the lint", () => {
    expect(plain(compileQuota(quota()))).toEqual({
      id: "优秀比例",
      grade: "优秀",
      maxPercent: "20",
      scope: "all",
      count: "floor",
      ties: "demote-all",
      demoteTo: "良好",
      text: "优秀比例不超过20%",
    });
  });

  it("says why a grade was lowered: the quota, the group, the unit's rank and a tie at the line", () => {
    const e: QuotaEffect = {
      type: "quota",
      text: "优秀比例不超过20%",
      units: 10,
      grade: "优秀",
      max: 2,
      rank: 3,
      tied: false,
      demoteTo: "良好",
    };
    expect(quotaWords(e)).toBe(
      "优秀比例不超过20%:共10个单位,优秀限2个;本单位排名第3,等次由优秀调整为良好",
    );
    expect(quotaWords({ ...e, rank: 2, tied: true })).toBe(
      "优秀比例不超过20%:共10个单位,优秀限2个;本单位排名第2(与他单位并列,跨越名额线),等次由优秀调整为良好",
    );
  });

  it("gives a demoted unit those words as its gradeNote, the group counted per category with scope category", () => {
    // Counties 100, 99, 98 (all 优秀), a city at 85 (良好): 40% of 3 counties, rounded, is 1.
    const units = [
      { id: "A", category: "county", facts: { n: 0 } },
      { id: "B", category: "county", facts: { n: 1 } },
      { id: "C", category: "county", facts: { n: 2 } },
      { id: "D", category: "city", facts: { n: 15 } },
    ];
    const rs = cohortRuleSet({
      ranking: { ties: "shared" },
      quotas: [quota({ maxPercent: 40, scope: "category", count: "round" })],
    });
    const r = scoreCohort(compileRuleSet(rs), units);
    const by = Object.fromEntries(r.units.map((x) => [x.unit, [x.grade, x.gradeNote ?? null]]));
    const note = (rank: number) =>
      quotaWords({
        type: "quota",
        text: "优秀比例不超过20%",
        units: 3,
        grade: "优秀",
        max: 1,
        rank,
        tied: false,
        demoteTo: "良好",
      });
    expect(by).toEqual({
      A: ["优秀", null],
      B: ["良好", note(2)],
      C: ["良好", note(3)],
      D: ["良好", null],
    });
  });

  it("lints its grades and its share", () => {
    expect(
      reported(
        cohortRuleSet({
          ranking: { ties: "shared" },
          quotas: [quota({ grade: "特优", maxPercent: 120 })],
        }),
      ).map(([code, path]) => `${code} ${path}`),
    ).toEqual(["E_UNKNOWN_REF cohort.quotas.0.grade", "E_OUT_OF_RANGE cohort.quotas.0.maxPercent"]);
  });
});
