import { describe, expect, it } from "vitest";
import { compile, halfYears, item, ref, stepBelow100 } from "../../test/helpers.js";
import type { KaoheIssue } from "../errors/issue.js";
import { scoreUnit, scoreUnits } from "./evaluate.js";
import type { UnitOutcome } from "./types.js";

// What src/evaluate/evaluate.ts itself decides, beyond the constructs it calls: the refusals of a
// unit (its facts' shape, unknown and derived facts, its category, the run options, duplicates),
// which missing facts are reported when nodes may not apply (C17), the warnings of nested parts,
// the gates of a rescaled total, the order of excluded findings and one report per bad finding.
// Written against the survivors of a focused mutation run on evaluate.ts (docs/reliability.md).
//
// Mutants of evaluate.ts that no test can kill (same behaviour), by line of the run's report:
// - 72 `let known = false`, 73 `if (true) known = false`, 75 `if (true)`: the loop that reports
//   unknown keys then also runs when every key is known, and reports nothing.
// - 89 (every mutant of `r.fast && raw !== undefined && raw !== null` and its block) and 91 (`if
//   (v !== SLOW)` false, its block emptied): the fast readers are an optimisation; a value they do
//   not take, or one they would take, is read by the general path to the same value (fact-reader.ts
//   promises it; src/evaluate/fact-reader.test.ts checks it), and undefined or null gives SLOW.
// - 107 `if (true) env.set(r.id, v)`: a fact set to undefined reads as absent everywhere (every
//   reader uses env.get; links.ts's env.has is followed by a list check).
// - 112 `if (true) deriveFacts(…)`: with no derived facts it loops over nothing.
// - 139 `o.ok || o.parts`: a combined result that is ok always has parts, a refusal never has.
// - 157 `i.unit === undefined` → true: no issue reaches withUnit with a unit already set.
// - 199 `category !== null` → true: a unit without a category reaches it only when the rule set
//   has no categories, whose one plan is under null, so `!crs.plans.has(null)` is false anyway.
// - 242/245 (now one check `!p || errors.length`): `!p` is redundant there, prepareUnit returns
//   null only with an error pushed.
// - 306 and 308 (`?? ""` of period and note, and their `&&` forms): two exclusions of one fact
//   and one index are the same finding (or series period), whose period equals its date and whose
//   note is the same; the date comparison already orders them, so these never decide.
// - 379 `if (pending.has(f))` → true: filtering the missing facts by f finds none when f is not
//   pending.
// - 383 `if (na.has(i))` → false: re-reading a node inside a subtree already out adds nothing.

const fact = (id: string, label: string, type: string, extra: Record<string, unknown> = {}) => ({
  id,
  label,
  type,
  ...extra,
});
const per = (id: string, f: string, each = 1) => ({
  id,
  type: "per",
  fact: f,
  each,
  text: `每处扣${each}分`,
  ref,
});
const failed = (o: UnitOutcome): KaoheIssue[] => (o.ok ? [] : o.issues);
const codes = (o: UnitOutcome) => failed(o).map((i) => [i.code, i.path.join(".")]);

