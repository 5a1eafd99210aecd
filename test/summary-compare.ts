import type { CohortResult, CohortSummary } from "../src/cohort/types.js";
import { dstr } from "../src/decimal.js";
import { headToJSON, rankingEntry } from "../src/explain/cohort-json.js";

// What scoreCohortSummary must give as scoreCohort does, as JSON: every cohort field of every
// unit (rank, score, grade, flags, linked, change, conversion, self…), statistics, figures,
// issues and warnings; and of each unit's own outcome what its summary keeps.

const dec = (d: { toFixed(): string } | undefined) => (d ? dstr(d as never) : undefined);

function ownJSON(
  o: CohortResult["units"][number]["outcome"] | CohortSummary["units"][number]["outcome"],
  reads: readonly string[],
) {
  if (!o.ok)
    return {
      ok: false,
      unit: o.unit,
      category: o.category,
      issues: o.issues,
      warnings: o.warnings,
    };
  return {
    ok: true,
    unit: o.unit,
    category: o.category,
    total: dstr(o.total),
    measures: Object.fromEntries(Object.entries(o.measures).map(([k, v]) => [k, dstr(v)])),
    deducted: dstr(o.deducted),
    added: dstr(o.added),
    nodes: Object.fromEntries(reads.map((id) => [id, dec(o.nodes[id]?.score)])),
    grade: o.grade,
    gradeSource: o.gradeSource,
    flags: o.flags,
    stopped: o.stopped,
    warnings: o.warnings,
  };
}

/** The JSON a summary must share with the full result; `reads` the nodes a summary keeps. */
export function sharedJSON(r: CohortResult | CohortSummary, reads: readonly string[]): string {
  return JSON.stringify({
    ranking: r.units.map((x) => rankingEntry(x as CohortResult["units"][number])),
    ...headToJSON(r),
    own: r.units.map((x) => ownJSON(x.outcome, reads)),
  });
}
