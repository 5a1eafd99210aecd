import type { CompiledRuleSet } from "../compile/compile.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { checksRateScale, isPlainObject, rateWriting } from "./facts.js";

/** A unit as a run gives it: its own facts, or facts nested in parts. */
interface UnitFacts {
  id: string;
  facts?: unknown;
  parts?: unknown;
}

/** The fact mappings a unit gives: its own and those of every part, at any depth. */
function sources(u: UnitFacts): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (isPlainObject(u.facts)) out.push(u.facts);
  const walk = (parts: unknown, depth: number) => {
    if (!isPlainObject(parts) || depth > 32) return;
    for (const p of Object.values(parts)) {
      if (!isPlainObject(p)) continue;
      if (isPlainObject(p.facts)) out.push(p.facts);
      walk(p.parts, depth + 1);
    }
  };
  walk(u.parts, 0);
  return out;
}

/**
 * The run-level scale check: a percent rate that every unit giving it gave as a bare value of at
 * most 1, with at least two such units and at least one value above 0, is probably written as
 * fractions throughout (0.875 for 87.5%). One W_RATE_SCALE_RUN per such fact, besides each unit's
 * own W_RATE_SCALE. Facts computed from the cohort are not given by units and are left out.
 */
export function rateScaleRunWarnings(
  crs: CompiledRuleSet,
  units: readonly UnitFacts[],
): KaoheIssue[] {
  const out: KaoheIssue[] = [];
  for (const f of crs.facts.values()) {
    if (!checksRateScale(f) || crs.computedFacts.has(f.id)) continue;
    let giving = 0;
    let ambiguous = 0;
    let clear = false;
    for (const u of units) {
      const writings = sources(u)
        .filter((src) => Object.hasOwn(src, f.id))
        .map((src) => rateWriting(src[f.id]))
        .filter((w) => w !== null);
      if (!writings.length) continue;
      giving++;
      if (writings.some((w) => w === "clear" || w === "percent")) clear = true;
      if (writings.includes("ambiguous")) ambiguous++;
    }
    if (!clear && ambiguous > 0 && giving >= 2)
      out.push(
        issue("W_RATE_SCALE_RUN", ["facts", f.id], {
          fact: f.id,
          ...(f.label && f.label !== f.id ? { label: f.label } : {}),
          units: giving,
        }),
      );
  }
  return out;
}

/**
 * Every warning of a cohort run: the run-level ones first, then each unit's (in the order of
 * `results`, which the caller keeps independent of the input order).
 */
export function cohortWarnings(
  crs: CompiledRuleSet,
  units: readonly UnitFacts[],
  results: readonly { unit: string; outcome: { warnings?: KaoheIssue[] } }[],
): KaoheIssue[] {
  const byId = [...results].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return [
    ...rateScaleRunWarnings(crs, units),
    ...byId.flatMap((r) =>
      (r.outcome.warnings ?? []).map((w) => (w.unit === undefined ? { ...w, unit: r.unit } : w)),
    ),
  ];
}
