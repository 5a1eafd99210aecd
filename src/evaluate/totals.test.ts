import { describe, expect, it } from "vitest";
import { compile, goodBonus, perNode, plain, ref, score } from "../../test/helpers.js";
import { describeEntry } from "../explain/describe.js";
import { scoreUnit } from "./evaluate.js";

// The unit's totals around the tree (src/evaluate/totals.ts): vetoes that fix, cap or stop the
// total, items outside the tree in the points measure and in others, C19's gates, the rounding of
// other measures, and the grade when the rule set has none or no band applies. Each test pins
// behaviour that a mutation run found unchecked.

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed() ?? null;
const count = (id: string) => ({ id, label: id, type: "count", missing: "zero" }) as const;
const tree = [perNode("A", 100, "n", 1)];

describe("vetoes that fix, cap or stop the total", () => {
  const crs = compile({
    facts: [count("n"), count("late"), count("fake"), count("halt")],
    points: 100,
    tree,
    vetoes: [
      {
        id: "不高于60",
        type: "override",
        when: { fact: "late", gte: 1 },
        total: 60,
        totalMode: "at-most",
        text: "迟报的,总分不高于60分",
        ref,
      },
      {
        id: "归零",
        type: "override",
        when: { fact: "fake", gte: 1 },
        total: 0,
        text: "弄虚作假的,直接归零",
        ref,
      },
      {
        id: "停止",
        type: "override",
        when: { fact: "halt", gte: 1 },
        stop: true,
        text: "拒不整改的,不再评分",
        ref,
      },
    ],
  } as never);

  it("an at-most ceiling lowers a higher total, names its veto, and leaves a lower one", () => {
    const high = score(crs, { n: 10, late: 1 });
    expect(t(high.total)).toBe("60");
    const e = high.trace.find((x) => x.kind === "fixed-total");
    expect([e?.rule, t(e?.delta), plain(e?.effect), e?.text]).toEqual([
      "不高于60",
      "-30",
      { type: "total", mode: "ceiling", total: "60" },
      "迟报的,总分不高于60分",
    ]);
    expect(describeEntry(e as never)).toBe("总分不高于60分");
    const low = score(crs, { n: 50, late: 1 });
    expect(t(low.total)).toBe("50");
    expect(low.trace.some((x) => x.kind === "fixed-total")).toBe(false);
  });

  it("a fixed total is no ceiling: a unit at it already gets no entry", () => {
    const r = score(crs, { n: 100, fake: 1 });
    expect(t(r.total)).toBe("0");
    expect(r.trace.filter((x) => x.kind === "fixed-total")).toEqual([]);
    const z = score(crs, { n: 3, fake: 1 });
    const e = z.trace.find((x) => x.kind === "fixed-total");
    expect([e?.rule, t(e?.delta), plain(e?.effect)]).toEqual([
      "归零",
      "-97",
      { type: "total", mode: "fixed", total: "0" },
    ]);
  });

  it("a stop without a total gives 0, recorded as a stop by the veto that stopped", () => {
    const r = score(crs, { n: 3, halt: 1 });
    expect([t(r.total), r.stopped, r.nodes]).toEqual(["0", true, {}]);
    const e = r.trace.find((x) => x.kind === "stop");
    expect([e?.rule, plain(e?.effect)]).toEqual([
      "停止",
      { type: "total", mode: "stop", total: "0" },
    ]);
  });

  it("two fixed totals: the lower stands and its veto is named, in either order", () => {
    const two = (order: number[]) => {
      const vs = [
        {
          id: "五十九",
          type: "override",
          when: { fact: "late", gte: 1 },
          total: 59,
          text: "判定为不合格(59分)",
          ref,
        },
        {
          id: "归零",
          type: "override",
          when: { fact: "fake", gte: 1 },
          total: 0,
          text: "直接归零",
          ref,
        },
      ];
      const c = compile({
        facts: [count("n"), count("late"), count("fake")],
        points: 100,
        tree,
        vetoes: order.map((i) => vs[i]),
      } as never);
      const r = score(c, { n: 0, late: 1, fake: 1 });
      return [t(r.total), r.trace.find((x) => x.kind === "fixed-total")?.rule];
    };
    expect(two([0, 1])).toEqual(["0", "归零"]);
    expect(two([1, 0])).toEqual(["0", "归零"]);
  });

  it("with the trace off the total is the same and nothing is recorded", () => {
    const r = scoreUnit(crs, { id: "u", facts: { n: 10, late: 1 } }, { trace: false });
    expect(r.ok && [t(r.total), r.trace]).toEqual(["60", []]);
  });
});

