import { describe, expect, it } from "vitest";
import { scoreCohort } from "../cohort/cohort.js";
import { formatIssue } from "../errors/issue.js";
import { compileRuleSetFile } from "../node/index.js";
import { excelSerialDate, normDate } from "./cells.js";
import { CsvByteDecoder, CsvParser, parseCsv, SheetFailure } from "./csv.js";
import { readCsvStream, readFactsSync } from "./read.js";
import { encodeGbk } from "./test-helpers.js";

const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const crs = compileRuleSetFile(HUBEI);
const enc = new TextEncoder();
const cells = (t: string) => parseCsv(t).map((r) => r.cells);

describe("CSV parser", () => {
  it("reads RFC 4180: quotes, commas, newlines, doubled quotes, CRLF and LF", () => {
    expect(cells('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["two\nlines", ""],
    ]);
    expect(cells("a,b")).toEqual([["a", "b"]]);
    expect(cells("a\r\rb\r\n")).toEqual([["a"], [""], ["b"]]);
    expect(cells('""')).toEqual([[""]]);
    expect(cells("\uFEFF单位,x\n")).toEqual([["单位", "x"]]);
    // Row numbers are records, as Excel shows them, whatever newlines the quotes hold.
    expect(parseCsv('a\n"1\n2\n3"\nz').map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it("gives the same rows however the text is split into chunks", () => {
    const text = 'a,"b,""c""\r\nd"\r\n1,2\r\n"x"\r\n';
    const whole = cells(text);
    for (let k = 0; k < text.length; k++) {
      const rows: string[][] = [];
      const p = new CsvParser((c) => rows.push(c));
      p.push(text.slice(0, k));
      p.push(text.slice(k));
      p.end();
      expect(rows).toEqual(whole);
    }
  });

  it("refuses an open quote and text after a closing quote, with the cell", () => {
    const err = (t: string) => {
      try {
        parseCsv(t);
      } catch (e) {
        return (e as SheetFailure).issue;
      }
      return null;
    };
    expect(err('a,b\n1,"open')).toMatchObject({ code: "S_FORMAT", cell: "B2" });
    expect(err('a,"x"y')).toMatchObject({ code: "S_FORMAT", cell: "B1" });
  });

  it("is bounded: field length, columns, rows", () => {
    const lim = { maxField: 10, maxColumns: 3, maxRows: 2 };
    expect(() => parseCsv(`${"x".repeat(11)}\n`, lim)).toThrow(SheetFailure);
    expect(() => parseCsv(`"${"x".repeat(11)}"\n`, lim)).toThrow(SheetFailure);
    expect(() => parseCsv("a,b,c,d\n", lim)).toThrow(SheetFailure);
    expect(() => parseCsv("h\n1\n2\n", lim)).not.toThrow();
    expect(() => parseCsv("h\n1\n2\n3\n", lim)).toThrow(/行数/);
  });

  it("decodes streamed bytes: UTF-8 split inside a character, BOM, GBK sniffed", () => {
    const decode = (bytes: Uint8Array, step: number) => {
      const d = new CsvByteDecoder();
      let s = "";
      for (let k = 0; k < bytes.length; k += step) s += d.push(bytes.subarray(k, k + step));
      return { text: s + d.end(), encoding: d.encoding };
    };
    const text = "单位,比率\n武汉市,87.5%\n";
    expect(decode(enc.encode(text), 1)).toEqual({ text, encoding: "utf-8" });
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]), 2)).toEqual({
      text,
      encoding: "utf-8",
    });
    expect(decode(encodeGbk(text), 3)).toEqual({ text, encoding: "gb18030" });
  });
});

