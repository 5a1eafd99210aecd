// The named export, not the default: decimal.js ships CJS-flavoured types, and under
// `moduleResolution: node16/nodenext` a default import of them is the module object, which made
// the shipped .d.ts fail (or `Decimal` silently `any` with skipLibCheck). `Decimal` is a named
// export in both decimal.mjs and decimal.js, so this works in every format.
import { Decimal as DecimalJs } from "decimal.js";

/**
 * Every decimal.js setting, stated. `clone()` copies the parent's *current* value of any key it
 * is not given, so an application that configured its own decimal.js (say `maxE: 3`) before
 * loading kaohe would otherwise leak into scoring. The type makes leaving a key out a compile
 * error; `defaults: true` below also covers a key a future decimal.js might add.
 * Precision 50 is far beyond any score; rounding to a rule set's stated places is always explicit.
 */
export const DECIMAL_SETTINGS: Readonly<Required<Omit<DecimalJs.Config, "defaults">>> =
  Object.freeze({
    precision: 50,
    rounding: DecimalJs.ROUND_HALF_UP,
    toExpNeg: -30,
    toExpPos: 40,
    minE: -9e15,
    maxE: 9e15,
    crypto: false,
    modulo: DecimalJs.ROUND_DOWN,
  });

/** A fresh clone of `parent` with kaohe's settings, inheriting none of the parent's. */
export function isolatedClone(parent: typeof DecimalJs = DecimalJs): typeof DecimalJs {
  return parent.clone({ ...DECIMAL_SETTINGS, defaults: true });
}

const SETTINGS_FIXED = ["toExpNeg", "toExpPos", "minE", "maxE", "crypto", "modulo"] as const;

/**
 * The engine's Decimal class. Its settings cannot be changed through the class: `set` and
 * `config` throw, so calling them on `result.total.constructor` cannot change later scores, and
 * the settings decimal.js never writes itself are read-only. (`precision` and `rounding` stay
 * writable properties because decimal.js raises them temporarily inside ln, exp, pow and the
 * trigonometric functions; assigning them directly is not supported.) Applications configure
 * `PublicDecimal`, exported from `kaohe` as `Decimal`, or their own decimal.js.
 */
export const Decimal: typeof DecimalJs = guard(isolatedClone());
export type Decimal = InstanceType<typeof Decimal>;

function guard(D: typeof DecimalJs): typeof DecimalJs {
  const refuse = (): never => {
    throw new TypeError(
      "kaohe: the settings of kaohe's internal Decimal cannot be changed; configure kaohe's " +
        "exported Decimal (a separate clone) or your own decimal.js instead",
    );
  };
  for (const k of ["set", "config"])
    Object.defineProperty(D, k, { value: refuse, writable: false, configurable: false });
  for (const k of SETTINGS_FIXED)
    Object.defineProperty(D, k, { value: D[k], writable: false, configurable: false });
  return D;
}

/**
 * The Decimal class exported to applications: a separate clone with the same settings, so
 * `Decimal.set()` on it configures only the application's own decimals. Its instances and the
 * engine's share decimal.js's prototype, so `instanceof` and arithmetic work across the two.
 */
export const PublicDecimal: typeof DecimalJs = isolatedClone();
export type PublicDecimal = Decimal;

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

const MODES: Record<RoundingMode, DecimalJs.Rounding> = {
  "half-up": DecimalJs.ROUND_HALF_UP,
  "half-even": DecimalJs.ROUND_HALF_EVEN,
  "half-down": DecimalJs.ROUND_HALF_DOWN,
  up: DecimalJs.ROUND_UP,
  down: DecimalJs.ROUND_DOWN,
  ceil: DecimalJs.ROUND_CEIL,
  floor: DecimalJs.ROUND_FLOOR,
};

/** Rounds to `places` decimal places with the named mode (四舍五入 is `half-up`). */
export function roundTo(d: Decimal, places: number, mode: RoundingMode): Decimal {
  return d.toDecimalPlaces(places, MODES[mode]);
}

/**
 * `num ÷ den` rounded to `places` decimal places with the named mode, exactly: the quotient is
 * never first cut to the working precision (1 ÷ 3 has no last digit), so the rounding is decided
 * on the true remainder. `den` must not be 0.
 *
 * @example
 * roundQuotient(new Decimal(82).times(100), new Decimal(90), 2, "half-up").toFixed(); //=> "91.11"
 */
export function roundQuotient(
  num: Decimal,
  den: Decimal,
  places: number,
  mode: RoundingMode,
): Decimal {
  if (den.isZero()) throw new RangeError("roundQuotient: division by 0");
  const scale = new Decimal(10).pow(places);
  // The sign of the quotient, then its magnitude: |n| = q × |d| + r with 0 ≤ r < |d|.
  const negative = num.isNegative() !== den.isNegative() && !num.isZero();
  const n = num.abs().times(scale);
  const d = den.abs();
  const q = n.dividedToIntegerBy(d);
  const r = n.minus(q.times(d));
  const twice = r.times(2);
  const away = (() => {
    if (r.isZero()) return false;
    switch (mode) {
      case "up":
        return true;
      case "down":
        return false;
      case "ceil":
        return !negative;
      case "floor":
        return negative;
      case "half-up":
        return twice.greaterThanOrEqualTo(d);
      case "half-down":
        return twice.greaterThan(d);
      case "half-even":
        return twice.greaterThan(d) || (twice.equals(d) && !q.mod(2).isZero());
    }
  })();
  const magnitude = (away ? q.plus(1) : q).dividedBy(scale);
  return negative ? magnitude.negated() : magnitude;
}
