import {
  allows,
  type FactTypes,
  type LintContext,
  NUMERIC_FACTS,
} from "../../check/lint-context.js";
import { issue, type PathSegment } from "../../errors/issue.js";
import type { CohortFactInput } from "./schema.js";

/**
 * K5: each fact computed from the cohort is declared, of a type that can hold the figure, and
 * computed from a fact that fits. Its categories are checked by lintCohortFactCategories.
 */
export function lintCohortFacts(ctx: LintContext): void {
  ctx.rs.cohort?.facts?.forEach((cf, i) => cohortFact(ctx, cf, ["cohort", "facts", i]));
}

/**
 * K5: the categories a figure is computed over are declared. A phase of its own, run after the
 * ranking's and the outcomes' checks as it always was: the order of the issues is the output's.
 */
export function lintCohortFactCategories(ctx: LintContext): void {
  ctx.rs.cohort?.facts?.forEach((cf, i) =>
    ctx.checkCats({ only: cf.categories ?? [] }, ["cohort", "facts", i]),
  );
}

/** A fact computed from the cohort: declared, of a type that can hold it, from a fact that fits. */
function cohortFact(ctx: LintContext, cf: CohortFactInput, path: PathSegment[]): void {
  ctx.checkRef(cf.ref, path);
  const decl = ctx.factById.get(cf.id);
  if (!decl) ctx.push(issue("E_UNDECLARED_FACT", [...path, "id"], { fact: cf.id }));
  // The fact that receives the figure must be able to hold it.
  const holds = (types: FactTypes, use: string) => {
    if (decl && !allows(types, decl.type))
      ctx.push(issue("E_FACT_KIND", [...path, "id"], { fact: cf.id, type: decl.type, use }));
  };
  if ("itemShare" in cf.compute) {
    const c = cf.compute.itemShare;
    const at = [...path, "compute", "itemShare"];
    const src = ctx.useFact(
      c.fact,
      [...at, "fact"],
      ["findings"],
      "用作全体单位中的占比(itemShare)",
    );
    for (const k of [c.kind, c.unitKind]) ctx.checkKind(src, c.fact, k, at);
    holds(["count"], "接收条数(请声明为 count)");
  } else {
    const at = [...path, "compute", "mean"];
    ctx.useFact(cf.compute.mean, at, NUMERIC_FACTS, "用作全体单位的平均值(mean)");
    holds(NUMERIC_FACTS, "接收平均值(请声明为 number)");
  }
}
