import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../test/helpers.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { CN_CALENDAR } from "./calendar.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

describe("T3 assessment windows", () => {
  const crs = () =>
    compile({
      facts: [{ id: "f", label: "问题", type: "findings", missing: "zero" }],
      points: 10,
      tree: [
        {
          id: "a",
          title: "a",
          points: 10,
          window: {
            from: "2008-12-11",
            to: "2009-06-30",
            undated: "include",
            text: "考核2008年12月11日至2009年6月30日期间的内容。",
            ref,
          },
          clauses: [{ id: "a1", type: "per", fact: "f", each: 1, text: "每处扣1分", ref }],
        },
      ],
    });

  it("counts findings inside the window and reports the others as excluded", () => {
    const r = score(crs(), {
      f: [
        { date: "2008-12-10", note: "早于考核期" },
        { date: "2008-12-11" },
        { date: "2009-06-30" },
        { date: "2009-07-01" },
        { note: "无日期" },
      ],
    });
    expect(t(r.total)).toBe("7");
    expect(r.excluded.map((x) => [x.index, x.date, x.window, x.rules])).toEqual([
      [0, "2008-12-10", "2008-12-11至2009-06-30", ["a1"]],
      [3, "2009-07-01", "2008-12-11至2009-06-30", ["a1"]],
    ]);
  });

  it("a run window narrows the rule's (quarter to date)", () => {
    const r = scoreUnit(
      crs(),
      { id: "u", facts: { f: [{ date: "2009-01-05" }, { date: "2009-04-02" }] } },
      { window: { from: "2009-01-01", to: "2009-03-31" } },
    );
    expect(r.ok && [t(r.total), r.excluded.length, r.excluded[0]?.window]).toEqual([
      "9",
      1,
      "2009-01-01至2009-03-31",
    ]);
  });

  it("an undated finding is an error where the window says so", () => {
    const strict = compile({
      facts: [{ id: "f", label: "问题", type: "findings", missing: "zero" }],
      points: 10,
      window: { from: "2025-01-01", to: "2025-12-31", undated: "error" },
      tree: [
        {
          id: "a",
          title: "a",
          points: 10,
          clauses: [{ id: "a1", type: "per", fact: "f", each: 1, text: "每处扣1分", ref }],
        },
      ],
    });
    const r = scoreUnit(strict, { id: "u", facts: { f: [{ note: "x" }] } });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["F_FINDING_UNDATED"]);
  });

  it("rejects a bad run window", () => {
    const r = scoreUnit(
      crs(),
      { id: "u", facts: {} },
      { window: { from: "2009-07-01", to: "2009-01-01" } },
    );
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["F_OPTION"]);
  });
});

describe("T4 deadlines", () => {
  const mk = (within: Record<string, number>, extra: Record<string, unknown> = {}) =>
    compile({
      facts: [
        {
          id: "req",
          label: "依申请公开",
          type: "findings",
          missing: "zero",
          kinds: ["重大", "其他"],
        },
      ],
      points: 10,
      tree: [
        {
          id: "a",
          title: "依申请公开答复",
          points: 10,
          clauses: [
            {
              id: "a1",
              type: "deadline",
              fact: "req",
              within,
              each: 1,
              text: "从收到申请之日起20个工作日内…回复",
              ref,
              ...extra,
            } as never,
          ],
        },
      ],
    });

  it("working days follow the official calendar, the day of receipt not counted", () => {
    const crs = mk({ workdays: 20 });
    expect(
      t(score(crs, { req: [{ kind: "其他", date: "2025-09-26", done: "2025-10-30" }] }).total),
    ).toBe("10");
    const late = score(crs, {
      req: [{ kind: "其他", date: "2025-09-26", done: "2025-10-31", note: "张某申请" }],
    });
    expect(t(late.total)).toBe("9");
    expect(said(late.trace[0])).toContain(
      "张某申请(2025-09-26)应于2025-10-30前完成,实际2025-10-31,逾期",
    );
  });

  it("counting the day of the event when the rule says so", () => {
    const crs = mk({ workdays: 20 }, { startDay: "included" });
    expect(
      t(score(crs, { req: [{ kind: "其他", date: "2025-09-26", done: "2025-10-30" }] }).total),
    ).toBe("9");
  });

  it("calendar days and hours", () => {
    expect(
      t(
        score(mk({ days: 15 }), {
          req: [
            { kind: "其他", date: "2025-01-01", done: "2025-01-16" },
            { kind: "其他", date: "2025-01-01", done: "2025-01-17" },
          ],
        }).total,
      ),
    ).toBe("9");
    const hours = mk({ hours: 48 }, { kind: "其他" });
    const r = score(hours, {
      req: [
        { kind: "其他", date: "2025-03-01T09:00", done: "2025-03-03T09:00" },
        { kind: "其他", date: "2025-03-01T09:00", done: "2025-03-03T09:01" },
        { kind: "重大", date: "2025-03-01T09:00", done: "2025-03-09T09:00" },
      ],
    });
    expect(t(r.total)).toBe("9");
  });

  it("a response still missing counts once its due date has passed at the as-of date", () => {
    const crs = mk({ workdays: 20 }, { missing: 2 });
    const open = { req: [{ kind: "其他", date: "2025-09-26" }] };
    const before = scoreUnit(crs, { id: "u", facts: open }, { asOf: "2025-10-30" });
    const after = scoreUnit(crs, { id: "u", facts: open }, { asOf: "2025-10-31" });
    expect([before.ok && t(before.total), after.ok && t(after.total)]).toEqual(["10", "8"]);
    const noAsOf = scoreUnit(crs, { id: "u", facts: open });
    expect(!noAsOf.ok && noAsOf.issues[0]?.code).toBe("F_AS_OF_REQUIRED");
  });

  it("a date in a year the calendar does not cover is an error naming the year", () => {
    const r = scoreUnit(mk({ workdays: 20 }), {
      id: "u",
      facts: { req: [{ kind: "其他", date: "2027-03-01", done: "2027-03-02" }] },
    });
    expect(!r.ok && [r.issues[0]?.code, r.issues[0]?.message.includes("2027")]).toEqual([
      "F_CALENDAR_YEAR",
      true,
    ]);
    const withNext = CN_CALENDAR.withYear({
      year: 2027,
      source: "国办发明电(测试)",
      holidays: [],
      workdays: [],
    });
    const ok = scoreUnit(
      mk({ workdays: 20 }),
      { id: "u", facts: { req: [{ kind: "其他", date: "2027-03-01", done: "2027-03-02" }] } },
      { calendar: withNext },
    );
    expect(ok.ok).toBe(true);
  });
});

