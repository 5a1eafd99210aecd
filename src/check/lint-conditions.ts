import { type Decimal, dstr, toDecimal } from "../decimal.js";
import type { PathSegment } from "../errors/issue.js";
import type { Condition } from "../schema/ruleset.js";

const COMPARE_OPS = ["gt", "gte", "lt", "lte", "eq", "ne"] as const;

/** The comparisons of a condition that name a fact but no operator (they would always hold). */
export function operatorlessComparisons(
  x: Condition,
  at: PathSegment[],
  out: { fact: string; path: PathSegment[] }[] = [],
): { fact: string; path: PathSegment[] }[] {
  if (typeof x !== "object" || x === null) return out;
  if ("all" in x) x.all.forEach((y, i) => operatorlessComparisons(y, [...at, "all", i], out));
  else if ("any" in x) x.any.forEach((y, i) => operatorlessComparisons(y, [...at, "any", i], out));
  else if ("not" in x) operatorlessComparisons(x.not, [...at, "not"], out);
  else if (!("is" in x) && !COMPARE_OPS.some((op) => op in x)) out.push({ fact: x.fact, path: at });
  return out;
}

type FactLookup = (
  id: string,
) => { type: string; min?: number | string; max?: number | string } | undefined;

type Bound = { v: Decimal; strict: boolean };

/** The tightest lower and upper bound each fact is given by a conjunction. */
class Bounds {
  readonly lo = new Map<string, Bound>();
  readonly hi = new Map<string, Bound>();
  atLeast(id: string, v: Decimal, strict = false): void {
    const cur = this.lo.get(id);
    if (!cur || v.greaterThan(cur.v) || (v.equals(cur.v) && strict)) this.lo.set(id, { v, strict });
  }
  atMost(id: string, v: Decimal, strict = false): void {
    const cur = this.hi.get(id);
    if (!cur || v.lessThan(cur.v) || (v.equals(cur.v) && strict)) this.hi.set(id, { v, strict });
  }
  /** The range a fact is declared to lie in (a rate 0–100, a count from 0). */
  declared(id: string, fact: FactLookup): void {
    const decl = fact(id);
    if (decl?.min !== undefined) this.atLeast(id, toDecimal(decl.min));
    if (decl?.max !== undefined) this.atMost(id, toDecimal(decl.max));
    if (decl?.type === "rate") {
      this.atLeast(id, toDecimal(0));
      this.atMost(id, toDecimal(100));
    }
    if (decl?.type === "count") this.atLeast(id, toDecimal(0));
  }
  /** The first fact whose bounds leave no value, described. */
  empty(): string | null {
    for (const [id, l] of this.lo) {
      const h = this.hi.get(id);
      if (!h) continue;
      if (l.v.greaterThan(h.v) || (l.v.equals(h.v) && (l.strict || h.strict)))
        return `事实 "${id}" 不可能既${l.strict ? "大于" : "不小于"} ${dstr(l.v)} 又${h.strict ? "小于" : "不大于"} ${dstr(h.v)}`;
    }
    return null;
  }
}

/** The terms of a condition that must all hold: `all` flattened. */
function conjuncts(c: Condition, out: Condition[] = []): Condition[] {
  if (typeof c === "object" && "all" in c) for (const x of c.all) conjuncts(x, out);
  else out.push(c);
  return out;
}

const num = (v: unknown) => (typeof v === "number" || typeof v === "string" ? toDecimal(v) : null);

/**
 * Finds a conjunction that can never hold: a number bounded to an empty interval (also against
 * the fact's declared range), or a boolean required both true and false.
 */
export function contradiction(c: Condition, fact: FactLookup): string | null {
  const bounds = new Bounds();
  const bools = new Map<string, boolean | string>();
  const eqs = new Map<string, Decimal>();
  for (const x of conjuncts(c)) {
    if (typeof x === "string" || "is" in x) {
      const id = typeof x === "string" ? x : x.fact;
      const want = typeof x === "string" ? true : x.is;
      if (bools.has(id) && bools.get(id) !== want)
        return `事实 "${id}" 不可能既是 ${String(bools.get(id))} 又是 ${String(want)}`;
      bools.set(id, want);
      continue;
    }
    if (!("fact" in x)) continue;
    const id = x.fact;
    bounds.declared(id, fact);
    const [gt, gte, lt, lte, eq] = [x.gt, x.gte, x.lt, x.lte, x.eq].map(num);
    if (gt) bounds.atLeast(id, gt, true);
    if (gte) bounds.atLeast(id, gte);
    if (lt) bounds.atMost(id, lt, true);
    if (lte) bounds.atMost(id, lte);
    if (eq) {
      const prev = eqs.get(id);
      if (prev && !prev.equals(eq))
        return `事实 "${id}" 不可能既等于 ${dstr(prev)} 又等于 ${dstr(eq)}`;
      eqs.set(id, eq);
      bounds.atLeast(id, eq);
      bounds.atMost(id, eq);
    }
  }
  return bounds.empty();
}
