/**
 * The part of the public API that scores compiled rule sets and writes their results: scoring one
 * unit, many, a cohort or a series, the results as JSON and text, and opening sealed rule sets.
 * `kaohe/core` (and so `kaohe`) re-exports all of it; `kaohe/sealed` re-exports what a page that
 * scores sealed rule sets needs. Nothing here may reach the validator, the lint or the schemas
 * (compileRuleSet and validateRuleSet live in core.ts): test/package.test.ts bundles kaohe/sealed
 * and fails if their code is in it.
 */

import * as cohort from "../cohort/cohort.js";
import type {
  CohortFigure,
  CohortResult,
  CohortRun,
  CohortSummary,
  CohortUnitInput,
  PreviousRun,
} from "../cohort/types.js";
import * as compile from "../compile/compile.js";
import * as errors from "../errors/issue.js";
import { KaoheError, type KaoheIssue } from "../errors/issue.js";
import * as combine from "../evaluate/combine.js";
import * as evaluate from "../evaluate/evaluate.js";
import * as series from "../evaluate/series.js";
import type { TraceEntry, UnitFailure, UnitInput, UnitResult } from "../evaluate/types.js";
import * as cohortJson from "../explain/cohort-json.js";
import * as describe from "../explain/describe.js";
import * as factsSchemaMod from "../explain/facts-schema.js";
import * as json from "../explain/json.js";
import * as render from "../explain/render.js";
import * as fast from "../fast/fast.js";
import type { UnitSummary } from "../fast/summary.js";
import * as seal from "../load/seal.js";
import type { Decimal } from "./core.js";
import { type CompiledRuleSet, engine, handle, type LoadResult, loadResult } from "./handles.js";

/**
 * How a rule set rounds (`policy.rounding.mode`): half-up (四舍五入), half-even, half-down, up
 * and down (away from and towards zero), ceil and floor.
 */
export type RoundingMode = "half-up" | "half-even" | "half-down" | "up" | "down" | "ceil" | "floor";

/** What scoring a unit gives: a scored unit (`ok: true`), or one not scored, with every reason. */
export type UnitOutcome = UnitResult | UnitFailure;

/**
 * Opens a sealed rule set (the parsed JSON `kaohe seal` wrote): checks its form, that this kaohe
 * version sealed it and that its digest matches its content, and returns the rule set (a copy:
 * `data` is left as it was), frozen and counted as checked. Never throws for bad data: a rule set changed after sealing is refused with
 * `E_SEALED_DIGEST`, one sealed by another kaohe version with `E_SEALED_ENGINE`.
 *
 * @example
 * const data = JSON.parse(JSON.stringify(sealRuleSet(loaded.ruleSet)));
 * openSealedRuleSet(data).ok; //=> true
 * data.ruleSet.title = "改过的标题"; // changed after sealing
 * const r = openSealedRuleSet(data);
 * r.ok || r.issues[0].code; //=> "E_SEALED_DIGEST"
 */
export function openSealedRuleSet(data: unknown): LoadResult {
  return loadResult(seal.openSealedRuleSet(data));
}

/**
 * Opens a sealed rule set and compiles it, without the validator; throws a KaoheError when
 * openSealedRuleSet refuses it.
 *
 * @example
 * const compiled = compileSealedRuleSet(await (await fetch("/hubei.sealed.json")).json());
 * compiled.title; //=> "湖北省2009年上半年财政与编制政务公开考核"
 */
export function compileSealedRuleSet(data: unknown): CompiledRuleSet {
  const r = seal.openSealedRuleSet(data);
  if (!r.ok) throw new KaoheError(r.issues);
  return handle(compile.compileCheckedRuleSet(r.ruleSet));
}

// ---------------------------------------------------------------------------------------------
// Scoring

/**
 * Scores one unit. Never throws for bad facts: a unit whose facts are missing or ill-typed comes
 * back as `{ ok: false, issues }` naming each one.
 *
 * @example
 * // A 1-point item, "每处扣0.1分", three occurrences:
 * const r = scoreUnit(compiled, { id: "A市", facts: { n: 3 } });
 * r.ok && r.total.toFixed(); //=> "0.7"
 */
export function scoreUnit(
  ruleSet: CompiledRuleSet,
  unit: UnitInput,
  options?: evaluate.ScoreOptions,
): UnitOutcome {
  return evaluate.scoreUnit(engine(ruleSet), unit, options);
}

/**
 * Scores many units, each on its own (no cohort step), in input order. Units sharing an id are
 * all refused.
 *
 * @example
 * scoreUnits(compiled, [a, b]).map((o) => o.ok); //=> [true, true]
 */
export function scoreUnits(
  ruleSet: CompiledRuleSet,
  units: readonly UnitInput[],
  options?: evaluate.ScoreOptions,
): UnitOutcome[] {
  return evaluate.scoreUnits(engine(ruleSet), units, options);
}

