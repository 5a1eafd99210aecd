/**
 * The HTML 通报 (issue 13 item 3): one self-contained page with the ranking, the grade
 * distribution and score charts, the statistics and their change on the previous run, and each
 * unit's 扣分说明. Browser-safe; ECharts (an optional peer dependency) is imported only when a
 * report is made, and `renderTongbaoWith` takes it from a caller that loaded it already.
 */
import type { CompiledRuleSet } from "../../compile/compile.js";
import { issue, KaoheError } from "../../errors/issue.js";
import { type EChartsLike, tongbaoCharts } from "./charts.js";
import { type PageOptions, tongbaoPage } from "./html.js";
import { type TongbaoCohort, tongbaoModel } from "./model.js";

export type { Chart, EChartsLike } from "./charts.js";
export type { PageOptions as TongbaoOptions } from "./html.js";
export type { TongbaoCohort, TongbaoModel } from "./model.js";
export { tongbaoModel } from "./model.js";

/** What the charts need ECharts for, in S_NEEDS_LIBS's message. */
export const ECHARTS_NEEDED = "生成通报的图表";

/** ECharts, imported on demand; a KaoheError S_NEEDS_LIBS naming `npm install echarts` if absent. */
export async function loadECharts(): Promise<EChartsLike> {
  try {
    const m = (await import("echarts")) as unknown as EChartsLike & { default?: EChartsLike };
    const e = typeof m.init === "function" ? m : m.default;
    if (!e || typeof e.init !== "function") throw new Error("echarts without init");
    return e;
  } catch {
    throw new KaoheError([issue("S_NEEDS_LIBS", [], { what: ECHARTS_NEEDED, install: "echarts" })]);
  }
}

/**
 * The 通报 of a scored cohort as one HTML page (a string): no script and nothing loaded from
 * elsewhere, the charts drawn as inline SVG. The same cohort and options give the same bytes.
 * Needs ECharts (`npm install echarts`; S_NEEDS_LIBS otherwise).
 */
export async function renderTongbao(
  ruleSet: CompiledRuleSet,
  cohort: TongbaoCohort,
  options: PageOptions = {},
): Promise<string> {
  return renderTongbaoWith(await loadECharts(), ruleSet, cohort, options);
}

/** The same, with ECharts given (for callers that loaded it already, such as the command line). */
export function renderTongbaoWith(
  echarts: EChartsLike,
  ruleSet: CompiledRuleSet,
  cohort: TongbaoCohort,
  options: PageOptions = {},
): string {
  const model = tongbaoModel(ruleSet, cohort);
  return tongbaoPage(model, tongbaoCharts(echarts, model), options);
}
