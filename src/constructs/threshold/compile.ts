/**
 * C15: a threshold, compiled once (its bounds parsed), and the words of its explanation. Reading
 * the figure it compares stays in src/evaluate/common.ts (`thresholdFlags`), shared by single,
 * combined and cohort scores.
 */

import { type CBounds, compileBounds } from "../../compile/bounds.js";
import { dstr } from "../../decimal.js";
import type { ThresholdInput } from "../../schema/ruleset.js";
import type { ThresholdEffect } from "./effect.js";

/** C15: a threshold as the rule set states it, with its bounds parsed. */
export type CThreshold = ThresholdInput & { bounds: CBounds };

/** Compiles a threshold: its bounds parsed once. */
export function compileThreshold(t: ThresholdInput): CThreshold {
  return { ...t, bounds: compileBounds(t) };
}

/** The explanation of a threshold met: the figure, then the flag it raised (77:约谈). */
export function thresholdWords(e: ThresholdEffect): string {
  return `${dstr(e.value)}:${e.flag}`;
}
