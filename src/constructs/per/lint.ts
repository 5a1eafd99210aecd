import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import { d, type LintContext } from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";

/** Per occurrence: a count or findings fact, amounts above 0, kind and perSubject on findings only, a per-subject cap that can bite. */
export function lintPer(ctx: LintContext, cl: Clause<"per">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["count", "findings"], "用作次数(per 按次计分)");
  if (d(cl.each).isZero())
    ctx.push(issue("W_UNREACHABLE", [...path, "each"], { detail: "each 为 0,每次都扣 0 分" }));
  if (cl.cap !== undefined && d(cl.cap).isZero())
    ctx.push(
      issue("W_UNREACHABLE", [...path, "cap"], { detail: "cap 为 0,封顶 0 分,这一条最多扣 0 分" }),
    );
  if (decl && decl.type !== "findings" && (cl.perSubject || cl.kind !== undefined))
    ctx.push(
      issue("E_FACT_KIND", [...path, "fact"], {
        fact: cl.fact,
        type: decl.type,
        use: "与 perSubject 或 kind 一起使用,它们需要问题清单(findings)类型的事实",
      }),
    );
  ctx.checkKind(decl, cl.fact, cl.kind, [...path, "kind"]);
  if (cl.perSubject && cl.cap !== undefined && d(cl.perSubject.cap).greaterThanOrEqualTo(d(cl.cap)))
    ctx.push(
      issue("W_UNREACHABLE", [...path, "perSubject", "cap"], {
        detail: `每个对象的封顶 perSubject.cap(${cl.perSubject.cap})不低于整条的封顶 cap(${cl.cap}),永远不会先于它封顶`,
      }),
    );
}
