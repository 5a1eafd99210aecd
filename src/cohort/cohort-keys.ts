import type { Decimal } from "../decimal.js";

/**
 * A column of exact sort keys for decimals: the decimals as integers scaled to the finest place
 * among them, when every one is a safe integer so; the decimals themselves otherwise. Computed
 * once per unit, so that sorting a large cohort compares numbers instead of making and comparing
 * decimals at every step — and never differently from Decimal's own comparison.
 */
export type KeyColumn = { ints: Float64Array } | { decs: readonly Decimal[] };

/** The finest place a key column scales to; past it the decimals are compared as they are. */
const MAX_PLACES = 15;

export function keyColumn(values: readonly Decimal[]): KeyColumn {
  let places = 0;
  for (const v of values) places = Math.max(places, v.decimalPlaces());
  if (places > MAX_PLACES) return { decs: values };
  const ints = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    // toFixed at or past the value's own places is exact and never in exponent notation.
    const k = Number((values[i] as Decimal).toFixed(places).replace(".", ""));
    if (!Number.isSafeInteger(k)) return { decs: values };
    ints[i] = k;
  }
  return { ints };
}

/** The order of the i-th and j-th keys of a column: negative, zero or positive. */
export function compareKeys(col: KeyColumn, i: number, j: number): number {
  if ("ints" in col) {
    const a = col.ints[i] as number;
    const b = col.ints[j] as number;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return (col.decs[i] as Decimal).comparedTo(col.decs[j] as Decimal);
}
