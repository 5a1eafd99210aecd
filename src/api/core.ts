/**
 * kaohe/core — the browser core: kaohe without the functions that read text (YAML or JSON).
 *
 * Everything `kaohe` exports except loadRuleSet, compileRuleText, parseUnits, parseCases,
 * runCases and MAX_INPUT_BYTES: a rule set is given as data (validateRuleSet, compileRuleSet) and
 * scored, explained and written as JSON as `kaohe` does. Nothing here reaches the YAML parser, so
 * a page that bundles only this never carries yaml, whatever its bundler does with side effects
 * (docs/performance.md, "The browser core's size"). `kaohe` re-exports all of it: the same
 * functions, classes and values, not copies. Browser-safe (no Node APIs).
 */

import type { Decimal as DecimalJs } from "decimal.js";
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
import * as versions from "../compile/versions.js";
import { PublicDecimal } from "../decimal.js";
import { MESSAGES } from "../errors/codes.js";
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
import * as validate from "../load/validate.js";
import type { Calendar } from "../time/calendar.js";
import * as calendar from "../time/calendar.js";
import * as date from "../time/date.js";
import type { HolidayYear } from "../time/holidays-cn.js";
import * as holidays from "../time/holidays-cn.js";
import {
  type CompiledRuleSet,
  engine,
  handle,
  type LoadResult,
  loadResult,
  type RuleSetDocument,
  ruleSetInput,
} from "./handles.js";

export type {
  CohortFigure,
  CohortResult,
  CohortRun,
  CohortStats,
  CohortSummary,
  CohortUnitInput,
  CohortUnitResult,
  CohortUnitSummary,
  PreviousRun,
  PreviousStats,
  SummaryResult,
} from "../cohort/types.js";
export type {
  CheckEffect,
  ClauseEffect,
  ClauseWords,
  DeadlineEffect,
  FixedEffect,
  ForcedEffect,
  PerEffect,
  RangeEffect,
  RatingEffect,
  StepEffect,
  TallyEffect,
  TargetEffect,
} from "../compile/clauses/effects.js";
export type { KaoheIssue, PathSegment } from "../errors/issue.js";
export type {
  CohortEffect,
  CohortFigureEffect,
  LinkedEffect,
} from "../evaluate/cohort-effects.js";
export type { WeightedPart } from "../evaluate/combine.js";
export type { EngineEffect } from "../evaluate/effects.js";
export type { ScoreOptions } from "../evaluate/evaluate.js";
export type { PeriodInput, StreakFlag } from "../evaluate/series.js";
export type {
  ExcludedFinding,
  Finding,
  NodeResult,
  PartInput,
  PartResult,
  PeriodResult,
  TraceEntry,
  TraceRef,
  UnitFailure,
  UnitInput,
  UnitResult,
} from "../evaluate/types.js";
export { JsonSequence } from "../explain/cohort-json.js";
export type { UnitFailureSummary, UnitScoreSummary, UnitSummary } from "../fast/summary.js";
export type { Calendar } from "../time/calendar.js";
export { CalendarYearError } from "../time/calendar.js";
export type { HolidayYear } from "../time/holidays-cn.js";
export type { CompiledRuleSet, LoadResult, RuleSetDocument } from "./handles.js";
export { KaoheError };

/** What scoring a unit gives: a scored unit (`ok: true`), or one not scored, with every reason. */
export type UnitOutcome = UnitResult | UnitFailure;

/** A stable issue code, e.g. `E_POINTS_SUM` or `F_MISSING_FACT` (docs/errors.md). */
export type IssueCode = keyof typeof MESSAGES;

/**
 * How a rule set rounds (`policy.rounding.mode`): half-up (四舍五入), half-even, half-down, up
 * and down (away from and towards zero), ceil and floor.
 */
export type RoundingMode = "half-up" | "half-even" | "half-down" | "up" | "down" | "ceil" | "floor";

// ---------------------------------------------------------------------------------------------
// Loading and compiling

/**
 * Checks data already parsed (a rule set built in code, say) as loadRuleSet checks text.
 *
 * @example
 * validateRuleSet({ kaohe: 1, id: "x" }).ok; //=> false
 */
