/**
 * The run manifest as a table: the 4th sheet `运行清单` of a result workbook. The same manifest
 * as in `kaohe score`'s JSON result — the kaohe version, the rule set and every input file with
 * its SHA-256, the options, the calendar years — as key/value rows, and, in the last row, the
 * manifest's JSON itself, for a program to read back.
 */

import type { Cell, Table } from "./cells.js";

/** One input file of a run: its path as given and the SHA-256 of its bytes. */
export interface ManifestFile {
  /** The path as it was given on the command line. */
  file: string;
  sha256: string;
}

/** What a result was computed from. Everything needed to compute it again, and nothing else. */
export interface RunManifest {
  /** The kaohe version that computed the result. */
  kaohe: string;
  /** The rule set used (the version in force, when several were given). */
  ruleSet: { id: string; edition: string | null } & ManifestFile;
  /** Every rule file given (several when a version was chosen by `period`). */
  rules: ManifestFile[];
  /** The parameters files of a template. */
  params: ManifestFile[];
  /** The facts files. */
  facts: ManifestFile[];
  /** The previous run, if one was given. */
  previous: ManifestFile | null;
  /** The run options that change a result. */
  options: {
    asOf: string | null;
    window: string | null;
    period: string | null;
    strict: boolean;
    trace: boolean;
    /** The readings given with `--reading` (解读), when any was. */
    reading?: string[];
  };
  /** The years of the working-day calendar the run consulted (each cites its official notice). */
  calendarYears: number[];
  /** The calendar files (`--calendar`) that added or replaced years, when any was given. */
  calendars?: ManifestFile[];
}

/** The sheet name of the manifest in a result workbook. */
export const MANIFEST_SHEET = "运行清单";

const yesNo = (b: boolean) => (b ? "是" : "否");

/**
 * The manifest as rows `项目`, `键` (its path in the JSON manifest), `值`, `SHA-256`: one row per
 * value, one per file (several rule, parameters or facts files: `rules[0]`, `rules[1]`…), and a
 * last row `清单(JSON)` holding `JSON.stringify(manifest)`.
 */
export function manifestTable(m: RunManifest): Table {
  const rows: Cell[][] = [];
  const row = (label: string, key: string, value: string | null, sha: string | null = null) =>
    rows.push([label, key, value, sha]);
  const files = (label: string, key: string, list: readonly ManifestFile[]) => {
    if (!list.length) row(label, key, "无");
    list.forEach((f, i) => row(label, `${key}[${i}]`, f.file, f.sha256));
  };
  row("kaohe 版本", "kaohe", m.kaohe);
  row("规则集", "ruleSet.id", m.ruleSet.id);
  row("规则集版本(edition)", "ruleSet.edition", m.ruleSet.edition ?? "无");
  row("采用的规则文件", "ruleSet.file", m.ruleSet.file, m.ruleSet.sha256);
  files("规则文件", "rules", m.rules);
  files("参数文件", "params", m.params);
  files("事实文件", "facts", m.facts);
  if (m.previous) row("上次的结果", "previous", m.previous.file, m.previous.sha256);
  else row("上次的结果", "previous", "无");
  row("考核日(--as-of)", "options.asOf", m.options.asOf ?? "无");
  row("考核期(--window)", "options.window", m.options.window ?? "无");
  row("选用版本的日期(--period)", "options.period", m.options.period ?? "无");
  row("严格模式(--strict)", "options.strict", yesNo(m.options.strict));
  row("记录评分过程(trace)", "options.trace", yesNo(m.options.trace));
  if (m.options.reading) row("解读(--reading)", "options.reading", m.options.reading.join("、"));
  row("工作日历年份", "calendarYears", m.calendarYears.length ? m.calendarYears.join("、") : "无");
  if (m.calendars) files("放假安排文件(--calendar)", "calendars", m.calendars);
  row("清单(JSON)", "manifest", JSON.stringify(m));
  return {
    name: MANIFEST_SHEET,
    columns: [
      { header: "项目", width: 24 },
      { header: "键", width: 16 },
      { header: "值", width: 60 },
      { header: "SHA-256", width: 66 },
    ],
    rows,
  };
}
