import { describe, expect, it } from "vitest";
import {
  adoptedItem,
  compile,
  item,
  monthly,
  oneItem,
  perNode,
  ref,
  ruleSet,
  score,
} from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import type { RuleSetInput } from "../index.js";
import { type Calendar, createCalendar } from "../time/calendar.js";
import { CN_HOLIDAYS } from "../time/holidays-cn.js";
import { scoreUnit } from "./evaluate.js";

// Windows as src/evaluate/context.ts applies them to the facts a clause reads (T3, docs/time.md):
// the findings, rows of counts and series periods left out and how each is listed in `excluded`;
// the refusals a window raises (F_FINDING_UNDATED, F_CALENDAR_YEAR, F_OPTION); and the edges of
// a window (both ends inclusive, a period counts when it touches the window).
//
// Mutants of context.ts judged equivalent (Stryker run of 2026-11-30), so not tested:
// - narrow(): `"exclude"` → `""`: windowed() treats every `undated` other than "error" and
//   "include" alike (the finding is left out), and nothing else reads a narrowed window's `undated`.
// - noteExcluded(): `!seen.rules.includes(c.id)` → true: a clause reads each fact once and runs
//   once per unit, so one rule never meets the same key twice.
// - windowed(): `if (!span) continue` → false: a series' keys are checked when its facts are read
//   (F_FACT_TYPE for anything but YYYY-MM / YYYY-Qn), so periodRange() never returns null here.
// - windowed(): `if (day === null) return` → false: day is null only after F_CALENDAR_YEAR was
//   pushed; the clause then does not run and the unit fails, so its excluded list is never shown.
// - windowed(): `keep.length !== v.length` → true: copies the facts when nothing was left out.
// - runClause(): `ctx.rc.window?.label ?? ""`, `c.window?.label ?? ""` (optional chains and their
//   fallbacks): a window is empty only when both exist (narrow() returns either one unchanged when
//   the other is absent, and each has from ≤ to), so both labels are always there.
// - runClause(): `w !== ctx.rc.window` → true: a copy of the run context with the same window.
// - windowed(): `ctx.crs.facts.get(f)?.label` (F_FINDING_UNDATED's label, added since): a clause
//   reads only declared facts, so the fact is always found.

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** The issues of a unit that was not scored, as [code, path, message]. */
const refused = (r: ReturnType<typeof scoreUnit>) =>
  r.ok ? ["scored", t(r.total)] : r.issues.map((i) => [i.code, i.path.join("."), i.message]);

/** The issues of a unit that was not scored, as [code, path]. */
const places = (r: ReturnType<typeof scoreUnit>) =>
  r.ok ? [] : r.issues.map((i) => [i.code, i.path.join(".")]);

/**
 * One item of 100 points whose window is 2025-01-31..2025-03-01: it touches January (on its last
 * day) and March (on its first), and all of February. A target of 2 a month on `clause`'s fact.
 */
const edgeSet = (fact: "s" | "rows") =>
  compile({
    facts: [
      { id: "s", label: "信息条数", type: "series" },
      { id: "rows", label: "每月报送", type: "findings" },
    ],
    points: 100,
    tree: [
      {
        id: "a",
        title: "信息发布",
        points: 100,
        window: { from: "2025-01-31", to: "2025-03-01", undated: "include" },
        clauses: [
          {
            id: "a1",
            type: "target",
            fact,
            period: "month",
            min: 2,
            each: 10,
            text: "每月不少于2条",
            ref,
          } as never,
        ],
      },
    ],
  });

describe("a series read under a window: its periods outside are listed, the touching ones are not", () => {
  it("a period ending on the window's first day or starting on its last day counts", () => {
    const r = score(edgeSet("s"), {
      s: { "2024-12": 0, "2025-01": 2, "2025-02": 2, "2025-03": 2, "2025-04": 0 },
    });
    // January, February and March each reach 2; December and April lie outside the window (they
    // would each have cost 10 had they counted).
    expect(t(r.total)).toBe("100");
    expect(r.excluded).toStrictEqual([
      {
        fact: "s",
        index: -1,
        period: "2024-12",
        date: "2024-12",
        window: "2025-01-31至2025-03-01",
        rules: ["a1"],
      },
      {
        fact: "s",
        index: -1,
        period: "2025-04",
        date: "2025-04",
        window: "2025-01-31至2025-03-01",
        rules: ["a1"],
      },
    ]);
  });

  it("a series wholly inside the window leaves nothing out", () => {
    const r = score(edgeSet("s"), { s: { "2025-01": 1, "2025-02": 2, "2025-03": 2 } });
    expect([t(r.total), r.excluded]).toEqual(["90", []]);
  });
});

