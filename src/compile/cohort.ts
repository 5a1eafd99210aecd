/**
 * K1–K9: the cohort section compiled once, each part by its folder's compiler
 * (src/constructs/<part>/compile.ts), with the defaults of a rule set that states none: units are
 * still ranked (ties shared) and counted. Scoring the cohort (src/cohort/) reads only this.
 */

import { type CCohortFact, compileCohortFact } from "../constructs/cohort-fact/compile.js";
import { type CComparison, compileComparison } from "../constructs/comparison/compile.js";
import { type CConvert, compileConvert } from "../constructs/convert/compile.js";
import { type CLinked, compileLinked } from "../constructs/linked/compile.js";
import { type CQuota, compileQuota } from "../constructs/quota/compile.js";
import { type CRankOutcome, compileRankOutcome } from "../constructs/rank-outcome/compile.js";
import { type CRanking, compileRanking } from "../constructs/ranking/compile.js";
import { type CStatistics, compileStatistics } from "../constructs/statistics/compile.js";
import type { CohortInput } from "../schema/ruleset.js";

export type {
  CCohortFact,
  CComparison,
  CConvert,
  CLinked,
  CQuota,
  CRanking,
  CRankOutcome,
  CStatistics,
};

/** The cohort section, every part compiled; a part not stated is empty, null or its default. */
export interface CCohort {
  /** K1. */
  readonly ranking: CRanking;
  /** K9, in order. */
  readonly outcomes: readonly CRankOutcome[];
  /** K2, applied in order. */
  readonly quotas: readonly CQuota[];
  /** K3. */
  readonly statistics: CStatistics;
  /** K5, in order. */
  readonly facts: readonly CCohortFact[];
  /** K6. */
  readonly linked: readonly CLinked[];
  /** K7, or null: no conversion. */
  readonly convert: CConvert | null;
  /** K4. */
  readonly comparison: CComparison;
}

/** What a rule set without a cohort section is scored as a cohort with. */
const NO_COHORT: CohortInput = { ranking: { ties: "shared" } };

/** Compiles the cohort section, or the default one when the rule set states none. */
export function compileCohort(c: CohortInput | undefined): CCohort {
  const co = c ?? NO_COHORT;
  return {
    ranking: compileRanking(co.ranking),
    outcomes: (co.outcomes ?? []).map(compileRankOutcome),
    quotas: (co.quotas ?? []).map(compileQuota),
    statistics: compileStatistics(co.statistics),
    facts: (co.facts ?? []).map(compileCohortFact),
    linked: (co.linked ?? []).map(compileLinked),
    convert: co.convert ? compileConvert(co.convert) : null,
    comparison: compileComparison(co.comparison),
  };
}
