/**
 * A unit's totals around the tree: vetoes before it (一票否决, 弄虚作假 zero-outs, fixed totals),
 * the items outside it (特别加减分, other measures) and the gates between them (C19), then the
 * total's fixing, ceiling and rounding, and the grade.
 */
import type { CClause } from "../compile/clause.js";
import type { CompiledRuleSet, Plan } from "../compile/compile.js";
import { type Decimal, roundTo, ZERO } from "../decimal.js";
import { refOf, within } from "./common.js";
import { adjustment, type Ctx, factsOf, roundEntry, runClause } from "./context.js";
import type { EngineEffect } from "./effects.js";
import { bandFor, forcedStands, worstGrade } from "./grade.js";
import type { NodeResult, TraceEntry, UnitResult } from "./types.js";

/** What the vetoes decided before the tree is scored. */
export interface Vetoes {
  /** A total the unit is given whatever it scores (the lowest of those stated), or null. */
  fixedTotal: Decimal | null;
  /** A total the unit may not exceed (the lowest stated), or null. */
  ceiling: Decimal | null;
  /** Whether the other items are not scored at all. */
  stopped: boolean;
  /** Nodes that score 0, each with the veto that zeroes it (the first that does). */
  zeroed: Map<string, CClause>;
  /** What the vetoes deducted themselves. */
  deducted: Decimal;
  /** The veto that set each of the above, for the explanation: its rule id, text and source. */
  by: { fixed: CClause | null; ceiling: CClause | null; stop: CClause | null };
}

/** Runs the vetoes: they read only facts, and decide what the tree may do. */
export function runVetoes(ctx: Ctx, plan: Plan): Vetoes {
  const v: Vetoes = {
    fixedTotal: null,
    ceiling: null,
    stopped: false,
    zeroed: new Map(),
    deducted: ZERO,
    by: { fixed: null, ceiling: null, stop: null },
  };
  for (const c of plan.vetoes) {
    const o = runClause(ctx, c, null);
    const ov = o?.override;
    if (!o || !ov) continue;
    v.deducted = v.deducted.plus(o.amount);
    if (ov.total && ov.totalMode === "fixed" && !v.fixedTotal?.lessThanOrEqualTo(ov.total)) {
      v.fixedTotal = ov.total;
      v.by.fixed = c;
    }
    if (ov.total && ov.totalMode === "at-most" && !v.ceiling?.lessThanOrEqualTo(ov.total)) {
      v.ceiling = ov.total;
      v.by.ceiling = c;
    }
    if (ov.stop && !v.stopped) {
      v.stopped = true;
      v.by.stop = c;
    }
    for (const z of ov.zero ?? []) if (!v.zeroed.has(z)) v.zeroed.set(z, c);
  }
  return v;
}

/** The unit's figures once the tree and the items outside it are scored. */
export interface Measured {
  /** The tree's score: the sum of the level-1 nodes' scores. */
  tree: Decimal;
  /** The total of each measure so far (the points measure's before fixing and rounding). */
  totals: Map<string, Decimal>;
  deducted: Decimal;
  added: Decimal;
}

/** The tree's score and what it deducted and added, less what the vetoes deducted. */
export function treeTotals(
  plan: Plan,
  res: readonly NodeResult[],
  vetoes: Vetoes,
  crs: CompiledRuleSet,
): Measured {
  let score = ZERO;
  let deducted = vetoes.deducted;
  let added = ZERO;
  for (const k of plan.top) {
    const r = res[k] as NodeResult;
    score = score.plus(r.score);
    // Deductions after caps only: zeroing and rounding are adjustments at every depth.
    deducted = deducted.plus(r.deducted);
    added = added.plus(r.added);
  }
  const totals = new Map<string, Decimal>(crs.measures.map((m) => [m.id, ZERO]));
  totals.set(crs.pointsMeasure, score.minus(vetoes.deducted));
  return { tree: score, totals, deducted, added };
}

/** Items outside the tree of one stage: 特别减分项, 特别加分项, and the other measures. */
function applyItems(ctx: Ctx, plan: Plan, m: Measured, stage: "main" | "bonus"): void {
  const pm = ctx.crs.pointsMeasure;
  for (const a of plan.adjustments) {
    if (a.stage !== stage) continue;
    const amt = adjustment(ctx, a);
    if (amt.isZero()) continue;
    m.totals.set(
      a.measure,
      (m.totals.get(a.measure) ?? ZERO).plus(a.effect === "add" ? amt : amt.negated()),
    );
    if (a.measure === pm) {
      if (a.effect === "add") m.added = m.added.plus(amt);
      else m.deducted = m.deducted.plus(amt);
    }
  }
}

/**
 * The items outside the tree, with C19's gates between the main stage and the bonus stage: the
 * gates read the score so far and decide whether the unit fails and whether it enters the bonus.
 * `reported` turns the points so far into the score as reported, when they are not yet (C17
 * `rescale` with the items before the rescaling).
 */
