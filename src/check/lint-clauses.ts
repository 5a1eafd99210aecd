import { lintCheck } from "../constructs/check/lint.js";
import { lintDeadline } from "../constructs/deadline/lint.js";
import { lintFixed } from "../constructs/fixed/lint.js";
import type { ClauseType } from "../constructs/names.js";
import { lintOverride } from "../constructs/override/lint.js";
import { lintPer } from "../constructs/per/lint.js";
import { lintRange } from "../constructs/range/lint.js";
import { lintRating } from "../constructs/rating/lint.js";
import { lintStep } from "../constructs/step/lint.js";
import { lintTally } from "../constructs/tally/lint.js";
import { lintTarget } from "../constructs/target/lint.js";
import { issue, type PathSegment } from "../errors/issue.js";
import type { ClauseInput } from "../schema/ruleset.js";
import { visitClauses } from "../schema/walk.js";
import type { ClauseCheck, Owner } from "./lint-clause-kit.js";
import type { LintContext } from "./lint-context.js";

/** Every clause, wherever it sits: what all clauses share, then what its type needs. */
export function lintClauses(ctx: LintContext): void {
  visitClauses(ctx.rs, ({ clause: cl, path, owner }) => {
    clauseCommon(ctx, cl, path, owner);
    (BY_TYPE[cl.type] as ClauseCheck<ClauseInput["type"]>)(ctx, cl, path, owner);
  });
}

/** Id, source, categories, the measure it counts in, and a veto that would add. */
function clauseCommon(ctx: LintContext, cl: ClauseInput, path: PathSegment[], owner: Owner) {
  ctx.rule(cl, path);
  ctx.checkCats(cl, path);
  const measure = cl.measure ?? ctx.pointsMeasure;
  if (!ctx.measureIds.includes(measure))
    ctx.push(issue("E_UNKNOWN_REF", [...path, "measure"], { kind: "计量(measures)", id: measure }));
  else if (owner.kind !== "adjustment" && measure !== ctx.pointsMeasure)
    ctx.push(
      issue("E_MISPLACED", [...path, "measure"], {
        detail: `只有加减分项(adjustments)才能计入 ${ctx.pointsMeasure} 以外的计量`,
      }),
    );
  if (owner.kind === "veto" && cl.effect === "add")
    ctx.push(issue("E_MISPLACED", [...path, "effect"], { detail: "vetoes 中的条款不能加分" }));
}

/**
 * What each type of clause needs beyond what all share, in its construct's folder
 * (src/constructs/<type>/lint.ts), keyed on the registry: a missing entry does not build.
 */
const BY_TYPE: { readonly [T in ClauseType]: ClauseCheck<T> } = {
  check: lintCheck,
  fixed: lintFixed,
  per: lintPer,
  step: lintStep,
  range: lintRange,
  tally: lintTally,
  deadline: lintDeadline,
  target: lintTarget,
  rating: lintRating,
  override: lintOverride,
};
