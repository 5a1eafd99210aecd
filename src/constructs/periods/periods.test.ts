import { describe, expect, it } from "vitest";
import { adoptedItem, monthly, ref, ruleSet, said } from "../../../test/helpers.js";
import { toDecimal } from "../../decimal.js";
import { scoreUnit } from "../../evaluate/evaluate.js";
import { outcomeToJSON } from "../../explain/json.js";
import { renderExplanation } from "../../explain/render.js";
import { compileRuleSet } from "../../index.js";
import { validateRuleSet } from "../../load/load.js";
import { periodsWords } from "./compile.js";

// T7 periods: one run scores every month (quarter) of the window on the findings dated in it,
// reports each period's score, and makes the total their sum (累计积分) or mean. Scoring is in
// src/evaluate/periods.ts.

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** Clause 一.1: `amounts` per finding of used, by kind (采用信息1条得3分,被批示的另加5分). */
const usedTally = (amounts: Record<string, unknown>) => ({
  id: "一.1",
  type: "tally",
  effect: "add",
  fact: "used",
  amounts,
  repeat: "each",
  text: "采用信息1条得3分,被批示的另加5分",
  ref,
});

/** Points from 0: 3 per 采用 (tally), 5 per 批示; a year's window unless told. */
const input = (periods: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ruleSet({
    policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "zero" },
    window: { from: "2025-01-01", to: "2025-03-31", undated: "include" },
    facts: [{ id: "used", label: "采用信息", type: "findings", kinds: ["采用", "批示"] }],
    points: 0,
    tree: [adoptedItem([usedTally({ 采用: 3, 批示: 5 })])],
    periods: monthly("每月将各单位信息采用条目、得分和累计积分情况予以通报", periods),
    ...extra,
  } as never);
const set = (...a: Parameters<typeof input>) => compileRuleSet(input(...a));

const used = [
  { kind: "采用", date: "2025-01-05" },
  { kind: "采用", date: "2025-01-31", count: 2 },
  { kind: "批示", date: "2025-03-01" },
  { kind: "采用", date: "2025-04-01", note: "四月的" },
];

