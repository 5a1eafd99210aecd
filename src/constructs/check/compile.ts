/**
 * C2 check: full points when a requirement is met, none when it is not ("专班人员到位,1分").
 */

import type { CClause, Outcome } from "../../compile/clause.js";
import { type ClauseKit, type ClauseOf, onCondition } from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { compileCondition } from "../../compile/condition.js";
import { dstr, toDecimal, ZERO } from "../../decimal.js";
import type { CheckEffect } from "./effect.js";

export function compileCheck(cl: ClauseOf<"check">, kit: ClauseKit): CClause {
  const { base, nodePoints } = kit;
  const when = compileCondition(cl.when);
  const pts = cl.points !== undefined ? toDecimal(cl.points) : (nodePoints ?? ZERO);
  const effect: CheckEffect = { type: "check", amount: pts };
  const met: Outcome = { amount: pts, effect };
  return onCondition(base, when, null, met);
}

/** The explanation of a requirement not met. */
export function checkWords(e: CheckEffect, w: ClauseWords): string {
  return `未达到要求,${w.verb}${dstr(e.amount)}${w.unit}`;
}
