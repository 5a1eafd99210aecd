import { describe, expect, it } from "vitest";
import { adoptedItem, monthly, ref, ruleSet, said } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { issue } from "../errors/issue.js";
import { outcomeToJSON } from "../explain/json.js";
import { formatDate, parseDate } from "../time/date.js";
import { scoreUnit } from "./evaluate.js";
import type { UnitOutcome, UnitResult } from "./types.js";

// T7 periods as src/evaluate/periods.ts scores them: which periods a range splits into, which
// range (the rule set's window narrowed by the run's) and its refusals, the undated findings a
// period's explanation says it counted, and the result built from the periods (measures, flags,
// warnings, the trace and the findings no period counted). The mutation run on periods.ts left these
// unpinned. Scoring itself is checked beside the construct, in src/constructs/periods/.
//
// Surviving mutants of periods.ts that no test can kill (behaviour identical):
// - `periods[0]?.result.warnings` → `periods[0].result`: a range always splits into one period at
//   least (from ≤ to), so periods[0] always exists.
// - `crs.documents.get(spec.ref.doc)?.title ?? spec.ref.doc` → `.get(…).title`: the lint refuses a
//   ref to an unknown document, so the document always exists (and the `??` fallback never runs).
// - `x.period !== undefined ? periodRange(x.period) : null` → `true ? …`: periodRange of undefined
//   matches no period and is null, as the original gives.
// - `day !== null && …` → `true && …`: an excluded finding's date (or lapse) is always a real date
//   (a time cut to its day); period rows and series values take the other branch.
// - `${x.period ?? ""}` → `"Stryker was here!"` in the key, and `a.period ?? ""` / `b.period ?? ""`
//   → `"Stryker was here!"` or `b.period && ""` in the sort: fact and index already tell every
//   finding apart; only a series' values share an index (−1), all with a period, and one fact's
//   series values are always met in period order (each period's list is sorted, and every period
//   that reads the series leaves out the same values), so the order never needs the period.
// - in undatedCount, `f?.type !== "findings" || !Object.hasOwn(given, id)` → `false`, `&&`, either
//   side `false`: work skipped with the same result — only a findings fact reads as a list, and a
//   findings fact not given reads as [] (a fact's default is never a list); `f?.type` → `f.type`:
//   every fact a plan reads is declared.
// - `spec.undated === "error" || !explain` → `… || false`: the count only feeds the explanation.
// Left (killable in principle, not pinned): `a > b` → `a >= b` and `a > b` → `true` in `cmp` need
// one fact's findings first met out of index order across periods, which only a deadline read by
// its lapse day in some periods and by its date in others can produce.

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();
const Q1 = { from: "2025-01-01", to: "2025-03-31", undated: "include" };

const tally = (id: string, fact: string) => ({
  id,
  type: "tally",
  effect: "add",
  fact,
  amounts: { 采用: 3, 批示: 5 },
  repeat: "each",
  text: "采用信息1条得3分,被批示的另加5分",
  ref,
});
const per = (id: string, fact: string, each: number | string = 1) => ({
  id,
  type: "per",
  effect: "add",
  fact,
  each,
  text: `每条加${each}分`,
  ref,
});

/**
 * Points from 0: 3 per 采用 and 5 per 批示 (fact `used`), 1 per other finding (`notes`, kinds
 * free); the rule set's window the first quarter of 2025 unless told; split by month, summed.
 */
const rules = (periods: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  ruleSet({
    policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "zero" },
    window: Q1,
    facts: [
      { id: "used", label: "采用信息", type: "findings", kinds: ["采用", "批示"] },
      { id: "notes", label: "其他信息", type: "findings" },
    ],
    points: 0,
    tree: [
      adoptedItem([tally("一.1", "used")]),
      { id: "二", title: "其他信息", points: 0, overdraw: true, clauses: [per("二.1", "notes")] },
    ],
    periods: monthly("每月将各单位信息采用条目、得分和累计积分情况予以通报", periods),
    ...extra,
  } as never);
