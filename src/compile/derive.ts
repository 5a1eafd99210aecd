/**
 * Derived facts (issue 11 item 2): a fact declared with `derive:` is computed from other facts of
 * the same unit — a sum, a difference, a ratio with its division by zero stated, a shortfall or
 * excess against a quota, the least or greatest — never given by the unit. The arithmetic is
 * exact: a ratio is worked out on the fraction itself, exactly when it terminates (19 ÷ 20) and
 * rounded once, as its `round` says, when it does not; with no `round`, a quotient that does not
 * terminate (2 ÷ 3) is refused rather than cut at some precision. The explanation of every clause
 * reading a derived fact shows its value with its inputs: `95%(按时答复数19 ÷ 申请数20)`.
 */
import { type Decimal, dmax, dmin, dstr, type RoundingMode, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { type DeriveOp, deriveInputs, deriveOp } from "../schema/derive.js";
import type { DeriveInput, FactDeclInput } from "../schema/ruleset.js";
import { type CFact, type FactValue, MAX_COUNT, NA } from "./values.js";

/** A derived fact as compiled: its operation and the facts it reads, in order. */
export interface CDerive {
  readonly id: string;
  readonly op: DeriveOp;
  /** The facts read: the operands; for ratio [numerator, denominator]; for shortfall and excess [of] or [of, quota]. */
  readonly inputs: readonly string[];
  /** shortfall and excess: a constant quota (null when the quota is a fact, the second input). */
  readonly quota: Decimal | null;
  readonly percent: boolean;
  readonly ifZero: Decimal | "error" | "not-applicable";
  readonly round: { places: number; mode: RoundingMode } | null;
}

function compileOne(f: FactDeclInput & { derive: DeriveInput }): CDerive {
  const d = f.derive;
  const op = deriveOp(d) as DeriveOp;
  const q = op === "shortfall" || op === "excess" ? d[op] : undefined;
  return {
    id: f.id,
    op,
    inputs: deriveInputs(d),
    quota: q && typeof q.quota !== "object" ? toDecimal(q.quota) : null,
    percent: d.percent === true,
    ifZero:
      d.ifZero === undefined || d.ifZero === "error"
        ? "error"
        : d.ifZero === "not-applicable"
          ? "not-applicable"
          : toDecimal(d.ifZero),
    round: d.round ? { places: d.round.places, mode: d.round.mode } : null,
  };
}

/**
 * The derived facts of a rule set, in an order where each comes after every derived fact it
 * reads (the lint has refused cycles before compiling).
 */
export function compileDerivations(facts: readonly FactDeclInput[]): Map<string, CDerive> {
  const byId = new Map<string, CDerive>();
  for (const f of facts)
    if (f.derive) byId.set(f.id, compileOne(f as FactDeclInput & { derive: DeriveInput }));
  const out = new Map<string, CDerive>();
  const visiting = new Set<string>();
  const visit = (dv: CDerive) => {
    if (out.has(dv.id) || visiting.has(dv.id)) return;
    visiting.add(dv.id);
    for (const i of dv.inputs) {
      const x = byId.get(i);
      if (x) visit(x);
    }
    out.set(dv.id, dv);
  };
  for (const dv of byId.values()) visit(dv);
  return out;
}

/** Every fact a set of facts needs: themselves and, for derived ones, their inputs, transitively. */
export function withInputs(
  facts: Iterable<string>,
  derived: ReadonlyMap<string, CDerive>,
): Set<string> {
  const out = new Set<string>();
  const add = (f: string) => {
    if (out.has(f)) return;
    out.add(f);
    for (const i of derived.get(f)?.inputs ?? []) add(i);
  };
  for (const f of facts) add(f);
  return out;
}

/**
 * A plan whose fact sets (what the plan reads, what its vetoes and conditions read, what each
 * node's clauses read) also hold the inputs of the derived facts in them, so that a missing
 * input is required, or forgiven, exactly as the derived fact would be.
 */
export function withDerivedInputs<
  P extends {
    facts: ReadonlySet<string>;
    alwaysFacts: ReadonlySet<string>;
    nodes: readonly { facts: ReadonlySet<string> }[];
  },
>(plan: P, derived: ReadonlyMap<string, CDerive>): P {
  if (!derived.size) return plan;
  for (const n of plan.nodes) n.facts = withInputs(n.facts, derived);
  return {
    ...plan,
    facts: withInputs(plan.facts, derived),
    alwaysFacts: withInputs(plan.alwaysFacts, derived),
  };
}

// ——— exact ratios ———

function fractionOf(x: Decimal): [bigint, bigint] {
  const [n, d] = x.toFraction();
  return [BigInt((n as Decimal).toFixed()), BigInt((d as Decimal).toFixed())];
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

const TEN = 10n;

/** n × 10^−places as a decimal, from its digits (exact whatever the precision). */
function decimalOf(n: bigint, places: number): Decimal {
  if (n === 0n) return ZERO;
  if (!places) return toDecimal(n.toString());
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(places + 1, "0");
  return toDecimal(`${neg ? "-" : ""}${digits.slice(0, -places)}.${digits.slice(-places)}`);
}

/** n ÷ d (d > 0) exactly, or null when it does not terminate. */
export function exactQuotient(n: bigint, d: bigint): Decimal | null {
  const g = gcd(n, d);
  let num = n / g;
  let den = d / g;
  let twos = 0;
  let fives = 0;
  while (den % 2n === 0n) {
    den /= 2n;
    twos++;
  }
  while (den % 5n === 0n) {
    den /= 5n;
    fives++;
  }
  if (den !== 1n) return null;
  const k = Math.max(twos, fives);
  num *= 2n ** BigInt(k - twos) * 5n ** BigInt(k - fives);
  return decimalOf(num, k);
}

/** n ÷ d (d > 0) rounded once to `places` with `mode`, from the exact fraction. */
export function roundedQuotient(n: bigint, d: bigint, places: number, mode: RoundingMode): Decimal {
  const s = n * TEN ** BigInt(places);
  let q = s / d;
  const r = s % d;
  if (r !== 0n) {
    const sign = s < 0n ? -1n : 1n;
    const twice = 2n * (r < 0n ? -r : r);
    const away =
      mode === "up"
        ? true
        : mode === "down"
          ? false
          : mode === "ceil"
            ? sign > 0n
            : mode === "floor"
              ? sign < 0n
              : twice > d ||
                (twice === d &&
                  (mode === "half-up" || (mode === "half-even" && (q < 0n ? -q : q) % 2n === 1n)));
    if (away) q += sign;
  }
  return decimalOf(q, places);
}

// ——— evaluation ———

/** The value of one derived fact, or a refusal in words. */
type Computed = { value: Decimal } | { na: true } | { refused: string };

const label = (facts: ReadonlyMap<string, CFact>, id: string) => facts.get(id)?.label ?? id;

function compute(dv: CDerive, xs: readonly Decimal[], facts: ReadonlyMap<string, CFact>): Computed {
  switch (dv.op) {
    case "sum":
      return { value: xs.reduce((a, x) => a.plus(x), ZERO) };
    case "difference":
      return { value: (xs[0] as Decimal).minus(xs[1] as Decimal) };
    case "min":
      return { value: xs.reduce(dmin) };
    case "max":
      return { value: xs.reduce(dmax) };
    case "shortfall":
    case "excess": {
      const of = xs[0] as Decimal;
      const quota = dv.quota ?? (xs[1] as Decimal);
      const gap = dv.op === "shortfall" ? quota.minus(of) : of.minus(quota);
      return { value: dmax(ZERO, gap) };
    }
    case "ratio": {
      const den = xs[1] as Decimal;
      if (den.isZero()) {
        if (dv.ifZero === "not-applicable") return { na: true };
        if (dv.ifZero === "error")
          return { refused: `${label(facts, dv.inputs[1] as string)}为0,无法相除` };
        return { value: dv.ifZero };
      }
      const [an, ad] = fractionOf(xs[0] as Decimal);
      const [bn, bd] = fractionOf(den);
      let n = an * bd * (dv.percent ? 100n : 1n);
      let d = ad * bn;
      if (d < 0n) {
        n = -n;
        d = -d;
      }
      if (dv.round) return { value: roundedQuotient(n, d, dv.round.places, dv.round.mode) };
      const q = exactQuotient(n, d);
      return q
        ? { value: q }
        : { refused: "商不是有限小数,规则须写明保留几位(round: { places, mode })" };
    }
  }
}

/** The range a derived value must lie in: the declaration's, or its type's (a rate 0–100, a count whole and ≥ 0). */
function outOfRange(f: CFact, v: Decimal): string | null {
  const min = f.min ?? (f.type === "rate" || f.type === "count" ? ZERO : undefined);
  const max = f.max ?? (f.type === "rate" ? toDecimal(100) : undefined);
  if (f.type === "count" && (!v.isInteger() || v.greaterThan(MAX_COUNT)))
    return `${dstr(v)} 不是整数(0 到 ${MAX_COUNT})`;
  if ((min && v.lessThan(min)) || (max && v.greaterThan(max)))
    return `${dstr(v)} 超出范围 [${min ? dstr(min) : "−∞"}, ${max ? dstr(max) : "∞"}]`;
  return null;
}

/**
 * Computes a unit's derived facts into its facts, those of `wanted` only (what its plan reads),
 * each after the derived facts it reads. A derived fact with an input absent is left absent (the
 * input's own problem is reported); with an input not applicable, it is not applicable. A value
 * refused (a division by zero stated as an error, a quotient that does not terminate, a value out
 * of the fact's range) is `F_DERIVED` in `problems`, at the derived fact's place.
 */
export function deriveFacts(
  derived: ReadonlyMap<string, CDerive>,
  facts: ReadonlyMap<string, CFact>,
  wanted: ReadonlySet<string>,
  env: Map<string, FactValue>,
  problems: KaoheIssue[],
): void {
  for (const dv of derived.values()) {
    if (!wanted.has(dv.id)) continue;
    const xs: Decimal[] = [];
    let na = false;
    let absent = false;
    for (const i of dv.inputs) {
      const v = env.get(i);
      if (v === undefined) absent = true;
      else if (v === NA) na = true;
      else xs.push(v as Decimal);
    }
    if (absent) continue;
    if (na) {
      env.set(dv.id, NA);
      continue;
    }
    const f = facts.get(dv.id) as CFact;
    const r = compute(dv, xs, facts);
    const named = f.label !== f.id ? { fact: f.id, label: f.label } : { fact: f.id };
    if ("na" in r) env.set(dv.id, NA);
    else if ("refused" in r)
      problems.push(issue("F_DERIVED", ["facts", dv.id], { ...named, detail: r.refused }));
    else {
      const bad = outOfRange(f, r.value);
      if (bad) problems.push(issue("F_DERIVED", ["facts", dv.id], { ...named, detail: bad }));
      else env.set(dv.id, r.value.isZero() ? ZERO : r.value);
    }
  }
}

// ——— explanation ———

const MODE_WORDS: Record<RoundingMode, string> = {
  "half-up": "四舍五入",
  "half-even": "四舍六入五成双",
  "half-down": "五舍六入",
  up: "进一",
  down: "舍去",
  ceil: "向上取",
  floor: "向下取",
};

/**
 * A derived fact's value with its inputs, for the explanation: `95%(按时答复数19 ÷ 申请数20)`,
 * `3(定额12 − 报送篇数9)`, `12(一季度3 + 二季度4 + 三季度5)`.
 */
export function derivedText(
  dv: CDerive,
  env: ReadonlyMap<string, FactValue>,
  facts: ReadonlyMap<string, CFact>,
): string {
  const v = env.get(dv.id);
  if (v === undefined) return "";
  const num = (id: string, x: Decimal) => `${dstr(x)}${facts.get(id)?.type === "rate" ? "%" : ""}`;
  const arg = (id: string) => {
    const x = env.get(id);
    return `${label(facts, id)}${x === NA ? "(不适用)" : x === undefined ? "" : num(id, x as Decimal)}`;
  };
  const args = dv.inputs.map(arg);
  const inputs = (): string => {
    switch (dv.op) {
      case "sum":
        return args.join(" + ");
      case "difference":
        return args.join(" − ");
      case "min":
        return `取较小者:${args.join("、")}`;
      case "max":
        return `取较大者:${args.join("、")}`;
      case "shortfall":
      case "excess": {
        const quota = dv.quota ? `定额${dstr(dv.quota)}` : (args[1] as string);
        if (v === NA || !(v as Decimal).isZero())
          return dv.op === "shortfall" ? `${quota} − ${args[0]}` : `${args[0]} − ${quota}`;
        return `${args[0]},${dv.op === "shortfall" ? "不少于" : "未超过"}${quota}`;
      }
      case "ratio": {
        const den = env.get(dv.inputs[1] as string);
        if (den !== NA && den !== undefined && (den as Decimal).isZero())
          return `${args[1]},${dv.ifZero === "not-applicable" ? "不适用" : "按规定计"}`;
        const r = dv.round ? `,${MODE_WORDS[dv.round.mode]}保留${dv.round.places}位小数` : "";
        return `${args[0]} ÷ ${args[1]}${r}`;
      }
    }
  };
  const shown = v === NA ? "(不适用)" : num(dv.id, v as Decimal);
  return `${shown}(${inputs()})`;
}
