import { issue, type PathSegment } from "../errors/issue.js";
import { visitNodes } from "../schema/walk.js";
import { MAX_WINDOW_DAYS, parseDate } from "../time/date.js";
import type { LintContext } from "./lint-context.js";

/** The windows (of the rule set and of each node) and the effective period: real dates, in order. */
export function lintDates(ctx: LintContext): void {
  lintWindow(ctx, ctx.rs.window, ["window"]);
  visitNodes(ctx.rs, ({ node, path }) => lintWindow(ctx, node.window, [...path, "window"]));
  lintEffective(ctx);
}

/** A date as a day number, or null (and an issue) when it is not a real date. */
function realDate(ctx: LintContext, text: string, path: PathSegment[]): number | null {
  const day = parseDate(text);
  if (day === null) ctx.push(issue("E_DATE", path, { detail: text }));
  return day;
}

function lintWindow(
  ctx: LintContext,
  w: { from: string; to: string } | undefined,
  path: PathSegment[],
): void {
  if (!w) return;
  const from = realDate(ctx, w.from, [...path, "from"]);
  const to = realDate(ctx, w.to, [...path, "to"]);
  if (from === null || to === null) return;
  if (from > to)
    ctx.push(
      issue("E_RANGE", path, { what: "考核期间 window", min: w.from, max: w.to, dates: true }),
    );
  if (to - from > MAX_WINDOW_DAYS)
    ctx.push(
      issue("E_OUT_OF_RANGE", path, {
        what: "考核期的天数(约30年以内)",
        min: "1",
        max: String(MAX_WINDOW_DAYS),
      }),
    );
}

function lintEffective(ctx: LintContext): void {
  const eff = ctx.rs.effective;
  if (!eff) return;
  const from = realDate(ctx, eff.from, ["effective", "from"]);
  if (from === null || eff.to === undefined) return;
  const to = realDate(ctx, eff.to, ["effective", "to"]);
  if (to !== null && to < from)
    ctx.push(
      issue("E_RANGE", ["effective"], {
        what: "有效期 effective",
        min: eff.from,
        max: eff.to,
        dates: true,
      }),
    );
}
