import { describe, expect, it } from "vitest";
import {
  checkNode,
  compile,
  item,
  itemX,
  leadFails,
  perNode,
  perSubjectCap,
  plusOneIfGood,
  ref,
  reward,
  said,
  score,
  stepBelow100,
} from "../../test/helpers.js";
import { dstr } from "../decimal.js";
import { scoreUnit, scoreUnits } from "./evaluate.js";

const count = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id,
  type: "count" as const,
  ...extra,
});
const bool = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id,
  type: "boolean" as const,
  ...extra,
});
const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

describe("item scoring", () => {
  it("C3/C4: clause caps, then the item's cumulative cap (本项累计扣分不超过13分)", () => {
    const crs = compile({
      facts: [count("a"), count("b"), count("c")],
      points: 15,
      tree: [
        itemX([{ id: "x1", type: "per", fact: "a", each: 1, text: "每条扣1分", ref }], {
          points: 2,
        }),
        {
          id: "y",
          title: "答复",
          points: 13,
          cap: 13,
          clauses: [
            {
              id: "y1",
              type: "per",
              fact: "b",
              each: 0.5,
              cap: 5,
              text: "每条扣0.5分,扣完5分为止",
              ref,
            },
            {
              id: "y2",
              type: "per",
              fact: "c",
              each: 1,
              cap: 13,
              text: "每条扣1分,扣完13分为止",
              ref,
            },
          ],
        },
      ],
    });
    const r = score(crs, { a: 5, b: 20, c: 10 });
    expect(t(r.nodes.x?.score)).toBe("0");
    expect(t(r.nodes.y?.score)).toBe("0");
    expect(r.nodes.y?.capped).toBe(true);
    const kinds = r.trace
      .filter((e) => e.node === "y")
      .map((e) => [e.kind, e.rule, e.delta && dstr(e.delta)]);
    expect(kinds).toEqual([
      ["deduct", "y1", "-5"],
      ["deduct", "y2", "-10"],
      ["deduct-cap", "y", "2"],
    ]);
    expect(t(score(crs, { a: 1, b: 3, c: 2 }).total)).toBe("10.5");
  });

  it("C5: per-subject caps, grouped by subject or person", () => {
    const crs = compile({
      facts: [{ id: "f", label: "空缺", type: "findings" }],
      points: 1,
      tree: [itemX([perSubjectCap("x1")], { points: 1 })],
    });
    expect(
      t(
        score(crs, {
          f: [
            { subject: "甲", count: 7 },
            { subject: "乙", count: 2 },
          ],
        }).total,
      ),
    ).toBe("0.3");
    expect(
      t(
        score(crs, {
          f: [{ subject: "甲", count: 9 }, { subject: "乙", count: 9 }, { subject: "丙" }],
        }).total,
      ),
    ).toBe("0");
    const bad = scoreUnit(crs, { id: "u", facts: { f: [{ count: 2 }] } });
    expect(!bad.ok && bad.issues.map((i) => i.code)).toEqual(["F_FINDING_SUBJECT"]);
  });

  it("C6: step deductions with floor, ceil and pro-rata partial steps", () => {
    const mk = (partial: "floor" | "ceil" | "prorata") =>
      compile({
        facts: [{ id: "r", label: "比率", type: "rate" }],
        points: 8,
        tree: [
          itemX(
            [
              {
                id: "x1",
                type: "step",
                fact: "r",
                below: 100,
                per: 5,
                each: 2,
                cap: 8,
                partial,
                text: "每减少5%扣2分",
                ref,
              },
            ],
            { points: 8 },
          ),
        ],
      });
    const at = (p: "floor" | "ceil" | "prorata", r: string) => t(score(mk(p), { r }).total);
    expect([
      at("floor", "100"),
      at("floor", "96"),
      at("floor", "95"),
      at("floor", "93"),
      at("floor", "70"),
    ]).toEqual(["8", "8", "6", "6", "0"]);
    expect([at("ceil", "99.9"), at("ceil", "95"), at("ceil", "94.9")]).toEqual(["6", "6", "4"]);
    expect([at("prorata", "97.5"), at("prorata", "93")]).toEqual(["7", "5.2"]);
  });

  it("C6: two bands, marginal and whole", () => {
    const mk = (bandMode: "marginal" | "whole") =>
      compile({
        facts: [{ id: "r", label: "比率", type: "rate" }],
        points: 10,
        tree: [
          itemX([
            {
              id: "x1",
              type: "step",
              fact: "r",
              bands: [
                { below: 96, per: 1, each: 0.25 },
                { below: 90, per: 1, each: 0.5 },
              ],
              bandMode,
              partial: "prorata",
              text: "低于96%的,每降低1个百分点扣0.25分;低于90%的,每降低1个百分点扣0.5分",
              ref,
            },
          ]),
        ],
      });
    // 88%: marginal = 6 × 0.25 + 2 × 0.5 = 2.5; whole = 8 × 0.5 = 4.
    expect(t(score(mk("marginal"), { r: 88 }).total)).toBe("7.5");
    expect(t(score(mk("whole"), { r: 88 }).total)).toBe("6");
    expect(t(score(mk("marginal"), { r: 93 }).total)).toBe("9.25");
    expect(t(score(mk("whole"), { r: 93 }).total)).toBe("9.25");
  });

  it("C2/C7: check items and fixed deductions, comparing two facts", () => {
    const crs = compile({
      facts: [
        bool("ok"),
        { id: "n", label: "n", type: "number" },
        { id: "m", label: "m", type: "number" },
      ],
      points: 4,
      tree: [
        checkNode("a", 1, "ok", "专班人员到位,1分"),
        item("b", 3, [
          {
            id: "b1",
            type: "fixed",
            when: { fact: "n", gt: { fact: "m" } },
            amount: 3,
            text: "大于核定数,扣3分",
            ref,
          },
        ]),
      ],
    });
    expect(t(score(crs, { ok: true, n: 10, m: 10 }).total)).toBe("4");
    expect(t(score(crs, { ok: false, n: 11, m: 10 }).total)).toBe("0");
  });

  it("C13: discretionary amounts must lie in the stated range", () => {
    const crs = compile({
      facts: [{ id: "amt", label: "酌情扣分", type: "amount", min: 0, max: 100 }],
      points: 100,
      tree: [
        item("a", 100, [
          { id: "a1", type: "range", fact: "amt", min: 50, max: 100, text: "扣50-100分", ref },
        ]),
      ],
    });
    expect(t(score(crs, { amt: 0 }).total)).toBe("100");
    expect(t(score(crs, { amt: 50 }).total)).toBe("50");
    const r = scoreUnit(crs, { id: "u", facts: { amt: 30 } });
    expect(!r.ok && r.issues[0]?.code).toBe("F_DISCRETION_RANGE");
  });
});

