import { describe, expect, it } from "vitest";
import {
  compile,
  item,
  leadershipItem,
  leadFails,
  plain,
  plusOneIfGood,
  ref,
  said,
  score,
} from "../../test/helpers.js";
import type { CompiledRuleSet } from "../index.js";
import { scoreUnit } from "./evaluate.js";
import type { NodeResult, TraceEntry } from "./types.js";

// The indicator tree of one unit (src/evaluate/tree.ts): node caps (扣完为止) and what they give
// back, the floor at 0, 倒扣, bonuses and node grades, zeroing by a veto, rounding at nodes or
// leaves and how a parent's cap weighs its children's rounding, and C17's points of items that do
// not apply moved to their siblings. Each test pins behaviour that a mutation run found unchecked.

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed() ?? null;
const count = (id: string) => ({ id, label: id, type: "count", missing: "zero" }) as const;
const bool = (id: string) => ({ id, label: id, type: "boolean", default: false }) as const;
const per = (id: string, fact: string, each: number) => ({
  id,
  type: "per" as const,
  fact,
  each,
  text: `${id}每处扣${each}分`,
  ref,
});
const policy = (over: Record<string, unknown> = {}) => ({
  rounding: { places: 2, mode: "half-up", at: "total" },
  missingFact: "error",
  ...over,
});
/** A node's figures as text: points, deducted, added, adjust, shift, score, capped. */
const figs = (r: NodeResult | undefined) =>
  r && {
    points: t(r.points),
    deducted: t(r.deducted),
    added: t(r.added),
    adjust: t(r.adjust),
    shift: t(r.shift),
    score: t(r.score),
    capped: r.capped,
  };
/** The tree's entries of a kind (the total's rounding, at node null, is not the tree's). */
const entries = (tr: TraceEntry[], kind: TraceEntry["kind"]) =>
  tr
    .filter((e) => e.kind === kind && e.node !== null)
    .map((e) => [e.rule, e.node, t(e.delta), plain(e.effect)]);
/** Every delta of the trace, added to the points: the trace must add up to the total. */
const traceSum = (crs: CompiledRuleSet, tr: TraceEntry[]) =>
  tr.reduce((s, e) => (e.delta ? s.plus(e.delta) : s), crs.points);

/**
 * Scores with the trace off: every node's figures and the total are the same as with it, and the
 * trace is empty (the documented contract of `trace: false`).
 */
const quiet = (crs: CompiledRuleSet, facts: Record<string, unknown>) => {
  const on = score(crs, facts);
  const off = scoreUnit(crs, { id: "u", facts }, { trace: false });
  if (!off.ok) throw new Error("not scored");
  expect(plain(off.nodes)).toEqual(plain(on.nodes));
  expect(t(off.total)).toBe(t(on.total));
  expect(off.trace).toEqual([]);
  return on;
};

describe("node caps (扣完为止)", () => {
  const crs = compile({
    facts: [count("a"), count("b"), count("c")],
    points: 10,
    tree: [
      {
        id: "P",
        title: "一级",
        points: 10,
        cap: 6,
        text: "本项累计扣分不超过6分",
        children: [
          { id: "A", title: "A", points: 5, clauses: [per("A1", "a", 1)] },
          {
            id: "B",
            title: "B",
            points: 5,
            cap: 3,
            ref: { doc: "doc", at: "第二条" },
            clauses: [per("B1", "b", 1)],
          },
        ],
        clauses: [per("P1", "c", 1)],
      },
    ],
  } as never);

  it("a node that loses exactly its cap is not capped and gives nothing back", () => {
    const r = score(crs, { b: 3 });
    expect(figs(r.nodes.B)).toMatchObject({ deducted: "3", score: "2", capped: false });
    expect(entries(r.trace, "deduct-cap")).toEqual([]);
  });

  it("above its cap, a node gives back the excess in a node-cap entry and loses exactly its cap", () => {
    const r = score(crs, { b: 5 });
    expect(figs(r.nodes.B)).toMatchObject({ deducted: "3", score: "2", capped: true });
    expect(entries(r.trace, "deduct-cap")).toEqual([
      ["B", "B", "2", { type: "node-cap", lost: "5", cap: "3" }],
    ]);
    const e = r.trace.find((x) => x.kind === "deduct-cap");
    expect([e?.text, e?.ref?.at]).toEqual(["B", "第二条"]);
  });

  it("a parent counts its children's deductions after their caps, and its own clauses", () => {
    // B loses 5, capped at 3; A loses 2; P's own clause 2: P lost 7, capped at 6.
    const r = score(crs, { a: 2, b: 5, c: 2 });
    expect(figs(r.nodes.P)).toEqual({
      points: "10",
      deducted: "6",
      added: "0",
      adjust: "0",
      shift: "0",
      score: "4",
      capped: true,
    });
    expect(entries(r.trace, "deduct-cap")).toEqual([
      ["B", "B", "2", { type: "node-cap", lost: "5", cap: "3" }],
      ["P", "P", "1", { type: "node-cap", lost: "7", cap: "6" }],
    ]);
    expect(r.trace.find((x) => x.rule === "P" && x.kind === "deduct-cap")?.text).toBe(
      "本项累计扣分不超过6分",
    );
    expect(t(r.total)).toBe("4");
    expect(traceSum(crs, r.trace).equals(r.total)).toBe(true);
    // Below the cap nothing is given back at P.
    const low = score(crs, { a: 2, b: 1, c: 1 });
    expect(figs(low.nodes.P)).toMatchObject({ deducted: "4", score: "6", capped: false });
  });

  it("with the trace off the scores are the same and the trace is empty", () => {
    expect(quiet(crs, { a: 2, b: 5, c: 2 }).trace.length).toBeGreaterThan(0);
  });
});

