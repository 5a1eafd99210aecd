/**
 * What a clause did for one unit, as data (issue 10: a structured trace): the inputs it read and
 * the arithmetic it did, recorded when the trace is wanted. Each clause type declares its effect in
 * src/constructs/<type>/effect.ts and its compile.ts exports the
 * renderer of its explanation from its effect (`perWords`…), which explain/ calls when output is
 * made; tests can assert effects instead of words.
 * Amounts are decimals; `cap` is set when the clause's own cap (扣完…为止) bit.
 */

import type { CheckEffect } from "../../constructs/check/effect.js";
import type { DeadlineEffect } from "../../constructs/deadline/effect.js";
import type { FixedEffect } from "../../constructs/fixed/effect.js";
import type { ClauseType } from "../../constructs/names.js";
import type { ForcedEffect } from "../../constructs/override/effect.js";
import type { PerEffect } from "../../constructs/per/effect.js";
import type { RangeEffect } from "../../constructs/range/effect.js";
import type { RatingEffect } from "../../constructs/rating/effect.js";
import type { StepEffect } from "../../constructs/step/effect.js";
import type { TallyEffect } from "../../constructs/tally/effect.js";
import type { TargetEffect } from "../../constructs/target/effect.js";

/**
 * What a clause's explanation is said in besides its effect: 扣 or 加 (the clause's effect), and
 * the unit of its measure (分, 元…). Trace entries of clauses carry it as `words`.
 */
export interface ClauseWords {
  verb: "扣" | "加";
  unit: string;
  /** On a grade entry: `node` when the grade is forced on the entry's node (本项直接定为…). */
  scope?: "node";
}

export type {
  CheckEffect,
  DeadlineEffect,
  FixedEffect,
  ForcedEffect,
  PerEffect,
  RangeEffect,
  RatingEffect,
  StepEffect,
  TallyEffect,
  TargetEffect,
};

/** What a clause did, by clause type (`type`): the data its explanation is rendered from. */
export type ClauseEffect =
  | CheckEffect
  | FixedEffect
  | PerEffect
  | StepEffect
  | RangeEffect
  | TallyEffect
  | DeadlineEffect
  | TargetEffect
  | RatingEffect
  | ForcedEffect;

/** A table with an effect for every clause type, each the union's member of its type. */
type Keyed<M extends { [T in ClauseType]: Extract<ClauseEffect, { type: T }> }> = M;

/**
 * The effect of each clause type, keyed on the registry (src/constructs/names.ts): a name without
 * its effect here or in the union above, or an effect of another type, does not build.
 */
export type ClauseEffectOf = Keyed<{
  check: CheckEffect;
  fixed: FixedEffect;
  per: PerEffect;
  step: StepEffect;
  range: RangeEffect;
  tally: TallyEffect;
  rating: RatingEffect;
  deadline: DeadlineEffect;
  target: TargetEffect;
  override: ForcedEffect;
}>;
