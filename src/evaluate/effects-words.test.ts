import { describe, expect, it } from "vitest";
import { compile, leadershipItem, perNode, plain, ref, said, score } from "../../test/helpers.js";
import { toDecimal } from "../decimal.js";
import { type CohortEffect, cohortWords } from "./cohort-effects.js";
import { type EngineEffect, engineWords } from "./effects.js";
import type { TraceEntry } from "./types.js";

// The words of every effect the engine writes (effects.ts) and of what the cohort did
// (cohort-effects.ts), each from its data: one case per type and per branch of its words, then the
// same words read off the trace of a unit the engine scored.
//
// Stryker, equivalent: in the words of `rescale`, `roundTo(e.newPoints, 4, "half-up")` →
// `roundTo(…, 4, "")`: an unknown mode is undefined, and decimal.js then rounds with the class's
// own mode, ROUND_HALF_UP (src/decimal.ts), so the words cannot differ.

const d = toDecimal;
const find = (trace: readonly TraceEntry[], kind: TraceEntry["kind"], node?: string) =>
  trace.find((e) => e.kind === kind && (node === undefined || e.node === node));

describe("engineWords: one sentence per effect, from its figures", () => {
  const cases: [string, EngineEffect, string][] = [
    [
      "node-cap",
      { type: "node-cap", lost: d("3.5"), cap: d(2) },
      "本项扣分3.5分,以2分为限(扣完为止)",
    ],
    ["floor", { type: "floor" }, "本项得分扣完为止"],
    ["bonus-cap", { type: "bonus-cap", cap: d("1.5") }, "本项加分最高1.5分"],
    [
      "item-cap, points added",
      { type: "item-cap", add: true, cap: d(5), points: true, label: "加分", unit: "分" },
      "本项加分最高5分",
    ],
    [
      "item-cap, points deducted",
      { type: "item-cap", add: false, cap: d(3), points: true, label: "扣分", unit: "分" },
      "本项扣分最高3分",
    ],
    [
      "item-cap, another measure in its own unit",
      { type: "item-cap", add: true, cap: d(20), points: false, label: "奖励", unit: "元" },
      "本项奖励最高20元",
    ],
    ["round", { type: "round", places: 2 }, "按规定保留2位小数"],
    ["given", { type: "given", score: d("8.5"), points: d(10) }, "评分人给分8.5分(满分10分)"],
    ["zero", { type: "zero" }, "此项不得分"],
    [
      "not-applicable, in proportion",
      { type: "not-applicable", points: d(20), spread: false },
      "本项不适用于该单位,分值20分按比例计入其他指标",
    ],
    [
      "not-applicable, spread evenly",
      { type: "not-applicable", points: d(20), spread: true },
      "本项不适用于该单位,分值20分平均计入其他指标",
    ],
    [
      "not-applicable, left out of the applicable total",
      { type: "not-applicable", points: d(20), spread: false, excluded: true },
      "本项不适用于该单位,分值20分不计入适用项满分",
    ],
    [
      "rescale from two items, the new points said to 4 places",
      {
        type: "rescale",
        from: ["办事服务", "政务新媒体"],
        points: d(30),
        newPoints: d(100).dividedBy(3),
      },
      "办事服务、政务新媒体不适用,本项满分由30分调整为33.3333分,得分按比例折算",
    ],
    [
      "total, stopped",
      { type: "total", mode: "stop", total: d(59) },
      "其他项目不再评分,总分记为59分",
    ],
    ["total, fixed", { type: "total", mode: "fixed", total: d(0) }, "总分记为0分"],
    ["total, ceiling", { type: "total", mode: "ceiling", total: d(60) }, "总分不高于60分"],
    [
      "ceiling-held",
      { type: "ceiling-held", ceiling: d("0.55"), places: 1, held: d("0.5") },
      "总分不高于0.55分,保留1位小数计0.5分",
    ],
  ];
  it.each(cases)("%s", (_, e, words) => {
    expect(engineWords(e)).toBe(words);
  });
});

