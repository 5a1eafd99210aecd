import { issue, type KaoheIssue } from "../errors/issue.js";
import { parseDate } from "../time/date.js";
import type { CompiledRuleSet } from "./compile.js";

/** The effective range of a rule set version as day numbers (to: open-ended when absent). */
function rangeOf(crs: CompiledRuleSet): { from: number; to: number } | null {
  const e = crs.source.effective;
  if (!e) return null;
  return {
    from: parseDate(e.from) as number,
    to: e.to !== undefined ? (parseDate(e.to) as number) : Number.POSITIVE_INFINITY,
  };
}

/**
 * T6: the problems of a set of versions taken together, whatever the date: a version that states
 * no effective range (E_VERSION_RANGE), two versions of one rule set whose ranges overlap
 * (E_VERSION_OVERLAP). None when every date picks at most one version of each rule set.
 */
export function checkVersions(candidates: readonly CompiledRuleSet[]): KaoheIssue[] {
  const issues: KaoheIssue[] = [];
  const ranged = candidates.map((c) => ({ c, r: rangeOf(c) }));
  for (const x of ranged)
    if (!x.r)
      issues.push(
        issue("E_VERSION_RANGE", [], { ruleSet: x.c.id, detail: "没有写明有效期 effective" }),
      );
  for (let i = 0; i < ranged.length; i++)
    for (let j = i + 1; j < ranged.length; j++) {
      const a = ranged[i];
      const b = ranged[j];
      if (!a?.r || !b?.r || a.c.id !== b.c.id) continue;
      if (a.r.from <= b.r.to && b.r.from <= a.r.to)
        issues.push(
          issue("E_VERSION_OVERLAP", [], {
            ruleSet: a.c.id,
            a: describe(a.c),
            b: describe(b.c),
          }),
        );
    }
  return issues;
}

/**
 * T6: chooses, among versions of a rule set, the one in force on a date (the assessment
 * period's end, say). Every candidate must state `effective`; two versions of the same rule set
 * whose ranges overlap are an error, as is a date no version covers.
 *
 * @example
 * selectVersion([v2024, v2025], "2025-06-30") //=> { ok: true, ruleSet: v2025 }
 */
export function selectVersion(
  candidates: readonly CompiledRuleSet[],
  date: string,
): { ok: true; ruleSet: CompiledRuleSet } | { ok: false; issues: KaoheIssue[] } {
  const day = parseDate(date);
  if (day === null)
    return {
      ok: false,
      issues: [
        issue("F_OPTION", ["date"], {
          option: "date",
          detail: `须为实际存在的日期 YYYY-MM-DD,而不是 "${date}"`,
        }),
      ],
    };
  const issues = checkVersions(candidates);
  if (issues.length) return { ok: false, issues };
  const ranged = candidates.map((c) => ({ c, r: rangeOf(c) }));
  const hits = ranged.filter((x) => x.r && x.r.from <= day && day <= x.r.to);
  if (!hits.length)
    return {
      ok: false,
      issues: [
        issue("E_VERSION_RANGE", [], {
          ruleSet: candidates[0]?.id ?? "(没有候选版本)",
          detail: `没有在 ${date} 有效的版本`,
        }),
      ],
    };
  if (hits.length > 1) {
    const ids = [...new Set(hits.map((h) => h.c.id))].join("、");
    return {
      ok: false,
      issues: [
        issue("E_VERSION_RANGE", [], {
          ruleSet: ids,
          detail: `在 ${date} 同时有效;同一天只能有一个规则集有效`,
        }),
      ],
    };
  }
  return { ok: true, ruleSet: (hits[0] as { c: CompiledRuleSet }).c };
}

function describe(c: CompiledRuleSet): string {
  const e = c.source.effective;
  const ed = c.edition ? ` (${c.edition.id})` : "";
  return `${e?.from ?? "?"}–${e?.to ?? "…"}${ed}`;
}
