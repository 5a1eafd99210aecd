import type { Clause, Owner } from "../../check/lint-clause-kit.js";
import type { LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** A check: its condition, never `add`, and its points stated outside a tree node. */
export function lintCheck(
  ctx: LintContext,
  cl: Clause<"check">,
  path: PathSegment[],
  owner: Owner,
) {
  ctx.checkCondition(cl.when, [...path, "when"]);
  if (cl.effect === "add")
    ctx.push(
      issue("E_MISPLACED", [...path, "effect"], {
        detail:
          "检查项(check)在未达到要求时扣分,不能加分;条件成立时加分请用 fixed 并写 effect: add",
      }),
    );
  if (owner.kind !== "node" && cl.points === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "points" }));
}
