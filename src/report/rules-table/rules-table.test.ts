import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import * as fflate from "fflate";
import mammoth from "mammoth";
import * as saxes from "saxes";
import { describe, expect, it } from "vitest";
import { findRuleFiles, loadRuleSetFile } from "../../node/index.js";
import type { NodeInput, RuleSetInput } from "../../schema/ruleset.js";
import { chooseSheets, readXlsx, xlsxLibsFrom } from "../../sheets/xlsx.js";
import {
  buildRulesTable,
  type RulesTable,
  rulesTableToDocx,
  rulesTableToHtml,
  rulesTableToMarkdown,
  rulesTableToXlsx,
} from "./index.js";

const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const WUDANG = "rules/guizhou/wudang-2018/rules.yaml";
const WUDANG_PARAMS = "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml";

function load(file: string, params?: string): RuleSetInput {
  const r = loadRuleSetFile(file, file, params ? { params } : {});
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.ruleSet as RuleSetInput;
}

/** Every rule set shipped in rules/, each template once per parameters file. */
function bundled(): { file: string; params?: string }[] {
  return findRuleFiles("rules").flatMap((file) => {
    const dir = join(dirname(file), "params");
    let params: string[] = [];
    try {
      params = readdirSync(dir)
        .filter((n) => /\.ya?ml$/.test(n))
        .map((n) => join(dir, n));
    } catch {}
    return params.length ? params.map((p) => ({ file, params: p })) : [{ file }];
  });
}

/** The texts (原文) the rule file gives each node and clause of the tree, by node id. */
function treeTexts(rs: RuleSetInput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const go = (ns: NodeInput[]) => {
    for (const n of ns) {
      out.set(
        n.id,
        [n.text, ...(n.clauses ?? []).map((c) => c.text)].filter(
          (t) => t !== undefined,
        ) as string[],
      );
      go(n.children ?? []);
    }
  };
  go(rs.tree);
  return out;
}

const standards = (t: RulesTable) => t.groups.flatMap((g) => g.rows.flatMap((r) => r.standard));

/** The 湖北 source, 篇9 of seed text 002 (see source.txt's header), with its line breaks taken out. */
const HUBEI_SOURCE = readFileSync("rules/hubei/caizheng-bianzhi-2009-h1/source.txt", "utf8")
  .split("\n")
  .filter((l) => !l.startsWith("#"))
  .join("");

const libs = xlsxLibsFrom(fflate, saxes);

/** The rows of the first sheet of an XLSX file, read with kaohe's own reader. */
function xlsxRows(bytes: Uint8Array, sheet = "明细表"): string[][] {
  const { sheets } = readXlsx(bytes, libs, (n) => chooseSheets(n, sheet));
  return (sheets[0]?.rows ?? []).map((r) => r.cells.map((c) => c ?? ""));
}

interface HtmlCell {
  cls: string;
  rowspan: number;
  paras: string[];
  text: string;
}

/** The body rows of the table of an HTML page, parsed back as XML. */
function htmlRows(html: string): HtmlCell[][] {
  const parser = new saxes.SaxesParser();
  const rows: HtmlCell[][] = [];
  let inBody = false;
  let cell: HtmlCell | null = null;
  let para: string | null = null;
  parser.on("opentag", (t) => {
    if (t.name === "tbody") inBody = true;
    if (!inBody) return;
    if (t.name === "tr") rows.push([]);
    if (t.name === "td") {
      cell = {
        cls: String(t.attributes.class ?? ""),
        rowspan: Number(t.attributes.rowspan ?? 1),
        paras: [],
        text: "",
      };
      rows[rows.length - 1]?.push(cell);
    }
    if (t.name === "p" && cell) para = "";
    if (t.name === "br" && para !== null) para += "\n";
  });
  parser.on("text", (s) => {
    if (cell) cell.text += s;
    if (para !== null) para += s;
  });
  parser.on("closetag", (t) => {
    if (t.name === "tbody") inBody = false;
    if (t.name === "p" && cell && para !== null) {
      cell.paras.push(para);
      para = null;
    }
    if (t.name === "td") cell = null;
  });
  parser.write(html).close();
  return rows;
}

