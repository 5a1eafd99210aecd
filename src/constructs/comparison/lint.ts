import type { LintContext } from "../../check/lint-context.js";

/** K4: points for a change of rank cite their source. */
export function lintComparison(ctx: LintContext): void {
  const rankChange = ctx.rs.cohort?.comparison?.rankChange;
  if (rankChange) ctx.checkRef(rankChange.ref, ["cohort", "comparison", "rankChange"]);
}
