/**
 * The clause types and their compilers, one module each. The type list the schema declares
 * (ClauseInput["type"]) must have a compiler here: the mapped type makes a missing one a
 * compile error.
 */
import type { ClauseInput } from "../../schema/ruleset.js";
import type { CClause } from "../clause.js";
import { compileCheck } from "./check.js";
import type { ClauseKit, ClauseOf } from "./common.js";
import { compileDeadline } from "./deadline.js";
import { compileFixed } from "./fixed.js";
import { compileOverride } from "./override.js";
import { compilePer } from "./per.js";
import { compileRange } from "./range.js";
import { compileRating } from "./rating.js";
import { compileStep } from "./step.js";
import { compileTally } from "./tally.js";
import { compileTarget } from "./target.js";

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
