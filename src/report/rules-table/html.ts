/**
 * The 明细表 as one self-contained, print-friendly HTML page: A4 by @page CSS, the header row
 * repeated on every printed page, 一级指标 merged down its rows (rowspan). No script, no network:
 * the page loads nothing. Written as well-formed XML too (void elements closed), so that an XML
 * parser reads it back. Browser-safe; deterministic.
 */
import { groupText, indicatorText } from "./markdown.js";
import type { RulesTable } from "./model.js";

/** Text escaped for HTML content and attribute values. */
export function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `@page { size: A4; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 0; color: #000; background: #fff;
  font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 10.5pt; line-height: 1.5; }
h1 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt;
  text-align: center; margin: 0 0 4mm; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 12pt; margin: 6mm 0 2mm; }
p.sub { text-align: center; margin: 0 0 2mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
th, td { border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
th { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; text-align: center;
  background: #f2f2f2; }
col.l1 { width: 17%; } col.l2 { width: 24%; } col.pts { width: 9%; } col.std { width: 50%; }
td.pts { text-align: center; }
td.l1 { font-weight: bold; }
td.std p { margin: 0 0 1mm; } td.std p:last-child { margin-bottom: 0; }
tr { page-break-inside: avoid; break-inside: avoid; }
p.total { text-align: right; margin: 2mm 0; }
ul { margin: 0 0 2mm; padding-left: 6mm; }
.eff { font-weight: bold; }
@media print { body { padding: 0; max-width: none; } th { background: #f2f2f2 !important;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; } }`;

/** Paragraphs of the lines of one text (line breaks kept). */
const paras = (texts: string[]) =>
  texts.map((t) => `<p>${esc(t).replace(/\r?\n/g, "<br />")}</p>`).join("");

/** The table as a complete HTML document. */
export function rulesTableToHtml(t: RulesTable): string {
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${esc(t.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    "</head>",
    "<body>",
    `<h1>${esc(t.title)}</h1>`,
    ...t.subtitle.map((s) => `<p class="sub">${esc(s)}</p>`),
    '<table class="rules">',
    '<colgroup><col class="l1" /><col class="l2" /><col class="pts" /><col class="std" /></colgroup>',
    `<thead><tr>${t.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
  ];
  for (const g of t.groups)
    g.rows.forEach((r, i) => {
      const first =
        i === 0 ? `<td class="l1" rowspan="${g.rows.length}">${esc(groupText(g))}</td>` : "";
      out.push(
        `<tr>${first}<td class="l2">${esc(indicatorText(r))}</td><td class="pts">${esc(r.points)}</td><td class="std">${paras(r.standard)}</td></tr>`,
      );
    });
  out.push("</tbody>", "</table>");
  if (t.total) out.push(`<p class="total">${esc(t.total)}</p>`);
  for (const sec of t.sections) {
    out.push(`<h2>${esc(sec.heading)}</h2>`, "<ul>");
    for (const item of sec.items) {
      const head = [item.title, item.effect].filter((x) => x).join(":");
      const lines = item.lines
        .map(
          (l) =>
            `<li>${esc(l.text)}${l.effect ? `(<span class="eff">${esc(l.effect)}</span>)` : ""}</li>`,
        )
        .join("");
      if (head || item.text)
        out.push(
          `<li>${head ? `<span class="eff">${esc(head)}</span>` : ""}${head && item.text ? " — " : ""}${esc(item.text)}<ul>${lines}</ul></li>`,
        );
      else out.push(lines);
    }
    out.push("</ul>");
  }
  if (t.notes.length)
    out.push("<h2>说明</h2>", "<ul>", ...t.notes.map((n) => `<li>${esc(n)}</li>`), "</ul>");
  out.push("</body>", "</html>", "");
  return out.join("\n");
}
