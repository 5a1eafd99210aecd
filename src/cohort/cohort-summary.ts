import type { CompiledRuleSet } from "../compile/compile.js";
import { type ScoreOptions, scoreUnit } from "../evaluate/evaluate.js";
import type { UnitFailure, UnitInput, UnitResult } from "../evaluate/types.js";
import { type FastPlace, fastPlace } from "../fast/fast.js";
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
 * One unit of a lean cohort scored into its summary, the only way a lean run scores a unit. When
 * the cohort step reads no node's score, a unit the fixed-point path takes is scored by it
 * (src/fast/fast.ts: exact, the same summary — test/summary-cohort.test.ts holds the two equal on
 * random rule sets); any other is scored by scoreUnit without its explanation. `reads` are the
 * nodes whose scores the cohort step reads (nodesRead).
 */
export function unitSummary(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions,
  reads: readonly string[],
): SummaryResult | UnitFailure {
  if (!reads.length) {
    const fast = fastPlace(crs, unit, options);
    if (fast) return placeSummary(crs, fast);
  }
  const outcome = scoreUnit(
    crs,
    unit,
    options.trace === false ? options : { ...options, trace: false },
  );
  return outcome.ok ? summarise(outcome, reads) : outcome;
}

/** A unit's summary from the fixed-point path, as summarise gives it from the full result. */
function placeSummary(crs: CompiledRuleSet, p: FastPlace): SummaryResult {
  const s = p.summary;
  return {
    ok: true,
    unit: s.unit,
    category: s.category,
    total: p.total,
    // The fixed-point path takes only rule sets with the one measure, the points.
    measures: { [crs.pointsMeasure]: p.total },
    deducted: p.deducted,
    added: p.added,
    nodes: NO_NODES,
    grade: s.grade,
    gradeSource: s.gradeSource,
    flags: [...s.flags],
    stopped: s.stopped,
  };
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
