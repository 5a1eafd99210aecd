import type { LintContext } from "../../check/lint-context.js";
import { issue } from "../../errors/issue.js";

/** K1: ties broken by nodes that exist, and only when ties are broken. */
export function lintRanking(ctx: LintContext): void {
  const ranking = ctx.rs.cohort?.ranking;
  if (!ranking) return;
  const breakBy = ranking.breakBy;
  breakBy?.forEach((id, i) => {
    if (!ctx.nodeIds.has(id))
      ctx.push(issue("E_UNKNOWN_REF", ["cohort", "ranking", "breakBy", i], { kind: "指标", id }));
  });
  if (breakBy?.length && ranking.ties !== "break")
    ctx.push(
      issue("W_UNREACHABLE", ["cohort", "ranking", "breakBy"], {
        detail: "只有写 ties: break 时才会读取 breakBy",
      }),
    );
}
