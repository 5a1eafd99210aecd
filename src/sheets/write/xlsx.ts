/**
 * XLSX writing: the OOXML parts built by hand (workbook, sheets, shared strings, styles, content
 * types, relationships) and zipped by fflate, an optional peer dependency loaded on demand.
 * Text is written as shared strings, never as formulas; numbers as exact decimals in `<v>`. The
 * bytes depend only on the input: fixed zip timestamps (1980-01-01 00:00), no creation dates,
 * parts and entries in a fixed order.
 */
import { issue, KaoheError } from "../../errors/issue.js";
import {
  type Cell,
  cellText,
  displayWidth,
  isNumber,
  neutralise,
  type Table,
  xmlText,
} from "./cells.js";

/** A data validation on a range of a sheet (a dropdown or a number range). */
export interface DataValidation {
  /** The 0-based column it applies to. */
  col: number;
  /** The 1-based rows it applies to, inclusive. */
  fromRow: number;
  toRow: number;
  type: "list" | "whole" | "decimal";
  /** For a list: the values allowed. */
  list?: readonly string[];
  /** For whole/decimal: the bounds (either may be absent). */
  min?: string;
  max?: string;
  /** The input message shown when the cell is selected. */
  prompt?: string;
}

/** A sheet of a workbook: a table and how it is shown. */
export interface WorkbookSheet extends Table {
  /** Rows after the header that are comment rows (shown grey, italic). */
  commentRows?: number;
  validations?: DataValidation[];
  /** Columns (0-based) formatted as text (`@`), so that 001 stays 001. */
  textColumns?: number[];
  /**
   * Merged ranges (a 一级指标 down its rows): `row` is 1-based counting the header as row 1,
   * `col` 0-based; the value is the first cell's, the others should be empty.
   */
  merges?: { row: number; col: number; rows: number; cols?: number }[];
  /** Data cells wrap their text and align to the top (long text such as 评分标准); printed on A4. */
  wrap?: boolean;
}

/** The `zipSync` of fflate, or anything with its signature. */
export type ZipSync = (
  files: Record<string, [Uint8Array, { mtime: string; level: number }]>,
  opts?: { mtime: string },
) => Uint8Array;

const MAX_ROWS = 1_048_576;
const MAX_LIST_FORMULA = 255;
const LISTS_SHEET = "选项";
const enc = new TextEncoder();