describe("T5 per-period targets", () => {
  const mk = (extra: Record<string, unknown>) =>
    compile({
      facts: [{ id: "news", label: "动态信息条数", type: "series", missing: "zero" }],
      points: 100,
      window: { from: "2025-01-01", to: "2025-06-30", undated: "include" },
      tree: [
        {
          id: "a",
          title: "a",
          points: 100,
          overdraw: true,
          clauses: [
            {
              id: "a1",
              type: "target",
              fact: "news",
              period: "month",
              min: 2,
              text: "每月信息报送目标任务未完成的单位,扣30分",
              ref,
              ...extra,
            } as never,
          ],
        },
      ],
    });
  it("counts each month below target; a month with no record counts as 0", () => {
    const r = score(mk({ each: 30 }), {
      news: { "2025-01": 2, "2025-02": 1, "2025-03": 5, "2025-04": 2, "2025-05": 3 },
    });
    expect(t(r.total)).toBe("40");
    expect(said(r.trace[0])).toContain("2025-02:1;2025-06:无记录");
  });
  it("or deducts once when any month misses (每月至少有两条以上)", () => {
    expect(t(score(mk({ amount: 2 }), { news: { "2025-01": 2 } }).total)).toBe("98");
  });
  it("quarter to date: a run window limits the periods", () => {
    const r = scoreUnit(
      mk({ each: 30 }),
      { id: "u", facts: { news: { "2025-01": 2, "2025-02": 2, "2025-03": 2 } } },
      { window: { from: "2025-01-01", to: "2025-03-31" } },
    );
    expect(r.ok && t(r.total)).toBe("100");
  });
});

describe("T3 windows: a finding's problems are placed at its index in the facts, not in the window", () => {
  // Found by the bench's refusal check: with the first finding left out by the window, problems of
  // the later ones named the entry before them (facts.f.0 for the second finding).
  const rules = (clause: Record<string, unknown>, kinds?: string[]) =>
    compile({
      facts: [
        { id: "f", label: "事项", type: "findings", missing: "zero", ...(kinds ? { kinds } : {}) },
      ],
      points: 10,
      tree: [
        {
          id: "a",
          title: "a",
          points: 10,
          window: { from: "2009-01-01", to: "2009-06-30", undated: "include", text: "考核期", ref },
          clauses: [{ id: "a1", text: "x", ref, fact: "f", ...clause } as never],
        },
      ],
    });
  const paths = (crs: ReturnType<typeof compile>, f: unknown[]) => {
    const r = scoreUnit(crs, { id: "u", facts: { f } });
    return r.ok ? [] : r.issues.map((i) => [i.code, i.path.join(".")]);
  };
  it("deadline: a response missing with no as-of date", () => {
    const crs = rules({ type: "deadline", within: { days: 5 }, each: 1 });
    expect(
      paths(crs, [{ date: "2008-01-01", done: "2008-01-02" }, { date: "2009-01-05" }]),
    ).toEqual([["F_AS_OF_REQUIRED", "facts.f.1.done"]]);
  });
  it("range: a finding with no amount", () => {
    const crs = rules({ type: "range", min: 1, max: 5 });
    expect(paths(crs, [{ date: "2008-01-01", amount: 2 }, { date: "2009-01-05" }])).toEqual([
      ["F_FACT_TYPE", "facts.f.1.amount"],
    ]);
  });
});
