import { KaoheError } from "../errors/issue.js";
import { isCheckedRuleSet } from "../load/checked.js";
import { validateRuleSet } from "../load/validate.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { type CompiledRuleSet, compileCheckedRuleSet } from "./compile.js";

/**
 * Compiles a rule set: one from loadRuleSet or validateRuleSet as it is (it was checked and
 * frozen, so it is not checked twice), any other after validateRuleSet. Throws a KaoheError if
 * the rule set does not pass validation. Apart from compile.ts so that what compiles a checked
 * rule set (the sealed path, kaohe/sealed) never reaches the validator.
 */
export function compileRuleSet(input: RuleSetInput): CompiledRuleSet {
  if (isCheckedRuleSet(input)) return compileCheckedRuleSet(input);
  const checked = validateRuleSet(input);
  if (!checked.ok) throw new KaoheError(checked.issues);
  return compileCheckedRuleSet(checked.ruleSet);
}