describe("the engine's trace says what it did in those words", () => {
  it("a bonus cap, and the rounding of the total", () => {
    const crs = compile({
      policy: { rounding: { places: 1, mode: "half-up", at: "total" }, missingFact: "error" },
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "good", label: "典型案例", type: "count" },
      ],
      points: 10,
      tree: [
        leadershipItem([
          { id: "a1", type: "per", fact: "n", each: "0.25", text: "每处扣0.25分", ref },
          {
            id: "a2",
            type: "per",
            effect: "add",
            fact: "good",
            each: 1.5,
            text: "每个典型案例加1.5分",
            ref,
          },
        ]),
      ],
    } as never);
    // 10 − 3 × 0.25 = 9.25; the bonus 3 × 1.5 = 4.5 is held to 2: 11.25, said to one place 11.3.
    const r = score(crs, { n: 3, good: 3 });
    expect(r.total.toFixed()).toBe("11.3");
    const cap = find(r.trace, "add-cap");
    expect([plain(cap?.effect), said(cap)]).toEqual([
      { type: "bonus-cap", cap: "2" },
      "本项加分最高2分",
    ]);
    const round = find(r.trace, "round");
    expect([plain(round?.effect), said(round)]).toEqual([
      { type: "round", places: 1 },
      "按规定保留1位小数",
    ]);
  });

  it("C17: an item that does not apply, and the points its siblings receive", () => {
    const crs = (mode: "rescale" | "spread") =>
      compile({
        facts: [
          { id: "has", label: "有办事服务", type: "boolean" },
          { id: "a", label: "a", type: "count", missing: "zero" },
        ],
        points: 100,
        tree: [
          {
            id: "A",
            title: "政务公开",
            points: 50,
            clauses: [{ id: "A1", type: "per", fact: "a", each: 10, text: "每处扣10分", ref }],
          },
          {
            id: "B",
            title: "政府信息",
            points: 30,
            clauses: [{ id: "B1", type: "per", fact: "a", each: 1, text: "每处扣1分", ref }],
          },
          {
            id: "S",
            title: "办事服务",
            points: 20,
            applicable: "has",
            ifNotApplicable: { mode },
            clauses: [{ id: "S1", type: "per", fact: "a", each: 5, text: "每处扣5分", ref }],
          },
        ],
      });
    // In proportion: A 50 → 50 × 100/80 = 62.5, B 30 → 37.5.
    const p = score(crs("rescale"), { has: false, a: 0 });
    expect(said(find(p.trace, "not-applicable", "S"))).toBe(
      "本项不适用于该单位,分值20分按比例计入其他指标",
    );
    expect(said(find(p.trace, "rescale", "A"))).toBe(
      "办事服务不适用,本项满分由50分调整为62.5分,得分按比例折算",
    );
    // Evenly: 20 shared by 2, A 50 → 60, B 30 → 40.
    const e = score(crs("spread"), { has: false, a: 0 });
    expect(said(find(e.trace, "not-applicable", "S"))).toBe(
      "本项不适用于该单位,分值20分平均计入其他指标",
    );
    expect(said(find(e.trace, "rescale", "B"))).toBe(
      "办事服务不适用,本项满分由30分调整为40分,得分按比例折算",
    );
  });

  it("a veto that stops scoring, and one that caps the total", () => {
    const crs = compile({
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "halt", label: "拒不整改", type: "boolean", default: false },
        { id: "late", label: "迟报", type: "boolean", default: false },
      ],
      points: 100,
      tree: [perNode("A", 100, "n", 1)],
      vetoes: [
        {
          id: "停止",
          type: "override",
          when: "halt",
          total: 59,
          stop: true,
          text: "拒不整改的,不再评分,计59分",
          ref,
        },
        {
          id: "不高于",
          type: "override",
          when: "late",
          total: 60,
          totalMode: "at-most",
          text: "迟报的,总分不高于60分",
          ref,
        },
      ],
    } as never);
    const stop = score(crs, { n: 2, halt: true });
    const s = find(stop.trace, "stop");
    expect([stop.total.toFixed(), plain(s?.effect), said(s)]).toEqual([
      "59",
      { type: "total", mode: "stop", total: "59" },
      "其他项目不再评分,总分记为59分",
    ]);
    const late = score(crs, { n: 2, late: true });
    const c = find(late.trace, "fixed-total");
    expect([late.total.toFixed(), plain(c?.effect), said(c)]).toEqual([
      "60",
      { type: "total", mode: "ceiling", total: "60" },
      "总分不高于60分",
    ]);
  });

  it("a veto that zeroes a node says so", () => {
    const crs = compile({
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "fake", label: "弄虚作假", type: "boolean" },
      ],
      points: 10,
      tree: [perNode("A", 10, "n", 1)],
      vetoes: [{ id: "V", type: "override", when: "fake", zero: ["A"], text: "A项不得分", ref }],
    });
    const z = find(score(crs, { n: 1, fake: true }).trace, "zero");
    expect([plain(z?.effect), said(z)]).toEqual([{ type: "zero" }, "此项不得分"]);
  });
});

describe("cohortWords: a linked score and a cohort figure each in their own words", () => {
  it("a linked score (K6) is said as its weighted parts, not as a cohort figure", () => {
    const e: CohortEffect = {
      type: "linked",
      own: d(90),
      ownPercent: d(50),
      children: 2,
      childrenMean: d("88.5"),
      childrenPercent: d(50),
      exact: d("89.25"),
      score: d("89.25"),
    };
    // 90 × 50% + 88.5 × 50% = 89.25.
    expect(cohortWords(e)).toBe("本级90分×50%+所属2个单位平均88.5分×50%=89.25分,计89.25分");
  });
});
