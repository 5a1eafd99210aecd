/**
 * XLSX read with two optional peer dependencies, loaded on demand: fflate (zip) and saxes
 * (streaming XML, which expands no custom entities; a DOCTYPE is refused outright). Hostile
 * files are bounded: every zip entry's declared size is checked before it is inflated and the
 * inflated size can never exceed it (fflate inflates into a buffer of exactly that size); the
 * total, the number of entries, shared strings, rows and columns are capped; rows and cells are
 * kept in arrays, never as object keys. Browser-safe.
 */
import { Decimal } from "../decimal.js";
import { issue } from "../errors/issue.js";
import { colIndex, excelSerialDate, normCell } from "./cells.js";
import { DEFAULT_LIMITS, SheetFailure, type SheetLimits } from "./csv.js";
import type { SheetRow } from "./layout.js";

/** fflate's unzipSync, as kaohe uses it. */
export type UnzipSync = (
  data: Uint8Array,
  opts?: {
    filter?: (f: {
      name: string;
      size: number;
      originalSize: number;
      compression: number;
    }) => boolean;
  },
) => Record<string, Uint8Array>;

/** The part of saxes' SaxesParser that kaohe uses. */
export interface SaxesLike {
  on(
    event: "opentag",
    h: (tag: { name: string; attributes: Record<string, unknown> }) => void,
  ): void;
  on(event: "closetag", h: (tag: { name: string }) => void): void;
  on(event: "text" | "cdata" | "doctype", h: (text: string) => void): void;
  on(event: "error", h: (e: Error) => void): void;
  write(chunk: string): SaxesLike;
  close(): SaxesLike;
}

/** The two libraries the XLSX reader needs (`npm install fflate saxes`). */
export interface XlsxLibs {
  unzipSync: UnzipSync;
  SaxesParser: new (opts?: Record<string, unknown>) => SaxesLike;
}

/** The XLSX reader's bounds, besides the rows, columns and cell length of every sheet. */
export interface XlsxLimits {
  /** The .xlsx file itself. */
  maxFileBytes: number;
  /** One zip entry once inflated (declared and actual). */
  maxEntryBytes: number;
  /** All the entries read, once inflated. */
  maxTotalBytes: number;
  /** Entries in the zip. */
  maxEntries: number;
  /** Shared strings: how many, and their total length in characters. */
  maxSharedStrings: number;
  maxSharedChars: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 32 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntries: 10_000,
  maxSharedStrings: 1_000_000,
  maxSharedChars: 32 * 1024 * 1024,
};

/** Loads fflate and saxes on demand; S_NEEDS_LIBS when they are not installed. */
export async function loadXlsxLibs(): Promise<XlsxLibs> {
  try {
    const [f, s] = await Promise.all([import("fflate"), import("saxes")]);
    return xlsxLibsFrom(f, s);
  } catch (e) {
    if (e instanceof SheetFailure) throw e;
    throw needsLibs();
  }
}

/** The libraries from the two modules (ESM namespaces or CommonJS exports). */
export function xlsxLibsFrom(fflate: unknown, saxes: unknown): XlsxLibs {
  const pick = (m: unknown, name: string): unknown => {
    const o = m as Record<string, unknown> | null;
    return o?.[name] ?? (o?.default as Record<string, unknown> | undefined)?.[name];
  };
  const unzipSync = pick(fflate, "unzipSync");
  const SaxesParser = pick(saxes, "SaxesParser");
  if (typeof unzipSync !== "function" || typeof SaxesParser !== "function") throw needsLibs();
  return { unzipSync: unzipSync as UnzipSync, SaxesParser: SaxesParser as XlsxLibs["SaxesParser"] };
}

export function needsLibs(): SheetFailure {
  return new SheetFailure(
    issue("S_NEEDS_LIBS", [], { what: "读取 XLSX 文件", install: "fflate saxes" }),
  );
}

/** One worksheet read: its name and rows (cells as text, as the layouts expect). */
export interface XlsxSheet {
  name: string;
  rows: SheetRow[];
}

const fail = (detail: string) => new SheetFailure(issue("S_FORMAT", [], { detail }));
const limit = (what: string, n: number) =>
  new SheetFailure(issue("S_LIMIT", [], { what, limit: n }));

/**
 * The names of the sheets of a workbook, in order, and the workbook's date system. `pick` chooses
 * which sheets to read from the names; only those are inflated.
 */
