/**
 * The fixed-point plan of a compiled rule set: every constant scaled to an integer of the rule
 * set's finest decimal place, every clause a closure over integers, built once when the rule set
 * uses only constructs this path supports and its figures are small enough that every sum stays
 * exact below 2^53. Anything else compiles to null, and its units take the decimal path.
 *
 * Supported: a tree with points, caps (扣完为止), 倒扣, bonus caps and sum/max bonuses; clauses
 * per (on a number fact), fixed, check, step (floor or ceil, constant bases) and override; vetoes
 * (fixed totals, ceilings, stops, zeroed items, grades, flags); items outside the tree in the
 * points measure; gates; rounding at the total; grades by band and forced; thresholds.
 */
import type { CClause } from "../compile/clause.js";
import type { CBounds, CNode, CompiledRuleSet, Plan } from "../compile/compile.js";
import type { FactReader } from "../compile/fact-reader.js";
import { type Decimal, type RoundingMode, toDecimal } from "../decimal.js";
import type { ClauseInput, Condition, NodeInput, RuleSetInput } from "../schema/ruleset.js";
import { appliesTo } from "../schema/walk.js";

/** The most any scaled figure may reach: at most 15 digits, so every total prints exactly. */
const MAX_SCALED = 1e15;

/** Why a rule set or a plan does not take the fixed-point path; caught, never shown. */
export class Unsupported extends Error {}

/** One unit's working state: its facts in slots, and what its clauses raised. */
export interface FastState {
  /** Each fact read, as given (true, false, a number, an option). */
  raw: unknown[];
  /** Each fact read as a number scaled by 10^k (true is 1, false 0). */
  num: number[];
  /** Set when a figure of this unit leaves the proven range: the decimal path scores it. */
  bail: boolean;
  /** Whether the last override run fired. */
  fired: boolean;
  flags: string[] | null;
  grades: string[] | null;
}

type Cond = (st: FastState) => boolean;

/** Adds a flag to a unit's, making its list on the first one (most units raise none). */
export function raiseFlag(st: FastState, flag: string): void {
  if (st.flags) st.flags.push(flag);
  else st.flags = [flag];
}

/** Adds a grade forced on the unit. */
export function forceGrade(st: FastState, grade: string): void {
  if (st.grades) st.grades.push(grade);
  else st.grades = [grade];
}

/** A clause over integers: its amount (0 for nothing), pushing flags and grades as runClause does. */
export interface FClause {
  id: string;
  add: boolean;
  run(st: FastState): number;
  /** Set for an override: what it does when it fires, beyond its amount. */
  ov: {
    total: number | null;
    atMost: boolean;
    stop: boolean;
    /** Indexes in the plan's nodes of the items it zeroes. */
    zero: number[];
  } | null;
}

export interface FNode {
  id: string;
  points: number;
  /** The cap on deductions, or null for none. */
  cap: number | null;
  overdraw: boolean;
  /** The bonus cap, or null for none. */
  bonusCap: number | null;
  bonusMax: boolean;
  children: number[];
  deductions: FClause[];
  overrides: FClause[];
  additions: FClause[];
}

export interface FAdjustment {
  add: boolean;
  max: boolean;
  cap: number | null;
  bonus: boolean;
  clauses: FClause[];
}

export interface FBounds {
  gt: number | null;
  gte: number | null;
  lt: number | null;
  lte: number | null;
}

/** A reader of one declared fact, for this plan. */
export interface FReader {
  id: string;
  required: boolean;
  fast: FactReader["fast"];
  /** The fact's slot when a rule of this plan reads it, else -1. */
  slot: number;
}

export interface FPlan {
  /** How many slots a unit's facts take. */
  slots: number;
  readers: FReader[];
  nodes: FNode[];
  top: number[];
  vetoes: FClause[];
  /** Whether a veto zeroes items (then a unit keeps a zeroed mark per node). */
  zeroes: boolean;
  adjustments: FAdjustment[];
  /** Threshold on a node's score: that node's index in this plan, or -1 when absent. */
  thresholdNodes: number[];
}

export interface FastRuleSet {
  /** The scale: figures are integers of 10^-k. */
  k: number;
  /** 10^k. */
  scale: number;
  /** The largest amount a clause may produce for a unit; any more and the unit is not fast. */
  limit: number;
  declared: ReadonlySet<string>;
  plans: ReadonlyMap<string | null, FPlan | null>;
  /** Why a category's plan takes the decimal path, for each one that does. */
  why: ReadonlyMap<string | null, string>;
  beforeFloor: boolean;
  round: (s: number) => number;
  /** Rounds a ceiling down to the stated places (a ceiling finer than the rounding). */
  floorRound: (s: number) => number;
  gates: { bounds: FBounds; grade?: string; flag?: string; stop: boolean; opensBonus: boolean }[];
  bands: { grade: string; bound: number | null; inclusive: boolean }[] | null;
  thresholds: {
    of: "total" | "deducted" | "added" | "node" | "none";
    bounds: FBounds;
    flag: string;
  }[];
}

