import type { CompiledRuleSet } from "../compile/compile.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { type ScoreOptions, scoreUnit } from "../evaluate/evaluate.js";
import { cohortWarnings } from "../evaluate/scale.js";
import type { UnitFailure, UnitResult } from "../evaluate/types.js";
import {
  type CohortFact,
  cohortFacts,
  cohortHead,
  factSources,
  type UnitFacts,
  withFacts,
} from "./cohort-figures.js";
import {
  applyQuotas,
  convertScores,
  finalGrades,
  finalThresholdFlags,
  rankOutcomes,
} from "./cohort-grades.js";
import { checkPrevious, duplicateIds, unitsInIdOrder } from "./cohort-input.js";
import { linkScores } from "./cohort-link.js";
import { applyRankChange, compareWithPrevious, previousRanks } from "./cohort-previous.js";
import { cohortOrder, rankAll } from "./cohort-rank.js";
import { selfReport } from "./cohort-self.js";
import { cohortStatistics } from "./cohort-stats.js";
import { nodesRead, summarise, unitSummary } from "./cohort-summary.js";
import type {
  CohortFigure,
  CohortPlace,
  CohortResult,
  CohortUnitInput,
  CohortUnitResult,
  PreviousRun,
  SummaryResult,
} from "./types.js";

export interface CohortOptions extends ScoreOptions {
  /** The previous run: totals and ranks for comparison, facts for last year's cohort figures. */
  previous?: PreviousRun;
  /**
   * Called as units are scored, with the number scored so far and the total (every 256 units and
   * once at the end), for a progress display. It cannot change any result.
   */
  onProgress?: (done: number, total: number) => void;
}

/**
 * How each unit is kept: `full` its whole result (scoreCohort); `lazy` a UnitResult without its
 * explanation and with only the nodes the cohort reads, to be scored again in full when reached
 * (scoreCohortLazily); `summary` a SummaryResult, never expanded (scoreCohortSummary).
 */
export type RunMode = "full" | "lazy" | "summary";

/**
 * A cohort run: the units in the cohort's order, and how to score one of them again in full.
 * Their outcomes are UnitOutcomes in a full or lazy run, UnitSummaries in a summary run.
 */
export interface CohortRunResult extends Omit<CohortResult, "units"> {
  ordered: CohortPlace[];
  expand: (r: CohortUnitResult) => CohortUnitResult;
}

/** What the phases of one run share. */
interface RunState {
  crs: CompiledRuleSet;
  options: CohortOptions;
  mode: RunMode;
  /** The nodes whose scores the cohort step reads after scoring (lazy and summary runs). */
  reads: readonly string[];
  /** The units in id order. */
  units: CohortUnitInput[];
  computed: CohortFact[];
  figures: CohortFigure[];
  /** A summary run's outcomes kept from earlier runs over the same options (see SummaryMemo). */
  memo?: SummaryMemo;
}

/**
 * Summaries of units scored by earlier summary runs with the same rule set and options, by the
 * unit's input object: a unit given again as the same object, receiving the same cohort figures,
 * has the same summary (scoring is a function of these), so it is not scored again. For callers
 * that score one cohort many times changing one unit (整改 letters); the summaries are never
 * changed by the cohort step. A run given a memo gives places only: its statistics are empty and
 * its warnings are not gathered.
 */
export type SummaryMemo = WeakMap<
  CohortUnitInput,
  { figures: string; outcome: SummaryResult | UnitFailure }
>;

/** The cohort figures a unit receives, as a key: decimals by their exact value (their toJSON). */
const figuresKey = (extra: Record<string, unknown>) => JSON.stringify(extra);

/**
 * The cohort pipeline, phase by phase: the input checked and put in id order, figures computed
 * from the cohort (K5), each unit scored, linked scores (K6), rank-change points (K4), ranks
 * (K1), grades and thresholds on the final score, quotas (K2), rank outcomes (K9), comparison
 * with the previous run (K4), conversion (K7) and statistics (K3).
 */
