/**
 * The 明细表 as an XLSX workbook, through kaohe's own writer (src/sheets/write): sheet 明细表 with
 * the 一级指标 merged down its rows and the special items after the table, and sheet 说明 with the
 * title and the documents. Every text cell is neutralised against formula injection by the writer.
 * Browser-safe: fflate (an optional peer) is loaded when the workbook is made.
 */
import type { Cell } from "../../sheets/write/cells.js";
import { toXlsx, toXlsxWith, type WorkbookSheet, type ZipSync } from "../../sheets/write/xlsx.js";
import { groupText, indicatorText } from "./markdown.js";
import type { RulesTable } from "./model.js";

/** The two sheets of the workbook: 明细表 and 说明. */
export function rulesTableSheets(t: RulesTable): WorkbookSheet[] {
  const rows: Cell[][] = [];
  const merges: NonNullable<WorkbookSheet["merges"]> = [];
  for (const g of t.groups) {
    // Row 1 is the header: the first data row is row 2.
    merges.push({ row: rows.length + 2, col: 0, rows: g.rows.length });
    g.rows.forEach((r, i) => {
      rows.push([i === 0 ? groupText(g) : "", indicatorText(r), r.points, r.standard.join("\n")]);
    });
  }
  if (t.total) rows.push(["", "", "", ""], [t.total, "", "", ""]);
  for (const sec of t.sections) {
    rows.push(["", "", "", ""], [sec.heading, "", "", ""]);
    for (const item of sec.items) {
      const start = rows.length;
      const head = [item.title, item.effect].filter((x) => x).join(":");
      if (item.text) rows.push([head, "", "", item.text]);
      for (const l of item.lines)
        rows.push([rows.length === start ? head : "", "", l.effect, l.text]);
      if (head) merges.push({ row: start + 2, col: 0, rows: rows.length - start });
    }
  }
  if (t.notes.length) {
    rows.push(["", "", "", ""], ["说明", "", "", ""]);
    for (const n of t.notes) rows.push(["", "", "", n]);
  }
  const table: WorkbookSheet = {
    name: "明细表",
    columns: [
      { header: t.columns[0], width: 18 },
      { header: t.columns[1], width: 30 },
      { header: t.columns[2], width: 10 },
      { header: t.columns[3], width: 70 },
    ],
    rows,
    merges,
    wrap: true,
  };
  const about: WorkbookSheet = {
    name: "说明",
    columns: [{ header: t.title, width: 90 }],
    rows: [...t.subtitle, t.total].filter((s) => s !== "").map((s) => [s]),
    wrap: true,
  };
  return [table, about];
}

/** The workbook's bytes. Needs fflate (`npm install fflate`; S_NEEDS_LIBS when missing). */
export function rulesTableToXlsx(t: RulesTable): Promise<Uint8Array> {
  return toXlsx(rulesTableSheets(t));
}

/** The same, with fflate's zipSync given (the command line loads it synchronously). */
export function rulesTableToXlsxWith(t: RulesTable, zipSync: ZipSync): Uint8Array {
  return toXlsxWith(rulesTableSheets(t), zipSync);
}
