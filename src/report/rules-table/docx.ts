/**
 * The 明细表 as a Word document (DOCX), made with the `docx` package — an optional peer
 * dependency, loaded by dynamic import when a DOCX is asked for (S_NEEDS_LIBS naming
 * `npm install docx` when it is not installed). A4 portrait, the header row repeated on every page,
 * 一级指标 merged down its rows. The bytes depend only on the table: the document properties carry
 * no dates and every zip entry is dated 1980-01-01 00:00. Browser-safe.
 */
import type * as DocxModule from "docx";
import { issue, KaoheError } from "../../errors/issue.js";
import { groupText, indicatorText } from "./markdown.js";
import type { RulesTable } from "./model.js";

type Docx = typeof DocxModule;

/** Loads the `docx` package, or throws a KaoheError (S_NEEDS_LIBS) saying to install it. */
export async function loadDocx(): Promise<Docx> {
  try {
    const m = (await import("docx")) as Docx & { default?: Docx };
    const lib = typeof m.Document === "function" ? m : m.default;
    if (
      !lib ||
      typeof lib.Document !== "function" ||
      typeof lib.Packer?.toArrayBuffer !== "function"
    )
      throw new Error("not the docx package");
    return lib;
  } catch {
    throw new KaoheError([issue("S_NEEDS_LIBS", [], { what: "写 DOCX 文件", install: "docx" })]);
  }
}

const FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "宋体" };
const HEI = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "黑体" };
/** Column widths in twentieths of a point: 17% / 24% / 9% / 50% of A4 less 2 × 18 mm margins. */
const WIDTHS = [1549, 2187, 820, 4556];
const xml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The Word document of a table, with the docx package given. */
export function rulesTableDocument(t: RulesTable, d: Docx): DocxModule.Document {
  const p = (
    text: string,
    opts: { bold?: boolean; hei?: boolean; size?: number; center?: boolean } = {},
  ) =>
    new d.Paragraph({
      ...(opts.center ? { alignment: d.AlignmentType.CENTER } : {}),
      children: [
        new d.TextRun({
          text,
          font: opts.hei ? HEI : FONT,
          ...(opts.bold ? { bold: true } : {}),
          ...(opts.size ? { size: opts.size } : {}),
        }),
      ],
    });
  const cell = (
    paras: DocxModule.Paragraph[],
    col: number,
    opts: { rowSpan?: number; shade?: boolean } = {},
  ) =>
    new d.TableCell({
      children: paras.length ? paras : [new d.Paragraph({})],
      width: { size: WIDTHS[col] as number, type: d.WidthType.DXA },
      ...(opts.rowSpan && opts.rowSpan > 1 ? { rowSpan: opts.rowSpan } : {}),
      ...(opts.shade
        ? { shading: { fill: "F2F2F2", type: d.ShadingType.CLEAR, color: "auto" } }
        : {}),
    });
  const rows: DocxModule.TableRow[] = [
    new d.TableRow({
      tableHeader: true,
      cantSplit: true,
      children: t.columns.map((c, i) =>
        cell([p(c, { hei: true, center: true })], i, { shade: true }),
      ),
    }),
  ];
  for (const g of t.groups)
    g.rows.forEach((r, i) => {
      const cells: DocxModule.TableCell[] = [];
      if (i === 0)
        cells.push(cell([p(groupText(g), { bold: true })], 0, { rowSpan: g.rows.length }));
      cells.push(
        cell([p(indicatorText(r))], 1),
        cell([p(r.points, { center: true })], 2),
        cell(
          r.standard.map((s) => p(s)),
          3,
        ),
      );
      rows.push(new d.TableRow({ cantSplit: true, children: cells }));
    });
  const children: (DocxModule.Paragraph | DocxModule.Table)[] = [
    p(t.title, { hei: true, size: 32, center: true }),
    ...t.subtitle.map((s) => p(s, { center: true })),
    new d.Table({ rows, columnWidths: WIDTHS, width: { size: 9112, type: d.WidthType.DXA } }),
  ];
  if (t.total)
    children.push(
      new d.Paragraph({
        alignment: d.AlignmentType.RIGHT,
        children: [new d.TextRun({ text: t.total, font: FONT })],
      }),
    );
  for (const sec of t.sections) {
    children.push(p(sec.heading, { hei: true, size: 24 }));
    for (const item of sec.items) {
      const head = [item.title, item.effect].filter((x) => x).join(":");
      if (head || item.text)
        children.push(p([head, item.text].filter((x) => x).join(" — "), { bold: true }));
      for (const l of item.lines) children.push(p(l.effect ? `${l.text}(${l.effect})` : l.text));
    }
  }
  if (t.notes.length) {
    children.push(p("说明", { hei: true, size: 24 }));
    for (const n of t.notes) children.push(p(n));
  }
  return new d.Document({
    creator: "kaohe",
    title: t.title,
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: d.PageOrientation.PORTRAIT },
            margin: { top: 1020, bottom: 1020, left: 1020, right: 1020 },
          },
        },
        children,
      },
    ],
  });
}

/** The document properties without dates, so that the same table gives the same bytes. */
function coreXml(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xml(title)}</dc:title><dc:creator>kaohe</dc:creator></cp:coreProperties>`
  );
}

/**
 * Dates every entry of a zip file 1980-01-01 00:00 (DOS date 0x0021, time 0), in its local and
 * central headers; the data and CRCs are untouched. A file that is not a well-formed zip is
 * returned unchanged.
 */
export function fixZipTimes(zip: Uint8Array): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return zip;
  const count = v.getUint16(eocd + 10, true);
  let at = v.getUint32(eocd + 16, true);
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || v.getUint32(at, true) !== 0x02014b50) return zip;
    v.setUint16(at + 12, 0, true);
    v.setUint16(at + 14, 0x0021, true);
    const local = v.getUint32(at + 42, true);
    if (local + 30 <= zip.length && v.getUint32(local, true) === 0x04034b50) {
      v.setUint16(local + 10, 0, true);
      v.setUint16(local + 12, 0x0021, true);
    }
    at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return zip;
}

/** The DOCX bytes of a table. Needs the docx package (`npm install docx`). */
export async function rulesTableToDocx(t: RulesTable): Promise<Uint8Array> {
  const d = await loadDocx();
  const buf = await d.Packer.toArrayBuffer(rulesTableDocument(t, d), false, [
    { path: "docProps/core.xml", data: coreXml(t.title) },
  ]);
  return fixZipTimes(new Uint8Array(buf));
}
