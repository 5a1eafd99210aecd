/**
 * kaohe/sheets — facts from spreadsheets and results back to them (docs/sheets.md).
 * Reading: CSV, XLSX, JSON Lines, JSON and YAML, in the wide or long layout, every row accounted
 * for. Writing: score sheets, deduction lists, flags and templates. Browser-safe: everything
 * takes and returns bytes or text; XLSX needs the optional peer dependencies fflate (and, to
 * read, saxes), loaded on demand.
 */
export { colIndex, colLetter, excelSerialDate, normCell, normDate } from "./cells.js";
export {
  CsvByteDecoder,
  CsvParser,
  DEFAULT_LIMITS,
  parseCsv,
  SheetFailure,
  type SheetLimits,
} from "./csv.js";
export { parseJsonFast, parseUnitsJson } from "./json.js";
export {
  combine,
  detectLayout,
  type Grid,
  gridAt,
  type Layout,
  type LongSource,
  type RowSummary,
  readLong,
  readWide,
  type SheetRow,
  type SheetUnits,
  type Source,
  unitsAsSource,
  type WideSource,
} from "./layout.js";
export {
  type FactsFormat,
  type FactsInput,
  factsFormatOf,
  MAX_SHEET_TEXT_BYTES,
  type ReadFactsOptions,
  readCsvStream,
  readFacts,
  readFactsSync,
  readSources,
} from "./read.js";
export * from "./write/index.js";
export {
  chooseSheets,
  DEFAULT_XLSX_LIMITS,
  formatKind,
  loadXlsxLibs,
  readXlsx,
  type XlsxLibs,
  type XlsxLimits,
  xlsxLibsFrom,
} from "./xlsx.js";
