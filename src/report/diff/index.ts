/** Rule-set diffs (issue 13 item 2): the differences as data, and as Chinese text. */
export {
  type DiffChange,
  type DiffSide,
  type DiffSubject,
  diffRuleSets,
  type RuleSetDiff,
} from "./diff.js";
export { diffToText, fieldName } from "./text.js";
