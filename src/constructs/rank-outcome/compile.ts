/**
 * K9: a rank-based outcome, compiled once (its categories as a set). Giving the flags stays in
 * src/cohort/cohort-grades.ts (`rankOutcomes`); an outcome is a flag of the unit's place in the
 * cohort, not a trace entry, so it has no effect type or words of its own.
 */

import type { RankOutcomeInput } from "./schema.js";

/** K9: the flag given to units ranked `top` or better, overall or within their category. */
export interface CRankOutcome {
  id: string;
  flag: string;
  top: number;
  scope: "all" | "category";
  /** Only units of these categories can get it; null: any unit. */
  categories: ReadonlySet<string> | null;
}

/** Compiles an outcome: its categories as a set, or null when it names none. */
export function compileRankOutcome(o: RankOutcomeInput): CRankOutcome {
  return {
    id: o.id,
    flag: o.flag,
    top: o.top,
    scope: o.scope,
    categories: o.categories ? new Set(o.categories) : null,
  };
}
