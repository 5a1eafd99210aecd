import { readFileSync } from "node:fs";
import * as echarts from "echarts";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  cohortCases,
  HUBEI_RULES,
  HUBEI_UNITS,
  QUOTA_RULES,
} from "../../../test/report-fixtures.js";
import { scoreCohort, scoreCohortLazily } from "../../cohort/cohort.js";
import type { CompiledRuleSet } from "../../compile/compile.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { Decimal, dstr } from "../../decimal.js";
import { parseUnits } from "../../load/units.js";
import { loadRuleSetFile, loadUnitsFile } from "../../node/index.js";
import { scoreBands } from "./charts.js";
import { esc } from "./escape.js";
import { type EChartsLike, renderTongbaoWith, tongbaoModel } from "./index.js";

const EC = echarts as unknown as EChartsLike;

function ruleSet(file: string): CompiledRuleSet {
  const r = loadRuleSetFile(file);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return compileRuleSet(r.ruleSet);
}

const hubei = ruleSet(HUBEI_RULES);
const hubeiUnits = loadUnitsFile(HUBEI_UNITS).units;

describe("the 通报's model (hubei 2009)", () => {
  const m = tongbaoModel(hubei, scoreCohort(hubei, hubeiUnits, { trace: true }));

  it("ranks every unit with its category by label and its score", () => {
    const cohort = scoreCohort(hubei, hubeiUnits, {});
    expect(m.ranking.map((r) => [r.rank, r.unit, r.score && dstr(r.score)])).toEqual(
      cohort.units.map((x) => [x.rank, x.unit, x.score && dstr(x.score)]),
    );
    const labels = new Set(hubei.source.categories?.map((c) => c.label));
    for (const r of m.ranking) expect(labels.has(r.category as string)).toBe(true);
  });

  it("shows 未定 for a unit no override reached in a rule set graded only by override (no guess)", () => {
    expect(hubei.grades?.bands).toEqual([]);
    const cohort = scoreCohort(hubei, hubeiUnits, {});
    // 某某市's override grades the unit; 某某县's grades one item only (本项直接定为不合格).
    expect(cohort.units.map((x) => x.grade)).toEqual([null, "不合格", null, null]);
    expect(m.ranking.map((r) => r.grade)).toEqual(["未定", "不合格", "未定", "未定"]);
    expect(m.grades).toEqual([
      { grade: "合格", count: 0 },
      { grade: "不合格", count: 1 },
      { grade: "未定", count: 3 },
    ]);
  });

  it("joins a grade forced by a clause to that clause's deduction, not a second line", () => {
    const county = m.units.find((u) => u.unit === "某某县");
    const leadership = county?.rows.filter((r) => r.item.startsWith("五.1 "));
    expect(leadership?.map((r) => r.amount)).toEqual(["扣3分,直接定为不合格"]);
    // The cohort figure is stated once under the statistics, not in every unit's list.
    expect(m.figures.length).toBe(1);
    for (const u of m.units) for (const r of u.rows) expect(r.amount).not.toBe("全体计算");
  });

  it("counts the units that lost points on each item, most first", () => {
    const counted = new Map<string, number>();
    for (const u of m.units)
      for (const item of new Set(
        u.rows.filter((r) => r.amount.startsWith("扣")).map((r) => r.item),
      ))
        counted.set(item, (counted.get(item) ?? 0) + 1);
    expect(new Map(m.deductions.map((d) => [d.item, d.units]))).toEqual(counted);
    const sorted = [...m.deductions].sort((a, b) => b.units - a.units);
    expect(m.deductions).toEqual(sorted);
  });

  it("says a unit scored without a trace has no 扣分说明 recorded, never 无扣分", () => {
    const bare = tongbaoModel(hubei, scoreCohort(hubei, hubeiUnits, { trace: false }));
    expect(bare.untraced).toBe(true);
    expect(bare.units.map((u) => u.untraced)).toEqual(
      bare.ranking.map((r) => r.score?.toString() !== "100"),
    );
    expect(m.untraced).toBe(false);
    const html = renderTongbaoWith(EC, hubei, scoreCohort(hubei, hubeiUnits, { trace: false }));
    expect(html.match(/无法列出扣分/g)?.length).toBe(3);
    expect(html).not.toContain("各单位均无扣分");
  });

  it("reads the same from a lazy run as from a full one", () => {
    const lazy = tongbaoModel(hubei, scoreCohortLazily(hubei, hubeiUnits, { trace: true }));
    expect(lazy).toEqual(m);
  });
});

