/**
 * Helpers for the sheet tests: XLSX workbooks built in the test with fflate's zipSync (no binary
 * fixtures), and a GBK encoder made from TextDecoder's own table. Not part of the library.
 */
import { zipSync } from "fflate";

/** A cell of a test workbook: text (shared or inline), a number with a style, a boolean. */
export type TestCell =
  | string
  | number
  | null
  | { n: string | number; s?: number }
  | { b: boolean }
  | { inline: string }
  | { raw: string };

export interface TestSheet {
  name: string;
  rows: TestCell[][];
  /** Extra XML before </sheetData> (hostile rows). */
  extra?: string;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function col(k: number): string {
  let s = "";
  let n = k + 1;
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Builds the XML parts of a workbook. Styles: s=1 is `0.0%`, s=2 the built-in date 14, s=3
 * `yyyy"年"m"月"d"日"`, s=4 the built-in percent 9.
 */
export function xlsxParts(
  sheets: TestSheet[],
  opts: { date1904?: boolean; sst?: string; styles?: string } = {},
): Record<string, string> {
  const strings: string[] = [];
  const sidx = new Map<string, number>();
  const parts: Record<string, string> = {};
  sheets.forEach((sh, k) => {
    const rows = sh.rows
      .map((r, i) => {
        const cells = r
          .map((c, j) => {
            const ref = `${col(j)}${i + 1}`;
            if (c === null) return "";
            if (typeof c === "string") {
              let x = sidx.get(c);
              if (x === undefined) {
                x = strings.length;
                strings.push(c);
                sidx.set(c, x);
              }
              return `<c r="${ref}" t="s"><v>${x}</v></c>`;
            }
            if (typeof c === "number") return `<c r="${ref}"><v>${c}</v></c>`;
            if ("raw" in c) return c.raw;
            if ("b" in c) return `<c r="${ref}" t="b"><v>${c.b ? 1 : 0}</v></c>`;
            if ("inline" in c)
              return `<c r="${ref}" t="inlineStr"><is><t>${esc(c.inline)}</t></is></c>`;
            return `<c r="${ref}"${c.s !== undefined ? ` s="${c.s}"` : ""}><v>${c.n}</v></c>`;
          })
          .join("");
        return `<row r="${i + 1}">${cells}</row>`;
      })
      .join("");
    parts[`xl/worksheets/sheet${k + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}${sh.extra ?? ""}</sheetData></worksheet>`;
  });
  parts["xl/workbook.xml"] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${opts.date1904 ? '<workbookPr date1904="1"/>' : "<workbookPr/>"}<sheets>${sheets.map((s, k) => `<sheet name="${esc(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join("")}</sheets></workbook>`;
  parts["xl/_rels/workbook.xml.rels"] =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join("")}</Relationships>`;
  parts["xl/sharedStrings.xml"] =
    opts.sst ??
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("")}</sst>`;
  parts["xl/styles.xml"] =
    opts.styles ??
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="9"/></cellXfs></styleSheet>`;
  parts["[Content_Types].xml"] =
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
  return parts;
}

export function zipParts(
  parts: Record<string, string | Uint8Array>,
  level: 0 | 6 | 9 = 6,
): Uint8Array {
  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) files[k] = typeof v === "string" ? enc.encode(v) : v;
  return zipSync(files, { level });
}

export function makeXlsx(sheets: TestSheet[], opts: { date1904?: boolean } = {}): Uint8Array {
  return zipParts(xlsxParts(sheets, opts));
}

let gbk: Map<string, number[]> | null = null;

/** Encodes text as GBK, with a table built from TextDecoder("gbk") over every two-byte code. */
export function encodeGbk(text: string): Uint8Array {
  if (!gbk) {
    gbk = new Map();
    const dec = new TextDecoder("gbk");
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== "\ufffd" && !gbk.has(ch)) gbk.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else {
      const b = gbk.get(ch);
      if (!b) throw new Error(`not in GBK: ${ch}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}
