import { describe, expect, it } from "vitest";
import {
  combineGiven,
  compile,
  plain,
  ref,
  reported,
  ruleSet,
  said,
  score,
} from "../../../test/helpers.js";
import { scoreCohort } from "../../cohort/cohort.js";
import { Decimal, toDecimal } from "../../decimal.js";
import { scoreUnit } from "../../evaluate/evaluate.js";
import type { UnitResult } from "../../evaluate/types.js";
import { outcomeToJSON } from "../../explain/json.js";
import { renderExplanation } from "../../explain/render.js";
import { compileRescale, rescaleWords } from "./compile.js";

// C17 rescale: the score over the items that apply, rescaled to a stated full score. Its
// evaluation is in src/evaluate/rescale.ts; the fixture test/cohort-sets/rescale/ has cases, and
// test/rescale.property.test.ts the properties (never above `to`, independent of the grouping).

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed() ?? null;
const count = (id: string) => ({ id, label: id, type: "count", missing: "zero" }) as const;
const flag = (id: string) => ({ id, label: id, type: "boolean" }) as const;
const per = (id: string, fact: string, each: number | string = 1) => ({
  id,
  type: "per",
  fact,
  each,
  text: `每处扣${each}分`,
  ref,
});
const spec = (over: Record<string, unknown> = {}) => ({
  to: 100,
  rounding: { places: 2, mode: "half-up" },
  text: "最终得分=实际得分÷适用指标总分×100",
  ref,
  ...over,
});

/** A 50 + 30 + 20 tree; S (20) applies only with s, and B's child B2 (10) only with b2. */
const tree = [
  { id: "A", title: "甲项", points: 50, clauses: [per("A.x", "a")] },
  {
    id: "B",
    title: "乙项",
    children: [
      { id: "B1", title: "乙一", points: 20, clauses: [per("B1.x", "b")] },
      { id: "B2", title: "乙二", points: 10, applicable: "b2", clauses: [per("B2.x", "c")] },
    ],
  },
  { id: "S", title: "办事服务", points: 20, applicable: "s", clauses: [per("S.x", "d")] },
];
const facts = [count("a"), count("b"), count("c"), count("d"), flag("s"), flag("b2")];
const base = (over: Record<string, unknown> = {}) =>
  ruleSet({ facts, points: 100, tree, rescale: spec(), ...over } as never);
/** The trace adds up to the total: 满分 + Σ delta (the explanation invariant). */
const addsUp = (r: UnitResult, points: number) =>
  r.trace.reduce((a, e) => (e.delta ? a.plus(e.delta) : a), new Decimal(points)).equals(r.total);
const bonusItem = {
  id: "加分",
  title: "加分项",
  clauses: [
    { id: "加分.x", type: "per", effect: "add", fact: "g", each: 1, text: "每项加1分", ref },
  ],
};

