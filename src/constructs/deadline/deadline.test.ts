import { describe, expect, it } from "vitest";
import { ref, ruleSet, said, score } from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";
import { renderExplanation } from "../../explain/render.js";
import { compileRuleSet } from "../../index.js";
import { validateRuleSet } from "../../load/load.js";
import { type Calendar, createCalendar } from "../../time/calendar.js";
import { CN_HOLIDAYS } from "../../time/holidays-cn.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** One item of 10 points with one deadline clause over the events f. */
const deadlineInput = (
  within: Record<string, number | string>,
  extra: Record<string, unknown> = {},
  window?: Record<string, unknown>,
) =>
  ruleSet({
    ...(window ? { window: window as never } : {}),
    facts: [{ id: "f", label: "事项", type: "findings" }],
    points: 10,
    tree: [
      {
        id: "x",
        title: "x",
        points: 10,
        clauses: [
          {
            id: "x1",
            type: "deadline",
            fact: "f",
            within,
            each: 1,
            text: "限期答复",
            ref,
            ...extra,
          } as never,
        ],
      },
    ],
  });
const deadlineSet = (...a: Parameters<typeof deadlineInput>) => compileRuleSet(deadlineInput(...a));

const detail = (r: ReturnType<typeof score>) => said(r.trace.find((e) => e.rule === "x1"));
const run = (crs: ReturnType<typeof deadlineSet>, f: Record<string, unknown>[], asOf?: string) =>
  scoreUnit(crs, { id: "u", facts: { f } }, asOf ? { asOf } : {});
const total = (r: ReturnType<typeof run>) => (r.ok ? t(r.total) : r.issues.map((i) => i.code));

