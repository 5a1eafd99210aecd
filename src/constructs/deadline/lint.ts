import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import type { LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";
import { parseAnnualDay } from "../../time/date.js";

/**
 * A deadline: a findings fact of events, the kind it counts, no startDay with hours or a day every
 * year, and an annual day that every year has.
 */
export function lintDeadline(ctx: LintContext, cl: Clause<"deadline">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["findings"], "用作事件清单(deadline 时限)");
  ctx.checkKind(decl, cl.fact, cl.kind, [...path, "kind"]);
  if ("hours" in cl.within && cl.startDay !== undefined)
    ctx.push(
      issue("E_EXCLUSIVE", [...path, "startDay"], {
        detail: "按小时计的时限从事件发生的时刻起算,不能再写 startDay",
      }),
    );
  if ("annual" in cl.within) {
    if (cl.startDay !== undefined)
      ctx.push(
        issue("E_EXCLUSIVE", [...path, "startDay"], {
          detail: "每年固定日期的时限(annual)不从事件起算天数,不能再写 startDay",
        }),
      );
    if (parseAnnualDay(cl.within.annual) === null)
      ctx.push(
        issue("E_DATE", [...path, "within", "annual"], {
          detail: `${cl.within.annual}(不是每年都有的日子;2月底写 02-end)`,
        }),
      );
  }
}
