import type { CompiledRuleSet } from "../compile/compile.js";
import { type CohortOptions, runCohort } from "./cohort-run.js";
import type {
  CohortResult,
  CohortRun,
  CohortSummary,
  CohortUnitInput,
  CohortUnitResult,
  CohortUnitSummary,
} from "./types.js";

export type { CohortOptions } from "./cohort-run.js";

/**
 * Scores a whole cohort at once (K1–K9): figures computed from the cohort first (K5), then each
 * unit against its category's variant, linked scores (K6), rank-change points (K4), ranks with
 * the stated tie policy (K1), grades with quotas (K2), rank-based outcomes (K9), statistics (K3),
 * comparison with the previous run (K4), conversion (K7) and self-assessment differences (K8).
 * The order of the units in the input never changes any result.
 */
export function scoreCohort(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: CohortOptions = {},
): CohortResult {
  const { ordered, expand: _, ...rest } = runCohort(crs, input, options, "full");
  // A full run keeps every unit's whole outcome.
  return { units: ordered as CohortUnitResult[], ...rest };
}

/**
 * Scores a cohort as scoreCohort does and keeps only each unit's summary: its place (score, rank,
 * grade, flags, what the cohort added) and its own total, grade and flags, with no node results
 * and no explanation. Everything else — ranks, grades with quotas, statistics, figures, linked
 * scores, comparison with the previous run, issues, warnings — is what scoreCohort gives
 * (tested), at a fraction of the memory: for cohorts too large to hold every unit's result.
 */
export function scoreCohortSummary(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: CohortOptions = {},
): CohortSummary {
  const { ordered, expand: _, ...rest } = runCohort(crs, input, options, "summary");
  // A summary run keeps UnitSummaries.
  return { units: ordered as CohortUnitSummary[], ...rest };
}

/**
 * Scores a cohort as scoreCohort does, holding only what the cohort step needs: each unit is
 * scored once without its explanation for the figures, ranks and grades, and kept as a summary
 * (score, grade, rank, flags, the node scores that ties and thresholds read). `units()` then gives
 * the units in the cohort's order, each scored again in full — nodes and explanation — when it is
 * reached, so a caller that writes them out one by one never holds every explanation at once.
 * What it gives is identical to scoreCohort's result (tested); the price is scoring twice.
 */
export function scoreCohortLazily(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: CohortOptions = {},
): CohortRun {
  const { ordered: places, expand, ...rest } = runCohort(crs, input, options, "lazy");
  // A lazy run keeps UnitResults without their explanation.
  const ordered = places as CohortUnitResult[];
  return {
    ...rest,
    ranking: ordered,
    count: ordered.length,
    *units() {
      for (const r of ordered) yield expand(r);
    },
  };
}
