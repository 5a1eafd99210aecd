#!/usr/bin/env node
/**
 * Builds the example spreadsheets under examples/ from data, deterministically: each is a filled
 * `kaohe template` (header and comment rows of the template, then one row per unit; findings with
 * kinds, subjects or dates in the long sheet 问题 beside it).
 *
 *   npm run build && node scripts/make-examples.mjs
 *
 * - examples/hubei-2009-h1.xlsx          湖北 2009 上半年, sheets 单位 and 问题 (the units of
 *                                         examples/hubei-2009-h1-units.yaml, same scores)
 * - examples/hubei-2009-h1-units.csv, -findings.csv   the same as CSV (UTF-8 with BOM)
 * - examples/zhengwu-xinxi-units.csv, -findings.csv   政务信息 (UTF-8 with BOM)
 * - examples/wudang-2018-units.csv, -findings.csv     贵州 五当 2018, example allocation, saved as
 *                                         GBK/GB18030 "ANSI" CSV as Excel and WPS do on a Chinese
 *                                         system (converted by iconv, or python3 when iconv is absent)
 *
 * test/examples.test.ts scores every one of them.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const { compileRuleSet } = require(join(root, "dist/index.cjs"));
const { loadRuleSetFile, loadUnitsFile } = require(join(root, "dist/node/index.cjs"));
const { templateSheet, toCsv, toXlsx } = require(join(root, "dist/sheets/index.cjs"));

const ex = (f) => join(root, "examples", f);

/**
 * A folder under rules/ (with a parameters file for a template): the compiled rule set and the
 * facts its document declares.
 */
function ruleSet(dir, params) {
  const rules = join(root, "rules", dir, "rules.yaml");
  const loaded = loadRuleSetFile(
    rules,
    rules,
    params ? { params: join(root, "rules", dir, params) } : {},
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return { crs: compileRuleSet(loaded.ruleSet), facts: loaded.ruleSet.facts };
}

const cell = (v) =>
  v === null || v === undefined
    ? null
    : typeof v === "boolean"
      ? v
        ? "是"
        : "否"
      : typeof v === "number"
        ? { num: String(v) }
        : String(v);

/**
 * The template's two sheets filled with units: scalar facts and empty findings (0) in the wide
 * sheet 单位, each finding of a non-empty findings fact as a row of the long sheet 问题.
 */
function fill({ crs, facts }, units) {
  const wide = templateSheet(crs, { layout: "wide" });
  const long = templateSheet(crs, { layout: "long" });
  const byHeader = new Map();
  for (const f of facts) byHeader.set(f.label, f);
  const longRows = [];
  const wideRows = units.map((u) =>
    wide.columns.map(({ header }) => {
      if (header === "单位") return u.id;
      if (header === "类别") return u.category ?? null;
      const m = /^(.*)\[([^\]]+)\]$/.exec(header);
      const f = byHeader.get(m ? m[1] : header);
      if (!f) throw new Error(`no fact for column ${header}`);
      const v = u.facts[f.id];
      if (m) return cell(v?.[m[2]]);
      if (f.type === "findings" && Array.isArray(v)) return v.length ? null : { num: "0" };
      return cell(v);
    }),
  );
  for (const u of units)
    for (const f of facts) {
      const v = u.facts[f.id];
      if (f.type !== "findings" || !Array.isArray(v)) continue;
      for (const x of v) {
        const o = typeof x === "string" ? { note: x } : x;
        longRows.push([
          u.id,
          f.label,
          cell(o.kind),
          cell(o.item),
          cell(o.count),
          cell(o.amount),
          cell(o.subject),
          cell(o.person),
          cell(o.date),
          cell(o.done),
          cell(o.note),
        ]);
      }
    }
  return [
    { ...wide, rows: [...wide.rows, ...wideRows] },
    { ...long, rows: [...long.rows, ...longRows] },
  ];
}

