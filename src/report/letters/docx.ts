/**
 * A letter as a DOCX file, what offices send, made with the `docx` package (an optional peer
 * dependency, loaded only when a DOCX letter is made: S_NEEDS_LIBS naming `npm install docx`
 * when it is missing). The bytes are deterministic: the document's created and modified times
 * are a fixed instant (or the letter's date), and the ZIP entries' times are set to 1980-01-01.
 */
import { issue, KaoheError } from "../../errors/issue.js";
import type { Letter } from "./letter.js";

type DocxModule = typeof import("docx");

/** The docx package, or a KaoheError S_NEEDS_LIBS naming it. */
export async function loadDocx(): Promise<DocxModule> {
  try {
    const m = (await import("docx")) as DocxModule;
    if (typeof m.Packer?.toArrayBuffer !== "function") throw new Error("not docx");
    return m;
  } catch {
    throw new KaoheError([
      issue("S_NEEDS_LIBS", [], { what: "写 DOCX 整改通知", install: "docx" }),
    ]);
  }
}

const xmlEscape = (s: string) =>
  s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string,
  );

/** docProps/core.xml with fixed times: the package would write the current time. */
function coreXml(l: Letter): string {
  const when = `${l.date ?? "2000-01-01"}T00:00:00Z`;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:title>${xmlEscape(`${l.unit} 整改通知`)}</dc:title>`,
    `<dc:subject>${xmlEscape(l.title)}</dc:subject>`,
    "<dc:creator>kaohe</dc:creator>",
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`,
    "</cp:coreProperties>",
  ].join("");
}

/**
 * Sets every entry's DOS time and date in a ZIP (local headers and central directory) to
 * 1980-01-01 00:00, so the same letter gives the same bytes at any time. The CRCs do not cover
 * the headers; nothing else changes.
 */
export function fixZipTimes(zip: Uint8Array): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (v.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw new Error("not a ZIP file: no end of central directory");
  const count = v.getUint16(end + 10, true);
  let p = v.getUint32(end + 16, true);
  for (let k = 0; k < count; k++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error("ZIP central directory is damaged");
    v.setUint16(p + 12, 0, true);
    v.setUint16(p + 14, 0x21, true);
    const local = v.getUint32(p + 42, true);
    if (v.getUint32(local, true) !== 0x04034b50) throw new Error("ZIP local header is damaged");
    v.setUint16(local + 10, 0, true);
    v.setUint16(local + 12, 0x21, true);
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return zip;
}

/** The letter as DOCX bytes. */
export async function letterDocx(l: Letter, lib?: DocxModule): Promise<Uint8Array> {
  const d = lib ?? (await loadDocx());
  const { Document, Paragraph, TextRun, Table, TableRow, TableCell, WidthType, AlignmentType } = d;
  const font = { ascii: "SimSun", eastAsia: "SimSun", hAnsi: "SimSun" };
  const run = (text: string, bold = false, size = 22) => new TextRun({ text, bold, size, font });
  const para = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
    new Paragraph({
      children: [run(text, opts.bold, opts.size)],
      ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
      spacing: { after: 120 },
    });
  const cell = (texts: string[], width: number, bold = false) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      children: texts.map(
        (t, i) => new Paragraph({ children: [run(t, bold && i === 0, i ? 18 : 21)] }),
      ),
    });
  const table = (widths: number[], head: string[], body: string[][][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: head.map((h, i) => cell([h], widths[i] as number, true)),
        }),
        ...body.map(
          (r) => new TableRow({ children: r.map((c, i) => cell(c, widths[i] as number)) }),
        ),
      ],
    });
  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [
    para("整改通知", { bold: true, size: 36, center: true }),
    para(`${l.unit}:`),
    para(`根据《${l.title}》,现将你单位考核结果、扣分情况及整改建议通知如下。`),
    table(
      [22, 78],
      ["项目", "结果"],
      [
        [["单位"], [`${l.unit}${l.category ? `(${l.category})` : ""}`]],
        [["得分"], [l.score]],
        [["名次"], [l.rank]],
        ...(l.grade ? [[["等次"], [l.grade]]] : []),
      ],
    ),
    para("一、扣分情况", { bold: true, size: 26 }),
  ];
  if (!l.deductions.length) children.push(para("无扣分。"));
  else
    children.push(
      table(
        [7, 25, 14, 54],
        ["序号", "项目", "扣分", "原因及依据"],
        l.deductions.map((x) => [
          [String(x.no)],
          [x.item],
          [x.amount],
          x.text ? [x.reason, `依据${x.clause}:“${x.text}”`] : [x.reason],
        ]),
      ),
    );
  children.push(para("二、整改建议(按整改后可多得分数排列)", { bold: true, size: 26 }));
  if (!l.fixes.length) children.push(para("无需整改。"));
  else
    children.push(
      table(
        [7, 25, 30, 38],
        ["序号", "项目", "整改内容", "整改后"],
        l.fixes.map((f) => [[String(f.no)], [f.item, `[${f.clause}]`], [f.action], [f.outcome]]),
      ),
    );
  for (const n of l.notes) children.push(para(`注:${n}`, { size: 18 }));
  if (l.date)
    children.push(new Paragraph({ children: [run(l.date)], alignment: AlignmentType.RIGHT }));
  const doc = new Document({
    creator: "kaohe",
    title: `${l.unit} 整改通知`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1021, right: 1021 },
          },
        },
        children,
      },
    ],
  });
  const bytes = await d.Packer.toArrayBuffer(doc, false, [
    { path: "docProps/core.xml", data: coreXml(l) },
  ]);
  return fixZipTimes(new Uint8Array(bytes));
}
