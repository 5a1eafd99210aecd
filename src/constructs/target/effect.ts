import type { Decimal } from "../../decimal.js";

/** T5: periods of the window below the minimum. */
export interface TargetEffect {
  type: "target";
  periods: number;
  word: string;
  min: Decimal;
  /** Each period short, with its value (none: no record). */
  short: { period: string; value?: Decimal }[];
  each?: Decimal;
  raw: Decimal;
  cap?: Decimal;
}
