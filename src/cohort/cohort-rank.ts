import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, roundTo, ZERO } from "../decimal.js";
import type { CohortInput } from "../schema/ruleset.js";
import type { CohortPlace } from "./types.js";

/** Units by id: the order of last resort, so that no result depends on the input's order. */
export const byId = (a: { unit: string }, b: { unit: string }) =>
  a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0;

/** The category a unit is grouped under ("" for none). */
export const categoryOf = (r: CohortPlace) => r.category ?? "";

/** The units of each category, categories in the order given. */
export const inCategory = (ranked: readonly CohortPlace[], c: string) =>
  ranked.filter((r) => categoryOf(r) === c);

/**
 * K1: ranks the units with a score, overall and within each category. Returns them (in id order)
 * and their categories, in the order first met.
 */
export function rankAll(
  crs: CompiledRuleSet,
  spec: CohortInput,
  results: ReadonlyMap<string, CohortPlace>,
): { ranked: CohortPlace[]; cats: string[] } {
  const ranked = [...results.values()].filter((r) => r.score !== null);
  rank(spec, ranked, "all", crs);
  const cats = [...new Set(ranked.map(categoryOf))];
  for (const c of cats) rank(spec, inCategory(ranked, c), "category", crs);
  return { ranked, cats };
}

/** The sub-scores that break ties, in order. */
function breakers(spec: CohortInput, r: CohortPlace): Decimal[] {
  const nodes = r.outcome.ok ? r.outcome.nodes : {};
  return (spec.ranking.breakBy ?? []).map((id) => nodes[id]?.score ?? ZERO);
}

/** K1: ranks a group by final score under the stated tie policy. */
export function rank(
  spec: CohortInput,
  group: CohortPlace[],
  field: "all" | "category",
  crs: CompiledRuleSet,
): void {
  const places = spec.ranking.places;
  // Compared at the stated places, rounded as the rule set's policy rounds.
  const key = (r: CohortPlace) =>
    places !== undefined
      ? roundTo(r.score as Decimal, places, crs.rounding.mode)
      : (r.score as Decimal);
  const ties = spec.ranking.ties;
  const cmp = (a: CohortPlace, b: CohortPlace): number => {
    const c = key(b).comparedTo(key(a));
    if (c !== 0 || ties !== "break") return c;
    const ba = breakers(spec, a);
    const bb = breakers(spec, b);
    for (let i = 0; i < ba.length; i++) {
      const d = (bb[i] as Decimal).comparedTo(ba[i] as Decimal);
      if (d !== 0) return d;
    }
    return 0;
  };
  const sorted = [...group].sort((a, b) => cmp(a, b) || byId(a, b));
  let rankNo = 0;
  let dense = 0;
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    if (!prev || cmp(prev, r) !== 0) {
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
