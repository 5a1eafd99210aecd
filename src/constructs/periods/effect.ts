import type { Decimal } from "../../decimal.js";

/**
 * T7: one period's score as it enters the total (`undated`: the findings without a date counted
 * in it). The public `EngineEffect` union (src/evaluate/effects.ts) spells this member out; a type
 * check there keeps the two the same.
 */
export interface PeriodEffect {
  type: "period";
  label: string;
  score: Decimal;
  undated: number;
}

/** T7: the periods' scores (each named) summed or averaged (`exact`), and the total rounded. */
export interface PeriodsEffect {
  type: "periods";
  mode: "sum" | "mean";
  terms: { label: string; score: Decimal }[];
  exact: Decimal;
  total: Decimal;
  places: number;
}

/** What a split run records in the trace: each period's score, then the total. */
export type PeriodsTotalEffect = PeriodEffect | PeriodsEffect;
