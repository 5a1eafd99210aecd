import type { Decimal } from "../../decimal.js";

/** C11/C12: findings priced by kind. */
export interface TallyEffect {
  type: "tally";
  noun: string;
  /**
   * Per kind, in the order the rule lists kinds: count, price, sum, notes (tags, shares). Priced by
   * the linked finding (`priceBy: linked`), `on` is that finding's kind, which set the price.
   */
  kinds: {
    kind: string;
    on?: string;
    count: number;
    price: Decimal;
    sum: Decimal;
    notes: string[];
  }[];
  /** Whether repeated items were counted once at their highest kind. */
  highestOnly: boolean;
  cap?: Decimal;
}
