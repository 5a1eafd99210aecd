/**
 * A cohort's issues placed in the facts file they came from (file, line, column), as `kaohe score`
 * and `kaohe serve` both write them: on stderr and in the JSON alike.
 */
import type { CohortRun, CohortUnitResult } from "../cohort/types.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { UnitOutcome } from "../evaluate/types.js";

/** Fills in an issue's place in the facts file, when the loader can say where a unit's fact is. */
export type Locate = (unitId: string, i: KaoheIssue) => KaoheIssue;

/** The engine's warnings, where it gives them (a rate written 0.875 where percent is expected). */
type Warned = { warnings?: KaoheIssue[] };

/** A unit's outcome with its issues and warnings placed in the facts file (file, line, column). */
export function locateOutcome(unit: string, o: UnitOutcome, locate: Locate): UnitOutcome {
  const w = o as UnitOutcome & Warned;
  if (w.ok && !w.warnings?.length) return o;
  return {
    ...w,
    ...(w.ok ? {} : { issues: w.issues.map((i) => locate(unit, i)) }),
    ...(w.warnings ? { warnings: w.warnings.map((x) => locate(unit, x)) } : {}),
  } as UnitOutcome;
}

/** A unit's place in a cohort with its issues and warnings placed in the facts file. */
export function locateUnit(x: CohortUnitResult, locate: Locate): CohortUnitResult {
  const outcome = locateOutcome(x.unit, x.outcome, locate);
  return outcome === x.outcome ? x : { ...x, outcome };
}

/**
 * The cohort with every unit's issues and warnings placed in the facts file (file, line, column),
 * for stderr and for the JSON alike. A cohort warning is placed when it names its unit.
 */
export function locateRun(run: CohortRun, locate: Locate | undefined): CohortRun {
  if (!locate) return run;
  return {
    ...run,
    ranking: run.ranking.map((x) => locateUnit(x, locate)),
    *units() {
      for (const x of run.units()) yield locateUnit(x, locate);
    },
    warnings: run.warnings.map((w) => {
      const unit = (w as KaoheIssue & { unit?: unknown }).unit;
      return typeof unit === "string" ? locate(unit, w) : w;
    }),
  };
}
