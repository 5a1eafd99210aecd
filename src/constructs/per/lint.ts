import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import { d, type LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** Per occurrence: a count or findings fact, amounts above 0, kind and perSubject on findings only, a per-subject cap that can bite. */
export function lintPer(ctx: LintContext, cl: Clause<"per">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["count", "findings"], "as an occurrence count");
  if (d(cl.each).isZero())
    ctx.push(issue("W_UNREACHABLE", [...path, "each"], { detail: "each is 0" }));
  if (cl.cap !== undefined && d(cl.cap).isZero())
    ctx.push(issue("W_UNREACHABLE", [...path, "cap"], { detail: "cap is 0" }));
  if (decl && decl.type !== "findings" && (cl.perSubject || cl.kind !== undefined))
    ctx.push(
      issue("E_FACT_KIND", [...path, "fact"], {
        fact: cl.fact,
        type: decl.type,
        use: "with perSubject or kind (these need a findings fact)",
      }),
    );
  ctx.checkKind(decl, cl.fact, cl.kind, [...path, "kind"]);
  if (cl.perSubject && cl.cap !== undefined && d(cl.perSubject.cap).greaterThanOrEqualTo(d(cl.cap)))
    ctx.push(
      issue("W_UNREACHABLE", [...path, "perSubject", "cap"], {
        detail: `the per-subject cap ${cl.perSubject.cap} can never bite under the clause cap ${cl.cap}`,
      }),
    );
}
