import { lintRuleSet } from "../check/lint.js";
import type { KaoheIssue } from "../errors/issue.js";
import { CLAUSE_TYPES, type RuleSetInput, RuleSetSchema } from "../schema/ruleset.js";
import { markChecked } from "./checked.js";
import { mapZodIssues, ZOD_PARSE } from "./zod-issues.js";

export { isCheckedRuleSet } from "./checked.js";

/*
 * Checking a rule set given as data. Kept apart from load.ts (rule text) so that nothing here
 * imports the YAML parser: what validates and compiles an object must not reach yaml, which a
 * bundler cannot leave out once it is imported (its modules have side effects).
 */

/** The outcome of loading a rule file: a validated rule set, or the reasons there is none. */
export type LoadResult =
  | { ok: true; ruleSet: RuleSetInput; warnings: KaoheIssue[] }
  | { ok: false; issues: KaoheIssue[] };

/** Validates already-parsed data (e.g. an object built in code) as a rule set. */
export function validateRuleSet(
  data: unknown,
  locate: (i: KaoheIssue, opts?: { key?: string }) => KaoheIssue = (i) => i,
): LoadResult {
  const parsed = RuleSetSchema.safeParse(data, ZOD_PARSE);
  if (!parsed.success) {
    const issues = mapZodIssues(parsed.error.issues, data, [], CLAUSE_TYPES).map((m) =>
      locate(m.issue, m.key ? { key: m.key } : undefined),
    );
    return { ok: false, issues: dedupe(issues) };
  }
  const lint = dedupe(
    lintRuleSet(parsed.data).map((m) => locate(m.issue, m.key ? { key: m.key } : undefined)),
  );
  const errors = lint.filter((i) => i.severity === "error");
  const warnings = lint.filter((i) => i.severity === "warning");
  if (errors.length) return { ok: false, issues: [...errors, ...warnings] };
  return { ok: true, ruleSet: markChecked(parsed.data), warnings };
}

function dedupe(issues: KaoheIssue[]): KaoheIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}|${i.path.join("/")}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
