import { describe, expect, it } from "vitest";
import { scoreCohort, scoreCohortLazily } from "../src/cohort/cohort.js";
import type { CohortResult, CohortRun } from "../src/cohort/types.js";
import { cohortToJSON } from "../src/explain/cohort-json.js";
import { cohortCases } from "./cohort-cases.js";

// scoreCohortLazily keeps a summary of each unit and scores it again in full when it is reached:
// whatever it gives must be what scoreCohort gives, for every cohort construct. Every cohort case
// of every bundled rule set and cohort fixture is scored both ways and compared as JSON.

const materialise = (run: CohortRun): CohortResult => {
  const { ranking: _r, count: _c, units, ...rest } = run;
  return { ...rest, units: [...units()] };
};

const cases = cohortCases();

describe("scoreCohortLazily gives what scoreCohort gives", () => {
  it("finds cohort cases of every kind (linked, quotas, ties, previous runs)", () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.some((c) => Object.hasOwn(c.options, "previous"))).toBe(true);
    expect(cases.some((c) => c.units.some((u) => u.parent !== undefined))).toBe(true);
    expect(cases.some((c) => c.units.some((u) => u.self !== undefined))).toBe(true);
  });
  for (const c of cases)
    it(c.name, () => {
      for (const trace of [true, false]) {
        const eager = scoreCohort(c.crs, c.units, { ...c.options, trace });
        const run = scoreCohortLazily(c.crs, c.units, { ...c.options, trace });
        const lazy = materialise(run);
        expect(JSON.stringify(cohortToJSON(lazy, { trace }))).toBe(
          JSON.stringify(cohortToJSON(eager, { trace })),
        );
        expect(run.count).toBe(eager.units.length);
        // Each call iterates afresh, with the same result.
        expect(JSON.stringify(cohortToJSON(materialise(run), { trace }))).toBe(
          JSON.stringify(cohortToJSON(eager, { trace })),
        );
      }
    });

  it("holds no explanation and only the node scores the cohort step reads until a unit is reached", () => {
    const c = cases.find((x) => x.units.length > 2 && x.crs.id.includes("hubei")) ?? cases[0];
    if (!c) throw new Error("no case");
    const run = scoreCohortLazily(c.crs, c.units, { ...c.options, trace: true });
    const full = new Map([...run.units()].map((r) => [r.unit, r.outcome]));
    let checked = 0;
    for (const r of run.ranking) {
      const f = full.get(r.unit);
      if (!r.outcome.ok || !f?.ok) continue;
      checked++;
      expect(r.outcome.trace.filter((e) => e.kind !== "combine")).toEqual([]);
      expect(f.trace.length).toBeGreaterThan(0);
      expect(Object.keys(r.outcome.nodes).length).toBeLessThan(Object.keys(f.nodes).length);
    }
    expect(checked).toBeGreaterThan(2);
  });
});
