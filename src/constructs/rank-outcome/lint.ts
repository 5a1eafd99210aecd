import type { LintContext } from "../../check/lint-context.js";

/** K9: an outcome is a rule (its id, its source), for categories that are declared. */
export function lintRankOutcomes(ctx: LintContext): void {
  ctx.rs.cohort?.outcomes?.forEach((o, i) => {
    const path = ["cohort", "outcomes", i];
    ctx.rule(o, path);
    ctx.checkCats({ only: o.categories ?? [] }, path);
  });
}
