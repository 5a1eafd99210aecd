/**
 * `kaohe render`: the 考核内容明细表 of a rule set, from its data — Markdown or HTML (standard
 * output or a file), XLSX or DOCX (a file). Node only: the tables themselves are made by the
 * browser-safe src/report/rules-table.
 */
import { writeFileSync } from "node:fs";
import { formatIssue, issue, KaoheError } from "../errors/issue.js";
import {
  rulesTableToDocx,
  rulesTableToHtml,
  rulesTableToMarkdown,
  rulesTableToXlsxWith,
} from "../report/rules-table/index.js";
import { buildRulesTable, type RulesTable } from "../report/rules-table/model.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { type CommandSpec, type ParsedArgs, UsageError } from "./options.js";
import { loadRulesOption, RULE_OPTIONS } from "./run-options.js";
import { fflateSync } from "./write-sheets.js";

/** Where the command prints. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

export const RENDER: CommandSpec = {
  name: "render",
  summary: "按规则数据生成考核内容明细表(Markdown、可打印的 HTML、XLSX 或 DOCX)",
  usage: [
    "render --rules <file> [--params <file>] [--reading <id>]... [--category <id>]",
    "       [--format md|html|xlsx|docx] [--out <file>]",
  ],
  options: [
    ...RULE_OPTIONS,
    {
      name: "--category",
      value: "<id>",
      help: "只列出这一类单位的指标和分值(如乌当的附件1、附件2);默认列出全部,分值按类别注明",
    },
    {
      name: "--format",
      value: "md|html|xlsx|docx",
      choices: ["md", "html", "xlsx", "docx"],
      help: "输出格式,默认 md;xlsx 和 docx 须用 --out",
    },
    { name: "--out", value: "<file>", help: "写到这个文件;不给时 md 和 html 写到标准输出" },
  ],
  notes: [
    "列:一级指标、二级指标、分值、评分标准;评分标准是规则文件中各指标和条款所记的原文(text)。",
    "特别减分项、特别加分项、一票否决和直接归零项、分数门槛列在表后。",
    "HTML 是单个文件,不加载任何外部资源,按 A4 纸打印;XLSX 写入 明细表 和 说明 两个工作表。",
    "XLSX 需要可选依赖 fflate,DOCX 需要可选依赖 docx(没有安装时提示 npm install)。",
  ],
  examples: [
    "render --rules rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml --format html --out 明细表.html",
    "render --rules rules/guizhou/wudang-2018/rules.yaml \\\n" +
      "         --params rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml \\\n" +
      "         --category xiangzhen --format docx --out 附件1.docx",
  ],
  exit: "0 成功;1 规则文件有错或无法写入;2 用法错误。",
};

function writeFile(file: string, data: string | Uint8Array): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new KaoheError([
      issue("E_WRITE_FILE", [], { file, detail: (e as Error).message ?? String(e) }),
    ]);
  }
}

/** Prints a KaoheError's issues and gives 1; anything else is thrown again. */
function failed(e: unknown, io: CommandIo): number {
  if (!(e instanceof KaoheError)) throw e;
  for (const i of e.issues) io.err(formatIssue(i));
  return 1;
}

/**
 * Runs `kaohe render`. Markdown, HTML and XLSX are written before it returns; DOCX (made by the
 * docx package, which is asynchronous) gives a promise of the exit status.
 */
export function render(p: ParsedArgs, io: CommandIo): number | Promise<number> {
  const rules = p.one("--rules");
  const params = p.one("--params");
  const format = p.one("--format") ?? "md";
  const out = p.one("--out");
  const category = p.one("--category");
  if (p.args.length) throw new UsageError(`多余的参数 ${p.args[0]};规则文件用 --rules <file> 给出`);
  if (rules === undefined) throw new UsageError("缺少必需的选项 --rules <file>");
  if (out === undefined && (format === "xlsx" || format === "docx"))
    throw new UsageError(`--format ${format} 写文件,请用 --out <file.${format}> 指明写到哪里`);
  const loaded = loadRulesOption(p, io, rules, params);
  if (!loaded) return 1;
  const rs = loaded.ruleSet as RuleSetInput;
  const cats = rs.categories ?? [];
  if (category !== undefined && !cats.some((c) => c.id === category))
    throw new UsageError(
      cats.length
        ? `规则集没有类别 "${category}";有:${cats.map((c) => `${c.id}(${c.label})`).join("、")}`
        : "规则集没有类别,不用 --category",
    );
  const table: RulesTable = buildRulesTable(rs, category !== undefined ? { category } : {});
  try {
    if (format === "md" || format === "html") {
      const text = format === "md" ? rulesTableToMarkdown(table) : rulesTableToHtml(table);
      if (out === undefined) io.out(text.replace(/\n$/, ""));
      else {
        writeFile(out, text);
        io.out(out);
      }
      return 0;
    }
    if (format === "xlsx") {
      writeFile(out as string, rulesTableToXlsxWith(table, fflateSync().zipSync));
      io.out(out as string);
      return 0;
    }
  } catch (e) {
    return failed(e, io);
  }
  return rulesTableToDocx(table).then(
    (bytes) => {
      try {
        writeFile(out as string, bytes);
        io.out(out as string);
        return 0;
      } catch (e) {
        return failed(e, io);
      }
    },
    (e) => failed(e, io),
  );
}