describe("overrides and vetoes", () => {
  const base = () =>
    compile({
      facts: [
        bool("fake", { default: false }),
        bool("lead", { default: false }),
        count("n", { missing: "zero" }),
      ],
      points: 10,
      grades: {
        order: ["优秀", "合格", "不合格"],
        bands: [{ grade: "优秀", gte: 9 }, { grade: "合格", gte: 6 }, { grade: "不合格" }],
      },
      tree: [
        {
          id: "a",
          title: "组织领导",
          points: 4,
          clauses: [
            { id: "a1", type: "per", fact: "n", each: 1, text: "每次扣1分", ref },
            leadFails,
          ],
        },
        perNode("b", 6, "n", 0.5, "每次扣0.5分"),
      ],
      vetoes: [
        {
          id: "v",
          type: "override",
          when: "fake",
          total: 0,
          grade: "不合格",
          flag: "取消评先资格",
          text: "弄虚作假的,直接归零",
          ref,
        },
      ],
    });

  it("C8: a node grade with a deduction stays within the node's cap", () => {
    const r = score(base(), { lead: true, n: 2 });
    expect(t(r.nodes.a?.score)).toBe("0");
    expect(r.nodes.a?.grade).toBe("不合格");
    expect(t(r.total)).toBe("5");
    expect(r.grade).toBe("不合格");
    expect(r.gradeSource).toBe("band");
    expect(t(score(base(), { lead: true }).nodes.a?.score)).toBe("1");
  });

  it("C9: zero-out forces its declared total, grade and flag, whatever else holds", () => {
    const r = score(base(), { fake: true });
    expect(t(r.total)).toBe("0");
    expect(r.grade).toBe("不合格");
    expect(r.gradeSource).toBe("override");
    expect(r.flags).toEqual(["取消评先资格"]);
    expect(r.trace.some((e) => e.kind === "fixed-total")).toBe(true);
  });

  it("C9: fixed score, stop scoring, zero one section", () => {
    const mk = (v: Record<string, unknown>) =>
      compile({
        facts: [bool("x")],
        points: 10,
        tree: [checkNode("a", 4, "x", "a"), checkNode("b", 6, "x", "b")],
        vetoes: [
          { id: "v", type: "override", when: "x", text: "此大项不得分", ref, ...v } as never,
        ],
      });
    expect(t(score(mk({ zero: ["b"] }), { x: true }).total)).toBe("4");
    expect(t(score(mk({ zero: ["b"] }), { x: true }).nodes.b?.score)).toBe("0");
    const stopped = score(mk({ stop: true, total: 59 }), { x: true });
    expect([t(stopped.total), stopped.stopped, Object.keys(stopped.nodes).length]).toEqual([
      "59",
      true,
      0,
    ]);
    expect(t(score(mk({ total: 59 }), { x: false }).total)).toBe("0");
  });
});

