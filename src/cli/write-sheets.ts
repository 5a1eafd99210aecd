/**
 * Writing result tables and templates to files, for the command line (Node only). fflate is
 * loaded synchronously here, since the CLI runs synchronously; library callers use `toXlsx`,
 * which imports it on demand.
 */
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { CohortResult, CohortRun, CohortUnitResult } from "../cohort/types.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { issue, KaoheError } from "../errors/issue.js";
import type { RunManifest } from "../node/manifest.js";
import type { Cell, Table } from "../sheets/write/cells.js";
import { csvHead, csvLine, jsonlLine, toCsv } from "../sheets/write/csv.js";
import { manifestTable } from "../sheets/write/manifest.js";
import { resultRows, resultTables } from "../sheets/write/results.js";
import { type TemplateOptions, templateSheet } from "../sheets/write/template.js";
import { toXlsxWith, type ZipSync } from "../sheets/write/xlsx.js";

/** fflate, loaded synchronously, or a KaoheError S_NEEDS_LIBS naming it. */
export function fflateSync(what = "写 XLSX 文件"): { zipSync: ZipSync; unzipSync: unknown } {
  try {
    // The CommonJS build (the command) has its own require; elsewhere, resolve from the cwd.
    const req = typeof require === "function" ? require : createRequire(`${process.cwd()}/`);
    const m = req("fflate") as { zipSync: ZipSync; unzipSync: unknown };
    if (typeof m.zipSync !== "function") throw new Error("no zipSync");
    return m;
  } catch {
    throw new KaoheError([issue("S_NEEDS_LIBS", [], { what, install: "fflate" })]);
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

/** A file written in pieces of about 1 MiB; any failure is E_WRITE_FILE naming the file. */
class FileSink {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  constructor(readonly file: string) {
    this.fd = this.guard(() => openSync(file, "w"));
  }
  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw new KaoheError([
        issue("E_WRITE_FILE", [], { file: this.file, detail: (e as Error).message ?? String(e) }),
      ]);
    }
  }
  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }
  private flush(): void {
    const text = this.buf.join("");
    this.buf = [];
    this.size = 0;
    if (text) this.guard(() => writeSync(this.fd, text));
  }
  close(): void {
    this.flush();
    this.guard(() => closeSync(this.fd));
  }
  /** Closes without writing what is held (after another file failed). */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already failing: the first error is the one reported.
    }
  }
}

/** The units of a cohort, whether scored at once or lazily. */
function unitsOf(cohort: CohortResult | CohortRun): Iterable<CohortUnitResult> {
  return typeof cohort.units === "function" ? cohort.units() : cohort.units;
}

/**
 * Writes a scored cohort's tables to `out` as CSV, XLSX or JSON Lines; returns the files written.
 * CSV and JSON Lines are written unit by unit as the units are given (a CohortRun scores each
 * one when it is reached), so no table is ever held whole; XLSX, a zip, is built in memory.
 * With a run manifest: XLSX gets a 4th sheet `运行清单`; CSV and JSON Lines a 4th file, the
 * manifest as JSON (`manifestPath`), listed last.
 */
export function writeResults(
  crs: CompiledRuleSet,
  cohort: CohortResult | CohortRun,
  format: ResultFormat,
  out: string,
  manifest?: RunManifest,
): string[] {
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
    const zipSync = fflateSync().zipSync;
    const t = resultTables(crs, { issues: cohort.issues, units: unitsOf(cohort) });
    const tables: Table[] = [t.scores, t.deductions, t.flags];
    const sheets = manifest ? [...tables, manifestTable(manifest)] : tables;
    write(paths[0] as string, toXlsxWith(sheets, zipSync));
    return paths;
  }
  const b = resultRows(crs, cohort.issues);
  const heads = [b.heads.scores, b.heads.deductions, b.heads.flags];
  const sinks: FileSink[] = [];
  try {
    for (const p of paths) sinks.push(new FileSink(p));
    const line =
      format === "csv"
        ? (_: number, row: Cell[]) => csvLine(row)
        : (i: number, row: Cell[]) => jsonlLine(heads[i] as string[], row);
    if (format === "csv") heads.forEach((h, i) => sinks[i]?.write(csvHead(h)));
    for (const x of unitsOf(cohort)) {
      const r = b.rows(x);
      sinks[0]?.write(line(0, r.scores));
      for (const d of r.deductions) sinks[1]?.write(line(1, d));
      for (const f of r.flags) sinks[2]?.write(line(2, f));
    }
    for (const s of sinks) s.close();
  } catch (e) {
    for (const s of sinks) s.abandon();
    throw e;
  }
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
