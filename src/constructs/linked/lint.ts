import { d, type LintContext } from "../../check/lint-context.js";
import { issue } from "../../errors/issue.js";

/** K6: a linked score is a rule, for a declared category, with weights that add up to 100. */
export function lintLinked(ctx: LintContext): void {
  ctx.rs.cohort?.linked?.forEach((l, i) => {
    const path = ["cohort", "linked", i];
    ctx.rule(l, path);
    if (!ctx.catIds.has(l.category))
      ctx.push(issue("E_UNKNOWN_REF", [...path, "category"], { kind: "类别", id: l.category }));
    ctx.checkWeights(d(l.own).plus(d(l.children)), path);
  });
}
