import type { CohortResult, CohortRun, CohortStats, CohortUnitResult } from "../cohort/types.js";
import { dstr } from "../decimal.js";
import { describeFigure } from "./describe.js";
import { outcomeToJSON } from "./json.js";

const dec = (d: { toFixed(): string } | null | undefined) => (d ? dstr(d as never) : null);

function statsToJSON(s: CohortStats): Record<string, unknown> {
  return {
    count: s.count,
    mean: dec(s.mean),
    median: dec(s.median),
    min: dec(s.min),
    max: dec(s.max),
    atOrAbove: s.atOrAbove,
    ...(s.previous
      ? {
          previous: {
            count: s.previous.count,
            mean: dec(s.previous.mean),
            median: dec(s.previous.median),
            atOrAbove: s.previous.atOrAbove,
            change: {
              count: s.previous.change.count,
              mean: dec(s.previous.change.mean),
              median: dec(s.previous.change.median),
              atOrAbove: s.previous.change.atOrAbove,
            },
          },
        }
      : {}),
  };
}

/** One unit's place in a cohort as JSON: rank, score, grade, flags and what the cohort added. */
export function rankingEntry(x: CohortUnitResult): Record<string, unknown> {
  return {
    unit: x.unit,
    category: x.category,
    rank: x.rank,
    categoryRank: x.categoryRank,
    score: dec(x.score),
    grade: x.grade,
    ...(x.gradeNote ? { gradeNote: x.gradeNote } : {}),
    flags: x.flags,
    ...(x.linked
      ? {
          linked: {
            own: dstr(x.linked.own),
            childrenMean: dstr(x.linked.childrenMean),
            children: x.linked.children,
          },
        }
      : {}),
    ...(x.rankChange
      ? {
          rankChange: {
            previousRank: x.rankChange.previousRank,
            rankBefore: x.rankChange.rankBefore,
            points: dstr(x.rankChange.points),
          },
        }
      : {}),
    ...(x.change
      ? {
          change: {
            previousTotal: dstr(x.change.previousTotal),
            scoreDelta: dstr(x.change.scoreDelta),
            previousRank: x.change.previousRank,
            rankDelta: x.change.rankDelta,
          },
        }
      : {}),
    ...(x.converted ? { converted: dstr(x.converted) } : {}),
    ...(x.self
      ? {
          self: {
            total: dec(x.self.total),
            totalDiff: dec(x.self.totalDiff),
            ...(x.self.issues.length ? { issues: x.self.issues } : {}),
            differences: x.self.differences.map((d) => ({
              node: d.node,
              title: d.title,
              self: dstr(d.self),
              verified: dstr(d.verified),
              diff: dstr(d.diff),
            })),
          },
        }
      : {}),
  };
}

export function headToJSON(r: Omit<CohortResult, "units">): Record<string, unknown> {
  return {
    statistics: {
      all: statsToJSON(r.statistics.all),
      byCategory: Object.fromEntries(
        Object.entries(r.statistics.byCategory).map(([k, v]) => [k, statsToJSON(v)]),
      ),
    },
    figures: r.figures.map((f) => ({ fact: f.fact, detail: describeFigure(f) })),
    issues: r.issues,
    warnings: r.warnings ?? [],
  };
}

/** A cohort's result as plain JSON data: ranking, grades, statistics, every decimal as a string. */
export function cohortToJSON(
  r: CohortResult,
  opts: { trace?: boolean } = {},
): Record<string, unknown> {
  return {
    ranking: r.units.map(rankingEntry),
    ...headToJSON(r),
    units: r.units.map((x) => outcomeToJSON(x.outcome, opts)),
  };
}

/**
 * A list given one element at a time, for JSON written in pieces (the CLI's writeJsonPretty);
 * `JSON.stringify` of it gives the whole list.
 */
export class JsonSequence<T = unknown> {
  constructor(
    readonly length: number,
    private readonly items: () => Iterable<T>,
  ) {}
  [Symbol.iterator](): Iterator<T> {
    return this.items()[Symbol.iterator]();
  }
  toJSON(): T[] {
    return [...this.items()];
  }
}

/**
 * A lazily scored cohort as the JSON of cohortToJSON, key for key: `units` is a JsonSequence
 * whose outcomes are built (each unit scored in full) as it is written.
 */
export function cohortRunToJSON(
  run: CohortRun,
  opts: { trace?: boolean } = {},
): Record<string, unknown> {
  return {
    ranking: run.ranking.map(rankingEntry),
    ...headToJSON(run),
    units: new JsonSequence(run.count, function* () {
      for (const x of run.units()) yield outcomeToJSON(x.outcome, opts);
    }),
  };
}