export function runCohort(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: CohortOptions,
  mode: RunMode,
  memo?: SummaryMemo,
): CohortRunResult {
  const issues: KaoheIssue[] = [];
  const figureWarnings: KaoheIssue[] = [];
  const prepared = prepareCohort(crs, input, options, { issues, warnings: figureWarnings });
  const { units, dupes, computed } = prepared;
  options = prepared.options;
  const figures = computed.map((c) => c.figure);
  const reads = nodesRead(crs);
  const run: RunState = {
    crs,
    options,
    mode,
    units,
    computed,
    figures,
    reads,
    ...(memo && mode === "summary" ? { memo } : {}),
  };
  const results = scoreMembers(run, dupes);
  linkScores(crs, units, results, issues);
  const prevRank = previousRanks(options.previous);
  applyRankChange(crs, results, prevRank);
  const { ranked, cats } = rankAll(crs, results);
  finalGrades(crs, ranked);
  finalThresholdFlags(crs, ranked);
  applyQuotas(crs.cohort.quotas, ranked);
  rankOutcomes(crs.cohort.outcomes, ranked);
  compareWithPrevious(crs.cohort.comparison, ranked, options.previous, prevRank);
  convertScores(crs, ranked);
  // With a memo (a cohort scored again and again for its places), the statistics and the
  // warnings, which no place depends on, are left out.
  const statistics = memo
    ? { all: cohortStatistics(crs.cohort.statistics, [], [], undefined).all, byCategory: {} }
    : cohortStatistics(crs.cohort.statistics, ranked, cats, options.previous);
  const ordered = cohortOrder(ranked, results);
  return {
    ordered,
    expand: expander(run),
    statistics,
    figures,
    issues,
    warnings: memo ? [] : [...figureWarnings, ...cohortWarnings(crs, units, ordered)],
  };
}

/** The input as a cohort run takes it, before any unit is scored. */
export interface PreparedCohort {
  /** The options with the previous run checked (its malformed and twice-listed entries out). */
  options: CohortOptions;
  /** The units in id order, ids normalised, blank ids left out. */
  units: CohortUnitInput[];
  /** Ids given more than once, with the categories their copies state. */
  dupes: Map<string, Set<string | null>>;
  /** The cohort's figures (K5), computed over the units given once. */
  computed: CohortFact[];
}

/**
 * The first phases of a run: the previous run checked, the units put in id order, duplicates
 * found and the cohort's figures computed. Exported so that whatever scores a cohort's units
 * again (整改 letters) gives them the figures the run gave, computed over the same units.
 */
export function prepareCohort(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: CohortOptions,
  report: { issues: KaoheIssue[]; warnings: KaoheIssue[] },
): PreparedCohort {
  if (options.previous)
    options = { ...options, previous: checkPrevious(options.previous, report.issues) };
  const units = unitsInIdOrder(input, report.issues);
  const dupes = duplicateIds(units);
  const computed = cohortFigures(crs, units, dupes, options, {
    ...report,
    strict: options.strict === true,
  });
  return { options, units, dupes, computed };
}

/**
 * K5: figures from the whole cohort, filled in as facts before any unit is scored. A unit given
 * twice is in none of them: which copy is right cannot be known, and taking either would make
 * other units' scores depend on the order of the file.
 */
function cohortFigures(
  crs: CompiledRuleSet,
  units: CohortUnitInput[],
  dupes: ReadonlyMap<string, unknown>,
  options: CohortOptions,
  report: Parameters<typeof cohortFacts>[3],
): CohortFact[] {
  const pool = dupes.size ? units.filter((u) => !dupes.has(u.id)) : units;
  const computed = cohortFacts(crs, pool, options.previous, report);
  if (dupes.size)
    for (const c of computed)
      report.issues.push(
        issue("K_FIGURE_DUPLICATES", ["cohort", "facts", c.fact], {
          fact: c.fact,
          units: [...dupes.keys()].sort().join(", "),
        }),
      );
  return computed;
}

/** No computed fact: shared by every unit of a rule set that has none (read, never written). */
const NO_EXTRA: Record<string, unknown> = Object.freeze({});

/** The cohort's computed facts as one unit receives them. */
const extraFor = (run: RunState, u: UnitFacts) =>
  run.computed.length
    ? Object.fromEntries(run.computed.map((c) => [c.fact, c.valueFor(u)]))
    : NO_EXTRA;

/** Each unit scored with the cohort's figures; a duplicate or a unit stating a figure is not. */
function scoreMembers(
  run: RunState,
  dupes: ReadonlyMap<string, ReadonlySet<string | null>>,
): Map<string, CohortPlace> {
  const { units, options } = run;
  const results = new Map<string, CohortPlace>();
  let done = 0;
  for (const u of units) {
    if (options.onProgress && ++done % 256 === 0) options.onProgress(done, units.length);
    const cats = dupes.get(u.id);
    if (cats) {
      if (!results.has(u.id)) results.set(u.id, duplicate(u, cats));
      continue;
    }
    const extra = extraFor(run, u);
    // Every fact the cohort computes, also one whose figure could not be computed this run (no
    // previous run, no unit to compute it from): the unit's own value must not stand in for it.
    const given = run.crs.computedFacts.size
      ? [...run.crs.computedFacts].filter((k) =>
          factSources(u).some((src) => Object.hasOwn(src, k)),
        )
      : [];
    results.set(
      u.id,
      given.length
        ? failed(
            u,
            given.map((k) => issue("K_FACT_GIVEN", ["facts", k], { fact: k })),
          )
        : run.mode === "summary"
          ? leanMember(run, u, extra)
          : scoreMember(run, u, extra),
    );
  }
  options.onProgress?.(units.length, units.length);
  return results;
}

