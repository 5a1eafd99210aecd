import { type LintContext, unbounded } from "../../check/lint-context.js";
import { issue } from "../../errors/issue.js";

/** Gates: a bound and an effect; and a bonus stage only where some gate opens it. */
export function lintGates(ctx: LintContext): void {
  ctx.rs.gates?.forEach((g, i) => {
    const path = ["gates", i];
    ctx.rule(g, path);
    if (unbounded(g)) ctx.push(issue("E_REQUIRED", path, { key: "lt" }));
    if (g.grade !== undefined) ctx.checkGrade(g.grade, [...path, "grade"]);
    if (g.opens === undefined && g.grade === undefined && g.flag === undefined && g.stop !== true)
      ctx.push(
        issue("E_NEEDS_ONE_OF", path, {
          detail: "关口(gates)须至少写 grade、flag、stop、opens 中的一个",
        }),
      );
  });
  const opensBonus = ctx.rs.gates?.some((g) => g.opens === "bonus") ?? false;
  ctx.rs.adjustments?.forEach((a, i) => {
    if (a.stage === "bonus" && !opensBonus)
      ctx.push(
        issue("W_UNREACHABLE", ["adjustments", i, "stage"], {
          detail: "没有任何关口写 opens: bonus,加分阶段(stage: bonus)永远不会开启",
        }),
      );
  });
}
