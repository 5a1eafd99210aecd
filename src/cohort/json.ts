import { dstr } from "../decimal.js";
import { outcomeToJSON } from "../explain/json.js";
import type { CohortResult, CohortStats } from "./types.js";

const dec = (d: { toFixed(): string } | null | undefined) => (d ? dstr(d as never) : null);

function statsToJSON(s: CohortStats): Record<string, unknown> {
  return {
    count: s.count,
    mean: dec(s.mean),
    median: dec(s.median),
    min: dec(s.min),
    max: dec(s.max),
    atOrAbove: s.atOrAbove,
  };
}

/** A cohort's result as plain JSON data: ranking, grades, statistics, every decimal as a string. */
export function cohortToJSON(
  r: CohortResult,
  opts: { trace?: boolean } = {},
): Record<string, unknown> {
  return {
    ranking: r.units.map((x) => ({
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
    })),
    statistics: {
      all: statsToJSON(r.statistics.all),
      byCategory: Object.fromEntries(
        Object.entries(r.statistics.byCategory).map(([k, v]) => [k, statsToJSON(v)]),
      ),
    },
    figures: r.figures,
    issues: r.issues,
    warnings: r.warnings ?? [],
    units: r.units.map((x) => outcomeToJSON(x.outcome, opts)),
  };
}
