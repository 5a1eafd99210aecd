import DecimalBase from "decimal.js";

/**
 * The private Decimal class of kaohe. A clone, so that no setting made here leaks into the
 * application's own decimal.js, and none of the application's settings leak into scoring.
 * Precision 50 is far beyond any score; rounding to a rule set's stated places is always explicit.
 */
export const Decimal = DecimalBase.clone({
  precision: 50,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
const SMALL: Decimal[] = Array.from({ length: 1024 }, (_, i) => new Decimal(i));

/** The decimal literal forms accepted in rule files and facts: `12`, `-0.5`, `"0.1"`. */
export const DECIMAL_RE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Converts a rule-file or facts value to a Decimal. Numbers go through their shortest decimal
 * text (`String(0.1)` is `"0.1"`), so a literal written as 0.1 is exactly one tenth.
 */
export function toDecimal(value: number | string): Decimal {
  if (typeof value === "number") {
    // Counts are mostly small whole numbers: share their (immutable) Decimals.
    if (Number.isInteger(value) && value >= 0 && value < SMALL.length)
      return SMALL[value] as Decimal;
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return new Decimal(String(value));
  }
  if (!DECIMAL_RE.test(value)) throw new RangeError(`not a decimal literal: ${value}`);
  return new Decimal(value);
}

export function isDecimalLike(value: unknown): value is number | string {
  return (
    (typeof value === "number" && Number.isFinite(value)) ||
    (typeof value === "string" && DECIMAL_RE.test(value))
  );
}

export function dmin(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function dmax(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}

/** Canonical text of a decimal: no exponent, no trailing zeros, `-0` printed as `0`. */
export function dstr(d: Decimal): string {
  if (d.isZero()) return "0";
  return d.toFixed();
}

export type RoundingMode = "half-up" | "half-even" | "half-down" | "up" | "down" | "ceil" | "floor";

const MODES: Record<RoundingMode, DecimalBase.Rounding> = {
  "half-up": DecimalBase.ROUND_HALF_UP,
  "half-even": DecimalBase.ROUND_HALF_EVEN,
  "half-down": DecimalBase.ROUND_HALF_DOWN,
  up: DecimalBase.ROUND_UP,
  down: DecimalBase.ROUND_DOWN,
  ceil: DecimalBase.ROUND_CEIL,
  floor: DecimalBase.ROUND_FLOOR,
};

/** Rounds to `places` decimal places with the named mode (四舍五入 is `half-up`). */
export function roundTo(d: Decimal, places: number, mode: RoundingMode): Decimal {
  return d.toDecimalPlaces(places, MODES[mode]);
}
