/**
 * CSV and JSON Lines writing. CSV: UTF-8 with a byte-order mark (so that Excel and WPS read the
 * Chinese), CRLF line ends, RFC 4180 quoting, numbers as plain decimals, text cells neutralised
 * against formula injection. JSON Lines: one object per row keyed by the headers, decimals as
 * strings (as in kaohe's JSON), nothing neutralised (it is data, not a spreadsheet).
 */
import { type Cell, isNumber, neutralise, type Table } from "./cells.js";

const BOM = "\ufeff";

/** One CSV field: quoted when it holds a comma, a quote, a CR or an LF (or starts/ends with a space). */
function field(c: Cell): string {
  if (c === null) return "";
  if (isNumber(c)) return c.num;
  const s = neutralise(c);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (its CRLF included). */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(field).join(",")}\r\n`;
}

/** The start of a CSV file: the BOM and the header line. */
export function csvHead(headers: readonly string[]): string {
  return BOM + csvLine(headers);
}

/** A table as CSV text, starting with a BOM, every line (the last included) ending in CRLF. */
export function toCsv(t: Table): string {
  return csvHead(t.columns.map((c) => c.header)) + t.rows.map(csvLine).join("");
}

/** One JSON Lines line (its LF included): the row as an object keyed by the headers. */
export function jsonlLine(headers: readonly string[], row: readonly Cell[]): string {
  // No prototype: a header named __proto__ is a key like any other.
  const o: Record<string, string | null> = Object.create(null);
  headers.forEach((h, i) => {
    const v = row[i] ?? null;
    o[h] = v === null ? null : isNumber(v) ? v.num : v;
  });
  return `${JSON.stringify(o)}\n`;
}

/** A table as JSON Lines: one object per row, keys the headers, numbers as decimal strings. */
export function toJsonl(t: Table): string {
  const headers = t.columns.map((c) => c.header);
  return t.rows.map((r) => jsonlLine(headers, r)).join("");
}
