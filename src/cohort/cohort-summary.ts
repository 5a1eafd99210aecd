import type { CompiledRuleSet } from "../compile/compile.js";
import { type ScoreOptions, scoreUnit } from "../evaluate/evaluate.js";
import type { UnitFailure, UnitInput, UnitResult } from "../evaluate/types.js";
import type { SummaryResult } from "./types.js";

/** The node scores the cohort step reads after scoring: tie-breakers and node thresholds. */
export function nodesRead(crs: CompiledRuleSet): readonly string[] {
  const kept = new Set<string>(crs.cohort.ranking.breakBy);
  for (const t of crs.thresholds)
    if (typeof t.of === "object" && "node" in t.of) kept.add(t.of.node);
  return [...kept];
}

/** Shared by every summary that keeps no node: nothing reads or writes it. */
const NO_NODES: Record<string, { score: UnitResult["total"] }> = Object.freeze({});

/**
 * One unit of a lean cohort scored into its summary, the only way a lean run scores a unit (a
 * faster exact path that gives the same summary plugs in here). The unit is scored without its
 * explanation; `reads` are the nodes whose scores the cohort step reads (nodesRead).
 */
export function unitSummary(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions,
  reads: readonly string[],
): SummaryResult | UnitFailure {
  const outcome = scoreUnit(
    crs,
    unit,
    options.trace === false ? options : { ...options, trace: false },
  );
  return outcome.ok ? summarise(outcome, reads) : outcome;
}

/**
 * A unit's result reduced to its summary. The result is the scorer's own and is dropped after,
 * so its flags, measures and warnings are taken as they are, not copied.
 */
export function summarise(o: UnitResult, reads: readonly string[]): SummaryResult {
  let nodes = NO_NODES;
  if (reads.length) {
    nodes = {};
    for (const id of reads) {
      const n = o.nodes[id];
      if (n) nodes[id] = { score: n.score };
    }
  }
  const s: SummaryResult = {
    ok: true,
    unit: o.unit,
    category: o.category,
    total: o.total,
    measures: o.measures,
    deducted: o.deducted,
    added: o.added,
    nodes,
    grade: o.grade,
    gradeSource: o.gradeSource,
    flags: o.flags,
    stopped: o.stopped,
  };
  if (o.warnings) s.warnings = o.warnings;
  return s;
}
