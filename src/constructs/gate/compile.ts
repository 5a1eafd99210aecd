/**
 * C19: a gate on the score before the bonus stage, compiled once (its bounds parsed), and the
 * words of its explanation. Evaluating gates stays in src/evaluate/totals.ts (`scoreItems`), the
 * stage that has the score so far.
 */

import { type CBounds, compileBounds } from "../../compile/bounds.js";
import { dstr } from "../../decimal.js";
import type { GateInput } from "../../schema/ruleset.js";
import type { GateEffect } from "./effect.js";

/** C19: a gate on the score before the bonus stage. */
export interface CGate {
  id: string;
  text: string;
  ref: { doc: string; at?: string };
  bounds: CBounds;
  grade?: string;
  flag?: string;
  stop: boolean;
  opensBonus: boolean;
}

/** Compiles a gate: its bounds parsed, its effects made explicit (stop and opens default off). */
export function compileGate(g: GateInput): CGate {
  return {
    id: g.id,
    text: g.text,
    ref: g.ref,
    bounds: compileBounds(g),
    ...(g.grade !== undefined ? { grade: g.grade } : {}),
    ...(g.flag !== undefined ? { flag: g.flag } : {}),
    stop: g.stop === true,
    opensBonus: g.opens === "bonus",
  };
}

/** The explanation of a gate that held: the score, then what it did (判定为不合格,进入加分环节…). */
export function gateWords(e: GateEffect): string {
  const words = [
    ...(e.grade ? [`判定为${e.grade}`] : []),
    ...(e.flag ? [`标记:${e.flag}`] : []),
    ...(e.opensBonus ? ["进入加分环节"] : []),
    ...(e.stop ? ["不再进入后续环节"] : []),
  ];
  return `得分${dstr(e.score)}分:${words.join(",")}`;
}
