import { issue } from "../errors/issue.js";
import { d, type LintContext } from "./lint-context.js";

/** Adjustment items: rules whose clauses all deduct or all add, in one measure, unit-wide. */
export function lintAdjustments(ctx: LintContext): void {
  ctx.rs.adjustments?.forEach((a, i) => {
    const path = ["adjustments", i];
    ctx.rule(a, path);
    const effects = new Set(a.clauses.map((c) => c.effect ?? "deduct"));
    const measures = new Set(a.clauses.map((c) => c.measure ?? ctx.pointsMeasure));
    if (effects.size > 1 || measures.size > 1)
      ctx.push(issue("E_MIXED_ITEM", path, { item: a.id }));
    a.clauses.forEach((c, ci) => {
      if (c.type === "check" || (c.type === "override" && c.gradeScope === "node"))
        ctx.push(
          issue("E_MISPLACED", [...path, "clauses", ci, "type"], {
            detail: `${c.type === "override" ? "写 gradeScope: node 的 override" : c.type} 条款只能写在指标树(tree)的指标中`,
          }),
        );
    });
  });
}

/** Grade bands: declared grades, one bound each, best first, none after a catch-all. */
export function lintGradeBands(ctx: LintContext): void {
  const bands = ctx.rs.grades?.bands;
  bands?.forEach((b, i) => {
    const path = ["grades", "bands", i];
    ctx.checkGrade(b.grade, [...path, "grade"]);
    if (b.gte !== undefined && b.gt !== undefined)
      ctx.push(issue("E_EXCLUSIVE", path, { detail: "gte 与 gt 只能写一个" }));
    const bound = b.gte ?? b.gt;
    const prevBand = bands[i - 1];
    const prev = prevBand ? (prevBand.gte ?? prevBand.gt) : undefined;
    if (prevBand && prev === undefined)
      ctx.push(
        issue("W_UNREACHABLE", path, {
          detail: "前面有一档没有写界限(gte 或 gt),所有总分都落在那一档",
        }),
      );
    else if (bound !== undefined && prev !== undefined && d(bound).greaterThan(d(prev)))
      ctx.push(issue("E_ORDER", path, { detail: "bands 须从高到低排列(最好的等次在前)" }));
  });
}
