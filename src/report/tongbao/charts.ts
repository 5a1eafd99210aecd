/**
 * The 通报's charts, drawn by ECharts on the server as SVG (`renderToSVGString`): the page holds
 * the finished drawings and no script, so it opens offline and prints as it shows. ECharts is an
 * optional peer dependency, handed in by the caller (index.ts imports it on demand).
 */
import { type Decimal, dstr } from "../../decimal.js";
import type { TongbaoModel } from "./model.js";

/** The part of ECharts' API the charts use (echarts ≥ 5.3: server-side SVG). */
export interface EChartsLike {
  init(
    dom: null,
    theme: null,
    opts: { renderer: "svg"; ssr: true; width: number; height: number },
  ): {
    setOption(option: Record<string, unknown>): void;
    renderToSVGString(): string;
    dispose(): void;
  };
}

/** One chart: what it shows (its caption), and the SVG drawing. */
export interface Chart {
  /** A stable name: grades, ranking, histogram. */
  id: string;
  caption: string;
  svg: string;
}

/** Colours by grade, best first (a printed page in grey still tells them apart by lightness). */
const PALETTE = ["#2f6fbd", "#4fa3a5", "#e0a43a", "#c8553d", "#7d5ba6", "#7a7a7a"];
const FONT = "sans-serif";
/** Ranking bars beyond this many units are left out of the chart (the table lists every unit). */
export const RANKING_CHART_MAX = 200;

function render(
  echarts: EChartsLike,
  index: number,
  width: number,
  height: number,
  option: Record<string, unknown>,
): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    // zrender numbers its instances and their style classes per process (zr0-cls-1, zr7-cls-23):
    // the same report would differ with the number of charts drawn before it. Each name becomes
    // the chart's place and the name's order of appearance in it (kc2-5).
    const names = new Map<string, string>();
    return chart
      .renderToSVGString()
      .replace(/\bzr\d+-[\w-]+/g, (name) => {
        if (!names.has(name)) names.set(name, `kc${index}-${names.size}`);
        return names.get(name) as string;
      })
      .trim();
  } finally {
    chart.dispose();
  }
}

const num = (d: Decimal) => Number(dstr(d));

function gradeChart(echarts: EChartsLike, m: TongbaoModel, index: number): Chart | null {
  if (!m.grades) return null;
  const data = m.grades
    .map((g, i) => ({
      name: g.grade,
      value: g.count,
      itemStyle: { color: PALETTE[i % PALETTE.length] },
    }))
    .filter((d) => d.value > 0);
  if (m.ungraded)
    data.push({ name: "未定等次", value: m.ungraded, itemStyle: { color: "#bbbbbb" } });
  if (!data.length) return null;
  const svg = render(echarts, index, 520, 300, {
    series: [
      {
        type: "pie",
        radius: ["35%", "65%"],
        center: ["50%", "52%"],
        label: { formatter: "{b}\n{c}个({d}%)", fontSize: 13 },
        data,
      },
    ],
  });
  return { id: "grades", caption: "等次分布(单位数)", svg };
}

