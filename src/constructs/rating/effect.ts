import type { Decimal } from "../../decimal.js";

/** C16: a rating on a scale. */
export interface RatingEffect {
  type: "rating";
  rating: string;
  got: Decimal;
  full: Decimal;
  amount: Decimal;
  add: boolean;
}
