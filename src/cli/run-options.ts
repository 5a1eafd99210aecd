/**
 * What the commands read the same way: the rule file given with `--params` and `--reading`, the
 * facts files (YAML/JSON, or sheets), the option specs of both, and `--as-of`, `--window` and
 * `--previous` as cohort options.
 */
import { resolve } from "node:path";
import type { CohortOptions } from "../cohort/cohort.js";
import type { PreviousRun } from "../cohort/types.js";
import { formatIssue } from "../errors/issue.js";
import { parseSource } from "../load/document.js";
import type { LoadResult } from "../load/load.js";
import type { ParsedUnits } from "../load/units.js";
import { loadFactsFiles, loadRuleSetFile, loadUnitsFile, readTextFile } from "../node/index.js";
import type { SheetUnits } from "../sheets/layout.js";
import type { Io } from "./main.js";
import type { CommandSpec, ParsedArgs } from "./options.js";

type OptionSpec = CommandSpec["options"][number];

/** --rules, --params, --reading: one rule set (a template with its parameters file). */
export const RULE_OPTIONS: readonly OptionSpec[] = [
  { name: "--rules", value: "<file>", help: "规则文件(必需)" },
  { name: "--params", value: "<file>", help: "模板规则集的参数文件" },
  {
    name: "--reading",
    value: "<id>",
    repeat: true,
    help: "模板中有歧义的条款按这种解读(readings 中声明)",
  },
];

/** --facts, --layout, --sheet: the facts files, as kaohe score reads them. */
export const FACTS_OPTIONS: readonly OptionSpec[] = [
  {
    name: "--facts",
    value: "<file>",
    repeat: true,
    help: "事实文件(必需):.yaml、.json、.csv、.xlsx、.jsonl;单位表与问题清单可各给一个",
  },
  {
    name: "--layout",
    value: "wide|long",
    choices: ["wide", "long"],
    help: "表格的布局:wide 每行一个单位,long 每行一条问题;默认按表头判断",
  },
  {
    name: "--sheet",
    value: "<name>",
    help: "XLSX:只读这个工作表(默认读“单位”和“问题”,否则第一个)",
  },
];

/** --calendar: holiday notices as data, adding or correcting years of the built-in calendar. */
export const CALENDAR_OPTION: OptionSpec = {
  name: "--calendar",
  value: "<file>",
  repeat: true,
  help: "补充或更正某年的放假安排(YAML/JSON,按国务院办公厅通知);内置 2008–2026 年",
};

/**
 * --as-of, --window and --previous as cohort options; null (the reasons printed) when the previous
 * run cannot be read.
 */
export function runOptions(
  p: ParsedArgs,
  io: Io,
  command: string,
): Pick<CohortOptions, "asOf" | "window" | "previous"> | null {
  const options: Pick<CohortOptions, "asOf" | "window" | "previous"> = {};
  const asOf = p.one("--as-of");
  if (asOf !== undefined) options.asOf = asOf;
  const window = p.one("--window");
  if (window !== undefined) {
    const [from, to] = window.split("..");
    options.window = { from: from ?? "", to: to ?? "" };
  }
  const previousFile = p.one("--previous");
  if (previousFile !== undefined) {
    const prev = readTextFile(previousFile);
    const data = prev.text !== undefined ? parseSource(prev.text, previousFile) : null;
    if (!data || data.issues.length || !data.data || typeof data.data !== "object") {
      io.err(`kaohe ${command}: 无法读取上次的结果 ${previousFile}`);
      for (const i of data?.issues ?? (prev.issue ? [prev.issue] : [])) io.err(formatIssue(i));
      return null;
    }
    options.previous = data.data as PreviousRun;
  }
  return options;
}

/** A rule set loaded and checked, as `loadRuleSetFile` gives it. */
export type CheckedRules = Extract<LoadResult, { ok: true }>;

/**
 * The rule file `file` with `--params` (or `params`) and every `--reading`, loaded and checked as
 * `kaohe check` does: its errors printed and null when it has any, else its warnings printed (a
 * rule set with a clause that can never apply is scored, and the person running it told so).
 */
export function loadRulesOption(
  p: ParsedArgs,
  io: Io,
  file: string,
  params: string | undefined = p.one("--params"),
): CheckedRules | null {
  const loaded = loadRuleSetFile(file, file, {
    ...(params ? { params } : {}),
    readings: p.all("--reading"),
  });
  if (!loaded.ok) {
    for (const i of loaded.issues) io.err(formatIssue(i));
    return null;
  }
  for (const w of loaded.warnings) io.err(formatIssue(w));
  return loaded;
}

/** The units read from the facts files, with where each came from when read from sheets. */
export type FactsRead = ParsedUnits & Partial<Pick<SheetUnits, "locate" | "summary">>;

/**
 * The facts files as kaohe scores them: one YAML or JSON file by the facts-file reader; sheets
 * (CSV, XLSX, JSON Lines), several files, `--layout`, `--sheet` or a row limit by the sheet
 * readers, which account for every row. The problems found and the rows' tally are printed; null
 * when no unit was read (an empty result would read as "nothing to deduct").
 */
export function readFactsOption(
  p: ParsedArgs,
  io: Io,
  command: string,
  ruleSet: Parameters<typeof loadFactsFiles>[1],
  files: readonly string[],
  maxRows?: number,
): FactsRead | null {
  const first = files[0] as string;
  const layout = p.one("--layout") as "wide" | "long" | undefined;
  const sheet = p.one("--sheet");
  const sheets =
    files.length > 1 ||
    layout !== undefined ||
    sheet !== undefined ||
    maxRows !== undefined ||
    !/\.(ya?ml|json)$/i.test(first);
  const read: FactsRead = sheets
    ? loadFactsFiles(
        files.map((f) => ({ path: resolve(f), name: f })),
        ruleSet,
        {
          ...(layout ? { layout } : {}),
          ...(sheet !== undefined ? { sheet } : {}),
          ...(maxRows !== undefined ? { maxRows } : {}),
        },
      )
    : loadUnitsFile(resolve(first), first);
  for (const i of read.issues) io.err(formatIssue(i));
  const rows = read.summary;
  if (rows?.rowsRead)
    io.err(
      `kaohe ${command}: 读取 ${rows.rowsRead} 行数据,采用 ${rows.rowsUsed} 行,跳过 ${rows.rowsSkipped} 行(注释或空行),拒绝 ${rows.rowsRejected} 行`,
    );
  if (!read.units.length) {
    if (!read.issues.length)
      io.err(`kaohe ${command}: 事实文件 ${files.join("、")} 没有列出任何单位`);
    return null;
  }
  return read;
}
