import { describe, expect, it } from "vitest";
import { scoreCohort } from "../../cohort/cohort.js";
import type { CompiledRuleSet } from "../../compile/compile.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { dstr } from "../../decimal.js";
import { loadRuleSetFile } from "../../node/index.js";
import { parseCsv } from "../csv.js";
import { readFacts } from "../read.js";
import type { Cell } from "./cells.js";
import { toCsv } from "./csv.js";
import { resultTables } from "./results.js";
import { templateSheet } from "./template.js";
import { toXlsx } from "./xlsx.js";

const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";

function compiled(file: string): CompiledRuleSet {
  const r = loadRuleSetFile(file, file);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return compileRuleSet(r.ruleSet);
}

/** A value for each fact of the template, as a sheet cell and as the facts-file value. */
function fill(
  crs: CompiledRuleSet,
  header: string,
  i: number,
): { cell: Cell; fact?: [string, unknown] } {
  const series = /^(.*)\[(\d{4}-\d{2})\]$/.exec(header);
  const f = crs.source.facts.find((x) => x.label === (series ? series[1] : header));
  if (!f) throw new Error(`no fact for ${header}`);
  switch (f.type) {
    case "boolean":
      return { cell: i % 2 ? "是" : "否", fact: [f.id, i % 2 === 1] };
    case "count":
      return { cell: { num: "1" }, fact: [f.id, 1] };
    case "findings":
      // Some findings need a subject or a date (the long layout); a count of 0 needs neither.
      return { cell: { num: "0" }, fact: [f.id, []] };
    case "rate":
      return { cell: { num: "87.5" }, fact: [f.id, "87.5"] };
    case "series":
      return { cell: { num: String(i % 3) } };
    default:
      return { cell: { num: String(f.min ?? 10) }, fact: [f.id, String(f.min ?? 10)] };
  }
}

describe("template → fill → read → score", () => {
  for (const format of ["xlsx", "csv"] as const) {
    it(`${format}: a filled template reads back as the facts it was filled with`, async () => {
      const crs = compiled(HUBEI);
      const sheet = templateSheet(crs, { category: "other" });
      const heads = sheet.columns.map((c) => c.header);
      const row: Cell[] = ["=武汉市", "other"];
      const facts: Record<string, unknown> = {};
      heads.slice(2).forEach((h, k) => {
        const v = fill(crs, h, k);
        row.push(v.cell);
        if (v.fact) facts[v.fact[0]] = v.fact[1];
        const series = /^(.*)\[(\d{4}-\d{2})\]$/.exec(h);
        if (series) {
          const id = crs.source.facts.find((x) => x.label === series[1])?.id as string;
          facts[id] = {
            ...(facts[id] as object),
            [series[2] as string]: (v.cell as { num: string }).num,
          };
        }
      });
      const filled = { ...sheet, rows: [...sheet.rows, row] };
      const bytes =
        format === "xlsx" ? await toXlsx([filled]) : new TextEncoder().encode(toCsv(filled));
      const read = await readFacts([{ name: `t.${format}`, bytes }], { ruleSet: crs });
      expect(read.issues).toEqual([]);
      expect(read.units.map((u) => u.id)).toEqual(["'=武汉市"]);
      const fromSheet = scoreCohort(crs, read.units, {});
      const direct = scoreCohort(crs, [{ id: "'=武汉市", category: "other", facts }], {});
      const o = fromSheet.units[0]?.outcome;
      expect(o && !o.ok ? o.issues.map((i) => i.message) : []).toEqual([]);
      expect(fromSheet.units[0]?.score).not.toBeNull();
      expect(dstr(fromSheet.units[0]?.score as never)).toBe(dstr(direct.units[0]?.score as never));
    });
  }
});

describe("one workbook: a wide sheet 单位 and a long sheet 问题 from the templates", () => {
  it("reads back the findings with their subjects and scores as the facts would", async () => {
    const crs = compiled(HUBEI);
    const wide = templateSheet(crs, { category: "other" });
    const long = templateSheet(crs, { layout: "long" });
    const facts: Record<string, unknown> = {};
    const row: Cell[] = ["黄石市", "other"];
    wide.columns.slice(2).forEach((c, k) => {
      const v = fill(crs, c.header, k);
      row.push(v.cell);
      if (v.fact) facts[v.fact[0]] = v.fact[1];
      const series = /^(.*)\[(\d{4}-\d{2})\]$/.exec(c.header);
      if (series) {
        const id = crs.source.facts.find((x) => x.label === series[1])?.id as string;
        facts[id] = {
          ...(facts[id] as object),
          [series[2] as string]: (v.cell as { num: string }).num,
        };
      }
    });
    const blanks = crs.facts.get("internal_org_blanks");
    const at = wide.columns.findIndex((c) => c.header === blanks?.label);
    row[at] = null;
    facts.internal_org_blanks = [
      { subject: "办公室", count: 2 },
      { subject: "人事科", count: 1 },
    ];
    const findings: Cell[][] = [
      [
        "黄石市",
        blanks?.label as string,
        null,
        null,
        { num: "2" },
        null,
        "办公室",
        null,
        null,
        null,
        null,
      ],
      ["黄石市", blanks?.label as string, null, null, null, null, "人事科", null, null, null, null],
    ];
    const bytes = await toXlsx([
      { ...wide, rows: [...wide.rows, row] },
      { ...long, rows: [...long.rows, ...findings] },
    ]);
    const read = await readFacts([{ name: "t.xlsx", bytes }], { ruleSet: crs });
    expect(read.issues).toEqual([]);
    const fromSheet = scoreCohort(crs, read.units, {});
    const direct = scoreCohort(crs, [{ id: "黄石市", category: "other", facts }], {});
    expect(fromSheet.units[0]?.score).not.toBeNull();
    expect(dstr(fromSheet.units[0]?.score as never)).toBe(dstr(direct.units[0]?.score as never));
    // The findings counted: without them the score is another.
    const without = { ...facts, internal_org_blanks: [] };
    const none = scoreCohort(crs, [{ id: "黄石市", category: "other", facts: without }], {});
    expect(dstr(none.units[0]?.score as never)).not.toBe(dstr(direct.units[0]?.score as never));
  });
});

describe("the writers' CSV read back by the sheet reader's parser", () => {
  it("every cell of the result tables comes back as written (numbers as their decimal)", () => {
    const crs = compiled(HUBEI);
    const cohort = scoreCohort(
      crs,
      [
        { id: '=A,"1"\n-2', category: "other", facts: {} },
        {
          id: "B",
          category: "chengzhong",
          facts: Object.fromEntries(
            crs.source.facts.map((f) => [
              f.id,
              f.type === "boolean"
                ? true
                : f.type === "findings"
                  ? []
                  : f.type === "series"
                    ? {}
                    : 1,
            ]),
          ),
        },
      ],
      { trace: true },
    );
    const t = resultTables(crs, cohort);
    for (const table of [t.scores, t.deductions, t.flags]) {
      const rows = parseCsv(toCsv(table));
      expect(rows[0]?.cells).toEqual(table.columns.map((c) => c.header));
      table.rows.forEach((r, i) => {
        const back = rows[i + 1]?.cells ?? [];
        r.forEach((c, j) => {
          const want = c === null ? "" : typeof c === "string" ? c : c.num;
          // Text that could start a formula comes back with the leading ' of the writer.
          const got = back[j] as string;
          expect(got.replace(/(^|\r\n|\r|\n)'/g, "$1")).toBe(want);
        });
      });
    }
  });
});
