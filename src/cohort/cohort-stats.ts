import type { CStatistics } from "../compile/cohort.js";
import { type Decimal, dstr, roundTo, toDecimal, ZERO } from "../decimal.js";
import { compareKeys, keyColumn } from "./cohort-keys.js";
import { byCategory } from "./cohort-rank.js";
import type {
  CohortPlace,
  CohortResult,
  CohortStats,
  PreviousRun,
  PreviousStats,
} from "./types.js";

/**
 * K3: statistics of all ranked units and of each category's, categories sorted; with a previous
 * run, the same over its totals and the change on them. A previous unit's category is the one it
 * gives, or else the one it has in this run.
 */
export function cohortStatistics(
  spec: CStatistics,
  ranked: readonly CohortPlace[],
  cats: string[],
  previous?: PreviousRun,
): CohortResult["statistics"] {
  const groups = byCategory(ranked);
  const before = previous ? previousTotals(previous, ranked) : null;
  const withPrevious = (s: CohortStats, totals: readonly Decimal[] | undefined): CohortStats =>
    before ? { ...s, previous: change(s, stats(spec, totals ?? [])) } : s;
  return {
    all: withPrevious(stats(spec, ranked.map(scoreOf)), before?.all),
    byCategory: Object.fromEntries(
      cats
        .sort()
        .map((c) => [
          c,
          withPrevious(stats(spec, (groups.get(c) ?? []).map(scoreOf)), before?.byCategory.get(c)),
        ]),
    ),
  };
}

const scoreOf = (r: CohortPlace) => r.score as Decimal;

/** The previous run's totals, all and by category. */
function previousTotals(
  previous: PreviousRun,
  ranked: readonly CohortPlace[],
): { all: Decimal[]; byCategory: Map<string, Decimal[]> } {
  const categoryNow = new Map(ranked.map((r) => [r.unit, r.category]));
  const all: Decimal[] = [];
  const byCategory = new Map<string, Decimal[]>();
  for (const p of previous.units) {
    const t = toDecimal(p.total);
    all.push(t);
    const c = p.category ?? categoryNow.get(p.id) ?? null;
    if (c === null) continue;
    const list = byCategory.get(c);
    if (list) list.push(t);
    else byCategory.set(c, [t]);
  }
  return { all, byCategory };
}

/** This run's statistics less the previous run's. */
function change(now: CohortStats, before: CohortStats): PreviousStats {
  const minus = (a: Decimal | null, b: Decimal | null) => (a && b ? a.minus(b) : null);
  return {
    count: before.count,
    mean: before.mean,
    median: before.median,
    atOrAbove: before.atOrAbove,
    change: {
      count: now.count - before.count,
      mean: minus(now.mean, before.mean),
      median: minus(now.median, before.median),
      atOrAbove: now.atOrAbove.map((x, i) => ({
        line: x.line,
        count: x.count - (before.atOrAbove[i]?.count ?? 0),
      })),
    },
  };
}

/** K3: statistics of a group of scores. */
function stats(spec: CStatistics, unsorted: readonly Decimal[]): CohortStats {
  const keys = keyColumn(unsorted);
  const scores = unsorted
    .map((_, i) => i)
    .sort((i, j) => compareKeys(keys, i, j))
    .map((i) => unsorted[i] as Decimal);
  const places = spec.places;
  const n = scores.length;
  // A list, not an object: object keys that look like integers would be reordered ascending.
  const atOrAbove = spec.lines.map((l) => ({
    line: dstr(l),
    count: n - firstAtOrAbove(scores, l),
  }));
  if (!n) return { count: 0, mean: null, median: null, min: null, max: null, atOrAbove };
  const mean = scores.reduce((a, s) => a.plus(s), ZERO).dividedBy(n);
  const mid = Math.floor(n / 2);
  const median =
    n % 2
      ? (scores[mid] as Decimal)
      : (scores[mid - 1] as Decimal).plus(scores[mid] as Decimal).dividedBy(2);
  return {
    count: n,
    mean: roundTo(mean, places, "half-up"),
    median: roundTo(median, places, "half-up"),
    min: scores[0] as Decimal,
    max: scores[n - 1] as Decimal,
    atOrAbove,
  };
}

/** The index of the first score at or above a line in ascending scores (their count if none). */
function firstAtOrAbove(scores: readonly Decimal[], line: Decimal): number {
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((scores[mid] as Decimal).lessThan(line)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
