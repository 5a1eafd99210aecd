/**
 * Lean scoring: a unit's summary (total, grade, flags, stopped) by the fixed-point path when its
 * rule set and its facts allow it, and otherwise derived from the full decimal result, so that
 * the summary is always the one scoreUnit's result gives.
 *
 * The fixed-point path reads the facts with the compiled fact readers of the full path and
 * accepts only what they accept at once (no warnings, no errors, nothing missing, no texts to
 * fold); any other unit returns null here and is scored in full.
 */
import type { CompiledRuleSet } from "../compile/compile.js";
import { SLOW } from "../compile/fact-reader.js";
import { type Decimal, toDecimal } from "../decimal.js";
import { type ScoreOptions, scoreUnit } from "../evaluate/evaluate.js";
import { isPlainObject } from "../evaluate/facts.js";
import { forcedStands, worstGrade } from "../evaluate/grade.js";
import type { UnitInput } from "../evaluate/types.js";
import {
  compileFast,
  type FAdjustment,
  type FastRuleSet,
  type FastState,
  type FBounds,
  type FClause,
  type FPlan,
  forceGrade,
  raiseFlag,
  Unsupported,
} from "./plan.js";
import { NO_FLAGS, summaryOf, type UnitScoreSummary, type UnitSummary } from "./summary.js";

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A plan with its working memory, reused unit after unit (scoring is synchronous). */
interface Running {
  plan: FPlan;
  st: FastState;
  deducted: Float64Array;
  added: Float64Array;
  adjust: Float64Array;
  score: Float64Array;
  zeroed: Uint8Array;
  /** The unit's totals so far, reused. */
  m: Totals;
  busy: boolean;
}

interface Fast {
  crs: CompiledRuleSet;
  fr: FastRuleSet;
  running: Map<string | null, Running | null>;
  /** Whether every category's plan takes the fixed-point path. */
  all: boolean;
}

const cache = new WeakMap<CompiledRuleSet, Fast | null>();

/** The fixed-point form of a compiled rule set, made once; null when it is out of reach. */
function fastOf(crs: CompiledRuleSet): Fast | null {
  let f = cache.get(crs);
  if (f !== undefined) return f;
  f = null;
  try {
    const fr = compileFast(crs);
    const running = new Map<string | null, Running | null>();
    for (const [cat, plan] of fr.plans) running.set(cat, plan ? working(plan) : null);
    f = { crs, fr, running, all: [...fr.plans.values()].every((p) => p !== null) };
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
  }
  cache.set(crs, f);
  return f;
}

function working(plan: FPlan): Running {
  const n = plan.nodes.length;
  return {
    plan,
    st: {
      raw: new Array(plan.slots).fill(undefined),
      num: new Array(plan.slots).fill(0),
      bail: false,
      fired: false,
      flags: null,
      grades: null,
    },
    deducted: new Float64Array(n),
    added: new Float64Array(n),
    adjust: new Float64Array(n),
    score: new Float64Array(n),
    zeroed: new Uint8Array(n),
    m: { total: 0, deducted: 0, added: 0, rounded: 0 },
    busy: false,
  };
}

/** Whether a rule set's units take the fixed-point path (each still falls back when it must). */
export function hasFastPath(crs: CompiledRuleSet): boolean {
  return fastOf(crs)?.all === true;
}

/**
 * A unit's summary by the fixed-point path, or null when the full decimal path must score it
 * (a construct, a fact value or a figure this path does not take). The cohort may use it too.
 */
export function fastSummary(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions = {},
): UnitScoreSummary | null {
  if (options.asOf !== undefined || options.window !== undefined) return null;
  const f = fastOf(crs);
  return f ? runFast(f, unit) : null;
}

/**
 * What a cohort's summary run keeps of a unit (src/cohort/cohort-summary.ts) by the fixed-point
 * path: the unit's summary with its total, deductions and additions over the whole unit as exact
 * decimals (the integers of 10^-k divided once); null when the full path must score it.
 */
export interface FastPlace {
  summary: UnitScoreSummary;
  total: Decimal;
  deducted: Decimal;
  added: Decimal;
}

export function fastPlace(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions = {},
): FastPlace | null {
  if (options.asOf !== undefined || options.window !== undefined) return null;
  const f = fastOf(crs);
  const summary = f ? runFast(f, unit) : null;
  if (!f || !summary) return null;
  // The plan's working memory still holds this unit's figures (scoring is synchronous).
  const { m } = f.running.get(summary.category) as Running;
  const exact = (n: number) => toDecimal(n === 0 ? 0 : n).dividedBy(f.fr.scale);
  return { summary, total: exact(m.rounded), deducted: exact(m.deducted), added: exact(m.added) };
}