/** A1-style column letters of a 0-based column index. */
export function colName(i: number): string {
  let s = "";
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet name as Excel allows it: no []:*?/\, at most 31 characters, not empty. */
function sheetName(name: string, used: Set<string>): string {
  let n = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 31) || "Sheet";
  let k = 2;
  while (used.has(n)) n = `${name.slice(0, 28)}(${k++})`;
  used.add(n);
  return n;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";

/** Style indexes in styles.xml's cellXfs. */
const S = { normal: 0, header: 1, comment: 2, text: 3, wrap: 4 } as const;

const STYLES = `${XML}<styleSheet xmlns="${NS_MAIN}"><fonts count="3"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><i/><sz val="10"/><color rgb="FF808080"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf><xf numFmtId="49" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * Column widths for Chinese text (a CJK character counts two): the widest cell of the header and
 * the first 200 data rows (comment rows left out, they wrap), within 8–40 characters.
 */
function widths(t: WorkbookSheet): number[] {
  const comments = t.commentRows ?? 0;
  return t.columns.map((c, i) => {
    if (c.width !== undefined) return c.width;
    let w = displayWidth(c.header);
    for (const row of t.rows.slice(comments, comments + 200)) {
      const text = cellText(row[i] ?? null);
      for (const line of text.split(/\r\n|\r|\n/)) w = Math.max(w, displayWidth(line));
    }
    return Math.min(40, Math.max(8, w + 2));
  });
}

class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
  xml(): string {
    const items = this.list.map((s) => `<si><t xml:space="preserve">${xmlText(s)}</t></si>`);
    return `${XML}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items.join("")}</sst>`;
  }
}

/** A decimal as `<v>` accepts it (xsd:double lexical form): plain digits, no exponent needed. */
function numberText(n: string): string {
  if (!/^-?(\d+(\.\d+)?|\.\d+)$/.test(n)) throw new RangeError(`not a decimal number: ${n}`);
  return n;
}

function cellXml(ref: string, c: Cell, style: number, sst: SharedStrings): string {
  const s = style ? ` s="${style}"` : "";
  if (c === null) return style ? `<c r="${ref}"${s}/>` : "";
  if (isNumber(c)) return `<c r="${ref}"${s}><v>${numberText(c.num)}</v></c>`;
  if (c === "") return style ? `<c r="${ref}"${s}/>` : "";
  return `<c r="${ref}"${s} t="s"><v>${sst.id(neutralise(c))}</v></c>`;
}

function quoteFormulaString(values: readonly string[]): string | null {
  const joined = values.join(",");
  if (values.some((v) => v.includes(",") || v.includes('"') || v === "")) return null;
  if (joined.length + 2 > MAX_LIST_FORMULA) return null;
  return `"${joined}"`;
}

function validationXml(v: DataValidation, listRef: (values: readonly string[]) => string): string {
  const sqref = `${colName(v.col)}${v.fromRow}:${colName(v.col)}${v.toRow}`;
  const prompt = v.prompt
    ? ` showInputMessage="1" promptTitle="${xmlText([...v.prompt].slice(0, 32).join(""), true)}" prompt="${xmlText([...v.prompt].slice(0, 255).join(""), true)}"`
    : "";
  if (v.type === "list") {
    const values = v.list ?? [];
    const inline = quoteFormulaString(values);
    const f = inline ?? listRef(values);
    return `<dataValidation type="list" allowBlank="1" showErrorMessage="1"${prompt} sqref="${sqref}"><formula1>${xmlText(f)}</formula1></dataValidation>`;
  }
  const { min, max } = v;
  if (min === undefined && max === undefined) return "";
  const op =
    min !== undefined && max !== undefined
      ? "between"
      : min !== undefined
        ? "greaterThanOrEqual"
        : "lessThanOrEqual";
  const f1 = numberText((min ?? max) as string);
  const f2 =
    min !== undefined && max !== undefined ? `<formula2>${numberText(max)}</formula2>` : "";
  return `<dataValidation type="${v.type}" operator="${op}" allowBlank="1" showErrorMessage="1"${prompt} sqref="${sqref}"><formula1>${f1}</formula1>${f2}</dataValidation>`;
}

function sheetXml(
  t: WorkbookSheet,
  sst: SharedStrings,
  listRef: (values: readonly string[]) => string,
  opts: { freeze: boolean },
): string {
  if (t.rows.length + 1 > MAX_ROWS) throw new RangeError(`sheet ${t.name}: too many rows`);
  const ncol = Math.max(1, t.columns.length);
  const lastRow = t.rows.length + 1;
  const dim = `A1:${colName(ncol - 1)}${lastRow}`;
  const text = new Set(t.textColumns ?? []);
  const cols = widths(t)
    .map(
      (w, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"${text.has(i) ? ` style="${S.text}"` : ""}/>`,
    )
    .join("");
  const rows: string[] = [];
  const header = t.columns
    .map((c, i) => cellXml(`${colName(i)}1`, c.header, S.header, sst))
    .join("");
  rows.push(`<row r="1">${header}</row>`);
  const comments = t.commentRows ?? 0;
  t.rows.forEach((row, ri) => {
    const r = ri + 2;
    const style = ri < comments ? S.comment : t.wrap ? S.wrap : S.normal;
    const cells = row
      .map((c, ci) =>
        cellXml(`${colName(ci)}${r}`, c, style || (text.has(ci) && !isNumber(c) ? S.text : 0), sst),
      )
      .join("");
    rows.push(cells ? `<row r="${r}">${cells}</row>` : `<row r="${r}"/>`);
  });
  const pane = opts.freeze
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : "";
  const merges = (t.merges ?? [])
    .filter((m) => m.rows > 1 || (m.cols ?? 1) > 1)
    .map(
      (m) =>
        `<mergeCell ref="${colName(m.col)}${m.row}:${colName(m.col + (m.cols ?? 1) - 1)}${m.row + m.rows - 1}"/>`,
    );
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>`
    : "";
  const dv = (t.validations ?? []).map((v) => validationXml(v, listRef)).filter((x) => x);
  const dvXml = dv.length
    ? `<dataValidations count="${dv.length}">${dv.join("")}</dataValidations>`
    : "";
  return `${XML}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><dimension ref="${dim}"/><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${rows.join("")}</sheetData>${mergeXml}${dvXml}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${t.wrap ? '<pageSetup paperSize="9" orientation="portrait"/>' : ""}</worksheet>`;
}

/**
 * The parts of a workbook holding these sheets, in the order they are zipped. Lists too long
 * for a dropdown's formula (255 characters) or holding a comma or a quote go to a hidden sheet
 * 选项, referenced by the dropdown.
 */
export function xlsxParts(sheets: readonly WorkbookSheet[]): [string, Uint8Array][] {
  if (!sheets.length) throw new RangeError("a workbook needs at least one sheet");
  const sst = new SharedStrings();
  const used = new Set<string>();
  const names = sheets.map((s) => sheetName(s.name, used));
  // Lists kept on the hidden sheet: one column per distinct list.
  const lists: string[][] = [];
  const listKeys = new Map<string, number>();
  const listsName = sheetName(LISTS_SHEET, used);
  const listRef = (values: readonly string[]) => {
    const key = JSON.stringify(values);
    let i = listKeys.get(key);
    if (i === undefined) {
      i = lists.length;
      lists.push([...values]);
      listKeys.set(key, i);
    }
    const c = colName(i);
    return `'${listsName}'!$${c}$1:$${c}$${Math.max(1, values.length)}`;
  };
  const sheetXmls = sheets.map((s) => sheetXml(s, sst, listRef, { freeze: true }));
  const all: { name: string; xml: string; hidden: boolean }[] = sheets.map((_, i) => ({
    name: names[i] as string,
    xml: sheetXmls[i] as string,
    hidden: false,
  }));
  if (lists.length) {
    const height = Math.max(...lists.map((l) => l.length));
    const rows: string[] = [];
    for (let r = 0; r < height; r++) {
      const cells = lists
        .map((l, c) =>
          r < l.length ? cellXml(`${colName(c)}${r + 1}`, l[r] as string, 0, sst) : "",
        )
        .join("");
      rows.push(`<row r="${r + 1}">${cells}</row>`);
    }
    all.push({
      name: listsName,
      hidden: true,
      xml: `${XML}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><dimension ref="A1:${colName(lists.length - 1)}${height}"/><sheetData>${rows.join("")}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
    });
  }
  const contentTypes = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>${all.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`).join("")}<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}.extended-properties+xml"/></Types>`;
  const rootRels = `${XML}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${NS_R}/extended-properties" Target="docProps/app.xml"/></Relationships>`;
  // No creation or modification date: the same input gives the same bytes.
  const core = `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>kaohe</dc:creator></cp:coreProperties>`;
  const app = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>kaohe</Application></Properties>`;
  const workbook = `${XML}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${all.map((s, i) => `<sheet name="${xmlText(s.name, true)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ""} r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`;
  const n = all.length;
  const wbRels = `${XML}<Relationships xmlns="${NS_PKG_REL}">${all.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rId${n + 1}" Type="${NS_R}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${NS_R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const parts: [string, string][] = [
    ["[Content_Types].xml", contentTypes],
    ["_rels/.rels", rootRels],
    ["docProps/core.xml", core],
    ["docProps/app.xml", app],
    ["xl/workbook.xml", workbook],
    ["xl/_rels/workbook.xml.rels", wbRels],
    ["xl/styles.xml", STYLES],
    ...all.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, s.xml]),
    ["xl/sharedStrings.xml", sst.xml()],
  ];
  return parts.map(([p, x]) => [p, enc.encode(x)]);
}

/**
 * 1980-01-01 00:00, the earliest DOS timestamp. A date-time without an offset is read as local
 * time, and fflate writes the local fields, so the zip holds 1980-01-01 00:00 in every time zone.
 */
const ZIP_TIME = "1980-01-01T00:00:00";

/** Zips the parts with a given zipSync (fflate's), every entry dated 1980-01-01 00:00. */
export function zipParts(parts: [string, Uint8Array][], zipSync: ZipSync): Uint8Array {
  const files: Record<string, [Uint8Array, { mtime: string; level: number }]> = {};
  for (const [p, data] of parts) files[p] = [data, { mtime: ZIP_TIME, level: 6 }];
  return zipSync(files, { mtime: ZIP_TIME });
}

/** Loads fflate, or throws a KaoheError (S_NEEDS_LIBS) saying to install it. */
export async function loadFflate(): Promise<{ zipSync: ZipSync; unzipSync: unknown }> {
  try {
    const m = (await import("fflate")) as unknown as { zipSync: ZipSync; unzipSync: unknown };
    if (typeof m.zipSync !== "function") throw new Error("fflate without zipSync");
    return m;
  } catch {
    throw new KaoheError([issue("S_NEEDS_LIBS", [], { what: "写 XLSX 文件", install: "fflate" })]);
  }
}

/** A workbook of these sheets, as the bytes of an .xlsx file. Needs fflate (`npm install fflate`). */
export async function toXlsx(sheets: readonly WorkbookSheet[]): Promise<Uint8Array> {
  const { zipSync } = await loadFflate();
  return zipParts(xlsxParts(sheets), zipSync);
}

/** The same, with fflate's zipSync given (for callers that loaded it already). */
export function toXlsxWith(sheets: readonly WorkbookSheet[], zipSync: ZipSync): Uint8Array {
  return zipParts(xlsxParts(sheets), zipSync);
}
