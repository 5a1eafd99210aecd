/**
 * T7: a run split into periods, as the rule set states it (the undated rule defaulted, the rule
 * set's window compiled), and the words of its explanation. Scoring the periods stays in
 * src/evaluate/periods.ts, the stage that scores a unit.
 */
import type { CWindow } from "../../compile/clause.js";
import { dstr } from "../../decimal.js";
import type { RuleSetInput } from "../../schema/ruleset.js";
import { parseDate } from "../../time/date.js";
import type { PeriodsTotalEffect } from "./effect.js";

/** T7: the split as stated, with `undated` defaulted and the window it splits. */
export interface CPeriods extends Omit<NonNullable<RuleSetInput["periods"]>, "undated"> {
  undated: "every" | "first" | "error";
  /** The rule set's window, the range split when the run gives none; null when it states none. */
  window: CWindow | null;
}

/** Compiles the split: as stated, `undated` refused unless said otherwise. */
export function compilePeriods(rs: RuleSetInput): CPeriods | null {
  const p = rs.periods;
  if (!p) return null;
  const w = rs.window;
  return {
    ...p,
    undated: p.undated ?? "error",
    window: w
      ? {
          from: parseDate(w.from) as number,
          to: parseDate(w.to) as number,
          undated: w.undated,
          label: `${w.from}至${w.to}`,
        }
      : null,
  };
}

/**
 * The explanation of a split run: a period's score (2025年1月得12分), then the total naming each
 * period (累计2025年1月12分+2025年2月0分=12分; 平均(…)÷2=6分).
 */
export function periodsWords(e: PeriodsTotalEffect): string {
  if (e.type === "period")
    return `${e.label}得${dstr(e.score)}分${e.undated ? `(含未注明日期的${e.undated}条)` : ""}`;
  const terms = e.terms.map((t) => `${t.label}${dstr(t.score)}分`).join("+");
  const head =
    e.mode === "sum"
      ? `累计${terms}=${dstr(e.exact)}分`
      : `平均(${terms})÷${e.terms.length}=${dstr(e.exact)}分`;
  return `${head}${e.total.equals(e.exact) ? "" : `,保留${e.places}位小数为${dstr(e.total)}分`}`;
}
