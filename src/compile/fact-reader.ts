/**
 * Fact readers compiled once per rule set: for the values facts files mostly hold (a number in
 * range, true or false, an option as written), a check on plain JavaScript values that needs no
 * text handling and no decimal comparison. Anything else — texts, percent signs, values out of
 * range, rates that may be in the wrong scale — returns SLOW and takes the general path, which
 * reports it; a fast reader never accepts what that path would refuse or read differently.
 */
import { type Decimal, toDecimal } from "../decimal.js";
import { type CFact, type FactValue, MAX_COUNT } from "./values.js";

/** Returned by a fast reader that cannot decide: the general path reads the value. */
export const SLOW: unique symbol = Symbol("slow");

/** How a unit's fact is read, prepared once per plan in declaration order. */
export interface FactReader {
  readonly id: string;
  readonly fact: CFact;
  /** Whether a rule of this plan reads the fact, so that it must be present (or defaulted). */
  readonly required: boolean;
  /** A fact computed from the cohort (K5): in percent already, never checked for its scale. */
  readonly computed: boolean;
  /** A derived fact (`derive:`): computed from other facts, never given by the unit. */
  readonly derived: boolean;
  /** The fast check of a given (non-null) value, or null when every value takes the general path. */
  readonly fast: ((raw: unknown) => FactValue | typeof SLOW) | null;
}

/**
 * A decimal bound as a double that compares exactly: when the bound's text is the shortest text
 * of its double, rounding to nearest is monotone, so for any double x, x < b as doubles exactly
 * when the decimal x stands for is below the bound. Otherwise null (no fast path).
 */
function exactBound(d: Decimal | undefined, fallback: number): number | null {
  if (d === undefined) return fallback;
  const n = d.toNumber();
  return Number.isFinite(n) && String(n) === (d.isZero() ? "0" : d.toFixed()) ? n : null;
}

const isNorm = (s: string) => s === s.normalize("NFKC").trim();

function numberReader(f: CFact): FactReader["fast"] {
  if (f.type === "rate" && f.scale === "fraction") return null;
  const defaultLo = f.type === "rate" || f.type === "count" ? 0 : -Infinity;
  const lo = exactBound(f.min, defaultLo);
  const hi = exactBound(f.max, f.type === "rate" ? 100 : Infinity);
  if (lo === null || hi === null) return null;
  if (f.type === "count") {
    // A count is never negative, whatever its declared minimum (the general path refuses it).
    const bottom = Math.max(lo, 0);
    const top = Math.min(hi, MAX_COUNT);
    return (raw) =>
      typeof raw === "number" && Number.isInteger(raw) && raw >= bottom && raw <= top
        ? toDecimal(raw === 0 ? 0 : raw)
        : SLOW;
  }
  // A bare rate above 0 and at most 1 may be a fraction written for a percent: the general path
  // warns about it (W_RATE_SCALE) or refuses it under strict.
  const scaleCheck = f.type === "rate" && !f.max?.lessThanOrEqualTo(1);
  return (raw) => {
    if (typeof raw !== "number" || !Number.isFinite(raw) || raw < lo || raw > hi) return SLOW;
    if (scaleCheck && raw > 0 && raw <= 1) return SLOW;
    return toDecimal(raw === 0 ? 0 : raw);
  };
}

function choiceReader(f: CFact): FactReader["fast"] {
  const options = f.options ?? [];
  // Only when every option is written as the general path compares it, and no two fold together.
  if (!options.every(isNorm) || new Set(options).size !== options.length) return null;
  const set = new Set(options);
  return (raw) => (typeof raw === "string" && set.has(raw) ? raw : SLOW);
}

/** The readers of one plan: every declared fact, in declaration order. */
export function factReaders(
  facts: ReadonlyMap<string, CFact>,
  required: ReadonlySet<string>,
  computed: ReadonlySet<string>,
  derived: ReadonlyMap<string, unknown> = new Map(),
): FactReader[] {
  const out: FactReader[] = [];
  for (const [id, f] of facts) {
    let fast: FactReader["fast"] = null;
    if (f.type === "boolean") fast = (raw) => (typeof raw === "boolean" ? raw : SLOW);
    else if (f.type === "choice") fast = choiceReader(f);
    else if (f.type === "count" || f.type === "number" || f.type === "rate" || f.type === "amount")
      fast = numberReader(f);
    out.push({
      id,
      fact: f,
      required: required.has(id),
      computed: computed.has(id),
      derived: derived.has(id),
      fast: derived.has(id) ? null : fast,
    });
  }
  return out;
}
