/**
 * C2 check: full points when a requirement is met, none when it is not ("专班人员到位,1分").
 */
import { dstr, toDecimal, ZERO } from "../../decimal.js";
import type { CClause, Outcome } from "../clause.js";
import { compileCondition } from "../condition.js";
import { type ClauseKit, type ClauseOf, onCondition } from "./common.js";
import type { CheckEffect } from "./effects.js";

export function compileCheck(cl: ClauseOf<"check">, kit: ClauseKit): CClause {
  const { base, verb, u, nodePoints } = kit;
  const when = compileCondition(cl.when);
  const pts = cl.points !== undefined ? toDecimal(cl.points) : (nodePoints ?? ZERO);
  const effect: CheckEffect = { type: "check", amount: pts };
  const met: Outcome = { amount: pts, detail: `未达到要求,${verb}${dstr(pts)}${u}`, effect };
  return onCondition(base, when, null, met);
}
