/**
 * The indicator tree of one unit, children before parents: each node's clauses, its cap
 * (扣完为止), its floor at 0, zeroing by a veto, rounding, and C17's points of items that do not
 * apply moved to their siblings.
 */
import type { CClause } from "../compile/clause.js";
import type { CNode, Plan } from "../compile/compile.js";
import { type Decimal, dmin, roundTo, toDecimal, ZERO } from "../decimal.js";
import { issue } from "../errors/issue.js";
import { refOf } from "./common.js";
import { applyAdditions, type Ctx, capEntry, factsOf, roundEntry, runClause } from "./context.js";
import type { EngineEffect } from "./effects.js";
import { readGiven } from "./given.js";
import type { NodeResult, TraceEntry, TraceRef } from "./types.js";

/** An engine effect, for a trace entry (explain/ makes its words). */
const said = (effect: EngineEffect) => ({ effect });

/**
 * Rounds nodes as the policy says, and remembers the part of each node's adjust that is
 * rounding (its own and its subtree's), as opposed to zeroing: rounding changes what a node
 * lost, so its parent's cap counts it.
 */
interface Rounder {
  round(n: CNode, r: NodeResult): void;
  readonly part: WeakMap<NodeResult, Decimal>;
}

function rounder(ctx: Ctx): Rounder {
  const { places, mode, at } = ctx.crs.rounding;
  const part = new WeakMap<NodeResult, Decimal>();
  return {
    part,
    round(n, r) {
      if (at !== "nodes" && !(at === "leaves" && n.children.length === 0)) return;
      const x = roundTo(r.score, places, mode);
      if (x.equals(r.score)) return;
      roundEntry(ctx, n.id, n.id, x.minus(r.score), places);
      r.adjust = r.adjust.plus(x.minus(r.score));
      part.set(r, (part.get(r) ?? ZERO).plus(x.minus(r.score)));
      r.score = x;
    },
  };
}

/** Scores every node of the plan; the results are in the plan's order (post-order). */
export function scoreTree(
  ctx: Ctx,
  plan: Plan,
  notApplicable: ReadonlySet<number> | null,
  zeroed: ReadonlyMap<string, CClause>,
): NodeResult[] {
  const rd = rounder(ctx);
  const res: NodeResult[] = new Array(plan.nodes.length);
  // With a rescaled total (C17 rescale) the points of items that do not apply leave the
  // applicable total and go to no sibling: the result cannot depend on how the tree is grouped.
  const moved = notApplicable && !ctx.crs.rescale ? notApplicable : null;
  for (let i = 0; i < plan.nodes.length; i++) {
    const n = plan.nodes[i] as CNode;
    if (notApplicable?.has(i)) {
      // Only the top-most node that does not apply is reported; its points leave the tree here
      // and reach the applicable siblings in redistribute(), or the rescaled total does without.
      if (!(n.parent >= 0 && notApplicable.has(n.parent))) res[i] = notApplicableNode(ctx, n);
      continue;
    }
    if (moved && n.children.some((k) => moved.has(k)))
      redistribute(ctx, plan, n.children, res, moved, rd.round);
    res[i] = scoreNode(ctx, n, res, zeroed, rd);
  }
  if (moved && plan.top.some((k) => moved.has(k)))
    redistribute(ctx, plan, plan.top, res, moved, rd.round);
  return res;
}

/** C17: a node that does not apply to the unit scores 0 and gives its points away. */
function notApplicableNode(ctx: Ctx, n: CNode): NodeResult {
  if (ctx.explain && !n.points.isZero())
    ctx.trace.push({
      kind: "not-applicable",
      rule: n.id,
      node: n.id,
      measure: ctx.crs.pointsMeasure,
      delta: n.points.negated(),
      text: n.text ?? n.title,
      facts: {},
      ...said({
        type: "not-applicable",
        points: n.points,
        spread: n.ifNotApplicable?.mode === "spread",
        ...(ctx.crs.rescale ? { excluded: true as const } : {}),
      }),
    });
  return {
    id: n.id,
    title: n.title,
    points: n.points,
    deducted: ZERO,
    added: ZERO,
    adjust: ZERO,
    shift: n.points.negated(),
    score: ZERO,
    capped: false,
    notApplicable: true,
  };
}

