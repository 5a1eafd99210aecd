import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** One item of 100 points with one target clause on the series s, in the first half of 2025. */
const targetSet = (clause: Record<string, unknown>, window = true) =>
  compile({
    facts: [{ id: "s", label: "信息条数", type: "series" }],
    points: 100,
    ...(window ? { window: { from: "2025-01-01", to: "2025-06-30", undated: "include" } } : {}),
    tree: [
      {
        id: "a",
        title: "a",
        points: 100,
        clauses: [
          {
            id: "a1",
            type: "target",
            fact: "s",
            period: "month",
            min: 2,
            text: "每月不少于2条",
            ref,
            ...clause,
          } as never,
        ],
      },
    ],
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
        "事实"s"应填months YYYY-MM,实际填的是2025-Q1",
      ]
    `);
    expect(
      msgs(targetSet({ each: 10, period: "quarter" }), { "2025-01": 2 }),
    ).toMatchInlineSnapshot(`
      [
        "事实"s"应填quarters YYYY-Qn,实际填的是2025-01",
      ]
    `);
  });
});
