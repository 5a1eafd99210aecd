import { describe, expect, it } from "vitest";
import { cohortRuleSet, ref } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { dstr } from "../decimal.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { scoreCohort } from "./cohort.js";
import { byCategory, byId, categoryOf } from "./cohort-rank.js";

// K1: ranking a cohort (src/cohort/cohort-rank.ts). Written against the survivors of a mutation
// run on cohort-rank.ts (docs/reliability.md): the order of the result, tie-breakers read only
// when ties are broken, a second tie-breaker, ranks within a category, units without a score.

type Cohort = NonNullable<RuleSetInput["cohort"]>;

/** Three items (甲 40, 乙 30, 丙 30 points), 1 point off per finding of a, b and c. */
const three = (cohort: Cohort) =>
  compileRuleSet(
    cohortRuleSet(cohort, {
      facts: [
        { id: "a", label: "甲问题", type: "count", missing: "zero" },
        { id: "b", label: "乙问题", type: "count", missing: "zero" },
        { id: "c", label: "丙问题", type: "count", missing: "zero" },
      ],
      tree: (
        [
          ["甲", "a", 40],
          ["乙", "b", 30],
          ["丙", "c", 30],
        ] as const
      ).map(([id, fact, points]) => ({
        id,
        title: id,
        points,
        clauses: [{ id: `${id}1`, type: "per", fact, each: 1, text: "每处扣1分", ref }],
      })),
    } as never),
  );
const u = (id: string, a: number, b: number, c: number, category = "county") => ({
  id,
  category,
  facts: { a, b, c },
});
const places = (r: ReturnType<typeof scoreCohort>) =>
  r.units.map((x) => [x.unit, x.score === null ? null : dstr(x.score), x.rank, x.categoryRank]);

describe("K1 ranking (cohort-rank.ts)", () => {
  // P 97 (甲 38, 乙 29), Q 97 (甲 38, 乙 30), R 97 (甲 40), S 95, T 95 (city), unscored X and W.
  const units = [
    u("T", 0, 5, 0, "city"),
    { id: "X", category: "county", facts: { a: "many" } },
    u("S", 5, 0, 0),
    u("Q", 2, 0, 1),
    { id: "W", facts: { a: "many" } },
    u("R", 0, 1, 2),
    u("P", 2, 1, 0),
  ];

  it("orders the result by rank, then id; units without a score last, in id order", () => {
    const r = scoreCohort(three({ ranking: { ties: "shared" } }), units);
    expect(places(r)).toEqual([
      ["P", "97", 1, 1],
      ["Q", "97", 1, 1],
      ["R", "97", 1, 1],
      ["S", "95", 4, 4],
      ["T", "95", 4, 1],
      ["W", null, null, null],
      ["X", null, null, null],
    ]);
  });

  it("dense ranks count each distinct score once, overall and within a category", () => {
    const r = scoreCohort(three({ ranking: { ties: "dense" } }), units);
    expect(places(r).slice(0, 5)).toEqual([
      ["P", "97", 1, 1],
      ["Q", "97", 1, 1],
      ["R", "97", 1, 1],
      ["S", "95", 2, 2],
      ["T", "95", 2, 1],
    ]);
  });

  it("breaks ties on each sub-score in turn, higher first; a tie left after them is shared", () => {
    const r = scoreCohort(three({ ranking: { ties: "break", breakBy: ["甲", "乙"] } }), [
      ...units,
      u("V", 2, 1, 0),
    ]);
    // 甲: R 40 first; P, Q, V 38 tie; 乙: Q 30, then P and V 29 (still tied: rank shared);
    // at 95, T (甲 40) before S (甲 35).
    expect(places(r).slice(0, 6)).toEqual([
      ["R", "97", 1, 1],
      ["Q", "97", 2, 2],
      ["P", "97", 3, 3],
      ["V", "97", 3, 3],
      ["T", "95", 5, 1],
      ["S", "95", 6, 5],
    ]);
  });

  it("reads tie-breakers only when ties are broken", () => {
    for (const ties of ["shared", "dense"] as const) {
      const r = scoreCohort(three({ ranking: { ties, breakBy: ["甲"] } }), units);
      expect(r.units.slice(0, 3).map((x) => [x.unit, x.rank])).toEqual([
        ["P", 1],
        ["Q", 1],
        ["R", 1],
      ]);
    }
  });
});

describe("the helpers", () => {
  it("byId orders by code unit, equal ids as equal", () => {
    expect(byId({ unit: "A" }, { unit: "B" })).toBe(-1);
    expect(byId({ unit: "B" }, { unit: "A" })).toBe(1);
    expect(byId({ unit: "A" }, { unit: "A" })).toBe(0);
  });

  it("a unit without a category is grouped under the empty category; categories as first met", () => {
    const p = (unit: string, category: string | null) => ({ unit, category }) as never;
    expect(categoryOf(p("A", null))).toBe("");
    const g = byCategory([p("A", "city"), p("B", null), p("C", "city"), p("D", "county")]);
    expect([...g].map(([c, rs]) => [c, rs.map((r: { unit: string }) => r.unit)])).toEqual([
      ["city", ["A", "C"]],
      ["", ["B"]],
      ["county", ["D"]],
    ]);
  });
});
