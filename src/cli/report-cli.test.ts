import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { captureAsync } from "../../test/cli.js";
import { findRuleFiles, loadRuleSetFile } from "../node/index.js";
import { diffRuleSets } from "../report/diff/diff.js";
import { rulesTableToMarkdown } from "../report/rules-table/markdown.js";
import { buildRulesTable } from "../report/rules-table/model.js";
import type { RuleSetInput } from "../schema/ruleset.js";

const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const WUDANG = "rules/guizhou/wudang-2018/rules.yaml";
const EXAMPLE = "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml";
const ALT = "rules/guizhou/wudang-2018/params/alt-allocation-UNOFFICIAL.yaml";

const cli = (...argv: string[]) => captureAsync(argv);

const tmp = () => mkdtempSync(join(tmpdir(), "kaohe-render-"));

describe("kaohe render", () => {
  it("Markdown to standard output: the library's table, byte for byte", async () => {
    const r = await cli("render", "--rules", HUBEI);
    expect(r.code).toBe(0);
    const loaded = loadRuleSetFile(HUBEI);
    if (!loaded.ok) throw new Error("hubei does not load");
    expect(`${r.out}\n`).toBe(
      rulesTableToMarkdown(buildRulesTable(loaded.ruleSet as RuleSetInput)),
    );
    expect(r.err).toBe("");
  });

  it("HTML, XLSX and DOCX to files, each named on standard output", async () => {
    const dir = tmp();
    for (const format of ["html", "xlsx", "docx"]) {
      const out = join(dir, `明细表.${format}`);
      const r = await cli("render", "--rules", HUBEI, "--format", format, "--out", out);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe(out);
    }
    expect(readFileSync(join(dir, "明细表.html"), "utf8")).toContain(
      "<title>湖北省2009年上半年财政与编制政务公开考核内容明细表</title>",
    );
    expect(readFileSync(join(dir, "明细表.xlsx")).subarray(0, 2).toString()).toBe("PK");
    const docx = await mammoth.extractRawText({ path: join(dir, "明细表.docx") });
    expect(docx.value).toContain("凡是信息不全面、不完整,扣1分");
  });

  it("a template with its parameters file and one category", async () => {
    const r = await cli("render", "--rules", WUDANG, "--params", EXAMPLE, "--category", "bumen");
    expect(r.code).toBe(0);
    expect(r.out).toContain("适用于:区直部门(区政府各工作部门、各直属事业单位等)");
    expect(r.out).toContain("满分100分");
    expect(r.out).not.toContain("每年专题听取汇报不少于1次"); // 附件1's line
    expect(r.out).toContain("每年专题听取汇报不少于2次");
  });

  it("renders every bundled rule set (templates with each of their parameters files)", async () => {
    for (const file of findRuleFiles("rules")) {
      const params = file.includes("wudang") ? [EXAMPLE, ALT] : [undefined];
      for (const p of params) {
        const r = await cli(
          "render",
          "--rules",
          file,
          ...(p ? ["--params", p] : []),
          "--format",
          "html",
        );
        expect(r.code, `${file}: ${r.err}`).toBe(0);
        expect(r.out.startsWith("<!DOCTYPE html>")).toBe(true);
      }
    }
  });

  it("usage errors exit 2; a rule file with problems exits 1", async () => {
    const cases: [string[], RegExp][] = [
      [["render"], /缺少必需的选项 --rules/],
      [["render", "--rules", HUBEI, "--format", "docx"], /--format docx 写文件,请用 --out/],
      [["render", "--rules", HUBEI, "--format", "xlsx"], /--format xlsx 写文件/],
      [["render", "--rules", HUBEI, "--format", "pdf"], /--format/],
      [
        ["render", "--rules", HUBEI, "--category", "x"],
        /规则集没有类别 "x";有:chengzhong\(26个城中区\)/,
      ],
      [["render", HUBEI], /多余的参数/],
    ];
    for (const [argv, msg] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err).toMatch(msg);
    }
    const r = await cli("render", "--rules", WUDANG);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/E_/);
    const dir = tmp();
    const bad = await cli(
      "render",
      "--rules",
      HUBEI,
      "--format",
      "html",
      "--out",
      join(dir, "no/such/dir/x.html"),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("E_WRITE_FILE");
  });
});

describe("kaohe diff", () => {
  it("two parameters files of one template: the differences, exit 1", async () => {
    const r = await cli("diff", "--rules", WUDANG, EXAMPLE, ALT);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "指标 一.1.2(作为“第一新闻发言人”发布新闻,带头开展政策解读。):分值 1.5 → 2",
    );
    // The template found beside the parameters files gives the same.
    expect((await cli("diff", EXAMPLE, ALT)).out).toBe(r.out);
  });

  it("JSON: the library's diff, with its stable shape", async () => {
    const r = await cli("diff", "--rules", WUDANG, EXAMPLE, ALT, "--format", "json");
    expect(r.code).toBe(1);
    const load = (p: string) => {
      const x = loadRuleSetFile(WUDANG, WUDANG, { params: p });
      if (!x.ok) throw new Error("wudang does not load");
      return x.ruleSet as RuleSetInput;
    };
    const data = JSON.parse(r.out);
    expect(data).toEqual(JSON.parse(JSON.stringify(diffRuleSets(load(EXAMPLE), load(ALT)))));
    expect(Object.keys(data)).toEqual(["old", "new", "categories", "changes"]);
    expect(Object.keys(data.changes[0])).toEqual([
      "kind",
      "subject",
      "id",
      "label",
      "field",
      "category",
      "old",
      "new",
    ]);
  });

  it("the same rule set twice: 没有差异, exit 0", async () => {
    const r = await cli("diff", HUBEI, HUBEI);
    expect(r.code).toBe(0);
    expect(r.out).toContain("没有差异");
  });

  it("two rule files: a changed amount in a copy", async () => {
    const dir = tmp();
    const copy = join(dir, "rules.yaml");
    writeFileSync(
      copy,
      readFileSync(HUBEI, "utf8").replace(
        "            amount: 2\n            text: 不符合保密规定的,扣2分。",
        "            amount: 3\n            text: 不符合保密规定的,扣3分。",
      ),
    );
    const r = await cli("diff", HUBEI, copy);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "条款 二.1.保密(编制信息全面、及时):分值 2 → 3;原文由“不符合保密规定的,扣2分。”改为“不符合保密规定的,扣3分。”",
    );
  });

  it("usage errors and files that do not load exit 2", async () => {
    for (const argv of [
      ["diff"],
      ["diff", HUBEI],
      ["diff", "--rules", WUDANG, "--params", EXAMPLE, EXAMPLE, ALT],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
    }
    const r = await cli("diff", WUDANG, WUDANG);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/E_/);
  });
});

describe("kaohe help", () => {
  it("lists render and diff, each with its help", async () => {
    const r = await cli("help");
    expect(r.out).toContain("kaohe render --rules <file> --format md|html|xlsx|docx");
    expect(r.out).toContain("kaohe diff <old> <new> [--format text|json]");
    const h = await cli("diff", "--help");
    expect(h.out).toContain("0 没有差异;1 有差异;2 用法错误");
    expect((await cli("help", "render")).out).toContain("--category <id>");
  });
});
