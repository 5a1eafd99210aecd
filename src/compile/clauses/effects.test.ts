import { describe, expect, it } from "vitest";
import { compile, perSubjectCap, plain, ref, score } from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";

// A clause's effect is what it did, as data; its explanation is rendered from it. These tests
// assert the effects (decimals shown as text); test/golden/ pins the words made from them.

const node = (clauses: unknown[], points = 10) =>
  ({ id: "A", title: "A", points, clauses }) as never;

const effectOf = (crs: ReturnType<typeof compile>, facts: Record<string, unknown>, rule: string) =>
  plain(score(crs, facts).trace.find((e) => e.rule === rule && e.effect)?.effect);

describe("clause effects", () => {
  it("per: occurrences × an amount, and the clause's cap when it bites", () => {
    const crs = compile({
      facts: [{ id: "n", label: "问题", type: "count" }],
      points: 10,
      tree: [
        node([{ id: "P", type: "per", fact: "n", each: 0.2, cap: 1, text: "每处扣0.2分", ref }]),
      ],
    });
    expect(effectOf(crs, { n: 3 }, "P")).toEqual({
      type: "per",
      each: "0.2",
      noun: "处",
      count: 3,
      raw: "0.6",
    });
    expect(effectOf(crs, { n: 7 }, "P")).toMatchObject({ count: 7, raw: "1.4", cap: "1" });
  });

  it("per with a cap per sub-unit: each subject, sorted, with its cap where it bit", () => {
    const crs = compile({
      facts: [{ id: "f", label: "问题", type: "findings" }],
      points: 10,
      tree: [node([perSubjectCap("P")])],
    });
    expect(effectOf(crs, { f: [{ subject: "乙", count: 7 }, { subject: "甲" }] }, "P")).toEqual({
      type: "per",
      each: "0.1",
      noun: "处",
      subjects: [
        { subject: "乙", count: 7, raw: "0.7", cap: "0.5" },
        { subject: "甲", count: 1, raw: "0.1" },
      ],
    });
  });

  it("step: the shortfall per band, in steps, as the rule treats a partial step", () => {
    const crs = compile({
      facts: [{ id: "r", label: "比率", type: "rate" }],
      points: 10,
      tree: [
        node([
          {
            id: "S",
            type: "step",
            fact: "r",
            below: 100,
            per: 5,
            each: 1,
            partial: "floor",
            text: "每低5个百分点扣1分",
            ref,
          },
        ]),
      ],
    });
    expect(effectOf(crs, { r: 88 }, "S")).toEqual({
      type: "step",
      rate: "88",
      mode: "marginal",
      partial: "floor",
      bands: [{ below: "100", short: "12", per: "5", each: "1", steps: "2", amount: "2" }],
    });
  });

  it("range: the amounts the assessors chose", () => {
    const crs = compile({
      facts: [{ id: "x", label: "酌情扣分", type: "amount", min: 0, max: 100 }],
      points: 100,
      tree: [
        node(
          [{ id: "R", type: "range", fact: "x", min: 50, max: 100, text: "扣50-100分", ref }],
          100,
        ),
      ],
    });
    expect(effectOf(crs, { x: 60 }, "R")).toEqual({
      type: "range",
      min: "50",
      max: "100",
      amounts: [{ amount: "60", count: 1 }],
      total: "60",
      listed: false,
    });
  });

  it("rating: the rating, what it earns of the item's points, and the deduction", () => {
    const crs = compile({
      facts: [{ id: "g", label: "评价", type: "choice", options: ["优", "良", "差"] }],
      points: 10,
      tree: [
        node([
          {
            id: "G",
            type: "rating",
            fact: "g",
            scale: { 优: 10, 良: 8, 差: 0 },
            text: "优10分,良8分,差0分",
            ref,
          },
        ]),
      ],
    });
    expect(effectOf(crs, { g: "良" }, "G")).toEqual({
      type: "rating",
      rating: "良",
      got: "8",
      full: "10",
      amount: "2",
      add: false,
    });
  });

  it("tally: per kind, in the rule's order, with its count, price and sum", () => {
    const crs = compile({
      facts: [{ id: "f", label: "采用", type: "findings", kinds: ["省级", "市级"] }],
      points: 0,
      tree: [
        {
          id: "A",
          title: "A",
          points: 0,
          clauses: [
            {
              id: "T",
              type: "tally",
              fact: "f",
              effect: "add",
              amounts: { 省级: 3, 市级: 1 },
              repeat: "each",
              text: "省级每条3分,市级每条1分",
              ref,
            },
          ],
        },
      ],
    });
    expect(effectOf(crs, { f: [{ kind: "市级", count: 2 }, { kind: "省级" }] }, "T")).toEqual({
      type: "tally",
      noun: "条",
      kinds: [
        { kind: "省级", count: 1, price: "3", sum: "3", notes: [] },
        { kind: "市级", count: 2, price: "1", sum: "2", notes: [] },
      ],
      highestOnly: false,
    });
  });

  it("deadline: late and missed events with their due dates, in the order of their text", () => {
    const crs = compile({
      facts: [{ id: "f", label: "事项", type: "findings" }],
      points: 10,
      tree: [
        node([
          {
            id: "D",
            type: "deadline",
            fact: "f",
            within: { days: 5 },
            each: 1,
            missing: 2,
            text: "5日内办结",
            ref,
          },
        ]),
      ],
    });
    const r = scoreUnit(
      crs,
      {
        id: "u",
        facts: {
          f: [
            { note: "乙", date: "2025-03-03" },
            { note: "甲", date: "2025-03-01", done: "2025-03-10" },
          ],
        },
      },
      { asOf: "2025-04-01" },
    );
    const e = r.ok ? plain(r.trace.find((x) => x.rule === "D")?.effect) : null;
    expect(e).toEqual({
      type: "deadline",
      limit: "5日",
      noun: "件",
      late: 1,
      missed: 1,
      each: "1",
      missAmount: "2",
      raw: "3",
      events: [
        { label: "乙", date: "2025-03-03", due: "2025-03-08" },
        { label: "甲", date: "2025-03-01", due: "2025-03-06", done: "2025-03-10" },
      ],
    });
  });

  it("target: each period of the window below the minimum, with its value or none", () => {
    const crs = compile({
      facts: [{ id: "news", label: "动态信息条数", type: "series", missing: "zero" }],
      points: 100,
      window: { from: "2025-01-01", to: "2025-03-31", undated: "include" },
      tree: [
        node(
          [
            {
              id: "T",
              type: "target",
              fact: "news",
              period: "month",
              min: 2,
              each: 30,
              cap: 50,
              text: "每月信息报送目标任务未完成的单位,扣30分",
              ref,
            },
          ],
          100,
        ),
      ],
    });
    expect(effectOf(crs, { news: { "2025-01": 2, "2025-02": 1 } }, "T")).toEqual({
      type: "target",
      periods: 3,
      word: "月",
      min: "2",
      short: [{ period: "2025-02", value: "1" }, { period: "2025-03" }],
      each: "30",
      raw: "60",
      cap: "50",
    });
  });

  it("check, fixed and override: what they found or force", () => {
    const crs = compile({
      facts: [
        { id: "ok", label: "达标", type: "boolean" },
        { id: "bad", label: "违规", type: "boolean" },
        { id: "fake", label: "弄虚作假", type: "boolean" },
      ],
      points: 10,
      tree: [
        node([
          { id: "C", type: "check", when: "ok", points: 2, text: "达标得2分", ref },
          { id: "F", type: "fixed", when: "bad", amount: 1, text: "违规扣1分", ref },
        ]),
      ],
      vetoes: [
        {
          id: "V",
          type: "override",
          when: "fake",
          total: 0,
          flag: "约谈",
          text: "弄虚作假的归零,并约谈",
          ref,
        },
      ],
    });
    const r = score(crs, { ok: false, bad: true, fake: true });
    const of = (rule: string) => plain(r.trace.find((e) => e.rule === rule && e.effect)?.effect);
    expect([of("C"), of("F")]).toEqual([
      { type: "check", amount: "2" },
      { type: "fixed", amount: "1" },
    ]);
    expect(of("V")).toEqual({
      type: "override",
      amount: "0",
      total: "0",
      totalMode: "fixed",
      stop: false,
      flag: "约谈",
    });
  });

  it("are recorded only with the trace", () => {
    const crs = compile({
      facts: [{ id: "n", label: "问题", type: "count" }],
      points: 10,
      tree: [node([{ id: "P", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }])],
    });
    const r = scoreUnit(crs, { id: "u", facts: { n: 2 } }, { trace: false });
    expect(r.ok && r.trace).toEqual([]);
  });
});