describe("bonusFloor: what a node's cap weighs", () => {
  const mk = (bonusFloor: "after-floor" | "before-floor") =>
    compile({
      policy: policy({ bonusFloor }),
      facts: [count("n"), bool("good")],
      points: 5,
      tree: [item("a", 5, [per("a1", "n", 1), plusOneIfGood])],
    } as never);

  it("after-floor: the cap weighs the deductions alone; the bonus comes on top", () => {
    const r = score(mk("after-floor"), { n: 7, good: true });
    expect(figs(r.nodes.a)).toMatchObject({ deducted: "5", added: "1", score: "1", capped: true });
    expect(entries(r.trace, "deduct-cap")).toEqual([
      ["a", "a", "2", { type: "node-cap", lost: "7", cap: "5" }],
    ]);
  });

  it("before-floor: the cap weighs deductions less the bonus, and the entry still says what was lost", () => {
    const r = score(mk("before-floor"), { n: 7, good: true });
    expect(figs(r.nodes.a)).toMatchObject({ deducted: "6", added: "1", score: "0", capped: true });
    expect(entries(r.trace, "deduct-cap")).toEqual([
      ["a", "a", "1", { type: "node-cap", lost: "7", cap: "5" }],
    ]);
    // A bonus that brings the net loss down to the cap leaves it unbound.
    const at = score(mk("before-floor"), { n: 6, good: true });
    expect(figs(at.nodes.a)).toMatchObject({ deducted: "6", score: "0", capped: false });
  });
});

describe("the floor at 0 and 倒扣", () => {
  // P's children: A is zeroed by a veto (an adjustment, not a deduction), B loses all it has, and
  // P's own clause deducts more: within P's cap, but the score would fall below 0.
  const mk = (overdraw: boolean) =>
    compile({
      facts: [count("b"), count("p"), bool("fake")],
      points: 10,
      tree: [
        {
          id: "P",
          title: "P",
          points: 10,
          ...(overdraw ? { overdraw: true } : {}),
          children: [
            { id: "A", title: "A", points: 5, clauses: [per("A1", "b", 0)] },
            { id: "B", title: "B", points: 5, clauses: [per("B1", "b", 1)] },
          ],
          clauses: [per("P1", "p", 1)],
        },
      ],
      vetoes: [
        {
          id: "虚假",
          type: "override",
          when: "fake",
          zero: ["A"],
          text: "弄虚作假的,此项不得分",
          ref: { doc: "doc", at: "第九条" },
        },
      ],
    } as never);

  it("a node that may not overdraw stops at 0, giving back deductions in a floor entry", () => {
    const crs = mk(false);
    const r = score(crs, { b: 5, p: 3, fake: true });
    expect(figs(r.nodes.P)).toEqual({
      points: "10",
      deducted: "5",
      added: "0",
      adjust: "-5",
      shift: "0",
      score: "0",
      capped: true,
    });
    expect(entries(r.trace, "deduct-cap")).toEqual([["P", "P", "3", { type: "floor" }]]);
    const floor = r.trace.find((x) => x.kind === "deduct-cap");
    expect([said(floor), floor?.text]).toEqual(["本项得分扣完为止", "P"]);
    expect(traceSum(crs, r.trace).equals(r.total)).toBe(true);
    // Just at 0 it needs no floor.
    const zero = score(crs, { b: 5, fake: true });
    expect(figs(zero.nodes.P)).toMatchObject({ deducted: "5", score: "0", capped: false });
    expect(entries(zero.trace, "deduct-cap")).toEqual([]);
  });

  it("a node that may overdraw (倒扣) goes below 0", () => {
    const r = score(mk(true), { b: 5, p: 3, fake: true });
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "8", adjust: "-5", score: "-3" });
    expect(t(r.total)).toBe("-3");
    expect(entries(r.trace, "deduct-cap")).toEqual([]);
  });
});