describe("rows of counts for a period under a window", () => {
  it("rows whose period touches the window count; the others are listed with their note", () => {
    const r = score(edgeSet("rows"), {
      rows: [
        { period: "2024-12", count: 5, note: "上年报送" },
        { period: "2025-01", count: 2 },
        { period: "2025-02", count: 2 },
        { period: "2025-03", count: 2 },
        { period: "2025-04", count: 0 },
      ],
    });
    expect(t(r.total)).toBe("100");
    expect(r.excluded).toStrictEqual([
      {
        fact: "rows",
        index: 0,
        period: "2024-12",
        date: "2024-12",
        window: "2025-01-31至2025-03-01",
        note: "上年报送",
        rules: ["a1"],
      },
      {
        fact: "rows",
        index: 4,
        period: "2025-04",
        date: "2025-04",
        window: "2025-01-31至2025-03-01",
        rules: ["a1"],
      },
    ]);
  });

  it("a row left out does not count towards its month", () => {
    // Only the April row has 2: March is short (no row) and costs 10.
    const r = score(edgeSet("rows"), {
      rows: [
        { period: "2025-01", count: 2 },
        { period: "2025-02", count: 2 },
        { period: "2025-04", count: 2 },
      ],
    });
    expect([t(r.total), r.excluded.map((x) => [x.index, x.period])]).toEqual([
      "90",
      [[2, "2025-04"]],
    ]);
  });
});

/** The findings f (问题), none is zero. */
const problems: RuleSetInput["facts"] = [
  { id: "f", label: "问题", type: "findings", missing: "zero" },
];
/** The first half of 2009, findings without a date `undated`. */
const firstHalf = (undated: "include" | "error" = "include") => ({
  from: "2009-01-01",
  to: "2009-06-30",
  undated,
});

/** Two clauses reading the same findings under one window: 1 off each, and 2 off each. */
const twoRules = (undated: "include" | "error" = "include") =>
  compile({
    facts: problems,
    points: 100,
    tree: [
      item(
        "a",
        100,
        [
          { id: "a1", type: "per", fact: "f", each: 1, text: "每处扣1分", ref },
          { id: "a2", type: "per", fact: "f", each: 2, text: "每处另扣2分", ref },
        ],
        { window: firstHalf(undated) },
      ),
    ],
  });

describe("a finding left out by a window", () => {
  it("is listed once, with every rule that left it out, in the order they ran", () => {
    const r = score(twoRules(), {
      f: [{ date: "2008-12-31" }, { date: "2009-01-01" }, { date: "2009-06-30" }],
    });
    // The two findings on the window's ends count for both rules: 100 − 2 × (1 + 2).
    expect(t(r.total)).toBe("94");
    expect(r.excluded).toStrictEqual([
      {
        fact: "f",
        index: 0,
        date: "2008-12-31",
        window: "2009-01-01至2009-06-30",
        rules: ["a1", "a2"],
      },
    ]);
  });

  it("keeps its note; each finding left out is its own entry", () => {
    const r = score(twoRules(), {
      f: [{ date: "2009-07-01", note: "下半年" }, { date: "2008-01-01" }],
    });
    expect(t(r.total)).toBe("100");
    expect(r.excluded.map((x) => [x.index, x.date, x.note, x.rules])).toEqual([
      [0, "2009-07-01", "下半年", ["a1", "a2"]],
      [1, "2008-01-01", undefined, ["a1", "a2"]],
    ]);
  });

  it("without a date, under undated: error, is refused with the fact's label and the window named", () => {
    const r = scoreUnit(twoRules("error"), {
      id: "u",
      facts: { f: [{ date: "2009-03-01" }, { note: "无日期" }] },
    });
    expect(refused(r)).toEqual([
      [
        "F_FINDING_UNDATED",
        "facts.f.1.date",
        // The fact is named by its label, as the clerk knows it.
        "事实「问题」(f)中有一条问题没有日期,而考核期间 2009-01-01至2009-06-30 不接受没有日期的问题",
      ],
    ]);
  });
});

/** Findings f (事项) dated from 2025-01-01 to `to`, undated refused, read by deadline clause x1. */
const deadlineSet = (to: string, clause: Record<string, unknown>) =>
  compileRuleSet(
    oneItem(
      [{ id: "f", label: "事项", type: "findings" }],
      [{ id: "x1", type: "deadline", fact: "f", each: 1, ...clause, ref }],
      { window: { from: "2025-01-01", to, undated: "error" } },
    ),
  );

describe("a clause whose window refused a finding does not run", () => {
  // A deadline with an open event needs the as-of date (F_AS_OF_REQUIRED); when the window has
  // already refused the clause's findings, the clause is not run, so only the window's refusal
  // is reported.
  const crs = deadlineSet("2025-12-31", { within: { days: 5 }, text: "限期答复" });
  it("only the window's refusal is reported", () => {
    const open = { date: "2025-03-01" };
    expect(places(scoreUnit(crs, { id: "u", facts: { f: [open] } }))).toEqual([
      ["F_AS_OF_REQUIRED", "facts.f.0.done"],
    ]);
    const r = scoreUnit(crs, { id: "u", facts: { f: [open, { note: "无日期" }] } });
    expect(places(r)).toEqual([["F_FINDING_UNDATED", "facts.f.1.date"]]);
  });
});