describe("items outside the tree", () => {
  const crs = compile({
    measures: [
      { id: "points", label: "积分", unit: "分" },
      { id: "money", label: "奖励", unit: "元", rounding: { places: 0, mode: "down" } },
    ],
    facts: [count("n"), count("bad"), count("good"), count("adopted")],
    points: 100,
    tree,
    adjustments: [
      {
        id: "减分",
        title: "特别减分",
        clauses: [{ id: "减1", type: "per", fact: "bad", each: 2, text: "每次扣2分", ref }],
      },
      {
        id: "加分",
        title: "特别加分",
        clauses: [
          { id: "加1", type: "per", effect: "add", fact: "good", each: 1, text: "每个加1分", ref },
        ],
      },
      {
        id: "奖励",
        title: "奖励",
        clauses: [
          {
            id: "奖1",
            type: "per",
            effect: "add",
            measure: "money",
            fact: "adopted",
            each: 12.5,
            text: "每条奖励12.5元",
            ref,
          },
        ],
      },
    ],
  } as never);

  it("a deduction counts in deducted, an addition in added, another measure in neither", () => {
    const r = score(crs, { n: 1, bad: 2, good: 3, adopted: 3 });
    expect([t(r.total), t(r.deducted), t(r.added)]).toEqual(["98", "5", "3"]);
    // 3 × 12.5 = 37.5 yuan, rounded down to whole yuan by the measure's own rounding; the points
    // total is untouched by it.
    expect([t(r.measures.money), t(r.measures.points)]).toEqual(["37", "98"]);
  });

  it("an item that gives nothing changes nothing", () => {
    const r = score(crs, { n: 0, bad: 0, good: 0, adopted: 0 });
    expect([t(r.total), t(r.deducted), t(r.added), t(r.measures.money)]).toEqual([
      "100",
      "0",
      "0",
      "0",
    ]);
  });
});

describe("C19 gates: flags, stops and the bonus stage", () => {
  const crs = compile({
    facts: [count("n"), count("good")],
    points: 100,
    grades: {
      order: ["合格", "基本合格", "不合格"],
      bands: [{ grade: "合格", gte: 60 }, { grade: "基本合格" }],
    },
    tree,
    adjustments: [goodBonus(2, "每个加2分")],
    gates: [
      {
        id: "不合格线",
        lt: 50,
        grade: "不合格",
        flag: "约谈",
        stop: true,
        text: "低于50分,不合格并约谈",
        ref,
      },
      { id: "提醒线", lt: 70, flag: "提醒", opens: "bonus", text: "低于70分的提醒,仍可加分", ref },
      { id: "加分线", gt: 80, opens: "bonus", text: "高于80分,进入加分环节", ref },
    ],
  } as never);

  it("a failing gate grades, flags and stops: no later gate and no bonus", () => {
    const r = score(crs, { n: 55, good: 3 });
    expect([t(r.total), r.grade, r.flags]).toEqual(["45", "不合格", ["约谈"]]);
    expect(r.trace.filter((e) => e.kind === "gate").map((e) => e.rule)).toEqual(["不合格线"]);
    const g = r.trace.find((e) => e.kind === "gate");
    expect(plain(g?.effect)).toEqual({
      type: "gate",
      score: "45",
      grade: "不合格",
      flag: "约谈",
      opensBonus: false,
      stop: true,
    });
    expect(g?.ref).toBeDefined();
  });

  it("a gate that does not stop lets the next one run; one that opens the bonus adds it", () => {
    const r = score(crs, { n: 35, good: 3 });
    expect([t(r.total), r.grade, r.flags]).toEqual(["71", "合格", ["提醒"]]);
    expect(r.trace.filter((e) => e.kind === "gate").map((e) => e.rule)).toEqual(["提醒线"]);
  });

  it("between the lines no gate applies and no bonus is added", () => {
    const r = score(crs, { n: 25, good: 3 });
    expect([t(r.total), r.flags]).toEqual(["75", []]);
    expect(r.trace.some((e) => e.kind === "gate")).toBe(false);
    const top = score(crs, { n: 10, good: 3 });
    expect([t(top.total), top.flags]).toEqual(["96", []]);
  });
});

describe("the grade", () => {
  it("is null, not absent, when the rule set has no grades", () => {
    const r = score(compile({ facts: [count("n")], points: 100, tree } as never), { n: 1 });
    expect([r.grade, r.gradeSource]).toEqual([null, null]);
    expect(Object.hasOwn(r, "grade")).toBe(true);
  });

  it("is null when no band reaches the total and nothing forces one", () => {
    const crs = compile({
      facts: [count("n")],
      points: 100,
      grades: {
        order: ["优秀", "合格"],
        bands: [
          { grade: "优秀", gte: 90 },
          { grade: "合格", gte: 60 },
        ],
      },
      tree,
    } as never);
    const r = score(crs, { n: 50 });
    expect([t(r.total), r.grade, r.gradeSource]).toEqual(["50", null, null]);
    expect(score(crs, { n: 5 }).gradeSource).toBe("band");
  });
});

describe("a veto that zeroes an item (此项不得分)", () => {
  it("names itself in the item's entry: its id, 原文, reference and the facts that triggered it", () => {
    const crs = compile({
      facts: [count("n"), { id: "fake", label: "提供虚假材料", type: "boolean" }],
      points: 100,
      tree: [perNode("A", 60, "n", 1), perNode("B", 40, "n", 0, "不扣分")],
      vetoes: [
        {
          id: "虚假",
          type: "override",
          when: "fake",
          zero: ["A"],
          text: "提供虚假材料的,该项不得分",
          ref,
        },
      ],
    } as never);
    const r = score(crs, { n: 5, fake: true });
    expect(t(r.total)).toBe("40");
    const z = r.trace.find((e) => e.kind === "zero");
    expect([z?.rule, z?.node, t(z?.delta), z?.text, z?.facts, z?.ref?.doc]).toEqual([
      "虚假",
      "A",
      "-55",
      "提供虚假材料的,该项不得分",
      { fake: "是" },
      "doc",
    ]);
    expect(score(crs, { n: 5, fake: false }).trace.some((e) => e.kind === "zero")).toBe(false);
  });
});
