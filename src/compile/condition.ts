import type { Decimal } from "../decimal.js";
import { toDecimal } from "../decimal.js";
import type { Condition } from "../schema/ruleset.js";
import { type FactValue, NA } from "./values.js";

/** The facts of one unit, resolved. */
export type FactEnv = Map<string, FactValue>;
/** A compiled condition: true, false, or NA when a fact it reads does not apply. */
export type CompiledCondition = (env: FactEnv) => boolean | typeof NA;

const OPS = {
  gt: (a: Decimal, b: Decimal) => a.greaterThan(b),
  gte: (a: Decimal, b: Decimal) => a.greaterThanOrEqualTo(b),
  lt: (a: Decimal, b: Decimal) => a.lessThan(b),
  lte: (a: Decimal, b: Decimal) => a.lessThanOrEqualTo(b),
  eq: (a: Decimal, b: Decimal) => a.equals(b),
  ne: (a: Decimal, b: Decimal) => !a.equals(b),
} as const;

function numeric(v: FactValue | undefined): Decimal | typeof NA {
  if (v === NA || v === undefined || typeof v === "string" || v instanceof Map) return NA;
  if (typeof v === "boolean") return toDecimal(v ? 1 : 0);
  if (Array.isArray(v)) return toDecimal(v.reduce((a, x) => a + (x.count ?? 1), 0));
  return v as Decimal;
}

/**
 * Compiles a condition into a closure over the unit's facts, once per rule set. Conditions are
 * data; nothing in them is ever evaluated as code. Three-valued: a condition reading a fact that
 * is "not applicable" is NA unless the rest of an `all`/`any` decides it.
 */
export function compileCondition(c: Condition): CompiledCondition {
  if (typeof c === "string") {
    return (env) => {
      const v = env.get(c);
      return v === NA ? NA : v === true;
    };
  }
  if ("all" in c) {
    const parts = c.all.map(compileCondition);
    return (env) => {
      let na = false;
      for (const p of parts) {
        const r = p(env);
        if (r === false) return false;
        if (r === NA) na = true;
      }
      return na ? NA : true;
    };
  }
  if ("any" in c) {
    const parts = c.any.map(compileCondition);
    return (env) => {
      let na = false;
      for (const p of parts) {
        const r = p(env);
        if (r === true) return true;
        if (r === NA) na = true;
      }
      return na ? NA : false;
    };
  }
  if ("not" in c) {
    const inner = compileCondition(c.not);
    return (env) => {
      const r = inner(env);
      return r === NA ? NA : !r;
    };
  }
  if ("is" in c) {
    const { fact, is } = c;
    return (env) => {
      const v = env.get(fact);
      return v === NA ? NA : v === is;
    };
  }
  const fact = c.fact;
  const tests: ((env: FactEnv, a: Decimal) => boolean | typeof NA)[] = [];
  for (const op of ["gt", "gte", "lt", "lte", "eq", "ne"] as const) {
    const rhs = c[op];
    if (rhs === undefined) continue;
    const fn = OPS[op];
    if (typeof rhs === "object") {
      const other = rhs.fact;
      tests.push((env, a) => {
        const b = numeric(env.get(other));
        return b === NA ? NA : fn(a, b);
      });
    } else {
      const b = toDecimal(rhs);
      tests.push((_env, a) => fn(a, b));
    }
  }
  return (env) => {
    const a = numeric(env.get(fact));
    if (a === NA) return NA;
    for (const t of tests) {
      const r = t(env, a);
      if (r !== true) return r;
    }
    return true;
  };
}
