/**
 * What the cohort did to a unit's score or facts, as data (issue 10: a structured trace), and the
 * one place that picks the words of each: a figure computed over the whole cohort (K5,
 * src/constructs/cohort-fact/) and a score linked to its sub-units' (K6, src/constructs/linked/).
 * Rounding for display happens in the words; the effect keeps the exact figures. It sits beside
 * the engine's effects, not in cohort/, because the trace entry's type (evaluate/types.ts) names it
 * and stages import downwards only.
 */
import { cohortFactWords } from "../constructs/cohort-fact/compile.js";
import type { CohortFigureEffect } from "../constructs/cohort-fact/effect.js";
import { linkedWords } from "../constructs/linked/compile.js";
import type { LinkedEffect } from "../constructs/linked/effect.js";

export type { CohortFigureEffect, LinkedEffect };

/** What the cohort did, as data: a figure (K5) or a linked score (K6). */
export type CohortEffect = CohortFigureEffect | LinkedEffect;

/** The explanation of what the cohort did, in the words a 通报 uses. */
export function cohortWords(e: CohortEffect): string {
  return e.type === "linked" ? linkedWords(e) : cohortFactWords(e);
}
