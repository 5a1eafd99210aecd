import { type Decimal, dstr, roundTo, toDecimal, ZERO } from "../decimal.js";
import type { CohortInput } from "../schema/ruleset.js";
import { compareKeys, keyColumn } from "./cohort-keys.js";
import { byCategory } from "./cohort-rank.js";
import type { CohortPlace, CohortResult, CohortStats } from "./types.js";

/** K3: statistics of all ranked units and of each category's, categories sorted. */
export function cohortStatistics(
  spec: CohortInput,
  ranked: readonly CohortPlace[],
  cats: string[],
): CohortResult["statistics"] {
  const groups = byCategory(ranked);
  return {
    all: stats(spec, ranked),
    byCategory: Object.fromEntries(cats.sort().map((c) => [c, stats(spec, groups.get(c) ?? [])])),
  };
}

/** K3: statistics of a group of ranked units. */
function stats(spec: CohortInput, group: readonly CohortPlace[]): CohortStats {
  const unsorted = group.map((r) => r.score as Decimal);
  const keys = keyColumn(unsorted);
  const scores = unsorted
    .map((_, i) => i)
    .sort((i, j) => compareKeys(keys, i, j))
    .map((i) => unsorted[i] as Decimal);
  const places = spec.statistics?.places ?? 2;
  const n = scores.length;
  // A list, not an object: object keys that look like integers would be reordered ascending.
  const atOrAbove = (spec.statistics?.lines ?? []).map((line) => {
    const l = toDecimal(line);
    return { line: dstr(l), count: n - firstAtOrAbove(scores, l) };
  });
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