describe("deadline clause (T4)", () => {
  it("calendar days: due on the day the limit ends, late the day after; explained", () => {
    const crs = deadlineSet({ days: 15 });
    expect(total(run(crs, [{ date: "2025-01-01", done: "2025-01-16" }]))).toBe("10");
    const r = score(crs, {
      f: [
        { date: "2025-01-01", done: "2025-01-17", note: "乙申请" },
        { date: "2025-01-01", done: "2025-01-18", subject: "甲单位", count: 2 },
        { date: "2025-01-02", done: "2025-01-20" },
      ],
    });
    expect(t(r.total)).toBe("6");
    expect(detail(r)).toBe(
      "限15日内完成:逾期4件×1分=4分。乙申请(2025-01-01)应于2025-01-16前完成,实际2025-01-17,逾期;事项(2025-01-02)应于2025-01-17前完成,实际2025-01-20,逾期;甲单位(2025-01-01)应于2025-01-16前完成,实际2025-01-18,逾期",
    );
  });

  it("calendar days counting the day of the event", () => {
    const crs = deadlineSet({ days: 15 }, { startDay: "included" });
    expect(total(run(crs, [{ date: "2025-01-01", done: "2025-01-15" }]))).toBe("10");
    expect(total(run(crs, [{ date: "2025-01-01", done: "2025-01-16" }]))).toBe("9");
  });

  it("hours: late by a minute; missing once the as-of day ends after the due time", () => {
    const crs = deadlineSet({ hours: 48 }, { missing: 2, noun: "次" });
    expect(total(run(crs, [{ date: "2025-03-01T09:00", done: "2025-03-03T09:00" }]))).toBe("10");
    const late = score(crs, { f: [{ date: "2025-03-01T09:00", done: "2025-03-03T09:01" }] });
    expect(t(late.total)).toBe("9");
    expect(detail(late)).toBe(
      "限48小时内完成:逾期1次×1分=1分。事项(2025-03-01T09:00)应于2025-03-03T09:00前完成,实际2025-03-03T09:01,逾期",
    );
    const open = [{ date: "2025-03-01T09:00" }];
    expect(total(run(crs, open, "2025-03-02"))).toBe("10");
    expect(total(run(crs, open, "2025-03-03"))).toBe("8");
  });

  it("late and missing together, each at its own amount; the cap is said", () => {
    const crs = deadlineSet({ days: 5 }, { missing: 3, cap: 4.5 });
    const f = [
      { date: "2025-01-01", done: "2025-01-07", note: "甲" },
      { date: "2025-01-01", note: "乙" },
    ];
    const r = scoreUnit(crs, { id: "u", facts: { f } }, { asOf: "2025-01-07" });
    expect(r.ok && t(r.total)).toBe("6");
    expect(r.ok && said(r.trace.find((e) => e.rule === "x1"))).toBe(
      "限5日内完成:逾期1件×1分,未完成1件×3分=4分。乙(2025-01-01)应于2025-01-06前完成,至今未完成;甲(2025-01-01)应于2025-01-06前完成,实际2025-01-07,逾期",
    );
    const capped = scoreUnit(
      crs,
      { id: "u", facts: { f: [...f, { date: "2025-01-01", done: "2025-01-08" }] } },
      { asOf: "2025-01-07" },
    );
    expect(capped.ok && t(capped.total)).toBe("5.5");
    expect(capped.ok && said(capped.trace.find((e) => e.rule === "x1"))).toMatch(
      /^限5日内完成:逾期2件×1分,未完成1件×3分=5分。.*;本条扣满4.5分为止$/,
    );
  });

  it("missing: not before the due day has passed; by default at the late amount", () => {
    const crs = deadlineSet({ days: 5 });
    const open = [{ date: "2025-01-01", note: "乙" }];
    expect(total(run(crs, open, "2025-01-06"))).toBe("10");
    const r = scoreUnit(crs, { id: "u", facts: { f: open } }, { asOf: "2025-01-07" });
    expect(r.ok && t(r.total)).toBe("9");
    expect(r.ok && said(r.trace.find((e) => e.rule === "x1"))).toBe(
      "限5日内完成:未完成1件×1分=1分。乙(2025-01-01)应于2025-01-06前完成,至今未完成",
    );
  });

  it("working days, and events of the rule's kind only", () => {
    const crs = deadlineSet({ workdays: 20 }, { kind: "其他" });
    const r = score(crs, {
      f: [
        { kind: "其他", date: "2025-09-26", done: "2025-10-31" },
        { kind: "重大", date: "2025-09-26", done: "2025-12-31" },
        { kind: "重大", date: "2025-09-26" },
      ],
    });
    expect(t(r.total)).toBe("9");
    expect(detail(r)).toBe(
      "限20个工作日内完成:逾期1件×1分=1分。事项(2025-09-26)应于2025-10-30前完成,实际2025-10-31,逾期",
    );
  });

  it("refuses an event with no date, a response before its event, each at its place", () => {
    const crs = deadlineSet({ days: 5 });
    const noDate = run(crs, [{ date: "2025-01-01", done: "2025-01-02" }, { done: "2025-01-02" }]);
    expect(!noDate.ok && noDate.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.f.1.date"],
    ]);
    const early = run(crs, [{ date: "2025-01-05", done: "2025-01-04" }]);
    expect(!early.ok && early.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.f.0.done"],
    ]);
    const same = run(crs, [{ date: "2025-01-05", done: "2025-01-05" }]);
    expect(total(same)).toBe("10");
  });

  it("an event answered in time leaves no trace", () => {
    const r = score(deadlineSet({ days: 5 }), { f: [{ date: "2025-01-01", done: "2025-01-02" }] });
    expect(detail(r)).toBeUndefined();
  });
});

describe("deadline limits in calendar months and years (issue 11 item 4b)", () => {
  it("a year from 2024-02-29 is due 2025-02-28, the month's last day; late the day after", () => {
    const crs = deadlineSet({ years: 1 });
    expect(total(run(crs, [{ date: "2024-02-29", done: "2025-02-28" }]))).toBe("10");
    const r = score(crs, { f: [{ date: "2024-02-29", done: "2025-03-01", note: "栏目甲" }] });
    expect(t(r.total)).toBe("9");
    expect(detail(r)).toBe(
      "限1年内完成:逾期1件×1分=1分。栏目甲(2024-02-29)应于2025-02-28前完成,实际2025-03-01,逾期",
    );
  });

  it("months: the same day of the month, or that month's last; startDay included a day earlier", () => {
    const crs = deadlineSet({ months: 1 });
    expect(total(run(crs, [{ date: "2025-01-31", done: "2025-02-28" }]))).toBe("10");
    expect(total(run(crs, [{ date: "2025-01-31", done: "2025-03-01" }]))).toBe("9");
    expect(total(run(crs, [{ date: "2025-03-15", done: "2025-04-15" }]))).toBe("10");
    expect(total(run(crs, [{ date: "2025-03-15", done: "2025-04-16" }]))).toBe("9");
    const incl = deadlineSet({ months: 3 }, { startDay: "included" });
    expect(total(run(incl, [{ date: "2025-01-01", done: "2025-03-31" }]))).toBe("10");
    expect(total(run(incl, [{ date: "2025-01-01", done: "2025-04-01" }]))).toBe("9");
    const years2 = deadlineSet({ years: 2 }, { startDay: "included" });
    expect(total(run(years2, [{ date: "2024-03-01", done: "2026-02-28" }]))).toBe("10");
    expect(total(run(years2, [{ date: "2024-03-01", done: "2026-03-01" }]))).toBe("9");
  });

  it("missing once the as-of date is past the due day", () => {
    const crs = deadlineSet({ years: 1 }, { missing: 2 });
    const open = [{ date: "2024-02-29", note: "栏目乙" }];
    expect(total(run(crs, open, "2025-02-28"))).toBe("10");
    expect(total(run(crs, open, "2025-03-01"))).toBe("8");
  });
});