const set = (...a: Parameters<typeof rules>) => compileRuleSet(rules(...a));
/** The same rule set without a window of its own: the run's window is the range. */
const noWindow = (periods: Record<string, unknown> = {}) =>
  compileRuleSet({ ...rules(periods), window: undefined } as never);

const ok = (o: UnitOutcome): UnitResult => {
  if (!o.ok) throw new Error(o.issues.map((i) => `${i.code} ${i.message}`).join("\n"));
  return o;
};
const spans = (o: UnitOutcome) => ok(o).periods?.map((p) => [p.id, p.label, p.from, p.to]);
const scores = (o: UnitOutcome) => ok(o).periods?.map((p) => t(p.score));

describe("the range split into months and quarters", () => {
  it("every month the range touches, each clipped to it, the last one a single day", () => {
    const used = [
      { kind: "采用", date: "2025-01-30" },
      { kind: "采用", date: "2025-01-31" },
      { kind: "批示", date: "2025-03-01" },
      { kind: "批示", date: "2025-03-02" },
    ];
    const r = scoreUnit(
      noWindow(),
      { id: "甲", facts: { used } },
      { window: { from: "2025-01-31", to: "2025-03-01" } },
    );
    expect(spans(r)).toEqual([
      ["2025-01", "2025年1月", "2025-01-31", "2025-01-31"],
      ["2025-02", "2025年2月", "2025-02-01", "2025-02-28"],
      ["2025-03", "2025年3月", "2025-03-01", "2025-03-01"],
    ]);
    // The last day of January and the first of March count, the days either side do not.
    expect(scores(r)).toEqual(["3", "0", "5"]);
    expect(t(ok(r).total)).toBe("8");
  });

  it("quarters named by the quarter their first day lies in, a range from any month", () => {
    const quarter = noWindow({ each: "quarter" });
    const names = ["一", "一", "一", "二", "二", "二", "三", "三", "三", "四", "四", "四"];
    names.forEach((name, i) => {
      const day = `2025-${String(i + 1).padStart(2, "0")}-15`;
      const r = scoreUnit(quarter, { id: "甲", facts: {} }, { window: { from: day, to: day } });
      expect(spans(r)).toEqual([[`2025-Q${((i / 3) | 0) + 1}`, `2025年第${name}季度`, day, day]]);
    });
    const across = scoreUnit(
      quarter,
      { id: "甲", facts: {} },
      { window: { from: "2024-12-05", to: "2025-08-20" } },
    );
    expect(spans(across)).toEqual([
      ["2024-Q4", "2024年第四季度", "2024-12-05", "2024-12-31"],
      ["2025-Q1", "2025年第一季度", "2025-01-01", "2025-03-31"],
      ["2025-Q2", "2025年第二季度", "2025-04-01", "2025-06-30"],
      ["2025-Q3", "2025年第三季度", "2025-07-01", "2025-08-20"],
    ]);
  });

  it("dates before 1970 are split like any others", () => {
    const r = scoreUnit(
      noWindow(),
      { id: "甲", facts: { used: [{ kind: "采用", date: "1969-12-31" }] } },
      { window: { from: "1969-12-20", to: "1970-01-10" } },
    );
    expect(spans(r)).toEqual([
      ["1969-12", "1969年12月", "1969-12-20", "1969-12-31"],
      ["1970-01", "1970年1月", "1970-01-01", "1970-01-10"],
    ]);
    expect(scores(r)).toEqual(["3", "0"]);
  });
});

