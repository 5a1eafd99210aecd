import type { RuleSetInput } from "../schema/ruleset.js";

/*
 * Which rule sets are checked: those validateRuleSet returned, and sealed ones that opened
 * (src/load/seal.ts). Apart from validate.ts so that the sealed path can mark a rule set checked
 * without reaching the validator.
 */

/** Rule sets that passed validation, frozen so that they stay as checked. */
const CHECKED = new WeakSet<object>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** Freezes a rule set that passed validation (or a sealed one whose digest matched) and marks it checked. */
export function markChecked(rs: RuleSetInput): RuleSetInput {
  CHECKED.add(deepFreeze(rs));
  return rs;
}

/**
 * Whether a rule set is one validateRuleSet (or loadRuleSet, or openSealedRuleSet) returned:
 * checked and frozen, so compiling it need not check it again.
 */
export function isCheckedRuleSet(rs: unknown): rs is RuleSetInput {
  return typeof rs === "object" && rs !== null && CHECKED.has(rs);
}
