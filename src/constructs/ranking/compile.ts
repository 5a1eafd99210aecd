/**
 * K1: the ranking, compiled once (its defaults made explicit). Ranking the units stays in
 * src/cohort/cohort-rank.ts, the stage that has every unit's score; a rank is a field of the
 * unit's place in the cohort, not a trace entry, so the ranking has no effect type or words.
 */

import type { RankingInput } from "./schema.js";

/** K1: the tie policy, the tie-breakers and the places scores are compared at. */
export interface CRanking {
  ties: RankingInput["ties"];
  /** Node ids whose scores break ties, in order, as stated (read only with `ties: break`). */
  breakBy: readonly string[];
  /** Scores are compared rounded to this many places; null: as reported. */
  places: number | null;
}

/** Compiles the ranking: no tie-breakers and no places made explicit. */
export function compileRanking(r: RankingInput): CRanking {
  return { ties: r.ties, breakBy: r.breakBy ?? [], places: r.places ?? null };
}