/** A unit's summary: by the fixed-point path when it may, else from scoreUnit's full result. */
export function scoreSummary(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions = {},
): UnitSummary {
  return fastSummary(crs, unit, options) ?? summaryOf(scoreUnit(crs, unit, noTrace(options)));
}

const noTrace = (o: ScoreOptions): ScoreOptions => (o.trace === false ? o : { ...o, trace: false });

/** A reusable scorer of summaries: options checked once, the fixed-point plans found once. */
export function createScorer(
  crs: CompiledRuleSet,
  options: ScoreOptions = {},
): { readonly fixedPoint: boolean; score(unit: UnitInput): UnitSummary } {
  const opts = noTrace(options);
  const f = options.asOf === undefined && options.window === undefined ? fastOf(crs) : null;
  return {
    fixedPoint: f?.all === true,
    score: f
      ? (unit) => runFast(f, unit) ?? summaryOf(scoreUnit(crs, unit, opts))
      : (unit) => summaryOf(scoreUnit(crs, unit, opts)),
  };
}

function runFast(f: Fast, unit: UnitInput): UnitScoreSummary | null {
  if (unit === null || typeof unit !== "object" || unit.parts !== undefined) return null;
  const category = unit.category ?? null;
  const r = f.running.get(category);
  // A reentrant call (a getter on the facts scoring another unit) takes the full path.
  if (!r || r.busy) return null;
  r.busy = true;
  try {
    if (!readFacts(f.fr, r, unit.facts ?? {})) return null;
    return evaluate(f, r, unit.id, category);
  } finally {
    r.busy = false;
  }
}

/** Reads a unit's facts into the slots; false when the full path must read them. */
function readFacts(fr: FastRuleSet, r: Running, given: unknown): boolean {
  if (!isPlainObject(given)) return false;
  for (const key in given) if (!fr.declared.has(key) || UNSAFE_KEYS.has(key)) return false;
  const { st, plan } = r;
  const { scale, limit } = fr;
  for (const rd of plan.readers) {
    if (!Object.hasOwn(given, rd.id)) {
      if (rd.required) return false;
      continue;
    }
    const v = given[rd.id];
    if (v === undefined || v === null || rd.fast === null || rd.fast(v) === SLOW) return false;
    if (rd.slot < 0) continue;
    st.raw[rd.slot] = v;
    if (typeof v === "number") {
      // The fact's decimal is String(v); it is s / 10^k exactly when this holds, as |s| < 2^52.
      const s = Math.round(v * scale);
      if (s / scale !== v || s > limit || s < -limit) return false;
      st.num[rd.slot] = s === 0 ? 0 : s;
    } else st.num[rd.slot] = v === true ? scale : 0;
  }
  return true;
}

/** Sum or highest of a group's amounts, as combineClauses. */
function combine(st: FastState, clauses: readonly FClause[], max: boolean): number {
  if (!max) {
    let sum = 0;
    for (const c of clauses) sum += c.run(st);
    return sum;
  }
  let best = 0;
  let any = false;
  for (const c of clauses) {
    const a = c.run(st);
    if (a !== 0 && (!any || a > best)) {
      best = a;
      any = true;
    }
  }
  return best;
}

function within(v: number, b: FBounds): boolean {
  return (
    (b.gt === null || v > b.gt) &&
    (b.gte === null || v >= b.gte) &&
    (b.lt === null || v < b.lt) &&
    (b.lte === null || v <= b.lte)
  );
}

/** The figures of the items outside the tree so far; `rounded`, the unit's total as reported. */
interface Totals {
  total: number;
  deducted: number;
  added: number;
  rounded: number;
}

function applyItems(st: FastState, items: readonly FAdjustment[], m: Totals, bonus: boolean): void {
  for (const a of items) {
    if (a.bonus !== bonus) continue;
    let amt = combine(st, a.clauses, a.max);
    if (amt === 0) continue;
    if (a.cap !== null && amt > a.cap) amt = a.cap;
    if (a.add) {
      m.total += amt;
      m.added += amt;
    } else {
      m.total -= amt;
      m.deducted += amt;
    }
  }
}

/**
 * Scores a unit whose facts are in the slots, phase by phase as the full path does (vetoes, the
 * tree, the items, the gates, the total, the grade, the thresholds), on integers of 10^-k.
 */