describe("zeroing by a veto (此项不得分)", () => {
  const crs = compile({
    facts: [count("n"), bool("fake"), bool("late")],
    points: 10,
    tree: [
      {
        id: "P",
        title: "P",
        points: 10,
        children: [
          { id: "A", title: "A", points: 4, clauses: [per("A1", "n", 0.5)] },
          { id: "B", title: "B", points: 6, clauses: [per("B1", "n", 1)] },
        ],
      },
    ],
    vetoes: [
      {
        id: "虚假",
        type: "override",
        when: "fake",
        zero: ["B"],
        text: "弄虚作假的,此项不得分",
        ref: { doc: "doc", at: "第九条" },
      },
      { id: "迟报", type: "override", when: "late", zero: ["A"], text: "迟报的,此项不得分", ref },
    ],
  } as never);

  it("the node's score goes to 0 as an adjustment, in the veto's entry at the node", () => {
    const r = score(crs, { n: 1, fake: true });
    expect(figs(r.nodes.B)).toMatchObject({ deducted: "1", adjust: "-5", score: "0" });
    // The parent keeps the child's zeroing as an adjustment: its cap never gives it back.
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "1.5", adjust: "-5", score: "3.5" });
    const e = r.trace.find((x) => x.kind === "zero");
    expect([
      e?.rule,
      e?.node,
      t(e?.delta),
      e?.text,
      e?.ref?.at,
      e?.facts,
      plain(e?.effect),
    ]).toEqual([
      "虚假",
      "B",
      "-5",
      "弄虚作假的,此项不得分",
      "第九条",
      { fake: "是" },
      { type: "zero" },
    ]);
    expect(t(r.total)).toBe("3.5");
  });

  it("a node already at 0 gets no entry", () => {
    const r = score(crs, { n: 6, fake: true, late: true });
    expect(t(r.nodes.B?.score)).toBe("0");
    expect(r.trace.filter((x) => x.kind === "zero").map((x) => x.node)).toEqual(["A"]);
    expect(r.trace.find((x) => x.kind === "zero")?.ref).toEqual({
      doc: "doc",
      title: "测试文件",
      at: "第一条",
    });
    expect(figs(r.nodes.A)).toMatchObject({ deducted: "3", adjust: "-1", score: "0" });
    expect(figs(r.nodes.B)).toMatchObject({ deducted: "6", adjust: "0", score: "0" });
  });

  it("with the trace off the node is zeroed alike and nothing is written", () => {
    expect(quiet(crs, { n: 1, fake: true }).trace.some((x) => x.kind === "zero")).toBe(true);
  });

  it("without the veto nothing is zeroed", () => {
    const r = score(crs, { n: 1 });
    expect([t(r.nodes.A?.score), t(r.nodes.B?.score), t(r.total)]).toEqual(["3.5", "5", "8.5"]);
    expect(r.trace.some((x) => x.kind === "zero")).toBe(false);
  });
});

