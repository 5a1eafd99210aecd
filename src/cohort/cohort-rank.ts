import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, roundTo, ZERO } from "../decimal.js";
import { compareKeys, type KeyColumn, keyColumn } from "./cohort-keys.js";
import type { CohortPlace } from "./types.js";

/** Units by id: the order of last resort, so that no result depends on the input's order. */
export const byId = (a: { unit: string }, b: { unit: string }) =>
  a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0;

/** The category a unit is grouped under ("" for none). */
export const categoryOf = (r: CohortPlace) => r.category ?? "";

/** The units of each category, in one pass; categories in the order first met. */
export function byCategory<R extends CohortPlace>(ranked: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of ranked) {
    const c = categoryOf(r);
    const g = out.get(c);
    if (g) g.push(r);
    else out.set(c, [r]);
  }
  return out;
}

/**
 * K1: ranks the units with a score, overall and within each category. Returns them (in id order)
 * and their categories, in the order first met.
 */
export function rankAll(
  crs: CompiledRuleSet,
  results: ReadonlyMap<string, CohortPlace>,
): { ranked: CohortPlace[]; cats: string[] } {
  const ranked = [...results.values()].filter((r) => r.score !== null);
  rank(crs, ranked, "all");
  const groups = byCategory(ranked);
  for (const g of groups.values()) rank(crs, g, "category");
  return { ranked, cats: [...groups.keys()] };
}

/** A sub-score that breaks ties; a node the unit has no score for counts as zero. */
function breaker(r: CohortPlace, id: string): Decimal {
  return (r.outcome.ok ? r.outcome.nodes[id]?.score : undefined) ?? ZERO;
}

/** K1: ranks a group by final score under the stated tie policy. */
export function rank(crs: CompiledRuleSet, group: CohortPlace[], field: "all" | "category"): void {
  const { places, ties, breakBy } = crs.cohort.ranking;
  // Compared at the stated places, rounded as the rule set's policy rounds; then, when ties are
  // broken, on each sub-score named. Keys are made once per unit, not at each comparison.
  const cols: KeyColumn[] = [
    keyColumn(
      group.map((r) =>
        places !== null
          ? roundTo(r.score as Decimal, places, crs.rounding.mode)
          : (r.score as Decimal),
      ),
    ),
    ...(ties === "break" ? breakBy : []).map((id) => keyColumn(group.map((r) => breaker(r, id)))),
  ];
  // Higher first.
  const cmp = (i: number, j: number): number => {
    for (const col of cols) {
      const d = compareKeys(col, j, i);
      if (d !== 0) return d;
    }
    return 0;
  };
  const order = group
    .map((_, i) => i)
    .sort((i, j) => cmp(i, j) || byId(group[i] as CohortPlace, group[j] as CohortPlace));
  let rankNo = 0;
  let dense = 0;
  order.forEach((at, i) => {
    const r = group[at] as CohortPlace;
    const prev = order[i - 1];
    if (prev === undefined || cmp(prev, at) !== 0) {
      rankNo = i + 1;
      dense++;
    }
    const v = ties === "dense" ? dense : rankNo;
    if (field === "all") r.rank = v;
    else r.categoryRank = v;
  });
}

/** The order of a cohort's result: ranked units by rank, then the units that have no score. */
export function cohortOrder(
  ranked: CohortPlace[],
  results: ReadonlyMap<string, CohortPlace>,
): CohortPlace[] {
  return [
    ...ranked.sort((a, b) => (a.rank as number) - (b.rank as number) || byId(a, b)),
    ...[...results.values()].filter((r) => r.score === null).sort(byId),
  ];
}
