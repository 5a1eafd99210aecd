import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseCases } from "../src/cases/runner.js";
import type { CohortUnitInput } from "../src/cohort/types.js";
import type { CompiledRuleSet } from "../src/compile/compile.js";
import { compileRuleSet } from "../src/compile/compile-rule-set.js";
import { findRuleFiles, loadRuleSetFile } from "../src/node/index.js";

// Every cohort case of every bundled rule set (rules/*/*/cases) and cohort fixture
// (test/cohort-sets), compiled with its parameters, for the tests that score a cohort two ways.

export interface CohortCase {
  name: string;
  crs: CompiledRuleSet;
  units: CohortUnitInput[];
  options: Record<string, unknown>;
}

export function cohortCases(): CohortCase[] {
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
