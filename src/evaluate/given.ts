/**
 * Items scored directly (评分人给分): the score of a given node is read from its fact, checked
 * within 0..the node's points for the unit's category and to at most the places the rule set
 * allows, and recorded in the trace as given. Everything after that (parents' sums, caps,
 * rounding, zeroing by a veto) treats it like a computed score.
 */
import type { CNode } from "../compile/compile.js";
import type { CGiven } from "../compile/given.js";
import type { CFact } from "../compile/values.js";
import { Decimal, dstr, ZERO } from "../decimal.js";
import { issue } from "../errors/issue.js";
import { refOf } from "./common.js";
import type { Ctx } from "./context.js";
import { factText, named } from "./facts.js";
import type { TraceEntry } from "./types.js";

/**
 * The assessors' score of a given node, as given. A score outside 0..points or with more
 * decimal places than allowed is F_GIVEN_SCORE at the fact's path (the unit is then not scored;
 * 0 stands in so that the rest of the tree can still be checked).
 */
export function readGiven(ctx: Ctx, n: CNode, g: CGiven): Decimal {
  const v = ctx.env.get(g.fact);
  const fact = named(ctx.crs.facts.get(g.fact) as CFact); // by its label too, as the clerk knows it
  // The lint allows only number and amount facts, never `missing: not-applicable`: a Decimal.
  if (!(v instanceof Decimal)) {
    ctx.errors.push(
      issue("F_GIVEN_SCORE", ["facts", g.fact], {
        ...fact,
        node: n.id,
        value: factText(v),
        detail: "不是一个分数",
      }),
    );
    return ZERO;
  }
  const score = v;
  const bad = (detail: string) => {
    ctx.errors.push(
      issue("F_GIVEN_SCORE", ["facts", g.fact], {
        ...fact,
        node: n.id,
        value: dstr(score),
        detail,
      }),
    );
    return ZERO;
  };
  if (score.isNegative() || score.greaterThan(n.points))
    return bad(`应在 0 至 ${dstr(n.points)} 分之间(本项满分)`);
  if (score.decimalPlaces() > g.places)
    return bad(g.places === 0 ? "应为整数分" : `最多保留 ${g.places} 位小数(按规则,不四舍五入)`);
  if (ctx.explain) ctx.trace.push(givenEntry(ctx, n, g, score));
  return score;
}

/** The trace entry of a given score: `评分人给分8.5分(满分10分)`, its delta the score − points. */
function givenEntry(ctx: Ctx, n: CNode, g: CGiven, score: Decimal): TraceEntry {
  const e: TraceEntry = {
    kind: "given",
    rule: n.id,
    node: n.id,
    measure: ctx.crs.pointsMeasure,
    delta: score.minus(n.points),
    text: n.text ?? n.title,
    facts: { [g.fact]: dstr(score) },
    effect: { type: "given", score, points: n.points },
  };
  const ref = refOf(ctx.crs, n.ref);
  if (ref) e.ref = ref;
  return e;
}