describe("the range: the rule set's window narrowed by the run's, or a refusal", () => {
  const categorised = set(
    {},
    {
      categories: [
        { id: "county", label: "县" },
        { id: "city", label: "市" },
      ],
    },
  );

  it.each([
    [
      "2024-12-01",
      "2025-02-10",
      [
        ["2025-01-01", "2025-01-31"],
        ["2025-02-01", "2025-02-10"],
      ],
    ],
    [
      "2025-02-20",
      "2025-06-30",
      [
        ["2025-02-20", "2025-02-28"],
        ["2025-03-01", "2025-03-31"],
      ],
    ],
    ["2024-11-01", "2025-01-01", [["2025-01-01", "2025-01-01"]]],
    ["2025-03-31", "2025-05-01", [["2025-03-31", "2025-03-31"]]],
    ["2025-02-14", "2025-02-14", [["2025-02-14", "2025-02-14"]]],
  ])("a run window %s..%s splits only the days both windows hold", (from, to, want) => {
    const r = scoreUnit(set(), { id: "甲", facts: {} }, { window: { from, to } });
    expect(ok(r).periods?.map((p) => [p.from, p.to])).toEqual(want);
  });

  it("a run window of 11000 days is taken, of 11001 refused", () => {
    const start = parseDate("2000-01-01") as number;
    const upTo = (days: number) => ({ from: "2000-01-01", to: formatDate(start + days) });
    const r = scoreUnit(set(), { id: "甲", facts: {} }, { window: upTo(11_000) });
    expect(ok(r).periods?.map((p) => p.id)).toEqual(["2025-01", "2025-02", "2025-03"]);
    const far = upTo(11_001);
    expect(scoreUnit(set(), { id: "甲", facts: {} }, { window: far })).toEqual({
      ok: false,
      unit: "甲",
      category: null,
      issues: [
        {
          ...issue("F_OPTION", ["window"], {
            option: "window",
            detail: `须为实际存在的起止日期 YYYY-MM-DD,起日不晚于止日,相隔不超过11000天,而不是 "2000-01-01..${far.to}"`,
          }),
          unit: "甲",
        },
      ],
    });
  });

  it.each([
    ["2025-03-01", "2025-01-01"],
    ["2025-1-1", "2025-03-01"],
    ["2025-01-01", "2025-02-30"],
    ["", ""],
    // Either date alone not a date, the other near 1970 (where a missing day would read as 0).
    ["1969-12-01", "1970-02-30"],
    ["1970-02-30", "1970-01-05"],
  ])("a run window %s..%s is refused for every unit, with its category", (from, to) => {
    const r = scoreUnit(
      categorised,
      { id: "甲", category: "county", facts: {} },
      { window: { from, to } },
    );
    expect(r).toEqual({
      ok: false,
      unit: "甲",
      category: "county",
      issues: [
        {
          code: "F_OPTION",
          severity: "error",
          path: ["window"],
          message: `评分选项 window:须为实际存在的起止日期 YYYY-MM-DD,起日不晚于止日,相隔不超过11000天,而不是 "${from}..${to}"`,
          unit: "甲",
        },
      ],
    });
  });

  it.each([
    ["2026-01-01", "2026-02-28"],
    ["2024-12-01", "2024-12-31"],
    ["2025-04-01", "2025-04-01"],
  ])("a run window %s..%s that misses the rule set's is refused, in Chinese", (from, to) => {
    const r = scoreUnit(
      categorised,
      { id: "甲", category: "city", facts: {} },
      { window: { from, to } },
    );
    expect(r).toEqual({
      ok: false,
      unit: "甲",
      category: "city",
      issues: [
        {
          code: "F_OPTION",
          severity: "error",
          path: ["window"],
          message: `评分选项 window:本次评分的期间 ${from}至${to} 与规则集的考核期间 2025-01-01至2025-03-31 不重叠,没有可以计分的期间`,
          unit: "甲",
        },
      ],
    });
  });

  it("without a window of the rule set or the run the unit is not scored", () => {
    expect(scoreUnit(noWindow(), { id: "甲", facts: {} })).toEqual({
      ok: false,
      unit: "甲",
      category: null,
      issues: [
        {
          code: "F_WINDOW_REQUIRED",
          severity: "error",
          path: ["window"],
          message: '规则 "periods" 按期间计数,规则集、所在项目或本次评分必须写明考核期间(window)',
          unit: "甲",
        },
      ],
    });
  });

  it("a scored unit keeps its category", () => {
    const r = ok(scoreUnit(categorised, { id: "甲", category: "county", facts: {} }));
    expect([r.unit, r.category]).toEqual(["甲", "county"]);
  });
});

