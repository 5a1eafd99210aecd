import type { LintContext } from "../../check/lint-context.js";
import { d } from "../../check/lint-context.js";
import { issue } from "../../errors/issue.js";
import { ruleSetPoints, visitNodes } from "../../schema/walk.js";

/**
 * C17 `rescale`: a full score above 0 to rescale to and one to rescale from; nodes that do not
 * apply leave the applicable total, so none says where its points go (`ifNotApplicable`); and
 * where items outside the tree change the points, the rule set says whether they come before or
 * after the rescaling.
 */
export function lintRescale(ctx: LintContext): void {
  const r = ctx.rs.rescale;
  if (!r) return;
  ctx.checkRef(r.ref, ["rescale"]);
  if (!d(r.to).greaterThan(0))
    ctx.push(issue("E_NOT_POSITIVE", ["rescale", "to"], { what: "rescale.to(换算后的满分)" }));
  for (const cat of ctx.categories) {
    const full = ruleSetPoints(ctx.rs, cat);
    if (full.lessThanOrEqualTo(0)) {
      ctx.push(issue("E_CANNOT_CONVERT", ["rescale"], { points: full.toFixed(), key: "rescale" }));
      break;
    }
  }
  visitNodes(ctx.rs, ({ node, path }) => {
    if (node.ifNotApplicable)
      ctx.push(
        issue("E_EXCLUSIVE", [...path, "ifNotApplicable"], {
          detail: "写了 rescale 时,不适用项目的分值从适用项总分中除去,不能再写 ifNotApplicable",
        }),
        "ifNotApplicable",
      );
  });
  const points = ctx.pointsMeasure;
  const outside =
    (ctx.rs.adjustments ?? []).some((a) =>
      a.clauses.some((c) => (c.measure ?? points) === points),
    ) || (ctx.rs.vetoes ?? []).some((v) => v.amount !== undefined);
  if (outside && r.adjustments === undefined)
    ctx.push(issue("E_REQUIRED", ["rescale"], { key: "adjustments" }));
  if (!outside && r.adjustments !== undefined)
    ctx.push(
      issue("W_UNREACHABLE", ["rescale", "adjustments"], {
        detail: "没有计入得分的 adjustments,也没有写 amount 的 vetoes,rescale.adjustments 无可安排",
      }),
      "adjustments",
    );
}
