import { issue, type PathSegment } from "../errors/issue.js";
import { visitClauses, visitNodes } from "../schema/walk.js";
import { d, type LintContext } from "./lint-context.js";

/**
 * Amounts are magnitudes: the clause's effect (deduct or add) gives the sign. Every cap, amount,
 * step and table entry of the tree, the adjustments and the clauses is checked, in that order.
 */
export function lintAmountSigns(ctx: LintContext): void {
  const notNegative = (v: unknown, path: PathSegment[]) => {
    if ((typeof v === "number" || typeof v === "string") && d(v).isNegative())
      ctx.push(
        issue("E_NEGATIVE", path, {
          what: "扣分或加分的数值",
          hint: "扣分或加分由 effect 决定",
        }),
      );
  };
  const eachOf = (table: Record<string, unknown> | undefined, path: PathSegment[]) => {
    for (const [k, v] of Object.entries(table ?? {})) notNegative(v, [...path, k]);
  };
  visitNodes(ctx.rs, ({ node, path }) => {
    notNegative(node.cap, [...path, "cap"]);
    notNegative(node.bonusCap, [...path, "bonusCap"]);
  });
  ctx.rs.adjustments?.forEach((a, i) => notNegative(a.cap, ["adjustments", i, "cap"]));
  visitClauses(ctx.rs, ({ clause: cl, path }) => {
    const c = cl as Record<string, unknown>;
    for (const k of ["each", "amount", "cap", "points", "min", "max", "missing"])
      notNegative(c[k], [...path, k]);
    if (cl.type === "per" && cl.perSubject)
      notNegative(cl.perSubject.cap, [...path, "perSubject", "cap"]);
    if (cl.type === "tally") {
      eachOf(cl.amounts, [...path, "amounts"]);
      cl.multipliers?.forEach((m, i) =>
        notNegative(m.factor, [...path, "multipliers", i, "factor"]),
      );
      cl.additions?.forEach((m, i) => notNegative(m.amount, [...path, "additions", i, "amount"]));
    }
    if (cl.type === "target" && cl.perSubject)
      notNegative(cl.perSubject.cap, [...path, "perSubject", "cap"]);
    if (cl.type === "rating") eachOf(cl.scale, [...path, "scale"]);
    if (cl.type === "step")
      for (const [i, b] of (cl.bands ?? []).entries())
        notNegative(b.each, [...path, "bands", i, "each"]);
  });
}