describe("undated findings: how many a period's explanation says it counted", () => {
  const heads = (o: UnitOutcome) => ok(o).trace.slice(0, -1).map(said);

  it.each([
    [
      "a plain text",
      { notes: ["没有日期的一条", { date: "2025-02-03" }] },
      ["2025年1月得1分(含未注明日期的1条)", "2025年2月得1分", "2025年3月得0分"],
    ],
    [
      "a bare count",
      { notes: 2 },
      ["2025年1月得2分(含未注明日期的2条)", "2025年2月得0分", "2025年3月得0分"],
    ],
    [
      "an entry standing for two",
      {
        used: [
          { kind: "采用", count: 2 },
          { kind: "批示", date: "2025-03-09" },
        ],
      },
      ["2025年1月得6分(含未注明日期的2条)", "2025年2月得0分", "2025年3月得5分"],
    ],
    [
      "a row of counts for February (dated by its period)",
      { notes: [{ period: "2025-02", count: 2 }] },
      ["2025年1月得0分", "2025年2月得2分", "2025年3月得0分"],
    ],
    [
      "undated findings of two facts",
      { used: [{ kind: "批示" }], notes: ["甲", "乙"] },
      ["2025年1月得7分(含未注明日期的3条)", "2025年2月得0分", "2025年3月得0分"],
    ],
  ])("undated: first — %s", (_, facts, want) => {
    expect(heads(scoreUnit(set({ undated: "first" }), { id: "甲", facts }))).toEqual(want);
  });

  it("without a window of the rule set, the first period still counts them, and error names the period", () => {
    const facts = { notes: ["没有日期的一条", { date: "2025-02-03" }] };
    const window = { from: "2025-01-01", to: "2025-02-28" };
    const r = scoreUnit(noWindow({ undated: "first" }), { id: "甲", facts }, { window });
    expect(heads(r)).toEqual(["2025年1月得1分(含未注明日期的1条)", "2025年2月得1分"]);
    const refused = scoreUnit(noWindow(), { id: "甲", facts }, { window });
    expect(!refused.ok && refused.issues).toEqual([
      {
        ...issue("F_FINDING_UNDATED", ["facts", "notes", 0, "date"], {
          fact: "notes",
          label: "其他信息",
          window: "2025-01-01至2025-01-31",
        }),
        unit: "甲",
      },
    ]);
  });

  it("undated: every — each period counts them and says so", () => {
    const r = scoreUnit(set({ undated: "every" }), { id: "甲", facts: { notes: 2 } });
    expect(heads(r)).toEqual([
      "2025年1月得2分(含未注明日期的2条)",
      "2025年2月得2分(含未注明日期的2条)",
      "2025年3月得2分(含未注明日期的2条)",
    ]);
    expect(t(ok(r).total)).toBe("6");
  });

  it("findings of a fact no rule reads are not said to be counted", () => {
    const spare = (undated: string) =>
      set(
        { undated },
        {
          facts: [
            { id: "used", label: "采用信息", type: "findings", kinds: ["采用", "批示"] },
            { id: "notes", label: "其他信息", type: "findings" },
            { id: "spare", label: "备用", type: "findings" },
          ],
        },
      );
    const facts = {
      spare: [{ note: "没有日期的一条" }],
      used: [{ kind: "采用", date: "2025-01-02" }],
    };
    for (const undated of ["first", "every", "error"])
      expect(heads(scoreUnit(spare(undated), { id: "甲", facts }))).toEqual([
        "2025年1月得3分",
        "2025年2月得0分",
        "2025年3月得0分",
      ]);
  });

  it("under undated: error, findings of a rule whose window misses the range are not said to be counted", () => {
    // 二.1's node window is 2024: it reads notes in no period, so its undated finding is no error.
    const rs = rules();
    (rs.tree[1] as { window?: unknown }).window = {
      from: "2024-01-01",
      to: "2024-12-31",
      undated: "include",
    };
    const r = scoreUnit(compileRuleSet(rs), { id: "甲", facts: { notes: ["没有日期的一条"] } });
    expect(heads(r)).toEqual(["2025年1月得0分", "2025年2月得0分", "2025年3月得0分"]);
  });

  it("a unit with no facts, or facts that cannot be read, is scored or refused, never thrown", () => {
    const first = set({ undated: "first" });
    expect(heads(scoreUnit(first, { id: "甲" } as never))).toEqual([
      "2025年1月得0分",
      "2025年2月得0分",
      "2025年3月得0分",
    ]);
    const unreadable = scoreUnit(first, { id: "甲", facts: { notes: "三条" } });
    expect(!unreadable.ok && unreadable.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.notes"],
    ]);
    const listed = scoreUnit(first, { id: "甲", facts: [] as never });
    expect(!listed.ok && listed.issues.map((i) => i.code)).toEqual(["F_BAD_UNITS"]);
    const stranger = scoreUnit(first, { id: "甲", category: "省级", facts: { notes: 2 } });
    expect(!stranger.ok && stranger.issues.map((i) => i.code)).toEqual(["F_UNKNOWN_CATEGORY"]);
  });
});

