import { type Decimal, dstr, roundTo, toDecimal, ZERO } from "../decimal.js";
import type { CohortInput } from "../schema/ruleset.js";
import { inCategory } from "./cohort-rank.js";
import type { CohortPlace, CohortResult, CohortStats } from "./types.js";

/** K3: statistics of all ranked units and of each category's, categories sorted. */
export function cohortStatistics(
  spec: CohortInput,
  ranked: readonly CohortPlace[],
  cats: string[],
): CohortResult["statistics"] {
  return {
    all: stats(spec, ranked),
    byCategory: Object.fromEntries(cats.sort().map((c) => [c, stats(spec, inCategory(ranked, c))])),
  };
}

/** K3: statistics of a group of ranked units. */
function stats(spec: CohortInput, group: readonly CohortPlace[]): CohortStats {
  const scores = group.map((r) => r.score as Decimal).sort((a, b) => a.comparedTo(b));
  const places = spec.statistics?.places ?? 2;
  const n = scores.length;
  // A list, not an object: object keys that look like integers would be reordered ascending.
  const atOrAbove = (spec.statistics?.lines ?? []).map((line) => {
    const l = toDecimal(line);
    return { line: dstr(l), count: scores.filter((s) => s.greaterThanOrEqualTo(l)).length };
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