describe("the 湖北 2009 明细表 reproduces the source's scoring standards", () => {
  const rs = load(HUBEI);
  const table = buildRulesTable(rs);

  it("every standard is the source's text: each part (between ……) found in 篇9 as written", () => {
    const all = standards(table);
    expect(all.length).toBeGreaterThan(40);
    for (const s of all)
      for (const part of s.split("……")) {
        expect(part.length).toBeGreaterThan(0);
        if (!HUBEI_SOURCE.includes(part)) throw new Error(`not in the source: ${part}`);
      }
  });

  it("every node's and clause's text is in its indicator's row, once", () => {
    const texts = treeTexts(rs);
    const byTitle = new Map<string, string[]>();
    for (const g of table.groups) {
      byTitle.set(g.title, g.rows.find((r) => r.depth === 0)?.standard ?? []);
      for (const r of g.rows)
        if (r.depth > 0) byTitle.set(r.indicator.replace(/\(.*适用于.*\)$/, ""), r.standard);
    }
    const walk = (ns: NodeInput[]) => {
      for (const n of ns) {
        const row = byTitle.get(n.title);
        expect(row, n.title).toBeDefined();
        for (const t of texts.get(n.id) ?? [])
          expect(row?.filter((x) => x === t).length, t).toBe(1);
        walk(n.children ?? []);
      }
    };
    walk(rs.tree);
    expect(table.total).toBe("满分100分");
    expect(table.title).toBe("湖北省2009年上半年财政与编制政务公开考核内容明细表");
  });

  it("Markdown: one row per indicator, 一级指标 named once with its points, standards joined by <br>", () => {
    const md = rulesTableToMarkdown(table);
    const lines = md.split("\n");
    expect(lines[0]).toBe("# 湖北省2009年上半年财政与编制政务公开考核内容明细表");
    expect(md).toContain("| 一级指标 | 二级指标 | 分值 | 评分标准 |");
    const row = lines.find((l) => l.includes("| 编制信息全面、及时 |"));
    expect(row).toBe(
      "|  | 编制信息全面、及时 | 2 | 要求全面公开编制部门的主要职责、办事程序、管理制度、工作纪律、服务承诺以及相关政策规定。所公开信息应符合保密规定。机构和人员编制信息发生变化的,一般应在30个工作日内更新,并同时更新编制概况。<br>凡是信息不全面、不完整,扣1分<br>机构和人员编制信息发生变化的,一般应在30个工作日内更新,并同时更新编制概况。……信息更新不及时,扣1分<br>不符合保密规定的,扣2分。 |",
    );
    expect(md).toContain("| **行政事业单位编制管理网上公开情况(27分)** |");
    // 四.1.2: 4 points for the 26 城中区, 2 for the others; 四.1.1 not for the 城中区.
    expect(md).toContain(
      "| 　利用中小学电脑课、农民工培训课开展查询活动 | 26个城中区:4;其他市州直、县市区:2 |",
    );
    expect(md).toContain("农户查询点、远程教育站点开展宣传和查询活动(仅适用于:其他市州直、县市区)");
    const tableRows = lines.filter((l) => l.startsWith("| ") && !l.startsWith("| ---")).length - 1;
    expect(tableRows).toBe(table.groups.reduce((n, g) => n + g.rows.length, 0));
    for (const s of standards(table)) expect(md).toContain(s);
  });

  it("HTML: parsed back, each 一级指标 spans its rows and each standard is a paragraph of its row", () => {
    const html = rulesTableToHtml(table);
    expect(html).toContain("@page { size: A4;");
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    const rows = htmlRows(html);
    expect(rows.length).toBe(table.groups.reduce((n, g) => n + g.rows.length, 0));
    let at = 0;
    for (const g of table.groups) {
      const first = rows[at]?.[0];
      expect(first?.cls).toBe("l1");
      expect(first?.rowspan).toBe(g.rows.length);
      g.rows.forEach((r, i) => {
        const cells = rows[at + i] as HtmlCell[];
        expect(cells.length).toBe(i === 0 ? 4 : 3);
        const std = cells[cells.length - 1] as HtmlCell;
        expect(std.paras).toEqual(r.standard);
        expect((cells[cells.length - 2] as HtmlCell).text).toBe(r.points);
      });
      at += g.rows.length;
    }
  });

  it("XLSX: read back with kaohe's reader, the standards cell by cell, 一级指标 merged", async () => {
    const bytes = await rulesTableToXlsx(table);
    const rows = xlsxRows(bytes);
    expect(rows[0]).toEqual(["一级指标", "二级指标", "分值", "评分标准"]);
    let at = 1;
    for (const g of table.groups) {
      g.rows.forEach((r, i) => {
        const row = rows[at + i] as string[];
        expect(row[0] ?? "").toBe(i === 0 ? `${g.title}(${g.points}分)` : "");
        expect(row[2] ?? "").toBe(r.points);
        expect(row[3] ?? "").toBe(r.standard.join("\n"));
      });
      at += g.rows.length;
    }
    const sheet = new TextDecoder().decode(fflate.unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    expect(sheet).toContain('<mergeCell ref="A3:A11"/>'); // 二: its own row and 二.1–二.8
    expect(sheet).toContain('<pageSetup paperSize="9"');
    expect(xlsxRows(bytes, "说明")[0]).toEqual([table.title]);
  });

  it("DOCX: read back with mammoth, every standard is a paragraph of the document", async () => {
    const bytes = await rulesTableToDocx(table);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const paras = value.split(/\n+/);
    expect(paras[0]).toBe(table.title);
    for (const s of standards(table)) expect(paras).toContain(s);
    for (const g of table.groups) expect(paras).toContain(`${g.title}(${g.points}分)`);
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    expect(html).toContain('rowspan="9"'); // 二 over its own row and 二.1–二.8
  });

  it("XLSX and DOCX bytes depend only on the rule set", async () => {
    expect(await rulesTableToXlsx(table)).toEqual(
      await rulesTableToXlsx(buildRulesTable(load(HUBEI))),
    );
    const a = await rulesTableToDocx(table);
    await new Promise((r) => setTimeout(r, 1100)); // a zip timestamp has 2-second steps
    expect(await rulesTableToDocx(buildRulesTable(load(HUBEI)))).toEqual(a);
  });
});

describe("templates and categories (乌当 2018)", () => {
  const rs = load(WUDANG, WUDANG_PARAMS);

  it("names the parameters file, gives each category's points, and the special items after", () => {
    const t = buildRulesTable(rs);
    expect(t.subtitle).toContain("分值:示例分值分配(非官方,仅供演示)");
    expect(groupPoints(t, "组织领导")).toBe(
      "各乡(镇)人民政府、社区服务中心:12;区直部门(区政府各工作部门、各直属事业单位等):10",
    );
    expect(t.sections.map((s) => s.heading)).toEqual([
      "特别减分项",
      "特别加分项",
      "一票否决、直接归零项",
    ]);
    const bonus = t.sections[1]?.items[0];
    expect(bonus?.effect).toBe("本项最多加2分");
    expect(bonus?.lines).toEqual([
      { effect: "每个加1分", text: "在破解难题中推进政务公开,并提供典型案例" },
    ]);
    expect(t.sections[2]?.items[0]?.lines[0]?.effect).toBe("总分记为0分,定为不合格");
  });

  it("--category: only that table's indicators, with its points adding up to 满分", () => {
    for (const [cat, other] of [
      ["xiangzhen", "(部)"],
      ["bumen", "(乡)"],
    ] as const) {
      const t = buildRulesTable(rs, { category: cat });
      expect(t.total).toBe("满分100分");
      const sum = t.groups.reduce((s, g) => s + Number(g.points), 0);
      expect(sum).toBe(100);
      const md = rulesTableToMarkdown(t);
      expect(md).not.toMatch(/[仅不]适用于:/);
      const ids = JSON.stringify(rs.tree);
      expect(ids).toContain(other);
      // No line of the other table: each 二级指标 title shown belongs to a node of this category.
      for (const g of t.groups) for (const r of g.rows) expect(r.scope).toBe("");
    }
    expect(() => buildRulesTable(rs, { category: "nope" })).toThrow(/没有类别 "nope"/);
  });
});

describe("a 积分 system (points from 0, no ceiling)", () => {
  it("states no 满分 and no 0 分值; its rewards in 元 after the table", () => {
    const rs = load("rules/generic/zhengwu-xinxi/rules.yaml");
    expect(rs.tree.some((n) => n.children?.some((k) => String(k.points) === "0"))).toBe(true);
    const t = buildRulesTable(rs);
    expect(t.total).toBe("");
    const row = t.groups
      .flatMap((g) => g.rows)
      .find((r) => r.indicator === "紧急信息被市政府办公厅通报");
    expect(row?.points).toBe("");
    const md = rulesTableToMarkdown(t);
    expect(md).not.toContain("满分");
    expect(md).toContain("(政务单条加20元、政务简讯加10元、每日要情加20元)");
  });
});

function groupPoints(t: RulesTable, title: string): string | undefined {
  return t.groups.find((g) => g.title === title)?.points;
}

describe("every bundled rule set renders in every format", () => {
  for (const { file, params } of bundled())
    it(`${file}${params ? ` with ${params.split("/").pop()}` : ""}`, async () => {
      const rs = load(file, params);
      const t = buildRulesTable(rs);
      expect(t.groups.length).toBe(rs.tree.length);
      const md = rulesTableToMarkdown(t);
      for (const n of rs.tree) expect(md).toContain(n.title);
      expect(md).toContain(t.total);
      const rows = htmlRows(rulesTableToHtml(t));
      expect(rows.length).toBe(t.groups.reduce((n, g) => n + g.rows.length, 0));
      const x = xlsxRows(await rulesTableToXlsx(t));
      expect(x.length).toBeGreaterThan(rows.length);
      const { value } = await mammoth.extractRawText({
        buffer: Buffer.from(await rulesTableToDocx(t)),
      });
      for (const s of standards(t).slice(0, 20)) expect(value).toContain(s);
    });
});

describe("text from a rule file is carried safely into every format", () => {
  const base = load(HUBEI);
  const withText = (text: string): RuleSetInput => ({
    ...base,
    tree: [{ ...(base.tree[0] as NodeInput), text }, ...base.tree.slice(1)],
  });
  const text = fc
    .string({
      unit: fc.constantFrom(
        "a",
        "考",
        "|",
        "<",
        ">",
        "&",
        '"',
        "'",
        "\\",
        "=",
        "+",
        "-",
        "@",
        " ",
        "\n",
        "*",
        "#",
      ),
      minLength: 1,
      maxLength: 30,
    })
    .filter((s) => s.trim() !== "");

  it("Markdown keeps the table's shape; HTML parses back to the same text", () => {
    fc.assert(
      fc.property(text, (s) => {
        const t = buildRulesTable(withText(s));
        const md = rulesTableToMarkdown(t);
        const row = md.split("\n").find((l) => l.startsWith("| **财政专项资金")) as string;
        expect(row.replace(/\\\\|\\\|/g, "").split("|").length).toBe(6);
        expect(htmlRows(rulesTableToHtml(t))[0]?.[3]?.paras[0]).toBe(s);
      }),
      { numRuns: 150 },
    );
  });

  it("XLSX neutralises a standard that would start a formula", async () => {
    const t = buildRulesTable(withText('=HYPERLINK("http://x")'));
    const rows = xlsxRows(await rulesTableToXlsx(t));
    expect(rows[1]?.[3]?.startsWith("'=HYPERLINK")).toBe(true);
  });
});