describe("a unit's facts", () => {
  const crs = () =>
    compile({
      facts: [
        fact("n", "问题数", "count", { missing: "zero" }),
        fact("m", "通报数", "count", { missing: "zero" }),
      ],
      points: 10,
      tree: [item("A", 10, [per("A1", "n"), per("A2", "m")])],
    } as never);

  it("facts that are not a mapping are refused by what they are, never read as no facts", () => {
    const asMap = scoreUnit(crs(), { id: "甲", facts: new Map([["n", 1]]) as never });
    expect(failed(asMap)).toEqual([
      {
        code: "F_BAD_UNITS",
        severity: "error",
        path: ["facts"],
        message: "事实文件:facts 应为映射(事实编号: 值),实际是一个 Map 对象",
        unit: "甲",
      },
    ]);
    const asList = scoreUnit(crs(), { id: "甲", facts: [1, 2] as never });
    expect(failed(asList).map((i) => i.message)).toEqual([
      "事实文件:facts 应为映射(事实编号: 值),实际是一个列表",
    ]);
  });

  it("unknown facts are reported when no fact given is known, in key order whatever the input's", () => {
    const r = scoreUnit(crs(), { id: "甲", facts: { 问题: 1, 答复: 2 } });
    expect(codes(r)).toEqual([
      ["F_UNKNOWN_FACT", "facts.答复"],
      ["F_UNKNOWN_FACT", "facts.问题"],
    ]);
    const mixed = scoreUnit(crs(), { id: "甲", facts: { zz: 1, n: 2, aa: 3 } });
    expect(codes(mixed)).toEqual([
      ["F_UNKNOWN_FACT", "facts.aa"],
      ["F_UNKNOWN_FACT", "facts.zz"],
    ]);
    expect(scoreUnit(crs(), { id: "甲", facts: { m: 1, n: 2 } }).ok).toBe(true);
  });

  it("a derived fact given by the unit is refused at its place, by its label", () => {
    const derived = compile({
      facts: [
        fact("m1", "一季度", "count"),
        fact("m2", "二季度", "count"),
        fact("t", "合计", "count", { derive: { sum: ["m1", "m2"] } }),
      ],
      points: 10,
      tree: [item("A", 10, [per("A1", "t")])],
    } as never);
    const r = scoreUnit(derived, { id: "甲", facts: { m1: 1, m2: 2, t: 3 } });
    expect(failed(r)).toEqual([
      {
        code: "F_DERIVED_GIVEN",
        severity: "error",
        path: ["facts", "t"],
        message: "事实「合计」(t)由其他事实算出(derive),单位不能自己填写;请删去它,填写它所用的事实",
        unit: "甲",
      },
    ]);
    const ok = scoreUnit(derived, { id: "甲", facts: { m1: 1, m2: 2 } });
    expect(ok.ok && ok.total.toFixed()).toBe("7");
  });

  it("links are checked only once every findings fact is read", () => {
    const linked = compile({
      facts: [
        fact("f", "采用", "findings", { missing: "zero" }),
        fact("p", "批示", "findings", { missing: "zero", links: { fact: "f" } }),
      ],
      points: 10,
      tree: [item("A", 10, [per("A1", "f"), per("A2", "p")])],
    } as never);
    // f is refused, so it is not read: a link to it cannot be checked, and is not called unknown.
    const r = scoreUnit(linked, { id: "甲", facts: { f: "三条", p: [{ of: "a1" }] } });
    expect(codes(r)).toEqual([["F_FACT_TYPE", "facts.f"]]);
    const unknown = scoreUnit(linked, {
      id: "甲",
      facts: { f: [{ id: "a2" }], p: [{ of: "a1" }] },
    });
    expect(codes(unknown)).toEqual([["F_UNKNOWN_LINK", "facts.p.0.of"]]);
    const fine = scoreUnit(linked, { id: "甲", facts: { f: [{ id: "a1" }], p: [{ of: "a1" }] } });
    expect(fine.ok && fine.total.toFixed()).toBe("8");
  });
});

describe("categories", () => {
  const categorised = () =>
    compile({
      categories: [
        { id: "city", label: "市" },
        { id: "county", label: "县" },
      ],
      facts: [fact("n", "问题数", "count"), fact("m", "乡镇问题数", "count")],
      points: 10,
      tree: [
        item("A", 10, [per("A1", "n")], { pointsBy: { county: 5 } }),
        item("B", 5, [per("B1", "m")], { only: ["county"] }),
      ],
    } as never);

  it("a fact the unit's category does not read is not required, but is checked when given", () => {
    const city = scoreUnit(categorised(), { id: "甲", category: "city", facts: { n: 1 } });
    expect(city.ok && [city.category, city.total.toFixed()]).toEqual(["city", "9"]);
    const bad = scoreUnit(categorised(), {
      id: "甲",
      category: "city",
      facts: { n: 1, m: "两处" },
    });
    expect(codes(bad)).toEqual([["F_FACT_TYPE", "facts.m"]]);
    const county = scoreUnit(categorised(), { id: "乙", category: "county", facts: { n: 1 } });
    expect(codes(county)).toEqual([["F_MISSING_FACT", "facts.m"]]);
  });

  it("a unit without a category, or with one the rule set does not have, is refused in Chinese", () => {
    const none = scoreUnit(categorised(), { id: "甲", facts: { n: 1 } });
    expect(none).toEqual({
      ok: false,
      unit: "甲",
      category: null,
      issues: [
        {
          code: "F_CATEGORY_REQUIRED",
          severity: "error",
          path: ["category"],
          message: "规则按单位类别评分(city, county);每个单位都要写明 category",
          unit: "甲",
        },
      ],
    });
    const other = scoreUnit(categorised(), { id: "甲", category: "town", facts: { n: 1 } });
    expect(failed(other)).toEqual([
      {
        code: "F_UNKNOWN_CATEGORY",
        severity: "error",
        path: ["category"],
        message: '单位类别 "town" 不存在;规则中的类别有:city, county',
        unit: "甲",
      },
    ]);
    const plain = compile({
      facts: [fact("n", "问题数", "count")],
      points: 10,
      tree: [item("A", 10, [per("A1", "n")])],
    } as never);
    expect(scoreUnit(plain, { id: "甲", facts: { n: 1 } }).ok).toBe(true);
    const given = scoreUnit(plain, { id: "甲", category: "city", facts: { n: 1 } });
    expect(failed(given)).toEqual([
      {
        code: "F_UNKNOWN_CATEGORY",
        severity: "error",
        path: ["category"],
        message: '单位类别 "city" 不存在;规则中的类别有:无(这套规则不分类别,单位不写 category)',
        unit: "甲",
      },
    ]);
  });
});

