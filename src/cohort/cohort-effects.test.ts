import { describe, expect, it } from "vitest";
import { compile, fundsRuleSet, perNode, plain, ref, said, stepBelow } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { type CohortEffect, cohortWords } from "../evaluate/cohort-effects.js";
import type { TraceEntry } from "../evaluate/types.js";
import { scoreCohort } from "./cohort.js";

// What the cohort did to a unit (a figure computed over the cohort, K5; a score linked to its
// sub-units', K6) is recorded as data in the entry's `effect`, exact, and its words are made from
// it in one place; the words round for display, the effect does not.

const entries = (trace: readonly TraceEntry[] | false | undefined, kind: TraceEntry["kind"]) =>
  (trace || []).filter((e) => e.kind === kind);

const shareRules = (atLeast: number) =>
  compileRuleSet(
    fundsRuleSet([
      {
        id: "late",
        over: "current",
        compute: { itemShare: { fact: "funds", kind: "详细", atLeast, unitKind: "总表" } },
        text: "全省若干以上已详细公开的",
        ref,
      },
    ]),
  );

describe("cohort effects", () => {
  it("an item share: each item's units, its exact share and whether it reaches the line", () => {
    // Three units: X in detail by one of them (1/3), Y by two (2/3); the line is 50%.
    const r = scoreCohort(shareRules(50), [
      {
        id: "U1",
        facts: {
          funds: [
            { item: "X", kind: "详细" },
            { item: "Y", kind: "详细" },
          ],
        },
      },
      {
        id: "U2",
        facts: {
          funds: [
            { item: "X", kind: "总表" },
            { item: "Y", kind: "详细" },
          ],
        },
      },
      {
        id: "U3",
        facts: {
          funds: [
            { item: "X", kind: "总表" },
            { item: "Y", kind: "总表" },
          ],
        },
      },
    ]);
    const e = r.figures[0]?.effect as CohortEffect;
    expect(plain(e)).toEqual({
      type: "item-share",
      kind: "详细",
      of: 3,
      atLeast: "50",
      items: [
        {
          item: "X",
          units: 1,
          share: "33.333333333333333333333333333333333333333333333333",
          over: false,
        },
        {
          item: "Y",
          units: 2,
          share: "66.666666666666666666666666666666666666666666666667",
          over: true,
        },
      ],
    });
    expect(cohortWords(e)).toBe("全体3个单位中详细的比例:X:1/3=33.33%;Y:2/3=66.67%≥50%");
    expect(said(r.figures[0])).toBe(cohortWords(e));
    // The unit's entry carries the same effect, and its value follows from it (Y only, for U3).
    const u3 = r.units.find((x) => x.unit === "U3")?.outcome;
    const [head] = entries(u3?.ok && u3.trace, "cohort");
    expect(head?.effect).toBe(e);
    expect(head?.facts).toEqual({ late: "1" });
    expect(said(head)).toBe(cohortWords(e));
  });

  it("no item at all is said as 无", () => {
    const r = scoreCohort(shareRules(50), [{ id: "U1", facts: { funds: [] } }]);
    expect(plain(r.figures[0]?.effect)).toEqual({
      type: "item-share",
      kind: "详细",
      of: 1,
      atLeast: "50",
      items: [],
    });
    expect(said(r.figures[0])).toBe("全体1个单位中详细的比例:无");
  });

  it("a mean keeps its exact value; its words round it to 4 places", () => {
    const rs = compile({
      facts: [
        { id: "rate", label: "比率", type: "rate" },
        { id: "avg", label: "平均", type: "rate" },
      ],
      points: 10,
      tree: [
        {
          id: "A",
          title: "A",
          points: 10,
          clauses: [stepBelow("avg", 1, "floor", "每低1扣1分")],
        },
      ],
      cohort: {
        ranking: { ties: "shared" },
        facts: [{ id: "avg", over: "current", compute: { mean: "rate" }, text: "平均数", ref }],
      },
    });
    const r = scoreCohort(rs, [
      { id: "A", facts: { rate: 90 } },
      { id: "B", facts: { rate: 90 } },
      { id: "C", facts: { rate: 91 } },
    ]);
    const e = r.figures[0]?.effect as CohortEffect;
    expect(plain(e)).toEqual({
      type: "mean",
      over: "current",
      of: 3,
      mean: "90.333333333333333333333333333333333333333333333333",
    });
    expect(cohortWords(e)).toBe("本轮3个单位的平均数为90.3333");
    expect(cohortWords({ ...e, over: "previous" } as CohortEffect)).toBe(
      "上一轮3个单位的平均数为90.3333",
    );
  });

  it("a linked score: own and children's mean, each weighted, exact and rounded", () => {
    const rs = compile({
      categories: [
        { id: "city", label: "市" },
        { id: "county", label: "县" },
      ],
      facts: [{ id: "n", label: "问题", type: "count", missing: "zero" }],
      points: 100,
      policy: { rounding: { places: 1, mode: "half-up", at: "total" }, missingFact: "error" },
      tree: [perNode("A", 100, "n", 1)],
      cohort: {
        ranking: { ties: "shared" },
        linked: [{ id: "挂钩", category: "city", own: 60, children: 40, text: "各占", ref }],
      },
    });
    const r = scoreCohort(rs, [
      { id: "市", category: "city", facts: { n: 3 } },
      { id: "县1", category: "county", parent: "市", facts: { n: 1 } },
      { id: "县2", category: "county", parent: "市", facts: { n: 2 } },
      { id: "县3", category: "county", parent: "市", facts: { n: 2 } },
    ]);
    const city = r.units.find((x) => x.unit === "市")?.outcome;
    const [link] = entries(city?.ok && city.trace, "combine");
    // 97 × 60% + (99 + 98 + 98) / 3 × 40% = 58.2 + 39.333… = 97.5333…, kept to 1 place: 97.5.
    expect(plain(link?.effect)).toEqual({
      type: "linked",
      own: "97",
      ownPercent: "60",
      children: 3,
      childrenMean: "98.333333333333333333333333333333333333333333333333",
      childrenPercent: "40",
      exact: "97.533333333333333333333333333333333333333333333333",
      score: "97.5",
    });
    expect(said(link)).toBe("本级97分×60%+所属3个单位平均约98.3333分×40%≈97.5333分,计97.5分");
    expect(said(link)).toBe(cohortWords(link?.effect as CohortEffect));
  });
});
