import type { LintContext } from "../../check/lint-context.js";
import { issue } from "../../errors/issue.js";
import { conditionFacts, visitClauses } from "../../schema/walk.js";

/** The fact types a period can claim by date: findings and series. */
const DATED = new Set(["findings", "series"]);

/**
 * T7 periods: not with combine (a unit is split by date or given in parts, not both), and every
 * clause in the tree and the items outside it reads facts a period can claim (dated findings, a
 * series): a count or a rate has no date, and would be counted again in every period.
 */
export function lintPeriods(ctx: LintContext): void {
  const p = ctx.rs.periods;
  if (!p) return;
  ctx.checkRef(p.ref, ["periods"]);
  if (ctx.rs.combine)
    ctx.push(
      issue("E_EXCLUSIVE", ["periods"], {
        detail: "按期间拆分计分(periods)与分部分合成(combine)不能同时使用",
      }),
    );
  visitClauses(ctx.rs, ({ clause, path, owner }) => {
    if (owner.kind === "veto") return;
    const uses =
      "fact" in clause
        ? [{ fact: clause.fact, path: [...path, "fact"] }]
        : "when" in clause
          ? conditionFacts(clause.when, [...path, "when"])
          : [];
    for (const u of uses) {
      const type = ctx.factById.get(u.fact)?.type;
      if (type !== undefined && !DATED.has(type))
        ctx.push(issue("E_PERIODS_FACT", u.path, { fact: u.fact, type }));
    }
  });
}