describe("C17: missing facts of nodes that may not apply", () => {
  // A (always) reads a and b; B applies when b and reads c; the veto reads v.
  const crs = () =>
    compile({
      facts: [
        fact("a", "问题数", "count"),
        fact("b", "有政务服务", "boolean"),
        fact("c", "服务问题数", "count"),
        fact("v", "重大失误", "boolean"),
      ],
      points: 10,
      tree: [
        item("A", 5, [
          per("A1", "a"),
          { id: "A2", type: "check", when: "b", points: 1, text: "有政务服务,1分", ref },
        ]),
        item("B", 5, [per("B1", "c")], { applicable: "b", ifNotApplicable: { mode: "spread" } }),
      ],
      vetoes: [{ id: "V", type: "override", when: "v", amount: 5, text: "重大失误扣5分", ref }],
    } as never);

  it("a fact read outside the tree (a veto) is required whatever applies", () => {
    expect(codes(scoreUnit(crs(), { id: "甲", facts: { a: 0, b: false } }))).toEqual([
      ["F_MISSING_FACT", "facts.v"],
    ]);
    // B does not apply: its 5 points go to A, which loses 1 of 5 by A2 and is scaled to 10.
    const r = scoreUnit(crs(), { id: "甲", facts: { a: 0, b: false, v: false } });
    expect(r.ok && r.total.toFixed()).toBe("8");
  });

  it("a missing fact of an applicability condition is reported once", () => {
    expect(codes(scoreUnit(crs(), { id: "甲", facts: { a: 0, c: 0, v: false } }))).toEqual([
      ["F_MISSING_FACT", "facts.b"],
    ]);
  });

  it("when a condition's fact is refused, what applies is unknown: every missing fact is reported", () => {
    const r = scoreUnit(crs(), { id: "甲", facts: { a: 0, b: "也许", v: false } });
    expect(codes(r)).toEqual([
      ["F_FACT_TYPE", "facts.b"],
      ["F_MISSING_FACT", "facts.c"],
    ]);
  });
});

describe("run options", () => {
  const crs = () =>
    compile({
      facts: [fact("f", "问题", "findings", { missing: "zero" })],
      points: 10,
      tree: [item("A", 10, [per("A1", "f")])],
    } as never);
  const run = (options: Record<string, unknown>, facts: Record<string, unknown> = {}) =>
    scoreUnit(crs(), { id: "甲", facts }, options);
  const windowOption = (from: string, to: string) => [
    {
      code: "F_OPTION",
      severity: "error",
      path: ["window"],
      message: `评分选项 window:须为实际存在的起止日期 YYYY-MM-DD,起日不晚于止日,相隔不超过11000天,而不是 "${from}..${to}"`,
      unit: "甲",
    },
  ];

  it("an as-of date that is not a date is refused, in Chinese", () => {
    expect(failed(run({ asOf: "2009-6-30" }))).toEqual([
      {
        code: "F_OPTION",
        severity: "error",
        path: ["asOf"],
        message: '评分选项 asOf:须为实际存在的日期 YYYY-MM-DD,而不是 "2009-6-30"',
        unit: "甲",
      },
    ]);
    expect(codes(run({ asOf: "2009-02-29" }))).toEqual([["F_OPTION", "asOf"]]);
    expect(run({ asOf: "2008-02-29" }).ok).toBe(true);
  });

  it("a bad option fails a unit with bad facts too, after its facts' problems", () => {
    expect(codes(run({ asOf: "2009-6-30" }, { g: 1 }))).toEqual([
      ["F_UNKNOWN_FACT", "facts.g"],
      ["F_OPTION", "asOf"],
    ]);
    expect(codes(run({ window: { from: "2024-07-01", to: "2024-01-01" } }, { f: "三条" }))).toEqual(
      [
        ["F_FACT_TYPE", "facts.f"],
        ["F_OPTION", "window"],
      ],
    );
  });

  it("a window needs two real dates, from ≤ to, at most 11000 days apart", () => {
    // Day numbers count from 1970-01-01: windows near it tell a missing date from a small one.
    const table: [string, string, boolean][] = [
      ["2024-01-01", "2024-06-30", true],
      ["2024-03-01", "2024-03-01", true],
      ["2024-03-02", "2024-03-01", false],
      ["1990-02-30", "1990-12-31", false],
      ["不是日期", "1990-12-31", false],
      ["1970-01-01", "1970-13-01", false],
      ["1970-01-01", "1970-01-32", false],
      ["2000-01-01", "2030-02-12", true], // 11000 days
      ["2000-01-01", "2030-02-13", false], // 11001 days
    ];
    for (const [from, to, ok] of table) {
      const r = run({ window: { from, to } });
      expect([from, to, failed(r)]).toEqual([from, to, ok ? [] : windowOption(from, to)]);
    }
  });

  it("the run's window counts undated findings and names itself as written in what it leaves out", () => {
    const r = run(
      { window: { from: "2024-01-01", to: "2024-06-30" } },
      {
        f: [
          { date: "2024-02-01", note: "甲" },
          { date: "2024-08-01", note: "乙" },
          { note: "无日期" },
        ],
      },
    );
    expect(r.ok && r.total.toFixed()).toBe("8");
    expect(r.ok && r.excluded).toEqual([
      {
        fact: "f",
        index: 1,
        date: "2024-08-01",
        note: "乙",
        window: "2024-01-01至2024-06-30",
        rules: ["A1"],
      },
    ]);
  });
});

