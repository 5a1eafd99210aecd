/**
 * kaohe/sheets — facts from spreadsheets and results back to them (docs/sheets.md). Browser-safe:
 * everything takes and returns bytes or text; XLSX needs the optional peer dependencies fflate
 * (and, to read, saxes), loaded on demand.
 *
 * The package entry `kaohe/sheets`: its public API, on purpose (docs/api.md,
 * etc/api/kaohe-sheets.api.md). The readers and writers live in src/sheets/.
 */
import type { CohortResult, CohortUnitResult } from "../cohort/types.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { ParsedUnits } from "../load/units.js";
import type { SheetLimits } from "../sheets/csv.js";
import * as json from "../sheets/json.js";
import type { SheetUnits } from "../sheets/layout.js";
import type { FactsInput } from "../sheets/read.js";
import * as read from "../sheets/read.js";
import type { Cell, Table } from "../sheets/write/cells.js";
import * as cells from "../sheets/write/cells.js";
import * as csv from "../sheets/write/csv.js";
import type { RunManifest } from "../sheets/write/manifest.js";
import * as manifest from "../sheets/write/manifest.js";
import type { ResultRows, ResultTables } from "../sheets/write/results.js";
import * as results from "../sheets/write/results.js";
import * as template from "../sheets/write/template.js";
import type { WorkbookSheet } from "../sheets/write/xlsx.js";
import * as xlsxWrite from "../sheets/write/xlsx.js";
import type { XlsxLimits } from "../sheets/xlsx.js";
import * as xlsx from "../sheets/xlsx.js";
import { type CompiledRuleSet, engine, type XlsxLibs, xlsxHandle, xlsxOf } from "./handles.js";

export type { SheetLimits } from "../sheets/csv.js";
export type { RowSummary, SheetUnits } from "../sheets/layout.js";
export type { FactsFormat, FactsInput } from "../sheets/read.js";
export type { Cell, Column, NumberCell, Table } from "../sheets/write/cells.js";
export type { ManifestFile, RunManifest } from "../sheets/write/manifest.js";
export type { ResultRows, ResultTables } from "../sheets/write/results.js";
export type { DataValidation, WorkbookSheet } from "../sheets/write/xlsx.js";
export type { XlsxLimits } from "../sheets/xlsx.js";
export type { XlsxLibs } from "./handles.js";

/** A sheet's layout: `wide`, one row per unit, or `long`, one row per finding (docs/sheets.md). */
export type Layout = "wide" | "long";

// ---------------------------------------------------------------------------------------------
// Reading

/** How to read facts files. */
export interface ReadFactsOptions {
  /** The rule set: headers and 事实 cells are its facts' labels or ids. */
  ruleSet: CompiledRuleSet;
  /** The layout, when the headers should not decide it (a `事实`/`fact` column means long). */
  layout?: Layout;
  /** XLSX: the one sheet to read (else `单位` and `问题`, else the first). */
  sheet?: string;
  /** Bounds on rows, columns and cell length (docs/sheets.md, Limits). */
  limits?: Partial<SheetLimits>;
  /** Bounds on an XLSX file's size and contents. */
  xlsxLimits?: Partial<XlsxLimits>;
  /** The XLSX libraries, for readFactsSync (from xlsxLibsFrom); readFacts loads them itself. */
  xlsx?: XlsxLibs;
}

const readOptions = (opts: ReadFactsOptions): read.ReadFactsOptions => {
  const { ruleSet, xlsx: libs, ...rest } = opts;
  return { ...rest, ruleSet: engine(ruleSet), ...(libs ? { xlsx: xlsxOf(libs) } : {}) };
};

/**
 * Reads facts files — CSV, XLSX, JSON Lines, JSON or YAML, by extension; a wide and a long one may
 * be given together — into units, every data row accounted for (used, skipped or rejected with
 * its cell). Loads fflate and saxes when an XLSX file is among them.
 *
 * @example
 * const { units, summary } = await readFacts([{ name: "units.csv", bytes }], { ruleSet: compiled });
 * summary.rowsRejected; //=> 0
 */
export function readFacts(
  inputs: readonly FactsInput[],
  opts: ReadFactsOptions,
): Promise<SheetUnits> {
  return read.readFacts(inputs, readOptions(opts));
}

/**
 * Reads facts files as readFacts does, synchronously; CSV and JSON Lines may be given in chunks,
 * read as they come. XLSX needs `opts.xlsx` (else S_NEEDS_LIBS).
 *
 * @example
 * readFactsSync([{ name: "findings.csv", chunks: () => chunksOfTheFile }], { ruleSet: compiled })
 *   .units.length; //=> 4
 */
export function readFactsSync(inputs: readonly FactsInput[], opts: ReadFactsOptions): SheetUnits {
  return read.readFactsSync(inputs, readOptions(opts));
}

/**
 * Reads a CSV file from an async source (a web stream, a Node stream): its bytes are gathered
 * within the byte limit, then read as readFactsSync reads chunks.
 *
 * @example
 * (await readCsvStream(createReadStream("units.csv"), "units.csv", { ruleSet: compiled })).issues;
 * //=> []
 */
export function readCsvStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  name: string,
  opts: ReadFactsOptions,
): Promise<SheetUnits> {
  return read.readCsvStream(chunks, name, readOptions(opts));
}

/**
 * Reads a JSON facts file: the result of parseUnits (from `kaohe`), faster on a large clean file.
 *
 * @example
 * parseUnitsJson('{"units":[{"id":"江岸区","facts":{"n":3}}]}').units[0].facts.n; //=> 3
 */
