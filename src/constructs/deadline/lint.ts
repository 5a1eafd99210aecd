import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import type { LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** A deadline: a findings fact of events, the kind it counts, and no startDay with hours. */
export function lintDeadline(ctx: LintContext, cl: Clause<"deadline">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["findings"], "as a list of events");
  ctx.checkKind(decl, cl.fact, cl.kind, [...path, "kind"]);
  if ("hours" in cl.within && cl.startDay !== undefined)
    ctx.push(
      issue("E_EXCLUSIVE", [...path, "startDay"], {
        detail: "按小时计的时限从事件发生的时刻起算,不能再写 startDay",
      }),
    );
}
