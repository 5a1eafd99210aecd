/**
 * The 通报 as one HTML page: no script, no external file, font or style (intranets have no
 * network), a Content-Security-Policy that forbids loading anything, and print styles for A4.
 */
import type { CohortStats } from "../../cohort/types.js";
import { type Decimal, dstr } from "../../decimal.js";
import type { Chart } from "./charts.js";
import { esc } from "./escape.js";
import type { RankingRow, TongbaoModel, UnitBreakdown } from "./model.js";

/** What the page says besides the data. */
export interface PageOptions {
  /** The heading; default `<the assessment>情况通报`. */
  title?: string;
  /** A date printed under the heading (the output holds no date unless one is given). */
  date?: string;
}

const CSS = `
:root{--ink:#1f2329;--muted:#646a73;--line:#d0d3d6;--head:#f2f4f7;--bad:#c8553d;--good:#2f6fbd}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1000px;padding:24px 28px;color:var(--ink);background:#fff;
font:15px/1.65 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","SimSun",sans-serif}
h1{font-size:24px;text-align:center;margin:8px 0 4px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
h3{font-size:16px;margin:18px 0 8px}
.sub{text-align:center;color:var(--muted);margin:0 0 4px}
.note{color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:14px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.up{color:var(--good)}.down{color:var(--bad)}
.charts{display:flex;flex-wrap:wrap;gap:12px 24px}
figure{margin:0;break-inside:avoid}
figure svg{display:block;max-width:100%;height:auto}
figcaption{text-align:center;font-size:13px;color:var(--muted)}
details{border:1px solid var(--line);border-radius:4px;margin:6px 0;padding:0 10px}
details[open]{padding-bottom:8px}
summary{cursor:pointer;padding:6px 0;font-weight:600}
summary .n{font-weight:400;color:var(--muted);margin-left:12px}
.basis{color:var(--muted);font-size:13px}
footer{margin-top:32px;color:var(--muted);font-size:12px;text-align:center}
@page{size:A4;margin:16mm 14mm}
@media print{
body{max-width:none;padding:0;font-size:11pt}
h2{break-after:avoid}
thead{display:table-header-group}
tr,details,figure{break-inside:avoid}
details{border:none;padding:0}
details::details-content{content-visibility:visible;display:block}
summary{list-style:none}
summary::-webkit-details-marker{display:none}
a{color:inherit;text-decoration:none}
}`;

const d = (x: Decimal | null | undefined) => (x ? dstr(x) : "—");
/** A figure with its unit, or — when there is none (no unit scored). */
const du = (x: Decimal | null | undefined, unit: string) => (x ? `${dstr(x)}${unit}` : "—");

/** A signed change: +5.39, −1, 0. */
function signed(x: Decimal | number | null | undefined, unit: string): string {
  if (x === null || x === undefined) return "—";
  const n = typeof x === "number" ? x : x.toNumber();
  const abs = typeof x === "number" ? String(Math.abs(x)) : dstr(x.abs());
  if (n === 0) return "持平";
  return `<span class="${n > 0 ? "up" : "down"}">${n > 0 ? "+" : "−"}${abs}${unit}</span>`;
}

/** A unit's change on the previous run, in the ranking table. */
function changeCell(r: RankingRow): string {
  if (!r.change) return r.score === null ? "—" : "上次无此单位";
  const rank =
    r.change.rankDelta === null
      ? ""
      : r.change.rankDelta === 0
        ? ",名次不变"
        : `,<span class="${r.change.rankDelta > 0 ? "up" : "down"}">${r.change.rankDelta > 0 ? "上升" : "下降"}${Math.abs(r.change.rankDelta)}位</span>`;
  return `${signed(r.change.scoreDelta, "分")}${rank}`;
}