describe("cell values", () => {
  it("reads dates as offices write them, and Excel serials", () => {
    expect(normDate("2025/9/30")).toBe("2025-09-30");
    expect(normDate("2025-9-30")).toBe("2025-09-30");
    expect(normDate("2025年9月30日")).toBe("2025-09-30");
    expect(normDate("２０２５年９月３０日")).toBe("2025-09-30");
    expect(normDate("2025/2/30")).toBe("2025/2/30");
    expect(excelSerialDate(45930)).toBe("2025-09-30");
    expect(excelSerialDate(1)).toBe("1900-01-01");
    expect(excelSerialDate(59)).toBe("1900-02-28");
    expect(excelSerialDate(60)).toBeNull(); // 1900-02-29 never was
    expect(excelSerialDate(61)).toBe("1900-03-01");
    expect(excelSerialDate(44468, true)).toBe("2025-09-30");
    expect(excelSerialDate(0, true)).toBe("1904-01-01");
    // A date with a time of day (2025-09-30 23:59 and 00:00:01) is its day, never the next.
    expect(excelSerialDate(45930 + 0.99999)).toBe("2025-09-30");
    expect(excelSerialDate(45930 + 1 / 86400)).toBe("2025-09-30");
  });
});

const wideHeader =
  "单位,类别,编制信息不全面、不完整,行政编制总数,省编办核定下达行政编制数,realname_rate_admin";

