import type { KaoheIssue } from "../errors/issue.js";
import { parseSource } from "./document.js";
import { composeTemplate, isTemplate, templatePath } from "./params.js";
import { type LoadResult, validateRuleSet } from "./validate.js";

// Checking data already parsed lives in validate.ts, which never reaches the YAML parser: the
// browser core (`kaohe/core`) is built from it without yaml (docs/performance.md).
export { isCheckedRuleSet, type LoadResult, validateRuleSet } from "./validate.js";

/**
 * Loads rule text (YAML or JSON): parses it, validates it against the rule language, and runs the
 * static checks. Every issue carries a stable code, its path, and file:line:column.
 *
 * @example
 * const r = loadRuleSet(text, { file: "rules.yaml" });
 * if (!r.ok) console.log(r.issues.map(formatIssue).join("\n"));
 */
export function loadRuleSet(
  text: string,
  opts: {
    file?: string;
    parameters?: { text: string; file?: string };
    /** Readings to compose a template with; they replace the parameters file's, per clause. */
    readings?: readonly string[];
  } = {},
): LoadResult {
  const src = parseSource(text, opts.file);
  if (src.issues.length) return { ok: false, issues: src.issues };
  const readings = opts.readings ?? [];
  if (!opts.parameters && !readings.length && !isTemplate(src.data))
    return validateRuleSet(src.data, src.locate);
  // A template: compose it with its parameters first, then validate the result as a rule set.
  const params = opts.parameters ? parseSource(opts.parameters.text, opts.parameters.file) : null;
  if (params?.issues.length) return { ok: false, issues: params.issues };
  const comp = composeTemplate(src, params, { readings });
  const errors = comp.issues.filter((i) => i.severity === "error");
  const warnings = comp.issues.filter((i) => i.severity === "warning");
  if (errors.length) return { ok: false, issues: [...errors, ...warnings] };
  const data = comp.edition ? { ...(comp.data as object), edition: comp.edition } : comp.data;
  // A problem inside a `select` branch is located in the branch the template writes.
  const locate = (i: KaoheIssue, o?: { key?: string }) =>
    src.locate({ ...i, path: templatePath(comp.moves, i.path) }, o);
  const r = validateRuleSet(data, locate);
  return r.ok
    ? { ...r, warnings: [...warnings, ...r.warnings] }
    : { ok: false, issues: [...r.issues, ...warnings] };
}
