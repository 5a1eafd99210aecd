/**
 * The cells and tables the writers share, and the two text rules every writer applies: formula
 * injection neutralisation (for spreadsheets) and XML escaping (for XLSX).
 */

/** A number cell: an exact decimal written as text (`"-3.5"`), never through a float. */
export interface NumberCell {
  num: string;
}

/** A cell: text, an exact number, or empty. */
export type Cell = string | NumberCell | null;

/** One column of a table: its header and, for XLSX, its width in characters. */
export interface Column {
  header: string;
  /** Width in Excel character units; computed from the contents when absent. */
  width?: number;
}

/** A table: one CSV file, one JSON Lines file, or one sheet of a workbook. */
export interface Table {
  /** The sheet's name (得分, 扣分, 标记, 单位, 问题…), at most 31 characters. */
  name: string;
  columns: Column[];
  rows: Cell[][];
}

/** A number cell from a decimal (anything with `toFixed()`, e.g. decimal.js) or a whole number. */
export function num(d: { toFixed(): string } | number): NumberCell {
  if (typeof d === "number") {
    if (!Number.isSafeInteger(d)) throw new RangeError(`not a whole number: ${d}`);
    return { num: String(d) };
  }
  const s = d.toFixed();
  return { num: s === "-0" ? "0" : s };
}

export const isNumber = (c: Cell): c is NumberCell => c !== null && typeof c === "object";

/** The characters a spreadsheet may read as the start of a formula (ASCII and full-width). */
const TRIGGER = /^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/**
 * Neutralises formula injection (OWASP "CSV injection") in a text cell: every line of the cell
 * (split at CR, LF or CRLF) that starts with `=`, `+`, `-`, `@`, a tab or a CR, or with their
 * full-width forms `＝ ＋ － ＠`, or with whitespace followed by one of those, gets a leading `'`.
 * Other text is returned unchanged. Numbers are never passed here: a number cell such as -3.5 is
 * written as a number, not as text.
 *
 * @example
 * neutralise("=cmd|' /C calc'!A0") //=> "'=cmd|' /C calc'!A0"
 * neutralise("a\n=1")              //=> "a\n'=1"
 */
export function neutralise(text: string): string {
  if (text === "") return text;
  const parts = text.split(/(\r\n|\r|\n)/);
  let changed = false;
  // A cell that begins with a tab or a CR is prefixed as a whole, before its first line.
  let out = "";
  if (/^[\t\r]/.test(text)) {
    out = "'";
    changed = true;
  }
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (i % 2 === 1) {
      out += p;
      continue;
    }
    if ((i > 0 || out === "") && (TRIGGER.test(p) || p.startsWith("\t"))) {
      out += `'${p}`;
      changed = true;
    } else out += p;
  }
  return changed ? out : text;
}

/** Characters not allowed in XML 1.0 (controls other than tab, LF, CR; lone surrogates; FFFE/FFFF). */
const ILLEGAL_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text made safe for XML 1.0 element content (or, with `attr`, an attribute value): `&`, `<`, `>`
 * escaped (and `"`, tab, LF in attributes), CR kept as `&#13;`, illegal characters removed.
 */
export function xmlText(s: string, attr = false): string {
  const t = s
    .replace(ILLEGAL_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
  return attr ? t.replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;") : t;
}

/** How wide a text looks: CJK and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

/** The text of a cell as it is written (numbers as their decimal, empty as ""). */
export const cellText = (c: Cell): string => (c === null ? "" : isNumber(c) ? c.num : c);
