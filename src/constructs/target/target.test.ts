import { describe, expect, it } from "vitest";
import { compile, monthlyTarget, plain, ref, said, score } from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** One item of 100 points with one target clause on the series s, in the first half of 2025. */
const targetSet = (clause: Record<string, unknown>, window = true) =>
  compile({
    facts: [{ id: "s", label: "信息条数", type: "series" }],
    points: 100,
    ...(window ? { window: { from: "2025-01-01", to: "2025-06-30", undated: "include" } } : {}),
    tree: [{ id: "a", title: "a", points: 100, clauses: [monthlyTarget("a1", "s", clause)] }],
  });

const detail = (r: ReturnType<typeof score>) => said(r.trace.find((e) => e.rule === "a1"));
const months = { "2025-01": 2, "2025-02": 1, "2025-03": 5, "2025-04": 2, "2025-05": 3 };

describe("target clause (T5)", () => {
  it("each month below the target (the target itself reached), explained", () => {
    const r = score(targetSet({ each: 10 }), { s: months });
    expect(t(r.total)).toBe("80");
    expect(detail(r)).toBe(
      "考核期6个月,2个月未达到2(2025-02:1;2025-06:无记录),每个月扣10分,扣20分",
    );
  });

  it("once for any month short, and the cap", () => {
    const once = score(targetSet({ amount: 30 }), { s: months });
    expect([t(once.total), detail(once)]).toEqual([
      "70",
      "考核期6个月,2个月未达到2(2025-02:1;2025-06:无记录),扣30分",
    ]);
    const capped = score(targetSet({ each: 10, cap: 15 }), { s: months });
    expect([t(capped.total), detail(capped)]).toEqual([
      "85",
      "考核期6个月,2个月未达到2(2025-02:1;2025-06:无记录),每个月扣10分,扣20分;本条扣满15分为止",
    ]);
    const all = {
      "2025-01": 2,
      "2025-02": 2,
      "2025-03": 2,
      "2025-04": 2,
      "2025-05": 2,
      "2025-06": 9,
    };
    expect(detail(score(targetSet({ amount: 30 }), { s: all }))).toBeUndefined();
  });

  it("quarters", () => {
    const crs = targetSet({ period: "quarter", min: 6, each: 5 });
    const r = score(crs, { s: { "2025-Q1": 6, "2025-Q2": 5 } });
    expect([t(r.total), detail(r)]).toEqual([
      "95",
      "考核期2个季度,1个季度未达到6(2025-Q2:5),每个季度扣5分,扣5分",
    ]);
    const wrong = scoreUnit(crs, { id: "u", facts: { s: { "2025-01": 6 } } });
    expect(!wrong.ok && wrong.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.s.2025-01"],
    ]);
    const monthly = scoreUnit(targetSet({ each: 5 }), { id: "u", facts: { s: { "2025-Q1": 6 } } });
    expect(!monthly.ok && monthly.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.s.2025-Q1"],
    ]);
  });

  it("each run window its own periods", () => {
    const crs = targetSet({ each: 10 });
    const q1 = scoreUnit(
      crs,
      { id: "u", facts: { s: months } },
      { window: { from: "2025-01-01", to: "2025-03-31" } },
    );
    const q2 = scoreUnit(
      crs,
      { id: "u", facts: { s: months } },
      { window: { from: "2025-04-01", to: "2025-06-30" } },
    );
    expect([q1.ok && t(q1.total), q2.ok && t(q2.total)]).toEqual(["90", "90"]);
    expect(q2.ok && said(q2.trace.find((e) => e.rule === "a1"))).toBe(
      "考核期3个月,1个月未达到2(2025-06:无记录),每个月扣10分,扣10分",
    );
  });

  it("needs a window", () => {
    const r = scoreUnit(targetSet({ each: 10 }, false), { id: "u", facts: { s: months } });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_WINDOW_REQUIRED", "facts.s"],
    ]);
  });

  it("a window ending on the first day of a month counts that month", () => {
    const r = scoreUnit(
      targetSet({ each: 10 }),
      { id: "u", facts: { s: { "2025-01": 2 } } },
      { window: { from: "2025-01-01", to: "2025-02-01" } },
    );
    expect(r.ok && t(r.total)).toBe("90");
  });

  it("the refusals name the rule and the periods expected", () => {
    const msgs = (crs: ReturnType<typeof targetSet>, s: Record<string, number>) => {
      const r = scoreUnit(crs, { id: "u", facts: { s } });
      return !r.ok && r.issues.map((i) => i.message);
    };
    expect(msgs(targetSet({ each: 10 }, false), { "2025-01": 2 })).toMatchInlineSnapshot(`
      [
        "规则 "a1" 按期间计数,规则集、所在项目或本次评分必须写明考核期间(window)",
      ]
    `);
    expect(msgs(targetSet({ each: 10 }), { "2025-Q1": 2 })).toMatchInlineSnapshot(`
      [
        "事实「信息条数」(s)应填按月计的期间 YYYY-MM,实际填的是2025-Q1",
      ]
    `);
    expect(
      msgs(targetSet({ each: 10, period: "quarter" }), { "2025-01": 2 }),
    ).toMatchInlineSnapshot(`
      [
        "事实「信息条数」(s)应填按季度计的期间 YYYY-Qn,实际填的是2025-01",
      ]
    `);
  });
});

