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
  /**
   * Per subject (`perSubject`), in the order the fact declares them: each subject with periods
   * below the minimum, what it cost and the subject's cap when that bit; `short` is then empty.
   */
  subjects?: {
    subject: string;
    short: { period: string; value?: Decimal }[];
    amount: Decimal;
    cap?: Decimal;
  }[];
  /** What a subject is called (栏目), and how many subjects were counted. */
  noun?: string;
  of?: number;
}