export function readXlsx(
  bytes: Uint8Array,
  libs: XlsxLibs,
  pick: (names: string[]) => string[],
  opts: { limits?: Partial<SheetLimits>; xlsxLimits?: Partial<XlsxLimits> } = {},
): { sheets: XlsxSheet[]; names: string[] } {
  const lim = { ...DEFAULT_LIMITS, ...opts.limits };
  const xl = { ...DEFAULT_XLSX_LIMITS, ...opts.xlsxLimits };
  if (bytes.length > xl.maxFileBytes) throw limit("XLSX 文件大小(字节)", xl.maxFileBytes);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
    throw fail(
      "不是 XLSX 文件(XLSX 是 zip 压缩包);旧的 .xls 请在 Excel 或 WPS 中另存为 .xlsx 或 CSV",
    );
  let total = 0;
  let entries = 0;
  const unzip = (want: (name: string) => boolean): Record<string, Uint8Array> => {
    let files: Record<string, Uint8Array>;
    const declared = new Map<string, number>();
    try {
      files = libs.unzipSync(bytes, {
        filter: (f) => {
          if (++entries > xl.maxEntries * 2) throw limit("压缩包中的文件数", xl.maxEntries);
          if (!want(f.name)) return false;
          if (f.originalSize > xl.maxEntryBytes)
            throw limit(`解压后的 ${f.name}(字节)`, xl.maxEntryBytes);
          total += f.originalSize;
          if (total > xl.maxTotalBytes) throw limit("解压后的总大小(字节)", xl.maxTotalBytes);
          declared.set(f.name, f.originalSize);
          return true;
        },
      });
    } catch (e) {
      if (e instanceof SheetFailure) throw e;
      throw fail(`zip 压缩包已损坏:${(e as Error).message}`);
    }
    // fflate inflates into a buffer of the declared size: more is cut off, so check it is exact.
    const out: Record<string, Uint8Array> = Object.create(null);
    for (const name of Object.keys(files)) {
      const data = files[name] as Uint8Array;
      const d = declared.get(name);
      if (d !== undefined && data.length !== d && d !== 0)
        throw fail(`${name} 解压后的大小(${data.length})与声明的(${d})不符`);
      out[name] = data;
    }
    return out;
  };
  const core = unzip((n) =>
    [
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/sharedStrings.xml",
      "xl/styles.xml",
    ].includes(n),
  );
  const wbBytes = core["xl/workbook.xml"];
  if (!wbBytes) throw fail("没有 xl/workbook.xml,不是 Excel 工作簿");
  // Workbook: sheet names and their relationship ids; the 1904 date system.
  const sheetsInfo: { name: string; rid: string }[] = [];
  let date1904 = false;
  parseXml(libs, wbBytes, "xl/workbook.xml", {
    open: (name, a) => {
      if (name === "sheet")
        sheetsInfo.push({ name: String(a.name ?? ""), rid: String(a["r:id"] ?? "") });
      else if (name === "workbookPr") {
        const v = String(a.date1904 ?? "").toLowerCase();
        date1904 = v === "1" || v === "true";
      }
    },
  });
  const targets = new Map<string, string>();
  const relBytes = core["xl/_rels/workbook.xml.rels"];
  if (relBytes)
    parseXml(libs, relBytes, "xl/_rels/workbook.xml.rels", {
      open: (name, a) => {
        if (name === "Relationship") {
          const t = String(a.Target ?? "");
          targets.set(String(a.Id ?? ""), t.startsWith("/") ? t.slice(1) : `xl/${t}`);
        }
      },
    });
  const names = sheetsInfo.map((s) => s.name);
  const chosen = pick(names);
  // Styles: which cell formats are percentages and which are dates.
  const kinds = readStyles(libs, core["xl/styles.xml"]);
  const strings = readSharedStrings(libs, core["xl/sharedStrings.xml"], xl);
  const paths = chosen.map((name) => {
    const k = sheetsInfo.findIndex((s) => s.name === name);
    const info = sheetsInfo[k] as { name: string; rid: string };
    return targets.get(info.rid) ?? `xl/worksheets/sheet${k + 1}.xml`;
  });
  const files = unzip((n) => paths.includes(n));
  const sheets = chosen.map((name, k) => {
    const data = files[paths[k] as string];
    if (!data) throw fail(`工作表 "${name}" 的内容(${paths[k]})不在压缩包中`);
    return { name, rows: readSheet(libs, data, paths[k] as string, strings, kinds, date1904, lim) };
  });
  return { sheets, names };
}

