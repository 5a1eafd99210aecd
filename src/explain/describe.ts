/**
 * The words of every trace entry, made from its effect when output is produced (issue 10: a
 * structured trace): evaluation records what happened as data, and this is the one place that
 * picks the renderer of each construct — a clause type's (src/constructs/<type>/compile.ts), the
 * engine's (evaluate/effects.ts) or the cohort's (evaluate/cohort-effects.ts).
 */
import type { CohortFigure } from "../cohort/types.js";
import { NOT_APPLICABLE_WORDS } from "../compile/clauses/common.js";
import type { ClauseEffect, ForcedEffect } from "../compile/clauses/effects.js";
import { CLAUSE_WORDS } from "../compile/clauses/index.js";
import { type CohortEffect, cohortWords } from "../evaluate/cohort-effects.js";
import { type EngineEffect, engineWords } from "../evaluate/effects.js";
import type { TraceEntry } from "../evaluate/types.js";

const COHORT_TYPES: ReadonlySet<string> = new Set<CohortEffect["type"]>([
  "item-share",
  "mean",
  "linked",
]);

const isClause = (e: NonNullable<TraceEntry["effect"]>): e is ClauseEffect =>
  Object.hasOwn(CLAUSE_WORDS, e.type);

/**
 * The explanation of one trace entry, in the words a 通报 uses: what a clause found
 * (`3处×0.2分=0.6分`), what the engine did (`本项扣分3.5分,以2分为限(扣完为止)`) or what the
 * cohort computed. It is what `renderExplanation` prints and the JSON output's `detail`.
 */
export function describeEntry(entry: TraceEntry): string {
  const e = entry.effect;
  // A clause that did not apply for want of a fact records no effect.
  if (!e) return entry.kind === "not-applicable" ? NOT_APPLICABLE_WORDS : "";
  if (COHORT_TYPES.has(e.type)) return cohortWords(e as CohortEffect);
  if (!isClause(e)) return engineWords(e as EngineEffect);
  const words = entry.words ?? { verb: "扣", unit: "分" };
  // An override's grade and flag have entries of their own, beside the one for its amount.
  if (entry.kind === "grade")
    return `${words.scope === "node" ? "本项" : ""}直接定为${(e as ForcedEffect).grade}`;
  if (entry.kind === "flag") return `标记:${(e as ForcedEffect).flag}`;
  const said = (CLAUSE_WORDS[e.type] as (x: ClauseEffect, w: typeof words) => string)(e, words);
  // A clause outdone by a higher one of the same item (按最高级别计分) stays, with no delta.
  return entry.kind === "info" ? `${said}(同项按最高级别计分,不累加)` : said;
}

/** The explanation of a figure computed over the cohort (K5), e.g. `上一轮2个单位的平均数为92`. */
export function describeFigure(figure: CohortFigure): string {
  return cohortWords(figure.effect);
}
