/**
 * `kaohe letters`: one 整改 letter per unit (DOCX or printable A4 HTML) in a directory, each with
 * the unit's score, rank and grade, every deduction with its reason and source clause, and the
 * fixes ranked by the points each would regain — the cohort scored again without that finding
 * group (src/report/letters). The library returns bytes and strings; this file writes them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CohortOptions } from "../cohort/cohort.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { formatIssue, issue, KaoheError } from "../errors/issue.js";
import { letterDocx } from "../report/letters/docx.js";
import { letterFileNames } from "../report/letters/filenames.js";
import { cohortFixes } from "../report/letters/fixes.js";
import { letterHtml } from "../report/letters/html.js";
import { letterOf } from "../report/letters/letter.js";
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

export const LETTERS: CommandSpec = {
  name: "letters",
  summary:
    "为每个单位写一份整改通知(DOCX 或可打印的 HTML):得分、名次、扣分及依据、按可多得分数排列的整改建议",
  usage: [
    "letters --rules <file> [--params <file>] [--reading <id>]... --facts <file>... --out <dir>",
    "      [--format docx|html] [--units <单位>,…] [--date YYYY-MM-DD]",
    "      [--as-of YYYY-MM-DD] [--window FROM..TO] [--previous <file>] [--calendar <file>]...",
  ],
  options: [
    ...RULE_OPTIONS,
    ...FACTS_OPTIONS,
    { name: "--out", value: "<dir>", help: "写到这个目录(必需;没有则建立),已有的同名文件被覆盖" },
    {
      name: "--format",
      value: "docx|html",
      choices: ["docx", "html"],
      help: "docx(默认,需要可选依赖 docx)或 html(A4 可打印,单个文件,不联网)",
    },
    {
      name: "--units",
      value: "<单位>,…",
      repeat: true,
      help: "只为这些单位写(单位名称,逗号分隔);默认每个单位。排名与计算仍按全体单位",
    },
    { name: "--date", value: "YYYY-MM-DD", help: "通知落款的日期;不给则不写日期" },
    { name: "--as-of", value: "YYYY-MM-DD", help: "截至日期(同 kaohe score)" },
    { name: "--window", value: "FROM..TO", help: "本次考核期(同 kaohe score)" },
    { name: "--previous", value: "<file>", help: "上次的结果(同 kaohe score)" },
    CALENDAR_OPTION,
  ],
  notes: [
    "每个单位一个文件,文件名为单位名称(去掉路径分隔符、..、控制字符等,最多 60 个字),",
    "重名(不分大小写)的依次加 -2、-3。写出的文件逐行列在标准输出。",
    "整改建议:每组问题(一个条款对该单位计的全部问题)改正后,全体单位重新评分得出可多得的分数、",
    "名次与等次(含扣分上限、全体计算、挂钩与名次),不是按扣分数估算;详见 docs/letters.md。",
    "同样的输入总是得到同样的字节。",
  ],
  examples: [
    "letters --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml \\\n" +
      "        --facts examples/hubei-2009-h1.xlsx --out 整改通知/",
    "letters --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml \\\n" +
      "        --facts examples/hubei-2009-h1-units.yaml --format html --units 某某县,江岸区 --out out/",
  ],
  exit: "0 每封通知都已写出;1 规则或事实文件有错、有单位未评分或无法写入;2 用法错误。",
};

export async function letters(p: ParsedArgs, io: Io): Promise<number> {
  const rules = p.one("--rules");
  const params = p.one("--params");
  const factsFiles = p.all("--facts");
  const out = p.one("--out");
  const format = (p.one("--format") ?? "docx") as "docx" | "html";
  const date = p.one("--date");
  if (rules === undefined) throw new UsageError("缺少必需的选项 --rules <file>");
  if (!factsFiles.length) throw new UsageError("缺少必需的选项 --facts <file>");
  if (out === undefined) throw new UsageError("缺少必需的选项 --out <dir>");
  if (date !== undefined && parseDate(date) === null)
    throw new UsageError(`--date 须为实际存在的日期 YYYY-MM-DD,而不是 "${date}"`);
  const loaded = loadRulesOption(p, io, rules, params);
  if (!loaded) return 1;
  const crs = compileRuleSet(loaded.ruleSet);
  const read = readFactsOption(p, io, "letters", crs, factsFiles);
  if (!read) return 1;
  const { units, issues } = read;
  const wanted = p
    .all("--units")
    .flatMap((s) => s.split(/[,,]/))
    .map((s) => s.trim())
    .filter(Boolean);
  const known = new Set(units.map((u) => u.id));
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length) throw new UsageError(`--units 中的单位不在事实文件中:${unknown.join("、")}`);
  const calendar = calendarOption(p, io);
  if (calendar === null) return 1;
  const options: CohortOptions = { calendar };
  const run = runOptions(p, io, "letters");
  if (run === null) return 1;
  Object.assign(options, run);
  const result = cohortFixes(crs, units, {
    ...options,
    ...(wanted.length ? { units: wanted } : {}),
  });
  for (const i of result.cohort.issues) io.err(formatIssue(i));
  const names = letterFileNames(
    result.units.map((u) => u.unit),
    format,
  );
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    io.err(formatIssue(issue("E_WRITE_FILE", [], { file: out, detail: (e as Error).message })));
    return 1;
  }
  let failed = result.cohort.issues.length > 0 || issues.length > 0;
  for (const [k, uf] of result.units.entries()) {
    if (!uf.outcome.ok) {
      failed = true;
      for (const i of uf.outcome.issues) io.err(formatIssue(i));
    }
    const letter = letterOf(crs, uf, date !== undefined ? { date } : {});
    const file = join(out, names[k] as string);
    try {
      const bytes = format === "html" ? letterHtml(letter) : await letterDocx(letter);
      writeFileSync(file, bytes);
    } catch (e) {
      if (e instanceof KaoheError) {
        for (const i of e.issues) io.err(formatIssue(i));
        return 1;
      }
      io.err(formatIssue(issue("E_WRITE_FILE", [], { file, detail: (e as Error).message })));
      return 1;
    }
    io.out(file);
  }
  const unscored = result.units.filter((u) => !u.outcome.ok).length;
  io.err(
    `kaohe letters: 已写出 ${result.units.length} 份整改通知(${format.toUpperCase()})${unscored ? `,其中 ${unscored} 个单位未能评分` : ""}`,
  );
  return failed ? 1 : 0;
}
