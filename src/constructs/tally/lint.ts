import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import type { LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/**
 * A tally: a findings fact declaring kinds, and an amount for known kinds only — the fact's own,
 * or, priced by the linked finding (`priceBy: linked`), the kinds of the fact it links to.
 */
export function lintTally(ctx: LintContext, cl: Clause<"tally">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["findings"], "用于按种类计价(tally)");
  if (decl && !decl.kinds)
    ctx.push(issue("E_REQUIRED", ["facts", ctx.rs.facts.indexOf(decl)], { key: "kinds" }));
  // Tags the fact declares: a multiplier or addition on another tag could never apply.
  for (const key of ["multipliers", "additions"] as const)
    cl[key]?.forEach((m, i) => {
      if (decl?.tags && !decl.tags.includes(m.tag))
        ctx.push(
          issue("E_UNKNOWN_REF", [...path, key, i, "tag"], {
            kind: `事实 "${cl.fact}" 的标签(tags)`,
            id: m.tag,
          }),
        );
    });
  if (cl.priceBy !== "linked") {
    if (cl.kinds)
      ctx.push(
        issue("E_MISPLACED", [...path, "kinds"], {
          detail: "kinds 只与 priceBy: linked 一起使用;按问题自己的种类计价时由 amounts 列出种类",
        }),
      );
    for (const k of Object.keys(cl.amounts))
      ctx.checkKind(decl, cl.fact, k, [...path, "amounts"], k);
    return;
  }
  for (const k of cl.kinds ?? []) ctx.checkKind(decl, cl.fact, k, [...path, "kinds"]);
  if (decl && decl.type === "findings" && !decl.links) {
    ctx.push(issue("E_REQUIRED", ["facts", ctx.rs.facts.indexOf(decl)], { key: "links" }));
    return;
  }
  const target = decl?.links ? ctx.factById.get(decl.links.fact) : undefined;
  for (const k of Object.keys(cl.amounts))
    ctx.checkKind(target, decl?.links?.fact ?? cl.fact, k, [...path, "amounts"], k);
}