/** A reusable scorer of unit summaries, from compileScorer. */
export interface Scorer {
  /**
   * Whether the rule set takes the exact fixed-point path (every category of it): its units are
   * then scored on integers unless a unit's facts need the general reader. Either way every
   * summary is the one scoreUnit's result gives.
   */
  readonly fixedPoint: boolean;
  /** Scores one unit to its summary; never throws for bad facts (they come back as issues). */
  score(unit: UnitInput): UnitSummary;
}

/**
 * Prepares a rule set for bulk scoring that needs only each unit's summary — exact total,
 * grade, flags, whether a veto stopped it, issues and warnings — and no per-item results or
 * explanation. Rule sets within reach of the fixed-point path (docs/performance.md) are scored
 * on integers, tens of times faster than scoreUnit; the others, and any unit whose facts need
 * more than a plain check, are scored by scoreUnit and summed up. The total is a number: the
 * nearest double to the exact decimal total, which prints as that decimal (up to 15 significant
 * digits; a longer total also comes as `totalText`).
 *
 * @example
 * // A 1-point item, "每处扣0.1分", three occurrences:
 * const scorer = compileScorer(compiled);
 * scorer.score({ id: "A市", facts: { n: 3 } });
 * //=> { ok: true, unit: "A市", category: null, total: 0.7, grade: null, gradeSource: null, flags: [], stopped: false }
 */
export function compileScorer(ruleSet: CompiledRuleSet, options?: evaluate.ScoreOptions): Scorer {
  return fast.createScorer(engine(ruleSet), options);
}