type Attrs = Record<string, unknown>;

function parseXml(
  libs: XlsxLibs,
  data: Uint8Array,
  part: string,
  h: {
    open?: (name: string, a: Attrs) => void;
    close?: (name: string) => void;
    text?: (t: string) => void;
  },
): void {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    throw fail(`${part} 不是 UTF-8 编码的 XML`);
  }
  const p = new libs.SaxesParser({ xmlns: false });
  let error: Error | null = null;
  p.on("error", (e) => {
    error ??= e;
  });
  p.on("doctype", () => {
    throw fail(`${part} 含有 DOCTYPE 声明;Excel 不写它,为防实体展开攻击一律拒绝`);
  });
  if (h.open) {
    const open = h.open;
    p.on("opentag", (t) => open(localName(t.name), t.attributes));
  }
  if (h.close) {
    const close = h.close;
    p.on("closetag", (t) => close(localName(t.name)));
  }
  if (h.text) {
    p.on("text", h.text);
    p.on("cdata", h.text);
  }
  try {
    p.write(text).close();
  } catch (e) {
    if (e instanceof SheetFailure) throw e;
    throw fail(`${part} 的 XML 有误:${String((e as Error).message).split("\n")[0]}`);
  }
  if (error) throw fail(`${part} 的 XML 有误:${String((error as Error).message).split("\n")[0]}`);
}

/** `x:sheetData` → `sheetData`: some writers prefix the spreadsheet namespace. */
function localName(n: string): string {
  const k = n.indexOf(":");
  return k < 0 ? n : n.slice(k + 1);
}

type FmtKind = "percent" | "date" | "plain";

/** Built-in number formats: 9, 10 percent; 14–17, 22 and the East Asian 27–36, 50–58 dates. */
function builtinKind(id: number): FmtKind {
  if (id === 9 || id === 10) return "percent";
  if ((id >= 14 && id <= 17) || id === 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return "date";
  return "plain";
}

/** The kind of a custom format code: `0.0%` percent, `yyyy"年"m"月"d"日"` a date. */
export function formatKind(code: string): FmtKind {
  // Quoted text, escaped characters and [colour]/[locale] sections say nothing of the kind.
  const s =
    code
      .split(";")[0]
      ?.replace(/"[^"]*"/g, "")
      .replace(/\\./g, "")
      .replace(/\[[^\]]*\]/g, "")
      .toLowerCase() ?? "";
  if (s.includes("%")) return "percent";
  // A year or a day makes a date (m alone may be minutes: mm:ss is a time, not a date).
  if (/[yd]/.test(s)) return "date";
  return "plain";
}

