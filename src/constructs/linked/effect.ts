import type { Decimal } from "../../decimal.js";

/** K6: own score and the sub-units' mean, each weighted (percent), summed and rounded. */
export interface LinkedEffect {
  type: "linked";
  own: Decimal;
  ownPercent: Decimal;
  children: number;
  childrenMean: Decimal;
  childrenPercent: Decimal;
  exact: Decimal;
  score: Decimal;
}