export function parseUnitsJson(text: string, file?: string): ParsedUnits {
  return json.parseUnitsJson(text, file);
}

/**
 * The XLSX libraries from the modules fflate and saxes (ESM namespaces or CommonJS exports), for
 * readFactsSync; S_NEEDS_LIBS (a KaoheError) when they are not those modules.
 *
 * @example
 * const libs = xlsxLibsFrom(await import("fflate"), await import("saxes"));
 * readFactsSync([{ name: "考核.xlsx", bytes }], { ruleSet: compiled, xlsx: libs }).issues; //=> []
 */
export function xlsxLibsFrom(fflate: unknown, saxes: unknown): XlsxLibs {
  return xlsxHandle(xlsx.xlsxLibsFrom(fflate, saxes));
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * The three result tables of a scored cohort — 得分, 扣分 and 标记 — units in the cohort's order.
 *
 * @example
 * resultTables(compiled, scoreCohort(compiled, units)).scores.name; //=> "得分"
 */
export function resultTables(
  ruleSet: CompiledRuleSet,
  cohort: Pick<CohortResult, "issues"> & { units: Iterable<CohortUnitResult> },
): ResultTables {
  return results.resultTables(engine(ruleSet), cohort);
}

/**
 * The headers of the result tables and each unit's rows, to write them unit by unit (a
 * scoreCohortLazily run). `issues` are the cohort's own.
 *
 * @example
 * const rows = resultRows(compiled, run.issues);
 * rows.heads.scores.slice(0, 3); //=> ["单位", "类别", "总分"]
 */
export function resultRows(ruleSet: CompiledRuleSet, issues: readonly KaoheIssue[]): ResultRows {
  return results.resultRows(engine(ruleSet), issues);
}

/**
 * The `运行清单` table of a run manifest (the `manifest` of a JSON result): what it was computed
 * from.
 *
 * @example
 * manifestTable(result.manifest).name; //=> "运行清单"
 */
export function manifestTable(m: RunManifest): Table {
  return manifest.manifestTable(m);
}

/** How templateSheet lays out a template. */
export interface TemplateOptions {
  /** `wide` (sheet 单位, one row per unit; the default) or `long` (sheet 问题, one per finding). */
  layout?: Layout;
  /** Only the facts this category's rules read (and its category in the 类别 dropdown). */
  category?: string;
  /** The last row the validations cover; default 1000. */
  lastRow?: number;
}

/**
 * An empty sheet for a rule set, with its validations, that the readers accept as it is; write it
 * with toXlsx or toCsv.
 *
 * @example
 * templateSheet(compiled, { layout: "long" }).name; //=> "问题"
 */
export function templateSheet(ruleSet: CompiledRuleSet, opts?: TemplateOptions): WorkbookSheet {
  return template.templateSheet(engine(ruleSet), opts);
}

/**
 * A table as CSV text: UTF-8 with a byte-order mark, CRLF, text cells neutralised.
 *
 * @example
 * toCsv({ name: "t", columns: [{ header: "单位" }], rows: [["=1+1"]] });
 * //=> "\uFEFF单位\r\n'=1+1\r\n"
 */
export function toCsv(table: Table): string {
  return csv.toCsv(table);
}

/**
 * A table as JSON Lines: one object per row, keyed by the headers, numbers as decimal strings;
 * text is written unchanged (JSON Lines is data, not a spreadsheet).
 *
 * @example
 * toJsonl({ name: "t", columns: [{ header: "得分" }], rows: [[{ num: "93.4" }]] });
 * //=> '{"得分":"93.4"}\n'
 */
export function toJsonl(table: Table): string {
  return csv.toJsonl(table);
}

/**
 * The header line of a CSV file written line by line (with the byte-order mark).
 *
 * @example
 * csvHead(["单位", "得分"]); //=> "\uFEFF单位,得分\r\n"
 */
export function csvHead(headers: readonly string[]): string {
  return csv.csvHead(headers);
}

/**
 * One CSV line of cells, text neutralised.
 *
 * @example
 * csvLine(["江岸区", { num: "93.4" }, null]); //=> "江岸区,93.4,\r\n"
 */
export function csvLine(cells: readonly Cell[]): string {
  return csv.csvLine(cells);
}

/**
 * One JSON Lines line: the row as an object keyed by the headers, numbers as decimal strings.
 *
 * @example
 * jsonlLine(["单位", "得分"], ["江岸区", { num: "93.4" }]); //=> '{"单位":"江岸区","得分":"93.4"}\n'
 */
export function jsonlLine(headers: readonly string[], row: readonly Cell[]): string {
  return csv.jsonlLine(headers, row);
}

/**
 * A workbook of these sheets as the bytes of an .xlsx file; deterministic. Needs fflate
 * (S_NEEDS_LIBS, a KaoheError, when it is not installed).
 *
 * @example
 * (await toXlsx([templateSheet(compiled)])).length > 0; //=> true
 */
export function toXlsx(sheets: readonly WorkbookSheet[]): Promise<Uint8Array> {
  return xlsxWrite.toXlsx(sheets);
}

/**
 * A text cell made safe for spreadsheets: each line that starts like a formula (`=`, `+`, `-`,
 * `@`, tab, CR, their full-width forms, or whitespace before them) gets a leading `'`.
 *
 * @example
 * neutralise("=HYPERLINK(1)"); //=> "'=HYPERLINK(1)"
 */
export function neutralise(text: string): string {
  return cells.neutralise(text);
}
