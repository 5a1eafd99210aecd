import type { Decimal } from "../../decimal.js";

/**
 * C17 `rescale`: the unit's points rescaled to the stated full score: `earned` (the tree's score;
 * with `adjustments: before-rescale`, with the items outside the tree, whose net is `items`) ÷
 * `applicable` (the points of the items that apply) × `to` = `exact`, rounded to `places` as
 * `score`. The public `EngineEffect` union (src/evaluate/effects.ts) spells this member out, so
 * that the API report names no new type; a type check there keeps the two the same.
 */
export interface RescaleEffect {
  type: "rescale-total";
  earned: Decimal;
  applicable: Decimal;
  to: Decimal;
  exact: Decimal;
  places: number;
  score: Decimal;
  items?: Decimal;
}
