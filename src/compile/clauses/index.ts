/**
 * The clause types, their compilers and the renderers of their explanations, one module each.
 * The type list the schema declares (ClauseInput["type"]) must have both here: the mapped types
 * make a missing one a compile error.
 */
import type { ClauseInput } from "../../schema/ruleset.js";
import type { CClause } from "../clause.js";
import { checkWords, compileCheck } from "./check.js";
import type { ClauseKit, ClauseOf } from "./common.js";
import { compileDeadline, deadlineWords } from "./deadline.js";
import type { ClauseEffect, ClauseWords } from "./effects.js";
import { compileFixed, fixedWords } from "./fixed.js";
import { compileOverride, overrideWords } from "./override.js";
import { compilePer, perWords } from "./per.js";
import { compileRange, rangeWords } from "./range.js";
import { compileRating, ratingWords } from "./rating.js";
import { compileStep, stepWords } from "./step.js";
import { compileTally, tallyWords } from "./tally.js";
import { compileTarget, targetWords } from "./target.js";

/** The compiler of each clause type. */
export const CLAUSE_COMPILERS: {
  readonly [T in ClauseInput["type"]]: (cl: ClauseOf<T>, kit: ClauseKit) => CClause;
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
  readonly [T in ClauseEffect["type"]]: (
    e: Extract<ClauseEffect, { type: T }>,
    w: ClauseWords,
  ) => string;
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
