/**
 * 整改 letters (issue 13 item 4), browser-safe: the fixes of each unit computed by scoring the
 * cohort again (fixes.ts), the letter as data (letter.ts), as HTML (html.ts) and as DOCX (docx.ts,
 * the optional `docx` package loaded when used), and safe file names (filenames.ts).
 */

export { fixZipTimes, letterDocx, loadDocx } from "./docx.js";
export { letterFileNames, MAX_NAME, safeBaseName } from "./filenames.js";
export {
  type CohortFixes,
  cohortFixes,
  type FactChange,
  type FindingGroup,
  type Fix,
  type FixesOptions,
  findingGroups,
  MAX_TRIES,
  rankFixes,
  type Standing,
  type UnitFixes,
} from "./fixes.js";
export { escapeHtml, letterHtml } from "./html.js";
export {
  fixOutcome,
  type Letter,
  type LetterDeduction,
  type LetterFix,
  type LetterOptions,
  letterOf,
} from "./letter.js";