describe("T7 periods: monthly results summed into the period's 累计积分", () => {
  it("scores each month on its own findings, reports each, and sums them", () => {
    const crs = set({});
    const r = scoreUnit(crs, { id: "甲", facts: { used } });
    if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
    expect(r.periods?.map((p) => [p.id, p.label, p.from, p.to, t(p.score)])).toEqual([
      ["2025-01", "2025年1月", "2025-01-01", "2025-01-31", "9"],
      ["2025-02", "2025年2月", "2025-02-01", "2025-02-28", "0"],
      ["2025-03", "2025年3月", "2025-03-01", "2025-03-31", "5"],
    ]);
    expect(t(r.total)).toBe("14");
    expect(t(r.added)).toBe("14");
    // The April finding no month counts: listed once, under the whole window.
    expect(r.excluded.map((x) => [x.fact, x.index, x.window])).toEqual([
      ["used", 3, "2025-01-01至2025-03-31"],
    ]);
    const words = r.trace.map(said);
    expect(words).toEqual([
      "2025年1月得9分",
      "2025年2月得0分",
      "2025年3月得5分",
      "累计2025年1月9分+2025年2月0分+2025年3月5分=14分",
    ]);
    const text = renderExplanation(crs, r);
    expect(text).toContain("periods:累计。累计2025年1月9分+2025年2月0分+2025年3月5分=14分");
    expect(text).toContain("periods.2025-01:本期。2025年1月得9分");
    const json = outcomeToJSON(r, { trace: false }) as { periods: Record<string, unknown>[] };
    expect(json.periods[2]).toEqual({
      id: "2025-03",
      label: "2025年3月",
      from: "2025-03-01",
      to: "2025-03-31",
      score: "5",
      total: "5",
      grade: null,
      flags: [],
    });
  });

  it("a run window narrows the months (累计 to date); a window mid-month clips the first", () => {
    const crs = set({});
    const r = scoreUnit(
      crs,
      { id: "甲", facts: { used } },
      {
        window: { from: "2025-01-10", to: "2025-02-28" },
      },
    );
    expect(r.ok && r.periods?.map((p) => [p.id, p.from, p.to, t(p.score)])).toEqual([
      ["2025-01", "2025-01-10", "2025-01-31", "6"],
      ["2025-02", "2025-02-01", "2025-02-28", "0"],
    ]);
    expect(r.ok && t(r.total)).toBe("6");
    const apart = scoreUnit(
      crs,
      { id: "甲", facts: { used } },
      {
        window: { from: "2026-01-01", to: "2026-02-28" },
      },
    );
    expect(!apart.ok && apart.issues.map((i) => i.code)).toEqual(["F_OPTION"]);
  });

  it("without any window the unit is not scored; the run's window is then the range", () => {
    const crs = compileRuleSet({ ...input({}), window: undefined } as never);
    const r = scoreUnit(crs, { id: "甲", facts: { used } });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_WINDOW_REQUIRED", "window"],
    ]);
    const q = scoreUnit(
      crs,
      { id: "甲", facts: { used } },
      {
        window: { from: "2025-01-01", to: "2025-06-30" },
      },
    );
    expect(q.ok && q.periods?.length).toBe(6);
    expect(q.ok && t(q.total)).toBe("17");
  });

  it("quarters, and the mean of the periods with each period rounded as the policy says", () => {
    const crs = set(
      {
        each: "quarter",
        total: "mean",
        periodRounding: "policy",
        rounding: { places: 1, mode: "half-up" },
      },
      {
        window: { from: "2025-01-01", to: "2025-12-31", undated: "include" },
        policy: { rounding: { places: 0, mode: "half-up", at: "total" }, missingFact: "zero" },
        tree: [adoptedItem([usedTally({ 采用: "2.5", 批示: 5 })])],
      },
    );
    // Q1: 3 × 2.5 + 5 = 12.5 → 13; Q2: 2.5 → 3; Q3, Q4: 0. Mean (13 + 3 + 0 + 0) / 4 = 4.
    const r = scoreUnit(crs, { id: "甲", facts: { used } });
    if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
    expect(r.periods?.map((p) => [p.id, p.label, t(p.score)])).toEqual([
      ["2025-Q1", "2025年第一季度", "13"],
      ["2025-Q2", "2025年第二季度", "3"],
      ["2025-Q3", "2025年第三季度", "0"],
      ["2025-Q4", "2025年第四季度", "0"],
    ]);
    expect([t(r.unrounded), t(r.total)]).toEqual(["4", "4"]);
    expect(said(r.trace.at(-1))).toBe(
      "平均(2025年第一季度13分+2025年第二季度3分+2025年第三季度0分+2025年第四季度0分)÷4=4分",
    );
  });

  it("undated findings: refused by default, naming each; counted in the first or every period", () => {
    const withUndated = [...used, { kind: "采用", note: "日期不详" }];
    const refused = scoreUnit(set({}), { id: "甲", facts: { used: withUndated } });
    expect(!refused.ok && refused.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FINDING_UNDATED", "facts.used.4.date"],
    ]);
    const first = scoreUnit(set({ undated: "first" }), { id: "甲", facts: { used: withUndated } });
    expect(first.ok && first.periods?.map((p) => t(p.score))).toEqual(["12", "0", "5"]);
    expect(first.ok && t(first.total)).toBe("17");
    expect(first.ok && said(first.trace[0])).toBe("2025年1月得12分(含未注明日期的1条)");
    const every = scoreUnit(set({ undated: "every" }), { id: "甲", facts: { used: withUndated } });
    expect(every.ok && every.periods?.map((p) => t(p.score))).toEqual(["12", "3", "8"]);
    expect(every.ok && t(every.total)).toBe("23");
    // A window of the rule set that refuses undated findings refuses them in every period.
    const strict = set(
      { undated: "first" },
      { window: { from: "2025-01-01", to: "2025-03-31", undated: "error" } },
    );
    const s = scoreUnit(strict, { id: "甲", facts: { used: withUndated } });
    expect(!s.ok && s.issues.map((i) => i.code)).toEqual(["F_FINDING_UNDATED"]);
  });

  it("a node window that misses a month counts nothing in it, without an error", () => {
    const rs = input({});
    const node = (rs.tree as { window?: unknown }[])[0] as { window?: unknown };
    node.window = { from: "2025-03-01", to: "2025-03-31", undated: "include" };
    const r = scoreUnit(compileRuleSet(rs), { id: "甲", facts: { used } });
    expect(r.ok && r.periods?.map((p) => t(p.score))).toEqual(["0", "0", "5"]);
  });

  it("a deadline by lapse counts in the month the event lapses", () => {
    const rs = input(
      {},
      {
        policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "zero" },
        facts: [{ id: "cols", label: "栏目更新", type: "findings" }],
        points: 10,
        tree: [
          {
            id: "二",
            title: "栏目更新",
            points: 10,
            clauses: [
              {
                id: "二.1",
                type: "deadline",
                fact: "cols",
                within: { years: 1 },
                windowBy: "lapse",
                each: 1,
                text: "栏目超过一年未更新的,每个扣1分",
                ref,
              },
            ],
          },
        ],
      },
    );
    // 2024-02-29 is due 2025-02-28 and lapses 2025-03-01; 2024-01-15 lapses 2025-01-16.
    const r = scoreUnit(compileRuleSet(rs), {
      id: "甲",
      facts: {
        cols: [
          { date: "2024-02-29", done: "2025-04-01" },
          { date: "2024-01-15", done: "2025-01-20" },
        ],
      },
    });
    expect(r.ok && r.periods?.map((p) => t(p.score))).toEqual(["9", "10", "9"]);
    expect(r.ok && t(r.total)).toBe("28");
  });
});