/** 每个栏目每月不少于1条: counts per 栏目 and month, given as rows, in the first quarter of 2025. */
const columnSet = (clause: Record<string, unknown> = {}) =>
  compile({
    facts: [
      {
        id: "c",
        label: "栏目更新条数",
        type: "findings",
        subjects: ["政策解读", "工作动态", "通知公告"],
      },
    ],
    points: 10,
    window: { from: "2025-01-01", to: "2025-03-31", undated: "include" },
    tree: [
      {
        id: "b",
        title: "栏目更新",
        points: 10,
        clauses: [
          {
            id: "b1",
            type: "target",
            fact: "c",
            period: "month",
            min: 1,
            each: 0.5,
            perSubject: { noun: "栏目" },
            text: "每个栏目每月更新少于1条的,每栏目每月扣0.5分",
            ref,
            ...clause,
          } as never,
        ],
      },
    ],
  });

const columnDetail = (r: ReturnType<typeof score>) => said(r.trace.find((e) => e.rule === "b1"));

describe("target per subject (栏目 × 月)", () => {
  const rows = [
    { subject: "政策解读", period: "2025-01", count: 2 },
    { subject: "政策解读", period: "2025-02", count: 0 },
    { subject: "政策解读", period: "2025-03", count: 1 },
    { subject: "工作动态", period: "2025-01", count: 3 },
    { subject: "工作动态", date: "2025-02-14" },
    { subject: "工作动态", date: "2025-03-02" },
  ];

  it("every declared subject, every month: a month with 0, a subject never given", () => {
    // 政策解读 2025-02 (0): 0.5; 工作动态: none short; 通知公告: 3 months with no record: 1.5.
    const r = score(columnSet(), { c: rows });
    expect(t(r.total)).toBe("8");
    expect(columnDetail(r)).toBe(
      "考核期3个月、3个栏目,每个栏目每月不少于1:政策解读1个月未达到(2025-02:0),扣0.5分;通知公告3个月未达到(2025-01:无记录;2025-02:无记录;2025-03:无记录),扣1.5分;每个栏目每月扣0.5分,共扣2分",
    );
  });

  it("rows of one subject and month are added up; a per-subject cap and the clause cap", () => {
    const split = [
      ...rows.filter((x) => x.subject !== "政策解读"),
      { subject: "政策解读", period: "2025-01", count: 0 },
      { subject: "政策解读", period: "2025-01", count: 1 },
    ];
    // 政策解读: 2025-01 has 0 + 1 = 1 (met); 02 and 03 no record: 1. 通知公告 1.5, capped at 1.
    const capped = score(columnSet({ perSubject: { noun: "栏目", cap: 1 } }), { c: split });
    expect(t(capped.total)).toBe("8");
    expect(columnDetail(capped)).toContain("通知公告3个月未达到");
    expect(columnDetail(capped)).toContain("扣1.5分,以1分为限");
    const both = score(columnSet({ perSubject: { cap: 1 }, cap: 1.5 }), { c: split });
    expect(t(both.total)).toBe("8.5");
  });

  it("a row outside the window is reported as excluded, not counted", () => {
    const r = score(columnSet(), {
      c: [...rows, { subject: "通知公告", period: "2024-12", count: 4 }],
    });
    expect(t(r.total)).toBe("8");
    expect(r.excluded.map((x) => [x.fact, x.index, x.period])).toEqual([["c", 6, "2024-12"]]);
  });

  it("an unknown subject, a row without a period or date, a quarter under months: refused by name", () => {
    const codes = (c: unknown[]) => {
      const r = scoreUnit(columnSet(), { id: "u", facts: { c } });
      return !r.ok && r.issues.map((i) => [i.code, i.path.join(".")]);
    };
    expect(codes([{ subject: "政务动态", period: "2025-01" }])).toEqual([
      ["F_UNKNOWN_SUBJECT", "facts.c.0.subject"],
    ]);
    expect(codes([{ subject: "政策解读" }])).toEqual([["F_FACT_TYPE", "facts.c.0.period"]]);
    expect(codes([{ subject: "政策解读", period: "2025-Q1" }])).toEqual([
      ["F_FACT_TYPE", "facts.c.0.period"],
    ]);
    expect(codes([{ period: "2025-01" }])).toEqual([["F_FACT_TYPE", "facts.c.0.subject"]]);
    expect(codes([{ subject: "政策解读", period: "2025-13" }])).toEqual([
      ["F_FACT_TYPE", "facts.c.0.period"],
    ]);
    expect(codes([{ subject: "政策解读", period: "2025-01", date: "2025-01-02" }])).toEqual([
      ["F_FACT_TYPE", "facts.c.0.date"],
    ]);
    // A count of 0 is a period's row only.
    expect(codes([{ subject: "政策解读", date: "2025-01-02", count: 0 }])).toEqual([
      ["F_FACT_TYPE", "facts.c.0.count"],
    ]);
    expect(codes(["政策解读"])).toEqual([["F_FACT_TYPE", "facts.c.0"]]);
    expect(codes(3 as never)).toEqual([["F_FACT_TYPE", "facts.c"]]);
  });

  it("a quarterly target counts month rows in their quarter", () => {
    const crs = columnSet({ period: "quarter", min: 3 });
    // 政策解读 Q1: 2 + 0 + 1 = 3 (met); 工作动态 3 + 1 + 1 = 5; 通知公告 none: 0.5.
    const r = score(crs, { c: rows });
    expect(t(r.total)).toBe("9.5");
  });

  it("the message of an unknown subject lists the declared ones", () => {
    const r = scoreUnit(columnSet(), {
      id: "u",
      facts: { c: [{ subject: "专题", period: "2025-01" }] },
    });
    expect(!r.ok && r.issues[0]?.message).toBe(
      '事实「栏目更新条数」(c)中的对象 "专题" 不在规则列出的对象之中(政策解读、工作动态、通知公告);请核对名称,不要另起新名',
    );
  });
});

