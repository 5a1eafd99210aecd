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
  const decl = readsFact(ctx, cl, path, ["choice"], "as a rating");
  const table = cl.scale ?? cl.percent;
  const tableKey = cl.scale ? "scale" : "percent";
  if (cl.scale !== undefined && cl.percent !== undefined)
    ctx.push(
      issue("E_EXCLUSIVE", path, { detail: "give either scale (points) or percent, not both" }),
    );
  else if (cl.scale === undefined && cl.percent === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "scale" }));
  if (owner.kind !== "node")
    ctx.push(
      issue("E_MISPLACED", [...path, "type"], { detail: "a rating belongs in a tree node" }),
    );
  if (table && decl?.options) {
    for (const o of decl.options)
      if (!(o in table)) ctx.push(issue("E_REQUIRED", [...path, tableKey], { key: o }));
    for (const k of Object.keys(table))
      if (!decl.options.includes(k))
        ctx.push(
          issue("E_UNKNOWN_REF", [...path, tableKey], { kind: `option of ${cl.fact}`, id: k }),
          k,
        );
  }
  for (const [k, v] of Object.entries(cl.percent ?? {}))
    ctx.checkPercent(v, [...path, "percent", k], `percent for ${k}`);
  if (cl.scale && owner.kind === "node" && cl.effect !== "add")
    for (const cat of ctx.categories) {
      if (!appliesTo(owner.node, cat)) continue;
      const pts = nodePoints(owner.node, cat);
      for (const [k, v] of Object.entries(cl.scale))
        if (d(v).greaterThan(pts) || d(v).isNegative())
          ctx.push(
            issue("E_OUT_OF_RANGE", [...path, "scale", k], {
              what: `the points for rating ${k} (${String(v)})`,
              min: "0",
              max: dstr(pts),
            }),
          );
    }
}
