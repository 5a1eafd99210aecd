import { d, type LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";
import type { CombinePartInput } from "./schema.js";

/** T1/T2 combined scores: parts with distinct ids and weights that add up to 100, at each level. */
export function lintCombine(ctx: LintContext): void {
  const combine = ctx.rs.combine;
  if (!combine) return;
  lintParts(ctx, combine.parts, ["combine", "parts"]);
  ctx.checkRef(combine.ref, ["combine"]);
}

function lintParts(ctx: LintContext, parts: readonly CombinePartInput[], path: PathSegment[]) {
  const seen = new Set<string>();
  let sum = d(0);
  parts.forEach((p, i) => {
    if (seen.has(p.id))
      ctx.push(
        issue("E_DUPLICATE_ID", [...path, i, "id"], { id: p.id, first: "同一层前面的部分" }),
      );
    seen.add(p.id);
    sum = sum.plus(d(p.percent));
    if (d(p.percent).isNegative())
      ctx.push(
        issue("E_OUT_OF_RANGE", [...path, i, "percent"], {
          what: "权重 percent",
          min: "0",
          max: "100",
        }),
      );
    if (p.parts && p.given)
      ctx.push(
        issue("E_EXCLUSIVE", [...path, i], {
          detail: "一个部分要么直接给分(given),要么由下级部分(parts)合成,不能两样都写",
        }),
      );
    if (p.parts) lintParts(ctx, p.parts, [...path, i, "parts"]);
  });
  ctx.checkWeights(sum, path);
}