describe("the result built from the periods", () => {
  const used = [
    { kind: "采用", date: "2025-01-05" },
    { kind: "采用", date: "2025-01-31", count: 2 },
    { kind: "批示", date: "2025-03-01" },
  ];

  it("with the trace off: the same periods, total and flags, and no explanation", () => {
    const crs = set(
      { undated: "first" },
      {
        thresholds: [
          { id: "达标", of: "total", gte: 10, flag: "累计达标", text: "累计10分以上", ref },
        ],
      },
    );
    const unit = { id: "甲", facts: { used, notes: ["没有日期的一条"] } };
    const full = ok(scoreUnit(crs, unit));
    const bare = ok(scoreUnit(crs, unit, { trace: false }));
    expect(bare.trace).toEqual([]);
    expect(bare.flags).toEqual(["累计达标"]);
    expect([scores(bare), t(bare.total)]).toEqual([["10", "0", "5"], "15"]);
    expect(outcomeToJSON(bare, { trace: false })).toEqual(outcomeToJSON(full, { trace: false }));
    expect(full.trace.map((e) => [e.kind, e.rule, said(e)])).toEqual([
      ["combine", "periods.2025-01", "2025年1月得10分(含未注明日期的1条)"],
      ["combine", "periods.2025-02", "2025年2月得0分"],
      ["combine", "periods.2025-03", "2025年3月得5分"],
      ["combine", "periods", "累计2025年1月10分+2025年2月0分+2025年3月5分=15分"],
      ["flag", "达标", "15:累计达标"],
    ]);
  });

  it("a threshold reads the sum, not a period: it flags once, and a period's own flag is not carried", () => {
    const crs = set(
      {},
      {
        thresholds: [
          { id: "月度", of: "total", gte: 5, flag: "月度达标", text: "5分以上", ref },
          { id: "累计", of: "total", gte: 20, flag: "累计达标", text: "累计20分以上", ref },
        ],
      },
    );
    // January 9 and March 5 flag 月度达标 each; the sum 14 flags it once and misses 累计达标.
    const r = ok(scoreUnit(crs, { id: "甲", facts: { used } }));
    expect(r.periods?.map((p) => p.result.flags)).toEqual([["月度达标"], [], ["月度达标"]]);
    expect(r.flags).toEqual(["月度达标"]);
    expect(r.trace.filter((e) => e.kind === "flag").map(said)).toEqual(["14:月度达标"]);
  });

  it("every entry of the split cites the periods rule's document by its title", () => {
    const entries = (at?: string) =>
      ok(scoreUnit(set({ ref: at ? { doc: "doc", at } : { doc: "doc" } }), { id: "甲", facts: {} }))
        .trace;
    for (const e of entries("第五条"))
      expect([e.text, e.ref, e.node, e.measure, e.facts]).toEqual([
        "每月将各单位信息采用条目、得分和累计积分情况予以通报",
        { doc: "doc", title: "测试文件", at: "第五条" },
        null,
        "points",
        {},
      ]);
    for (const e of entries()) expect(e.ref).toEqual({ doc: "doc", title: "测试文件" });
  });

  it("a measure other than points is the sum (or mean) of the periods', rounded once", () => {
    const money = (total: string) =>
      set(
        { total, rounding: { places: 0, mode: "half-up" } },
        {
          measures: [
            { id: "points", label: "积分", unit: "分" },
            { id: "money", label: "奖励", unit: "元", rounding: { places: 1, mode: "half-up" } },
          ],
          tree: [
            {
              id: "一",
              title: "信息采用",
              points: 0,
              overdraw: true,
              clauses: [per("一.1", "used", "1.5")],
            },
          ],
          adjustments: [
            {
              id: "奖",
              title: "采用奖励",
              clauses: [{ ...per("奖.1", "used", "0.25"), measure: "money" }],
            },
          ],
        },
      );
    // Points 1.5 a finding, money 0.25元: January 4.5分 and 0.75 → 0.8元, March 1.5分 and 0.3元.
    const sum = ok(scoreUnit(money("sum"), { id: "甲", facts: { used } }));
    expect(sum.periods?.map((p) => [t(p.score), t(p.result.measures.money)])).toEqual([
      ["4.5", "0.8"],
      ["0", "0"],
      ["1.5", "0.3"],
    ]);
    expect([t(sum.unrounded), t(sum.total)]).toEqual(["6", "6"]);
    expect({ points: t(sum.measures.points), money: t(sum.measures.money) }).toEqual({
      points: "6",
      money: "1.1",
    });
    // The mean: 6 ÷ 3 = 2分; (0.8 + 0 + 0.3) ÷ 3 = 0.3666… → 0.4元.
    const mean = ok(scoreUnit(money("mean"), { id: "甲", facts: { used } }));
    expect({ points: t(mean.measures.points), money: t(mean.measures.money) }).toEqual({
      points: "2",
      money: "0.4",
    });
    // A points total the rounding changes: the measure is the rounded total, not the exact sum.
    const odd = ok(
      scoreUnit(money("sum"), {
        id: "甲",
        facts: { used: [{ kind: "采用", date: "2025-02-02" }] },
      }),
    );
    expect([t(odd.unrounded), t(odd.total), t(odd.measures.points)]).toEqual(["1.5", "2", "2"]);
  });

  it("each period's score exact, or rounded first as the policy says (periodRounding)", () => {
    const at = (periodRounding: string) =>
      set(
        { periodRounding, rounding: { places: 3, mode: "half-up" } },
        {
          tree: [
            {
              id: "二",
              title: "其他信息",
              points: 0,
              overdraw: true,
              clauses: [per("二.1", "notes", "0.125")],
            },
          ],
        },
      );
    const notes = [{ date: "2025-01-02" }, { date: "2025-02-02" }];
    // 0.125 a month: kept exact, 0.25 in all; rounded by the policy (2 places) first, 0.13 + 0.13.
    const exact = ok(scoreUnit(at("none"), { id: "甲", facts: { notes } }));
    expect([scores(exact), t(exact.total)]).toEqual([["0.125", "0.125", "0"], "0.25"]);
    const policy = ok(scoreUnit(at("policy"), { id: "甲", facts: { notes } }));
    expect([scores(policy), t(policy.total)]).toEqual([["0.13", "0.13", "0"], "0.26"]);
  });

  it("deducted and added summed over the periods, no node scores, nothing stopped", () => {
    const r = ok(scoreUnit(set(), { id: "甲", facts: { used } }));
    expect(outcomeToJSON(r, { trace: false })).toMatchObject({
      total: "14",
      deducted: "0",
      added: "14",
      nodes: {},
      stopped: false,
      grade: null,
      flags: [],
    });
  });
});

