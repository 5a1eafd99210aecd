/**
 * `kaohe report`: scores a cohort as `kaohe score` does and writes its HTML 通报 — one file that
 * opens with no network (src/report/tongbao). ECharts is loaded synchronously here, since the
 * command line runs synchronously; library callers use `renderTongbao`, which imports it.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type CohortOptions, scoreCohortLazily } from "../cohort/cohort.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { formatIssue, issue, KaoheError } from "../errors/issue.js";
import type { EChartsLike } from "../report/tongbao/charts.js";
import { ECHARTS_NEEDED, renderTongbaoWith } from "../report/tongbao/index.js";
import { parseDate } from "../time/date.js";
import { calendarOption, type Io } from "./main.js";
import { type CommandSpec, type ParsedArgs, UsageError } from "./options.js";
import {
  CALENDAR_OPTION,
  FACTS_OPTIONS,
  loadRulesOption,
  RULE_OPTIONS,
  readFactsOption,
  runOptions,
} from "./run-options.js";

export const REPORT: CommandSpec = {
  name: "report",
  summary: "评分并生成 HTML 通报:排名、等次分布与得分图表、统计及与上次的比较、各单位扣分说明",
  usage: [
    "report --rules <file> [--params <file>] [--reading <id>]... --facts <file>... [--layout wide|long] [--sheet <name>]",
    "      [--previous <file>]",
    "      --out <report.html> [--title <标题>] [--date YYYY-MM-DD] [--as-of YYYY-MM-DD] [--window FROM..TO]",
    "      [--calendar <file>]...",
  ],
  options: [
    ...RULE_OPTIONS,
    ...FACTS_OPTIONS,
    {
      name: "--previous",
      value: "<file>",
      help: "上次的结果(同 kaohe score --previous:units 列出各单位的 id、total、rank),用于比较和按上年计算的事实",
    },
    { name: "--out", value: "<file>", help: "输出的 HTML 文件(必需);已有的文件被覆盖" },
    { name: "--title", value: "<标题>", help: "通报的标题,默认“<考核名称>情况通报”" },
    {
      name: "--date",
      value: "YYYY-MM-DD",
      help: "印在标题下的日期;不给则通报中不含日期(同样的输入总得到同样的文件)",
    },
    { name: "--as-of", value: "YYYY-MM-DD", help: "截至日期:届时未办且已逾期的计为未办" },
    { name: "--window", value: "FROM..TO", help: "本次考核期,收窄规则集的考核期" },
    CALENDAR_OPTION,
  ],
  notes: [
    "通报是一个 HTML 文件,不含脚本,不引用任何外部文件、字体或网址:在没有网络的内网中直接打开、打印(A4)。",
    "图表由 ECharts 在生成时画成 SVG 写入文件;需要可选依赖 echarts(npm install echarts)。",
    "评分与 kaohe score 相同;有单位未能评分时仍写出通报(列为“未评分”并写明原因),退出码 1。",
  ],
  examples: [
    "report --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml \\\n" +
      "        --facts examples/hubei-2009-h1.xlsx --out 通报.html --date 2009-07-15",
    "report --rules rules.yaml --facts 2025.xlsx --previous 2024.json --out 通报.html",
  ],
  exit: "0 成功;1 规则或事实文件有错、有单位未评分或无法写入;2 用法错误。",
};

/** ECharts, loaded synchronously, or a KaoheError S_NEEDS_LIBS naming it. */
export function echartsSync(): EChartsLike {
  try {
    // The CommonJS build (the command) has its own require; elsewhere, resolve from the cwd.
    const req = typeof require === "function" ? require : createRequire(`${process.cwd()}/`);
    const m = req("echarts") as EChartsLike;
    if (typeof m.init !== "function") throw new Error("echarts without init");
    return m;
  } catch {
    throw new KaoheError([issue("S_NEEDS_LIBS", [], { what: ECHARTS_NEEDED, install: "echarts" })]);
  }
}

/** 2009-07-15 → 2009年7月15日, as a 通报 is dated. */
function chineseDate(s: string): string {
  const [y, m, d] = s.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export function report(
  p: ParsedArgs,
  io: Io,
  loadECharts: () => EChartsLike = echartsSync,
): number {
  const rules = p.one("--rules");
  const facts = p.all("--facts");
  const out = p.one("--out");
  if (rules === undefined) throw new UsageError("缺少必需的选项 --rules <file>");
  if (!facts.length) throw new UsageError("缺少必需的选项 --facts <file>");
  if (out === undefined) throw new UsageError("缺少必需的选项 --out <report.html>");
  if (!/\.html?$/i.test(out)) throw new UsageError(`--out 须以 .html 结尾,而不是 "${out}"`);
  const date = p.one("--date");
  if (date !== undefined && parseDate(date) === null)
    throw new UsageError(`--date 须为实际存在的日期 YYYY-MM-DD,而不是 "${date}"`);
  // ECharts first: without it there is nothing to write, and nothing need be scored.
  let echarts: EChartsLike;
  try {
    echarts = loadECharts();
  } catch (e) {
    if (!(e instanceof KaoheError)) throw e;
    for (const i of e.issues) io.err(formatIssue(i));
    return 1;
  }
  const loaded = loadRulesOption(p, io, rules);
  if (!loaded) return 1;
  const crs = compileRuleSet(loaded.ruleSet);
  const read = readFactsOption(p, io, "report", crs, facts);
  if (!read) return 1;
  const { units, issues } = read;
  const calendar = calendarOption(p, io);
  if (calendar === null) return 1;
  const options: CohortOptions = { trace: true, calendar };
  const run = runOptions(p, io, "report");
  if (run === null) return 1;
  Object.assign(options, run);
  const cohort = scoreCohortLazily(crs, units, options);
  for (const i of cohort.issues) io.err(formatIssue(i));
  for (const w of cohort.warnings) io.err(formatIssue(w));
  for (const x of cohort.ranking)
    if (!x.outcome.ok) for (const i of x.outcome.issues) io.err(formatIssue(i));
  const title = p.one("--title");
  const html = renderTongbaoWith(echarts, crs, cohort, {
    ...(title !== undefined ? { title } : {}),
    ...(date !== undefined ? { date: chineseDate(date) } : {}),
  });
  try {
    writeFileSync(out, html);
  } catch (e) {
    io.err(
      formatIssue(
        issue("E_WRITE_FILE", [], { file: out, detail: (e as Error).message ?? String(e) }),
      ),
    );
    return 1;
  }
  io.out(out);
  const rejected =
    issues.length > 0 || cohort.issues.length > 0 || cohort.ranking.some((x) => x.score === null);
  return rejected ? 1 : 0;
}
