import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import { d, type LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** A range: an amount or findings fact, min ≤ max, and max within the fact's own. */
export function lintRange(ctx: LintContext, cl: Clause<"range">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["amount", "findings"], "用作酌情扣分(range)");
  ctx.checkRange(`条款 "${cl.id}"`, cl.min, cl.max, path);
  if (decl?.max !== undefined && d(cl.max).greaterThan(d(decl.max)))
    ctx.push(
      issue("E_BEYOND_FACT", [...path, "max"], {
        clause: cl.id,
        max: String(cl.max),
        fact: cl.fact,
        factMax: String(decl.max),
      }),
    );
}