function rankingChart(echarts: EChartsLike, m: TongbaoModel, index: number): Chart | null {
  const rows = m.ranking.filter((r) => r.score !== null).slice(0, RANKING_CHART_MAX);
  if (!rows.length) return null;
  const gradeIndex = new Map((m.grades ?? []).map((g, i) => [g.grade, i]));
  const colour = (grade: string | null) =>
    grade !== null && gradeIndex.has(grade)
      ? PALETTE[(gradeIndex.get(grade) as number) % PALETTE.length]
      : PALETTE[0];
  const withPrevious = rows.some((r) => r.change);
  const height = Math.max(220, rows.length * (withPrevious ? 30 : 22) + 80);
  const series: Record<string, unknown>[] = [
    {
      name: "本次得分",
      type: "bar",
      barMaxWidth: 16,
      label: { show: true, position: "right", fontSize: 11 },
      data: rows.map((r) => ({
        value: num(r.score as Decimal),
        itemStyle: { color: colour(r.grade) },
      })),
    },
  ];
  if (withPrevious)
    series.push({
      name: "上次得分",
      type: "bar",
      barMaxWidth: 10,
      itemStyle: { color: "#c9c9c9" },
      data: rows.map((r) => (r.change ? num(r.change.previousTotal) : null)),
    });
  const svg = render(echarts, index, 720, height, {
    ...(withPrevious ? { legend: { top: 0, data: ["本次得分", "上次得分"] } } : {}),
    grid: { left: 12, right: 48, top: withPrevious ? 32 : 12, bottom: 24, containLabel: true },
    xAxis: { type: "value", ...(m.full ? { max: Math.max(num(m.full), ...maxOf(rows)) } : {}) },
    yAxis: {
      type: "category",
      inverse: true,
      data: rows.map((r) => `${r.rank ?? "—"}. ${r.unit}`),
      axisLabel: { width: 160, overflow: "truncate", fontSize: 12 },
    },
    series,
  });
  const more = m.ranking.filter((r) => r.score !== null).length - rows.length;
  return {
    id: "ranking",
    caption: `得分排名${withPrevious ? "(灰色为上次得分)" : ""}${more > 0 ? `(只画出前${RANKING_CHART_MAX}名,其余见排名表)` : ""}`,
    svg,
  };
}

function maxOf(rows: TongbaoModel["ranking"]): number[] {
  return rows.flatMap((r) => [
    num(r.score as Decimal),
    ...(r.change ? [num(r.change.previousTotal)] : []),
  ]);
}

/**
 * Units by score band. Bands are 10 points wide (wider when the scores spread over more than 20
 * bands), each holding its lower bound and not its upper; a score of exactly 满分 counts in the
 * band below it (90–100 holds 100).
 */
export function scoreBands(
  scores: readonly Decimal[],
  full: Decimal | null,
): { from: number; to: number; count: number }[] {
  if (!scores.length) return [];
  const values = scores.map(num);
  let width = 10;
  const spread = Math.max(...values) - Math.min(...values);
  while (spread / width > 20) width *= 10;
  const fullValue = full ? num(full) : null;
  const band = (v: number) => {
    const b = Math.floor(v / width);
    return v === fullValue && b * width === v ? b - 1 : b;
  };
  const bands = values.map(band);
  const lo = Math.min(...bands);
  const hi = Math.max(...bands);
  const out: { from: number; to: number; count: number }[] = [];
  for (let b = lo; b <= hi; b++)
    out.push({ from: b * width, to: (b + 1) * width, count: bands.filter((x) => x === b).length });
  return out;
}

function histogram(echarts: EChartsLike, m: TongbaoModel, index: number): Chart | null {
  const scores = m.ranking.flatMap((r) => (r.score !== null ? [r.score] : []));
  const bands = scoreBands(scores, m.full);
  if (!bands.length) return null;
  const svg = render(echarts, index, 520, 300, {
    grid: { left: 12, right: 12, top: 24, bottom: 12, containLabel: true },
    xAxis: {
      type: "category",
      data: bands.map((b) => `${b.from}–${b.to}`),
      axisLabel: { interval: 0, fontSize: 11 },
    },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        type: "bar",
        barMaxWidth: 40,
        itemStyle: { color: PALETTE[0] },
        label: { show: true, position: "top" },
        data: bands.map((b) => b.count),
      },
    ],
  });
  return {
    id: "histogram",
    caption: `得分分布(单位数;每档含下限、不含上限,满分计入最高一档)`,
    svg,
  };
}

/** The charts of a 通报, drawn with the ECharts given. */
export function tongbaoCharts(echarts: EChartsLike, m: TongbaoModel): Chart[] {
  const out: Chart[] = [];
  for (const make of [gradeChart, histogram, rankingChart]) {
    const c = make(echarts, m, out.length);
    if (c) out.push(c);
  }
  return out;
}
