/**
 * Acceptance: the units of examples/hubei-2009-h1-units.yaml written as an XLSX workbook (单位 +
 * 问题), GBK CSV files, UTF-8-with-BOM CSV files and JSON Lines files give byte-identical results,
 * and the same result as the YAML file itself.
 */
import { readFileSync } from "node:fs";
import * as fflate from "fflate";
import * as saxes from "saxes";
import { describe, expect, it } from "vitest";
import { scoreCohort } from "../cohort/cohort.js";
import { cohortToJSON } from "../explain/cohort-json.js";
import { parseUnits } from "../load/units.js";
import { compileRuleSetFile } from "../node/index.js";
import { type FactsInput, readFactsSync } from "./read.js";
import { encodeGbk, makeXlsx, type TestCell } from "./test-helpers.js";
import { xlsxLibsFrom } from "./xlsx.js";

const crs = compileRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
const yaml = parseUnits(readFileSync("examples/hubei-2009-h1-units.yaml", "utf8"));
const libs = xlsxLibsFrom(fflate, saxes);
const LONG = [
  "单位",
  "事实",
  "种类",
  "项目",
  "数量",
  "金额",
  "对象",
  "人员",
  "日期",
  "完成日期",
  "备注",
  "标签",
];
const FIELDS = [
  "kind",
  "item",
  "count",
  "amount",
  "subject",
  "person",
  "date",
  "done",
  "note",
  "tags",
];

/** Days from 1899-12-30 (Excel's serial of a date after 1900-03-01). */
const serial = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000 + 25569;

/** The example's units as a wide table (cells typed for XLSX) and a long table of findings. */
function tables() {
  const facts = [...crs.facts.values()];
  const used = (id: string) => yaml.units.some((u) => u.facts && id in u.facts);
  // Findings given as a bare count go in the wide sheet too (a count column).
  const counted = (id: string) => yaml.units.some((u) => typeof u.facts?.[id] === "number");
  const plain = facts.filter((f) =>
    f.type === "findings" ? counted(f.id) : f.type !== "series" && used(f.id),
  );
  const series = facts.filter((f) => f.type === "series" && used(f.id));
  const periods = new Map<string, string[]>();
  for (const f of series) {
    const ps = new Set<string>();
    for (const u of yaml.units)
      for (const p of Object.keys((u.facts?.[f.id] as object) ?? {})) ps.add(p);
    periods.set(f.id, [...ps].sort());
  }
  // Headers by label for some facts, by id for the others.
  const header = [
    "单位",
    "类别",
    ...plain.map((f, k) => (k % 2 ? f.id : f.label)),
    ...series.flatMap((f) => (periods.get(f.id) ?? []).map((p) => `${f.label}[${p}]`)),
  ];
  const wide: TestCell[][] = [header];
  const long: TestCell[][] = [LONG];
  for (const u of yaml.units) {
    const fx = (u.facts ?? {}) as Record<string, unknown>;
    const row: TestCell[] = [u.id, u.category ?? null];
    plain.forEach((f, k) => {
      const v = fx[f.id];
      if (v === undefined || Array.isArray(v)) row.push(null);
      else if (typeof v === "boolean")
        row.push(k % 3 === 0 ? (v ? "是" : "否") : k % 3 === 1 ? (v ? "√" : "×") : { b: v });
      else if (f.type === "rate")
        row.push({ n: Number(v) / 100, s: 1 }); // a percent-formatted cell
      else row.push(typeof v === "number" ? v : String(v));
    });
    for (const f of series)
      for (const p of periods.get(f.id) ?? []) {
        const v = (fx[f.id] as Record<string, unknown>)[p];
        row.push(v === undefined ? null : (v as number));
      }
    wide.push(row);
    for (const f of facts.filter((x) => x.type === "findings")) {
      const list = fx[f.id];
      if (!Array.isArray(list)) continue;
      for (const item of list as Record<string, unknown>[]) {
        const r: TestCell[] = [u.id, long.length % 2 ? f.id : f.label];
        for (const k of FIELDS) {
          const v = item[k];
          if (v === undefined) r.push(null);
          else if (k === "date" || k === "done") r.push({ n: serial(String(v)), s: 2 });
          else if (k === "tags") r.push((v as string[]).join("、"));
          else r.push(typeof v === "number" ? v : String(v));
        }
        long.push(r);
      }
    }
  }
  return { wide, long };
}

/** A table as CSV text, as Excel writes it: dates `2009/3/2`, percents `87.5%`, booleans TRUE. */
function csv(rows: TestCell[][]): string {
  const text = (c: TestCell): string => {
    if (c === null) return "";
    if (typeof c === "string") return /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
    if (typeof c === "number") return String(c);
    if ("b" in c) return c.b ? "TRUE" : "FALSE";
    if ("n" in c && c.s === 1) return `${+(Number(c.n) * 100).toFixed(6)}%`;
    if ("n" in c && c.s === 2) {
      const d = new Date((Number(c.n) - 25569) * 86400000);
      return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
    }
    return "n" in c ? String(c.n) : "";
  };
  return `${rows.map((r) => r.map(text).join(",")).join("\r\n")}\r\n`;
}