describe("excluded findings are sorted, whatever order the rules left them out in", () => {
  const h1 = { from: "2024-01-01", to: "2024-06-30", undated: "include" };
  const q2 = { from: "2024-04-01", to: "2024-06-30", undated: "include" };
  const crs = (nodes: [string, string, unknown][]) =>
    compile({
      facts: [
        fact("a", "甲类问题", "findings", { missing: "zero" }),
        fact("b", "乙类问题", "findings", { missing: "zero" }),
      ],
      points: nodes.length * 10,
      tree: nodes.map(([id, f, window]) => item(id, 10, [per(`${id}1`, f)], { window })),
    } as never);
  const left = (nodes: [string, string, unknown][], facts: Record<string, unknown>) => {
    const r = scoreUnit(crs(nodes), { id: "甲", facts });
    return r.ok ? r.excluded.map((x) => `${x.fact}#${x.index} ${x.date}`) : failed(r);
  };

  it("by fact first", () => {
    const facts = { a: [{ date: "2024-07-01" }], b: [{ date: "2024-08-01" }] };
    expect(
      left(
        [
          ["X", "b", h1],
          ["Y", "a", h1],
        ],
        facts,
      ),
    ).toEqual(["a#0 2024-07-01", "b#0 2024-08-01"]);
    // Already in order, with the later fact's finding first in its list: the fact decides.
    const later = {
      a: [{ date: "2024-02-01" }, { date: "2024-07-01" }],
      b: [{ date: "2024-08-01" }],
    };
    expect(
      left(
        [
          ["X", "a", h1],
          ["Y", "b", h1],
        ],
        later,
      ),
    ).toEqual(["a#1 2024-07-01", "b#0 2024-08-01"]);
  });

  it("then by the finding's place in its fact", () => {
    // X (first half) leaves out a[2]; then Y (second quarter) leaves out a[0], and a[2] again.
    const facts = { a: [{ date: "2024-02-01" }, { date: "2024-05-01" }, { date: "2024-09-01" }] };
    expect(
      left(
        [
          ["X", "a", h1],
          ["Y", "a", q2],
        ],
        facts,
      ),
    ).toEqual(["a#0 2024-02-01", "a#2 2024-09-01", "a#2 2024-09-01"]);
  });
});

describe("one report per bad finding", () => {
  const year = { from: "2024-01-01", to: "2024-12-31", undated: "error" };
  const crs = () =>
    compile({
      facts: [
        fact("f", "问题", "findings", { missing: "zero" }),
        fact("f1", "其他问题", "findings", { missing: "zero" }),
      ],
      points: 20,
      window: year,
      tree: [item("A", 10, [per("A1", "f"), per("A2", "f", 2)]), item("B", 10, [per("B1", "f1")])],
    } as never);

  it("two rules reading one undated finding report it once; different places each once", () => {
    const dated = (n: number) => Array.from({ length: n }, () => ({ date: "2024-03-01" }));
    const r = scoreUnit(crs(), {
      id: "甲",
      facts: { f: [...dated(11), { note: "无日期" }], f1: [...dated(1), { note: "无日期" }] },
    });
    expect(codes(r)).toEqual([
      ["F_FINDING_UNDATED", "facts.f.11.date"],
      ["F_FINDING_UNDATED", "facts.f1.1.date"],
    ]);
  });
});

