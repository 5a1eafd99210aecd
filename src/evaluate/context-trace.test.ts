import { describe, expect, it } from "vitest";
import { compile, item, perNode, plain, ref, said, score } from "../../test/helpers.js";
import { scoreUnit } from "./evaluate.js";
import type { TraceEntry } from "./types.js";

// What src/evaluate/context.ts, common.ts and rescale.ts write into a result: the trace entries
// of clauses (their reference, amount and effect, or none), grades and flags forced by an
// override, the highest of several bonuses, the entries of caps and rounding, the flags of
// thresholds, and the rescaled total (C17) over the items that apply.
//
// Mutants judged equivalent (Stryker run of 2026-11-30), so not tested:
// - context.ts runClause(): `if (ref) e.ref = ref` → true, and common.ts thresholdFlags() and
//   rescale.ts rescaleTotal() the same: a clause, a threshold and `rescale` must each state a
//   `ref` (the schema requires it), so refOf() always gives one there.
// - context.ts combineClauses(): `ctx.trace.length > before` → true / `>=`: with the trace on, a
//   clause with a non-zero amount always writes its entry last; with it off the trace is empty
//   and both read undefined.
// - context.ts applyAdditions() and adjustment(): `if (total.isZero()) return ZERO` → false: a
//   total of 0 never exceeds a cap, so the same 0 comes back.
// - context.ts adjustment(): `m?.label`, `m?.unit`, `?? ""`: an item's measure is its first
//   clause's, which must be a declared measure, so `m` is always found.
// - common.ts refOf(): `crs.documents.get(ref.doc)?.title` → no optional chain: a ref naming an
//   undeclared document is refused when the rule set is checked.
// - rescale.ts rescaling(): `n.parent >= 0` → true / `> 0`: `notApplicable.has(-1)` is never true,
//   and the nodes are in post-order, so index 0 is a leaf and never a parent.

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();
const bool = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id,
  type: "boolean" as const,
  ...extra,
});
const byRule = (trace: TraceEntry[], rule: string) => trace.filter((e) => e.rule === rule);

describe("a clause's trace entries", () => {
  const crs = () =>
    compile({
      policy: { rounding: { places: 0, mode: "half-up", at: "total" }, missingFact: "error" },
      documents: [{ id: "doc", title: "测试文件" }],
      facts: [
        { id: "n", label: "问题", type: "count", missing: "zero" },
        { id: "open", label: "公开率", type: "count", missing: "not-applicable" },
        bool("bad", { default: false }),
        bool("warn", { default: false }),
      ],
      points: 100,
      grades: {
        order: ["合格", "不合格"],
        bands: [{ grade: "合格", gte: 60 }, { grade: "不合格" }],
      },
      tree: [
        item("a", 100, [
          { id: "a1", type: "per", fact: "n", each: 0.5, text: "每处扣0.5分", ref },
          {
            id: "a2",
            type: "per",
            fact: "open",
            each: 1,
            text: "每处扣1分",
            ref: { doc: "doc" },
          },
          {
            id: "a3",
            type: "override",
            when: "bad",
            grade: "不合格",
            gradeScope: "unit",
            text: "直接定为不合格",
            ref,
          },
          { id: "a4", type: "override", when: "warn", flag: "约谈", text: "予以约谈", ref },
        ]),
      ],
    });
  const unit = { n: 1, bad: true, warn: true };

  it("a scoring entry carries its reference with the document's title and its signed amount", () => {
    const [e] = byRule(score(crs(), unit).trace, "a1");
    expect([e?.kind, t(e?.delta), e?.ref]).toEqual([
      "deduct",
      "-0.5",
      { doc: "doc", title: "测试文件", at: "第一条" },
    ]);
  });

  it("a clause whose fact does not apply says so, with no amount and no effect", () => {
    const [e] = byRule(score(crs(), unit).trace, "a2");
    expect(e?.kind).toBe("not-applicable");
    expect(Object.keys(e ?? {}).sort()).toEqual([
      "facts",
      "kind",
      "measure",
      "node",
      "ref",
      "rule",
      "text",
      "words",
    ]);
    // A reference without a place names the document only.
    expect(e?.ref).toStrictEqual({ doc: "doc", title: "测试文件" });
  });

  it("an override forces the unit's grade, and raises its flag, each with its own entry", () => {
    const r = score(crs(), unit);
    expect([r.grade, r.gradeSource, r.flags]).toEqual(["不合格", "override", ["约谈"]]);
    const entries = [...byRule(r.trace, "a3"), ...byRule(r.trace, "a4")];
    expect(entries.map((e) => [e.kind, "delta" in e])).toEqual([
      ["grade", false],
      ["flag", false],
    ]);
  });

  it("a grade alone raises no flag", () => {
    const r = score(crs(), { n: 0, bad: true });
    expect([r.grade, r.flags]).toEqual(["不合格", []]);
    expect(r.trace.map((e) => e.kind)).toEqual(["not-applicable", "grade"]);
  });

  it("rounding is an entry of its own, with no text of a rule", () => {
    const r = score(crs(), { n: 1 });
    expect([t(r.unrounded), t(r.total)]).toEqual(["99.5", "100"]);
    const round = r.trace.filter((e) => e.kind === "round");
    expect(round.map((e) => [e.text, t(e.delta), plain(e.effect)])).toEqual([
      ["", "0.5", { type: "round", places: 0 }],
    ]);
  });

  it("without the trace (trace: false) the same unit gives the same result and no entries", () => {
    const r = scoreUnit(
      crs(),
      { id: "u", facts: { n: 1, bad: true, warn: true } },
      { trace: false },
    );
    if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
    expect([t(r.total), r.grade, r.flags, r.trace]).toEqual(["100", "不合格", ["约谈"], []]);
  });
});