/** A table as JSON Lines: one object per row, keyed by the headers. */
function jsonl(rows: TestCell[][], wide: boolean): string {
  const [header, ...data] = rows as [TestCell[], ...TestCell[][]];
  // Values rendered as in the CSV (dates 2009/3/2, percents 87.5%), then keyed by the headers.
  return data
    .map((r) => {
      const cells = csv([r]).replace(/\r\n$/, "");
      const vals = splitCsvLine(cells);
      if (wide) {
        const facts: Record<string, unknown> = {};
        const id = vals[0];
        const category = vals[1];
        header.slice(2).forEach((h, k) => {
          const v = vals[k + 2];
          if (v === "" || v === undefined) return;
          const m = /^(.*)\[(.*)\]$/.exec(String(h));
          const f = [...crs.facts.values()].find(
            (x) => x.label === (m ? m[1] : h) || x.id === (m ? m[1] : h),
          );
          if (!f) throw new Error(String(h));
          if (m) {
            const per = (facts[f.id] ?? {}) as Record<string, string>;
            per[m[2] as string] = v;
            facts[f.id] = per;
          } else facts[f.id] = v;
        });
        return JSON.stringify({ id, ...(category ? { category } : {}), facts });
      }
      const o: Record<string, string> = {};
      header.forEach((h, k) => {
        if (vals[k]) o[String(h)] = vals[k] as string;
      });
      return JSON.stringify(o);
    })
    .join("\n");
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

describe("the same facts in every format give the same bytes", () => {
  const { wide, long } = tables();
  const enc = new TextEncoder();
  const bom = (t: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(t)]);
  const result = (inputs: FactsInput[]) => {
    const r = readFactsSync(inputs, { ruleSet: crs, xlsx: libs });
    expect(r.issues).toEqual([]);
    expect(r.summary.rowsRejected).toBe(0);
    return JSON.stringify(
      cohortToJSON(scoreCohort(crs, r.units, { trace: true }), { trace: true }),
      null,
      2,
    );
  };

  it("XLSX, GBK CSV, UTF-8-BOM CSV, JSON Lines and YAML agree", () => {
    const fromYaml = JSON.stringify(
      cohortToJSON(scoreCohort(crs, yaml.units, { trace: true }), { trace: true }),
      null,
      2,
    );
    const xlsx = result([
      {
        name: "facts.xlsx",
        bytes: makeXlsx([
          { name: "单位", rows: wide },
          { name: "问题", rows: long },
        ]),
      },
    ]);
    const gbk = result([
      { name: "units.csv", bytes: encodeGbk(csv(wide)) },
      { name: "findings.csv", bytes: encodeGbk(csv(long)) },
    ]);
    const utf8 = result([
      { name: "units.csv", bytes: bom(csv(wide)) },
      { name: "findings.csv", bytes: bom(csv(long)) },
    ]);
    const lines = result([
      { name: "units.jsonl", bytes: enc.encode(jsonl(wide, true)) },
      { name: "findings.jsonl", bytes: enc.encode(jsonl(long, false)) },
    ]);
    expect(gbk).toBe(xlsx);
    expect(utf8).toBe(xlsx);
    expect(lines).toBe(xlsx);
    expect(xlsx).toBe(fromYaml);
    expect(
      JSON.parse(xlsx).ranking.filter((x: { score: unknown }) => x.score !== null).length,
    ).toBe(4);
  });
});

describe("a workbook saved by an office suite", () => {
  // test/fixtures/office: the example CSVs with the 实名制 rates typed as `87.5%` and the dates
  // as `2009/3/2`, opened in LibreOffice Calc 7.4 (Chinese locale) and saved as XLSX — what an
  // office's file looks like: percent cells (0.875 in a `0.00%` format), dates as serials in an
  // `m/d/yy` format, its own styles, shared strings and column widths (test/fixtures/README.md).
  const dir = "test/fixtures/office";
  const files = ["hubei-units.libreoffice.xlsx", "hubei-findings.libreoffice.xlsx"];
  const bytes = files.map((f) => new Uint8Array(readFileSync(`${dir}/${f}`)));

  it("holds the cells it is meant to test: percent and date formats", () => {
    const styles = bytes.map((b) => new TextDecoder().decode(fflate.unzipSync(b)["xl/styles.xml"]));
    expect(styles[0]).toContain('formatCode="0.00%"');
    expect(styles[1]).toContain('formatCode="m/d/yy"');
    const units = new TextDecoder().decode(
      fflate.unzipSync(bytes[0] as Uint8Array)["xl/worksheets/sheet1.xml"],
    );
    expect(units).toMatch(/<v>0\.875<\/v>/);
  });

  it("scores exactly as the CSV it was made from", () => {
    const score = (inputs: FactsInput[]) => {
      const r = readFactsSync(inputs, { ruleSet: crs, xlsx: libs });
      expect(r.issues).toEqual([]);
      expect(r.summary).toMatchObject({ rowsRejected: 0, rowsUsed: 17 });
      return JSON.stringify(
        cohortToJSON(scoreCohort(crs, r.units, { trace: true }), { trace: true }),
      );
    };
    const office = score(files.map((name, i) => ({ name, bytes: bytes[i] as Uint8Array })));
    const fromCsv = score(
      ["examples/hubei-2009-h1-units.csv", "examples/hubei-2009-h1-findings.csv"].map((name) => ({
        name,
        bytes: new Uint8Array(readFileSync(name)),
      })),
    );
    expect(office).toBe(fromCsv);
  });
});
