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

/** A table as CSV text, starting with a BOM, every line (the last included) ending in CRLF. */
export function toCsv(t: Table): string {
  const lines = [t.columns.map((c) => field(c.header)), ...t.rows.map((r) => r.map(field))];
  return BOM + lines.map((l) => `${l.join(",")}\r\n`).join("");
}

/** A table as JSON Lines: one object per row, keys the headers, numbers as decimal strings. */
export function toJsonl(t: Table): string {
  return t.rows
    .map((r) => {
      const o: Record<string, string | null> = {};
      t.columns.forEach((c, i) => {
        const v = r[i] ?? null;
        o[c.header] = v === null ? null : isNumber(v) ? v.num : v;
      });
      return `${JSON.stringify(o)}\n`;
    })
    .join("");
}
