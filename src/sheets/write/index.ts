/**
 * Writing: score sheets, deduction lists and flags (CSV, XLSX, JSON Lines), and empty templates
 * for a rule set. Browser-safe: everything returns text or bytes; XLSX needs the optional peer
 * dependency fflate, loaded on demand.
 */
export {
  type Cell,
  type Column,
  type NumberCell,
  neutralise,
  num,
  type Table,
  xmlText,
} from "./cells.js";
export { csvHead, csvLine, jsonlLine, toCsv, toJsonl } from "./csv.js";
export {
  MANIFEST_SHEET,
  type ManifestFile,
  manifestTable,
  type RunManifest,
} from "./manifest.js";
export {
  NOT_APPLICABLE,
  NOT_SCORED,
  type ResultRows,
  type ResultTables,
  resultRows,
  resultTables,
  TABLE_NAMES,
} from "./results.js";
export {
  FIRST_DATA_ROW,
  LONG_HEADERS,
  periodsOf,
  type TemplateLayout,
  type TemplateOptions,
  templateSheet,
} from "./template.js";
export {
  type DataValidation,
  loadFflate,
  toXlsx,
  toXlsxWith,
  type WorkbookSheet,
  xlsxParts,
  type ZipSync,
  zipParts,
} from "./xlsx.js";
