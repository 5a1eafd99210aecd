import type { CComparison } from "../compile/cohort.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, toDecimal, ZERO } from "../decimal.js";
import { rank } from "./cohort-rank.js";
import type { CohortPlace, PreviousRun } from "./types.js";

/** Each unit's rank in the previous run, where it had one. */
export function previousRanks(previous: PreviousRun | undefined): Map<string, number> {
  return new Map(
    (previous?.units ?? [])
      .filter((p) => p.rank !== undefined)
      .map((p) => [p.id, p.rank as number]),
  );
}

/** K4: points for the change of rank on last year, ranked before the points are added. */
export function applyRankChange(
  crs: CompiledRuleSet,
  results: ReadonlyMap<string, CohortPlace>,
  prevRank: ReadonlyMap<string, number>,
): void {
  const rc = crs.cohort.comparison.rankChange;
  if (!rc || !prevRank.size) return;
  rank(
    crs,
    [...results.values()].filter((r) => r.score !== null),
    "all",
  );
  for (const r of results.values()) {
    const before = prevRank.get(r.unit);
    if (r.rank === null || before === undefined || r.score === null) continue;
    const up = before - r.rank;
    const points = up >= rc.upAtLeast ? rc.add : -up >= rc.downAtLeast ? rc.deduct.negated() : ZERO;
    r.rankChange = { previousRank: before, rankBefore: r.rank, points };
    if (!points.isZero()) r.score = r.score.plus(points);
  }
}

/** K4: the change on the previous run's total and rank, and the progress flag it may earn. */
export function compareWithPrevious(
  comparison: CComparison,
  ranked: readonly CohortPlace[],
  previous: PreviousRun | undefined,
  prevRank: ReadonlyMap<string, number>,
): void {
  const prevTotal = new Map((previous?.units ?? []).map((p) => [p.id, toDecimal(p.total)]));
  const p = comparison.progress;
  for (const r of ranked) {
    const pt = prevTotal.get(r.unit);
    if (pt === undefined) continue;
    const pr = prevRank.get(r.unit) ?? null;
    const delta = (r.score as Decimal).minus(pt);
    const rankDelta = pr !== null && r.rank !== null ? pr - r.rank : null;
    r.change = { previousTotal: pt, scoreDelta: delta, previousRank: pr, rankDelta };
    if (
      p &&
      ((p.rankUp !== null && rankDelta !== null && rankDelta >= p.rankUp) ||
        (p.scoreUp !== null && delta.greaterThanOrEqualTo(p.scoreUp)))
    )
      r.flags.push(p.flag);
  }
}
