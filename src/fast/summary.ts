/**
 * A unit's summary: what a ranking or a score sheet needs (total, grade, flags, whether a veto
 * stopped scoring, the problems) and nothing per node, so that bulk scoring allocates one small
 * object per unit. Built either by the fixed-point path (fast.ts) or from a full result.
 */
import type { Decimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { UnitOutcome } from "../evaluate/types.js";

/** A scored unit, summed up. */
export interface UnitScoreSummary {
  ok: true;
  unit: string;
  category: string | null;
  /**
   * The total, exactly: the double nearest to the exact decimal total. A decimal of at most 15
   * significant digits is the only one that rounds to its double, so `String(total)` prints it
   * (in JavaScript's form: `1e-7` for 0.0000001) and `new Decimal(total)` equals it. A total with
   * more digits also comes with `totalText`.
   */
  total: number;
  /** The exact total as decimal text, only when it has more than 15 significant digits. */
  totalText?: string;
  /** The unit's grade, or null when the rule set gives none. */
  grade: string | null;
  /** Where the grade came from. */
  gradeSource: "band" | "override" | null;
  /** Flags raised by thresholds, overrides and gates, in the order of the full result. */
  flags: readonly string[];
  /** Whether a veto stopped scoring. */
  stopped: boolean;
  /** What was accepted but may not be what was meant; absent when there is none. */
  warnings?: KaoheIssue[];
}

/** A unit that could not be scored, with every reason (as scoreUnit gives them). */
export interface UnitFailureSummary {
  ok: false;
  unit: string;
  category: string | null;
  issues: KaoheIssue[];
  warnings?: KaoheIssue[];
}

/** What compileScorer gives for a unit: its summary, or the reasons it was not scored. */
export type UnitSummary = UnitScoreSummary | UnitFailureSummary;

/** The most significant digits a double holds for every decimal (DBL_DIG). */
export const EXACT_DIGITS = 15;

/** No flags: shared, so that a unit without flags allocates no array. */
export const NO_FLAGS: readonly string[] = Object.freeze([]);

/** A decimal as the summary's number: -0 as 0; its text too when the double cannot hold it. */
function totalOf(d: Decimal): { total: number; totalText?: string } {
  const n = d.toNumber();
  const total = n === 0 ? 0 : n;
  return d.sd() > EXACT_DIGITS ? { total, totalText: d.toFixed() } : { total };
}

/** The summary of a full outcome of scoreUnit: the reference the fast path must equal. */
export function summaryOf(o: UnitOutcome): UnitSummary {
  if (!o.ok)
    return {
      ok: false,
      unit: o.unit,
      category: o.category,
      issues: o.issues,
      ...(o.warnings ? { warnings: o.warnings } : {}),
    };
  return {
    ok: true,
    unit: o.unit,
    category: o.category,
    ...totalOf(o.total),
    grade: o.grade,
    gradeSource: o.gradeSource,
    flags: o.flags.length ? o.flags : NO_FLAGS,
    stopped: o.stopped,
    ...(o.warnings ? { warnings: o.warnings } : {}),
  };
}
