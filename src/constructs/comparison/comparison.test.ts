import { describe, expect, it } from "vitest";
import { cohortRuleSet, plain, ref, reported } from "../../../test/helpers.js";
import { scoreCohort } from "../../cohort/cohort.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { compileComparison } from "./compile.js";

// K4: the cohort's `comparison` with the previous run. Comparing is in
// src/cohort/cohort-previous.ts; rank-change points over a worked example in
// src/cohort/cohort.test.ts.

const rankChange = {
  upAtLeast: 2,
  add: "0.5",
  downAtLeast: 2,
  deduct: 1,
  text: "位次较上一年度后退2位以上的扣1分…进步2位以上的加0.5分",
  ref,
};

describe("K4 comparison", () => {
  it("compiles once: points parsed, what is not stated null", () => {
    expect(compileComparison(undefined)).toEqual({ progress: null, rankChange: null });
    expect(
      plain(compileComparison({ progress: { scoreUp: "2.5", flag: "进步明显" }, rankChange })),
    ).toEqual({
      progress: { rankUp: null, scoreUp: "2.5", flag: "进步明显" },
      rankChange: { upAtLeast: 2, add: "0.5", downAtLeast: 2, deduct: "1" },
    });
  });

  it("flags progress by points gained, at least scoreUp", () => {
    const previous = {
      units: [
        { id: "A", total: "95.5" },
        { id: "B", total: 96 },
      ],
    };
    const r = scoreCohort(
      compileRuleSet(
        cohortRuleSet({
          ranking: { ties: "shared" },
          comparison: { progress: { scoreUp: "2.5", flag: "进步明显" } },
        }),
      ),
      [
        { id: "A", category: "county", facts: { n: 2 } },
        { id: "B", category: "county", facts: { n: 2 } },
      ],
      { previous },
    );
    // Both at 98 now: A gained 2.5 (flagged), B 2.
    expect(r.units.map((x) => [x.unit, x.change?.scoreDelta.toFixed(), x.flags])).toEqual([
      ["A", "2.5", ["进步明显"]],
      ["B", "2", []],
    ]);
  });

  it("lints the source of rank-change points", () => {
    const rs = (doc: string) =>
      cohortRuleSet({
        ranking: { ties: "shared" },
        comparison: { rankChange: { ...rankChange, ref: { doc } } },
      });
    expect(reported(rs("doc"))).toEqual([]);
    expect(reported(rs("无"))).toEqual([["E_UNKNOWN_REF", "cohort.comparison.rankChange.ref.doc"]]);
  });
});
