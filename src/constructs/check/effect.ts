import type { Decimal } from "../../decimal.js";

/** C2: a requirement not met. */
export interface CheckEffect {
  type: "check";
  amount: Decimal;
}
