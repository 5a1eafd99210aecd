/**
 * C7 fixed: a stated amount when a condition holds ("行政编制总数大于核定数,扣3分").
 */

import type { CClause, Outcome } from "../../compile/clause.js";
import { type ClauseKit, type ClauseOf, onCondition } from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { compileCondition } from "../../compile/condition.js";
import { dstr, toDecimal } from "../../decimal.js";
import type { FixedEffect } from "./effect.js";

export function compileFixed(cl: ClauseOf<"fixed">, kit: ClauseKit): CClause {
  const { base } = kit;
  const when = compileCondition(cl.when);
  const amount = toDecimal(cl.amount);
  const effect: FixedEffect = { type: "fixed", amount };
  const holds: Outcome = { amount, effect };
  return onCondition(base, when, holds, null);
}

/** The explanation of a condition that holds. */
export function fixedWords(e: FixedEffect, w: ClauseWords): string {
  return `情形成立,${w.verb}${dstr(e.amount)}${w.unit}`;
}
