import type { Decimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { CohortFigureEffect } from "../evaluate/cohort-effects.js";
import type { UnitOutcome } from "../evaluate/types.js";

export type { CohortUnitInput } from "../load/inputs.js";

/** The previous run, for comparisons (K4) and facts computed over last year's cohort (K5). */
export interface PreviousRun {
  units: {
    id: string;
    category?: string;
    total: number | string;
    rank?: number;
    facts?: Record<string, unknown>;
  }[];
}

/** One unit's place in the cohort. */
export interface CohortUnitResult {
  unit: string;
  category: string | null;
  /** The unit's own result. */
  outcome: UnitOutcome;
  /** The final score the unit is ranked on: own total, linked (K6), rank-change points (K4). */
  score: Decimal | null;
  /** K6: how the linked score was built. */
  linked?: { own: Decimal; childrenMean: Decimal; children: string[]; score: Decimal };
  /** K4: points for rank change against the previous run. */
  rankChange?: { previousRank: number; rankBefore: number; points: Decimal };
  rank: number | null;
  categoryRank: number | null;
  grade: string | null;
  /** Why the grade differs from the band the score reaches (a quota). */
  gradeNote?: string;
  flags: string[];
  /** K7: the score converted into the larger system. */
  converted?: Decimal;
  /** K4: change on the previous run. */
  change?: {
    previousTotal: Decimal;
    scoreDelta: Decimal;
    previousRank: number | null;
    rankDelta: number | null;
  };
  /** K8: the self-assessed result and where it differs from the verified one. */
  self?: {
    /** The self-assessed total, or null when the self-assessment could not be scored. */
    total: Decimal | null;
    differences: { node: string; title: string; self: Decimal; verified: Decimal; diff: Decimal }[];
    /** Verified minus self-assessed, or null. */
    totalDiff: Decimal | null;
    /** Why the self-assessment could not be scored. */
    issues: KaoheIssue[];
  };
}

/** Statistics of a group of units (K3). */
export interface CohortStats {
  count: number;
  mean: Decimal | null;
  median: Decimal | null;
  min: Decimal | null;
  max: Decimal | null;
  /** Units at or above each line (90分以上,含90分), in the order the lines are stated. */
  atOrAbove: { line: string; count: number }[];
}

/** A figure computed from the whole cohort (K5), as applied to the units. */
export interface CohortFigure {
  fact: string;
  /** How the figure was computed, as data: its inputs and arithmetic (`describeFigure` says it). */
  effect: CohortFigureEffect;
}

/** The scored cohort. */
export interface CohortResult {
  /** Every unit, ranked units first by rank, then units that could not be scored; ties by id. */
  units: CohortUnitResult[];
  statistics: { all: CohortStats; byCategory: Record<string, CohortStats> };
  figures: CohortFigure[];
  /** Problems of the cohort as a whole (cycles, missing parents), besides units' own. */
  issues: KaoheIssue[];
  /**
   * Every warning of the run: the cohort's own (W_RATE_SCALE_RUN: a rate every unit gave as at
   * most 1), then each unit's (W_RATE_SCALE), units in id order, each naming its unit.
   */
  warnings: KaoheIssue[];
}

/**
 * A cohort scored by scoreCohortLazily: everything of a CohortResult, with the units given one
 * at a time, each scored in full when reached.
 */
export interface CohortRun extends Omit<CohortResult, "units"> {
  /**
   * The units in the cohort's order with their places (score, rank, grade, flags, changes) and a
   * summary of their outcome: no explanation, and only the node scores the cohort step read.
   */
  ranking: readonly CohortUnitResult[];
  /** How many units there are. */
  count: number;
  /**
   * The units in the cohort's order, as scoreCohort gives them: each scored again in full (nodes
   * and explanation) when the iteration reaches it. Each call iterates afresh.
   */
  units(): Generator<CohortUnitResult>;
}
