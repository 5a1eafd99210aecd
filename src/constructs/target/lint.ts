import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import type { LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/**
 * A target: a series fact, or a findings fact counted per period; either each (per period) or
 * amount (once). Per subject, the findings fact declares its subjects and the amount is per period.
 */
export function lintTarget(ctx: LintContext, cl: Clause<"target">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["series", "findings"], "用作按期考核的目标(target)");
  if ((cl.each === undefined) === (cl.amount === undefined))
    ctx.push(
      issue("E_EXCLUSIVE", path, {
        detail: "each(每期未达标扣分)与 amount(一次性扣分)须写且只写一个",
      }),
    );
  if (!cl.perSubject) return;
  if (decl?.type === "series")
    ctx.push(
      issue("E_FACT_KIND", [...path, "fact"], {
        fact: cl.fact,
        type: "series",
        use: "按对象考核(perSubject),它需要列出 subjects 的问题清单(findings)事实",
      }),
    );
  else if (decl?.type === "findings" && !decl.subjects)
    ctx.push(issue("E_REQUIRED", ["facts", ctx.rs.facts.indexOf(decl)], { key: "subjects" }));
  if (cl.each === undefined) ctx.push(issue("E_REQUIRED", path, { key: "each" }));
}
