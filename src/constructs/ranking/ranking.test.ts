import { describe, expect, it } from "vitest";
import { cohortRuleSet, ref, reported } from "../../../test/helpers.js";
import { scoreCohort } from "../../cohort/cohort.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { compileRanking } from "./compile.js";

// K1: the cohort's `ranking`. Ranking the units is in src/cohort/cohort-rank.ts; the tie
// policies over a worked example are in src/cohort/cohort.test.ts.

const ranks = (r: ReturnType<typeof scoreCohort>) =>
  Object.fromEntries(r.units.map((x) => [x.unit, x.rank]));

describe("K1 ranking", () => {
  it("compiles with its defaults made explicit, tie-breakers kept as stated", () => {
    expect(compileRanking({ ties: "shared" })).toEqual({
      ties: "shared",
      breakBy: [],
      places: null,
    });
    expect(compileRanking({ ties: "break", breakBy: ["甲"], places: 0 })).toEqual({
      ties: "break",
      breakBy: ["甲"],
      places: 0,
    });
    // A rule set without a cohort section is ranked with ties shared.
    const { cohort: _, ...rest } = cohortRuleSet({ ranking: { ties: "dense" } });
    expect(compileRuleSet(rest as never).cohort.ranking).toEqual(
      compileRanking({ ties: "shared" }),
    );
  });

  it("compares scores at the stated places, rounded as the policy rounds", () => {
    const half = cohortRuleSet({ ranking: { ties: "shared" } }, {
      facts: [{ id: "n", label: "问题", type: "count", missing: "zero" }],
      tree: [
        {
          id: "甲",
          title: "甲",
          points: 100,
          clauses: [{ id: "甲1", type: "per", fact: "n", each: 0.5, text: "每处扣0.5分", ref }],
        },
      ],
    } as never);
    const units = [
      { id: "A", category: "county", facts: { n: 1 } },
      { id: "B", category: "county", facts: { n: 0 } },
      { id: "C", category: "city", facts: { n: 3 } },
    ];
    // 99.5, 100 and 98.5: apart as reported; at 0 places (half-up) A and B tie at 100.
    expect(ranks(scoreCohort(compileRuleSet(half), units))).toEqual({ A: 2, B: 1, C: 3 });
    const at0 = { ...half, cohort: { ranking: { ties: "shared" as const, places: 0 } } };
    expect(ranks(scoreCohort(compileRuleSet(at0), units))).toEqual({ A: 1, B: 1, C: 3 });
  });

  it("lints tie-breakers that are not nodes, and tie-breakers never read", () => {
    expect(reported(cohortRuleSet({ ranking: { ties: "break", breakBy: ["甲", "丙"] } }))).toEqual([
      ["E_UNKNOWN_REF", "cohort.ranking.breakBy.1"],
    ]);
    expect(reported(cohortRuleSet({ ranking: { ties: "dense", breakBy: ["甲"] } }))).toEqual([
      ["W_UNREACHABLE", "cohort.ranking.breakBy"],
    ]);
    expect(reported(cohortRuleSet({ ranking: { ties: "break", breakBy: ["甲"] } }))).toEqual([]);
  });
});
