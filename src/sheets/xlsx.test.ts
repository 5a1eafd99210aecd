import * as fflate from "fflate";
import * as saxes from "saxes";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../errors/issue.js";
import { compileRuleSetFile } from "../node/index.js";
import { SheetFailure } from "./csv.js";
import { readFacts, readFactsSync } from "./read.js";
import { col, makeXlsx, type TestSheet, xlsxParts, zipParts } from "./test-helpers.js";
import { chooseSheets, formatKind, readXlsx, xlsxLibsFrom } from "./xlsx.js";

const crs = compileRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
const libs = xlsxLibsFrom(fflate, saxes);
const rowsOf = (bytes: Uint8Array, sheet?: string, limits = {}) =>
  readXlsx(bytes, libs, (n) => chooseSheets(n, sheet), { xlsxLimits: limits }).sheets;
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SheetFailure) return e.issue;
    throw e;
  }
  return null;
};

describe("XLSX cells", () => {
  it("reads shared and inline strings, booleans, numbers, percents and dates", () => {
    const bytes = makeXlsx([
      {
        name: "Sheet1",
        rows: [
          ["单位", "b", "n", "pct", "date"],
          [
            { inline: "武汉市" },
            { b: true },
            { n: "1234.5" },
            { n: 0.875, s: 1 },
            { n: 45930, s: 2 },
          ],
          ["江岸区", { b: false }, { n: "1E-3" }, { n: 1, s: 4 }, { n: 45930, s: 3 }],
          [null, null, { n: 60, s: 2 }, { n: "0.30000000000000004", s: 1 }, { n: 61, s: 2 }],
        ],
      },
    ]);
    const [s] = rowsOf(bytes);
    expect(s?.rows.map((r) => r.cells)).toEqual([
      ["单位", "b", "n", "pct", "date"],
      ["武汉市", "true", "1234.5", "87.5%", "2025-09-30"],
      ["江岸区", "false", "0.001", "100%", "2025-09-30"],
      ["", "", "60", "30.000000000000004%", "1900-03-01"],
    ]);
  });

  it("reads the 1904 date system", () => {
    const bytes = makeXlsx([{ name: "S", rows: [["d"], [{ n: 44468, s: 2 }]] }], {
      date1904: true,
    });
    expect(rowsOf(bytes)[0]?.rows[1]?.cells).toEqual(["2025-09-30"]);
  });

  it("knows percent and date formats", () => {
    expect(formatKind("0.0%")).toBe("percent");
    expect(formatKind('yyyy"年"m"月"d"日"')).toBe("date");
    expect(formatKind("[$-804]yyyy/m/d;@")).toBe("date");
    expect(formatKind("mm:ss")).toBe("plain");
    expect(formatKind('0.00"%"')).toBe("plain");
    expect(formatKind("General")).toBe("plain");
  });

  it("reads rich text, skips phonetic runs, and a namespaced sheet", () => {
    const parts = xlsxParts([{ name: "S", rows: [["x"]] }]);
    parts["xl/sharedStrings.xml"] =
      '<sst xmlns="x"><si><r><t>武</t></r><r><t>汉市</t></r><rPh><t>wuhan</t></rPh></si></sst>';
    parts["xl/worksheets/sheet1.xml"] =
      '<x:worksheet xmlns:x="x"><x:sheetData><x:row r="2"><x:c r="C2" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    // Row 1 has no cells: kept as an empty row, so that row numbers stay those of the sheet.
    expect(rowsOf(zipParts(parts))[0]?.rows).toEqual([
      { row: 1, cells: [] },
      { row: 2, cells: ["", "", "武汉市"] },
    ]);
  });

  it("chooses 单位 and 问题, a named sheet, or the first", () => {
    expect(chooseSheets(["说明", "问题", "单位"])).toEqual(["单位", "问题"]);
    expect(chooseSheets(["A", "B"])).toEqual(["A"]);
    expect(chooseSheets(["A", "B"], "B")).toEqual(["B"]);
    expect(failure(() => chooseSheets(["A"], "C"))?.code).toBe("S_SHEET");
  });

  it("places problems at file[sheet]!cell", () => {
    const r = readFactsSync(
      [
        {
          name: "f.xlsx",
          bytes: makeXlsx([
            {
              name: "单位",
              rows: [
                ["单位", "类别", "行政编制总署"],
                ["武汉市", "other", 1],
              ],
            },
          ]),
        },
      ],
      { ruleSet: crs, xlsx: libs },
    );
    expect(r.issues.map(formatIssue)[0]).toMatch(/^f\.xlsx\[单位\]!C1: error F_UNKNOWN_FACT/);
  });

  it("says what to install when the libraries are absent", async () => {
    const r = readFactsSync([{ name: "f.xlsx", bytes: new Uint8Array([0x50, 0x4b]) }], {
      ruleSet: crs,
    });
    expect(r.issues[0]?.code).toBe("S_NEEDS_LIBS");
    expect(r.issues[0]?.message).toContain("npm install fflate saxes");
    // readFacts loads them itself.
    const ok = await readFacts(
      [{ name: "f.xlsx", bytes: makeXlsx([{ name: "S", rows: [["单位"], ["武汉市"]] }]) }],
      { ruleSet: crs },
    );
    expect(ok.units.map((u) => u.id)).toEqual(["武汉市"]);
  });
});

