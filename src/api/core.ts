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
import { compileRuleSet as compileRuleSetAny } from "../compile/compile-rule-set.js";
import * as versions from "../compile/versions.js";
import { PublicDecimal } from "../decimal.js";
import { MESSAGES } from "../errors/codes.js";
import { KaoheError, type KaoheIssue } from "../errors/issue.js";
import * as seal from "../load/seal.js";
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
  type SealedRuleSet,
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
export type { CompiledRuleSet, LoadResult, RuleSetDocument, SealedRuleSet } from "./handles.js";
export * from "./score.js";
export { KaoheError };

/** A stable issue code, e.g. `E_POINTS_SUM` or `F_MISSING_FACT` (docs/errors.md). */
export type IssueCode = keyof typeof MESSAGES;

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
  return handle(compileRuleSetAny(ruleSetInput(ruleSet)));
}

/**
 * Checks a rule set as compileRuleSet does and seals it: the rule set with this kaohe version and
 * a SHA-256 digest, for `kaohe/sealed` to open in a page without the validator (what `kaohe seal`
 * writes). Throws a KaoheError listing the problems of a rule set that does not pass.
 *
 * @example
 * const sealed = sealRuleSet(loaded.ruleSet);
 * sealed.digest.slice(0, 7); //=> "sha256:"
 * JSON.stringify(sealed); // what a page's build writes, for compileSealedRuleSet (kaohe/sealed)
 */
export function sealRuleSet(ruleSet: RuleSetDocument): SealedRuleSet {
  let rs = ruleSetInput(ruleSet);
  if (!validate.isCheckedRuleSet(rs)) {
    const checked = validate.validateRuleSet(rs);
    if (!checked.ok) throw new KaoheError(checked.issues);
    rs = checked.ruleSet;
  }
  try {
    return seal.sealChecked(rs) as unknown as SealedRuleSet;
  } catch (e) {
    const i = seal.sealFault(e);
    throw i ? new KaoheError([i]) : e;
  }
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
// Problems

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