/** What a node's children pass up. */
interface FromChildren {
  lost: Decimal;
  added: Decimal;
  shift: Decimal;
  /** Zeroing and rounding below: adjustments, not deductions, so this node's cap keeps them. */
  adjust: Decimal;
  /**
   * Rounding below: it passes through as an adjustment too, but a child rounded up lost that
   * much less, so the cap weighs the loss after it (a node 扣完为止 stays at 0 however its
   * overdrawn children rounded).
   */
  round: Decimal;
}

function fromChildren(n: CNode, res: readonly NodeResult[], rd: Rounder): FromChildren {
  const s: FromChildren = { lost: ZERO, added: ZERO, shift: ZERO, adjust: ZERO, round: ZERO };
  // Most nodes lose nothing: skipping arithmetic on zeros keeps a unit's scoring cheap.
  for (const k of n.children) {
    const r = res[k] as NodeResult;
    if (!r.deducted.isZero()) s.lost = s.lost.plus(r.deducted);
    if (!r.adjust.isZero()) s.adjust = s.adjust.plus(r.adjust);
    // Read even when the child's adjustment is 0: its rounding and a zeroing beside it may cancel
    // out, and the caps above must still weigh the loss after the rounding.
    const rp = rd.part.get(r);
    if (rp) s.round = s.round.plus(rp);
    if (!r.added.isZero()) s.added = s.added.plus(r.added);
    if (!r.shift.isZero()) s.shift = s.shift.plus(r.shift);
  }
  return s;
}

/** Runs a node's own clauses: deductions, overrides (a grade forced on the node), additions. */
function nodeClauses(ctx: Ctx, n: CNode, s: FromChildren): string | undefined {
  let grade: string | undefined;
  for (const c of n.deductions) {
    const o = runClause(ctx, c, n.id);
    if (o) s.lost = s.lost.plus(o.amount);
  }
  for (const c of n.overrides) {
    const o = runClause(ctx, c, n.id);
    if (!o) continue;
    if (o.override?.grade && o.override.gradeScope === "node") {
      grade = o.override.grade;
      if (ctx.explain)
        ctx.trace.push({
          kind: "grade",
          rule: c.id,
          node: n.id,
          measure: ctx.crs.pointsMeasure,
          text: c.text,
          facts: factsOf(ctx, c),
          words: { ...c.words, scope: "node" },
          ...(c.ref ? { ref: refOf(ctx.crs, c.ref) as TraceRef } : {}),
          ...(o.effect ? { effect: o.effect } : {}),
        });
    }
    if (c.effect === "add") s.added = s.added.plus(o.amount);
    else s.lost = s.lost.plus(o.amount);
  }
  if (n.additions.length) s.added = s.added.plus(applyAdditions(ctx, n));
  return grade;
}

/** A cap that did not bind (most nodes): shared, not allocated per node. */
const NO_CAP = Object.freeze({ relief: ZERO, absorbed: ZERO });

/**
 * The node's cap (扣完为止): what it gives back (relief), and the children's rounding the cap
 * takes in when it binds, so that the node then loses exactly its cap.
 */
function applyCap(ctx: Ctx, n: CNode, s: FromChildren): { relief: Decimal; absorbed: Decimal } {
  if (!n.cap || s.lost.isZero()) return NO_CAP;
  const net = s.round.isZero() ? s.lost : s.lost.minus(s.round);
  const over = ctx.crs.bonusFloor === "before-floor" ? net.minus(s.added) : net;
  if (!over.greaterThan(n.cap)) return NO_CAP;
  const relief = over.minus(n.cap);
  capEntry(ctx, "deduct-cap", n.id, n.id, n.text ?? n.title, n.ref, relief, () => ({
    type: "node-cap",
    lost: net,
    cap: n.cap as Decimal,
  }));
  return { relief, absorbed: s.round };
}

/** A node's figures while it is being scored. */
interface Figures {
  deducted: Decimal;
  relief: Decimal;
  adjust: Decimal;
  score: Decimal;
}

