import { describe, expect, it } from "vitest";
import { compile, goodBonus, item, perNode, ref, said, score } from "../../test/helpers.js";
import { Decimal } from "../decimal.js";
import { scoreUnit } from "./evaluate.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

describe("C12 points accumulation (tally)", () => {
  const mk = (repeat: "each" | "highest", extra: Record<string, unknown> = {}) =>
    compile({
      policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "zero" },
      facts: [
        {
          id: "used",
          label: "采用",
          type: "findings",
          kinds: ["区单条", "区简讯", "市单条", "省单条"],
        },
      ],
      points: 0,
      tree: [
        {
          id: "计分",
          title: "计分标准",
          points: 0,
          overdraw: true,
          clauses: [
            {
              id: "采用",
              type: "tally",
              effect: "add",
              fact: "used",
              amounts: { 区单条: 10, 区简讯: 5, 市单条: 50, 省单条: 100 },
              repeat,
              text: "被《政务》采用单条信息计10分,简讯每条5分…",
              ref,
              ...extra,
            } as never,
          ],
        },
      ],
    });

  it("adds points by kind from a base of 0 with no ceiling", () => {
    const r = score(mk("each"), {
      used: [{ kind: "区单条", count: 30 }, { kind: "省单条", count: 4 }, { kind: "区简讯" }],
    });
    expect(t(r.total)).toBe("705");
  });

  it("repeat: each counts one item in several outlets (可重复计分); highest counts it once at its best", () => {
    const used = [
      { kind: "区单条", item: "A" },
      { kind: "市单条", item: "A" },
      { kind: "省单条", item: "A" },
      { kind: "区单条", item: "B" },
    ];
    expect(t(score(mk("each"), { used }).total)).toBe("170");
    expect(t(score(mk("highest"), { used }).total)).toBe("110");
  });

  it("multipliers and jointly filed items split between units", () => {
    const crs = mk("each", { multipliers: [{ tag: "转报", factor: 2 }], split: "shares" });
    const r = score(crs, {
      used: [
        { kind: "市单条", tags: ["转报"] },
        { kind: "区单条", shares: 3 },
      ],
    });
    expect(
      r.total.equals(new Decimal(100).plus(new Decimal(10).dividedBy(3)).toDecimalPlaces(2)),
    ).toBe(true);
    expect(t(r.total)).toBe("103.33");
    expect(said(r.trace[0])).toContain("转报×2");
    expect(said(r.trace[0])).toContain("3家合报均分");
  });

  it("a finding without a kind is reported", () => {
    const r = scoreUnit(mk("each"), { id: "u", facts: { used: [{ count: 2 }] } });
    expect(!r.ok && r.issues[0]?.path).toEqual(["facts", "used", 0, "kind"]);
  });
});

describe("C16 partial credit and rating bands", () => {
  const mk = (clause: Record<string, unknown>) =>
    compile({
      facts: [{ id: "r", label: "评价", type: "choice", options: ["优", "良", "一般", "差"] }],
      points: 10,
      tree: [
        item("a", 10, [
          {
            id: "a1",
            type: "rating",
            fact: "r",
            text: "优(10) 良(8) 一般(6) 差(0)",
            ref,
            ...clause,
          } as never,
        ]),
      ],
    });
  it("maps a rating to points", () => {
    const crs = mk({ scale: { 优: 10, 良: 8, 一般: 6, 差: 0 } });
    expect(["优", "良", "一般", "差"].map((r) => t(score(crs, { r }).total))).toEqual([
      "10",
      "8",
      "6",
      "0",
    ]);
    const bad = scoreUnit(crs, { id: "u", facts: { r: "好" } });
    expect(!bad.ok && bad.issues[0]?.code).toBe("F_FACT_TYPE");
  });
  it("maps a rating to a share of the points (可得50%)", () => {
    const crs = mk({ percent: { 优: 100, 良: 50, 一般: 30, 差: 0 } });
    expect(["优", "良", "一般", "差"].map((r) => t(score(crs, { r }).total))).toEqual([
      "10",
      "5",
      "3",
      "0",
    ]);
  });
});

