import { describe, expect, it } from "vitest";
import { scoreCohort, scoreCohortSummary } from "../src/cohort/cohort.js";
import { nodesRead } from "../src/cohort/cohort-summary.js";
import { cohortCases } from "./cohort-cases.js";
import { sharedJSON } from "./summary-compare.js";

// scoreCohortSummary keeps a summary of each unit instead of its whole result: every cohort
// result it gives must be scoreCohort's, for every cohort case of every bundled rule set and
// cohort fixture (linked scores, quotas, ties, previous runs, self-assessments, figures).

const cases = cohortCases();

describe("scoreCohortSummary gives what scoreCohort gives, but the units' whole results", () => {
  it("finds cohort cases of every kind", () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.some((c) => Object.hasOwn(c.options, "previous"))).toBe(true);
    expect(cases.some((c) => c.units.some((u) => u.parent !== undefined))).toBe(true);
    expect(cases.some((c) => c.units.some((u) => u.self !== undefined))).toBe(true);
  });
  for (const c of cases)
    it(c.name, () => {
      const reads = nodesRead(c.crs);
      for (const trace of [true, false]) {
        const full = scoreCohort(c.crs, c.units, { ...c.options, trace });
        const lean = scoreCohortSummary(c.crs, c.units, { ...c.options, trace });
        expect(sharedJSON(lean, reads)).toBe(sharedJSON(full, reads));
      }
    });

  it("keeps no explanation and no node but those the cohort step reads", () => {
    const c = cases.find((x) => x.units.length > 2 && x.crs.id.includes("hubei")) ?? cases[0];
    if (!c) throw new Error("no case");
    const lean = scoreCohortSummary(c.crs, c.units, { ...c.options, trace: true });
    const reads = nodesRead(c.crs);
    let checked = 0;
    for (const r of lean.units) {
      if (!r.outcome.ok) continue;
      checked++;
      expect(Object.keys(r.outcome).sort()).toEqual(
        [
          "ok",
          "unit",
          "category",
          "total",
          "measures",
          "deducted",
          "added",
          "nodes",
          "grade",
          "gradeSource",
          "flags",
          "stopped",
          ...(r.outcome.warnings ? ["warnings"] : []),
        ].sort(),
      );
      expect(Object.keys(r.outcome.nodes).every((id) => reads.includes(id))).toBe(true);
    }
    expect(checked).toBeGreaterThan(2);
  });
});
