import { issue, type PathSegment } from "../errors/issue.js";
import type { CohortInput } from "../schema/ruleset.js";
import { ruleSetPoints } from "../schema/walk.js";
import { allows, d, type FactTypes, type LintContext, NUMERIC_FACTS } from "./lint-context.js";

type CohortFact = NonNullable<CohortInput["facts"]>[number];

/** The cohort section: what it computes and reads must exist, and count as used. */
export function lintCohort(ctx: LintContext): void {
  const co = ctx.rs.cohort;
  if (!co) return;
  co.facts?.forEach((cf, i) => cohortFact(ctx, cf, ["cohort", "facts", i]));
  cohortRanking(ctx, co);
  co.outcomes?.forEach((o, i) => {
    const path = ["cohort", "outcomes", i];
    ctx.rule(o, path);
    ctx.checkCats({ only: o.categories ?? [] }, path);
  });
  co.facts?.forEach((cf, i) =>
    ctx.checkCats({ only: cf.categories ?? [] }, ["cohort", "facts", i]),
  );
  co.quotas?.forEach((q, i) => {
    const path = ["cohort", "quotas", i];
    ctx.rule(q, path);
    ctx.checkGrade(q.grade, [...path, "grade"]);
    ctx.checkGrade(q.demoteTo, [...path, "demoteTo"]);
    ctx.checkPercent(q.maxPercent, [...path, "maxPercent"], "a quota");
  });
  co.linked?.forEach((l, i) => {
    const path = ["cohort", "linked", i];
    ctx.rule(l, path);
    if (!ctx.catIds.has(l.category))
      ctx.push(issue("E_UNKNOWN_REF", [...path, "category"], { kind: "category", id: l.category }));
    ctx.checkWeights(d(l.own).plus(d(l.children)), path);
  });
  cohortConversion(ctx, co);
}

/** A fact computed from the cohort: declared, of a type that can hold it, from a fact that fits. */
function cohortFact(ctx: LintContext, cf: CohortFact, path: PathSegment[]): void {
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
    const src = ctx.useFact(c.fact, [...at, "fact"], ["findings"], "as a cohort share");
    for (const k of [c.kind, c.unitKind]) ctx.checkKind(src, c.fact, k, at);
    holds(["count"], "to receive a count of items (declare it a count)");
  } else {
    const at = [...path, "compute", "mean"];
    ctx.useFact(cf.compute.mean, at, NUMERIC_FACTS, "as a cohort mean");
    holds(NUMERIC_FACTS, "to receive a mean (declare it a number)");
  }
}

/** Ties broken by nodes that exist, and only when ties are broken. */
function cohortRanking(ctx: LintContext, co: CohortInput): void {
  const breakBy = co.ranking.breakBy;
  breakBy?.forEach((id, i) => {
    if (!ctx.nodeIds.has(id))
      ctx.push(issue("E_UNKNOWN_REF", ["cohort", "ranking", "breakBy", i], { kind: "node", id }));
  });
  if (breakBy?.length && co.ranking.ties !== "break")
    ctx.push(
      issue("W_UNREACHABLE", ["cohort", "ranking", "breakBy"], {
        detail: "breakBy is read only with ties: break",
      }),
    );
}

/** A conversion in proportion needs a full score above 0; sources of conversion and comparison. */
function cohortConversion(ctx: LintContext, co: CohortInput): void {
  if (co.convert) {
    ctx.checkRef(co.convert.ref, ["cohort", "convert"]);
    // A rescaled score (C17 rescale) is out of its stated full score, whatever the tree's.
    const full = ctx.rs.rescale
      ? d(ctx.rs.rescale.to)
      : ruleSetPoints(ctx.rs, ctx.categories[0] ?? null);
    if (full.lessThanOrEqualTo(0))
      ctx.push(
        issue("E_CANNOT_CONVERT", ["cohort", "convert"], {
          points: full.toFixed(),
          key: "convert",
        }),
      );
  }
  if (co.comparison?.rankChange)
    ctx.checkRef(co.comparison.rankChange.ref, ["cohort", "comparison", "rankChange"]);
}