function evaluate(
  f: Fast,
  r: Running,
  unit: string,
  category: string | null,
): UnitScoreSummary | null {
  const { plan, st } = r;
  const { fr, crs } = f;
  st.bail = false;
  st.flags = null;
  st.grades = null;
  // Vetoes.
  let vetoDeducted = 0;
  let fixed: number | null = null;
  let ceiling: number | null = null;
  let stopped = false;
  if (plan.zeroes) r.zeroed.fill(0);
  for (const c of plan.vetoes) {
    if (c.ov === null) continue;
    const amt = c.run(st);
    if (!st.fired) continue;
    vetoDeducted += amt;
    const ov = c.ov;
    if (ov.total !== null) {
      if (ov.atMost) ceiling = ceiling === null ? ov.total : Math.min(ceiling, ov.total);
      else fixed = fixed === null ? ov.total : Math.min(fixed, ov.total);
    }
    if (ov.stop) stopped = true;
    for (const z of ov.zero) r.zeroed[z] = 1;
  }
  // The tree, children first.
  const { deducted: D, added: A, adjust: J, score: S } = r;
  const nodes = plan.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as (typeof nodes)[number];
    let lost = 0;
    let added = 0;
    let adjust = 0;
    for (const k of n.children) {
      lost += D[k] as number;
      added += A[k] as number;
      adjust += J[k] as number;
    }
    for (const c of n.deductions) lost += c.run(st);
    for (const c of n.overrides) {
      const a = c.run(st);
      if (!st.fired) continue;
      if (c.add) added += a;
      else lost += a;
    }
    if (n.additions.length) {
      let bonus = combine(st, n.additions, n.bonusMax);
      if (bonus !== 0 && n.bonusCap !== null && bonus > n.bonusCap) bonus = n.bonusCap;
      added += bonus;
    }
    let deducted = lost;
    if (n.cap !== null && lost !== 0) {
      const over = fr.beforeFloor ? lost - added : lost;
      if (over > n.cap) deducted = lost - (over - n.cap);
    }
    let score = n.points - deducted + added + adjust;
    if (!n.overdraw && score < 0 && deducted !== 0) {
      const back = Math.min(-score, deducted);
      deducted -= back;
      score += back;
    }
    if (plan.zeroes && r.zeroed[i] === 1 && score !== 0) {
      adjust -= score;
      score = 0;
    }
    D[i] = deducted;
    A[i] = added;
    J[i] = adjust;
    S[i] = score;
  }
  const m = r.m;
  m.total = 0;
  m.deducted = vetoDeducted;
  m.added = 0;
  for (const k of plan.top) {
    m.total += S[k] as number;
    m.deducted += D[k] as number;
    m.added += A[k] as number;
  }
  m.total -= vetoDeducted;
  // Items outside the tree, and the gates between the main stage and the bonus.
  if (plan.adjustments.length) applyItems(st, plan.adjustments, m, false);
  let bonusOpen = false;
  let gateStop = false;
  for (const g of fr.gates) {
    if (!within(fr.round(m.total), g.bounds)) continue;
    if (g.grade !== undefined) forceGrade(st, g.grade);
    if (g.flag !== undefined) raiseFlag(st, g.flag);
    if (g.stop) gateStop = true;
    if (g.opensBonus) bonusOpen = true;
    if (g.stop) break;
  }
  if (bonusOpen && !gateStop) applyItems(st, plan.adjustments, m, true);
  if (st.bail) return null;
  // The total: fixed, held under a ceiling, rounded.
  let total = m.total;
  if (stopped || fixed !== null) total = fixed ?? 0;
  if (ceiling !== null && total > ceiling) total = ceiling;
  let rounded = fr.round(total);
  if (ceiling !== null && rounded > ceiling) rounded = fr.floorRound(ceiling);
  // The grade.
  let grade: string | null = null;
  let gradeSource: UnitScoreSummary["gradeSource"] = null;
  if (fr.bands !== null) {
    let band: string | null = null;
    for (const b of fr.bands)
      if (b.bound === null || (b.inclusive ? rounded >= b.bound : rounded > b.bound)) {
        band = b.grade;
        break;
      }
    const forced = st.grades ? worstGrade(crs, st.grades) : null;
    if (forcedStands(crs, forced, band)) {
      grade = forced;
      gradeSource = "override";
    } else if (band !== null) {
      grade = band;
      gradeSource = "band";
    }
  }
  m.rounded = rounded;
  // Thresholds, on the figures as reported.
  for (let t = 0; t < fr.thresholds.length; t++) {
    const th = fr.thresholds[t] as FastRuleSet["thresholds"][number];
    let v: number | null = null;
    if (th.of === "total") v = rounded;
    else if (th.of === "deducted") v = m.deducted;
    else if (th.of === "added") v = m.added;
    else if (th.of === "node") {
      const i = plan.thresholdNodes[t] as number;
      v = stopped || i < 0 ? null : (S[i] as number);
    }
    if (v !== null && within(v, th.bounds)) raiseFlag(st, th.flag);
  }
  const x = rounded / fr.scale;
  return {
    ok: true,
    unit,
    category,
    total: x === 0 ? 0 : x,
    grade,
    gradeSource,
    flags: st.flags ?? NO_FLAGS,
    stopped,
  };
}
