import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCases } from "../src/cases/runner.js";
import { scoreCohort, scoreCohortLazily } from "../src/cohort/cohort.js";
import type { CohortResult, CohortRun, CohortUnitInput } from "../src/cohort/types.js";
import { type CompiledRuleSet, compileRuleSet } from "../src/compile/compile.js";
import { cohortToJSON } from "../src/explain/cohort-json.js";
import { findRuleFiles, loadRuleSetFile } from "../src/node/index.js";

// scoreCohortLazily keeps a summary of each unit and scores it again in full when it is reached:
// whatever it gives must be what scoreCohort gives, for every cohort construct. Every cohort case
// of every bundled rule set and cohort fixture is scored both ways and compared as JSON.

const materialise = (run: CohortRun): CohortResult => {
  const { ranking: _r, count: _c, units, ...rest } = run;
  return { ...rest, units: [...units()] };
};

interface CohortCase {
  name: string;
  crs: CompiledRuleSet;
  units: CohortUnitInput[];
  options: Record<string, unknown>;
}

function cohortCases(): CohortCase[] {
  const out: CohortCase[] = [];
  for (const ruleFile of [...findRuleFiles("rules"), ...findRuleFiles("test/cohort-sets")]) {
    const dir = join(dirname(ruleFile), "cases");
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));
    } catch {
      continue;
    }
    for (const f of files) {
      const parsed = parseCases(readFileSync(join(dir, f), "utf8"), f);
      const cohort = parsed.cases.filter((c) => c.units);
      if (!cohort.length) continue;
      const params = parsed.parameters !== undefined ? join(dir, parsed.parameters) : undefined;
      const loaded = loadRuleSetFile(ruleFile, ruleFile, params ? { params } : {});
      if (!loaded.ok) throw new Error(`${ruleFile} does not load`);
      const crs = compileRuleSet(loaded.ruleSet);
      for (const c of cohort)
        out.push({
          name: `${ruleFile} ${f}: ${c.name}`,
          crs,
          units: c.units as CohortUnitInput[],
          options: { ...(c.options ?? {}), ...(c.previous ? { previous: c.previous } : {}) },
        });
    }
  }
  return out;
}

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