export function validateRuleSet(data: unknown): LoadResult {
  return loadResult(validate.validateRuleSet(data));
}

/**
 * Compiles a rule set once, to score any number of units. A rule set loadRuleSet or
 * validateRuleSet returned is compiled as it is; any other object is checked first, and a
 * KaoheError lists its problems.
 *
 * @example
 * const loaded = loadRuleSet(text);
 * const compiled = loaded.ok ? compileRuleSet(loaded.ruleSet) : undefined;
 * compiled?.title; //=> "湖北省2009年上半年财政与编制政务公开考核"
 */
export function compileRuleSet(ruleSet: RuleSetDocument): CompiledRuleSet {
  return handle(compile.compileRuleSet(ruleSetInput(ruleSet)));
}

/**
 * T6: chooses, among compiled versions of a rule set, the one in force on a date (the assessment
 * period's end, say). Every candidate must state `effective`; versions of one rule set whose
 * ranges overlap are an error, as is a date no version covers.
 *
 * @example
 * selectVersion([v2024, v2025], "2025-06-30"); //=> { ok: true, ruleSet: v2025 }
 */
export function selectVersion(
  candidates: readonly CompiledRuleSet[],
  date: string,
): { ok: true; ruleSet: CompiledRuleSet } | { ok: false; issues: KaoheIssue[] } {
  const r = versions.selectVersion(candidates.map(engine), date);
  return r.ok ? { ok: true, ruleSet: handle(r.ruleSet) } : r;
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

/**
 * Every issue code kaohe reports, sorted (each documented in docs/errors.md). Codes are stable;
 * messages are not (tests and tools should compare codes).
 *
 * @example
 * issueCodes.includes("F_MISSING_FACT"); //=> true
 */
export const issueCodes: readonly IssueCode[] = Object.freeze(
  (Object.keys(MESSAGES) as IssueCode[]).sort(),
);

// ---------------------------------------------------------------------------------------------
// Decimals

/**
 * decimal.js's Decimal, as a clone of the application's own: `Decimal.set()` on it configures only
 * the application's decimals, never the engine's. Scores are decimals of the same prototype, so
 * `instanceof Decimal` and arithmetic work across the two.
 */
export const Decimal: typeof DecimalJs = PublicDecimal;
/** A decimal number: an instance of decimal.js's Decimal. */
export type Decimal = DecimalJs;

// ---------------------------------------------------------------------------------------------
// Time

/**
 * A working-day calendar from official holiday data (default: CN_HOLIDAYS), checked year by year.
 *
 * @example
 * createCalendar().addWorkdays("2025-09-26", 20); //=> "2025-10-30"
 */
export function createCalendar(data?: readonly HolidayYear[]): Calendar {
  return calendar.createCalendar(data);
}

/**
 * Checks one year's holiday data: real dates in that year, 调休 days on weekends, no day both.
 * Returns the problems, none when the data is sound.
 *
 * @example
 * validateHolidayYear({ year: 2025, source: "国办发明电〔2024〕12号", holidays: ["2025-01-01"], workdays: [] });
 * //=> []
 */
export function validateHolidayYear(data: HolidayYear): string[] {
  return calendar.validateHolidayYear(data);
}

/** China's official working-day calendar: CN_HOLIDAYS, each year citing its 国务院办公厅 notice. */
export const CN_CALENDAR: Calendar = calendar.CN_CALENDAR;

/**
 * China's official holidays (放假) and make-up working days (调休上班), year by year, each citing
 * its 国务院办公厅 notice. A new year's notice arrives every November: add it with
 * `Calendar.withYear`.
 */
export const CN_HOLIDAYS: readonly HolidayYear[] = holidays.CN_HOLIDAYS;

/**
 * Reads a date `YYYY-MM-DD` as a day number (days since 1970-01-01), or null if it is not a real
 * date.
 *
 * @example
 * parseDate("2025-02-30"); //=> null
 */
export function parseDate(text: string): number | null {
  return date.parseDate(text);
}

/**
 * Writes a day number as `YYYY-MM-DD`.
 *
 * @example
 * formatDate(parseDate("2025-10-01") as number); //=> "2025-10-01"
 */
export function formatDate(day: number): string {
  return date.formatDate(day);
}
