import type { LintContext } from "../../check/lint-context.js";
import { toDecimal } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import { ruleSetPoints } from "../../schema/walk.js";

/** K7: a conversion cites its source, and in proportion needs a full score above 0. */
export function lintConvert(ctx: LintContext): void {
  const convert = ctx.rs.cohort?.convert;
  if (!convert) return;
  ctx.checkRef(convert.ref, ["cohort", "convert"]);
  // A rescaled score (C17 rescale) is out of its stated full score, whatever the tree's.
  const full = ctx.rs.rescale
    ? toDecimal(ctx.rs.rescale.to)
    : ruleSetPoints(ctx.rs, ctx.categories[0] ?? null);
  if (full.lessThanOrEqualTo(0))
    ctx.push(
      issue("E_CANNOT_CONVERT", ["cohort", "convert"], { points: full.toFixed(), key: "convert" }),
    );
}
