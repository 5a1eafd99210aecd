/**
 * kaohe/node — reading rule sets, facts and cases from files. Node-only.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { type CaseReport, runCases } from "../cases/runner.js";
import { type CompiledRuleSet, compileRuleSet } from "../compile/compile.js";
import { issue, KaoheError, type KaoheIssue } from "../errors/issue.js";
import type { UnitInput } from "../evaluate/types.js";
import { MAX_INPUT_BYTES } from "../load/document.js";
import { type LoadResult, loadRuleSet } from "../load/load.js";
import { parseUnits } from "../load/units.js";

export const RULE_FILE_NAMES = ["rules.yaml", "rules.yml", "rules.json"] as const;

/** Reads a text file, refusing files over the input limit before reading them. */
export function readTextFile(path: string): { text?: string; issue?: KaoheIssue } {
  try {
    const st = statSync(path);
    if (!st.isFile())
      return { issue: { ...issue("E_FILE", [], { detail: `${path} is not a file` }), file: path } };
    if (st.size > MAX_INPUT_BYTES)
      return { issue: { ...issue("E_TOO_LARGE", [], { limit: MAX_INPUT_BYTES }), file: path } };
    return { text: readFileSync(path, "utf8") };
  } catch (e) {
    return { issue: { ...issue("E_FILE", [], { detail: (e as Error).message }), file: path } };
  }
}

/** Loads and checks a rule file (YAML or JSON). */
export function loadRuleSetFile(path: string, displayName = path): LoadResult {
  const r = readTextFile(path);
  if (r.issue) return { ok: false, issues: [{ ...r.issue, file: displayName }] };
  return loadRuleSet(r.text as string, { file: displayName });
}

/** Loads and compiles a rule file; throws a KaoheError listing the problems if it is invalid. */
export function compileRuleSetFile(path: string): CompiledRuleSet {
  const r = loadRuleSetFile(path);
  if (!r.ok) throw new KaoheError(r.issues);
  return compileRuleSet(r.ruleSet);
}

/** Reads a facts file of units. */
export function loadUnitsFile(
  path: string,
  displayName = path,
): { units: UnitInput[]; issues: KaoheIssue[] } {
  const r = readTextFile(path);
  if (r.issue) return { units: [], issues: [{ ...r.issue, file: displayName }] };
  return parseUnits(r.text as string, displayName);
}

/** Finds rule-set folders (those holding a rules.yaml/json) at or below `path`, sorted. */
export function findRuleFiles(path: string): string[] {
  const out: string[] = [];
  const st = statSync(path);
  if (st.isFile()) return [path];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    const rule = entries.find(
      (e) => e.isFile() && (RULE_FILE_NAMES as readonly string[]).includes(e.name),
    );
    if (rule) out.push(join(dir, rule.name));
    for (const e of entries)
      if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith("."))
        walk(join(dir, e.name));
  };
  walk(path);
  return out;
}

/** The outcome of running one rule set's cases. */
export interface RuleSetTestReport {
  ruleFile: string;
  /** Problems loading the rule set (then no case runs). */
  issues: KaoheIssue[];
  warnings: KaoheIssue[];
  reports: CaseReport[];
}

/** Runs every `cases/*.yaml` (and .yml/.json) beside a rule file. */
export function testRuleFile(ruleFile: string, base = process.cwd()): RuleSetTestReport {
  const name = relative(base, resolve(ruleFile)) || ruleFile;
  const loaded = loadRuleSetFile(ruleFile, name);
  if (!loaded.ok) return { ruleFile: name, issues: loaded.issues, warnings: [], reports: [] };
  const crs = compileRuleSet(loaded.ruleSet);
  const dir = join(resolve(ruleFile), "..", "cases");
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f: string) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    files = [];
  }
  const reports = files.map((f) => {
    const shown = relative(base, f) || f;
    const r = readTextFile(f);
    if (r.issue) return { file: shown, issues: [{ ...r.issue, file: shown }], cases: [] };
    return runCases(crs, r.text as string, shown);
  });
  return { ruleFile: name, issues: [], warnings: loaded.warnings, reports };
}
