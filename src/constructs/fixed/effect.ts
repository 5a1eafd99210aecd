import type { Decimal } from "../../decimal.js";

/** C7: a condition that holds. */
export interface FixedEffect {
  type: "fixed";
  amount: Decimal;
}