/** Scores one node from its children's results and its own clauses. */
function scoreNode(
  ctx: Ctx,
  n: CNode,
  res: readonly NodeResult[],
  zeroed: ReadonlyMap<string, CClause>,
  rd: Rounder,
): NodeResult {
  if (n.given) return givenNode(ctx, n, zeroed, rd);
  const s = fromChildren(n, res, rd);
  const grade = nodeClauses(ctx, n, s);
  const { relief, absorbed } = applyCap(ctx, n, s);
  const x: Figures = {
    relief,
    deducted: relief.isZero() ? s.lost : s.lost.minus(relief).minus(absorbed),
    adjust: absorbed.isZero() ? s.adjust : s.adjust.minus(absorbed),
    score: n.points,
  };
  if (!x.deducted.isZero()) x.score = x.score.minus(x.deducted);
  if (!s.added.isZero()) x.score = x.score.plus(s.added);
  if (!s.shift.isZero()) x.score = x.score.plus(s.shift);
  if (!x.adjust.isZero()) x.score = x.score.plus(x.adjust);
  floorAtZero(ctx, n, x);
  const by = zeroed.size ? zeroed.get(n.id) : undefined;
  if (by) zeroByVeto(ctx, n, x, by);
  const nr = nodeResult(n, x, s.added, s.shift);
  if (!s.round.equals(absorbed)) rd.part.set(nr, s.round.minus(absorbed));
  rd.round(n, nr);
  if (grade) nr.grade = grade;
  return nr;
}

/**
 * A node scored directly (评分人给分): its score is the one given, and what it falls short of its
 * points is what it lost, so that its parents sum and cap it like a computed node. Only a veto
 * zeroing it and rounding at nodes change it.
 */
function givenNode(
  ctx: Ctx,
  n: CNode,
  zeroed: ReadonlyMap<string, CClause>,
  rd: Rounder,
): NodeResult {
  const score = readGiven(ctx, n, n.given as NonNullable<CNode["given"]>);
  const x: Figures = { relief: ZERO, deducted: n.points.minus(score), adjust: ZERO, score };
  const by = zeroed.size ? zeroed.get(n.id) : undefined;
  if (by) zeroByVeto(ctx, n, x, by);
  const nr = nodeResult(n, x, ZERO, ZERO);
  nr.given = true;
  rd.round(n, nr);
  return nr;
}

/** A node's result from its figures (`capped` when a cap or the floor gave points back). */
function nodeResult(n: CNode, x: Figures, added: Decimal, shift: Decimal): NodeResult {
  return {
    id: n.id,
    title: n.title,
    points: n.points,
    deducted: x.deducted,
    added,
    adjust: x.adjust,
    shift,
    score: x.score,
    capped: !x.relief.isZero(),
  };
}

/** A node that may not go below 0 (扣完为止) stops there, whatever its children were cut by. */
function floorAtZero(ctx: Ctx, n: CNode, x: Figures): void {
  if (n.overdraw || !x.score.isNegative() || x.deducted.isZero()) return;
  const back = dmin(x.score.negated(), x.deducted);
  x.relief = x.relief.plus(back);
  x.deducted = x.deducted.minus(back);
  x.score = x.score.plus(back);
  capEntry(ctx, "deduct-cap", n.id, n.id, n.text ?? n.title, n.ref, back, () => ({
    type: "floor",
  }));
}

/**
 * A node a veto zeroes (此项不得分): its score goes to 0 as an adjustment, not a deduction. The
 * entry is the veto's — its id, 原文, reference and the facts that triggered it — at the node.
 */
function zeroByVeto(ctx: Ctx, n: CNode, x: Figures, by: CClause): void {
  if (x.score.isZero()) return;
  const cut = x.score.negated();
  x.adjust = x.adjust.plus(cut);
  if (ctx.explain) {
    const e: TraceEntry = {
      kind: "zero",
      rule: by.id,
      node: n.id,
      measure: ctx.crs.pointsMeasure,
      delta: cut,
      text: by.text,
      facts: factsOf(ctx, by),
      ...said({ type: "zero" }),
    };
    const ref = refOf(ctx.crs, by.ref);
    if (ref) e.ref = ref;
    ctx.trace.push(e);
  }
  x.score = ZERO;
}