function readStyles(libs: XlsxLibs, data: Uint8Array | undefined): FmtKind[] {
  if (!data) return [];
  const custom = new Map<number, FmtKind>();
  const xfs: FmtKind[] = [];
  let inCellXfs = false;
  parseXml(libs, data, "xl/styles.xml", {
    open: (name, a) => {
      if (name === "numFmt") custom.set(Number(a.numFmtId), formatKind(String(a.formatCode ?? "")));
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        xfs.push(custom.get(id) ?? builtinKind(id));
      }
    },
    close: (name) => {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return xfs;
}

function readSharedStrings(libs: XlsxLibs, data: Uint8Array | undefined, xl: XlsxLimits): string[] {
  if (!data) return [];
  const out: string[] = [];
  let chars = 0;
  let cur: string[] | null = null;
  let inT = false;
  let inPhonetic = 0;
  parseXml(libs, data, "xl/sharedStrings.xml", {
    open: (name) => {
      if (name === "si") {
        if (out.length >= xl.maxSharedStrings) throw limit("共享字符串数", xl.maxSharedStrings);
        cur = [];
      } else if (name === "t") inT = true;
      else if (name === "rPh") inPhonetic++;
    },
    close: (name) => {
      if (name === "si") {
        out.push((cur ?? []).join(""));
        cur = null;
      } else if (name === "t") inT = false;
      else if (name === "rPh") inPhonetic--;
    },
    text: (t) => {
      if (!inT || !cur || inPhonetic > 0) return;
      chars += t.length;
      if (chars > xl.maxSharedChars) throw limit("共享字符串总字符数", xl.maxSharedChars);
      cur.push(t);
    },
  });
  return out;
}

const CELL_RE = /^([A-Z]{1,4})(\d{1,7})$/;

function readSheet(
  libs: XlsxLibs,
  data: Uint8Array,
  part: string,
  strings: readonly string[],
  kinds: readonly FmtKind[],
  date1904: boolean,
  lim: SheetLimits,
): SheetRow[] {
  const rows: SheetRow[] = [];
  let rowNo = 0;
  let cells: string[] = [];
  let col = -1;
  let type = "n";
  let style = 0;
  let inV = false;
  let inIs = false;
  let inT = false;
  let v = "";
  let dataRows = 0;
  let lastRow = 0;
  const cellText = (): string => {
    if (type === "inlineStr") return v;
    if (type === "s") {
      const s = strings[Number(v)];
      if (s === undefined || v.trim() === "" || !/^\d+$/.test(v.trim()))
        throw fail(`${part} 引用了不存在的共享字符串 ${v}`);
      return s;
    }
    if (type === "b") return v.trim() === "1" ? "true" : v.trim() === "0" ? "false" : v;
    if (type === "str" || type === "e") return v;
    if (type === "d") return v.length >= 10 ? v.slice(0, 10) : v;
    const t = v.trim();
    if (t === "") return "";
    const kind = kinds[style] ?? "plain";
    let d: Decimal;
    try {
      d = new Decimal(t);
    } catch {
      return v;
    }
    if (kind === "percent") return `${d.times(100).toFixed()}%`;
    if (kind === "date") return excelSerialDate(Number(t), date1904) ?? t;
    return d.toFixed();
  };
  parseXml(libs, data, part, {
    open: (name, a) => {
      if (name === "row") {
        const r = a.r !== undefined ? Number(a.r) : rowNo + 1;
        if (!Number.isInteger(r) || r < 1 || r > 1_048_576)
          throw fail(`${part} 的行号 ${String(a.r)} 有误`);
        rowNo = r;
        cells = [];
        col = -1;
      } else if (name === "c") {
        const ref = a.r !== undefined ? CELL_RE.exec(String(a.r)) : null;
        col = ref ? colIndex(ref[1] as string) : col + 1;
        if (col < 0) throw fail(`${part} 的单元格位置 ${String(a.r)} 有误`);
        type = String(a.t ?? "n");
        style = Number(a.s ?? 0) || 0;
        v = "";
      } else if (name === "v") inV = true;
      else if (name === "is") inIs = true;
      else if (name === "t" && inIs) inT = true;
    },
    text: (t) => {
      if (inV || (inIs && inT)) {
        v += t;
        if (v.length > lim.maxField) throw limit("一个单元格的字符数", lim.maxField);
      }
    },
    close: (name) => {
      if (name === "v") inV = false;
      else if (name === "t") inT = false;
      else if (name === "is") inIs = false;
      else if (name === "c") {
        const text = cellText();
        if (text.trim() !== "") {
          if (col >= lim.maxColumns) throw limit("列数", lim.maxColumns);
          while (cells.length < col) cells.push("");
          cells[col] = text;
        }
      } else if (name === "row") {
        // Empty rows (formatting only) are not kept: a million of them cost only their parsing.
        if (cells.length === 0) return;
        if (rowNo <= lastRow) throw fail(`${part} 的行号 ${rowNo} 重复或倒序`);
        if (++dataRows > lim.maxRows + 1 || rowNo > lim.maxRows + 1000)
          throw limit("行数", lim.maxRows);
        // The empty rows between two rows with values are kept (they are counted as skipped).
        for (let k = lastRow + 1; k < rowNo; k++) rows.push({ row: k, cells: [] });
        lastRow = rowNo;
        rows.push({ row: rowNo, cells: Array.from(cells, (c) => c ?? "") });
      }
    },
  });
  return rows;
}

/** Which sheets to read: the one named, else `单位` and `问题`, else the first. */
export function chooseSheets(names: string[], wanted?: string): string[] {
  if (wanted !== undefined) {
    const hit =
      names.find((n) => n === wanted) ?? names.find((n) => normCell(n) === normCell(wanted));
    if (hit === undefined)
      throw new SheetFailure(
        issue("S_SHEET", [], { sheet: wanted, sheets: names.join("、") || "(无)" }),
      );
    return [hit];
  }
  const named = ["单位", "问题"].filter((n) => names.includes(n));
  if (named.length) return named;
  if (!names.length) throw fail("工作簿中没有工作表");
  return [names[0] as string];
}
