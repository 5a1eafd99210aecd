import { type Clause, readsFact } from "../../check/lint-clause-kit.js";
import { d, type LintContext, NUMERIC_FACTS } from "../../check/lint-context.js";
import { dstr } from "../../decimal.js";
import { issue, type PathSegment } from "../../errors/issue.js";
import type { FactDeclInput } from "../../schema/ruleset.js";

/** A step: a rate fact, one form (below/per/each or bands), and bands that can be reached. */
export function lintStep(ctx: LintContext, cl: Clause<"step">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["rate"], "用于按档扣分(step)");
  const simple = cl.below !== undefined || cl.per !== undefined || cl.each !== undefined;
  if (simple && cl.bands)
    ctx.push(issue("E_EXCLUSIVE", path, { detail: "below/per/each 与 bands 只能写一种" }));
  else if (!cl.bands && (cl.below === undefined || cl.per === undefined || cl.each === undefined))
    ctx.push(
      issue("E_REQUIRED", path, {
        key: cl.below === undefined ? "below" : cl.per === undefined ? "per" : "each",
      }),
    );
  if (cl.bands && !cl.bandMode) ctx.push(issue("E_REQUIRED", path, { key: "bandMode" }));
  if (typeof cl.below === "object")
    ctx.useFact(
      cl.below.fact,
      [...path, "below", "fact"],
      NUMERIC_FACTS,
      "用作按档扣分的基准(below)",
    );
  // A base read from a fact is checked at run time; 100 stands in for it here.
  const bands =
    cl.bands ??
    (simple
      ? [
          {
            below: typeof cl.below === "object" ? 100 : (cl.below ?? 0),
            per: cl.per ?? 1,
            each: cl.each ?? 0,
          },
        ]
      : []);
  const at = (bi: number) => (cl.bands ? [...path, "bands", bi] : path);
  stepBands(ctx, bands, at, decl);
}

/** A step's bands: steps above 0, going downwards, each below the lowest rate the fact allows. */
function stepBands(
  ctx: LintContext,
  bands: readonly { below: number | string; per: number | string }[],
  at: (i: number) => PathSegment[],
  decl: FactDeclInput | undefined,
) {
  const min = decl?.min !== undefined ? d(decl.min) : d(0);
  bands.forEach((b, bi) => {
    const bp = at(bi);
    if (!d(b.per).greaterThan(0))
      ctx.push(issue("E_NOT_POSITIVE", [...bp, "per"], { what: "每档的百分点数 per" }));
    const prev = bands[bi - 1];
    if (prev && !d(b.below).lessThan(d(prev.below)))
      ctx.push(
        issue("E_ORDER", [...bp, "below"], {
          detail: "bands 须从高到低排列(每一档的 below 低于前一档)",
        }),
      );
    if (d(b.below).lessThanOrEqualTo(min))
      ctx.push(
        issue("W_UNREACHABLE", [...bp, "below"], {
          detail: `比率不可能低于 ${b.below}(它的最小值是 ${dstr(min)}),这一档永远达不到`,
        }),
      );
  });
}
