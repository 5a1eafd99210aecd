/**
 * Reading facts from sheets: CSV, XLSX, JSON Lines, JSON and YAML, in the wide or long layout
 * (docs/sheets.md), into the units the engine scores, with every data row accounted for.
 * Browser-safe: it takes bytes; XLSX needs the optional peer dependencies fflate and saxes.
 */
import type { CompiledRuleSet } from "../compile/compile.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { MAX_INPUT_BYTES } from "../load/document.js";
import { decodeText } from "../load/encoding.js";
import { parseUnits } from "../load/units.js";
import { csvRowsOf, DEFAULT_LIMITS, parseCsv, SheetFailure, type SheetLimits } from "./csv.js";
import { FACTS_JSON_LIMITS, parseUnitsJson } from "./json.js";
import { jsonlLayout, layoutOfLine, linesOf, readJsonlLong, readJsonlWide } from "./jsonl.js";
import {
  combine,
  detectLayout,
  gridAt,
  type Layout,
  peekFirst,
  peekHeader,
  readLong,
  readWide,
  type SheetRow,
  type SheetUnits,
  type Source,
  unitsAsSource,
} from "./layout.js";
import {
  chooseSheets,
  DEFAULT_XLSX_LIMITS,
  loadXlsxLibs,
  readXlsx,
  type XlsxLibs,
  type XlsxLimits,
} from "./xlsx.js";

/** The formats facts are read from. */
export type FactsFormat = "csv" | "xlsx" | "jsonl" | "json" | "yaml";

/** The format a file name says, by its extension; null when it says none kaohe reads. */
export function factsFormatOf(name: string): FactsFormat | null {
  const m = /\.([A-Za-z]+)$/.exec(name);
  const ext = m?.[1]?.toLowerCase();
  if (ext === "csv" || ext === "txt" || ext === "tsv") return ext === "csv" ? "csv" : null;
  if (ext === "xlsx" || ext === "xlsm") return "xlsx";
  if (ext === "jsonl" || ext === "ndjson") return "jsonl";
  if (ext === "json") return "json";
  if (ext === "yaml" || ext === "yml") return "yaml";
  return null;
}

/** One facts file to read: its bytes, or (CSV and JSON Lines) its bytes in chunks. */
export interface FactsInput {
  /** The file's name, for its format (by extension) and for messages. */
  name: string;
  /** The whole file. */
  bytes?: Uint8Array;
  /**
   * The file in chunks, read as they come (CSV and JSON Lines): neither its bytes nor its text
   * are held whole, only the units and findings read from it. Called once.
   */
  chunks?: () => Iterable<Uint8Array>;
  /** The format, when the name does not say it. */
  format?: FactsFormat;
}

/** How to read facts files. */
export interface ReadFactsOptions {
  /** The rule set: headers and 事实 cells are its facts' labels or ids. */
  ruleSet: CompiledRuleSet;
  /** The layout, when the headers should not decide it (a `事实` column means long). */
  layout?: Layout;
  /** XLSX: the one sheet to read (else `单位` and `问题`, else the first). */
  sheet?: string;
  limits?: Partial<SheetLimits>;
  xlsxLimits?: Partial<XlsxLimits>;
  /** The XLSX libraries, for a synchronous read (readFactsSync); readFacts loads them itself. */
  xlsx?: XlsxLibs;
}

/**
 * The largest CSV or JSON Lines file read under the default row limit: far beyond a sheet of
 * every unit of a province. A larger row limit allows SHEET_BYTES_PER_ROW bytes per row.
 */
export const MAX_SHEET_TEXT_BYTES = 64 * 1024 * 1024;
/** Bytes allowed per row of a CSV or JSON Lines file when the row limit is raised. */
export const SHEET_BYTES_PER_ROW = 512;
/** The longest line of a JSON Lines file, in characters. */
export const MAX_JSONL_LINE = 1024 * 1024;

/** The byte limit of a CSV or JSON Lines file under a row limit (docs/sheets.md, Limits). */
export function sheetByteLimit(maxRows: number): number {
  return Math.max(MAX_SHEET_TEXT_BYTES, maxRows * SHEET_BYTES_PER_ROW);
}

/** Chunks passed on while their total stays within `limit` bytes; past it, S_LIMIT. */
function* bounded(chunks: Iterable<Uint8Array>, limit: number): Generator<Uint8Array> {
  let size = 0;
  for (const c of chunks) {
    size += c.length;
    if (size > limit)
      throw new SheetFailure(issue("S_LIMIT", [], { what: "文件大小(字节)", limit }));
    yield c;
  }
}

function placeFailure(e: SheetFailure, file: string, sheet?: string): KaoheIssue {
  return {
    ...e.issue,
    file,
    ...(sheet !== undefined && e.issue.cell !== undefined ? { sheet } : {}),
  };
}

