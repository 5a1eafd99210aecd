import type { Decimal } from "../../decimal.js";

/**
 * C19: a gate the score so far (`score`, rounded as reported) met: the grade it forced, the flag
 * it raised, whether it opened the bonus stage and whether scoring stopped there. The public
 * `EngineEffect` union (src/evaluate/effects.ts) spells this member out, so that the API report
 * does not change; a type test there keeps the two the same.
 */
export interface GateEffect {
  type: "gate";
  score: Decimal;
  grade?: string;
  flag?: string;
  opensBonus: boolean;
  stop: boolean;
}
