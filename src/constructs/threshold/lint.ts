import { type LintContext, unbounded } from "../../check/lint-context.js";
import { issue } from "../../errors/issue.js";

/** Thresholds: a bound, a node or measure that exists, and a range that is not empty. */
export function lintThresholds(ctx: LintContext): void {
  ctx.rs.thresholds?.forEach((t, i) => {
    const path = ["thresholds", i];
    ctx.rule(t, path);
    if (unbounded(t)) ctx.push(issue("E_REQUIRED", path, { key: "gte" }));
    if (typeof t.of === "object" && "node" in t.of && !ctx.nodeIds.has(t.of.node))
      ctx.push(issue("E_UNKNOWN_REF", [...path, "of", "node"], { kind: "指标", id: t.of.node }));
    if (typeof t.of === "object" && "measure" in t.of && !ctx.measureIds.includes(t.of.measure))
      ctx.push(
        issue("E_UNKNOWN_REF", [...path, "of", "measure"], {
          kind: "计量(measures)",
          id: t.of.measure,
        }),
      );
    ctx.checkRange(`阈值 "${t.id}"`, t.gte ?? t.gt, t.lte ?? t.lt, path);
  });
}
