import type { Decimal } from "../../decimal.js";

/**
 * T1/T2: a part's score weighted into the total (`given`: the score was given, not scored). The
 * public `EngineEffect` union (src/evaluate/effects.ts) spells this member out, so that the API
 * report does not change; a type check there keeps the two the same.
 */
export interface PartEffect {
  type: "part";
  label: string;
  score: Decimal;
  percent: Decimal;
  weighted: Decimal;
  given: boolean;
}

/** T1/T2: the parts' weighted sum (`exact`) and the total rounded to `places`. */
export interface CombinedEffect {
  type: "combined";
  exact: Decimal;
  total: Decimal;
  places: number;
}

/** What a combination records in the trace: each part weighted, then the combined total. */
export type CombineEffect = PartEffect | CombinedEffect;
