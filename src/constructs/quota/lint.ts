import type { LintContext } from "../../check/lint-context.js";

/** K2: a quota is a rule, between declared grades, with a share within 0–100. */
export function lintQuotas(ctx: LintContext): void {
  ctx.rs.cohort?.quotas?.forEach((q, i) => {
    const path = ["cohort", "quotas", i];
    ctx.rule(q, path);
    ctx.checkGrade(q.grade, [...path, "grade"]);
    ctx.checkGrade(q.demoteTo, [...path, "demoteTo"]);
    ctx.checkPercent(q.maxPercent, [...path, "maxPercent"], "比例上限 maxPercent");
  });
}
