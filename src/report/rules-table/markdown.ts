/**
 * The 明细表 as Markdown (GitHub tables): Markdown has no merged cells, so a 一级指标 is named on
 * its first row only. Browser-safe; deterministic.
 */
import type { RulesTable, RulesTableRow } from "./model.js";

/** Text safe in a Markdown table cell: `\`, `|` and `<` escaped, line breaks as `<br>`. */
export function mdCell(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/\r\n|\r|\n/g, "<br>");
}

/** Text safe in a Markdown paragraph or list item: the same escapes, and no leading markup. */
function mdText(s: string): string {
  return mdCell(s).replace(/^([#>*+\-=`~]|\d+\.)/, "\\$1");
}

/** The indicator's title indented by depth (full-width spaces), with its scope. */
export function indicatorText(r: RulesTableRow): string {
  const pad = r.depth > 1 ? "\u3000".repeat(r.depth - 1) : "";
  return `${pad}${r.indicator}${r.scope ? `(${r.scope})` : ""}`;
}

/** The 一级指标 cell: title, points and scope. */
export function groupText(g: { title: string; points: string; scope: string }): string {
  const pts = !g.points ? "" : g.points.includes(":") ? `(${g.points})` : `(${g.points}分)`;
  return `${g.title}${pts}${g.scope ? `(${g.scope})` : ""}`;
}

/** The table as Markdown, ending with a line break. */
export function rulesTableToMarkdown(t: RulesTable): string {
  const out: string[] = [`# ${mdText(t.title)}`, ""];
  for (const s of t.subtitle) out.push(mdText(s), "");
  out.push(`| ${t.columns.join(" | ")} |`, `| --- | --- | --- | --- |`);
  for (const g of t.groups)
    g.rows.forEach((r, i) => {
      const cells = [
        i === 0 ? `**${mdCell(groupText(g))}**` : "",
        mdCell(indicatorText(r)),
        mdCell(r.points),
        r.standard.map(mdCell).join("<br>"),
      ];
      out.push(`| ${cells.join(" | ")} |`);
    });
  out.push("");
  if (t.total) out.push(mdText(t.total), "");
  for (const sec of t.sections) {
    out.push(`## ${mdText(sec.heading)}`, "");
    for (const item of sec.items) {
      const head = [item.title, item.effect].filter((x) => x).join(":");
      if (head || item.text) {
        out.push(`- ${mdText([head, item.text].filter((x) => x).join(" — "))}`);
        for (const l of item.lines)
          out.push(`  - ${mdCell(l.effect ? `${l.text}(${l.effect})` : l.text)}`);
      } else
        for (const l of item.lines)
          out.push(`- ${mdText(l.effect ? `${l.text}(${l.effect})` : l.text)}`);
    }
    out.push("");
  }
  if (t.notes.length) {
    out.push("## 说明", "");
    for (const n of t.notes) out.push(`- ${mdText(n)}`);
    out.push("");
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}
