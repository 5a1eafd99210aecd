import type { CompiledRuleSet } from "../compile/compile.js";
import { type ScoreOptions, scoreUnit } from "./evaluate.js";
import type { UnitInput, UnitOutcome } from "./types.js";

/** One period of a unit's series: its label, facts (or parts) and the window it covers. */
export interface PeriodInput {
  id: string;
  facts?: Record<string, unknown>;
  parts?: UnitInput["parts"];
  window?: { from: string; to: string };
}

/** A flag raised because its condition held for enough consecutive periods. */
export interface StreakFlag {
  rule: string;
  flag: string;
  /** The consecutive periods that raised it. */
  periods: string[];
  text: string;
}

/**
 * T7/T8: scores a unit over consecutive periods (months, quarters) and raises the rule set's
 * streak flags ("季度考核连续两次被确定为'不满意'的" → 约谈) where a condition holds for N
 * periods in a row. Periods are taken in the order given.
 */
export function scoreSeries(
  crs: CompiledRuleSet,
  unit: { id: string; category?: string },
  periods: readonly PeriodInput[],
  options: ScoreOptions = {},
): { periods: { id: string; outcome: UnitOutcome }[]; streaks: StreakFlag[] } {
  const results = periods.map((p) => ({
    id: p.id,
    outcome: scoreUnit(
      crs,
      {
        id: unit.id,
        ...(unit.category ? { category: unit.category } : {}),
        facts: p.facts ?? {},
        ...(p.parts ? { parts: p.parts } : {}),
      },
      { ...options, ...(p.window ? { window: p.window } : {}) },
    ),
  }));
  const streaks: StreakFlag[] = [];
  for (const s of crs.streaks) {
    let run: string[] = [];
    let raised = false;
    for (const r of results) {
      const holds = r.outcome.ok && s.holds(r.outcome);
      run = holds ? [...run, r.id] : [];
      if (run.length >= s.count && !raised) {
        streaks.push({ rule: s.id, flag: s.flag, periods: [...run], text: s.text });
        raised = true;
      }
      if (!holds) raised = false;
    }
  }
  return { periods: results, streaks };
}
