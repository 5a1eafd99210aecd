import { describe, expect, it } from "vitest";
import { cohortRuleSet, plain, ref, reported } from "../../../test/helpers.js";
import { scoreCohort } from "../../cohort/cohort.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { compileConvert } from "./compile.js";

// K7: the cohort's `convert`, the final score into a larger system. Converting is in
// src/cohort/cohort-grades.ts (convertScores); a full score of 0 in test/lint-codes.test.ts.

const convert = {
  to: "4",
  places: 2,
  mode: "half-up" as const,
  text: "以不低于4%的分值权重纳入被考核单位年度目标绩效考核",
  ref,
};

describe("K7 convert", () => {
  it("compiles once: its points parsed", () => {
    expect(plain(compileConvert(convert))).toEqual({ to: "4", places: 2, mode: "half-up" });
  });

  it("converts the final score in proportion to the full score, rounded as stated", () => {
    const converted = (to: string, mode: "half-up" | "down") =>
      scoreCohort(
        compileRuleSet(
          cohortRuleSet({ ranking: { ties: "shared" }, convert: { ...convert, to, mode } }),
        ),
        [{ id: "A", category: "county", facts: { n: 11, a: 2 } }],
      ).units[0]?.converted?.toFixed();
    // 87 of 100 at 4 points is 3.48; at 4.1 points 3.567, rounded half-up or down.
    expect(converted("4", "half-up")).toBe("3.48");
    expect([converted("4.1", "half-up"), converted("4.1", "down")]).toEqual(["3.57", "3.56"]);
  });

  it("lints its source", () => {
    expect(
      reported(
        cohortRuleSet({ ranking: { ties: "shared" }, convert: { ...convert, ref: { doc: "无" } } }),
      ),
    ).toEqual([["E_UNKNOWN_REF", "cohort.convert.ref.doc"]]);
  });
});