describe("node clauses: overrides, grades and bonuses", () => {
  const crs = compile({
    facts: [count("n"), bool("lead"), bool("star"), bool("bad")],
    points: 10,
    grades: { order: ["合格", "不合格"], bands: [{ grade: "合格" }] },
    tree: [
      leadershipItem([
        per("a1", "n", 1),
        leadFails,
        {
          id: "a3",
          type: "override",
          when: "star",
          effect: "add",
          amount: 1.5,
          text: "表彰的加1.5分",
          ref,
        },
        {
          id: "a4",
          type: "override",
          when: "bad",
          grade: "不合格",
          amount: 2,
          text: "单位评为不合格,扣2分",
          ref,
        },
      ]),
    ],
  } as never);

  it("a node grade: on the node, in a grade entry with the clause's words, and its amount deducted", () => {
    const r = score(crs, { lead: true });
    expect(r.nodes.a?.grade).toBe("不合格");
    expect(figs(r.nodes.a)).toMatchObject({ deducted: "3", added: "0", score: "7" });
    const gs = r.trace.filter((x) => x.kind === "grade");
    expect(gs.length).toBe(1);
    const g = gs[0];
    expect([g?.rule, g?.node, g?.text, g?.ref?.at, g?.facts, g?.words?.scope]).toEqual([
      "a2",
      "a",
      "直接按不合格处理,扣3分",
      "第一条",
      { lead: "是" },
      "node",
    ]);
    expect([g?.words, plain(g?.effect)]).toEqual([
      { verb: "扣", unit: "分", scope: "node" },
      { type: "override", amount: "3", grade: "不合格", stop: false, totalMode: "fixed" },
    ]);
    expect(said(g)).toContain("本项直接定为不合格");
  });

  it("an override that adds goes to the node's additions, one that does not fire to nothing", () => {
    const r = score(crs, { star: true, n: 1 });
    expect(figs(r.nodes.a)).toMatchObject({ deducted: "1", added: "1.5", score: "10.5" });
    expect(r.nodes.a && "grade" in r.nodes.a).toBe(false);
    expect(figs(score(crs, { n: 1 }).nodes.a)).toMatchObject({ added: "0", score: "9" });
  });

  it("with the trace off the node grade stands and nothing is written", () => {
    const r = scoreUnit(crs, { id: "u", facts: { lead: true } }, { trace: false });
    expect(r.ok && [r.nodes.a?.grade, r.trace]).toEqual(["不合格", []]);
  });

  it("a grade for the unit is not a node grade, and writes no node-grade entry", () => {
    const r = score(crs, { bad: true });
    expect(r.nodes.a && "grade" in r.nodes.a).toBe(false);
    const gs = r.trace.filter((x) => x.kind === "grade");
    expect(gs.map((x) => [x.rule, x.words?.scope])).toEqual([["a4", undefined]]);
    expect(figs(r.nodes.a)).toMatchObject({ deducted: "2", score: "8" });
    expect(r.grade).toBe("不合格");
  });
});

describe("rounding at nodes or leaves, and the caps above it", () => {
  // Leaves A and B lose fractions; rounding at places 0 moves them. G > P > A, B.
  const mk = (at: "nodes" | "leaves", pCap: number, gCap?: number) =>
    compile({
      policy: policy({ rounding: { places: 0, mode: "half-up", at } }),
      facts: [count("a"), count("b"), count("p")],
      points: 10,
      tree: [
        {
          id: "G",
          title: "G",
          points: 10,
          ...(gCap !== undefined ? { cap: gCap } : {}),
          children: [
            {
              id: "P",
              title: "P",
              points: 10,
              cap: pCap,
              children: [
                { id: "A", title: "A", points: 5, clauses: [per("A1", "a", 0.6)] },
                { id: "B", title: "B", points: 5, clauses: [per("B1", "b", 1)] },
              ],
              clauses: [per("P1", "p", 0.2)],
            },
          ],
        },
      ],
    } as never);

  it("at leaves: each leaf is rounded with a round entry, its parents are not", () => {
    const crs = mk("leaves", 10);
    // A loses 2.4 → 2.6 → 3 (+0.4); P's own 0.2 is not rounded at P.
    const r = score(crs, { a: 4, p: 1 });
    expect(figs(r.nodes.A)).toMatchObject({ deducted: "2.4", adjust: "0.4", score: "3" });
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "2.6", adjust: "0.4", score: "7.8" });
    expect(entries(r.trace, "round")).toEqual([["A", "A", "0.4", { type: "round", places: 0 }]]);
    // A leaf already whole writes no round entry.
    expect(entries(score(crs, { b: 1 }).trace, "round")).toEqual([]);
  });

  it("at nodes: every node is rounded, its own rounding added to what its children passed up", () => {
    const crs = mk("nodes", 10);
    const r = score(crs, { a: 4, p: 1 });
    // P: 10 − 2.6 + 0.4 = 7.8 → 8 (+0.2); G passes P's 8 through.
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "2.6", adjust: "0.6", score: "8" });
    expect(figs(r.nodes.G)).toMatchObject({ deducted: "2.6", adjust: "0.6", score: "8" });
    expect(entries(r.trace, "round")).toEqual([
      ["A", "A", "0.4", { type: "round", places: 0 }],
      ["P", "P", "0.2", { type: "round", places: 0 }],
    ]);
    expect(traceSum(crs, r.trace).equals(r.total)).toBe(true);
  });

  it("a parent's cap weighs what a child lost after its rounding: at the cap it does not bind", () => {
    // A loses 2.4, rounded to 2; B loses 5: net 7 = P's cap.
    const r = score(mk("leaves", 7), { a: 4, b: 5 });
    expect(figs(r.nodes.P)).toMatchObject({
      deducted: "7.4",
      adjust: "0.4",
      score: "3",
      capped: false,
    });
    expect(entries(r.trace, "deduct-cap")).toEqual([]);
  });

  it("when the cap binds it takes the children's rounding in, so the node loses exactly its cap", () => {
    const r = score(mk("leaves", 6), { a: 4, b: 5 });
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "6", adjust: "0", score: "4", capped: true });
    expect(entries(r.trace, "deduct-cap")).toEqual([
      ["P", "P", "1", { type: "node-cap", lost: "7", cap: "6" }],
    ]);
    // The rounding absorbed at P does not reach G: G's cap of 6.5 sees P's 6.
    const g = score(mk("leaves", 6, 6.5), { a: 4, b: 5 });
    expect(figs(g.nodes.G)).toMatchObject({
      deducted: "6",
      adjust: "0",
      score: "4",
      capped: false,
    });
  });

  it("rounding not absorbed below passes up to the grandparent's cap", () => {
    // P's cap does not bind (net 7 < 10): G, capped at 7, still weighs A's rounding.
    const r = score(mk("leaves", 10, 7), { a: 4, b: 5 });
    expect(figs(r.nodes.G)).toMatchObject({
      deducted: "7.4",
      adjust: "0.4",
      score: "3",
      capped: false,
    });
    const over = score(mk("leaves", 10, 6), { a: 4, b: 5 });
    expect(figs(over.nodes.G)).toMatchObject({
      deducted: "6",
      adjust: "0",
      score: "4",
      capped: true,
    });
  });

  it("at nodes, a parent's own rounding counts for the cap above it too", () => {
    // P: 10 − 7.4 + 0.4 − 0.2 = 2.8 → 3 (+0.2, its own): G weighs 7.6 − 0.6 = 7.
    const r = score(mk("nodes", 10, 7), { a: 4, b: 5, p: 1 });
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "7.6", adjust: "0.6", score: "3" });
    expect(figs(r.nodes.G)).toMatchObject({
      deducted: "7.6",
      adjust: "0.6",
      score: "3",
      capped: false,
    });
  });
});