/** Bonuses 1 (b1) and 3 (b2), in that order; the node text differs from its title. */
const bonusSet = (combine: "sum" | "max", bonusCap?: number) =>
  compile({
    facts: [bool("x", { default: false }), bool("y", { default: false })],
    points: 10,
    tree: [
      {
        id: "z",
        title: "加分指标",
        text: "获得表彰的加分",
        points: 10,
        ...(bonusCap !== undefined ? { bonusCap } : {}),
        bonusCombine: combine,
        clauses: [
          { id: "b1", type: "fixed", effect: "add", when: "x", amount: 1, text: "市级加1分", ref },
          { id: "b2", type: "fixed", effect: "add", when: "y", amount: 3, text: "省级加3分", ref },
        ],
      },
    ],
  });

describe("bonuses of a node", () => {
  it("按最高级别计分: the highest counts wherever it stands; the other stays as information", () => {
    const r = score(bonusSet("max"), { x: true, y: true });
    expect([t(r.nodes.z?.added), t(r.total)]).toEqual(["3", "13"]);
    expect(r.trace.map((e) => [e.rule, e.kind, t(e.delta)])).toEqual([
      ["b1", "info", undefined],
      ["b2", "add", "3"],
    ]);
    expect(t(score(bonusSet("sum"), { x: true, y: true }).total)).toBe("14");
  });

  it("a bonus cap that bites is an entry of the node, with the node's text and no reference", () => {
    const r = score(bonusSet("sum", 2.5), { x: true, y: true });
    expect(t(r.total)).toBe("12.5");
    const cap = r.trace.filter((e) => e.kind === "add-cap");
    expect(cap.map(plain)).toStrictEqual([
      {
        kind: "add-cap",
        rule: "z",
        node: "z",
        measure: "points",
        delta: "-1.5",
        text: "获得表彰的加分",
        facts: {},
        effect: { type: "bonus-cap", cap: "2.5" },
      },
    ]);
    expect(said(cap[0])).toBe("本项加分最高2.5分");
  });
});

describe("caps of items outside the tree", () => {
  const crs = () =>
    compile({
      measures: [
        { id: "points", label: "得分", unit: "分" },
        { id: "money", label: "奖励", unit: "元" },
      ],
      facts: [bool("p", { default: false }), bool("q", { default: false })],
      points: 100,
      tree: [item("A", 100, [{ id: "A1", type: "fixed", when: "p", amount: 0, text: "—", ref }])],
      adjustments: [
        {
          id: "扣分",
          title: "其他扣分",
          text: "其他扣分最多扣5分",
          ref,
          cap: 5,
          clauses: [
            { id: "d1", type: "fixed", when: "p", amount: 3, text: "扣3分", ref },
            { id: "d2", type: "fixed", when: "q", amount: 4, text: "扣4分", ref },
          ],
        },
        {
          id: "奖励",
          title: "奖励",
          cap: 20,
          clauses: [
            {
              id: "m1",
              type: "fixed",
              effect: "add",
              measure: "money",
              when: "p",
              amount: 15,
              text: "奖励15元",
              ref,
            },
            {
              id: "m2",
              type: "fixed",
              effect: "add",
              measure: "money",
              when: "q",
              amount: 10,
              text: "奖励10元",
              ref,
            },
          ],
        },
      ],
    });

  it("a deduction cap gives back what is over it; a reward's cap is said in its own unit", () => {
    const r = score(crs(), { p: true, q: true });
    expect([t(r.total), t(r.measures.money)]).toEqual(["95", "20"]);
    const caps = r.trace.filter((e) => e.kind === "deduct-cap" || e.kind === "add-cap");
    expect(caps.map(plain)).toStrictEqual([
      {
        kind: "deduct-cap",
        rule: "扣分",
        node: null,
        measure: "points",
        delta: "2",
        text: "其他扣分最多扣5分",
        facts: {},
        effect: { type: "item-cap", add: false, cap: "5", points: true, label: "得分", unit: "分" },
        ref: { doc: "doc", title: "测试文件", at: "第一条" },
      },
      {
        kind: "add-cap",
        rule: "奖励",
        node: null,
        measure: "money",
        delta: "-5",
        text: "奖励",
        facts: {},
        effect: {
          type: "item-cap",
          add: true,
          cap: "20",
          points: false,
          label: "奖励",
          unit: "元",
        },
      },
    ]);
    expect(caps.map((e) => said(e))).toEqual(["本项扣分最高5分", "本项奖励最高20元"]);
  });

  it("below the cap nothing is capped", () => {
    const r = score(crs(), { q: true });
    expect([t(r.total), t(r.measures.money)]).toEqual(["96", "10"]);
    expect(r.trace.filter((e) => e.kind.endsWith("-cap"))).toEqual([]);
  });
});