describe("C13 discretionary amounts per finding", () => {
  it("checks each finding's amount against the stated range", () => {
    const crs = compile({
      policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "zero" },
      facts: [{ id: "f", label: "信息失实", type: "findings" }],
      points: 0,
      tree: [
        item(
          "扣分",
          0,
          [
            {
              id: "失实",
              type: "range",
              fact: "f",
              min: 50,
              max: 100,
              text: "信息失实,造成严重后果的,扣50-100分",
              ref,
            },
          ],
          { overdraw: true },
        ),
      ],
    });
    expect(t(score(crs, { f: [{ amount: 60 }, { amount: "100" }] }).total)).toBe("-160");
    const r = scoreUnit(crs, { id: "u", facts: { f: [{ amount: 40 }] } });
    expect(!r.ok && [r.issues[0]?.code, r.issues[0]?.path]).toEqual([
      "F_DISCRETION_RANGE",
      ["facts", "f", 0, "amount"],
    ]);
  });
});

describe("C17 items that do not apply", () => {
  const mk = (mode: "rescale" | "spread", to?: string[]) =>
    compile({
      facts: [
        { id: "has", label: "有办事服务", type: "boolean" },
        { id: "a", label: "a", type: "count", missing: "zero" },
        { id: "s", label: "办事服务问题", type: "count" },
      ],
      points: 100,
      tree: [
        perNode("A", 50, "a", 10),
        perNode("B", 30, "a", 0, "—"),
        {
          id: "S",
          title: "办事服务",
          points: 20,
          applicable: "has",
          ifNotApplicable: to ? { mode, to } : { mode },
          clauses: [{ id: "S1", type: "per", fact: "s", each: 5, text: "每处扣5分", ref }],
        },
      ],
    });

  it("rescale: the applicable items are scaled up to the full score", () => {
    const r = score(mk("rescale"), { has: false, a: 1 });
    // A: 40/50 → ×62.5/50 = 50; B: 30 → 37.5; total 87.5 = 80 × 100/80.
    expect([t(r.nodes.A?.score), t(r.nodes.B?.score), t(r.total)]).toEqual(["50", "37.5", "87.5"]);
    expect(r.nodes.S?.notApplicable).toBe(true);
    const deltas = r.trace.reduce((s, e) => (e.delta ? s.plus(e.delta) : s), new Decimal(100));
    expect(deltas.equals(r.total)).toBe(true);
  });

  it("spread: the points are shared evenly (平均计入其他指标中), to named items if stated", () => {
    const even = score(mk("spread"), { has: false, a: 1 });
    // A: 40 × 60/50 = 48; B: 30 × 40/30 = 40.
    expect([t(even.nodes.A?.score), t(even.nodes.B?.score), t(even.total)]).toEqual([
      "48",
      "40",
      "88",
    ]);
    const toB = score(mk("spread", ["B"]), { has: false, a: 1 });
    expect([t(toB.nodes.A?.score), t(toB.nodes.B?.score)]).toEqual(["40", "50"]);
  });

  it("a fact read only by an item that does not apply may be missing; otherwise it may not", () => {
    expect(scoreUnit(mk("rescale"), { id: "u", facts: { has: false } }).ok).toBe(true);
    const r = scoreUnit(mk("rescale"), { id: "u", facts: { has: true } });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["F_MISSING_FACT"]);
    expect(t(score(mk("rescale"), { has: true, s: 1 }).total)).toBe("95");
  });
});

describe("C19 staged gates", () => {
  const crs = () =>
    compile({
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "good", label: "典型案例", type: "count", missing: "zero" },
      ],
      points: 100,
      grades: { order: ["合格", "不合格"], bands: [{ grade: "合格" }] },
      tree: [perNode("A", 100, "n", 1)],
      adjustments: [goodBonus(2, "每个典型案例加2分")],
      gates: [
        {
          id: "不合格线",
          lt: 60,
          grade: "不合格",
          stop: true,
          text: "评分结果低于60分,判定为不合格",
          ref,
        },
        { id: "加分线", gt: 80, opens: "bonus", text: "高于80分,则进入加分指标评分环节", ref },
      ],
    });
  it("fails below the line, enters the bonus stage only above the other", () => {
    const fail = score(crs(), { n: 41, good: 3 });
    expect([t(fail.total), fail.grade]).toEqual(["59", "不合格"]);
    const mid = score(crs(), { n: 20, good: 3 });
    expect([t(mid.total), mid.grade]).toEqual(["80", "合格"]);
    const top = score(crs(), { n: 19, good: 3 });
    expect([t(top.total), top.grade]).toEqual(["87", "合格"]);
    expect(top.trace.some((e) => e.kind === "gate" && e.rule === "加分线")).toBe(true);
  });
});