describe("deadline on a day every year (issue 11 item 4c: 每年11月底前)", () => {
  it("due on the first such day on or after the event; 月底 is the month's last day", () => {
    const crs = deadlineSet({ annual: "11-end" });
    const r = score(crs, {
      f: [
        { date: "2025-01-01", done: "2025-11-30", note: "2025年度" },
        { date: "2024-01-01", done: "2024-12-01", note: "2024年度" },
        { date: "2025-12-10", done: "2026-11-30", note: "2025年底交办" },
      ],
    });
    expect(t(r.total)).toBe("9");
    expect(detail(r)).toBe(
      "限每年11月底前完成:逾期1件×1分=1分。2024年度(2024-01-01)应于2024-11-30前完成,实际2024-12-01,逾期",
    );
    const feb = deadlineSet({ annual: "02-end" });
    expect(total(run(feb, [{ date: "2024-01-05", done: "2024-02-29" }]))).toBe("10");
    expect(total(run(feb, [{ date: "2025-01-05", done: "2025-03-01" }]))).toBe("9");
    const fixed = deadlineSet({ annual: "06-30" }, { missing: 3 });
    expect(total(run(fixed, [{ date: "2025-02-01" }], "2025-06-30"))).toBe("10");
    expect(total(run(fixed, [{ date: "2025-02-01" }], "2025-07-01"))).toBe("7");
  });

  it("lint: no startDay with an annual day, and a day every year has", () => {
    const codes = (within: Record<string, string>, extra: Record<string, unknown> = {}) => {
      const r = validateRuleSet(deadlineInput(within, extra));
      return r.ok ? [] : r.issues.map((i) => [i.code, i.path.join(".")]);
    };
    expect(codes({ annual: "11-30" })).toEqual([]);
    expect(codes({ annual: "11-30" }, { startDay: "included" })).toEqual([
      ["E_EXCLUSIVE", "tree.0.clauses.0.startDay"],
    ]);
    expect(codes({ annual: "02-29" })).toEqual([["E_DATE", "tree.0.clauses.0.within.annual"]]);
    expect(codes({ annual: "04-31" })).toEqual([["E_DATE", "tree.0.clauses.0.within.annual"]]);
  });
});