describe("C17: items that do not apply", () => {
  type Na = { mode: "rescale" | "spread"; to?: string[] };
  const mk = (s: Na, t2?: Na, extra: Record<string, unknown>[] = []) =>
    compile({
      facts: [count("a"), count("b"), bool("hasS"), bool("hasT")],
      points: 100,
      tree: [
        { id: "A", title: "A项", points: 50, clauses: [per("A1", "a", 10)] },
        { id: "B", title: "B项", points: 30, clauses: [per("B1", "b", 10)] },
        {
          id: "S",
          title: "办事服务",
          text: "办事服务(20分)",
          points: t2 ? 10 : 20,
          applicable: "hasS",
          ifNotApplicable: s,
          clauses: [per("S1", "a", 1)],
        },
        ...(t2
          ? [
              {
                id: "T",
                title: "互动交流",
                points: 10,
                applicable: "hasT",
                ifNotApplicable: t2,
                clauses: [per("T1", "a", 1)],
              },
            ]
          : []),
        ...extra,
      ],
    } as never);

  it("the item that does not apply scores 0 and says so; its points reach the others", () => {
    const crs = mk({ mode: "spread" });
    const r = score(crs, { a: 1 });
    expect(figs(r.nodes.S)).toEqual({
      points: "20",
      deducted: "0",
      added: "0",
      adjust: "0",
      shift: "-20",
      score: "0",
      capped: false,
    });
    expect(r.nodes.S?.notApplicable).toBe(true);
    expect(entries(r.trace, "not-applicable")).toEqual([
      ["S", "S", "-20", { type: "not-applicable", points: "20", spread: true }],
    ]);
    expect(r.trace.find((x) => x.kind === "not-applicable")?.text).toBe("办事服务(20分)");
    // A: 40 × 60/50 = 48 (+8); B: 30 × 40/30 = 40 (+10).
    expect(entries(r.trace, "rescale")).toEqual([
      ["A", "A", "8", { type: "rescale", from: ["办事服务"], points: "50", newPoints: "60" }],
      ["B", "B", "10", { type: "rescale", from: ["办事服务"], points: "30", newPoints: "40" }],
    ]);
    expect([t(r.nodes.A?.effectivePoints), t(r.nodes.A?.shift), t(r.nodes.B?.shift)]).toEqual([
      "60",
      "8",
      "10",
    ]);
    expect(r.trace.filter((x) => x.kind === "rescale").map((x) => x.text)).toEqual(["A项", "B项"]);
    expect(t(r.total)).toBe("88");
    expect(traceSum(crs, r.trace).equals(r.total)).toBe(true);
    const rescale = score(mk({ mode: "rescale" }), { a: 1 });
    expect(entries(rescale.trace, "not-applicable")[0]?.[3]).toEqual({
      type: "not-applicable",
      points: "20",
      spread: false,
    });
  });

  it("with the trace off the points move alike and nothing is written", () => {
    const r = quiet(mk({ mode: "spread" }, { mode: "rescale" }), { a: 1 });
    expect(r.trace.some((x) => x.kind === "rescale")).toBe(true);
    expect(r.trace.some((x) => x.kind === "not-applicable")).toBe(true);
  });

  it("an item that applies keeps its points and moves nothing", () => {
    const r = score(mk({ mode: "spread" }), { a: 1, hasS: true });
    expect([t(r.nodes.A?.score), t(r.nodes.S?.score), t(r.total)]).toEqual(["40", "19", "89"]);
    expect(r.nodes.A && "effectivePoints" in r.nodes.A).toBe(false);
    expect(r.trace.some((x) => x.kind === "rescale" || x.kind === "not-applicable")).toBe(false);
  });

  it("a receiver whose score does not change writes no entry, but is scored out of its new points", () => {
    const r = score(mk({ mode: "rescale" }), { b: 3 });
    expect(figs(r.nodes.B)).toMatchObject({ score: "0", shift: "0" });
    expect(t(r.nodes.B?.effectivePoints)).toBe("37.5");
    expect(entries(r.trace, "rescale").map((e) => e[0])).toEqual(["A"]);
    expect(t(r.total)).toBe("62.5");
  });

  it("two items that do not apply: their shares add up at each receiver, in either mode", () => {
    // S (10, spread): 5 each; T (10, rescale): 6.25 to A, 3.75 to B.
    const crs = mk({ mode: "spread" }, { mode: "rescale" });
    const r = score(crs, {});
    expect([t(r.nodes.A?.effectivePoints), t(r.nodes.B?.effectivePoints)]).toEqual([
      "61.25",
      "38.75",
    ]);
    expect([t(r.nodes.A?.score), t(r.nodes.B?.score), t(r.total)]).toEqual([
      "61.25",
      "38.75",
      "100",
    ]);
    expect(r.trace.find((x) => x.kind === "rescale" && x.node === "A")?.effect).toMatchObject({
      from: ["办事服务", "互动交流"],
    });
    // A loses 10: 40 × 61.25 / 50 = 49.
    expect(t(score(crs, { a: 1 }).nodes.A?.score)).toBe("49");
  });

  it("spread to named items: only those receive; a named item that does not apply hands over to all", () => {
    const toB = score(mk({ mode: "spread", to: ["B"] }), { a: 1 });
    expect([t(toB.nodes.A?.score), t(toB.nodes.B?.score)]).toEqual(["40", "50"]);
    expect(toB.nodes.A && "effectivePoints" in toB.nodes.A).toBe(false);
    // S names T, which does not apply either: S's 10 go evenly to A and B; T's 10 by rescale.
    const toT = score(mk({ mode: "spread", to: ["T"] }, { mode: "rescale" }), {});
    expect([t(toT.nodes.A?.effectivePoints), t(toT.nodes.B?.effectivePoints)]).toEqual([
      "61.25",
      "38.75",
    ]);
  });

  it("full marks stay exact when a share does not divide evenly (10 over three)", () => {
    const crs = compile({
      facts: [bool("has"), count("n")],
      points: 100,
      policy: policy({ rounding: { places: 10, mode: "half-up", at: "total" } }),
      tree: [
        { id: "A", title: "A", points: 30, clauses: [per("A1", "n", 1)] },
        { id: "B", title: "B", points: 30, clauses: [per("B1", "n", 1)] },
        { id: "C", title: "C", points: 30, clauses: [per("C1", "n", 1)] },
        {
          id: "S",
          title: "S",
          points: 10,
          applicable: "has",
          ifNotApplicable: { mode: "spread" },
          clauses: [per("S1", "n", 1)],
        },
      ],
    } as never);
    const r = scoreUnit(crs, { id: "u", facts: { has: false } });
    if (!r.ok) throw new Error("not scored");
    expect(r.unrounded.toFixed()).toBe("100");
    const sum = ["A", "B", "C"].reduce(
      (s, k) => s.plus(r.nodes[k]?.score ?? 0),
      r.total.minus(r.total),
    );
    expect(sum.toFixed()).toBe("100");
    expect(t(r.nodes.A?.effectivePoints)).toBe(t(r.nodes.C?.effectivePoints));
  });

  it("an item of 0 points neither gives nor receives", () => {
    const zero = { id: "Z", title: "Z", points: 0, clauses: [per("Z1", "a", 0)] };
    const zna = {
      id: "Y",
      title: "Y",
      points: 0,
      applicable: "hasT",
      ifNotApplicable: { mode: "spread" },
      clauses: [per("Y1", "a", 0)],
    };
    const r = score(mk({ mode: "spread" }, undefined, [zero, zna]), { a: 1 });
    expect(r.nodes.Z && "effectivePoints" in r.nodes.Z).toBe(false);
    expect([t(r.nodes.A?.effectivePoints), t(r.nodes.B?.effectivePoints)]).toEqual(["60", "40"]);
    expect(r.nodes.Y?.notApplicable).toBe(true);
    expect(r.trace.filter((x) => x.kind === "not-applicable").map((x) => x.node)).toEqual(["S"]);
    expect(entries(r.trace, "rescale")[0]?.[3]).toMatchObject({ from: ["办事服务"] });
  });

  it("with nothing to receive the points the unit is not scored", () => {
    const crs = compile({
      facts: [bool("has"), count("n")],
      points: 10,
      tree: [
        { id: "Z", title: "Z", points: 0, clauses: [per("Z1", "n", 1)] },
        {
          id: "S",
          title: "S",
          points: 10,
          applicable: "has",
          ifNotApplicable: { mode: "rescale" },
          clauses: [per("S1", "n", 1)],
        },
      ],
    } as never);
    const r = scoreUnit(crs, { id: "u", facts: { has: false } });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      [
        "F_NOTHING_APPLIES",
        ["nodes", "S"],
        '"S" 对该单位不适用,也没有适用的、有分值的项目可以承接它的分值',
      ],
    ]);
  });

  it("inside a parent: the points stay under it, only the top-most item is reported", () => {
    const crs = compile({
      facts: [count("a"), bool("has")],
      points: 100,
      tree: [
        { id: "X", title: "X", points: 40, clauses: [per("X1", "a", 10)] },
        {
          id: "P",
          title: "P",
          points: 60,
          children: [
            { id: "A", title: "A", points: 40, clauses: [per("A1", "a", 10)] },
            {
              id: "S",
              title: "S",
              points: 20,
              applicable: "has",
              ifNotApplicable: { mode: "rescale" },
              children: [
                { id: "S1", title: "S1", points: 10, clauses: [per("S11", "a", 1)] },
                { id: "S2", title: "S2", points: 10, clauses: [per("S21", "a", 1)] },
              ],
            },
          ],
        },
      ],
    } as never);
    const r = score(crs, { a: 1 });
    expect(Object.keys(r.nodes).sort()).toEqual(["A", "P", "S", "X"]);
    expect(r.trace.filter((x) => x.kind === "not-applicable").map((x) => x.node)).toEqual(["S"]);
    // A: 30 × 60/40 = 45; X keeps its 30; P passes the shift up: −20 + 15.
    expect(figs(r.nodes.A)).toMatchObject({ score: "45", shift: "15" });
    expect(t(r.nodes.A?.effectivePoints)).toBe("60");
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "10", shift: "-5", score: "45" });
    expect(figs(r.nodes.X)).toMatchObject({ score: "30", shift: "0" });
    expect(t(r.total)).toBe("75");
    expect(traceSum(crs, r.trace).equals(r.total)).toBe(true);
  });

  it("a rescaled score is rounded again at nodes", () => {
    const crs = compile({
      policy: policy({ rounding: { places: 1, mode: "half-up", at: "nodes" } }),
      facts: [count("a"), bool("has")],
      points: 90,
      tree: [
        { id: "A", title: "A", points: 30, clauses: [per("A1", "a", 1)] },
        { id: "B", title: "B", points: 30, clauses: [per("B1", "a", 0)] },
        { id: "C", title: "C", points: 20, clauses: [per("C1", "a", 0)] },
        {
          id: "S",
          title: "S",
          points: 10,
          applicable: "has",
          ifNotApplicable: { mode: "spread" },
          clauses: [per("S1", "a", 0)],
        },
      ],
    } as never);
    // A: 29 × (30 + 10/3)/30 = 32.2222… → 32.2.
    const r = score(crs, { a: 1 });
    expect(t(r.nodes.A?.score)).toBe("32.2");
    expect(entries(r.trace, "round").map((e) => e[0])).toContain("A");
    expect(traceSum(crs, r.trace).equals(r.total)).toBe(true);
  });

  it("a parent all of whose children do not apply does not apply either; its points are rescaled", () => {
    const crs = compile({
      facts: [count("a"), bool("has")],
      points: 100,
      tree: [
        { id: "A", title: "A", points: 60, clauses: [per("A1", "a", 10)] },
        {
          id: "P",
          title: "网上办事",
          points: 40,
          children: [1, 2].map((i) => ({
            id: `S${i}`,
            title: `S${i}`,
            points: 20,
            applicable: "has",
            ifNotApplicable: { mode: "spread" },
            clauses: [per(`S${i}1`, "a", 1)],
          })),
        },
      ],
    } as never);
    const r = score(crs, { a: 1 });
    expect(Object.keys(r.nodes).sort()).toEqual(["A", "P"]);
    expect(entries(r.trace, "not-applicable")).toEqual([
      ["P", "P", "-40", { type: "not-applicable", points: "40", spread: false }],
    ]);
    // A: 50 × 100/60.
    expect([t(r.nodes.A?.effectivePoints), t(r.total)]).toEqual(["100", "83.33"]);
    expect(r.nodes.P?.notApplicable).toBe(true);
  });
});

