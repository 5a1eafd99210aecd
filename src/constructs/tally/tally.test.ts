import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** Points added from 0 by one tally clause over the findings f. */
const tallySet = (clause: Record<string, unknown>) =>
  compile({
    facts: [
      { id: "f", label: "采用", type: "findings", kinds: ["省级", "市级", "县级", "甲", "乙"] },
    ],
    points: 0,
    tree: [
      {
        id: "x",
        title: "x",
        points: 0,
        overdraw: true,
        clauses: [
          {
            id: "x1",
            type: "tally",
            effect: "add",
            fact: "f",
            amounts: { 省级: 10, 市级: 5 },
            repeat: "each",
            text: "采用计分",
            ref,
            ...clause,
          } as never,
        ],
      },
    ],
  });

const detail = (r: ReturnType<typeof score>) => said(r.trace.find((e) => e.rule === "x1"));

describe("tally clause (C11/C12)", () => {
  it("explains each kind in the rule's order, with its count and sum; other kinds are not counted", () => {
    const r = score(tallySet({ noun: "篇" }), {
      f: [{ kind: "市级", count: 3 }, { kind: "县级" }, { kind: "省级" }, { kind: "市级" }],
    });
    expect(t(r.total)).toBe("30");
    expect(detail(r)).toBe("省级1篇×10分=10分;市级4篇×5分=20分");
  });

  it("a finding without a kind is refused at its place", () => {
    const r = scoreUnit(tallySet({}), { id: "u", facts: { f: [{ kind: "省级" }, {}] } });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([
      ["F_FACT_TYPE", ["facts", "f", 1, "kind"]],
    ]);
  });

  it("multipliers and shares, noted once per kind, sorted", () => {
    const crs = tallySet({ multipliers: [{ tag: "转报", factor: 2 }], split: "shares" });
    const r = score(crs, {
      f: [
        { kind: "省级", tags: ["转报"] },
        { kind: "省级", shares: 4 },
        { kind: "省级", shares: 1 },
        { kind: "市级", tags: ["其他"] },
        { kind: "省级", tags: ["转报"], shares: 4 },
      ],
    });
    // 20 + 2.5 + 10 + 5 + 5.
    expect(t(r.total)).toBe("42.5");
    expect(detail(r)).toBe(
      "省级4条×10分(含4家合报均分;转报×2;转报×2,4家合报均分)=37.5分;市级1条×5分=5分",
    );
  });

  it("shares are not split unless the rule says so", () => {
    const r = score(tallySet({}), { f: [{ kind: "省级", shares: 4 }] });
    expect(t(r.total)).toBe("10");
    expect(detail(r)).toBe("省级1条×10分=10分");
  });

  it("highest: one item counts once at its best kind, each unnamed finding by its count", () => {
    const crs = tallySet({ repeat: "highest" });
    const r = score(crs, {
      f: [
        { kind: "市级", item: "A", count: 2 },
        { kind: "省级", item: "A" },
        { kind: "市级", item: "B" },
        { kind: "市级", count: 2 },
      ],
    });
    expect(t(r.total)).toBe("25");
    expect(detail(r)).toBe("省级1条×10分=10分;市级3条×5分=15分;同一信息按最高级别计分");
  });

  it("highest: nothing said when no finding was dropped", () => {
    const r = score(tallySet({ repeat: "highest" }), {
      f: [
        { kind: "市级", item: "A" },
        { kind: "省级", item: "B" },
      ],
    });
    expect(t(r.total)).toBe("15");
    expect(detail(r)).toBe("省级1条×10分=10分;市级1条×5分=5分");
  });

  it("highest: on equal values the kind listed first wins, whatever the order of findings", () => {
    const crs = tallySet({ repeat: "highest", amounts: { 甲: 5, 乙: 5 } });
    for (const f of [
      [
        { kind: "乙", item: "A" },
        { kind: "甲", item: "A" },
      ],
      [
        { kind: "甲", item: "A" },
        { kind: "乙", item: "A" },
      ],
    ]) {
      const r = score(crs, { f });
      expect(t(r.total)).toBe("5");
      expect(detail(r)).toBe("甲1条×5分=5分;同一信息按最高级别计分");
    }
  });

  it("highest: a lower value later does not replace the best", () => {
    const r = score(tallySet({ repeat: "highest" }), {
      f: [
        { kind: "省级", item: "A" },
        { kind: "市级", item: "A" },
      ],
    });
    expect(t(r.total)).toBe("10");
    expect(detail(r)).toBe("省级1条×10分=10分;同一信息按最高级别计分");
  });

  it("the cap is said; a total at the cap is not", () => {
    const r = score(tallySet({ cap: 12 }), { f: [{ kind: "省级" }, { kind: "市级" }] });
    expect(t(r.total)).toBe("12");
    expect(detail(r)).toBe("省级1条×10分=10分;市级1条×5分=5分;本条最多12分");
    const at = score(tallySet({ cap: 15 }), { f: [{ kind: "省级" }, { kind: "市级" }] });
    expect(t(at.total)).toBe("15");
    expect(detail(at)).toBe("省级1条×10分=10分;市级1条×5分=5分");
  });

  it("no priced finding adds nothing and leaves no trace", () => {
    const r = score(tallySet({}), { f: [{ kind: "县级" }] });
    expect(t(r.total)).toBe("0");
    expect(detail(r)).toBeUndefined();
  });

  it("highest: on equal values of one kind the first finding stands, with its notes", () => {
    const crs = tallySet({
      repeat: "highest",
      split: "shares",
      multipliers: [{ tag: "转报", factor: 2 }],
    });
    const r = score(crs, {
      f: [
        { kind: "省级", item: "A", tags: ["转报"], shares: 2 },
        { kind: "省级", item: "A" },
      ],
    });
    expect(t(r.total)).toBe("10");
    expect(detail(r)).toBe("省级1条×10分(含转报×2,2家合报均分)=10分;同一信息按最高级别计分");
  });

  it("a measure without a unit: no 分 in the explanation", () => {
    const crs = compile({
      measures: [{ id: "points", label: "条数", unit: "" }],
      facts: [{ id: "f", label: "采用", type: "findings", kinds: ["省级", "市级"] }],
      points: 0,
      tree: [
        {
          id: "x",
          title: "x",
          points: 0,
          overdraw: true,
          clauses: [
            {
              id: "x1",
              type: "tally",
              effect: "add",
              fact: "f",
              amounts: { 省级: 1, 市级: 1 },
              repeat: "highest",
              text: "采用条数",
              ref,
            },
          ],
        },
      ],
    });
    const r = score(crs, {
      f: [
        { kind: "省级", item: "A" },
        { kind: "市级", item: "A" },
      ],
    });
    expect(t(r.total)).toBe("1");
    expect(detail(r)).toBe("省级1条×1=1;同一信息按最高级别计");
  });
});