describe("wide and long layouts from CSV", () => {
  const read = (files: Record<string, string | Uint8Array>) =>
    readFactsSync(
      Object.entries(files).map(([name, t]) => ({
        name,
        bytes: typeof t === "string" ? enc.encode(t) : t,
      })),
      { ruleSet: crs },
    );

  it("reads a wide sheet by labels and ids; empty cells are not given; comments skipped", () => {
    const r = read({
      "u.csv": `${wideHeader}\n# 说明行,,是/否,,,\n武汉市,other,否,５１２０,5120,87.5%\n\n江岸区,chengzhong,√,,,\n\n`,
    });
    expect(r.issues).toEqual([]);
    expect(r.units).toEqual([
      {
        id: "武汉市",
        category: "other",
        facts: {
          staffing_info_incomplete: "否",
          admin_posts_total: "５１２０",
          admin_posts_approved: "5120",
          realname_rate_admin: "87.5%",
        },
      },
      { id: "江岸区", category: "chengzhong", facts: { staffing_info_incomplete: "√" } },
    ]);
    // Trailing empty rows are not counted; the one between two units is.
    expect(r.summary).toEqual({ rowsRead: 4, rowsUsed: 2, rowsSkipped: 2, rowsRejected: 0 });
  });

  it("accounts for every row: unknown column, bad value, missing and duplicate unit", () => {
    const r = read({
      "u.csv": `${wideHeader},行政编制总署\n武汉市,other,否,100,100,90,\n,other,否,1,1,1,\n江岸区,other,也许,1,1,1,\n武汉市,other,否,1,1,1,\n`,
    });
    const lines = r.issues.map(formatIssue);
    expect(lines[0]).toMatch(/^u\.csv!G1: error F_UNKNOWN_FACT .*admin_posts_total/);
    expect(lines).toContainEqual(expect.stringMatching(/^u\.csv!A3: error S_ROW/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^u\.csv!A5: error F_DUPLICATE_UNIT_AT .*第2行/),
    );
    expect(r.summary).toEqual({ rowsRead: 4, rowsUsed: 1, rowsSkipped: 0, rowsRejected: 3 });
    // The bad value is the engine's to report, placed at its cell.
    const cohort = scoreCohort(crs, r.units);
    const jiangan = cohort.units.find((u) => u.unit === "江岸区");
    const bad = jiangan && !jiangan.outcome.ok ? jiangan.outcome.issues[0] : undefined;
    expect(bad && formatIssue(r.locate("江岸区", bad))).toMatch(/^u\.csv!C4: error F_FACT_TYPE/);
  });

  it("reads series columns and refuses a period on a fact that is not a series", () => {
    const r = read({
      "u.csv":
        "单位,类别,每月反映本地政务公开工作情况的动态信息条数[2009-01],news_monthly[2009-02],行政编制总数[2009-01]\n武汉市,other,3,2,1\n",
    });
    expect(r.units[0]?.facts).toEqual({ news_monthly: { "2009-01": "3", "2009-02": "2" } });
    expect(r.issues.map((i) => `${i.code} ${i.cell}`)).toEqual(["S_HEADER E1"]);
  });

  it("reads a long sheet into findings; beside a wide sheet, unknown units are rejected", () => {
    const long =
      "单位,事实,种类,对象,人员,数量,日期,完成日期,备注,标签\n" +
      "武汉市,staff_errors,,县卫生局,张某,,,,,\n" +
      '武汉市,"在职人员情况填写不准确、不规范、不完整(每人,按单位)",,县卫生局,李某,2,,,,a、b\n' +
      "武汉市,staffing_changes,,,,,2009/1/20,2009年3月9日,调整,\n" +
      "江汉区,staff_errors,,,,,,,,\n" +
      "武汉市,行政编制总数,,,,,,,,\n" +
      "武汉市,staff_errorz,,,,,,,,\n";
    const alone = read({ "l.csv": long });
    expect(alone.units.map((u) => u.id)).toEqual(["武汉市", "江汉区"]);
    expect(alone.units[0]?.facts).toEqual({
      staff_errors: [
        { subject: "县卫生局", person: "张某" },
        { subject: "县卫生局", person: "李某", count: 2, tags: ["a", "b"] },
      ],
      staffing_changes: [{ date: "2009-01-20", done: "2009-03-09", note: "调整" }],
    });
    expect(alone.issues.map((i) => `${i.code} ${i.cell}`)).toEqual([
      "S_ROW B6",
      "F_UNKNOWN_FACT B7",
    ]);
    const both = read({ "u.csv": `${wideHeader}\n武汉市,other,否,1,1,1\n`, "l.csv": long });
    expect(both.units.map((u) => u.id)).toEqual(["武汉市"]);
    expect(both.issues.map((i) => `${i.file}!${i.cell} ${i.code}`)).toContain(
      "l.csv!A5 S_UNKNOWN_UNIT",
    );
    expect(both.summary).toEqual({ rowsRead: 7, rowsUsed: 4, rowsSkipped: 0, rowsRejected: 3 });
  });

  it("reads a row's period (a count of 0 allowed there) and the finding's id", () => {
    const r = read({
      "l.csv":
        "单位,事实,对象,期间,数量,编号\n" +
        "武汉市,staff_errors,县卫生局,2009-02,0,\n" +
        "武汉市,staff_errors,县卫生局,2009-03,2,e1\n",
    });
    expect(r.units[0]?.facts).toEqual({
      staff_errors: [
        { subject: "县卫生局", period: "2009-02", count: 0 },
        { subject: "县卫生局", period: "2009-03", count: 2, id: "e1" },
      ],
    });
    expect(r.issues).toEqual([]);
  });

  it("places a finding's problem at its row and column", () => {
    const r = read({
      "u.csv": `${wideHeader}\n武汉市,other,否,1,1,87.5\n`,
      "l.csv":
        "单位,事实,种类,数量\n武汉市,reply_failures,应回复未回复,1\n武汉市,reply_failures,别的,2\n",
    });
    const out = scoreCohort(crs, r.units);
    const u = out.units[0];
    const i = u && !u.outcome.ok ? u.outcome.issues[0] : undefined;
    expect(i && formatIssue(r.locate("武汉市", i))).toMatch(/^l\.csv!C3: error F_FACT_TYPE/);
    expect(r.summary.rowsRejected).toBe(1);
  });

  it("streams a GBK file in small chunks to the same units", async () => {
    const text = `${wideHeader}\n武汉市,other,否,1,1,87.5%\n江岸区,chengzhong,是,2,2,\n`;
    const gbk = encodeGbk(text);
    const chunks = Array.from({ length: Math.ceil(gbk.length / 5) }, (_, k) =>
      gbk.subarray(k * 5, k * 5 + 5),
    );
    const streamed = await readCsvStream(chunks, "u.csv", { ruleSet: crs });
    expect(streamed.units).toEqual(read({ "u.csv": text }).units);
    expect(read({ "u.csv": gbk }).units).toEqual(streamed.units);
  });
});
