import { describe, expect, it } from "vitest";
import { cohortRuleSet, rankChange } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { dstr } from "../decimal.js";
import { scoreCohort } from "./cohort.js";
import { previousRanks } from "./cohort-previous.js";

// K4: rank-change points and the comparison with the previous run (src/cohort/cohort-previous.ts):
// both lines met exactly, units the previous run has no rank for, units not scored.

const rules = compileRuleSet(
  cohortRuleSet({
    ranking: { ties: "shared" },
    comparison: {
      progress: { rankUp: 2, flag: "进步明显" },
      rankChange,
    },
  }),
);
const u = (id: string, n: number | string) => ({ id, category: "county", facts: { n } });
const d = (x: Parameters<typeof dstr>[0] | null | undefined) => (x ? dstr(x) : null);

describe("K4 against the previous run", () => {
  // Now A 100, B 98, C 96, D 94, E 92 (ranks 1–5), F not scored.
  const units = [u("A", 0), u("B", 2), u("C", 4), u("D", 6), u("E", 8), u("F", "many")];
  const previous = {
    units: [
      { id: "A", total: 95, rank: 3 },
      { id: "B", total: 97, rank: 2 },
      { id: "C", total: 99, rank: 1 },
      { id: "D", total: 94, rank: 4 },
      { id: "E", total: 90 },
      { id: "F", total: 80, rank: 5 },
    ],
  };

  it("adds at exactly the rise, deducts at exactly the fall; no rank before or now: nothing", () => {
    const r = scoreCohort(rules, units, { previous });
    expect(
      r.units.map((x) => [
        x.unit,
        d(x.score),
        x.rank,
        x.rankChange
          ? [x.rankChange.previousRank, x.rankChange.rankBefore, dstr(x.rankChange.points)]
          : null,
      ]),
    ).toEqual([
      ["A", "101", 1, [3, 1, "1"]],
      ["B", "98", 2, [2, 2, "0"]],
      ["C", "95", 3, [1, 3, "-1"]],
      ["D", "94", 4, [4, 4, "0"]],
      ["E", "92", 5, null],
      ["F", null, null, null],
    ]);
  });

  it("compares the final score and rank; a rise of exactly rankUp earns the flag", () => {
    const r = scoreCohort(rules, units, { previous });
    expect(
      r.units.map((x) => [
        x.unit,
        x.change
          ? [
              dstr(x.change.previousTotal),
              dstr(x.change.scoreDelta),
              x.change.previousRank,
              x.change.rankDelta,
            ]
          : null,
        x.flags,
      ]),
    ).toEqual([
      ["A", ["95", "6", 3, 2], ["进步明显"]],
      ["B", ["97", "1", 2, 0], []],
      ["C", ["99", "-4", 1, -2], []],
      ["D", ["94", "0", 4, 0], []],
      ["E", ["90", "2", null, null], []],
      ["F", null, []],
    ]);
  });

  it("without previous ranks no points are given, and previousRanks keeps only the ranked", () => {
    const totals = { units: previous.units.map(({ id, total }) => ({ id, total })) };
    const r = scoreCohort(rules, units, { previous: totals });
    expect(r.units.map((x) => [x.unit, d(x.score), x.rankChange ?? null])).toEqual([
      ["A", "100", null],
      ["B", "98", null],
      ["C", "96", null],
      ["D", "94", null],
      ["E", "92", null],
      ["F", null, null],
    ]);
    expect([...previousRanks(previous)]).toEqual([
      ["A", 3],
      ["B", 2],
      ["C", 1],
      ["D", 4],
      ["F", 5],
    ]);
    expect([...previousRanks(undefined)]).toEqual([]);
  });

  it("progress by points alone reads no rank, and previous ranks without a rank-change rule add nothing", () => {
    const byPoints = compileRuleSet(
      cohortRuleSet({
        ranking: { ties: "shared" },
        comparison: { progress: { scoreUp: 3, flag: "进步明显" } },
      }),
    );
    const r = scoreCohort(byPoints, units, { previous });
    // A gained 5 points (flagged); B, D and E kept their rank or have none: no flag for that.
    expect(r.units.map((x) => [x.unit, d(x.score), x.rankChange ?? null, x.flags])).toEqual([
      ["A", "100", null, ["进步明显"]],
      ["B", "98", null, []],
      ["C", "96", null, []],
      ["D", "94", null, []],
      ["E", "92", null, []],
      ["F", null, null, []],
    ]);
  });
});
