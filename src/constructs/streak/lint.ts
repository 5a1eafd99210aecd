import type { LintContext } from "../../check/lint-context.js";
import { issue } from "../../errors/issue.js";
import type { RuleSetInput } from "../../schema/ruleset.js";

/**
 * T8 streaks: rules like the others (one id namespace, a source), reading a declared grade or a
 * flag some rule raises.
 */
export function lintStreaks(ctx: LintContext): void {
  const streaks = ctx.rs.streaks;
  if (!streaks?.length) return;
  const raised = raisedFlags(ctx.rs);
  streaks.forEach((st, i) => {
    const path = ["streaks", i];
    ctx.rule(st, path);
    if ("grade" in st.when) ctx.checkGrade(st.when.grade, [...path, "when", "grade"]);
    if ("flag" in st.when && !raised.has(st.when.flag))
      ctx.push(
        issue("W_UNREACHABLE", [...path, "when", "flag"], {
          detail: `没有任何规则标记 flag "${st.when.flag}",这一连续情形(streaks)永远不会计入任何一期`,
        }),
      );
  });
}

/** Every flag a rule raises: a `flag` anywhere outside the streaks, and the streaks' own. */
function raisedFlags(rs: RuleSetInput): Set<string> {
  const raised = new Set<string>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) collect(x);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (k === "flag" && typeof x === "string") raised.add(x);
        else if (k !== "when") collect(x);
      }
  };
  for (const [k, v] of Object.entries(rs)) if (k !== "streaks") collect(v);
  // A streak's own flag may be read by a later streak (连续两次约谈…).
  for (const st of rs.streaks ?? []) raised.add(st.flag);
  return raised;
}
