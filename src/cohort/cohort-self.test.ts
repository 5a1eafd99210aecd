/**
 * K8: the self-assessment beside the verified score (selfReport), pinned where the mutation run on
 * cohort-self.ts found it unpinned: the run's options apply to the self-assessment too, a
 * self-assessment given as parts is scored as parts, and the shape of each answer is exact.
 */
import { describe, expect, it } from "vitest";
import { compile, ref } from "../../test/helpers.js";
import { dstr } from "../decimal.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import type { UnitResult } from "../evaluate/types.js";
import { selfReport } from "./cohort-self.js";

const crs = compile({
  facts: [
    { id: "f", label: "问题", type: "findings", missing: "zero" },
    { id: "n", label: "问题数", type: "count", missing: "zero" },
  ],
  points: 100,
  tree: [
    {
      id: "甲",
      title: "甲项",
      points: 50,
      clauses: [{ id: "甲1", type: "per", fact: "f", each: 1, text: "每处扣1分", ref }],
    },
    {
      id: "乙",
      title: "乙项",
      points: 50,
      clauses: [{ id: "乙1", type: "per", fact: "n", each: 2, text: "每处扣2分", ref }],
    },
  ],
});

const verified = (facts: Record<string, unknown>) => {
  const r = scoreUnit(crs, { id: "A", facts });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r as UnitResult;
};

describe("selfReport (K8)", () => {
  it("scores the self-assessment under the run's options: a finding outside the window is not counted", () => {
    const window = { from: "2021-01-01", to: "2021-12-31" };
    const v = verified({ n: 1 });
    const self = { facts: { f: [{ date: "2020-06-01" }, { date: "2021-03-01" }], n: 1 } };
    const r = selfReport(crs, { id: "A", facts: {} }, self, v, { window });
    // In the window: one finding (99 − 2 = 97); the one of 2020 is left out as the run leaves it out.
    expect([dstr(r?.total as never), dstr(r?.totalDiff as never)]).toEqual(["97", "1"]);
    expect(r?.issues).toEqual([]);
    expect(
      r?.differences.map((d) => [d.node, d.title, dstr(d.self), dstr(d.verified), dstr(d.diff)]),
    ).toEqual([["甲", "甲项", "49", "50", "1"]]);
  });

  it("a self-assessment that cannot be scored: no total, no differences, its issues", () => {
    const r = selfReport(crs, { id: "A", facts: {} }, { facts: { n: "many" } }, verified({}), {});
    expect(r).toEqual({
      total: null,
      differences: [],
      totalDiff: null,
      issues: [expect.objectContaining({ code: "F_FACT_TYPE" })],
    });
  });

  it("a self-assessment the same as the verified score: no differences, no issues", () => {
    const r = selfReport(crs, { id: "A", facts: {} }, { facts: { n: 2 } }, verified({ n: 2 }), {});
    expect(r?.differences).toEqual([]);
    expect(r?.issues).toEqual([]);
    expect(dstr(r?.totalDiff as never)).toBe("0");
  });
});
