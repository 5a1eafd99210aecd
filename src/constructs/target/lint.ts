import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import type { LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** A target: a series fact, and either each (per period) or amount (once). */
export function lintTarget(ctx: LintContext, cl: Clause<"target">, path: PathSegment[]) {
  readsFact(ctx, cl, path, ["series"], "as a per-period target");
  if ((cl.each === undefined) === (cl.amount === undefined))
    ctx.push(
      issue("E_EXCLUSIVE", path, {
        detail: "give either each (per period missed) or amount (once), not both",
      }),
    );
}
