/**
 * C17 `rescale`: the rescaling of a unit's score to a stated full score over the items that
 * apply, compiled once (its full score parsed, its rounding made explicit), and the words of its
 * explanation. Computing it stays in src/evaluate/rescale.ts, the stage that has the unit's scores.
 */

import { type Decimal, dstr, type RoundingMode, roundTo, toDecimal } from "../../decimal.js";
import type { RuleSetInput } from "../../schema/ruleset.js";
import type { RescaleEffect } from "./effect.js";

/** C17 `rescale`, compiled: the full score, the rounding of the rescaled score, the items' place. */
export interface CRescale {
  to: Decimal;
  places: number;
  mode: RoundingMode;
  /** Where the items outside the tree (and vetoes' amounts) come; after when there are none. */
  adjustments: "after-rescale" | "before-rescale";
  text: string;
  ref: { doc: string; at?: string };
}

/** Compiles the rescaling: `rounding: policy` becomes the policy's places and mode. */
export function compileRescale(
  r: NonNullable<RuleSetInput["rescale"]>,
  policy: { places: number; mode: RoundingMode },
): CRescale {
  const rounding = r.rounding === "policy" ? policy : r.rounding;
  return {
    to: toDecimal(r.to),
    places: rounding.places,
    mode: rounding.mode,
    adjustments: r.adjustments ?? "after-rescale",
    text: r.text,
    ref: r.ref,
  };
}

/** A quotient as read: exact up to 4 places, else cut there and marked as going on (91.1111…). */
function quotient(d: Decimal): string {
  const cut = roundTo(d, 4, "down");
  return cut.equals(d) ? dstr(d) : `${dstr(cut)}…`;
}

/**
 * The explanation of the rescaling: 得分率换算:实得82分÷适用项满分90分×100=91.1111…分,保留2位小数为91.11分
 * (with `items`: 实得84分(含项目外加减分+2分)).
 */
export function rescaleWords(e: RescaleEffect): string {
  const items = e.items
    ? `(含项目外加减分${e.items.isNegative() ? "" : "+"}${dstr(e.items)}分)`
    : "";
  const head = `得分率换算:实得${dstr(e.earned)}分${items}÷适用项满分${dstr(e.applicable)}分×${dstr(e.to)}`;
  return e.exact.equals(e.score)
    ? `${head}=${dstr(e.score)}分`
    : `${head}=${quotient(e.exact)}分,保留${e.places}位小数为${dstr(e.score)}分`;
}