describe("C17 rescale", () => {
  it("compiles once: the full score parsed, rounding policy made explicit, items after by default", () => {
    const policy = { places: 1, mode: "half-even" } as const;
    expect(plain(compileRescale(spec({ rounding: "policy" }) as never, policy))).toEqual({
      to: "100",
      places: 1,
      mode: "half-even",
      adjustments: "after-rescale",
      text: "最终得分=实际得分÷适用指标总分×100",
      ref,
    });
    expect(compileRescale(spec({ adjustments: "before-rescale" }) as never, policy)).toMatchObject({
      places: 2,
      mode: "half-up",
      adjustments: "before-rescale",
    });
  });

  it("says the division with its inputs, from its effect", () => {
    const d = toDecimal;
    const e = {
      type: "rescale-total" as const,
      earned: d(82),
      applicable: d(90),
      to: d(100),
      exact: d(8200).dividedBy(90),
      places: 2,
      score: d("91.11"),
    };
    expect(rescaleWords(e)).toBe(
      "得分率换算:实得82分÷适用项满分90分×100=91.1111…分,保留2位小数为91.11分",
    );
    expect(
      rescaleWords({ ...e, earned: d(72), applicable: d(80), exact: d(90), score: d(90) }),
    ).toBe("得分率换算:实得72分÷适用项满分80分×100=90分");
    expect(rescaleWords({ ...e, items: d(-2) })).toContain("实得82分(含项目外加减分-2分)÷");
    expect(rescaleWords({ ...e, items: d(3) })).toContain("(含项目外加减分+3分)");
  });

  it("divides the points earned by the points of the items that apply, at any depth", () => {
    const crs = compile(base() as never);
    // S (20) and B2 (10) do not apply: applicable 70. A loses 3, B1 loses 2: earned 65.
    // 65 ÷ 70 × 100 = 92.857142… → 92.86.
    const r = score(crs, { a: 3, b: 2, s: false, b2: false });
    expect([
      t(r.total),
      t(r.rescale?.earned),
      t(r.rescale?.applicable),
      t(r.rescale?.score),
    ]).toEqual(["92.86", "65", "70", "92.86"]);
    expect(
      Object.values(r.nodes)
        .filter((n) => n.notApplicable)
        .map((n) => n.id),
    ).toEqual(["B2", "S"]);
    // Nothing moves to a sibling: A keeps its 50 points, B scores 20 − 2 + the 10 that left.
    expect([t(r.nodes.A?.score), t(r.nodes.B?.score), r.nodes.A?.effectivePoints]).toEqual([
      "47",
      "18",
      undefined,
    ]);
    const na = r.trace.find((e) => e.rule === "S");
    expect(plain(na?.effect)).toEqual({
      type: "not-applicable",
      points: "20",
      spread: false,
      excluded: true,
    });
    expect(said(na)).toBe("本项不适用于该单位,分值20分不计入适用项满分");
    const e = r.trace.find((x) => x.kind === "rescale-total");
    expect(plain(e)).toMatchObject({
      rule: "rescale",
      node: null,
      delta: "27.86",
      text: "最终得分=实际得分÷适用指标总分×100",
      ref: { doc: "doc", at: "第一条" },
      effect: { earned: "65", applicable: "70", to: "100", places: 2, score: "92.86" },
    });
    expect(said(e)).toBe("得分率换算:实得65分÷适用项满分70分×100=92.8571…分,保留2位小数为92.86分");
    expect(addsUp(r, 100)).toBe(true);
    // The trace off: the same score, no entries.
    const quiet = scoreUnit(
      crs,
      { id: "u", facts: { a: 3, b: 2, s: false, b2: false } },
      {
        trace: false,
      },
    );
    expect(quiet.ok && [t(quiet.total), quiet.trace.length]).toEqual(["92.86", 0]);
  });

  it("is the score itself when every item applies and `to` is the full score", () => {
    const r = score(compile(base() as never), { a: 3, b: 2, c: 1, d: 4, s: true, b2: true });
    expect([t(r.total), t(r.rescale?.applicable)]).toEqual(["90", "100"]);
    expect(r.trace.find((e) => e.kind === "rescale-total")?.delta?.isZero()).toBe(true);
  });

  it("restates a table of another full score on `to` (满分120分的评分表按百分制计)", () => {
    const crs = compile({
      facts: [count("a")],
      points: 120,
      tree: [{ id: "A", title: "A", points: 120, clauses: [per("A.x", "a")] }],
      rescale: spec({ rounding: { places: 1, mode: "half-up" } }),
      cohort: {
        ranking: { ties: "shared" },
        convert: { to: 4, places: 2, mode: "half-up", text: "按4%折算", ref },
      },
    } as never);
    // 120 − 6 = 114 of 120 → 95; the entry takes 19 off.
    const r = score(crs, { a: 6 });
    expect([t(r.total), t(r.trace.find((e) => e.kind === "rescale-total")?.delta)]).toEqual([
      "95",
      "-19",
    ]);
    expect(addsUp(r, 120)).toBe(true);
    expect(renderExplanation(crs, r)).toContain("总分 95分(满分 100分)");
    expect(renderExplanation(crs, r)).toContain(
      "总分:折算减少19分。得分率换算:实得114分÷适用项满分120分×100=95分",
    );
    // K7 converts from the full score the score is stated on: 95 × 4 ÷ 100, not ÷ 120.
    const c = scoreCohort(crs, [{ id: "u", facts: { a: 6 } }]);
    expect(t(c.units[0]?.converted)).toBe("3.8");
  });

  it("rescales each scored part of a combined score, and checks a given part against `to`", () => {
    const crs = compile({
      facts: [count("a")],
      points: 120,
      tree: [{ id: "A", title: "A", points: 120, clauses: [per("A.x", "a")] }],
      rescale: spec(),
      combine: combineGiven(2),
    } as never);
    // 集中: 120 − 12 = 108 of 120 → 90; 日常 given 95 (of 100, the stated full score):
    // 90 × 70% + 95 × 30% = 63 + 28.5 = 91.5.
    const r = scoreUnit(crs, {
      id: "u",
      facts: {},
      parts: { 集中: { facts: { a: 12 } }, 日常: { score: 95 } },
    });
    expect(r.ok && t(r.total)).toBe("91.5");
    // 110 would fit the tree's 120 points but not the 100 the scores are stated on.
    const over = scoreUnit(crs, {
      id: "u",
      facts: {},
      parts: { 集中: { facts: { a: 12 } }, 日常: { score: 110 } },
    });
    expect(over.ok ? null : over.issues.map((i) => i.message).join()).toContain("0–100");
  });

  it("rounds as the policy says with `rounding: policy`, exactly once", () => {
    const crs = compile(
      base({
        policy: { rounding: { places: 1, mode: "half-even", at: "total" }, missingFact: "error" },
        rescale: spec({ rounding: "policy" }),
      }) as never,
    );
    // applicable 80 (S out), earned 80 − 7 − 2 = 71 → 88.75 → half-even at 1 place: 88.8.
    const r = score(crs, { a: 7, b: 2, c: 0, s: false, b2: true });
    expect([t(r.rescale?.score), t(r.total)]).toEqual(["88.8", "88.8"]);
    // 80 − 9 − 2 = 69 → 86.25 → half-even: 86.2 (half-up would say 86.3).
    expect(t(score(crs, { a: 9, b: 2, c: 0, s: false, b2: true }).total)).toBe("86.2");
  });

  it("grades, gates and thresholds read the rescaled score", () => {
    const crs = compile(
      base({
        grades: { order: ["优秀", "一般"], bands: [{ grade: "优秀", gte: 90 }, { grade: "一般" }] },
        thresholds: [{ id: "线", of: "total", gte: 90, flag: "九十", text: "90分以上", ref }],
        gates: [{ id: "门", gte: 90, flag: "进入", text: "90分以上的", ref }],
      }) as never,
    );
    // S out: applicable 80; earned 72 → 90 exactly: 优秀, both flags. Unrescaled 72 would be neither.
    const r = score(crs, { a: 6, b: 2, c: 0, s: false, b2: true });
    expect([t(r.total), r.grade, r.flags]).toEqual(["90", "优秀", ["进入", "九十"]]);
  });

  it("places the items outside the tree after the rescaling, or before it, as stated", () => {
    const set = (adjustments: string) =>
      compile(
        base({
          facts: [...facts, count("g")],
          adjustments: [bonusItem],
          rescale: spec({ adjustments }),
          gates: [{ id: "门", gte: 95, flag: "高", text: "95分以上", ref }],
        }) as never,
      );
    const f = { a: 4, b: 0, c: 0, s: false, b2: true, g: 3 };
    // S out: applicable 80, earned 76. after: 76 ÷ 80 × 100 = 95, + 3 = 98.
    const after = score(set("after-rescale"), f);
    expect([
      t(after.total),
      t(after.rescale?.score),
      t(after.rescale?.earned),
      t(after.added),
    ]).toEqual(["98", "95", "76", "3"]);
    expect(after.trace.map((e) => e.kind).slice(-3)).toEqual(["rescale-total", "add", "gate"]);
    // before: (76 + 3) ÷ 80 × 100 = 98.75; the gate read 98.75, not 79.
    const before = score(set("before-rescale"), f);
    expect([t(before.total), t(before.rescale?.earned), before.flags]).toEqual([
      "98.75",
      "79",
      ["高"],
    ]);
    const e = before.trace.at(-1);
    expect(plain(e?.effect)).toMatchObject({ type: "rescale-total", earned: "79", items: "3" });
    expect(said(e)).toBe("得分率换算:实得79分(含项目外加减分+3分)÷适用项满分80分×100=98.75分");
    expect(addsUp(after, 100) && addsUp(before, 100)).toBe(true);
  });

  it("lets vetoes act as stated: amounts with the items, zeroing inside, fixed totals after", () => {
    const set = (veto: Record<string, unknown>, adjustments?: string) =>
      compile(
        base({
          facts: [...facts, flag("v")],
          vetoes: [{ id: "否决", type: "override", when: "v", text: "弄虚作假的", ref, ...veto }],
          ...(adjustments ? { rescale: spec({ adjustments }) } : {}),
        }) as never,
      );
    const f = { a: 0, b: 0, c: 0, s: false, b2: true, v: true };
    // A zeroed item still applies: earned 80 − 50 = 30 of 80 → 37.5.
    expect(t(score(set({ zero: ["A"] }), f).total)).toBe("37.5");
    // 判定为59分: the total is fixed on the stated scale, after the rescaling.
    expect(t(score(set({ total: 59 }), f).total)).toBe("59");
    expect(t(score(set({ total: 59, totalMode: "at-most" }), f).total)).toBe("59");
    // An amount (扣5分): after → 100 − 5 = 95; before → (80 − 5) ÷ 80 × 100 = 93.75.
    expect(t(score(set({ amount: 5 }, "after-rescale"), f).total)).toBe("95");
    expect(t(score(set({ amount: 5 }, "before-rescale"), f).total)).toBe("93.75");
    // A stop: 0, whatever applies.
    expect(t(score(set({ stop: true }), f).total)).toBe("0");
  });

  it("refuses a unit to which no item applies, by name", () => {
    const crs = compile(
      base({
        tree: [
          { id: "S", title: "S", points: 60, applicable: "s", clauses: [per("S.x", "d")] },
          { id: "T", title: "T", points: 40, applicable: "b2", clauses: [per("T.x", "a")] },
        ],
      }) as never,
    );
    const r = scoreUnit(crs, { id: "u", facts: { s: false, b2: false } });
    expect(r.ok ? null : r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_NO_APPLICABLE_POINTS", "nodes"],
    ]);
    expect(r.ok ? "" : r.issues[0]?.message).toContain("无法按得分率换算为100分制");
  });

  it("shows its figures in the JSON output, and only when the rule set rescales", () => {
    const crs = compile(base() as never);
    const r = score(crs, { a: 3, b: 2, c: 0, s: false, b2: true });
    expect(outcomeToJSON(r, { trace: false }).rescale).toEqual({
      earned: "75",
      applicable: "80",
      to: "100",
      score: "93.75",
    });
    const plainSet = compile({
      facts: [count("a")],
      points: 10,
      tree: [{ id: "A", title: "A", points: 10, clauses: [per("A.x", "a")] }],
    } as never);
    expect(outcomeToJSON(score(plainSet, { a: 1 })).rescale).toBeUndefined();
  });

  it("lints its full score, where the points of an item that does not apply go, and the items' place", () => {
    expect(reported(base())).toEqual([]);
    // Without rescale, applicable needs ifNotApplicable (C17); with it, ifNotApplicable is refused.
    expect(reported(base({ rescale: undefined }))).toEqual([
      ["E_REQUIRED", "tree.1.children.1"],
      ["E_REQUIRED", "tree.2"],
    ]);
    const withMode = tree.map((n) =>
      n.id === "S" ? { ...n, ifNotApplicable: { mode: "rescale" } } : n,
    );
    expect(reported(base({ tree: withMode }))).toEqual([["E_EXCLUSIVE", "tree.2.ifNotApplicable"]]);
    expect(reported(base({ rescale: spec({ to: 0 }) }))).toEqual([
      ["E_NOT_POSITIVE", "rescale.to"],
    ]);
    expect(reported(base({ rescale: spec({ ref: { doc: "无" } }) }))).toEqual([
      ["E_UNKNOWN_REF", "rescale.ref.doc"],
    ]);
    const open = {
      facts: [count("a")],
      tree: [{ id: "A", title: "A", points: 0, overdraw: true, clauses: [per("A.x", "a")] }],
    };
    expect(reported(base({ ...open, points: 0 }))).toEqual([["E_CANNOT_CONVERT", "rescale"]]);
    // Items outside the tree in the points measure, or a veto's amount: before or after is stated.
    const withBonus = { facts: [...facts, count("g")], adjustments: [bonusItem] };
    expect(reported(base(withBonus))).toEqual([["E_REQUIRED", "rescale"]]);
    const vetoAmount = {
      facts: [...facts, flag("v")],
      vetoes: [{ id: "v", type: "override", when: "v", amount: 5, text: "扣5分", ref }],
    };
    expect(reported(base(vetoAmount))).toEqual([["E_REQUIRED", "rescale"]]);
    expect(
      reported(base({ ...withBonus, rescale: spec({ adjustments: "before-rescale" }) })),
    ).toEqual([]);
    expect(reported(base({ rescale: spec({ adjustments: "after-rescale" }) }))).toEqual([
      ["W_UNREACHABLE", "rescale.adjustments"],
    ]);
    expect(reported(base({ rescale: spec({ rounding: { places: 2 } }) }))[0]?.[0]).toBe(
      "E_REQUIRED",
    );
  });
});
