import { describe, expect, it } from "vitest";
import { cohortRuleSet, plain } from "../../../test/helpers.js";
import { scoreCohort } from "../../cohort/cohort.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { compileStatistics } from "./compile.js";

// K3: the cohort's `statistics`. Computing them is in src/cohort/cohort-stats.ts, with the
// previous run's in cohort-stats.test.ts; they have nothing to lint beyond the schema.

describe("K3 statistics", () => {
  it("compiles its lines once; without a section, no lines and 2 places", () => {
    expect(plain(compileStatistics({ lines: ["90", 80.5], places: 1 }))).toEqual({
      lines: ["90", "80.5"],
      places: 1,
    });
    expect(compileStatistics(undefined)).toEqual({ lines: [], places: 2 });
  });

  it("rounds the mean and median to its places and counts units at or above each line, as written", () => {
    // 100, 99 and 97: mean 98.666…, median 99.
    const units = ["A", "B", "C"].map((id, i) => ({
      id,
      category: "county",
      facts: { n: [0, 1, 3][i] },
    }));
    const stats = (statistics?: { lines?: (number | string)[]; places: number }) =>
      plain(
        scoreCohort(
          compileRuleSet(
            cohortRuleSet({ ranking: { ties: "shared" }, ...(statistics ? { statistics } : {}) }),
          ),
          units,
        ).statistics.all,
      );
    expect(stats({ lines: ["99.0", 98], places: 1 })).toMatchObject({
      mean: "98.7",
      median: "99",
      atOrAbove: [
        { line: "99", count: 2 },
        { line: "98", count: 2 },
      ],
    });
    expect(stats()).toMatchObject({ mean: "98.67", atOrAbove: [] });
  });
});
