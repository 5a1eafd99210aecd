/**
 * C2 check: full points when a requirement is met, none when it is not ("专班人员到位,1分").
 */
import { dstr, toDecimal, ZERO } from "../../decimal.js";
import type { CClause, Outcome } from "../clause.js";
import { compileCondition } from "../condition.js";
import { type ClauseKit, type ClauseOf, onCondition } from "./common.js";
import type { CheckEffect, ClauseWords } from "./effects.js";

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