describe("windowBy: lapse and the working-day calendar", () => {
  const lapseSet = () =>
    deadlineSet("2026-12-31", {
      within: { workdays: 5 },
      windowBy: "lapse",
      text: "5个工作日内答复",
    });
  const two = createCalendar(CN_HOLIDAYS.filter((y) => y.year === 2024 || y.year === 2025));
  const f = [
    { date: "2025-03-03", done: "2025-03-04" },
    { date: "2026-03-02", done: "2026-03-03" },
  ];

  it("a lapse day in a year the calendar lacks is refused, naming the years it has", () => {
    const r = scoreUnit(lapseSet(), { id: "u", facts: { f } }, { calendar: two });
    expect(refused(r)).toEqual([
      [
        "F_CALENDAR_YEAR",
        "facts.f.1.date",
        "工作日日历不含 2026 年(已有:2024, 2025);请补充该年国务院办公厅的放假通知",
      ],
    ]);
    // With the built-in calendar (2008–2026) both events are in time.
    expect(refused(scoreUnit(lapseSet(), { id: "u", facts: { f } }))).toEqual(["scored", "10"]);
  });

  it("a calendar failing for another reason is not passed off as a year it lacks", () => {
    const broken: Calendar = {
      ...two,
      addWorkdays: () => {
        throw new RangeError("calendar broken");
      },
    };
    expect(() => scoreUnit(lapseSet(), { id: "u", facts: { f } }, { calendar: broken })).toThrow(
      "calendar broken",
    );
  });
});

describe("a run window against a rule's window", () => {
  /** Item a (window 2009-01-01..2009-06-30, 1 off per finding), item b (no window, 2 off). */
  const crs = () =>
    compile({
      facts: problems,
      points: 100,
      tree: [
        perNode("a", 50, "f", 1, "每处扣1分", { window: firstHalf() }),
        perNode("b", 50, "f", 2),
      ],
    });
  const run = (from: string, to: string, f: Record<string, unknown>[]) =>
    scoreUnit(crs(), { id: "u", facts: { f } }, { window: { from, to } });

  it("that does not overlap it refuses the unit, naming both windows and the rule", () => {
    expect(refused(run("2009-07-01", "2009-12-31", [{ date: "2009-08-01" }]))).toEqual([
      [
        "F_OPTION",
        "window",
        '评分选项 window:本次评分期间 2009-07-01至2009-12-31 与条款 "a1" 的考核期间 2009-01-01至2009-06-30 没有重叠,这一条没有可计入的问题',
      ],
    ]);
  });

  it("of one day, the rule's last, counts the findings of that day", () => {
    const r = run("2009-06-30", "2009-06-30", [{ date: "2009-06-30" }, { date: "2009-07-01" }]);
    // a1 and b1 each count the finding of 06-30 only: 100 − 1 − 2.
    expect(refused(r)).toEqual(["scored", "97"]);
    expect(r.ok && r.excluded.map((x) => [x.index, x.window, x.rules])).toEqual([
      [1, "2009-06-30至2009-06-30", ["a1", "b1"]],
    ]);
  });
});

describe("a split run (T7 periods) whose period is a single day", () => {
  const crs = compileRuleSet(
    ruleSet({
      policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "zero" },
      window: { from: "2025-01-01", to: "2025-03-31", undated: "include" },
      facts: [{ id: "used", label: "采用信息", type: "findings", kinds: ["采用"] }],
      points: 0,
      tree: [
        adoptedItem([
          {
            id: "一.1",
            type: "tally",
            effect: "add",
            fact: "used",
            amounts: { 采用: 3 },
            repeat: "each",
            text: "采用信息1条得3分",
            ref,
          },
        ]),
      ],
      periods: monthly("每月通报累计积分"),
    } as never),
  );
  it("counts the findings of that day in it", () => {
    const used = [
      { kind: "采用", date: "2025-01-31" },
      { kind: "采用", date: "2025-02-01" },
      { kind: "采用", date: "2025-02-02" },
    ];
    const r = scoreUnit(
      crs,
      { id: "u", facts: { used } },
      {
        window: { from: "2025-01-31", to: "2025-02-01" },
      },
    );
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join());
    expect(r.periods?.map((p) => [p.id, p.from, p.to, t(p.score)])).toEqual([
      ["2025-01", "2025-01-31", "2025-01-31", "3"],
      ["2025-02", "2025-02-01", "2025-02-01", "3"],
    ]);
    expect(t(r.total)).toBe("6");
  });
});