const unsupported = (why: string): never => {
  throw new Unsupported(why);
};

/** The decimal places of every constant the plans use, to choose the scale. */
function placesOf(crs: CompiledRuleSet): number {
  let k = 0;
  const see = (d: Decimal | null | undefined | number | string | { fact: string }) => {
    if (d === null || d === undefined || typeof d === "object") {
      if (d && typeof d === "object" && "decimalPlaces" in d) k = Math.max(k, d.decimalPlaces());
      return;
    }
    const s = String(d);
    const dot = s.indexOf(".");
    if (dot >= 0) k = Math.max(k, s.length - dot - 1);
    if (/e/i.test(s)) unsupported("a constant in exponent form");
  };
  const cond = (c: Condition) => {
    if (typeof c === "string") return;
    if ("all" in c) c.all.forEach(cond);
    else if ("any" in c) c.any.forEach(cond);
    else if ("not" in c) cond(c.not);
    else if (!("is" in c))
      for (const op of ["gt", "gte", "lt", "lte", "eq", "ne"] as const) see(c[op]);
  };
  const clause = (c: ClauseInput) => {
    for (const key of ["each", "cap", "amount", "points", "total", "per", "below"] as const)
      see((c as unknown as Record<string, Parameters<typeof see>[0]>)[key]);
    if (c.type === "step") for (const b of c.bands ?? []) [b.below, b.per, b.each].forEach(see);
    if ("when" in c) cond(c.when);
  };
  const node = (n: NodeInput) => {
    [n.points, n.cap, n.bonusCap].forEach(see);
    for (const v of Object.values(n.pointsBy ?? {})) see(v);
    n.clauses?.forEach(clause);
    n.children?.forEach(node);
  };
  const rs = crs.source;
  rs.tree.forEach(node);
  rs.vetoes?.forEach(clause);
  for (const a of rs.adjustments ?? []) {
    see(a.cap);
    a.clauses.forEach(clause);
  }
  for (const b of crs.grades?.bands ?? []) see(b.bound);
  for (const x of [...crs.gates.map((g) => g.bounds), ...crs.thresholds.map((t) => t.bounds)])
    [x.gt, x.gte, x.lt, x.lte].forEach(see);
  return k;
}

/** Every clause of the rule set by id, with the nodes it sits in for its points. */
function clauseSources(rs: RuleSetInput): Map<string, ClauseInput[]> {
  const out = new Map<string, ClauseInput[]>();
  const put = (c: ClauseInput) => out.set(c.id, [...(out.get(c.id) ?? []), c]);
  const node = (n: NodeInput) => {
    n.clauses?.forEach(put);
    n.children?.forEach(node);
  };
  rs.tree.forEach(node);
  rs.vetoes?.forEach(put);
  for (const a of rs.adjustments ?? []) a.clauses.forEach(put);
  return out;
}

const NUMERIC = new Set(["count", "number", "rate", "amount"]);

