import type { ClauseEffect, ClauseWords } from "../compile/clauses/effects.js";
import type { Decimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { CohortEffect } from "./cohort-effects.js";
import type { EngineEffect } from "./effects.js";

export type { Finding } from "../compile/values.js";
export type { PartInput, UnitInput } from "../load/inputs.js";

/** One part of a combined score. */
export interface PartResult {
  id: string;
  label: string;
  /** The part's weight, in percent. */
  percent: Decimal;
  /** The part's score as it enters the combination (after any rounding of the part). */
  score: Decimal;
  /** score × percent / 100, exact. */
  weighted: Decimal;
  /** Set when the part's score was given, not scored. */
  given?: boolean;
  /** The scored result, for a part scored with the rules. */
  result?: UnitResult;
  /** Sub-parts. */
  parts?: PartResult[];
}

/** T7: one period of a split run (a month or a quarter) and its score. */
export interface PeriodResult {
  /** `YYYY-MM` or `YYYY-Qn`. */
  id: string;
  /** Its name: 2025年1月, 2025年第一季度. */
  label: string;
  /** The days scored, `YYYY-MM-DD`: the period clipped to the assessment window. */
  from: string;
  to: string;
  /** The period's score as it enters the total (its exact total, or as rounded by the policy). */
  score: Decimal;
  /** The period's own full result. */
  result: UnitResult;
}

/** Where a rule comes from: its document and the place in it. */
export interface TraceRef {
  doc: string;
  title: string;
  at?: string;
}

/** One step of an explanation. Entries with `delta` change the score by exactly that amount. */
export interface TraceEntry {
  /** What happened. */
  kind:
    | "deduct"
    | "deduct-cap"
    | "add"
    | "add-cap"
    | "zero"
    | "round"
    | "fixed-total"
    | "stop"
    | "grade"
    | "flag"
    | "not-applicable"
    | "given"
    | "rescale"
    | "rescale-total"
    | "gate"
    | "combine"
    | "cohort"
    | "info";
  /** The id of the rule (clause, node, adjustment, threshold) that did it. */
  rule: string;
  /** The tree node it happened in, or null outside the tree. */
  node: string | null;
  /** The measure changed. */
  measure: string;
  /** The signed change to the score; absent for entries that change no score. */
  delta?: Decimal;
  /** The source clause text (原文). */
  text: string;
  /** The source document reference. */
  ref?: TraceRef;
  /** The facts that triggered it, as text. */
  facts: Record<string, string>;
  /**
   * What happened, as data, from which its explanation is rendered (`describeEntry(entry)`, e.g.
   * `3处×0.2分`): on a clause's entries what the
   * clause did (`ClauseEffect`: `{ type: "per", count: 3, each: 0.2, raw: 0.6 }`), on the
   * engine's own entries what the engine did (`EngineEffect`: a cap, the floor at 0, rounding,
   * zeroing, C17, a gate, the total's fixing, a threshold, a combined part), on the cohort's
   * entries what the cohort did (`CohortEffect`: a figure computed over the cohort, a linked score).
   * Absent on a clause's entry that did not apply for want of a fact.
   */
  effect?: ClauseEffect | EngineEffect | CohortEffect;
  /**
   * On a clause's entries, what its explanation is said in besides its effect: 扣 or 加 (the
   * clause's effect) and the unit of its measure (`{ verb: "扣", unit: "分" }`).
   */
  words?: ClauseWords;
}

/** A finding that did not count because its date lies outside an assessment window. */
export interface ExcludedFinding {
  fact: string;
  /** Its index in the fact's list (−1 for a period of a series). */
  index: number;
  /** For a series: the period left out (YYYY-MM or YYYY-Qn). */
  period?: string;
  date: string;
  /**
   * For an event a deadline's window selects by the day it lapses (`windowBy: lapse`): that day,
   * the day after the event was due.
   */
  lapse?: string;
  note?: string;
  /** The window, `YYYY-MM-DD至YYYY-MM-DD`. */
  window: string;
  /** The rules that would have counted it. */
  rules: string[];
}

/** The score of one node of the tree. */
export interface NodeResult {
  id: string;
  title: string;
  /** The node's points for this unit's category. */
  points: Decimal;
  /** Deductions applied after caps (from this node and below). */
  deducted: Decimal;
  /** Additions applied after caps. */
  added: Decimal;
  /** Zeroing and rounding adjustments, of this node and below. */
  adjust: Decimal;
  /** Points moved by items that do not apply (C17): removed from them, given to their siblings. */
  shift: Decimal;
  /** The score: points − deducted + added + adjust + shift. */
  score: Decimal;
  /** The points after receiving those of siblings that do not apply (C17). */
  effectivePoints?: Decimal;
  /** Set when the node does not apply to this unit (C17). */
  notApplicable?: boolean;
  /** Whether a cap on this node's deductions bit. */
  capped: boolean;
  /** A grade forced on this node (日常组织领导直接按不合格处理). */
  grade?: string;
  /** Set when the node was scored directly: its score was given by the assessors (评分人给分). */
  given?: boolean;
}

/** A scored unit. */
export interface UnitResult {
  ok: true;
  unit: string;
  category: string | null;
  /** The total of the points measure after the stated rounding. */
  total: Decimal;
  /** The total before that rounding. */
  unrounded: Decimal;
  /** T1/T2: the parts a combined score was built from. */
  parts?: PartResult[];
  /** T7: the periods a split run scored (rule set `periods`), in order; their sum or mean is the total. */
  periods?: PeriodResult[];
  /** The total of every measure, after its rounding. */
  measures: Record<string, Decimal>;
  /** Deductions and additions applied, over the whole unit (for thresholds such as 全年扣分). */
  deducted: Decimal;
  added: Decimal;
  /** Node scores by id; empty when a veto stopped scoring. */
  nodes: Record<string, NodeResult>;
  /** The unit's grade, or null when the rule set gives none. */
  grade: string | null;
  /** Where the grade came from. */
  gradeSource: "band" | "override" | null;
  /** Flags raised by thresholds and overrides, in rule order. */
  flags: string[];
  /** Whether a veto stopped scoring. */
  stopped: boolean;
  /** T3: dated findings left out because they fall outside a window. */
  excluded: ExcludedFinding[];
  /**
   * C17 `rescale`: the figures of the rescaled score — `earned` (the tree's score; with
   * `adjustments: before-rescale`, with the items outside the tree) over `applicable` (the points
   * of the items that apply to the unit), times `to`, rounded as stated: `score`. Absent when
   * the rule set does not rescale.
   */
  rescale?: { earned: Decimal; applicable: Decimal; to: Decimal; score: Decimal };
  /** Every step, in evaluation order. */
  trace: TraceEntry[];
  /**
   * What was accepted but may not be what was meant (W_RATE_SCALE: a percent rate given as
   * 0.875), each naming its fact and the unit; absent when there is none. Under the `strict`
   * option these are errors instead, and the unit is not scored.
   */
  warnings?: KaoheIssue[];
}

/** A unit that could not be scored, with every reason. */
export interface UnitFailure {
  ok: false;
  unit: string;
  category: string | null;
  issues: KaoheIssue[];
  /** Warnings about the facts that were read before the unit failed; absent when there is none. */
  warnings?: KaoheIssue[];
}

export type UnitOutcome = UnitResult | UnitFailure;
