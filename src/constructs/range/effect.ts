import type { Decimal } from "../../decimal.js";

/** C13: amounts the assessors chose within a range. */
export interface RangeEffect {
  type: "range";
  min: Decimal;
  max: Decimal;
  /** A single amount given as the fact, or one per finding (with its count). */
  amounts: { amount: Decimal; count: number }[];
  total: Decimal;
  /** Whether the amounts came from a findings list. */
  listed: boolean;
}
