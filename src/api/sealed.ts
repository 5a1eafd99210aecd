/**
 * kaohe/sealed — the smallest browser core: rule sets checked at build time and sealed, scored
 * in a page with no validator in its bundle.
 *
 * A rule set is checked once, by the whole validator, where it is built (`kaohe seal rules.yaml
 * --out rules.sealed.json`, or sealRuleSet), and the page opens what was written:
 * `compileSealedRuleSet(JSON.parse(text))` checks the envelope, that this kaohe version sealed it
 * and that the SHA-256 digest matches the content, and compiles it. The zod schemas, the lint and
 * their messages stay out of the bundle (docs/integrate.md, "A sealed rule set"; the size of each
 * entry is in docs/performance.md). For rule sets a user writes or uploads, use `kaohe/core`,
 * which checks everything.
 *
 * Every function here is the one `kaohe` and `kaohe/core` export (the same function, not a copy),
 * taken from src/api/score.ts, the part of the API that never reaches the validator; the types
 * come from core.ts (types leave nothing in a bundle). Browser-safe (no Node APIs).
 */

export { KaoheError } from "../errors/issue.js";
export type {
  CohortFigure,
  CohortResult,
  CohortRun,
  CohortUnitInput,
  CompiledRuleSet,
  Decimal,
  KaoheIssue,
  LoadResult,
  PathSegment,
  PreviousRun,
  RuleSetDocument,
  ScoreOptions,
  SealedRuleSet,
  TraceEntry,
  UnitInput,
  UnitOutcome,
  UnitResult,
} from "./core.js";
export {
  cohortToJSON,
  compileSealedRuleSet,
  formatIssue,
  openSealedRuleSet,
  outcomeToJSON,
  renderExplanation,
  scoreCohort,
  scoreUnit,
  scoreUnits,
} from "./score.js";
