/**
 * What a clause did for one unit, as data (issue 10: a structured trace): the inputs it read and
 * the arithmetic it did, recorded when the trace is wanted. Each clause type's module exports the
 * renderer of its explanation from its effect (`perWords`…), which explain/ calls when output is
 * made; tests can assert effects instead of words.
 * Amounts are decimals; `cap` is set when the clause's own cap (扣完…为止) bit.
 */
import type { Decimal } from "../../decimal.js";

/**
 * What a clause's explanation is said in besides its effect: 扣 or 加 (the clause's effect), and
 * the unit of its measure (分, 元…). Trace entries of clauses carry it as `words`.
 */
export interface ClauseWords {
  verb: "扣" | "加";
  unit: string;
  /** On a grade entry: `node` when the grade is forced on the entry's node (本项直接定为…). */
  scope?: "node";
}

/** C2: a requirement not met. */
export interface CheckEffect {
  type: "check";
  amount: Decimal;
}

/** C7: a condition that holds. */
export interface FixedEffect {
  type: "fixed";
  amount: Decimal;
}

/** C3/C5: occurrences × an amount each, by sub-unit or person when capped per subject. */
export interface PerEffect {
  type: "per";
  each: Decimal;
  noun: string;
  /** Without per-subject caps: the occurrences and their product. */
  count?: number;
  raw?: Decimal;
  /** With per-subject caps: each subject (sorted), its occurrences, product and cap if it bit. */
  subjects?: { subject: string; count: number; raw: Decimal; cap?: Decimal }[];
  cap?: Decimal;
}

/** C6: a rate's shortfall below a base, in steps, per band. */
export interface StepEffect {
  type: "step";
  rate: Decimal;
  mode: "marginal" | "whole";
  partial: "floor" | "ceil" | "prorata";
  /** marginal: one entry per band the rate is below; whole: the one (lowest) band that applies. */
  bands: {
    below: Decimal;
    /** whole: the top band's base the whole shortfall is measured from. */
    from?: Decimal;
    short: Decimal;
    per: Decimal;
    each: Decimal;
    steps: Decimal;
    amount: Decimal;
  }[];
  cap?: Decimal;
}

/** C13: amounts the assessors chose within a range. */
export interface RangeEffect {
  type: "range";
  min: Decimal;
  max: Decimal;
  /** A single amount given as the fact, or one per finding (with its count). */
  amounts: { amount: Decimal; count: number }[];
  total: Decimal;
  /** Whether the amounts came from a findings list. */
  listed: boolean;
}

/** C11/C12: findings priced by kind. */
export interface TallyEffect {
  type: "tally";
  noun: string;
  /** Per kind, in the order the rule lists kinds: count, price, sum, notes (tags, shares). */
  kinds: { kind: string; count: number; price: Decimal; sum: Decimal; notes: string[] }[];
  /** Whether repeated items were counted once at their highest kind. */
  highestOnly: boolean;
  cap?: Decimal;
}

/** T4: events answered late or not at all. */
export interface DeadlineEffect {
  type: "deadline";
  limit: string;
  noun: string;
  late: number;
  missed: number;
  each: Decimal;
  missAmount: Decimal;
  raw: Decimal;
  /** Each late or missed event: its label, date, due time and response (none: missed). */
  events: { label: string; date: string; due: string; done?: string }[];
  cap?: Decimal;
}

/** T5: periods of the window below the minimum. */
export interface TargetEffect {
  type: "target";
  periods: number;
  word: string;
  min: Decimal;
  /** Each period short, with its value (none: no record). */
  short: { period: string; value?: Decimal }[];
  each?: Decimal;
  raw: Decimal;
  cap?: Decimal;
}

/** C16: a rating on a scale. */
export interface RatingEffect {
  type: "rating";
  rating: string;
  got: Decimal;
  full: Decimal;
  amount: Decimal;
  add: boolean;
}

/** C8/C9: what an override forces, with its amount. */
export interface ForcedEffect {
  type: "override";
  amount: Decimal;
  grade?: string;
  total?: Decimal;
  totalMode: "fixed" | "at-most";
  zero?: readonly string[];
  stop: boolean;
  flag?: string;
}

/** What a clause did, by clause type (`type`): the data its explanation is rendered from. */
export type ClauseEffect =
  | CheckEffect
  | FixedEffect
  | PerEffect
  | StepEffect
  | RangeEffect
  | TallyEffect
  | DeadlineEffect
  | TargetEffect
  | RatingEffect
  | ForcedEffect;