/** Compiles a rule set's fixed-point plans; throws Unsupported when the rule set is out of reach. */
export function compileFast(crs: CompiledRuleSet): FastRuleSet {
  if (crs.measures.length !== 1) unsupported("more than one measure");
  if (crs.periods) unsupported("a run split into periods (T7 periods)");
  if (crs.derived.size) unsupported("derived facts");
  if (crs.rescale) unsupported("a rescaled total (C17 rescale)");
  if (crs.rounding.at !== "total") unsupported("rounding below the total");
  const k = placesOf(crs);
  if (k > 12) unsupported("more than 12 decimal places");
  const scale = 10 ** k;
  let terms = 8;
  for (const p of crs.plans.values()) {
    terms += p.nodes.length + p.vetoes.length;
    for (const n of p.nodes) terms += n.deductions.length + n.additions.length + n.overrides.length;
    for (const a of p.adjustments) terms += a.clauses.length + 1;
  }
  // Every figure is a sum of at most `terms` amounts, each at most `limit`: below MAX_SCALED.
  const limit = Math.floor(MAX_SCALED / (2 * terms));
  const exact = (d: Decimal, bound = MAX_SCALED): number => {
    const x = d.times(scale);
    if (!x.isInteger()) unsupported(`${d.toFixed()} finer than the scale`);
    if (x.abs().greaterThan(bound)) unsupported(`${d.toFixed()} too large`);
    const n = x.toNumber();
    return n === 0 ? 0 : n;
  };
  const amount = (d: Decimal) => exact(d, limit);
  const bounds = (b: CBounds): FBounds => ({
    gt: b.gt ? exact(b.gt) : null,
    gte: b.gte ? exact(b.gte) : null,
    lt: b.lt ? exact(b.lt) : null,
    lte: b.lte ? exact(b.lte) : null,
  });
  const sources = clauseSources(crs.source);
  const plans = new Map<string | null, FPlan | null>();
  const why = new Map<string | null, string>();
  for (const [cat, plan] of crs.plans) {
    try {
      plans.set(cat, compilePlan(crs, plan, { scale, limit, amount, exact, sources }));
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      plans.set(cat, null);
      why.set(cat, e.message);
    }
  }
  const { places, mode } = crs.rounding;
  const q = places >= k ? 1 : 10 ** (k - places);
  return {
    k,
    scale,
    limit,
    declared: new Set(crs.facts.keys()),
    plans,
    why,
    beforeFloor: crs.bonusFloor === "before-floor",
    round: rounder(q, mode),
    floorRound: rounder(q, "floor"),
    gates: crs.gates.map((g) => ({
      bounds: bounds(g.bounds),
      ...(g.grade !== undefined ? { grade: g.grade } : {}),
      ...(g.flag !== undefined ? { flag: g.flag } : {}),
      stop: g.stop,
      opensBonus: g.opensBonus,
    })),
    bands: crs.grades
      ? crs.grades.bands.map((b) => ({
          grade: b.grade,
          bound: b.bound === null ? null : exact(b.bound),
          inclusive: b.inclusive,
        }))
      : null,
    thresholds: crs.thresholds.map((t) => ({
      of:
        typeof t.of === "string"
          ? t.of
          : "node" in t.of
            ? "node"
            : t.of.measure === crs.pointsMeasure
              ? "total"
              : "none",
      bounds: bounds(t.bounds),
      flag: t.flag,
    })),
  };
}

/** Rounds an integer of 10^-k to a multiple of q (10^(k − places)), as roundTo does. */
export function rounder(q: number, mode: RoundingMode): (s: number) => number {
  if (q === 1) return (s) => s;
  return (s) => {
    const r = s % q;
    if (r === 0) return s;
    const down = s - r;
    const away = down + (s < 0 ? -q : q);
    const twice = Math.abs(r) * 2;
    switch (mode) {
      case "down":
        return down;
      case "up":
        return away;
      case "ceil":
        return s > 0 ? away : down;
      case "floor":
        return s < 0 ? away : down;
      case "half-up":
        return twice >= q ? away : down;
      case "half-down":
        return twice > q ? away : down;
      default:
        return twice > q ? away : twice < q ? down : (down / q) % 2 === 0 ? down : away;
    }
  };
}

interface Kit {
  scale: number;
  limit: number;
  amount: (d: Decimal) => number;
  exact: (d: Decimal) => number;
  sources: Map<string, ClauseInput[]>;
}

function compilePlan(crs: CompiledRuleSet, plan: Plan, kit: Kit): FPlan {
  if (plan.hasApplicability) unsupported("applicability (C17)");
  if (plan.nodes.some((n) => n.given)) unsupported("items scored directly (given)");
  const slotOf = new Map<string, number>();
  const readers: FReader[] = plan.readers.map((r) => {
    const read = plan.facts.has(r.id);
    if (read && r.fact.type !== "boolean" && r.fact.type !== "choice" && !NUMERIC.has(r.fact.type))
      unsupported(`a ${r.fact.type} fact`);
    const slot = read ? slotOf.size : -1;
    if (read) slotOf.set(r.id, slot);
    return { id: r.id, required: r.required, fast: r.fast, slot };
  });
  const typeOf = (fact: string) => crs.facts.get(fact)?.type;
  const slot = (fact: string): number => {
    const s = slotOf.get(fact);
    return s === undefined ? unsupported(`fact ${fact} not read`) : s;
  };
  const indexOf = new Map(plan.nodes.map((n, i) => [n.id, i]));
  const clause = (c: CClause, nodePoints: Decimal | null): FClause =>
    compileFClause(c, source(c, plan.category, kit.sources), nodePoints, kit, slot, typeOf, zeroed);
  // Every node of an id a veto zeroes (the full path zeroes by id).
  const zeroed = (ids: readonly string[]) =>
    plan.nodes.flatMap((n, i) => (ids.includes(n.id) ? [i] : []));
  const nodes: FNode[] = plan.nodes.map((n: CNode) => ({
    id: n.id,
    points: kit.amount(n.points),
    cap: n.cap ? kit.amount(n.cap) : null,
    overdraw: n.overdraw,
    bonusCap: n.bonusCap ? kit.amount(n.bonusCap) : null,
    bonusMax: n.bonusCombine === "max",
    children: n.children,
    deductions: n.deductions.map((c) => clause(c, n.points)),
    overrides: n.overrides.map((c) => clause(c, n.points)),
    additions: n.additions.map((c) => clause(c, n.points)),
  }));
  const vetoes = plan.vetoes.map((c) => clause(c, null));
  const adjustments = plan.adjustments.map((a) => {
    if (a.measure !== crs.pointsMeasure) unsupported("an item in another measure");
    return {
      add: a.effect === "add",
      max: a.combine === "max",
      cap: a.cap ? kit.amount(a.cap) : null,
      bonus: a.stage === "bonus",
      clauses: a.clauses.map((c) => clause(c, null)),
    };
  });
  return {
    slots: slotOf.size,
    readers,
    nodes,
    top: plan.top,
    vetoes,
    zeroes: vetoes.some((v) => (v.ov?.zero.length ?? 0) > 0),
    adjustments,
    thresholdNodes: crs.thresholds.map((t) =>
      typeof t.of === "object" && "node" in t.of ? (indexOf.get(t.of.node) ?? -1) : -1,
    ),
  };
}

