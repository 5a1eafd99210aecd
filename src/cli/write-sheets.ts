/**
 * Writing result tables and templates to files, for the command line (Node only). fflate is
 * loaded synchronously here, since the CLI runs synchronously; library callers use `toXlsx`,
 * which imports it on demand.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { CohortResult } from "../cohort/types.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { issue, KaoheError } from "../errors/issue.js";
import type { RunManifest } from "../node/manifest.js";
import type { Table } from "../sheets/write/cells.js";
import { toCsv, toJsonl } from "../sheets/write/csv.js";
import { manifestTable } from "../sheets/write/manifest.js";
import { resultTables } from "../sheets/write/results.js";
import { type TemplateOptions, templateSheet } from "../sheets/write/template.js";
import { toXlsxWith, type ZipSync } from "../sheets/write/xlsx.js";

/** fflate, loaded synchronously, or a KaoheError E_NEEDS_FFLATE. */
export function fflateSync(what = "写 XLSX 文件"): { zipSync: ZipSync; unzipSync: unknown } {
  try {
    // The CommonJS build (the command) has its own require; elsewhere, resolve from the cwd.
    const req = typeof require === "function" ? require : createRequire(`${process.cwd()}/`);
    const m = req("fflate") as { zipSync: ZipSync; unzipSync: unknown };
    if (typeof m.zipSync !== "function") throw new Error("no zipSync");
    return m;
  } catch {
    throw new KaoheError([issue("E_NEEDS_FFLATE", [], { what })]);
  }
}

export type ResultFormat = "csv" | "xlsx" | "jsonl";

/** The file suffixes of the three tables, for CSV and JSON Lines. */
export const TABLE_SUFFIXES = {
  scores: "scores",
  deductions: "deductions",
  flags: "flags",
} as const;

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

function write(file: string, data: string | Uint8Array): void {
  try {
    writeFileSync(file, data);
  } catch (e) {
    throw new KaoheError([
      issue("E_WRITE_FILE", [], { file, detail: (e as Error).message ?? String(e) }),
    ]);
  }
}

/**
 * Where the result files go. `out` is a directory (existing, or written with a trailing `/`):
 * `scores.csv`, `deductions.csv`, `flags.csv` (or `.jsonl`) or `results.xlsx` inside it.
 * Otherwise, for XLSX, `out` is the workbook (`.xlsx` added when missing); for CSV and JSON
 * Lines, a prefix: `out-scores.csv`, `out-deductions.csv`, `out-flags.csv` (a `.csv`/`.jsonl`
 * suffix of `out` is dropped first).
 */
export function resultPaths(out: string, format: ResultFormat): string[] {
  const dir = /[\\/]$/.test(out) || isDir(out);
  if (format === "xlsx") {
    if (dir) return [join(out, "results.xlsx")];
    return [/\.xlsx$/i.test(out) ? out : `${out}.xlsx`];
  }
  const ext = `.${format}`;
  const names = Object.values(TABLE_SUFFIXES);
  if (dir) return names.map((n) => join(out, `${n}${ext}`));
  const prefix = out.replace(/\.(csv|jsonl)$/i, "");
  return names.map((n) => `${prefix}-${n}${ext}`);
}

/**
 * Where the run manifest goes beside CSV or JSON Lines: `out-manifest.json` (a `.csv`/`.jsonl`
 * suffix of `out` dropped first), or `manifest.json` inside a directory.
 */
export function manifestPath(out: string): string {
  if (/[\\/]$/.test(out) || isDir(out)) return join(out, "manifest.json");
  return `${out.replace(/\.(csv|jsonl)$/i, "")}-manifest.json`;
}

/**
 * Writes a scored cohort's tables to `out` as CSV, XLSX or JSON Lines; returns the files written.
 * With a run manifest: XLSX gets a 4th sheet `运行清单`; CSV and JSON Lines a 4th file, the
 * manifest as JSON (`manifestPath`), listed last.
 */
export function writeResults(
  crs: CompiledRuleSet,
  cohort: CohortResult,
  format: ResultFormat,
  out: string,
  manifest?: RunManifest,
): string[] {
  const t = resultTables(crs, cohort);
  const tables: Table[] = [t.scores, t.deductions, t.flags];
  const paths = resultPaths(out, format);
  const mPath = manifest && format !== "xlsx" ? manifestPath(out) : undefined;
  if (/[\\/]$/.test(out)) {
    try {
      mkdirSync(out, { recursive: true });
    } catch (e) {
      throw new KaoheError([
        issue("E_WRITE_FILE", [], { file: out, detail: (e as Error).message }),
      ]);
    }
  }
  if (format === "xlsx") {
    const sheets = manifest ? [...tables, manifestTable(manifest)] : tables;
    const bytes = toXlsxWith(sheets, fflateSync().zipSync);
    write(paths[0] as string, bytes);
    return paths;
  }
  const render = format === "csv" ? toCsv : toJsonl;
  tables.forEach((table, i) => write(paths[i] as string, render(table)));
  if (mPath === undefined) return paths;
  write(mPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return [...paths, mPath];
}

/** Writes a rule set's empty template to `out`: XLSX or CSV by its extension. */
export function writeTemplate(crs: CompiledRuleSet, opts: TemplateOptions, out: string): void {
  const sheet = templateSheet(crs, opts);
  if (/\.xlsx$/i.test(out)) write(out, toXlsxWith([sheet], fflateSync().zipSync));
  else write(out, toCsv(sheet));
}
