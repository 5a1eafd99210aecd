import type { Clause } from "../../check/lint-clause-kit.js";
import { d, type LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** A fixed amount: its condition, and an amount of 0 is unreachable. */
export function lintFixed(ctx: LintContext, cl: Clause<"fixed">, path: PathSegment[]) {
  ctx.checkCondition(cl.when, [...path, "when"]);
  if (d(cl.amount).isZero())
    ctx.push(
      issue("W_UNREACHABLE", [...path, "amount"], { detail: "amount 为 0,加减的分数总是 0" }),
    );
}
