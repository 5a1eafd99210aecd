import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import type { LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** A tally: a findings fact declaring kinds, and an amount for known kinds only. */
export function lintTally(ctx: LintContext, cl: Clause<"tally">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["findings"], "in a tally");
  if (decl && !decl.kinds)
    ctx.push(issue("E_REQUIRED", ["facts", ctx.rs.facts.indexOf(decl)], { key: "kinds" }));
  for (const k of Object.keys(cl.amounts)) ctx.checkKind(decl, cl.fact, k, [...path, "amounts"], k);
}