describe("warnings of the facts, said once", () => {
  const crs = set(
    {},
    {
      facts: [
        { id: "used", label: "采用信息", type: "findings", kinds: ["采用", "批示"] },
        { id: "notes", label: "其他信息", type: "findings" },
        { id: "rate", label: "按时报送率", type: "rate" },
      ],
      vetoes: [
        {
          id: "否决",
          type: "override",
          when: { fact: "rate", lt: 60 },
          flag: "约谈",
          text: "按时报送率低于60%的,予以约谈",
          ref,
        },
      ],
    },
  );

  it("a rate probably in the wrong scale warns once for the unit, not once a period", () => {
    const r = ok(scoreUnit(crs, { id: "甲", facts: { rate: 0.875 } }));
    expect(r.warnings).toEqual([
      {
        ...issue("W_RATE_SCALE", ["facts", "rate"], {
          fact: "rate",
          label: "按时报送率",
          value: "0.875",
          percent: "87.5",
        }),
        unit: "甲",
      },
    ]);
    // 0.875 read as written is below 60: the veto's flag, raised in every period, is carried once.
    expect(r.periods?.map((p) => p.result.flags)).toEqual([["约谈"], ["约谈"], ["约谈"]]);
    expect(r.flags).toEqual(["约谈"]);
  });

  it("without a warning there is no warnings field", () => {
    const r = ok(scoreUnit(crs, { id: "甲", facts: { rate: 90 } }));
    expect("warnings" in r).toBe(false);
    expect(r.flags).toEqual([]);
  });
});