describe("windowBy: lapse (issue 11 item 4a: 超过一年未更新 counts in the year it goes stale)", () => {
  const year2025 = { from: "2025-01-01", to: "2025-12-31", undated: "error" };
  const updates = [
    { date: "2023-12-31", done: "2025-02-01", note: "栏目甲" }, // due 2024-12-31, lapses 2025-01-01
    { date: "2024-03-01", done: "2025-06-01", note: "栏目乙" }, // lapses 2025-03-02
    { date: "2024-12-31", done: "2026-02-01", note: "栏目丙" }, // lapses 2026-01-01
    { date: "2023-06-01", done: "2024-07-01", note: "栏目丁" }, // lapses 2024-06-02
  ];

  it("selects events by the day they lapse, where by their date only one would count", () => {
    const byLapse = deadlineSet({ years: 1 }, { windowBy: "lapse" }, year2025);
    const r = score(byLapse, { f: updates });
    expect(t(r.total)).toBe("8");
    expect(r.excluded.map((x) => [x.index, x.date, x.lapse])).toEqual([
      [2, "2024-12-31", "2026-01-01"],
      [3, "2023-06-01", "2024-06-02"],
    ]);
    expect(renderExplanation(byLapse, r)).toContain(
      "未计入:事项第3条(2024-12-31,栏目丙;按逾期日2026-01-01计)不在考核期2025-01-01至2025-12-31内",
    );
    // By the event's date (the default), none of these events happened in 2025.
    const byEvent = deadlineSet({ years: 1 }, {}, year2025);
    const e = score(byEvent, { f: updates });
    expect(t(e.total)).toBe("10");
    expect(e.excluded.map((x) => [x.index, x.lapse])).toEqual([
      [0, undefined],
      [1, undefined],
      [2, undefined],
      [3, undefined],
    ]);
  });

  it("the lapse day of a working-day limit needs the calendar's year", () => {
    const crs = deadlineSet(
      { workdays: 5 },
      { windowBy: "lapse" },
      { from: "2026-01-01", to: "2026-12-31", undated: "error" },
    );
    const r = run(crs, [{ date: "2026-12-29", done: "2026-12-30" }]);
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_CALENDAR_YEAR", "facts.f.0.date"],
    ]);
    // 2026-12-01 + 5 working days = 2026-12-08 (a Tuesday).
    expect(total(run(crs, [{ date: "2026-12-01", done: "2026-12-08" }]))).toBe("10");
    expect(total(run(crs, [{ date: "2026-12-01", done: "2026-12-09" }]))).toBe("9");
  });

  it("hours: the lapse day is the day of the first minute after the due time", () => {
    const crs = deadlineSet(
      { hours: 24 },
      { windowBy: "lapse" },
      { from: "2025-03-02", to: "2025-03-31", undated: "error" },
    );
    // 2025-02-28T23:58 + 24h = 2025-03-01T23:58: late from 23:59, lapses 03-01 (outside);
    // 2025-03-01T00:00 is due 03-02T00:00 and lapses at 00:01 that day (inside).
    const r = score(crs, {
      f: [
        { date: "2025-02-28T23:58", done: "2025-03-02T00:00" },
        { date: "2025-03-01T00:00", done: "2025-03-02T00:01" },
      ],
    });
    expect(t(r.total)).toBe("9");
    expect(r.excluded.map((x) => [x.index, x.lapse])).toEqual([[0, "2025-03-01"]]);
  });
});

