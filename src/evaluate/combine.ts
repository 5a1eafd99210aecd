import { type Decimal, type RoundingMode, roundTo, toDecimal, ZERO } from "../decimal.js";

/** One weighted part of a combined score, e.g. 集中考核 at 70%. */
export interface WeightedPart {
  /** The part's name, e.g. 集中考核. */
  label: string;
  /** The part's score. */
  score: Decimal | number | string;
  /** The weight as a percentage, e.g. 70. */
  percent: Decimal | number | string;
}

/**
 * Combines scores by percentage weights exactly, then applies the stated rounding once to the
 * result (集中考核分值按70%折算,日常考核分值按30%折算). Weights need not add up to 100: a
 * half-year that counts 40% of the year is one part at 40.
 *
 * @example
 * combineWeighted([{ label: "集中", score: "0.7", percent: 70 }, { label: "日常", score: "0.3", percent: 30 }]).exact.toFixed()
 * //=> "0.58"
 */
export function combineWeighted(
  parts: readonly WeightedPart[],
  rounding?: { places: number; mode: RoundingMode },
): { exact: Decimal; rounded: Decimal; terms: { label: string; value: Decimal }[] } {
  let exact = ZERO;
  const terms = parts.map((p) => {
    const s = typeof p.score === "object" ? p.score : toDecimal(p.score);
    const w = typeof p.percent === "object" ? p.percent : toDecimal(p.percent);
    const value = s.times(w).dividedBy(100);
    exact = exact.plus(value);
    return { label: p.label, value };
  });
  return {
    exact,
    rounded: rounding ? roundTo(exact, rounding.places, rounding.mode) : exact,
    terms,
  };
}
