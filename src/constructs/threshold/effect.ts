import type { Decimal } from "../../decimal.js";

/**
 * C15: a threshold the figure it reads (`value`) met, raising `flag`. The public `EngineEffect`
 * union (src/evaluate/effects.ts) spells this member out, so that the API report does not change;
 * a type check there keeps the two the same.
 */
export interface ThresholdEffect {
  type: "threshold";
  value: Decimal;
  flag: string;
}
