/**
 * Cells as offices write them: headers compared loosely, dates in the usual Chinese forms, A1
 * column letters. Browser-safe.
 */
import { daysFromCivil, formatDate, parseDate } from "../time/date.js";

/** Characters that do not show: zero-width spaces and joiners, the word joiner, the BOM. */
const INVISIBLE_RE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]/g;

/** A header or a cell as compared: NFKC (full-width forms folded), invisible characters removed, trimmed. */
export function normCell(s: string): string {
  return s.normalize("NFKC").replace(INVISIBLE_RE, "").trim();
}

/** The A1 letters of a 0-based column: 0 → A, 25 → Z, 26 → AA. */
export function colLetter(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The 0-based column of A1 letters (`AA` → 26), or -1. */
export function colIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) return -1;
    n = n * 26 + (c - 64);
    if (n > 1_000_000) return -1;
  }
  return n - 1;
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/**
 * A date as offices write it — `2025/9/30`, `2025-9-30`, `2025.9.30`, `2025年9月30日` — as
 * `YYYY-MM-DD`, when it is a real date; otherwise the text unchanged (so that the engine reports
 * it as written). A date with a time (`2025-09-30T09:00`) is left as it is.
 */
export function normDate(text: string): string {
  const s = normCell(text);
  for (const re of DATE_FORMS) {
    const m = re.exec(s);
    if (!m) continue;
    const iso = `${m[1]}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}`;
    return parseDate(iso) === null ? text : iso;
  }
  return text;
}

const EPOCH_1900 = daysFromCivil(1899, 12, 31); // serial 1 = 1900-01-01 (serial 0 is "1900-01-00")
const EPOCH_1904 = daysFromCivil(1904, 1, 1); // serial 0 = 1904-01-01

/**
 * An Excel date serial as `YYYY-MM-DD`, or null for a serial that is no date (negative, over
 * 9999-12-31, or 60: the 1900-02-29 that Lotus 1-2-3 invented and Excel keeps). In the 1900 system
 * serials from 61 on are one day ahead of the calendar because of that day. A fraction (a time of
 * day) is dropped only when the cell's format is a date without a time, which is the caller's call.
 */
export function excelSerialDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1)) return null;
  const whole = Math.floor(serial);
  if (!date1904 && whole === 60) return null;
  const days = date1904 ? EPOCH_1904 + whole : EPOCH_1900 + whole - (whole > 60 ? 1 : 0);
  if (days > daysFromCivil(9999, 12, 31)) return null;
  return formatDate(days);
}
