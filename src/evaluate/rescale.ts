/**
 * C17 `rescale`: a unit's score rescaled to the stated full score over the items that apply
 * (得分 ÷ 适用项总分 × 100). The items that do not apply left the tree with their points (tree.ts);
 * here their points leave the applicable total too, and the points earned are divided by it,
 * exactly, and rounded once as the rule set states.
 */
import type { CNode, CompiledRuleSet, CRescale, Plan } from "../compile/compile.js";
import { type Decimal, roundQuotient, ZERO } from "../decimal.js";
import { refOf } from "./common.js";
import type { Ctx } from "./context.js";
import type { EngineEffect } from "./effects.js";
import type { Measured } from "./totals.js";
import type { TraceEntry, UnitResult } from "./types.js";

/** The rescaling of one unit: the rule set's statement and the unit's applicable total. */
export interface Rescaling {
  spec: CRescale;
  /** The points of the items that apply to the unit (适用项满分). */
  applicable: Decimal;
}

/**
 * The unit's rescaling, or null when the rule set does not rescale: the applicable total is the
 * tree's points less the points of each top-most item that does not apply (its subtree with it).
 */
export function rescaling(
  crs: CompiledRuleSet,
  plan: Plan,
  notApplicable: ReadonlySet<number> | null,
): Rescaling | null {
  if (!crs.rescale) return null;
  let applicable = ZERO;
  for (const k of plan.top) applicable = applicable.plus((plan.nodes[k] as CNode).points);
  if (notApplicable)
    for (const i of notApplicable) {
      const n = plan.nodes[i] as CNode;
      if (!(n.parent >= 0 && notApplicable.has(n.parent))) applicable = applicable.minus(n.points);
    }
  return { spec: crs.rescale, applicable };
}

/** Points rescaled to the stated full score and rounded as stated: points ÷ applicable × to. */
export function rescaled(r: Rescaling, points: Decimal): Decimal {
  return roundQuotient(points.times(r.spec.to), r.applicable, r.spec.places, r.spec.mode);
}

/**
 * Replaces the unit's points so far (the points measure's total in `m`, which holds `items`,
 * the net of the items outside the tree, with `adjustments: before-rescale`) by the rescaled
 * score, with its trace entry; returns the figures for the result.
 */
export function rescaleTotal(
  ctx: Ctx,
  r: Rescaling,
  m: Measured,
  earned: Decimal,
  items: Decimal | null,
): NonNullable<UnitResult["rescale"]> {
  const pm = ctx.crs.pointsMeasure;
  const score = rescaled(r, earned);
  const others = (m.totals.get(pm) as Decimal).minus(earned);
  m.totals.set(pm, score.plus(others));
  if (ctx.explain) {
    const effect: EngineEffect = {
      type: "rescale-total",
      earned,
      applicable: r.applicable,
      to: r.spec.to,
      exact: earned.times(r.spec.to).dividedBy(r.applicable),
      places: r.spec.places,
      score,
      ...(items && !items.isZero() ? { items } : {}),
    };
    const e: TraceEntry = {
      kind: "rescale-total",
      rule: "rescale",
      node: null,
      measure: pm,
      delta: score.minus(earned),
      text: r.spec.text,
      facts: {},
      effect,
    };
    const ref = refOf(ctx.crs, r.spec.ref);
    if (ref) e.ref = ref;
    ctx.trace.push(e);
  }
  return { earned, applicable: r.applicable, to: r.spec.to, score };
}
