/**
 * T8: a streak, its condition compiled once. Running the periods and counting the run stays in
 * src/evaluate/series.ts (`scoreSeries`); the flags it raises are `StreakFlag`s of the result,
 * not trace entries, so a streak has no effect type or words of its own.
 */

import { type Decimal, toDecimal } from "../../decimal.js";
import type { RuleSetInput } from "../../schema/ruleset.js";

type StreakInput = NonNullable<RuleSetInput["streaks"]>[number];

/** T8: a flag raised when a condition on a period's result holds `count` periods in a row. */
export interface CStreak {
  id: string;
  flag: string;
  text: string;
  count: number;
  /** Whether a period's result meets the condition (a grade, a flag, a total below a line). */
  holds(r: { grade: string | null; flags: readonly string[]; total: Decimal }): boolean;
}

/** Compiles a streak's condition once: its bound parsed, not re-read for every period. */
export function compileStreak(s: StreakInput): CStreak {
  const w = s.when;
  let holds: CStreak["holds"];
  if ("grade" in w) holds = (r) => r.grade === w.grade;
  else if ("flag" in w) holds = (r) => r.flags.includes(w.flag);
  else if ("lt" in w) {
    const lt = toDecimal(w.lt);
    holds = (r) => r.total.lessThan(lt);
  } else {
    const lte = toDecimal(w.lte);
    holds = (r) => r.total.lessThanOrEqualTo(lte);
  }
  return { id: s.id, flag: s.flag, text: s.text, count: s.count, holds };
}
