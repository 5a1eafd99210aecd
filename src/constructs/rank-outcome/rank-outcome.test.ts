import { describe, expect, it } from "vitest";
import { cohortRuleSet, ref, reported } from "../../../test/helpers.js";
import { scoreCohort } from "../../cohort/cohort.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { compileRankOutcome } from "./compile.js";

// K9: the cohort's `outcomes`, flags for the top places. Giving them is in
// src/cohort/cohort-grades.ts (rankOutcomes); ties at the line in src/cohort/cohort.test.ts.

const outcome = (extra: Record<string, unknown> = {}) => ({
  id: "先进",
  top: 2,
  scope: "all" as const,
  flag: "先进单位",
  text: "县考核得分排名前2名……为先进单位",
  ref,
  ...extra,
});
const unit = (id: string, n: number, category: string) => ({ id, category, facts: { n } });

describe("K9 rank outcomes", () => {
  it("compiles its categories into a set, none into null", () => {
    const o = compileRankOutcome(outcome({ categories: ["county"] }));
    expect(o).toEqual({
      id: "先进",
      flag: "先进单位",
      top: 2,
      scope: "all",
      categories: new Set(["county"]),
    });
    expect(compileRankOutcome(outcome()).categories).toBeNull();
  });

  it("flags the top places, only in the categories named, by rank in the category with scope category", () => {
    const units = [unit("市", 0, "city"), unit("甲县", 1, "county"), unit("乙县", 2, "county")];
    const flagged = (o: ReturnType<typeof outcome>) =>
      scoreCohort(
        compileRuleSet(cohortRuleSet({ ranking: { ties: "shared" }, outcomes: [o] })),
        units,
      )
        .units.filter((x) => x.flags.includes("先进单位"))
        .map((x) => x.unit);
    expect(flagged(outcome())).toEqual(["市", "甲县"]);
    // 市 ranks 1st but is no county: 甲县 (2nd) gets it, 乙县 (3rd) does not.
    expect(flagged(outcome({ categories: ["county"] }))).toEqual(["甲县"]);
    // Within the category, 甲县 and 乙县 are 1st and 2nd of the counties.
    expect(flagged(outcome({ scope: "category", categories: ["county"] }))).toEqual([
      "甲县",
      "乙县",
    ]);
  });

  it("lints its id among the rules', its source and its categories", () => {
    const quota = {
      id: "先进",
      grade: "优秀",
      maxPercent: 20,
      scope: "all",
      count: "floor",
      ties: "keep-all",
      demoteTo: "良好",
      text: "优秀比例不超过20%",
      ref: { doc: "无此文件" },
    } as const;
    expect(
      reported(
        cohortRuleSet({
          ranking: { ties: "shared" },
          outcomes: [outcome({ categories: ["town"] })],
          quotas: [quota],
        }),
      ),
    ).toEqual([
      ["E_UNKNOWN_REF", "cohort.outcomes.0.only.0"],
      // The quota's id is the outcome's: the later rule is the duplicate.
      ["E_DUPLICATE_ID", "cohort.quotas.0.id"],
      ["E_UNKNOWN_REF", "cohort.quotas.0.ref.doc"],
    ]);
  });
});
