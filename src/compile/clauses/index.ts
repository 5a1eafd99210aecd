/**
 * The compilers of the clause types and the renderers of their explanations, each in its
 * construct's folder (src/constructs/<type>/compile.ts). Both tables are keyed on the registry
 * (src/constructs/names.ts): the mapped types make a missing entry a compile error.
 */

import { checkWords, compileCheck } from "../../constructs/check/compile.js";
import { compileDeadline, deadlineWords } from "../../constructs/deadline/compile.js";
import { compileFixed, fixedWords } from "../../constructs/fixed/compile.js";
import type { ClauseType } from "../../constructs/names.js";
import { compileOverride, overrideWords } from "../../constructs/override/compile.js";
import { compilePer, perWords } from "../../constructs/per/compile.js";
import { compileRange, rangeWords } from "../../constructs/range/compile.js";
import { compileRating, ratingWords } from "../../constructs/rating/compile.js";
import { compileStep, stepWords } from "../../constructs/step/compile.js";
import { compileTally, tallyWords } from "../../constructs/tally/compile.js";
import { compileTarget, targetWords } from "../../constructs/target/compile.js";
import type { CClause } from "../clause.js";
import type { ClauseKit, ClauseOf } from "./common.js";
import type { ClauseEffectOf, ClauseWords } from "./effects.js";

/** The compiler of each clause type. */
export const CLAUSE_COMPILERS: {
  readonly [T in ClauseType]: (cl: ClauseOf<T>, kit: ClauseKit) => CClause;
} = {
  check: compileCheck,
  fixed: compileFixed,
  per: compilePer,
  step: compileStep,
  range: compileRange,
  tally: compileTally,
  deadline: compileDeadline,
  target: compileTarget,
  rating: compileRating,
  override: compileOverride,
};

/** The explanation of each clause type's effect, in the words a 通报 uses (called by explain/). */
export const CLAUSE_WORDS: {
  readonly [T in ClauseType]: (e: ClauseEffectOf[T], w: ClauseWords) => string;
} = {
  check: checkWords,
  fixed: fixedWords,
  per: perWords,
  step: stepWords,
  range: rangeWords,
  tally: tallyWords,
  deadline: deadlineWords,
  target: targetWords,
  rating: ratingWords,
  override: overrideWords,
};