/** Writes a sheet as CSV: UTF-8 with BOM, or GB18030 (no BOM) converted by iconv or python3. */
function writeCsv(file, sheet, gbk = false) {
  const text = toCsv(sheet);
  if (!gbk) return writeFileSync(file, text);
  const utf8 = Buffer.from(text.replace(/^\ufeff/, ""), "utf8");
  let bytes;
  try {
    bytes = execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: utf8 });
  } catch {
    bytes = execFileSync(
      "python3",
      [
        "-c",
        "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode('utf-8').encode('gb18030'))",
      ],
      { input: utf8 },
    );
  }
  writeFileSync(file, bytes);
}

// 湖北: the units of examples/hubei-2009-h1-units.yaml.
const hubei = ruleSet("hubei/caizheng-bianzhi-2009-h1");
const hubeiUnits = loadUnitsFile(ex("hubei-2009-h1-units.yaml"), "hubei-2009-h1-units.yaml");
if (hubeiUnits.issues.length) throw new Error(JSON.stringify(hubeiUnits.issues));
const [hbWide, hbLong] = fill(hubei, hubeiUnits.units);
writeFileSync(ex("hubei-2009-h1.xlsx"), await toXlsx([hbWide, hbLong]));
writeCsv(ex("hubei-2009-h1-units.csv"), hbWide);
writeCsv(ex("hubei-2009-h1-findings.csv"), hbLong);

// 政务信息: the units of the first cohort case (rules/generic/zhengwu-xinxi/cases/20-cohort.yaml).
const zero = {
  leaders_attentive: false,
  has_leader_in_charge: false,
  has_info_officer: false,
  reporting_body_sound: false,
  hardware_in_place: false,
  leaders_neglect: false,
  months_met: 0,
  months_missed: 0,
};
const organised = {
  ...zero,
  leaders_attentive: true,
  has_leader_in_charge: true,
  has_info_officer: true,
  reporting_body_sound: true,
  hardware_in_place: true,
};
const zwUnits = [
  {
    id: "甲局",
    facts: { ...organised, months_met: 12, adoptions: [{ kind: "政务单条", count: 3 }] },
  },
  {
    id: "乙局",
    facts: { ...organised, months_met: 10, months_missed: 2, adoptions: [{ kind: "市刊单条" }] },
  },
  {
    id: "丙局",
    facts: { ...organised, months_met: 9, adoptions: [{ kind: "今日网站", count: 2 }] },
  },
  {
    id: "丁局",
    facts: {
      ...zero,
      months_met: 8,
      leaders_neglect: true,
      commissioned_failures: [{ kind: "不报", count: 2 }],
    },
  },
  { id: "戊局", facts: { ...zero, months_missed: 3 } },
];
const [zwWide, zwLong] = fill(ruleSet("generic/zhengwu-xinxi"), zwUnits);
writeCsv(ex("zhengwu-xinxi-units.csv"), zwWide);
writeCsv(ex("zhengwu-xinxi-findings.csv"), zwLong);

// 贵州 五当 2018 (example allocation, NOT official): units of the first cohort case.
const xz = { 附件1问题: [], 弄虚作假: false };
const bm = { 附件2问题: [], 弄虚作假: false };
const gzUnits = [
  { id: "镇A", category: "xiangzhen", facts: xz },
  { id: "镇B", category: "xiangzhen", facts: { ...xz, 附件1问题: [{ kind: "一.1.1(乡)" }] } },
  { id: "镇D", category: "xiangzhen", facts: { ...xz, 附件1问题: [{ kind: "三.4.1", count: 4 }] } },
  { id: "局F", category: "bumen", facts: { ...bm, 附件2问题: [{ kind: "二.1.4", count: 2 }] } },
  { id: "局G", category: "bumen", facts: { ...bm, 附件2问题: [{ kind: "一.1.2", count: 5 }] } },
];
const [gzWide, gzLong] = fill(
  ruleSet("guizhou/wudang-2018", "params/example-allocation-UNOFFICIAL.yaml"),
  gzUnits,
);
writeCsv(ex("wudang-2018-units.csv"), gzWide, true);
writeCsv(ex("wudang-2018-findings.csv"), gzLong, true);