/** Options of a cohort run: those of a unit's, and the previous run. */
export interface CohortOptions extends evaluate.ScoreOptions {
  /** The previous run: totals and ranks for comparison, facts for last year's cohort figures. */
  previous?: PreviousRun;
  /**
   * Called as units are scored, with the number scored so far and the total (every 256 units and
   * once at the end), for a progress display. It cannot change any result.
   */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Scores a whole cohort (K1–K9): cohort figures, each unit against its category's variant, linked
 * scores, ranks with the stated tie policy, grades with quotas, statistics, comparison with the
 * previous run, conversion and self-assessment. The order of the input never changes a result.
 *
 * @example
 * const c = scoreCohort(compiled, units);
 * c.units.map((x) => [x.unit, x.rank]); //=> [["武汉市", 1], ["某某市", 2], ["江岸区", 3], ["某某县", 4]]
 */
export function scoreCohort(
  ruleSet: CompiledRuleSet,
  units: readonly CohortUnitInput[],
  options?: CohortOptions,
): CohortResult {
  return cohort.scoreCohort(engine(ruleSet), units, options);
}

/**
 * Scores a cohort as scoreCohort does and keeps each unit's summary instead of its whole result:
 * ranks, grades with quotas, statistics, figures, linked scores and comparison are scoreCohort's;
 * each unit's outcome holds its own total, grade and flags, with no nodes or explanation. For
 * cohorts too large to hold every unit's result.
 *
 * @example
 * const s = scoreCohortSummary(compiled, units);
 * s.units.map((x) => [x.unit, x.rank, x.score?.toFixed()]); //=> [["武汉市", 1, "100"], ["某某市", 2, "98"], ["江岸区", 3, "93.4"], ["某某县", 4, "67.7"]]
 * "trace" in s.units[0].outcome; //=> false
 */
export function scoreCohortSummary(
  ruleSet: CompiledRuleSet,
  units: readonly CohortUnitInput[],
  options?: CohortOptions,
): CohortSummary {
  return cohort.scoreCohortSummary(engine(ruleSet), units, options);
}

/**
 * Scores a cohort as scoreCohort does while holding only a summary of each unit; `units()` then
 * scores each unit again in full as it is reached. Identical results; each unit is scored twice.
 *
 * @example
 * const run = scoreCohortLazily(compiled, units);
 * run.count; //=> 4
 * for (const x of run.units()) write(x); // one full unit in memory at a time
 */
export function scoreCohortLazily(
  ruleSet: CompiledRuleSet,
  units: readonly CohortUnitInput[],
  options?: CohortOptions,
): CohortRun {
  return cohort.scoreCohortLazily(engine(ruleSet), units, options);
}

/**
 * T7/T8: scores a unit over consecutive periods (months, quarters), in the order given, and raises
 * the rule set's streak flags where a condition holds for N periods in a row.
 *
 * @example
 * const s = scoreSeries(compiled, { id: "A县" }, [{ id: "2025-Q1", facts: q1 }, { id: "2025-Q2", facts: q2 }]);
 * s.periods.map((p) => p.id); //=> ["2025-Q1", "2025-Q2"]
 * s.streaks; // the streak flags raised, e.g. [{ flag: "约谈", periods: ["2025-Q1", "2025-Q2"], … }]
 */
export function scoreSeries(
  ruleSet: CompiledRuleSet,
  unit: { id: string; category?: string },
  periods: readonly series.PeriodInput[],
  options?: evaluate.ScoreOptions,
): { periods: { id: string; outcome: UnitOutcome }[]; streaks: series.StreakFlag[] } {
  return series.scoreSeries(engine(ruleSet), unit, periods, options);
}

/**
 * Weights given scores by percentages exactly and rounds the sum once (集中考核按70%、日常考核按30%).
 * A helper for scores computed elsewhere: a rule set's `combine` section (T1/T2), which
 * scoreUnit applies to a unit given by `parts`, does the same sum but also scores the parts,
 * checks given scores against 满分, nests parts, rounds where a part says, and weighs measures,
 * grades and flags. Weights need not add up to 100.
 *
 * @example
 * combineWeighted(
 *   [{ label: "集中", score: "93.37", percent: 70 }, { label: "日常", score: "88.11", percent: 30 }],
 *   { places: 1, mode: "half-up" },
 * ).rounded.toFixed(); //=> "91.8"
 */
export function combineWeighted(
  parts: readonly combine.WeightedPart[],
  rounding?: { places: number; mode: RoundingMode },
): { exact: Decimal; rounded: Decimal; terms: { label: string; value: Decimal }[] } {
  return combine.combineWeighted(parts, rounding);
}

/**
 * The JSON Schema (draft 2020-12) of the facts file a rule set reads: each fact it takes, with its
 * type, range and Chinese label as the title; facts it computes itself and unknown facts are
 * refused. A calling system validates what it sends with it (`kaohe schema --facts` prints it).
 * Which facts must be present is not in it: kaohe reports a missing fact by name.
 *
 * @example
 * factsSchema(compiled).$defs.facts.properties.staff_blanks.title; //=> "编制空缺人数"
 */
export function factsSchema(ruleSet: CompiledRuleSet): { [key: string]: unknown } {
  return factsSchemaMod.factsSchemaOf(engine(ruleSet));
}

// ---------------------------------------------------------------------------------------------
// Results as JSON and text

/**
 * A unit's outcome as plain JSON data: every decimal as a string, keys in a fixed order, the
 * explanation unless `trace: false`.
 *
 * @example
 * outcomeToJSON(scoreUnit(compiled, unit), { trace: false }).total; //=> "93.4"
 */
export function outcomeToJSON(
  outcome: UnitOutcome,
  opts?: { trace?: boolean },
): Record<string, unknown> {
  return json.outcomeToJSON(outcome, opts);
}

/**
 * A cohort's result as plain JSON data: ranking, grades, statistics and every unit's outcome,
 * every decimal as a string.
 *
 * @example
 * JSON.stringify(cohortToJSON(scoreCohort(compiled, units), { trace: false })).length > 0; //=> true
 */
export function cohortToJSON(
  result: CohortResult,
  opts?: { trace?: boolean },
): Record<string, unknown> {
  return cohortJson.cohortToJSON(result, opts);
}

/**
 * The JSON of cohortToJSON, key for key, for a scoreCohortLazily run: its `units` is a
 * JsonSequence whose outcomes are made as it is written.
 *
 * @example
 * cohortRunToJSON(scoreCohortLazily(compiled, units)).units instanceof JsonSequence; //=> true
 */
export function cohortRunToJSON(
  run: CohortRun,
  opts?: { trace?: boolean },
): Record<string, unknown> {
  return cohortJson.cohortRunToJSON(run, opts);
}

/**
 * The words of one trace entry, made from its effect (what a clause found, what the engine or the
 * cohort did): what `renderExplanation` prints for it and the `detail` of the JSON output.
 *
 * @example
 * const r = scoreUnit(compiled, unit);
 * r.ok && describeEntry(r.trace.find((e) => e.rule === "二.4.不规范")); //=> "4处×0.1分=0.4分"
 */
export function describeEntry(entry: TraceEntry): string {
  return describe.describeEntry(entry);
}

/**
 * The words of a figure computed over the cohort (K5), made from its effect: what the ranking
 * prints after 全体计算 and the `detail` of the cohort JSON's `figures`.
 *
 * @example
 * describeFigure(scoreCohort(compiled, units).figures[0]); //=> "全体4个单位中详细公开的比例:无"
 */
export function describeFigure(figure: CohortFigure): string {
  return describe.describeFigure(figure);
}

/**
 * A unit's outcome as a Chinese 扣分说明: the total, then each item that lost or gained points,
 * by how much, why, and the source clause (原文) — the feedback a unit receives for 整改.
 *
 * @example
 * renderExplanation(compiled, scoreUnit(compiled, unit)).split("\n")[0];
 * //=> "【江岸区】湖北省2009年上半年财政与编制政务公开考核  总分 93.4分(满分 100分)"
 */
export function renderExplanation(ruleSet: CompiledRuleSet, outcome: UnitOutcome): string {
  return render.renderExplanation(engine(ruleSet), outcome);
}

// ---------------------------------------------------------------------------------------------
// Problems

/**
 * An issue as one line, `file:line:column: severity CODE 【unit】message (at path)`, with what of
 * it is known (a sheet's cell instead of line and column).
 *
 * @example
 * formatIssue({ code: "E_REQUIRED", severity: "error", path: ["title"], message: "缺少必填字段 title", line: 2 });
 * //=> "2:1: error E_REQUIRED 缺少必填字段 title (at title)"
 */
export function formatIssue(issue: KaoheIssue): string {
  return errors.formatIssue(issue);
}