describe("thresholds (C15)", () => {
  const crs = () =>
    compile({
      facts: [
        bool("x", { default: false }),
        bool("fake", { default: false }),
        { id: "n", label: "问题", type: "count", missing: "zero" },
      ],
      points: 100,
      tree: [
        perNode("A", 90, "n", 10),
        item("B", 10, [
          { id: "B1", type: "fixed", effect: "add", when: "x", amount: 5, text: "加5分", ref },
        ]),
      ],
      vetoes: [
        {
          id: "V",
          type: "override",
          when: "fake",
          stop: true,
          total: 0,
          text: "弄虚作假的不计分",
          ref,
        },
      ],
      thresholds: [
        { id: "T1", of: "added", gte: 5, flag: "表扬", text: "加分5分以上的予以表扬", ref },
        { id: "T2", of: { node: "A" }, lt: 80, flag: "约谈", text: "A项低于80分的约谈", ref },
      ],
    });

  it("on the additions, and on a node's score, each with its entry", () => {
    const r = score(crs(), { x: true, n: 2 });
    expect(r.flags).toEqual(["表扬", "约谈"]);
    const flags = r.trace.filter((e) => e.kind === "flag");
    expect(flags.map((e) => [e.rule, plain(e.effect), e.ref])).toEqual([
      [
        "T1",
        { type: "threshold", value: "5", flag: "表扬" },
        { doc: "doc", title: "测试文件", at: "第一条" },
      ],
      [
        "T2",
        { type: "threshold", value: "70", flag: "约谈" },
        { doc: "doc", title: "测试文件", at: "第一条" },
      ],
    ]);
    expect(score(crs(), { x: false, n: 1 }).flags).toEqual([]);
  });

  it("a node threshold reads nothing when a veto stopped scoring (no node scores)", () => {
    const r = score(crs(), { fake: true, n: 3 });
    expect([t(r.total), r.stopped, r.nodes, r.flags]).toEqual(["0", true, {}, []]);
  });
});

describe("rescale (C17) over nested items that do not apply", () => {
  // P (40: P1 20, P2 20) applies only with `has`; B 60 loses 1 per finding. Without `has` the
  // applicable points are 60 (P and its children leave once), and 54 of them become 90 of 100.
  const crs = () =>
    compile({
      facts: [
        bool("has", { default: false }),
        { id: "n", label: "问题", type: "count", missing: "zero" },
      ],
      points: 100,
      rescale: {
        to: 100,
        rounding: { places: 2, mode: "half-up" },
        text: "按适用项折算为百分制",
        ref,
      },
      tree: [
        {
          id: "P",
          title: "P",
          points: 40,
          applicable: "has",
          children: [perNode("P1", 20, "n", 1), perNode("P2", 20, "n", 1)],
        },
        perNode("B", 60, "n", 1),
      ],
    } as never);

  it("the applicable total leaves out a subtree once", () => {
    const r = score(crs(), { has: false, n: 6 });
    expect(plain(r.rescale)).toEqual({ earned: "54", applicable: "60", to: "100", score: "90" });
    expect(t(r.total)).toBe("90");
    const e = r.trace.filter((x) => x.kind === "rescale-total");
    expect(e.map((x) => [t(x.delta), plain(x.effect)])).toStrictEqual([
      [
        "36",
        {
          type: "rescale-total",
          earned: "54",
          applicable: "60",
          to: "100",
          exact: "90",
          places: 2,
          score: "90",
        },
      ],
    ]);
    // Everything applies: 100 − 3 × 6 = 82 of 100.
    expect(plain(score(crs(), { has: true, n: 6 }).rescale)).toEqual({
      earned: "82",
      applicable: "100",
      to: "100",
      score: "82",
    });
  });
});