/*
 * Pinned after a mutation run on compile.ts. Survivors judged equivalent (no output can change):
 * - the refusal of a finding with no subject, and `?? []` for a fact declaring no subjects: per
 *   subject, the fact must declare its subjects (lint), and a fact declaring subjects refuses a
 *   finding without one as it is read (evaluate/facts.ts);
 * - `if (hit) return hit`: the periods of a window cached; worked out again they are the same;
 * - `if (raw.isZero()) return null` (both): a zero outcome leaves no trace entry and adds nothing.
 */
describe("target: behaviour pinned by the mutation run", () => {
  const messages = (crs: ReturnType<typeof columnSet>, c: unknown[]) => {
    const r = scoreUnit(crs, { id: "u", facts: { c } });
    return !r.ok && r.issues.map((i) => [i.code, i.path.join("."), i.message]);
  };

  it("a row refused for its period says what is expected, monthly and quarterly", () => {
    expect(messages(columnSet(), [{ subject: "政策解读", period: "2025-Q1" }])).toEqual([
      [
        "F_FACT_TYPE",
        "facts.c.0.period",
        "事实「栏目更新条数」(c)应填按月计数的期间 YYYY-MM,实际填的是2025-Q1",
      ],
    ]);
    expect(messages(columnSet(), [{ subject: "政策解读" }])).toEqual([
      [
        "F_FACT_TYPE",
        "facts.c.0.period",
        "事实「栏目更新条数」(c)应填期间 period(YYYY-MM)或日期 date,实际填的是未填写",
      ],
    ]);
    expect(messages(columnSet({ period: "quarter" }), [{ subject: "政策解读" }])).toEqual([
      [
        "F_FACT_TYPE",
        "facts.c.0.period",
        "事实「栏目更新条数」(c)应填期间 period(YYYY-Qn 或 YYYY-MM)或日期 date,实际填的是未填写",
      ],
    ]);
  });

  it("per subject without a noun: 对象", () => {
    const r = score(columnSet({ perSubject: {} }), {
      c: [
        { subject: "政策解读", period: "2025-01", count: 1 },
        { subject: "政策解读", period: "2025-02", count: 1 },
        { subject: "政策解读", period: "2025-03", count: 1 },
        { subject: "工作动态", period: "2025-01", count: 1 },
        { subject: "工作动态", period: "2025-02", count: 1 },
        { subject: "工作动态", period: "2025-03", count: 1 },
        { subject: "通知公告", period: "2025-01", count: 1 },
        { subject: "通知公告", period: "2025-03", count: 1 },
      ],
    });
    expect(t(r.total)).toBe("9.5");
    expect(columnDetail(r)).toBe(
      "考核期3个月、3个对象,每个对象每月不少于1:通知公告1个月未达到(2025-02:无记录),扣0.5分;每个对象每月扣0.5分,共扣0.5分",
    );
  });

  it("findings of a fact without subjects, counted all together", () => {
    const crs = compile({
      facts: [{ id: "n", label: "动态信息", type: "findings" }],
      points: 10,
      window: { from: "2025-01-01", to: "2025-03-31", undated: "include" },
      tree: [
        {
          id: "d",
          title: "动态",
          points: 10,
          clauses: [monthlyTarget("d1", "n", { each: 1 })],
        },
      ],
    });
    const r = score(crs, {
      n: [{ period: "2025-01", count: 2 }, { date: "2025-02-03" }, { date: "2025-02-20" }],
    });
    expect(t(r.total)).toBe("9");
    expect(said(r.trace.find((e) => e.rule === "d1"))).toBe(
      "考核期3个月,1个月未达到2(2025-03:无记录),每个月扣1分,扣1分",
    );
  });

  it("the per-subject cap is said, and kept in the effect, only for a subject it cut", () => {
    const r = score(columnSet({ perSubject: { noun: "栏目", cap: 1 } }), {
      c: [
        { subject: "政策解读", period: "2025-01", count: 2 },
        { subject: "政策解读", period: "2025-02", count: 0 },
        { subject: "政策解读", period: "2025-03", count: 1 },
        { subject: "工作动态", period: "2025-01", count: 3 },
        { subject: "工作动态", period: "2025-02", count: 1 },
        { subject: "工作动态", period: "2025-03", count: 1 },
      ],
    });
    // 政策解读 0.5; 通知公告 1.5, cut to 1.
    expect(t(r.total)).toBe("8.5");
    expect(columnDetail(r)).toBe(
      "考核期3个月、3个栏目,每个栏目每月不少于1:政策解读1个月未达到(2025-02:0),扣0.5分;通知公告3个月未达到(2025-01:无记录;2025-02:无记录;2025-03:无记录),扣1.5分,以1分为限;每个栏目每月扣0.5分,共扣1.5分",
    );
    expect(plain(r.trace.find((e) => e.rule === "b1")?.effect)).toStrictEqual({
      type: "target",
      periods: 3,
      word: "月",
      min: "1",
      short: [],
      each: "0.5",
      raw: "1.5",
      subjects: [
        { subject: "政策解读", short: [{ period: "2025-02", value: "0" }], amount: "0.5" },
        {
          subject: "通知公告",
          short: [{ period: "2025-01" }, { period: "2025-02" }, { period: "2025-03" }],
          amount: "1.5",
          cap: "1",
        },
      ],
      noun: "栏目",
      of: 3,
    });
  });
});
