/**
 * K4: the comparison with the previous run, compiled once (points parsed, what is not stated
 * made null). Comparing stays in src/cohort/cohort-previous.ts; the change and the rank-change
 * points are fields of the unit's place in the cohort, not trace entries, so the comparison has
 * no effect type or words.
 */

import { type Decimal, toDecimal } from "../../decimal.js";
import type { ComparisonInput } from "./schema.js";

/** K4: a progress flag, and points for a change of rank; each null when not stated. */
export interface CComparison {
  progress: {
    /** Raised for a rise of at least this many places; null: not by rank. */
    rankUp: number | null;
    /** Raised for a gain of at least this many points; null: not by score. */
    scoreUp: Decimal | null;
    flag: string;
  } | null;
  rankChange: {
    upAtLeast: number;
    add: Decimal;
    downAtLeast: number;
    deduct: Decimal;
  } | null;
}

/** Compiles the comparison (absent: nothing compared but the change itself). */
export function compileComparison(c: ComparisonInput | undefined): CComparison {
  const p = c?.progress;
  const rc = c?.rankChange;
  return {
    progress: p
      ? {
          rankUp: p.rankUp ?? null,
          scoreUp: p.scoreUp !== undefined ? toDecimal(p.scoreUp) : null,
          flag: p.flag,
        }
      : null,
    rankChange: rc
      ? {
          upAtLeast: rc.upAtLeast,
          add: toDecimal(rc.add),
          downAtLeast: rc.downAtLeast,
          deduct: toDecimal(rc.deduct),
        }
      : null,
  };
}