/** The one clause of the source this compiled clause came from, for its constants. */
function source(c: CClause, cat: string | null, sources: Map<string, ClauseInput[]>): ClauseInput {
  const found = (sources.get(c.id) ?? []).filter((s) => appliesTo(s, cat));
  if (found.length !== 1 || (found[0] as ClauseInput).type !== c.type)
    unsupported(`clause ${c.id} not found once`);
  return found[0] as ClauseInput;
}

function compileFClause(
  c: CClause,
  src: ClauseInput,
  nodePoints: Decimal | null,
  kit: Kit,
  slot: (fact: string) => number,
  typeOf: (fact: string) => string | undefined,
  zeroed: (ids: readonly string[]) => number[],
): FClause {
  const base = { id: c.id, add: c.effect === "add", ov: null };
  const dec = (x: number | string) => kit.amount(decimalOf(x));
  const cond = (w: Condition) => compileCond(w, kit, slot, typeOf);
  const { limit } = kit;
  switch (src.type) {
    case "fixed": {
      const when = cond(src.when);
      const amt = dec(src.amount);
      return { ...base, run: (st) => (when(st) ? amt : 0) };
    }
    case "check": {
      const when = cond(src.when);
      const amt =
        src.points !== undefined ? dec(src.points) : nodePoints ? kit.amount(nodePoints) : 0;
      return { ...base, run: (st) => (when(st) ? 0 : amt) };
    }
    case "per": {
      if (!NUMERIC.has(typeOf(src.fact) ?? "")) unsupported("per on findings");
      const s = slot(src.fact);
      const each = dec(src.each);
      const cap = src.cap !== undefined ? dec(src.cap) : null;
      return {
        ...base,
        run(st) {
          const n = st.raw[s] as number;
          if (n === 0) return 0;
          const raw = each * n;
          // A count of a number fact with places, or a product past the proven range.
          if (!Number.isInteger(raw) || raw > limit || raw < -limit) {
            st.bail = true;
            return 0;
          }
          return cap !== null && raw > cap ? cap : raw;
        },
      };
    }
    case "step":
      return { ...base, run: compileStep(src, kit, slot, typeOf) };
    case "override": {
      const when = cond(src.when);
      const amt = src.amount !== undefined ? dec(src.amount) : 0;
      const unitGrade =
        src.grade !== undefined && (src.gradeScope ?? "unit") === "unit" ? src.grade : null;
      const flag = src.flag ?? null;
      return {
        id: c.id,
        add: c.effect === "add",
        ov: {
          total: src.total !== undefined ? dec(src.total) : null,
          atMost: src.totalMode === "at-most",
          stop: src.stop === true,
          zero: src.zero ? zeroed(src.zero) : [],
        },
        run(st) {
          if (!when(st)) {
            st.fired = false;
            return 0;
          }
          st.fired = true;
          if (unitGrade !== null) forceGrade(st, unitGrade);
          if (flag !== null) raiseFlag(st, flag);
          return amt;
        },
      };
    }
    default:
      return unsupported(`clause type ${src.type}`);
  }
}

