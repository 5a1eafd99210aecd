/**
 * K3: the statistics, compiled once (lines parsed, the default places made explicit). Computing
 * them stays in src/cohort/cohort-stats.ts; they are the cohort result's `statistics`, not trace
 * entries, so they have no effect type or words here (explain/render.ts says them).
 */

import { type Decimal, toDecimal } from "../../decimal.js";
import type { StatisticsInput } from "./schema.js";

/** K3: the lines units are counted at or above, and the places of the mean and median. */
export interface CStatistics {
  lines: readonly Decimal[];
  places: number;
}

/** Compiles the statistics: without a section, no lines and 2 places. */
export function compileStatistics(s: StatisticsInput | undefined): CStatistics {
  return { lines: (s?.lines ?? []).map(toDecimal), places: s?.places ?? 2 };
}
