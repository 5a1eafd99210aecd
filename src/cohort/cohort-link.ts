import type { CLinked } from "../compile/cohort.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, roundTo, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import type { LinkedEffect } from "../evaluate/cohort-effects.js";
import type { CohortPlace, CohortUnitInput } from "./types.js";

/** K6: a unit's score built from its own and its sub-units' scores, bottom-up. */
export function linkScores(
  crs: CompiledRuleSet,
  units: readonly CohortUnitInput[],
  results: Map<string, CohortPlace>,
  issues: KaoheIssue[],
): void {
  const parentOf = parents(units, results, issues);
  const inCycle = cycles(units, parentOf, issues);
  const rules = crs.cohort.linked;
  if (!rules.length) return;
  const children = new Map<string, string[]>();
  for (const [c, p] of parentOf) {
    const kids = children.get(p);
    if (kids) kids.push(c);
    else children.set(p, [c]);
  }
  for (const kids of children.values()) kids.sort();
  const done = new Set<string>();
  const compute = (id: string): Decimal | null => {
    const r = results.get(id) as CohortPlace;
    if (done.has(id)) return r.score;
    done.add(id);
    const rule = rules.find((x) => x.category === r.category);
    if (!rule || r.score === null) return r.score;
    // Its linked score would depend on itself: reported, not ranked on a partial score.
    if (inCycle.has(id))
      return unlinked(r, issue("K_CYCLE", ["units", id, "parent"], { cycle: `${id} → … → ${id}` }));
    const kids = children.get(id) ?? [];
    if (!kids.length)
      return unlinked(r, issue("K_NO_CHILDREN", ["units", id], { unit: id, rule: rule.id }));
    const scores = kids.map(compute);
    if (scores.some((s) => s === null)) {
      const bad = kids.filter((_, i) => scores[i] === null);
      return unlinked(
        r,
        issue("K_CHILD_FAILED", ["units", id], { unit: id, children: bad.join(", ") }),
      );
    }
    return linked(crs, rule, r, kids, scores as Decimal[]);
  };
  for (const u of units) compute(u.id);
}

/** Each unit's parent, where the parent is in the cohort; a parent that is not is reported. */
function parents(
  units: readonly CohortUnitInput[],
  results: ReadonlyMap<string, CohortPlace>,
  issues: KaoheIssue[],
): Map<string, string> {
  const parentOf = new Map<string, string>();
  for (const u of units) {
    if (u.parent === undefined) continue;
    if (!results.has(u.parent)) {
      issues.push(
        issue("K_MISSING_UNIT", ["units", u.id, "parent"], { unit: u.id, parent: u.parent }),
      );
      continue;
    }
    parentOf.set(u.id, u.parent);
  }
  return parentOf;
}

/** The units in a cycle of the hierarchy (a linked score would depend on itself); each reported. */
function cycles(
  units: readonly CohortUnitInput[],
  parentOf: ReadonlyMap<string, string>,
  issues: KaoheIssue[],
): Set<string> {
  const inCycle = new Set<string>();
  for (const u of units) {
    const path: string[] = [];
    let cur: string | undefined = u.id;
    while (cur !== undefined && !path.includes(cur)) {
      path.push(cur);
      cur = parentOf.get(cur);
    }
    if (cur === undefined) continue;
    const cycle = path.slice(path.indexOf(cur));
    if (!cycle.some((c) => inCycle.has(c)))
      issues.push(issue("K_CYCLE", ["units"], { cycle: [...cycle, cur].join(" → ") }));
    for (const c of cycle) inCycle.add(c);
  }
  return inCycle;
}

/** A unit that has no linked score: its outcome becomes the reason, and it is not ranked. */
function unlinked(r: CohortPlace, why: KaoheIssue): null {
  r.outcome = { ok: false, unit: r.unit, category: r.category, issues: [why] };
  r.score = null;
  return null;
}

/** Own score and the children's mean, weighted and rounded; explained at the end of the trace. */
function linked(
  crs: CompiledRuleSet,
  rule: CLinked,
  r: CohortPlace,
  kids: string[],
  scores: Decimal[],
): Decimal {
  const mean = scores.reduce((a, s) => a.plus(s), ZERO).dividedBy(kids.length);
  const own = r.score as Decimal;
  const exact = own.times(rule.own).plus(mean.times(rule.children)).dividedBy(100);
  const score = roundTo(exact, crs.rounding.places, crs.rounding.mode);
  r.linked = { own, childrenMean: mean, children: kids, score };
  r.score = score;
  // A summary run keeps no explanation to add to.
  if (r.outcome.ok && "trace" in r.outcome) {
    const effect: LinkedEffect = {
      type: "linked",
      own,
      ownPercent: rule.own,
      children: kids.length,
      childrenMean: mean,
      childrenPercent: rule.children,
      exact,
      score,
    };
    r.outcome.trace.push({
      kind: "combine",
      rule: rule.id,
      node: null,
      measure: crs.pointsMeasure,
      text: rule.text,
      facts: {},
      effect,
    });
  }
  return score;
}
