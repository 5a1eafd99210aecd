/**
 * `kaohe diff`: what changed between two rule sets — two rule files, or two parameters files of one
 * template — as Chinese text or JSON. Exit status as diff(1): 0 none, 1 some, 2 trouble.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { formatIssue } from "../errors/issue.js";
import { loadRuleSetFile, readTextFile } from "../node/index.js";
import { diffRuleSets } from "../report/diff/diff.js";
import { diffToText } from "../report/diff/text.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { type CommandSpec, type ParsedArgs, UsageError } from "./options.js";
import type { CommandIo } from "./render.js";

export const DIFF: CommandSpec = {
  name: "diff",
  summary: "比较两个规则集(或同一模板的两个参数文件):指标增删、分值、上限、权重、原文的变化",
  usage: [
    "diff <old-rule-file> <new-rule-file> [--params <file>] [--format text|json]",
    "diff --rules <template> <old-params> <new-params> [--format text|json]",
    "diff <old-params> <new-params> [--format text|json]",
  ],
  args: "<old> <new>",
  options: [
    {
      name: "--rules",
      value: "<file>",
      help: "模板规则文件:给出时,<old> 和 <new> 是它的两个参数文件",
    },
    {
      name: "--params",
      value: "<file>",
      help: "比较两个模板规则文件时,两者都用这个参数文件",
    },
    {
      name: "--reading",
      value: "<id>",
      repeat: true,
      help: "模板中有歧义的条款按这种解读(两边相同)",
    },
    {
      name: "--format",
      value: "text|json",
      choices: ["text", "json"],
      help: "text(默认)每行一个指标或条款;json 格式固定,见 docs/render.md",
    },
  ],
  notes: [
    "两个文件都是参数文件(kaohe-parameters)而没有给 --rules 时,模板取参数文件所在目录的上一级中的",
    "rules.yaml(如 rules/guizhou/wudang-2018/params/ 的 rules/guizhou/wudang-2018/rules.yaml)。",
    "指标和条款按 id 对应;分值比较各类单位实际的分值(未写分值的指标为其下级之和)。",
  ],
  examples: [
    "diff --rules rules/guizhou/wudang-2018/rules.yaml \\\n" +
      "       rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml \\\n" +
      "       rules/guizhou/wudang-2018/params/alt-allocation-UNOFFICIAL.yaml",
    "diff rules-2023.yaml rules-2024.yaml --format json > 差异.json",
  ],
  exit: "0 没有差异;1 有差异;2 用法错误,或规则文件、参数文件有错(与 diff 命令相同)。",
};

/** Whether a file is a parameters file (its first key kaohe-parameters). */
function isParams(file: string): boolean {
  const t = readTextFile(file).text;
  return t !== undefined && /^kaohe-parameters\s*:/m.test(t);
}

/** The template beside a parameters file: `<dir>/../rules.yaml` (or .yml, .json), if there. */
function templateOf(paramsFile: string): string | undefined {
  const dir = dirname(dirname(paramsFile));
  return ["rules.yaml", "rules.yml", "rules.json"].map((n) => join(dir, n)).find(existsSync);
}

/** Runs `kaohe diff`. */
export function diff(p: ParsedArgs, io: CommandIo): number {
  if (p.args.length !== 2)
    throw new UsageError("请给出两个文件:旧的和新的(规则文件,或同一模板的两个参数文件)");
  const [a, b] = p.args as [string, string];
  let template = p.one("--rules");
  const params = p.one("--params");
  if (template !== undefined && params !== undefined)
    throw new UsageError("--rules 与 --params 不能同时给:用 --rules 时,两个文件就是参数文件");
  if (template === undefined && isParams(a) && isParams(b)) {
    template = templateOf(a);
    if (template === undefined || templateOf(b) !== template)
      throw new UsageError(
        "两个参数文件不在同一模板的 params/ 目录中,请用 --rules <template> 指明模板",
      );
  }
  const readings = p.all("--reading");
  const load = (file: string) =>
    template !== undefined
      ? loadRuleSetFile(template, template, { params: file, readings })
      : loadRuleSetFile(file, file, { ...(params ? { params } : {}), readings });
  const before = load(a);
  const after = load(b);
  let bad = false;
  for (const r of [before, after])
    if (!r.ok) {
      bad = true;
      for (const i of r.issues) io.err(formatIssue(i));
    }
  if (!before.ok || !after.ok || bad) return 2;
  const d = diffRuleSets(before.ruleSet as RuleSetInput, after.ruleSet as RuleSetInput);
  if ((p.one("--format") ?? "text") === "json") io.out(JSON.stringify(d, null, 2));
  else io.out(diffToText(d).replace(/\n$/, ""));
  return d.changes.length ? 1 : 0;
}
