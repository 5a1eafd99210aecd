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
        detail: "an override needs at least one of grade, amount, total, zero, stop, flag",
      }),
    );
  if (cl.grade !== undefined) ctx.checkGrade(cl.grade, [...path, "grade"]);
  if (cl.gradeScope === "node" && owner.kind !== "node")
    ctx.push(
      issue("E_MISPLACED", [...path, "gradeScope"], {
        detail: "gradeScope node needs the clause to sit in a node",
      }),
    );
  if (cl.totalMode !== undefined && cl.total === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "total" }));
  if (owner.kind !== "veto")
    for (const k of ["total", "totalMode", "zero", "stop"] as const)
      if (cl[k] !== undefined)
        ctx.push(
          issue("E_MISPLACED", [...path, k], {
            detail: `"${k}" acts on the whole unit: put this clause in vetoes`,
          }),
        );
  cl.zero?.forEach((z, zi) => {
    if (!ctx.nodeIds.has(z))
      ctx.push(issue("E_UNKNOWN_REF", [...path, "zero", zi], { kind: "node", id: z }));
  });
}
