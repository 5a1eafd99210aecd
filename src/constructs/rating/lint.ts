import { type Clause, type Owner, readsFact } from "../../check/lint-clause-kit.js";
import { d, type LintContext } from "../../check/lint-context.js";
import { dstr } from "../../decimal.js";
import { issue, type PathSegment } from "../../errors/issue.js";
import { appliesTo, nodePoints } from "../../schema/walk.js";

/** A rating: one table (points or percent), an entry for each option, each within range. */
export function lintRating(
  ctx: LintContext,
  cl: Clause<"rating">,
  path: PathSegment[],
  owner: Owner,
) {
  const decl = readsFact(ctx, cl, path, ["choice"], "用作评定(rating)");
  const table = cl.scale ?? cl.percent;
  const tableKey = cl.scale ? "scale" : "percent";
  if (cl.scale !== undefined && cl.percent !== undefined)
    ctx.push(issue("E_EXCLUSIVE", path, { detail: "scale(分值)与 percent(百分比)只能写一个" }));
  else if (cl.scale === undefined && cl.percent === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "scale" }));
  if (owner.kind !== "node")
    ctx.push(
      issue("E_MISPLACED", [...path, "type"], {
        detail: "评定(rating)条款只能写在指标树(tree)的指标中",
      }),
    );
  if (table && decl?.options) {
    for (const o of decl.options)
      if (!(o in table)) ctx.push(issue("E_REQUIRED", [...path, tableKey], { key: o }));
    for (const k of Object.keys(table))
      if (!decl.options.includes(k))
        ctx.push(
          issue("E_UNKNOWN_REF", [...path, tableKey], { kind: `事实 "${cl.fact}" 的选项`, id: k }),
          k,
        );
  }
  for (const [k, v] of Object.entries(cl.percent ?? {}))
    ctx.checkPercent(v, [...path, "percent", k], `评定为 ${k} 的百分比`);
  if (cl.scale && owner.kind === "node" && cl.effect !== "add")
    for (const cat of ctx.categories) {
      if (!appliesTo(owner.node, cat)) continue;
      const pts = nodePoints(owner.node, cat);
      for (const [k, v] of Object.entries(cl.scale))
        if (d(v).greaterThan(pts) || d(v).isNegative())
          ctx.push(
            issue("E_OUT_OF_RANGE", [...path, "scale", k], {
              what: `评定为 ${k} 的分值(${String(v)})`,
              min: "0",
              max: dstr(pts),
            }),
          );
    }
}
