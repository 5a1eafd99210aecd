import type { CQuota, CRankOutcome } from "../compile/cohort.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { quotaWords } from "../constructs/quota/compile.js";
import { type Decimal, roundTo, toDecimal } from "../decimal.js";
import { thresholdFlags } from "../evaluate/common.js";
import { bandFor, forcedStands } from "../evaluate/grade.js";
import type { UnitResult } from "../evaluate/types.js";
import { byCategory, byId, categoryOf } from "./cohort-rank.js";
import type { CohortPlace, SummaryResult } from "./types.js";

/** Grades follow the final score; a grade forced by a rule keeps precedence as the rule set says. */
export function finalGrades(crs: CompiledRuleSet, ranked: readonly CohortPlace[]): void {
  for (const r of ranked) {
    const o = r.outcome as UnitResult | SummaryResult;
    const band = bandFor(crs, r.score as Decimal);
    const forced = o.gradeSource === "override" ? o.grade : null;
    r.grade = forcedStands(crs, forced, band) ? forced : band;
  }
}

/** Thresholds on the total read the final score (linked, rank-change points), as grades do. */
export function finalThresholdFlags(crs: CompiledRuleSet, ranked: readonly CohortPlace[]): void {
  for (const r of ranked) {
    const o = r.outcome as UnitResult | SummaryResult;
    if (o.total.equals(r.score as Decimal)) continue;
    const before = thresholdFlags(crs, o).map((x) => x.flag);
    const after = thresholdFlags(crs, { ...o, total: r.score as Decimal }).map((x) => x.flag);
    for (const f of before) {
      const i = r.flags.indexOf(f);
      if (i >= 0) r.flags.splice(i, 1);
    }
    r.flags.push(...after);
  }
}

/** K2: a grade limited to a share of the units, applied by rank. */
export function applyQuotas(quotas: readonly CQuota[], ranked: CohortPlace[]): void {
  for (const q of quotas) {
    const groups =
      q.scope === "all"
        ? [ranked]
        : [...byCategory(ranked)].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, g]) => g);
    for (const g of groups) applyQuota(q, g);
  }
}

/** One quota in one group: the holders of the grade past the line are demoted, ties as stated. */
function applyQuota(q: CQuota, g: readonly CohortPlace[]): void {
  const n = g.length;
  const exact = toDecimal(n).times(q.maxPercent).dividedBy(100);
  const max = (
    q.count === "floor"
      ? exact.floor()
      : q.count === "ceil"
        ? exact.ceil()
        : roundTo(exact, 0, "half-up")
  ).toNumber();
  const rankOf = (r: CohortPlace) => (q.scope === "all" ? r.rank : r.categoryRank) as number;
  const holders = g
    .filter((r) => r.grade === q.grade)
    .sort((a, b) => rankOf(a) - rankOf(b) || byId(a, b));
  if (holders.length <= max) return;
  const lastIn = holders[max - 1];
  const firstOut = holders[max] as CohortPlace;
  const tieAtLine = lastIn !== undefined && rankOf(lastIn) === rankOf(firstOut);
  holders.forEach((r, i) => {
    const tied = tieAtLine && rankOf(r) === rankOf(firstOut);
    const out = i >= max ? !(tied && q.ties === "keep-all") : tied && q.ties === "demote-all";
    if (!out) return;
    r.grade = q.demoteTo;
    r.gradeNote = quotaWords({
      type: "quota",
      text: q.text,
      units: n,
      grade: q.grade,
      max,
      rank: rankOf(r),
      tied,
      demoteTo: q.demoteTo,
    });
  });
}

/** K9: flags for the top places, overall or within the category. */
export function rankOutcomes(
  outcomes: readonly CRankOutcome[],
  ranked: readonly CohortPlace[],
): void {
  for (const out of outcomes)
    for (const r of ranked) {
      if (out.categories && !out.categories.has(categoryOf(r))) continue;
      const rk = out.scope === "all" ? r.rank : r.categoryRank;
      if (rk !== null && rk <= out.top) r.flags.push(out.flag);
    }
}

/**
 * K7: the score converted into the larger system, in proportion to the full score: the rule
 * set's points, or the full score a rescaled score (C17 rescale) is stated on.
 */
export function convertScores(crs: CompiledRuleSet, ranked: readonly CohortPlace[]): void {
  const c = crs.cohort.convert;
  if (!c) return;
  const full = crs.rescale ? crs.rescale.to : crs.points;
  for (const r of ranked)
    r.converted = roundTo((r.score as Decimal).times(c.to).dividedBy(full), c.places, c.mode);
}