// Pinned for the Stryker run on compile.ts (SURVIVORS.txt). Judged equivalent, so not tested:
// - `if (late + missed === 0) return null` → false: found() of 0 is an outcome of 0, and a 0 is
//   never traced nor added (runClause / combineClauses skip it), so nothing shows.
// - `rc.asOf !== null` → true (both limits): an open event with no as-of date is refused
//   (F_AS_OF_REQUIRED) after judging, so `missed` is never read then.
// - the sort comparator's `a.t < b.t` → `<=`, and `a.t > b.t ? 1 : 0` → `true`/`false`/`>=`/`<=`:
//   V8's sort tests only `order < 0`, so 0 and 1 mean the same; `<=` differs only for events of
//   the same text, which are the same event data and say the same words in either order.
describe("deadline: what the mutation run found unpinned", () => {
  it("hours: an event answered in time is never missed; the due minute's day still in time", () => {
    const crs = deadlineSet({ hours: 24 }, { missing: 2 });
    const inTime = [{ date: "2025-03-01T09:00", done: "2025-03-02T09:00" }];
    expect(total(run(crs, inTime, "2025-03-10"))).toBe("10");
    // Due 2025-03-02T23:59, the as-of day's last minute: not missed that day, missed the next.
    const open = [{ date: "2025-03-01T23:59" }];
    expect(total(run(crs, open, "2025-03-02"))).toBe("10");
    expect(total(run(crs, open, "2025-03-03"))).toBe("8");
    // Answered late and judged after the due day: late, not also missed.
    const late = run(crs, [{ date: "2025-03-01T09:00", done: "2025-03-02T09:01" }], "2025-03-10");
    expect(total(late)).toBe("9");
  });

  it("an unanswered event is missed, never late, even dated before 1970 (day numbers below 0)", () => {
    const days = deadlineSet({ days: 5 }, { missing: 2 });
    const r = scoreUnit(
      days,
      { id: "u", facts: { f: [{ date: "1969-12-20" }] } },
      { asOf: "1970-01-10" },
    );
    expect(r.ok && t(r.total)).toBe("8");
    expect(r.ok && said(r.trace.find((e) => e.rule === "x1"))).toBe(
      "限5日内完成:未完成1件×2分=2分。事项(1969-12-20)应于1969-12-25前完成,至今未完成",
    );
    const hours = deadlineSet({ hours: 1 }, { missing: 2 });
    expect(total(run(hours, [{ date: "1969-12-31T10:00" }], "1970-01-02"))).toBe("8");
  });

  it("months are said as 个月", () => {
    const r = score(deadlineSet({ months: 1 }), {
      f: [{ date: "2025-01-31", done: "2025-03-01" }],
    });
    expect(detail(r)).toBe(
      "限1个月内完成:逾期1件×1分=1分。事项(2025-01-31)应于2025-02-28前完成,实际2025-03-01,逾期",
    );
  });

  it("a rule of no kind counts events of every kind", () => {
    const crs = deadlineSet({ days: 5 });
    const f = [
      { kind: "重大", date: "2025-01-01", done: "2025-01-07" },
      { date: "2025-01-01", done: "2025-01-08" },
    ];
    expect(total(run(crs, f))).toBe("8");
  });

  it("refuses with messages naming the fact and the date; a working-day limit too", () => {
    const issues = (r: ReturnType<typeof run>) =>
      r.ok ? [] : r.issues.map((i) => [i.code, i.path.join("."), i.message]);
    // A working-day limit cannot even count from an event with no date: refused for the date,
    // not for a calendar year.
    const crs = deadlineSet({ workdays: 5 });
    expect(issues(run(crs, [{ done: "2025-01-02" }]))).toEqual([
      ["F_FACT_TYPE", "facts.f.0.date", "事实「事项」(f)应填事项发生的日期 date,实际填的是未填写"],
    ]);
    expect(issues(run(crs, [{ date: "2025-01-05", done: "2025-01-04" }]))).toEqual([
      [
        "F_FACT_TYPE",
        "facts.f.0.done",
        "事实「事项」(f)应填不早于事项发生日期(2025-01-05)的办结日期 done,实际填的是2025-01-04",
      ],
    ]);
  });

  it("an open event needs the as-of date; answered events do not", () => {
    const crs = deadlineSet({ days: 5 });
    const f = [{ date: "2025-01-01", done: "2025-01-02" }, { date: "2025-01-01" }];
    const r = run(crs, f);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
      [
        "F_AS_OF_REQUIRED",
        "facts.f.1.done",
        "事实「事项」(f)中有事项没有办结日期;请给出评分基准日(as-of),才能判断是否逾期",
      ],
    ]);
    expect(total(run(crs, f.slice(0, 1)))).toBe("10");
    expect(total(run(crs, f, "2025-01-06"))).toBe("10");
  });

  it("working days over 春节 2025 (调休 01-26 worked); a year the calendar lacks is refused", () => {
    const crs = deadlineSet({ workdays: 3 }, { startDay: "included" });
    // 2025-01-24 (Fri), 01-26 (Sun, 调休 worked), 01-27 (Mon): due 01-27, not in 春节 (01-28…).
    expect(total(run(crs, [{ date: "2025-01-24", done: "2025-01-27" }]))).toBe("10");
    expect(total(run(crs, [{ date: "2025-01-24", done: "2025-01-28" }]))).toBe("9");
    const two = createCalendar(CN_HOLIDAYS.filter((y) => y.year === 2024 || y.year === 2025));
    const opts = { asOf: "2026-02-01", calendar: two };
    const f = [{ date: "2025-12-31", done: "2026-01-05" }];
    const r = scoreUnit(crs, { id: "u", facts: { f } }, opts);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
      [
        "F_CALENDAR_YEAR",
        "facts.f.0.date",
        "工作日日历不含 2026 年(已有:2024, 2025);请补充该年国务院办公厅的放假通知",
      ],
    ]);
    // A calendar failing for another reason is not passed off as a year it lacks.
    const broken: Calendar = {
      ...two,
      addWorkdays: () => {
        throw new RangeError("calendar broken");
      },
    };
    expect(() => scoreUnit(crs, { id: "u", facts: { f } }, { calendar: broken })).toThrow(
      "calendar broken",
    );
  });
});