describe("bonuses, adjustments, measures and policies", () => {
  it("C11: bonusCombine max (按最高级别计分) and a bonus cap", () => {
    // The same bonuses summed or the highest only, in a tree node (bonusCombine, bonusCap) and in
    // an adjustment outside the tree (combine, cap). The amounts are chosen so that max and sum
    // differ below the caps, and that the caps bite either way.
    const add = (id: string, when: string, amount: number) => ({
      id,
      type: "fixed" as const,
      effect: "add" as const,
      when,
      amount,
      text: `${id}加${amount}分`,
      ref,
    });
    const mk = (combine: "sum" | "max") =>
      compile({
        facts: ["np", "nc", "nx", "prov", "city", "nat"].map((f) => bool(f, { default: false })),
        points: 10,
        tree: [
          {
            id: "z",
            title: "加分指标",
            points: 10,
            bonusCap: 3,
            bonusCombine: combine,
            clauses: [add("z1", "np", 2), add("z2", "nc", 0.5), add("z3", "nx", 4)],
          },
        ],
        adjustments: [
          {
            id: "bonus",
            title: "特别加分项",
            cap: 5,
            combine,
            clauses: [add("p", "prov", 3), add("c", "city", 1), add("n", "nat", 6)],
          },
        ],
      });
    const max = mk("max");
    const sum = mk("sum");
    const node = (crs: typeof max, facts: Record<string, boolean>) =>
      t(score(crs, facts).nodes.z?.score);
    const total = (crs: typeof max, facts: Record<string, boolean>) => t(score(crs, facts).total);
    // In the node: 2 and 0.5 give 2 (the highest) or 2.5 (both), under the cap of 3.
    expect(node(max, { np: true, nc: true })).toBe("12");
    expect(node(sum, { np: true, nc: true })).toBe("12.5");
    expect(t(score(max, { np: true, nc: true }).nodes.z?.added)).toBe("2");
    // The cap bites either way: 4 alone, or 2 + 0.5 + 4, is held to 3.
    expect(node(max, { nx: true })).toBe("13");
    expect(node(sum, { np: true, nc: true, nx: true })).toBe("13");
    // In the adjustment: 3 and 1 give 3 (the highest) or 4 (both), under the cap of 5.
    expect(total(max, { prov: true, city: true })).toBe("13");
    expect(total(sum, { prov: true, city: true })).toBe("14");
    // The cap bites either way: 6 alone, or 3 + 1 + 6, is held to 5.
    expect(total(max, { nat: true })).toBe("15");
    expect(total(sum, { prov: true, city: true, nat: true })).toBe("15");
    // One bonus alone is the same either way.
    expect(total(max, { city: true })).toBe("11");
    expect(total(sum, { city: true })).toBe("11");
  });

  it("C10: 倒扣 beyond an item's own points, bounded by the parent", () => {
    const crs = compile({
      facts: [count("leak")],
      points: 10,
      tree: [
        {
          id: "p",
          title: "p",
          points: 10,
          children: [
            {
              id: "x",
              title: "保密",
              points: 1,
              overdraw: true,
              clauses: [
                {
                  id: "x1",
                  type: "per",
                  fact: "leak",
                  each: 6,
                  text: "将涉密信息公开(每出现一次倒扣6分)",
                  ref,
                },
              ],
            },
            perNode("y", 9, "leak", 0, "—"),
          ],
        },
      ],
    });
    const r = score(crs, { leak: 1 });
    expect(t(r.nodes.x?.score)).toBe("-5");
    expect(t(r.total)).toBe("4");
    expect(t(score(crs, { leak: 2 }).total)).toBe("0");
  });

  it("C18: capScope top-level lets lower levels overshoot but not the level-1 indicator", () => {
    const crs = compile({
      policy: {
        rounding: { places: 2, mode: "half-up", at: "total" },
        missingFact: "error",
        capScope: "top-level",
      },
      facts: [count("n")],
      points: 10,
      tree: [
        {
          id: "p",
          title: "一级",
          points: 10,
          children: [
            {
              id: "a",
              title: "二级",
              points: 2,
              clauses: [{ id: "a1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
            },
            {
              id: "b",
              title: "二级",
              points: 8,
              clauses: [{ id: "b1", type: "per", fact: "n", each: 0, text: "—", ref }],
            },
          ],
        },
      ],
    });
    expect(t(score(crs, { n: 5 }).nodes.a?.score)).toBe("-3");
    expect(t(score(crs, { n: 5 }).total)).toBe("5");
    expect(t(score(crs, { n: 50 }).total)).toBe("0");
  });

  it("bonusFloor: before-floor lets additions offset deductions before the floor", () => {
    const mk = (bonusFloor: "after-floor" | "before-floor") =>
      compile({
        policy: {
          rounding: { places: 2, mode: "half-up", at: "total" },
          missingFact: "error",
          bonusFloor,
        },
        facts: [count("n"), bool("good")],
        points: 2,
        tree: [
          item("a", 2, [
            { id: "a1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref },
            plusOneIfGood,
          ]),
        ],
      });
    expect(t(score(mk("after-floor"), { n: 3, good: true }).total)).toBe("1");
    expect(t(score(mk("before-floor"), { n: 3, good: true }).total)).toBe("0");
  });

  it("C15 + C14: thresholds with inclusive bounds, and a money measure", () => {
    const crs = compile({
      measures: [
        { id: "points", label: "积分", unit: "分" },
        { id: "money", label: "奖励", unit: "元" },
      ],
      facts: [{ id: "amt", label: "扣分", type: "amount", min: 0, max: 1000 }, count("adopted")],
      points: 0,
      tree: [
        item(
          "z",
          0,
          [{ id: "z1", type: "range", fact: "amt", min: 0, max: 1000, text: "扣分", ref }],
          { overdraw: true },
        ),
      ],
      adjustments: [reward(20, "每条奖励20元")],
      thresholds: [
        {
          id: "t100",
          of: "deducted",
          gte: 100,
          flag: "不能参加评选",
          text: "全年扣分超过100分(含100分)…不能参加评选",
          ref,
        },
        {
          id: "t200",
          of: "deducted",
          gte: 200,
          flag: "通报批评",
          text: "扣分超过200分(含200分)…予以通报批评",
          ref,
        },
      ],
    });
    const flags = (amt: number) => score(crs, { amt, adopted: 0 }).flags;
    expect([flags(99), flags(100), flags(199), flags(200)]).toEqual([
      [],
      ["不能参加评选"],
      ["不能参加评选"],
      ["不能参加评选", "通报批评"],
    ]);
    const r = score(crs, { amt: 0, adopted: 3 });
    expect(t(r.measures.money)).toBe("60");
    expect(t(r.total)).toBe("0");
  });

  it("C14: a cap on an item in another measure is explained in that measure's unit", () => {
    const crs = compile({
      measures: [
        { id: "points", label: "积分", unit: "分" },
        { id: "money", label: "奖励", unit: "元" },
      ],
      facts: [count("adopted"), count("n")],
      points: 1,
      tree: [perNode("a", 1, "n", 1)],
      adjustments: [reward(20, "每条奖励20元,最高50元", { cap: 50 })],
    });
    const r = score(crs, { adopted: 3, n: 0 });
    expect(t(r.measures.money)).toBe("50");
    const cap = r.trace.find((e) => e.kind === "add-cap");
    expect([cap?.measure, t(cap?.delta), said(cap)]).toEqual(["money", "-10", "本项奖励最高50元"]);
  });

  it("rounding at leaves or nodes is traced and exact", () => {
    const crs = compile({
      policy: { rounding: { places: 1, mode: "half-up", at: "leaves" }, missingFact: "error" },
      facts: [{ id: "r", label: "r", type: "rate" }],
      points: 1,
      tree: [
        item("a", 1, [
          {
            id: "a1",
            type: "step",
            fact: "r",
            below: 100,
            per: 3,
            each: 0.1,
            partial: "prorata",
            text: "—",
            ref,
          },
        ]),
      ],
    });
    const r = score(crs, { r: 99 });
    expect(t(r.nodes.a?.score)).toBe("1");
    expect(r.trace.map((e) => e.kind)).toEqual(["deduct", "round"]);
  });
});

describe("facts", () => {
  const crs = () =>
    compile({
      facts: [
        bool("b"),
        count("c", { missing: "zero" }),
        { id: "r", label: "r", type: "rate", missing: "not-applicable" },
        count("d", { default: 2 }),
      ],
      points: 10,
      tree: [
        checkNode("a", 4, "b", "a"),
        itemX(
          [
            { id: "x1", type: "per", fact: "c", each: 1, text: "c", ref },
            { id: "x2", type: "per", fact: "d", each: 0.5, text: "d", ref },
          ],
          { points: 3 },
        ),
        item("y", 3, [stepBelow100("y1", "r", { per: 1, each: 1, partial: "floor" }, "r")]),
      ],
    });

  it("a missing fact is an error naming it, its declared default, zero, or not applicable — never a silent 0", () => {
    const miss = scoreUnit(crs(), { id: "u", facts: {} });
    expect(!miss.ok && miss.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_MISSING_FACT", "facts.b"],
    ]);
    const r = score(crs(), { b: true });
    expect(t(r.total)).toBe("9");
    expect(r.trace.find((e) => e.kind === "not-applicable")?.rule).toBe("y1");
  });

  it("ill-typed and out-of-range facts are reported, each by name", () => {
    const r = scoreUnit(crs(), { id: "u", facts: { b: "yes", c: -1, r: 101, zz: 1 } });
    expect(!r.ok && r.issues.map((i) => `${i.code}:${i.path.join(".")}`).sort()).toEqual([
      "F_FACT_RANGE:facts.r",
      "F_FACT_TYPE:facts.b",
      "F_FACT_TYPE:facts.c",
      "F_UNKNOWN_FACT:facts.zz",
    ]);
    const proto = scoreUnit(crs(), {
      id: "u",
      facts: JSON.parse('{"b": true, "__proto__": {"x": 1}}'),
    });
    expect(!proto.ok && proto.issues[0]?.code).toBe("F_UNKNOWN_FACT");
  });

  it("decimal strings are accepted as numbers", () => {
    expect(t(score(crs(), { b: true, c: "1", r: "98.5" }).total)).toBe("7");
  });

  it("duplicate unit ids in one run are all reported, whichever comes first", () => {
    const rs = scoreUnits(crs(), [
      { id: "A", facts: { b: true } },
      { id: "A", facts: { b: false } },
      { id: "B", facts: { b: true } },
    ]);
    expect(rs.map((r) => r.ok)).toEqual([false, false, true]);
    expect(!rs[1]?.ok && rs[1]?.issues[0]?.code).toBe("F_DUPLICATE_UNIT");
  });
});

describe("review fixes", () => {
  it("a veto may cap the total instead of fixing it (不高于59分)", () => {
    const crs = compile({
      facts: [bool("x"), count("n")],
      points: 100,
      tree: [perNode("a", 100, "n", 1)],
      vetoes: [
        {
          id: "v",
          type: "override",
          when: "x",
          total: 59,
          totalMode: "at-most",
          text: "判定为不合格(不高于59分)",
          ref,
        },
      ],
    });
    expect(t(score(crs, { x: true, n: 10 }).total)).toBe("59");
    expect(t(score(crs, { x: true, n: 52 }).total)).toBe("48");
  });

  it("a node grade is explained, and deductions count alike at every depth", () => {
    const crs = compile({
      facts: [bool("lead"), count("n", { missing: "zero" })],
      points: 10,
      grades: { order: ["合格", "不合格"] },
      tree: [
        {
          id: "a",
          title: "组织领导",
          points: 4,
          clauses: [
            {
              id: "a1",
              type: "override",
              when: "lead",
              grade: "不合格",
              gradeScope: "node",
              text: "直接按不合格处理",
              ref,
            },
          ],
        },
        perNode("b", 6, "n", 1),
      ],
    });
    const r = score(crs, { lead: true, n: 2 });
    expect(said(r.trace.find((e) => e.kind === "grade"))).toBe("本项直接定为不合格");
    expect(t(r.deducted)).toBe("2");
  });

  it("a money clause explains itself in its own unit", () => {
    const crs = compile({
      measures: [
        { id: "points", label: "积分", unit: "分" },
        { id: "money", label: "奖励", unit: "元" },
      ],
      facts: [count("n")],
      points: 0,
      tree: [perNode("z", 0, "n", 0, "—", { overdraw: true })],
      adjustments: [
        {
          id: "r",
          title: "奖励",
          clauses: [
            {
              id: "r1",
              type: "per",
              effect: "add",
              measure: "money",
              fact: "n",
              each: 20,
              text: "每条奖励20元",
              ref,
            },
          ],
        },
      ],
    });
    expect(said(score(crs, { n: 3 }).trace.find((e) => e.rule === "r1"))).toBe("3处×20元=60元");
  });
});