export function scoreItems(
  ctx: Ctx,
  plan: Plan,
  m: Measured,
  reported: (points: Decimal) => Decimal = (x) => x,
): void {
  applyItems(ctx, plan, m, "main");
  const { crs } = ctx;
  const { places, mode } = crs.rounding;
  let bonusOpen = false;
  let gateStop = false;
  for (const g of crs.gates) {
    // Gates read the score as it would be reported: rounded as the policy says.
    const v = roundTo(reported(m.totals.get(crs.pointsMeasure) as Decimal), places, mode);
    if (!within(v, g.bounds)) continue;
    if (g.grade) ctx.unitGrades.push(g.grade);
    if (g.flag) ctx.flags.push(g.flag);
    if (g.stop) gateStop = true;
    if (g.opensBonus) bonusOpen = true;
    if (ctx.explain) {
      const effect: EngineEffect = {
        type: "gate",
        score: v,
        ...(g.grade ? { grade: g.grade } : {}),
        ...(g.flag ? { flag: g.flag } : {}),
        opensBonus: g.opensBonus,
        stop: g.stop,
      };
      const e: TraceEntry = {
        kind: "gate",
        rule: g.id,
        node: null,
        measure: crs.pointsMeasure,
        text: g.text,
        facts: {},
        effect,
      };
      const ref = refOf(crs, g.ref);
      if (ref) e.ref = ref;
      ctx.trace.push(e);
    }
    if (g.stop) break;
  }
  if (bonusOpen && !gateStop) applyItems(ctx, plan, m, "bonus");
}

/**
 * A trace entry about the whole total, from the veto that decided it: its rule id, source text,
 * reference and the facts that triggered it, so that 总分记为0分 says why.
 */
function totalEntry(
  ctx: Ctx,
  kind: "stop" | "fixed-total",
  delta: Decimal,
  effect: EngineEffect,
  by: CClause,
): void {
  if (!ctx.explain) return;
  const e: TraceEntry = {
    kind,
    rule: by.id,
    node: null,
    measure: ctx.crs.pointsMeasure,
    delta,
    text: by.text,
    facts: factsOf(ctx, by),
    effect,
  };
  const ref = refOf(ctx.crs, by.ref);
  if (ref) e.ref = ref;
  ctx.trace.push(e);
}

/**
 * The total as reported: a fixed total or a ceiling from the vetoes, then the stated rounding,
 * which may not lift the total past a ceiling finer than it.
 */
export function finalTotal(
  ctx: Ctx,
  vetoes: Vetoes,
  sum: Decimal,
): { total: Decimal; unrounded: Decimal } {
  const { places, mode } = ctx.crs.rounding;
  const { ceiling, stopped, fixedTotal } = vetoes;
  let total = sum;
  if (stopped || fixedTotal) {
    const fixed = fixedTotal ?? ZERO;
    if (!fixed.equals(total))
      totalEntry(
        ctx,
        stopped ? "stop" : "fixed-total",
        fixed.minus(total),
        { type: "total", mode: stopped ? "stop" : "fixed", total: fixed },
        // Set with the fixed total or the stop it explains (runVetoes).
        (fixedTotal ? vetoes.by.fixed : vetoes.by.stop) as CClause,
      );
    total = fixed;
  }
  if (ceiling && total.greaterThan(ceiling)) {
    totalEntry(
      ctx,
      "fixed-total",
      ceiling.minus(total),
      { type: "total", mode: "ceiling", total: ceiling },
      vetoes.by.ceiling as CClause,
    );
    total = ceiling;
  }
  const unrounded = total;
  let rounded = roundTo(total, places, mode);
  if (!rounded.equals(total)) roundEntry(ctx, "total", null, rounded.minus(total), places);
  // A ceiling finer than the rounding (不高于0.55分, one place): rounding up must not pass it; the
  // total is then the highest value at the stated places that is not above it.
  if (ceiling && rounded.greaterThan(ceiling)) {
    const held = roundTo(ceiling, places, "floor");
    totalEntry(
      ctx,
      "fixed-total",
      held.minus(rounded),
      { type: "ceiling-held", ceiling, places, held },
      vetoes.by.ceiling as CClause,
    );
    rounded = held;
  }
  return { total: rounded, unrounded };
}

/** The total of every measure, each after its own rounding (the points measure's is `total`). */
export function measuresOf(
  crs: CompiledRuleSet,
  totals: ReadonlyMap<string, Decimal>,
  total: Decimal,
): Record<string, Decimal> {
  const out: Record<string, Decimal> = {};
  for (const m of crs.measures) {
    let v = m.id === crs.pointsMeasure ? total : (totals.get(m.id) as Decimal);
    if (m.id !== crs.pointsMeasure && m.rounding)
      v = roundTo(v, m.rounding.places, m.rounding.mode);
    out[m.id] = v;
  }
  return out;
}

/** The grade: bands on the final total, then grades forced on the unit by the stated precedence. */
export function gradeOf(
  crs: CompiledRuleSet,
  total: Decimal,
  forcedGrades: readonly string[],
): { grade: string | null; gradeSource: UnitResult["gradeSource"] } {
  if (!crs.grades) return { grade: null, gradeSource: null };
  const band = bandFor(crs, total);
  const forced = worstGrade(crs, forcedGrades);
  if (forcedStands(crs, forced, band)) return { grade: forced, gradeSource: "override" };
  if (band !== null) return { grade: band, gradeSource: "band" };
  return { grade: null, gradeSource: null };
}