describe("rescaled totals and gates", () => {
  it("after rescale, gates read the rescaled total once, not rescaled again", () => {
    const crs = compile({
      facts: [
        fact("a", "a", "count", { missing: "zero" }),
        fact("d", "d", "count", { missing: "zero" }),
        fact("s", "s", "boolean"),
        fact("g", "g", "count", { missing: "zero" }),
      ],
      points: 100,
      tree: [
        item("A", 80, [per("A.x", "a")]),
        item("S", 20, [per("S.x", "d")], { applicable: "s" }),
      ],
      adjustments: [
        {
          id: "加分",
          title: "加分项",
          clauses: [
            {
              id: "加分.x",
              type: "per",
              effect: "add",
              fact: "g",
              each: 1,
              text: "每项加1分",
              ref,
            },
          ],
        },
      ],
      rescale: {
        to: 100,
        rounding: { places: 2, mode: "half-up" },
        text: "最终得分=实际得分÷适用指标总分×100",
        ref,
        adjustments: "after-rescale",
      },
      gates: [{ id: "门", gte: 95, flag: "高", text: "95分以上", ref }],
    } as never);
    // S out: 72 of 80 → 90, + 3 = 93: below the gate (93 ÷ 80 × 100 would pass it).
    const r = scoreUnit(crs, { id: "甲", facts: { a: 8, s: false, g: 3 } });
    expect(r.ok && [r.total.toFixed(), r.rescale?.score.toFixed(), r.flags]).toEqual([
      "93",
      "90",
      [],
    ]);
    const high = scoreUnit(crs, { id: "甲", facts: { a: 4, s: false, g: 3 } });
    expect(high.ok && [high.total.toFixed(), high.flags]).toEqual(["98", ["高"]]);
  });
});

describe("parts and duplicates", () => {
  const crs = () =>
    compile({
      facts: [fact("r", "公开率", "rate", { missing: "zero" })],
      points: 100,
      tree: [
        item("A", 100, [
          stepBelow100("A1", "r", { per: 1, each: 1, partial: "floor" }, "每低1个百分点扣1分"),
        ]),
      ],
      combine: {
        parts: halfYears(),
        partRounding: "none",
        rounding: { places: 1, mode: "half-up" },
        text: "集中70%,日常30%;上半年40%,年底60%",
        ref,
      },
    } as never);
  const parts = (jz: number, rc: number, xbn: number) => ({
    上半年: { parts: { 集中: { facts: { r: jz } }, 日常: { facts: { r: rc } } } },
    下半年: { facts: { r: xbn } },
  });

  it("the warnings of a nested part are reported at its place; none, no warnings field", () => {
    const r = scoreUnit(crs(), { id: "甲", facts: {}, parts: parts(0.875, 90, 95) as never });
    expect(r.ok).toBe(true);
    expect(r.warnings?.map((w) => [w.code, w.path.join("."), w.unit])).toEqual([
      ["W_RATE_SCALE", "parts.上半年.parts.集中.facts.r", "甲"],
    ]);
    const clean = scoreUnit(crs(), { id: "甲", facts: {}, parts: parts(80, 90, 95) as never });
    expect(clean.ok && clean.total.toFixed()).toBe("90.2");
    expect(clean.warnings).toBeUndefined();
  });

  it("every unit sharing an id is refused, naming the unit and keeping its category", () => {
    const plain = compile({
      categories: [{ id: "county", label: "县" }],
      facts: [fact("n", "问题数", "count")],
      points: 10,
      tree: [item("A", 10, [per("A1", "n")])],
    } as never);
    const dup = (category: string | undefined): UnitOutcome => ({
      ok: false,
      unit: "A",
      category: category ?? null,
      issues: [
        {
          code: "F_DUPLICATE_UNIT",
          severity: "error",
          path: ["id"],
          message: '单位编号 "A" 出现了不止一次',
          unit: "A",
        },
      ],
    });
    const rs = scoreUnits(plain, [
      { id: "A", category: "county", facts: { n: 1 } },
      { id: "B", category: "county", facts: { n: 1 } },
      { id: "A", facts: { n: 2 } },
    ]);
    expect(rs[0]).toEqual(dup("county"));
    expect(rs[1]?.ok).toBe(true);
    expect(rs[2]).toEqual(dup(undefined));
  });
});
