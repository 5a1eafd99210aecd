/**
 * K6: a linked score's rule, compiled once (its weights parsed), and the words of the score it
 * built. Linking the scores bottom-up over the units' hierarchy stays in src/cohort/cohort-link.ts,
 * the stage that has every unit's score.
 */

import { type Decimal, dstr, roundTo, toDecimal } from "../../decimal.js";
import type { LinkedEffect } from "./effect.js";
import type { LinkedInput } from "./schema.js";

/** K6: for units of `category`, the weights of their own score and of their sub-units' mean. */
export interface CLinked {
  id: string;
  text: string;
  category: string;
  own: Decimal;
  children: Decimal;
}

/** Compiles a linked score's rule: its weights parsed once. */
export function compileLinked(l: LinkedInput): CLinked {
  return {
    id: l.id,
    text: l.text,
    category: l.category,
    own: toDecimal(l.own),
    children: toDecimal(l.children),
  };
}

/**
 * The explanation of a linked score, the sub-units' mean rounded for display (the effect keeps
 * it exact): 本级90分×50%+所属2个单位平均88.5分×50%=89.25分,计89.25分.
 */
export function linkedWords(e: LinkedEffect): string {
  // A mean of 3 units may not end (273.4 ÷ 3): the words show it and the sum to 4 places, marked
  // 约 / ≈ where that rounded them, instead of 40 digits; the score itself is exact as stated.
  const mean = roundTo(e.childrenMean, 4, "half-up");
  const exact = roundTo(e.exact, 4, "half-up");
  return `本级${dstr(e.own)}分×${dstr(e.ownPercent)}%+所属${e.children}个单位平均${mean.equals(e.childrenMean) ? "" : "约"}${dstr(mean)}分×${dstr(e.childrenPercent)}%${exact.equals(e.exact) ? "=" : "≈"}${dstr(exact)}分,计${dstr(e.score)}分`;
}
