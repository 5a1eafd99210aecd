import type { Decimal } from "../../decimal.js";

/** C3/C5: occurrences × an amount each, by sub-unit or person when capped per subject. */
export interface PerEffect {
  type: "per";
  each: Decimal;
  noun: string;
  /** Without per-subject caps: the occurrences and their product. */
  count?: number;
  raw?: Decimal;
  /** With per-subject caps: each subject (sorted), its occurrences, product and cap if it bit. */
  subjects?: { subject: string; count: number; raw: Decimal; cap?: Decimal }[];
  cap?: Decimal;
}
