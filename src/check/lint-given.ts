import { issue } from "../errors/issue.js";
import type { NodeInput } from "../schema/ruleset.js";
import { visitNodes } from "../schema/walk.js";
import type { LintContext } from "./lint-context.js";

/** What a given node may not have: its score is the one given, computed from nothing. */
const NOT_WITH_GIVEN: readonly (keyof NodeInput)[] = [
  "clauses",
  "children",
  "cap",
  "bonusCap",
  "overdraw",
  "bonusCombine",
];

/**
 * Items scored directly (评分人给分): a given node has no clauses, no children and nothing that
 * would change its score (caps, overdraw); its fact is a number or an amount whose absence
 * means an error or 0, never "not applicable".
 */
export function lintGiven(ctx: LintContext): void {
  visitNodes(ctx.rs, ({ node, path }) => {
    const g = node.given;
    if (!g) return;
    for (const key of NOT_WITH_GIVEN)
      if (node[key] !== undefined)
        ctx.push(
          issue("E_GIVEN_NODE", [...path, key], {
            node: node.id,
            detail: `不能同时写 ${key}:得分是评分人给的,不由条款、下级项目或封顶计算`,
          }),
          key,
        );
    const at = [...path, "given", "fact"];
    const decl = ctx.useFact(g.fact, at, ["number", "amount"], "用作评分人给分(given)");
    if (
      decl &&
      decl.default === undefined &&
      (decl.missing ?? ctx.rs.policy.missingFact) === "not-applicable"
    )
      ctx.push(
        issue("E_GIVEN_NODE", at, {
          node: node.id,
          detail: `事实 "${g.fact}" 缺失时按不适用处理,但没有给分时该项得几分必须写明:在事实的声明中写 missing: error 或 zero`,
        }),
      );
  });
}
