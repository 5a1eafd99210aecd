/**
 * kaohe's in-repository barrel: the engine's modules with their own types (the compiled rule set
 * as the engine sees it), for tests and tools inside this repository. Browser-safe.
 *
 * It is NOT the package entry: `kaohe` is src/api/kaohe.ts (and `kaohe/node`, `kaohe/sheets` are
 * src/api/node.ts and src/api/sheets.ts), the public API on purpose — documented in docs/api.md
 * and recorded in etc/api/. Adding an export here publishes nothing.
 */
export { type CaseOutcome, type CaseReport, parseCases, runCases } from "./cases/runner.js";
export { type CohortOptions, scoreCohort, scoreCohortLazily } from "./cohort/cohort.js";
export type {
  CohortFigure,
  CohortResult,
  CohortRun,
  CohortStats,
  CohortUnitInput,
  CohortUnitResult,
  PreviousRun,
} from "./cohort/types.js";
export type { CClause, Outcome } from "./compile/clause.js";
export type { CompiledRuleSet, Plan } from "./compile/compile.js";
export { compileRuleSet } from "./compile/compile-rule-set.js";
export { selectVersion } from "./compile/versions.js";
export {
  dstr,
  PublicDecimal as Decimal,
  type RoundingMode,
  roundTo,
  toDecimal,
} from "./decimal.js";
export { type IssueCode, MESSAGES } from "./errors/codes.js";
export {
  formatIssue,
  formatPath,
  KaoheError,
  type KaoheIssue,
  type PathSegment,
} from "./errors/issue.js";
export { combineWeighted, type WeightedPart } from "./evaluate/combine.js";
export { type ScoreOptions, scoreUnit, scoreUnits } from "./evaluate/evaluate.js";
export { type PeriodInput, type StreakFlag, scoreSeries } from "./evaluate/series.js";
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
  UnitOutcome,
  UnitResult,
} from "./evaluate/types.js";
export { cohortRunToJSON, cohortToJSON, JsonSequence } from "./explain/cohort-json.js";
export { outcomeToJSON, traceToJSON } from "./explain/json.js";
export { renderExplanation } from "./explain/render.js";
export { MAX_INPUT_BYTES, parseSource } from "./load/document.js";
export { type LoadResult, loadRuleSet, validateRuleSet } from "./load/load.js";
export { parseUnits } from "./load/units.js";
export { type RuleSetInput, RuleSetSchema } from "./schema/ruleset.js";
export {
  type Calendar,
  CalendarYearError,
  CN_CALENDAR,
  createCalendar,
  validateHolidayYear,
} from "./time/calendar.js";
export { formatDate, parseDate } from "./time/date.js";
export { CN_HOLIDAYS, type HolidayYear } from "./time/holidays-cn.js";

import type { CompiledRuleSet } from "./compile/compile.js";
import { compileRuleSet } from "./compile/compile-rule-set.js";
import { KaoheError } from "./errors/issue.js";
import { loadRuleSet } from "./load/load.js";

/**
 * Loads and compiles rule text in one step; throws a KaoheError listing every issue if the text
 * is not a valid rule set.
 */
export function compileRuleText(text: string, file?: string): CompiledRuleSet {
  const r = loadRuleSet(text, file !== undefined ? { file } : {});
  if (!r.ok) throw new KaoheError(r.issues);
  return compileRuleSet(r.ruleSet);
}