function rankingTable(m: TongbaoModel): string {
  const cats = m.ranking.some((r) => r.category !== null);
  const head = [
    '<th class="n">名次</th>',
    "<th>单位</th>",
    ...(cats ? ["<th>类别</th>"] : []),
    '<th class="n">得分</th>',
    ...(m.grades ? ["<th>等次</th>"] : []),
    ...(m.hasPrevious ? ["<th>比上次</th>"] : []),
    "<th>说明</th>",
  ];
  const rows = m.ranking.map((r) => {
    const notes =
      r.score === null
        ? [`未评分:${r.reasons.join(";")}`]
        : [
            ...(r.categoryRank !== null && r.category !== null
              ? [`${r.category}中第${r.categoryRank}名`]
              : []),
            ...r.notes,
          ];
    const cells = [
      `<td class="n">${r.rank ?? "—"}</td>`,
      `<td>${esc(r.unit)}</td>`,
      ...(cats ? [`<td>${esc(r.category ?? "")}</td>`] : []),
      `<td class="n">${r.score === null ? "未评分" : dstr(r.score)}</td>`,
      ...(m.grades ? [`<td>${esc(r.grade ?? "—")}</td>`] : []),
      ...(m.hasPrevious ? [`<td>${changeCell(r)}</td>`] : []),
      `<td>${esc(notes.join(";"))}</td>`,
    ];
    return `<tr data-unit="${esc(r.unit)}">${cells.join("")}</tr>`;
  });
  return `<table id="ranking-table"><thead><tr>${head.join("")}</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function statsRows(s: CohortStats, unit: string): string[][] {
  const p = s.previous;
  const rows: string[][] = [
    ["参评单位数", `${s.count}个`, p ? `${p.count}个` : "", p ? signed(p.change.count, "个") : ""],
    ["平均分", du(s.mean, unit), p ? du(p.mean, unit) : "", p ? signed(p.change.mean, unit) : ""],
    [
      "中位数",
      du(s.median, unit),
      p ? du(p.median, unit) : "",
      p ? signed(p.change.median, unit) : "",
    ],
    ["最高分", du(s.max, unit), "", ""],
    ["最低分", du(s.min, unit), "", ""],
  ];
  s.atOrAbove.forEach((x, i) => {
    rows.push([
      `${x.line}${unit}以上(含)`,
      `${x.count}个`,
      p ? `${p.atOrAbove[i]?.count ?? "—"}个` : "",
      p ? signed(p.change.atOrAbove[i]?.count, "个") : "",
    ]);
  });
  return rows;
}

function statistics(m: TongbaoModel): string {
  const s = m.statistics;
  const p = s.previous !== undefined;
  const head = `<tr><th>项目</th><th class="n">本次</th>${p ? '<th class="n">上次</th><th class="n">变化</th>' : ""}</tr>`;
  const body = statsRows(s, m.unit).map(
    ([k, now, before, change]) =>
      `<tr><td>${k}</td><td class="n">${now}</td>${p ? `<td class="n">${before || "—"}</td><td class="n">${change || "—"}</td>` : ""}</tr>`,
  );
  const parts = [
    `<table id="stats-table"><thead>${head}</thead><tbody>\n${body.join("\n")}\n</tbody></table>`,
  ];
  if (m.unscored) parts.push(`<p>另有${m.unscored}个单位未能评分,不计入统计(见排名表)。</p>`);
  if (m.hasPrevious) {
    const moved = m.ranking.filter((r) => r.change);
    const up = moved.filter(
      (r) => r.change?.scoreDelta.isPositive() && !r.change.scoreDelta.isZero(),
    );
    const down = moved.filter((r) => r.change?.scoreDelta.isNegative());
    parts.push(
      `<p id="change-summary">与上次相比:得分提高的${up.length}个,降低的${down.length}个,持平的${moved.length - up.length - down.length}个;上次没有的单位${m.ranking.filter((r) => r.score !== null && !r.change).length}个。</p>`,
    );
  }
  if (m.byCategory.length > 1 || (m.byCategory.length === 1 && m.ranking.some((r) => r.category))) {
    const rows = m.byCategory.map(
      (c) =>
        `<tr><td>${esc(c.category)}</td><td class="n">${c.stats.count}</td><td class="n">${d(c.stats.mean)}</td><td class="n">${d(c.stats.median)}</td><td class="n">${d(c.stats.max)}</td><td class="n">${d(c.stats.min)}</td></tr>`,
    );
    parts.push(
      `<h3>分类别统计</h3><table id="category-table"><thead><tr><th>类别</th><th class="n">单位数</th><th class="n">平均分</th><th class="n">中位数</th><th class="n">最高分</th><th class="n">最低分</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`,
    );
  }
  if (m.grades) {
    const total = m.ranking.length - m.unscored;
    const rows = m.grades.map(
      (g) =>
        `<tr><td>${esc(g.grade)}</td><td class="n">${g.count}</td><td class="n">${pct(g.count, total)}</td></tr>`,
    );
    if (m.ungraded)
      rows.push(
        `<tr><td>未定等次</td><td class="n">${m.ungraded}</td><td class="n">${pct(m.ungraded, total)}</td></tr>`,
      );
    parts.push(
      `<h3>等次情况</h3><table id="grade-table"><thead><tr><th>等次</th><th class="n">单位数</th><th class="n">占比</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`,
    );
  }
  if (m.figures.length)
    parts.push(`<h3>全体计算</h3><ul>${m.figures.map((f) => `<li>${esc(f)}</li>`).join("")}</ul>`);
  return parts.join("\n");
}

/** A share in percent with one decimal place, as published (37.5%). */
function pct(n: number, of: number): string {
  if (!of) return "—";
  return `${(Math.round((n * 1000) / of) / 10).toFixed(1)}%`;
}

function deductionTable(m: TongbaoModel): string {
  const untraced = m.untraced
    ? "<p>有单位评分时未记录逐项说明(trace),其扣分项目未计入下表。</p>"
    : "";
  if (!m.deductions.length) return untraced || "<p>各单位均无扣分。</p>";
  const total = m.ranking.length - m.unscored;
  const rows = m.deductions.map(
    (x) =>
      `<tr><td>${esc(x.item)}</td><td class="n">${x.units}</td><td class="n">${pct(x.units, total)}</td></tr>`,
  );
  return `${untraced}<table id="deduction-table"><thead><tr><th>扣分项目</th><th class="n">被扣分单位数</th><th class="n">占参评单位</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function unitSection(u: UnitBreakdown, m: TongbaoModel): string {
  const head = [
    u.rank !== null ? `第${u.rank}名` : "未排名",
    u.score !== null
      ? `${dstr(u.score)}${m.unit}${m.full ? `(满分${dstr(m.full)}${m.unit})` : ""}`
      : "未评分",
    ...(u.grade ? [u.grade] : []),
    ...(u.category ? [u.category] : []),
  ];
  const body: string[] = [];
  if (u.reasons.length)
    body.push(`<p>未能评分:</p><ul>${u.reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>`);
  if (u.flags.length) body.push(`<p>标记:${esc(u.flags.join("、"))}</p>`);
  for (const x of u.excluded) body.push(`<p class="note">未计入:${esc(x)}</p>`);
  if (u.untraced) body.push("<p>评分时未记录逐项说明(trace),无法列出扣分。</p>");
  else if (!u.reasons.length && !u.rows.length) body.push("<p>无扣分。</p>");
  if (u.rows.length) {
    const rows = u.rows.map(
      (r, i) =>
        `<tr><td class="n">${i + 1}</td><td>${esc(r.item)}</td><td class="n">${esc(r.amount)}</td><td>${esc(r.detail)}${r.basis ? `<div class="basis">依据${esc(r.basis)}</div>` : ""}</td></tr>`,
    );
    body.push(
      `<table class="breakdown"><thead><tr><th class="n">序号</th><th>项目</th><th class="n">扣(加)分</th><th>扣分说明</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`,
    );
  }
  return `<details data-unit="${esc(u.unit)}"><summary>${esc(u.unit)}<span class="n">${esc(head.join(" · "))}</span></summary>\n${body.join("\n")}\n</details>`;
}

/** The page, from the model and the charts drawn for it. */
export function tongbaoPage(m: TongbaoModel, charts: readonly Chart[], opts: PageOptions): string {
  const title = opts.title ?? `${m.assessment}情况通报`;
  const sub = [
    ...(opts.title !== undefined ? [m.assessment] : []),
    ...(opts.date !== undefined ? [opts.date] : []),
  ];
  const scored = m.ranking.length - m.unscored;
  const lead = `本次共${m.ranking.length}个单位参加考核,已评分${scored}个${m.unscored ? `,未能评分${m.unscored}个` : ""}。`;
  const figures = charts.map(
    (c) =>
      `<figure data-chart="${esc(c.id)}">\n${c.svg}\n<figcaption>${esc(c.caption)}</figcaption></figure>`,
  );
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kaohe">
<title>${esc(title)}</title>
<style>${CSS}
</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
${sub.map((s) => `<p class="sub">${esc(s)}</p>`).join("\n")}
${m.basisNotes.map((s) => `<p class="sub note">${esc(s)}</p>`).join("\n")}
</header>
<section id="summary">
<h2>一、总体情况</h2>
<p>${lead}</p>
${statistics(m)}
</section>
<section id="charts">
<h2>二、图表</h2>
${figures.length ? `<div class="charts">\n${figures.join("\n")}\n</div>` : "<p>没有已评分的单位,无图表。</p>"}
</section>
<section id="ranking">
<h2>三、排名</h2>
${rankingTable(m)}
</section>
<section id="deductions">
<h2>四、扣分情况</h2>
${deductionTable(m)}
</section>
<section id="units">
<h2>五、各单位得分与扣分说明</h2>
${m.units.map((u) => unitSection(u, m)).join("\n")}
</section>
<footer>本通报由 kaohe 按规则集计算生成。</footer>
</body>
</html>
`;
}