/** C6 step over integers: floor or ceil of whole steps, constant bases. */
function compileStep(
  src: Extract<ClauseInput, { type: "step" }>,
  kit: Kit,
  slot: (fact: string) => number,
  typeOf: (fact: string) => string | undefined,
): (st: FastState) => number {
  const below = typeof src.below === "object" ? unsupported("a step base from a fact") : src.below;
  if (src.partial === "prorata") unsupported("pro rata steps");
  if (!NUMERIC.has(typeOf(src.fact) ?? "")) unsupported("step on a non-number");
  const bands = (src.bands ?? [{ below: below ?? 0, per: src.per ?? 1, each: src.each ?? 0 }]).map(
    (b) => ({
      below: kit.amount(decimalOf(b.below)),
      per: kit.amount(decimalOf(b.per)),
      each: kit.amount(decimalOf(b.each)),
    }),
  );
  if (bands.some((b) => b.per <= 0)) unsupported("a step of 0");
  const ceil = src.partial === "ceil";
  const whole = (src.bandMode ?? "marginal") !== "marginal";
  const cap = src.cap !== undefined ? kit.amount(decimalOf(src.cap)) : null;
  const s = slot(src.fact);
  const { limit } = kit;
  // Whole steps of a shortfall: an integer quotient, corrected so that it is exact.
  const steps = (short: number, per: number): number => {
    let n = Math.floor(short / per);
    while (n * per > short) n--;
    while ((n + 1) * per <= short) n++;
    return ceil && n * per !== short ? n + 1 : n;
  };
  return (st) => {
    const rate = st.num[s] as number;
    let raw = 0;
    if (!whole) {
      for (let i = 0; i < bands.length; i++) {
        const b = bands[i] as (typeof bands)[number];
        if (!(rate < b.below)) continue;
        const floorOfBand = bands[i + 1]?.below;
        const bottom = floorOfBand === undefined || rate > floorOfBand ? rate : floorOfBand;
        const amt = steps(b.below - bottom, b.per) * b.each;
        if (amt > limit || amt < -limit) st.bail = true;
        raw += amt;
      }
    } else {
      const top = bands[0]?.below ?? 0;
      let lowest: (typeof bands)[number] | undefined;
      for (const b of bands) if (rate < b.below) lowest = b;
      if (lowest) raw = steps(top - rate, lowest.per) * lowest.each;
    }
    if (raw > limit || raw < -limit) {
      st.bail = true;
      return 0;
    }
    if (raw === 0) return 0;
    return cap !== null && raw > cap ? cap : raw;
  };
}

/** A condition over a unit's slots: two-valued, as every fact it reads is present and applies. */
function compileCond(
  c: Condition,
  kit: Kit,
  slot: (fact: string) => number,
  typeOf: (fact: string) => string | undefined,
): Cond {
  if (typeof c === "string") {
    const s = slot(c);
    return (st) => st.raw[s] === true;
  }
  if ("all" in c) {
    const parts = c.all.map((p) => compileCond(p, kit, slot, typeOf));
    return (st) => parts.every((p) => p(st));
  }
  if ("any" in c) {
    const parts = c.any.map((p) => compileCond(p, kit, slot, typeOf));
    return (st) => parts.some((p) => p(st));
  }
  if ("not" in c) {
    const inner = compileCond(c.not, kit, slot, typeOf);
    return (st) => !inner(st);
  }
  if ("is" in c) {
    const s = slot(c.fact);
    const is = c.is;
    return (st) => st.raw[s] === is;
  }
  // A comparison reads the fact as a number: an option would be "not applicable" (never fast).
  const numeric = (fact: string) => {
    const t = typeOf(fact);
    if (t !== "boolean" && !NUMERIC.has(t ?? "")) unsupported(`a comparison on a ${t} fact`);
    return slot(fact);
  };
  const a = numeric(c.fact);
  const tests: Cond[] = [];
  for (const op of ["gt", "gte", "lt", "lte", "eq", "ne"] as const) {
    const rhs = c[op];
    if (rhs === undefined) continue;
    const cmp = COMPARE[op];
    if (typeof rhs === "object") {
      const b = numeric(rhs.fact);
      tests.push((st) => cmp(st.num[a] as number, st.num[b] as number));
    } else {
      const b = kit.exact(decimalOf(rhs));
      tests.push((st) => cmp(st.num[a] as number, b));
    }
  }
  return tests.length === 1 ? (tests[0] as Cond) : (st) => tests.every((t) => t(st));
}

const COMPARE = {
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
  eq: (a: number, b: number) => a === b,
  ne: (a: number, b: number) => a !== b,
} as const;

function decimalOf(x: number | string): Decimal {
  return toDecimal(x);
}
