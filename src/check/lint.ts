import { lintCombine } from "../constructs/combine/lint.js";
import { lintGates } from "../constructs/gate/lint.js";
import { lintPeriods } from "../constructs/periods/lint.js";
import { lintRescale } from "../constructs/rescale/lint.js";
import { lintStreaks } from "../constructs/streak/lint.js";
import { lintThresholds } from "../constructs/threshold/lint.js";
import { issue, type PathSegment } from "../errors/issue.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { lintAmountSigns } from "./lint-amounts.js";
import { lintClauses } from "./lint-clauses.js";
import { lintCohort } from "./lint-cohort.js";
import { LintContext, type LintIssue } from "./lint-context.js";
import { lintDates } from "./lint-dates.js";
import { lintDerived } from "./lint-derive.js";
import {
  lintFactDeclarations,
  lintParameterRanges,
  lintReadingsInForce,
  lintUnusedFacts,
} from "./lint-facts.js";
import { lintGiven } from "./lint-given.js";
import { lintAdjustments, lintGradeBands } from "./lint-sections.js";
import { lintFullScore, lintTree } from "./lint-tree.js";

export type { LintIssue } from "./lint-context.js";

/** The points measure is rounded as the policy says: a rounding of its own is never read. */
function lintPointsRounding(ctx: LintContext): void {
  if (ctx.rs.measures?.[0]?.rounding)
    ctx.push(
      issue("W_UNREACHABLE", ["measures", 0, "rounding"], {
        detail: "得分(第一个计量)按 policy.rounding 取舍,这里写的 rounding 不会被读取",
      }),
    );
}

/** Ids of what is declared: one namespace per kind (the rules share one of their own). */
function lintDeclaredIds(ctx: LintContext): void {
  const { rs } = ctx;
  const unique = (ids: readonly string[], at: PathSegment[]) => {
    const space = ctx.idSpace();
    ids.forEach((id, i) => space.claim(id, [...at, i]));
  };
  const idsOf = (xs: readonly { id: string }[] | undefined) => (xs ?? []).map((x) => x.id);
  unique(idsOf(rs.documents), ["documents"]);
  unique(idsOf(rs.categories), ["categories"]);
  unique(idsOf(rs.facts), ["facts"]);
  unique(idsOf(rs.measures), ["measures"]);
  unique(ctx.grades, ["grades", "order"]);
}

/**
 * The phases of the static checks, in the order their issues are reported. Each reads one part
 * of the rule set; the facts a phase sees read are counted for the last one.
 */
const PHASES: readonly ((ctx: LintContext) => void)[] = [
  lintPointsRounding,
  lintDeclaredIds,
  lintFactDeclarations,
  lintDerived,
  lintTree,
  lintGiven,
  lintFullScore,
  lintAmountSigns,
  lintClauses,
  lintAdjustments,
  lintThresholds,
  lintStreaks,
  lintDates,
  lintCombine,
  lintPeriods,
  lintGates,
  lintRescale,
  lintParameterRanges,
  lintReadingsInForce,
  lintGradeBands,
  lintCohort,
  lintUnusedFacts,
];

/**
 * The static checks run on every validated rule set: ids, references, facts, ranges, the points
 * arithmetic of the tree for every category, caps, and conditions that contradict themselves.
 */
export function lintRuleSet(rs: RuleSetInput): LintIssue[] {
  const ctx = new LintContext(rs);
  for (const phase of PHASES) phase(ctx);
  return ctx.issues;
}