describe("items scored directly (given) in the tree", () => {
  it("a given node is never capped, and its parent caps it like any child", () => {
    const crs = compile({
      facts: [{ id: "g", label: "评分人给分", type: "number" }, count("n")],
      points: 10,
      tree: [
        {
          id: "P",
          title: "P",
          points: 10,
          cap: 4,
          children: [
            { id: "G", title: "G", points: 5, given: { fact: "g" } },
            { id: "B", title: "B", points: 5, clauses: [per("B1", "n", 1)] },
          ],
        },
      ],
    } as never);
    const r = score(crs, { g: 2, n: 2 });
    expect(figs(r.nodes.G)).toMatchObject({ deducted: "3", score: "2", capped: false });
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "4", score: "6", capped: true });
    expect(figs(score(crs, { g: 5, n: 0 }).nodes.G)).toMatchObject({ score: "5", capped: false });
  });
});

describe("rounding and zeroing that cancel out below a cap", () => {
  it("a child's rounding still counts for the cap above when a zeroing beside it cancels it", () => {
    // At leaves, to whole points: A loses 2.4 → 2.6 → 3 (+0.4); B loses 5; C loses 0.6 → 0.4 and a
    // veto zeroes it (−0.4). P passes up a loss of 8 with +0.4 of it rounding: after the rounding
    // the loss is 7.6, G's cap, which must not bind — G scores what P scores, 3.
    const crs = compile({
      policy: policy({ rounding: { places: 0, mode: "half-up", at: "leaves" } }),
      facts: [count("a"), count("b"), count("c"), bool("fake")],
      points: 11,
      tree: [
        {
          id: "G",
          title: "G",
          points: 11,
          cap: 7.6,
          children: [
            {
              id: "P",
              title: "P",
              points: 11,
              children: [
                { id: "A", title: "A", points: 5, clauses: [per("A1", "a", 0.6)] },
                { id: "B", title: "B", points: 5, clauses: [per("B1", "b", 1)] },
                { id: "C", title: "C", points: 1, clauses: [per("C1", "c", 0.6)] },
              ],
            },
          ],
        },
      ],
      vetoes: [
        { id: "虚假", type: "override", when: "fake", zero: ["C"], text: "此项不得分", ref },
      ],
    } as never);
    const r = score(crs, { a: 4, b: 5, c: 1, fake: true });
    expect([t(r.nodes.A?.score), t(r.nodes.B?.score), t(r.nodes.C?.score)]).toEqual([
      "3",
      "0",
      "0",
    ]);
    expect(figs(r.nodes.P)).toMatchObject({ deducted: "8", adjust: "0", score: "3" });
    expect(figs(r.nodes.G)).toMatchObject({
      deducted: "8",
      adjust: "0",
      score: "3",
      capped: false,
    });
    expect(t(r.total)).toBe("3");
    // Without the veto C is rounded down instead (0.4 → 0): it lost 1 after rounding, the loss
    // is 8, above G's cap, and G gives back 0.4.
    const kept = score(crs, { a: 4, b: 5, c: 1 });
    expect([t(kept.nodes.P?.score), t(kept.nodes.G?.score), kept.nodes.G?.capped]).toEqual([
      "3",
      "3.4",
      true,
    ]);
  });
});
