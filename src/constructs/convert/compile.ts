/**
 * K7: the conversion into a larger system, compiled once (its points parsed). Converting the
 * scores stays in src/cohort/cohort-grades.ts (`convertScores`); the converted score is a field of
 * the unit's place in the cohort, not a trace entry, so it has no effect type or words.
 */

import { type Decimal, type RoundingMode, toDecimal } from "../../decimal.js";
import type { ConvertInput } from "./schema.js";

/** K7: what the full score is worth in the larger system, and the rounding of the result. */
export interface CConvert {
  to: Decimal;
  places: number;
  mode: RoundingMode;
}

/** Compiles the conversion: its points parsed once. */
export function compileConvert(c: ConvertInput): CConvert {
  return { to: toDecimal(c.to), places: c.places, mode: c.mode };
}