describe("the 通报 page", () => {
  const page = renderTongbaoWith(EC, hubei, scoreCohort(hubei, hubeiUnits, { trace: true }));

  it("holds no script, no address to load and no fact id", () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import/i);
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
    // The rule set's fact ids (funds_late_by_share…) never reach the page; their labels do.
    for (const id of hubei.facts.keys()) if (/_/.test(id)) expect(page).not.toContain(id);
    expect(page).toContain("按未及时公开处理的专项资金(全省40%规则以外的)");
  });

  it("is the same bytes each time, however many charts were drawn before it", () => {
    for (let i = 0; i < 3; i++) {
      const c = EC.init(null, null, { renderer: "svg", ssr: true, width: 10, height: 10 });
      c.setOption({ series: [{ type: "pie", data: [1] }] });
      c.renderToSVGString();
      c.dispose();
    }
    expect(renderTongbaoWith(EC, hubei, scoreCohort(hubei, hubeiUnits, { trace: true }))).toBe(
      page,
    );
    expect(page).not.toMatch(/\bzr\d+-/);
  });

  it("does not depend on the order the units are given in (quota fixture, shuffled)", () => {
    const quota = ruleSet(QUOTA_RULES);
    const c = cohortCases("test/cohort-sets/quota/cases/01-bands.yaml")[0];
    const units = parseUnits(JSON.stringify({ units: c?.units }), "q.json").units;
    const first = renderTongbaoWith(EC, quota, scoreCohort(quota, units, { trace: true }));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }),
        (order) => {
          expect(renderTongbaoWith(EC, quota, scoreCohort(quota, order, { trace: true }))).toBe(
            first,
          );
        },
      ),
      { numRuns: 8 },
    );
  });

  it("renderTongbao imports echarts itself and gives the same page", async () => {
    const { renderTongbao } = await import("./index.js");
    expect(await renderTongbao(hubei, scoreCohort(hubei, hubeiUnits, { trace: true }))).toBe(page);
  });

  it("prints the date and title given, and no date otherwise", () => {
    expect(page).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    const dated = renderTongbaoWith(EC, hubei, scoreCohort(hubei, hubeiUnits, { trace: true }), {
      title: "关于<2009>上半年考核的通报",
      date: "2009年7月15日",
    });
    expect(dated).toContain("<h1>关于&lt;2009&gt;上半年考核的通报</h1>");
    expect(dated).toContain('<p class="sub">2009年7月15日</p>');
  });

  it("states the statistics the cohort computed", () => {
    const s = scoreCohort(hubei, hubeiUnits, {}).statistics.all;
    for (const x of [s.mean, s.median, s.max, s.min])
      expect(page).toContain(`${dstr(x as Decimal)}分`);
  });

  it("escapes untrusted unit names everywhere, the charts included", () => {
    const evil = `<script>alert(1)</script>"'&`;
    const text = readFileSync(HUBEI_UNITS, "utf8").replace(
      "id: 武汉市",
      `id: ${JSON.stringify(evil)}`,
    );
    const units = parseUnits(text, "evil.yaml").units;
    expect(units.map((u) => u.id)).toContain(evil);
    const html = renderTongbaoWith(EC, hubei, scoreCohort(hubei, units, { trace: true }));
    expect(html).not.toContain("<script");
    expect(html).not.toContain("alert(1)</");
    // In the ranking table, the unit's section and the ranking chart's axis label.
    expect(html.split(esc(evil)).length - 1).toBeGreaterThanOrEqual(4);
  });

  it("draws one slice per grade held and one ranking bar per scored unit (quota fixture)", () => {
    const quota = ruleSet(QUOTA_RULES);
    const c = cohortCases("test/cohort-sets/quota/cases/01-bands.yaml")[0];
    const units = parseUnits(JSON.stringify({ units: c?.units }), "q.json").units;
    const html = renderTongbaoWith(EC, quota, scoreCohort(quota, units, { trace: true }));
    const chart = (id: string) =>
      html.split(`<figure data-chart="${id}">`)[1]?.split("</figure>")[0] ?? "";
    const grades = new Set(Object.values(c?.expect.grades as Record<string, string>));
    expect(chart("grades").match(/ecmeta_ssr_type="chart"/g)?.length).toBe(grades.size);
    expect(chart("ranking").match(/ecmeta_series_index="0"/g)?.length).toBe(units.length);
  });
});

describe("scoreBands", () => {
  it("puts every score in one band that holds it, and the bands count every unit", () => {
    const score = fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).dividedBy(100));
    fc.assert(
      fc.property(fc.array(score, { minLength: 1, maxLength: 60 }), (scores) => {
        const full = new Decimal(100);
        const bands = scoreBands(scores, full);
        expect(bands.reduce((n, b) => n + b.count, 0)).toBe(scores.length);
        for (const [i, b] of bands.entries()) {
          expect(b.to - b.from).toBe(10);
          if (i) expect(b.from).toBe(bands[i - 1]?.to);
        }
        for (const s of scores) {
          const v = s.toNumber();
          const holding = bands.filter(
            (b) => (v >= b.from && v < b.to) || (v === 100 && b.to === 100),
          );
          expect(holding.length).toBe(1);
        }
      }),
    );
  });

  it("widens the bands when scores spread over more than 20 of them", () => {
    const bands = scoreBands([new Decimal(0), new Decimal(1234)], null);
    expect(bands.map((b) => b.to - b.from)).toEqual(bands.map(() => 100));
    expect(bands.length).toBe(13);
  });
});

describe("without echarts", () => {
  it("renderTongbao fails with S_NEEDS_LIBS naming npm install echarts", async () => {
    vi.resetModules();
    vi.doMock("echarts", () => {
      throw new Error("Cannot find package 'echarts'");
    });
    const { renderTongbao } = await import("./index.js");
    const { KaoheError } = await import("../../errors/issue.js");
    const err = await renderTongbao(hubei, scoreCohort(hubei, hubeiUnits, {})).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KaoheError);
    expect((err as InstanceType<typeof KaoheError>).issues[0]?.code).toBe("S_NEEDS_LIBS");
    expect((err as Error).message).toContain("npm install echarts");
    vi.doUnmock("echarts");
  });
});
