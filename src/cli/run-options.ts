/**
 * What `kaohe score`, `kaohe report` and `kaohe letters` read the same way: the option specs of the
 * rules and facts they score, and `--as-of`, `--window` and `--previous` as cohort options.
 */
import type { CohortOptions } from "../cohort/cohort.js";
import type { PreviousRun } from "../cohort/types.js";
import { formatIssue } from "../errors/issue.js";
import { parseSource } from "../load/document.js";
import { readTextFile } from "../node/index.js";
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