describe("the findings no period counted: outside the whole range, each once", () => {
  const Q1_LABEL = "2025-01-01至2025-03-31";

  it("a finding before or after the range is listed under the range, one on its first or last day is not", () => {
    // Node 一 reads only in March (its window): 一.1 reads b, 一.2 reads a; 二.1 reads b every month.
    const crs = set(
      {},
      {
        facts: [
          { id: "b", label: "乙类问题", type: "findings" },
          { id: "a", label: "甲类问题", type: "findings" },
        ],
        tree: [
          {
            id: "一",
            title: "三月",
            points: 0,
            overdraw: true,
            window: { from: "2025-03-01", to: "2025-03-31", undated: "include" },
            clauses: [per("一.1", "b"), per("一.2", "a")],
          },
          { id: "二", title: "乙类", points: 0, overdraw: true, clauses: [per("二.1", "b")] },
        ],
      },
    );
    const r = ok(
      scoreUnit(crs, {
        id: "甲",
        facts: {
          b: [{ date: "2024-11-30" }, { date: "2025-01-01" }, { date: "2025-03-31" }],
          a: [
            { date: "2025-05-01" },
            { date: "2024-12-01" },
            { date: "2025-03-10" },
            { date: "2025-04-01T09:30", note: "四月一日上午" },
          ],
        },
      }),
    );
    // January: b's January 1 (二.1); March: b's March 31 (一.1 and 二.1) and a's March 10 (一.2).
    expect(scores(r)).toEqual(["1", "0", "3"]);
    // Met first: b's (January, 二.1), then a's (March only); listed by fact, then by place in it.
    expect(r.excluded).toEqual([
      { fact: "a", index: 0, date: "2025-05-01", window: Q1_LABEL, rules: ["一.2"] },
      { fact: "a", index: 1, date: "2024-12-01", window: Q1_LABEL, rules: ["一.2"] },
      {
        fact: "a",
        index: 3,
        date: "2025-04-01T09:30",
        note: "四月一日上午",
        window: Q1_LABEL,
        rules: ["一.2"],
      },
      // Left out by 二.1 in every month, and by 一.1 in March: both named, in the order met.
      { fact: "b", index: 0, date: "2024-11-30", window: Q1_LABEL, rules: ["二.1", "一.1"] },
    ]);
    // Each period's own result lists what it left out under its own window, untouched.
    expect(r.periods?.[0]?.result.excluded).toEqual([
      {
        fact: "b",
        index: 0,
        date: "2024-11-30",
        window: "2025-01-01至2025-01-31",
        rules: ["二.1"],
      },
      {
        fact: "b",
        index: 2,
        date: "2025-03-31",
        window: "2025-01-01至2025-01-31",
        rules: ["二.1"],
      },
    ]);
  });

  it("a range of one period names the rules that left a finding out", () => {
    const r = ok(
      scoreUnit(
        noWindow(),
        { id: "甲", facts: { notes: [{ date: "2025-02-01" }, { date: "2025-01-20" }] } },
        { window: { from: "2025-01-10", to: "2025-01-31" } },
      ),
    );
    expect(spans(r)).toEqual([["2025-01", "2025年1月", "2025-01-10", "2025-01-31"]]);
    // Without a window of the rule set, the period's window is the clause's: named by its days.
    expect(r.periods?.[0]?.result.excluded).toEqual([
      {
        fact: "notes",
        index: 0,
        date: "2025-02-01",
        window: "2025-01-10至2025-01-31",
        rules: ["二.1"],
      },
    ]);
    expect(r.excluded).toEqual([
      {
        fact: "notes",
        index: 0,
        date: "2025-02-01",
        window: "2025-01-10至2025-01-31",
        rules: ["二.1"],
      },
    ]);
  });

  it("rows of counts and series values: by their period, the months the range touches kept", () => {
    const crs = compileRuleSet({
      ...rules(
        {},
        {
          facts: [
            { id: "notes", label: "其他信息", type: "findings" },
            { id: "submitted", label: "每月报送信息条数", type: "series" },
          ],
          tree: [
            {
              id: "二",
              title: "其他信息",
              points: 0,
              overdraw: true,
              clauses: [per("二.1", "notes")],
            },
            {
              id: "三",
              title: "报送任务",
              points: 0,
              overdraw: true,
              clauses: [
                {
                  id: "三.1",
                  type: "target",
                  fact: "submitted",
                  period: "month",
                  min: 2,
                  each: 1,
                  text: "每月报送信息不少于2条,未完成的当月扣1分",
                  ref,
                },
              ],
            },
          ],
        },
      ),
      window: undefined,
    } as never);
    const months = ["2024-12", "2025-01", "2025-02", "2025-03", "2025-04"];
    const r = ok(
      scoreUnit(
        crs,
        {
          id: "甲",
          facts: {
            notes: months.map((period) => ({ period, count: 1 })),
            submitted: Object.fromEntries(months.map((m) => [m, 2])),
          },
        },
        { window: { from: "2025-01-31", to: "2025-03-01" } },
      ),
    );
    // Each month one row (1分) and its 2 submissions (no deduction).
    expect(scores(r)).toEqual(["1", "1", "1"]);
    const label = "2025-01-31至2025-03-01";
    expect(r.excluded).toEqual([
      {
        fact: "notes",
        index: 0,
        period: "2024-12",
        date: "2024-12",
        window: label,
        rules: ["二.1"],
      },
      {
        fact: "notes",
        index: 4,
        period: "2025-04",
        date: "2025-04",
        window: label,
        rules: ["二.1"],
      },
      {
        fact: "submitted",
        index: -1,
        period: "2024-12",
        date: "2024-12",
        window: label,
        rules: ["三.1"],
      },
      {
        fact: "submitted",
        index: -1,
        period: "2025-04",
        date: "2025-04",
        window: label,
        rules: ["三.1"],
      },
    ]);
  });
});
