import type { CompiledRuleSet } from "../compile/compile.js";
import { type CohortOptions, runCohort } from "./cohort-run.js";
import type { CohortResult, CohortRun, CohortUnitInput } from "./types.js";

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
  const { ordered, expand: _, ...rest } = runCohort(crs, input, options, false);
  return { units: ordered, ...rest };
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
  const { ordered, expand, ...rest } = runCohort(crs, input, options, true);
  return {
    ...rest,
    ranking: ordered,
    count: ordered.length,
    *units() {
      for (const r of ordered) yield expand(r);
    },
  };
}