/** One unit scored; in a lazy run kept as a summary of what the cohort step reads. */
function scoreMember(
  run: RunState,
  u: CohortUnitInput,
  extra: Record<string, unknown>,
): CohortUnitResult {
  const { crs, options } = run;
  const lean = run.mode === "lazy";
  const outcome = scoreUnit(
    crs,
    withFacts(u, extra),
    lean ? { ...options, trace: false } : options,
  );
  if (outcome.ok && options.trace !== false && !lean)
    outcome.trace.unshift(...cohortHead(crs, run.figures, extra));
  const r: CohortUnitResult = placeOf(u, outcome);
  if (u.self && outcome.ok)
    r.self = selfReport(crs, u, withFacts(u.self, extraFor(run, u.self)), outcome, options);
  if (lean && outcome.ok) r.outcome = lazySummary(outcome, run.reads);
  return r;
}

/**
 * One unit of a summary run, scored through unitSummary. A unit with a self-assessment (K8) is
 * scored in full, without its explanation, as its differences are read node by node.
 */
function leanMember(
  run: RunState,
  u: CohortUnitInput,
  extra: Record<string, unknown>,
): CohortPlace {
  const { crs, options } = run;
  let self: CohortUnitResult["self"];
  let outcome: ReturnType<typeof unitSummary>;
  const key = run.memo && !u.self ? figuresKey(extra) : null;
  const kept = key !== null ? run.memo?.get(u) : undefined;
  if (kept && kept.figures === key) outcome = kept.outcome;
  else if (u.self) {
    const unit = withFacts(u, extra);
    const full = scoreUnit(crs, unit, { ...options, trace: false });
    if (full.ok) self = selfReport(crs, u, withFacts(u.self, extraFor(run, u.self)), full, options);
    outcome = full.ok ? summarise(full, run.reads) : full;
  } else {
    outcome = unitSummary(crs, withFacts(u, extra), options, run.reads);
    if (key !== null) run.memo?.set(u, { figures: key, outcome });
  }
  const r = placeOf(u, outcome);
  if (self) r.self = self;
  return r;
}

/** A unit's place before the cohort step: its own score, grade and flags, not yet ranked. */
function placeOf<O extends CohortPlace["outcome"]>(
  u: CohortUnitInput,
  outcome: O,
): CohortPlace & { outcome: O } {
  return {
    unit: u.id,
    category: u.category ?? null,
    outcome,
    score: outcome.ok ? outcome.total : null,
    rank: null,
    categoryRank: null,
    grade: outcome.ok ? outcome.grade : null,
    flags: outcome.ok ? [...outcome.flags] : [],
  };
}

/**
 * A unit given more than once: not scored. No copy is preferred, so a category is reported only
 * if every copy states the same one.
 */
function duplicate(u: CohortUnitInput, cats: ReadonlySet<string | null>): CohortUnitResult {
  const category = cats.size === 1 ? (u.category ?? undefined) : undefined;
  return failed({ id: u.id, facts: {}, ...(category !== undefined ? { category } : {}) }, [
    issue("F_DUPLICATE_UNIT", ["id"], { id: u.id }),
  ]);
}

function failed(u: CohortUnitInput, issues: KaoheIssue[]): CohortUnitResult {
  return {
    unit: u.id,
    category: u.category ?? null,
    outcome: { ok: false, unit: u.id, category: u.category ?? null, issues },
    score: null,
    rank: null,
    categoryRank: null,
    grade: null,
    flags: [],
  };
}

/** A unit's outcome without what only its own report needs (explanation, nodes not read later). */
function lazySummary(o: UnitResult, kept: readonly string[]): UnitResult {
  const nodes: UnitResult["nodes"] = {};
  for (const id of kept) {
    const n = o.nodes[id];
    if (n) nodes[id] = n;
  }
  const { parts: _, ...rest } = o;
  return { ...rest, nodes, excluded: [], trace: [] };
}

/**
 * A unit scored again in full, as scoreCohort scores it: the cohort's figures first in its
 * explanation, then its own steps, then what the cohort step added (a linked score).
 */
function expander(run: RunState): (r: CohortUnitResult) => CohortUnitResult {
  const { crs, options } = run;
  const inputs = run.mode === "lazy" ? new Map(run.units.map((u) => [u.id, u])) : null;
  return (r) => {
    const u = inputs?.get(r.unit);
    if (!u || !r.outcome.ok) return r;
    const extra = extraFor(run, u);
    const full = scoreUnit(crs, withFacts(u, extra), options);
    if (!full.ok) return r;
    full.trace = [
      ...(options.trace !== false ? cohortHead(crs, run.figures, extra) : []),
      ...full.trace,
      ...r.outcome.trace,
    ];
    return { ...r, outcome: full };
  };
}