describe("T7 periods: words and checks", () => {
  it("says a period's score and the total naming each period", () => {
    const d = toDecimal;
    expect(periodsWords({ type: "period", label: "2025年1月", score: d("12.5"), undated: 0 })).toBe(
      "2025年1月得12.5分",
    );
    expect(periodsWords({ type: "period", label: "2025年1月", score: d(3), undated: 2 })).toBe(
      "2025年1月得3分(含未注明日期的2条)",
    );
    const terms = [
      { label: "2025年1月", score: d("1.25") },
      { label: "2025年2月", score: d("2") },
    ];
    expect(
      periodsWords({
        type: "periods",
        mode: "sum",
        terms,
        exact: d("3.25"),
        total: d("3.3"),
        places: 1,
      }),
    ).toBe("累计2025年1月1.25分+2025年2月2分=3.25分,保留1位小数为3.3分");
    expect(
      periodsWords({
        type: "periods",
        mode: "mean",
        terms,
        exact: d("1.625"),
        total: d("1.625"),
        places: 3,
      }),
    ).toBe("平均(2025年1月1.25分+2025年2月2分)÷2=1.625分");
  });

  it("lint: a fact without a date in a clause (E_PERIODS_FACT), periods beside combine", () => {
    const codes = (rs: unknown) => {
      const r = validateRuleSet(rs as never);
      return r.ok ? [] : r.issues.map((i) => [i.code, i.path.join(".")]);
    };
    expect(codes(input({}))).toEqual([]);
    const counted = input(
      {},
      {
        facts: [
          { id: "used", label: "采用信息", type: "findings", kinds: ["采用", "批示"] },
          { id: "n", label: "次数", type: "count" },
          { id: "ok", label: "已建立制度", type: "boolean" },
        ],
      },
    );
    const node = (counted.tree as { clauses: unknown[] }[])[0] as { clauses: unknown[] };
    node.clauses.push(
      { id: "一.2", type: "per", effect: "add", fact: "n", each: 1, text: "每次加1分", ref },
      {
        id: "一.3",
        type: "fixed",
        effect: "add",
        when: "ok",
        amount: 1,
        text: "建立制度加1分",
        ref,
      },
    );
    expect(codes(counted)).toEqual([
      ["E_PERIODS_FACT", "tree.0.clauses.1.fact"],
      ["E_PERIODS_FACT", "tree.0.clauses.2.when"],
    ]);
    const both = input(
      {},
      {
        combine: {
          parts: [{ id: "a", label: "a", percent: 100 }],
          partRounding: "none",
          rounding: { places: 2, mode: "half-up" },
          text: "t",
          ref,
        },
      },
    );
    expect(codes(both)).toEqual([["E_EXCLUSIVE", "periods"]]);
  });
});
