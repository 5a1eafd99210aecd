/**
 * `kaohe seal`: checks a rule file as `kaohe check` does and writes it sealed — the rule set with
 * this kaohe version and a SHA-256 digest — for a page that scores with `kaohe/sealed`, whose
 * bundle carries no validator (docs/integrate.md, "A sealed rule set").
 */
import { writeFileSync } from "node:fs";
import { formatIssue } from "../errors/issue.js";
import { sealChecked, sealFault } from "../load/seal.js";
import { type CommandSpec, type ParsedArgs, UsageError } from "./options.js";
import type { CommandIo } from "./render.js";
import { loadRulesOption } from "./run-options.js";

export const SEAL: CommandSpec = {
  name: "seal",
  summary: "校验规则文件并封存(附版本号和 SHA-256 摘要),供网页用 kaohe/sealed 直接评分",
  usage: ["seal <rule-file> [--params <file>] [--reading <id>]... [--out <file.json>]"],
  args: "<rule-file>",
  options: [
    { name: "--params", value: "<file>", help: "模板规则集的参数文件" },
    {
      name: "--reading",
      value: "<id>",
      repeat: true,
      help: "模板中有歧义的条款按这种解读(readings 中声明)",
    },
    { name: "--out", value: "<file.json>", help: "写入这个文件;不给时输出到标准输出" },
  ],
  notes: [
    "与 kaohe check 做同样的全部校验;有错误时不写文件。写出的 JSON 含封存它的 kaohe 版本号和",
    "内容摘要:网页用 kaohe/sealed 的 compileSealedRuleSet 打开时,只核对版本和摘要,不再校验,",
    "所以页面不必带校验器(体积见 docs/performance.md)。封存后改动内容(哪怕一个分值)会被拒绝",
    "(E_SEALED_DIGEST);换用别的 kaohe 版本须重新封存(E_SEALED_ENGINE)。",
    "摘要防的是误改,不是签名:用户上传的规则集请用 kaohe/core 的 validateRuleSet 全面校验。",
  ],
  examples: [
    "seal rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml --out public/hubei.sealed.json",
    "seal rules/guizhou/wudang-2018/rules.yaml \\\n" +
      "        --params rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml --out wudang.json",
  ],
  exit: "0 成功(可有警告);1 规则文件有错;2 用法错误。",
};

export function seal(p: ParsedArgs, io: CommandIo): number {
  if (p.args.length !== 1) throw new UsageError("请指定一个规则文件");
  const file = p.args[0] as string;
  const params = p.one("--params");
  const out = p.one("--out");
  const loaded = loadRulesOption(p, io, file, params);
  if (!loaded) return 1;
  let text: string;
  try {
    text = `${JSON.stringify(sealChecked(loaded.ruleSet), null, 2)}\n`;
  } catch (e) {
    const i = sealFault(e);
    if (!i) throw e;
    io.err(formatIssue({ ...i, file }));
    return 1;
  }
  if (out === undefined) {
    io.out(text.trimEnd());
    return 0;
  }
  writeFileSync(out, text);
  const sealed = JSON.parse(text) as { digest: string; engine: string };
  io.err(`${file}: 已封存到 ${out}(kaohe ${sealed.engine},${sealed.digest.slice(0, 19)}…)`);
  return 0;
}
