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
      ctx.push(issue("E_DUPLICATE_ID", [...path, i, "id"], { id: p.id, first: "an earlier part" }));
    seen.add(p.id);
    sum = sum.plus(d(p.percent));
    if (d(p.percent).isNegative())
      ctx.push(
        issue("E_OUT_OF_RANGE", [...path, i, "percent"], {
          what: "a weight",
          min: "0",
          max: "100",
        }),
      );
    if (p.parts && p.given)
      ctx.push(
        issue("E_EXCLUSIVE", [...path, i], {
          detail: "a part is either given or made of sub-parts",
        }),
      );
    if (p.parts) lintParts(ctx, p.parts, [...path, i, "parts"]);
  });
  ctx.checkWeights(sum, path);
}