/** Reads one file's sources (one per sheet of an XLSX file). Never throws for a bad file. */
export function readSources(input: FactsInput, opts: ReadFactsOptions): Source[] {
  const file = input.name;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const format = input.format ?? factsFormatOf(file);
  const failed = (i: KaoheIssue): Source[] => [{ ...unitsAsSource({ units: [], issues: [i] }) }];
  try {
    if ((format === "csv" || format === "jsonl") && input.chunks) {
      const chunks = bounded(input.chunks(), sheetByteLimit(limits.maxRows));
      if (format === "jsonl") {
        const { first, all: lines } = peekFirst(
          linesOf(chunks, MAX_JSONL_LINE),
          (l) => l.trim() !== "",
        );
        const layout = opts.layout ?? layoutOfLine(first);
        return [
          layout === "long"
            ? readJsonlLong(lines, opts.ruleSet, limits, file)
            : readJsonlWide(lines, limits, file),
        ];
      }
      const { header, rows } = peekHeader(csvRowsOf(chunks, limits));
      const grid = gridAt(rows, file);
      const layout = opts.layout ?? (header ? detectLayout(header.cells) : "wide");
      return [layout === "long" ? readLong(grid, opts.ruleSet) : readWide(grid, opts.ruleSet)];
    }
    const bytes = input.bytes ?? new Uint8Array(0);
    if (format === "xlsx") {
      if (!opts.xlsx)
        throw new SheetFailure(
          issue("S_NEEDS_LIBS", [], { what: "读取 XLSX 文件", install: "fflate saxes" }),
        );
      const { sheets } = readXlsx(bytes, opts.xlsx, (names) => chooseSheets(names, opts.sheet), {
        limits,
        xlsxLimits: { ...DEFAULT_XLSX_LIMITS, ...opts.xlsxLimits },
      });
      return sheets.map((s) => {
        const grid = gridAt(s.rows, file, s.name);
        const layout =
          opts.layout ??
          (s.name === "问题" ? "long" : s.name === "单位" ? "wide" : layoutOf(s.rows));
        return layout === "long" ? readLong(grid, opts.ruleSet) : readWide(grid, opts.ruleSet);
      });
    }
    if (format === "csv" || format === "jsonl") {
      const limit = sheetByteLimit(limits.maxRows);
      if (bytes.length > limit)
        return failed({ ...issue("S_LIMIT", [], { what: "文件大小(字节)", limit }), file });
      const decoded = decodeText(bytes);
      if (decoded.issue) return failed({ ...decoded.issue, file });
      const text = decoded.text;
      if (format === "jsonl") {
        const layout = opts.layout ?? jsonlLayout(text);
        return [
          layout === "long"
            ? readJsonlLong(text, opts.ruleSet, limits, file)
            : readJsonlWide(text, limits, file),
        ];
      }
      return [fromCsvRows(parseCsv(text, limits), file, opts)];
    }
    if (format === "json" || format === "yaml") {
      // JSON up to 64 MiB by the fast path; YAML (and unclean JSON) up to 8 MiB.
      const max = format === "json" ? FACTS_JSON_LIMITS.bytes : MAX_INPUT_BYTES;
      if (bytes.length > max) return failed({ ...issue("E_TOO_LARGE", [], { limit: max }), file });
      const decoded = decodeText(bytes);
      if (decoded.issue) return failed({ ...decoded.issue, file });
      const p =
        format === "json" ? parseUnitsJson(decoded.text, file) : parseUnits(decoded.text, file);
      return [unitsAsSource(p)];
    }
    return failed({
      ...issue("S_FORMAT", [], {
        detail: "不认识的文件类型;事实文件可以是 .csv、.xlsx、.jsonl、.json、.yaml",
      }),
      file,
    });
  } catch (e) {
    if (e instanceof SheetFailure) return failed(placeFailure(e, file, opts.sheet));
    throw e;
  }
}

function layoutOf(rows: readonly SheetRow[]): Layout {
  const header = rows.find((r) => r.cells.some((c) => c.trim() !== ""));
  return header ? detectLayout(header.cells) : "wide";
}

function fromCsvRows(rows: SheetRow[], file: string, opts: ReadFactsOptions): Source {
  const grid = gridAt(rows, file);
  const layout = opts.layout ?? layoutOf(rows);
  return layout === "long" ? readLong(grid, opts.ruleSet) : readWide(grid, opts.ruleSet);
}

/**
 * Reads facts files — a wide and a long one may be given together — into units. XLSX needs
 * `opts.xlsx` (the libraries); use readFacts to have them loaded.
 */
export function readFactsSync(inputs: readonly FactsInput[], opts: ReadFactsOptions): SheetUnits {
  return combine(inputs.flatMap((x) => readSources(x, opts)));
}

/** Reads facts files like readFactsSync, loading fflate and saxes when an XLSX file is among them. */
export async function readFacts(
  inputs: readonly FactsInput[],
  opts: ReadFactsOptions,
): Promise<SheetUnits> {
  let xlsx = opts.xlsx;
  if (!xlsx && inputs.some((x) => (x.format ?? factsFormatOf(x.name)) === "xlsx")) {
    try {
      xlsx = await loadXlsxLibs();
    } catch (e) {
      if (!(e instanceof SheetFailure)) throw e;
      return combine([unitsAsSource({ units: [], issues: [e.issue] })]);
    }
  }
  return readFactsSync(inputs, { ...opts, ...(xlsx ? { xlsx } : {}) });
}

/**
 * Reads a CSV file from an async source (a web stream, a Node stream): the chunks are gathered
 * within the byte limit (the readers are synchronous), then read as a FactsInput with `chunks`:
 * the encoding sniffed from the first 64 KiB, the text decoded in streaming mode, the rows parsed
 * one by one. Only the bytes are held, not the text or the rows; a synchronous source can be
 * given to readFactsSync as `chunks` directly.
 */
export async function readCsvStream(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  name: string,
  opts: ReadFactsOptions,
): Promise<SheetUnits> {
  // Gathered first (an async source cannot feed the synchronous readers), within the byte limit.
  const limit = sheetByteLimit({ ...DEFAULT_LIMITS, ...opts.limits }.maxRows);
  const got: Uint8Array[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > limit)
      return combine([
        unitsAsSource({
          units: [],
          issues: [{ ...issue("S_LIMIT", [], { what: "文件大小(字节)", limit }), file: name }],
        }),
      ]);
    got.push(c);
  }
  return readFactsSync([{ name, chunks: () => got, format: "csv" }], opts);
}

export { loadXlsxLibs };
