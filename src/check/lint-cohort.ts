import { lintCohortFactCategories, lintCohortFacts } from "../constructs/cohort-fact/lint.js";
import { lintComparison } from "../constructs/comparison/lint.js";
import { lintConvert } from "../constructs/convert/lint.js";
import { lintLinked } from "../constructs/linked/lint.js";
import { lintQuotas } from "../constructs/quota/lint.js";
import { lintRankOutcomes } from "../constructs/rank-outcome/lint.js";
import { lintRanking } from "../constructs/ranking/lint.js";
import type { LintContext } from "./lint-context.js";

/**
 * The cohort section (K1–K9): each part's lint, from its folder (src/constructs/<part>/lint.ts),
 * in the order their issues have always been reported. Rule ids share one namespace, so this
 * order also says which of two rules with one id is the duplicate. K3 statistics have nothing to
 * check beyond the schema.
 */
const COHORT_PHASES: readonly ((ctx: LintContext) => void)[] = [
  lintCohortFacts,
  lintRanking,
  lintRankOutcomes,
  lintCohortFactCategories,
  lintQuotas,
  lintLinked,
  lintConvert,
  lintComparison,
];

/** The cohort section: what it computes and reads must exist, and count as used. */
export function lintCohort(ctx: LintContext): void {
  if (!ctx.rs.cohort) return;
  for (const phase of COHORT_PHASES) phase(ctx);
}
