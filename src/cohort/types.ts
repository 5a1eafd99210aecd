import type { Decimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { CohortFigureEffect } from "../evaluate/cohort-effects.js";
import type { UnitFailure, UnitOutcome } from "../evaluate/types.js";

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

/**
 * A unit's own result as a lean cohort (scoreCohortSummary) keeps it: what ranks, grades,
 * thresholds on the final score and warnings read, without node results or explanation.
 */
export interface SummaryResult {
  ok: true;
  unit: string;
  category: string | null;
  /** The total of the points measure after the stated rounding. */
  total: Decimal;
  /** The total of every measure, after its rounding. */
  measures: Record<string, Decimal>;
  /** Deductions and additions applied over the whole unit. */
  deducted: Decimal;
  added: Decimal;
  /**
   * The scores of the nodes the cohort step reads and no others: the tie-breakers (K1) and the
   * nodes thresholds are on (C15).
   */
  nodes: Record<string, { score: Decimal }>;
  /** The unit's own grade, or null when the rule set gives none. */
  grade: string | null;
  /** Where the grade came from. */
  gradeSource: "band" | "override" | null;
  /** Flags raised by thresholds and overrides, in rule order. */
  flags: string[];
  /** Whether a veto stopped scoring. */
  stopped: boolean;
  /** As in UnitResult: what was accepted but may not be what was meant; absent when none. */
  warnings?: KaoheIssue[];
}

/** One unit's place in a lean cohort: a CohortUnitResult whose outcome is a summary. */
export interface CohortUnitSummary extends Omit<CohortUnitResult, "outcome"> {
  /** The unit's own result as a summary, or why it could not be scored. */
  outcome: SummaryResult | UnitFailure;
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
  /**
   * K3: the same figures over the previous run's totals (when one is given), and the change on
   * them: 平均得分比上年度提升6分, 90分以上比上年度增加6家.
   */
  previous?: PreviousStats;
}

/** K3: the statistics of the previous run, and this run's change on them. */
export interface PreviousStats {
  count: number;
  mean: Decimal | null;
  median: Decimal | null;
  atOrAbove: { line: string; count: number }[];
  /**
   * This run less the previous: units, mean and median (each as rounded for publication, so the
   * published figures add up), and the count at or above each line. A figure either run lacks
   * (no units) is null.
   */
  change: {
    count: number;
    mean: Decimal | null;
    median: Decimal | null;
    atOrAbove: { line: string; count: number }[];
  };
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
 * A cohort scored by scoreCohortSummary: everything of a CohortResult, each unit's own result kept
 * as a summary.
 */
export interface CohortSummary extends Omit<CohortResult, "units"> {
  /** Every unit in the order of CohortResult's units, with its place and a summary of its outcome. */
  units: CohortUnitSummary[];
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

/** A unit's place as the cohort steps read and write it, in a full, lazy or lean run. */
export type CohortPlace = CohortUnitResult | CohortUnitSummary;