describe("hostile XLSX files", () => {
  const sheet = (extra = "", rows: TestSheet["rows"] = [["单位"], ["武汉市"]]): TestSheet => ({
    name: "S",
    rows,
    extra,
  });

  it("refuses a zip bomb by the declared size, before inflating", () => {
    const parts: Record<string, string | Uint8Array> = xlsxParts([sheet()]);
    // 65 MiB of zeros compress to about 65 KB.
    parts["xl/worksheets/sheet1.xml"] = new Uint8Array(65 * 1024 * 1024);
    const bytes = zipParts(parts, 6);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const t0 = performance.now();
    expect(failure(() => rowsOf(bytes))).toMatchObject({ code: "S_LIMIT" });
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("refuses an entry whose declared size lies", () => {
    const bytes = zipParts(xlsxParts([sheet()]));
    // Patch the central directory's uncompressed size of the sheet to 10 bytes.
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    let k = bytes.length - 22;
    while (
      !(
        bytes[k] === 0x50 &&
        bytes[k + 1] === 0x4b &&
        bytes[k + 2] === 0x05 &&
        bytes[k + 3] === 0x06
      )
    )
      k--;
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    let o = dv.getUint32(k + 16, true);
    for (;;) {
      const nl = dv.getUint16(o + 28, true);
      const n = bytes.subarray(o + 46, o + 46 + nl);
      if (n.length === name.length && n.every((b, i) => b === name[i])) break;
      o += 46 + nl + dv.getUint16(o + 30, true) + dv.getUint16(o + 32, true);
    }
    dv.setUint32(o + 24, 10, true);
    expect(failure(() => rowsOf(bytes))?.code).toBe("S_FORMAT");
  });

  it("caps the total inflated size and the shared strings", () => {
    const parts = xlsxParts([sheet()]);
    expect(failure(() => rowsOf(zipParts(parts), undefined, { maxTotalBytes: 500 }))?.code).toBe(
      "S_LIMIT",
    );
    parts["xl/sharedStrings.xml"] = `<sst>${"<si><t>x</t></si>".repeat(2000)}</sst>`;
    expect(
      failure(() => rowsOf(zipParts(parts), undefined, { maxSharedStrings: 1000 }))?.code,
    ).toBe("S_LIMIT");
    parts["xl/sharedStrings.xml"] = `<sst><si><t>${"长".repeat(5000)}</t></si></sst>`;
    expect(failure(() => rowsOf(zipParts(parts), undefined, { maxSharedChars: 4000 }))?.code).toBe(
      "S_LIMIT",
    );
  });

  it("refuses a DOCTYPE (entity expansion) and unknown entities", () => {
    const parts = xlsxParts([sheet()]);
    parts["xl/sharedStrings.xml"] =
      '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>';
    expect(failure(() => rowsOf(zipParts(parts)))).toMatchObject({
      code: "S_FORMAT",
      message: expect.stringContaining("DOCTYPE"),
    });
    parts["xl/sharedStrings.xml"] = "<sst><si><t>&b;</t></si></sst>";
    expect(failure(() => rowsOf(zipParts(parts)))?.code).toBe("S_FORMAT");
  });

  it("skips a million empty rows fast and caps rows with values", () => {
    const empty = Array.from({ length: 1_000_000 }, (_, k) => `<row r="${k + 3}"/>`).join("");
    const t0 = performance.now();
    const [s] = rowsOf(zipParts(xlsxParts([sheet(empty)])));
    expect(s?.rows.length).toBe(2);
    expect(performance.now() - t0).toBeLessThan(15000);
    const many = Array.from(
      { length: 30 },
      (_, k) => `<row r="${k + 3}"><c r="A${k + 3}"><v>1</v></c></row>`,
    ).join("");
    expect(
      failure(() =>
        readXlsx(zipParts(xlsxParts([sheet(many)])), libs, (n) => n, { limits: { maxRows: 20 } }),
      )?.code,
    ).toBe("S_LIMIT");
    const far = `<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`;
    expect(failure(() => rowsOf(zipParts(xlsxParts([sheet(far)]))))?.code).toBe("S_LIMIT");
  });

  it("keeps __proto__ and constructor as plain text, never as keys", () => {
    const r = readFactsSync(
      [
        {
          name: "f.xlsx",
          bytes: makeXlsx([
            {
              name: "S",
              rows: [
                ["单位", "__proto__", "constructor", "类别"],
                ["__proto__", "1", "x", "constructor"],
                ["constructor", "2", "y", "other"],
              ],
            },
          ]),
        },
      ],
      { ruleSet: crs, xlsx: libs },
    );
    expect(r.units.map((u) => u.id)).toEqual(["__proto__", "constructor"]);
    expect(r.units[0]?.facts).toEqual({});
    expect(Object.getPrototypeOf(r.units[0]?.facts)).toBe(Object.prototype);
    expect(r.issues.map((i) => `${i.code} ${i.cell}`)).toEqual([
      "F_UNKNOWN_FACT B1",
      "F_UNKNOWN_FACT C1",
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("refuses what is not a workbook", () => {
    expect(failure(() => rowsOf(new TextEncoder().encode("单位,x\n")))?.code).toBe("S_FORMAT");
    expect(failure(() => rowsOf(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])))?.code).toBe("S_FORMAT");
    const parts: Record<string, string> = xlsxParts([sheet()]);
    delete parts["xl/workbook.xml"];
    expect(failure(() => rowsOf(zipParts(parts)))?.code).toBe("S_FORMAT");
    expect(col(27)).toBe("AB");
  });
});
