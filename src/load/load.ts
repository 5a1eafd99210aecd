import { lintRuleSet } from "../check/lint.js";
import type { KaoheIssue } from "../errors/issue.js";
import { CLAUSE_TYPES, type RuleSetInput, RuleSetSchema } from "../schema/ruleset.js";
import { parseSource } from "./document.js";
import { composeTemplate, isTemplate, templatePath } from "./params.js";
import { mapZodIssues } from "./zod-issues.js";

/** The outcome of loading a rule file: a validated rule set, or the reasons there is none. */
export type LoadResult =
  | { ok: true; ruleSet: RuleSetInput; warnings: KaoheIssue[] }
  | { ok: false; issues: KaoheIssue[] };

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

/** Validates already-parsed data (e.g. an object built in code) as a rule set. */
export function validateRuleSet(
  data: unknown,
  locate: (i: KaoheIssue, opts?: { key?: string }) => KaoheIssue = (i) => i,
): LoadResult {
  const parsed = RuleSetSchema.safeParse(data);
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
  return { ok: true, ruleSet: checkedRuleSet(parsed.data), warnings };
}

/** Rule sets that passed validation, frozen so that they stay as checked. */
const CHECKED = new WeakSet<object>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function checkedRuleSet(rs: RuleSetInput): RuleSetInput {
  CHECKED.add(deepFreeze(rs));
  return rs;
}

/**
 * Whether a rule set is one validateRuleSet (or loadRuleSet) returned: checked and frozen, so
 * compiling it need not check it again.
 */
export function isCheckedRuleSet(rs: unknown): rs is RuleSetInput {
  return typeof rs === "object" && rs !== null && CHECKED.has(rs);
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