/**
 * C17: moves the points of siblings that do not apply to the applicable ones — in proportion to
 * their points (rescale) or evenly among `to` (spread) — and scales each receiver's score to its
 * new points, so that a unit is never marked down for an item it cannot have.
 */
function redistribute(
  ctx: Ctx,
  plan: Plan,
  siblings: readonly number[],
  res: NodeResult[],
  na: ReadonlySet<number>,
  roundNode: (n: CNode, r: NodeResult) => void,
): void {
  const live = siblings.filter((k) => !na.has(k) && !(plan.nodes[k] as CNode).points.isZero());
  const livePoints = live.reduce((a, k) => a.plus((plan.nodes[k] as CNode).points), ZERO);
  // Shares are kept as fractions (num / den) and divided once, at the end, so that a share of
  // 10 over three items does not lose a trailing digit: a unit with full marks keeps them exactly.
  const extra = new Map<number, { num: Decimal; den: Decimal }>();
  const from = new Map<number, string[]>();
  for (const k of siblings) {
    if (!na.has(k)) continue;
    const n = plan.nodes[k] as CNode;
    if (n.points.isZero()) continue;
    const spread = n.ifNotApplicable?.mode === "spread";
    const named =
      spread && n.ifNotApplicable?.to ? n.ifNotApplicable.to.filter((t) => live.includes(t)) : [];
    // Named receivers that do not apply either hand over to the applicable siblings.
    const receivers = named.length ? named : live;
    if (!receivers.length) {
      ctx.errors.push(issue("F_NOTHING_APPLIES", ["nodes", n.id], { node: n.id }));
      continue;
    }
    const den =
      spread && named.length
        ? toDecimal(receivers.length)
        : spread
          ? toDecimal(receivers.length)
          : livePoints;
    for (const r of receivers) {
      const rn = plan.nodes[r] as CNode;
      const num = spread ? n.points : n.points.times(rn.points);
      const cur = extra.get(r);
      extra.set(
        r,
        cur
          ? { num: cur.num.times(den).plus(num.times(cur.den)), den: cur.den.times(den) }
          : { num, den },
      );
      from.set(r, [...(from.get(r) ?? []), n.title]);
    }
  }
  // Each receiver's new score is score × newNum / scaledDen. Their sum is computed as one
  // fraction and the last receiver takes what is left, so the sum is as exact as the true value.
  const entries = [...extra.entries()].map(([k, share]) => {
    const n = plan.nodes[k] as CNode;
    const r = res[k] as NodeResult;
    const scaledDen = n.points.times(share.den);
    const newNum = scaledDen.plus(share.num);
    return { k, n, r, share, num: r.score.times(newNum), den: scaledDen, newNum };
  });
  let NUM = ZERO;
  let DEN = toDecimal(1);
  for (const e of entries) {
    NUM = NUM.times(e.den).plus(e.num.times(DEN));
    DEN = DEN.times(e.den);
  }
  const trueSum = NUM.dividedBy(DEN);
  let soFar = ZERO;
  entries.forEach((e, i) => {
    const { k, n, r, share, newNum } = e;
    const newPoints = newNum.dividedBy(share.den);
    const scaled = i === entries.length - 1 ? trueSum.minus(soFar) : e.num.dividedBy(e.den);
    soFar = soFar.plus(scaled);
    const delta = scaled.minus(r.score);
    r.shift = r.shift.plus(delta);
    r.score = scaled;
    r.effectivePoints = newPoints;
    if (ctx.explain && !delta.isZero())
      ctx.trace.push({
        kind: "rescale",
        rule: n.id,
        node: n.id,
        measure: ctx.crs.pointsMeasure,
        delta,
        text: n.text ?? n.title,
        facts: {},
        ...said({ type: "rescale", from: from.get(k) ?? [], points: n.points, newPoints }),
      });
    roundNode(n, r);
  });
}
