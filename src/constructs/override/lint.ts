import type { Clause, Owner } from "../../check/lint-clause-kit.js";
import type { LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** An override: some effect, a declared grade, and unit-wide effects only among the vetoes. */
export function lintOverride(
  ctx: LintContext,
  cl: Clause<"override">,
  path: PathSegment[],
  owner: Owner,
) {
  ctx.checkCondition(cl.when, [...path, "when"]);
  if ([cl.grade, cl.amount, cl.total, cl.zero, cl.stop, cl.flag].every((x) => x === undefined))
    ctx.push(
      issue("E_NEEDS_ONE_OF", path, {
        detail: "override 条款须至少写 grade、amount、total、zero、stop、flag 中的一个",
      }),
    );
  if (cl.grade !== undefined) ctx.checkGrade(cl.grade, [...path, "grade"]);
  if (cl.gradeScope === "node" && owner.kind !== "node")
    ctx.push(
      issue("E_MISPLACED", [...path, "gradeScope"], {
        detail: "gradeScope: node 只能用于写在指标中的条款",
      }),
    );
  if (cl.totalMode !== undefined && cl.total === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "total" }));
  if (owner.kind !== "veto")
    for (const k of ["total", "totalMode", "zero", "stop"] as const)
      if (cl[k] !== undefined)
        ctx.push(
          issue("E_MISPLACED", [...path, k], {
            detail: `${k} 作用于整个单位:请把这一条写在 vetoes 中`,
          }),
        );
  cl.zero?.forEach((z, zi) => {
    if (!ctx.nodeIds.has(z))
      ctx.push(issue("E_UNKNOWN_REF", [...path, "zero", zi], { kind: "指标", id: z }));
  });
}
