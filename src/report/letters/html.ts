/** A letter as one self-contained, printable A4 HTML page: no script, no network, no fonts fetched. */
import type { Letter } from "./letter.js";

const ESC: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe inside HTML elements and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c] as string);
}

const STYLE = `@page{size:A4;margin:20mm 18mm}
*{box-sizing:border-box}
body{font-family:"SimSun","Songti SC","Noto Serif CJK SC","Source Han Serif SC",serif;font-size:11pt;line-height:1.6;color:#000;margin:0 auto;max-width:174mm;padding:8mm 0}
h1{font-size:18pt;text-align:center;margin:0 0 4mm}
h2{font-size:13pt;margin:6mm 0 2mm}
table{width:100%;border-collapse:collapse;margin:2mm 0;page-break-inside:auto}
tr{page-break-inside:avoid}
th,td{border:1px solid #000;padding:1.5mm 2mm;vertical-align:top;text-align:left}
th{background:#eee;font-weight:bold}
td.n{text-align:center;white-space:nowrap}
td.amt{white-space:nowrap}
.src{font-size:9.5pt;color:#333}
.gain{font-weight:bold}
.notes{font-size:9.5pt;color:#333}
.summary th{width:22%}
@media print{body{padding:0}}`;

/** The letter as an HTML document (a string). */
export function letterHtml(l: Letter): string {
  const e = escapeHtml;
  const rows = (cells: string[]) => `<tr>${cells.join("")}</tr>`;
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${e(l.unit)} 整改通知 — ${e(l.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>整改通知</h1>`,
    `<p>${e(l.unit)}:</p>`,
    `<p>根据《${e(l.title)}》,现将你单位考核结果、扣分情况及整改建议通知如下。</p>`,
    '<table class="summary">',
    rows([`<th>单位</th>`, `<td>${e(l.unit)}${l.category ? `(${e(l.category)})` : ""}</td>`]),
    rows([`<th>得分</th>`, `<td>${e(l.score)}</td>`]),
    rows([`<th>名次</th>`, `<td>${e(l.rank)}</td>`]),
    ...(l.grade ? [rows([`<th>等次</th>`, `<td>${e(l.grade)}</td>`])] : []),
    "</table>",
    "<h2>一、扣分情况</h2>",
  ];
  if (!l.deductions.length) out.push("<p>无扣分。</p>");
  else {
    out.push(
      "<table>",
      rows(["<th>序号</th>", "<th>项目</th>", "<th>扣分</th>", "<th>原因及依据</th>"]),
    );
    for (const d of l.deductions)
      out.push(
        rows([
          `<td class="n">${d.no}</td>`,
          `<td>${e(d.item)}</td>`,
          `<td class="amt">${e(d.amount)}</td>`,
          `<td>${e(d.reason)}${d.text ? `<div class="src">依据${e(d.clause)}:“${e(d.text)}”</div>` : ""}</td>`,
        ]),
      );
    out.push("</table>");
  }
  out.push("<h2>二、整改建议(按整改后可多得分数排列)</h2>");
  if (!l.fixes.length) out.push("<p>无需整改。</p>");
  else {
    out.push(
      "<table>",
      rows(["<th>序号</th>", "<th>项目</th>", "<th>整改内容</th>", "<th>整改后</th>"]),
    );
    for (const f of l.fixes)
      out.push(
        rows([
          `<td class="n">${f.no}</td>`,
          `<td>${e(f.item)}<div class="src">[${e(f.clause)}]</div></td>`,
          `<td>${e(f.action)}</td>`,
          `<td class="gain">${e(f.outcome)}</td>`,
        ]),
      );
    out.push("</table>");
  }
  for (const n of l.notes) out.push(`<p class="notes">注:${e(n)}</p>`);
  if (l.date) out.push(`<p style="text-align:right">${e(l.date)}</p>`);
  out.push("</body>", "</html>", "");
  return out.join("\n");
}
