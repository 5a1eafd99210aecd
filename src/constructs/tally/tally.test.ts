import { describe, expect, it } from "vitest";
import {
  addTally,
  adoptionSet,
  adoptionTally,
  compile,
  itemX,
  plain,
  said,
  score,
} from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** Points added from 0 by one tally clause over the findings f. */
const tallySet = (clause: Record<string, unknown>) =>
  compile({
    facts: [
      { id: "f", label: "采用", type: "findings", kinds: ["省级", "市级", "县级", "甲", "乙"] },
    ],
    points: 0,
    tree: [itemX([{ ...adoptionTally, ...clause }], { points: 0, overdraw: true })],
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
    const highest = { ...addTally("f", { 省级: 1, 市级: 1 }, "采用条数"), repeat: "highest" };
    const crs = compile({
      measures: [{ id: "points", label: "条数", unit: "" }],
      facts: [{ id: "f", label: "采用", type: "findings", kinds: ["省级", "市级"] }],
      points: 0,
      tree: [itemX([highest], { points: 0, overdraw: true })],
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

describe("additive tags (另加N分)", () => {
  it("a tag adds its amount after the multipliers, before a split, and is noted", () => {
    const crs = tallySet({
      multipliers: [{ tag: "转报", factor: 2 }],
      additions: [{ tag: "批示", amount: 5 }],
      split: "shares",
    });
    // 省级 10 × 2 + 5 = 25 (not (10 + 5) × 2 = 30); 市级 (5 + 5) ÷ 2 = 5; 市级 5 × 2 (count) = 10.
    const r = score(crs, {
      f: [
        { kind: "省级", tags: ["转报", "批示"] },
        { kind: "市级", tags: ["批示"], shares: 2 },
        { kind: "市级", count: 2 },
      ],
    });
    expect(t(r.total)).toBe("40");
    expect(detail(r)).toBe(
      "省级1条×10分(含转报×2,批示另加5)=25分;市级3条×5分(含批示另加5,2家合报均分)=15分",
    );
  });

  it("under repeat: highest the addition counts in the value compared", () => {
    const crs = tallySet({ repeat: "highest", additions: [{ tag: "批示", amount: 6 }] });
    // item A: 省级 10 vs 市级 5 + 6 = 11 → 11.
    const r = score(crs, {
      f: [
        { kind: "省级", item: "A" },
        { kind: "市级", item: "A", tags: ["批示"] },
      ],
    });
    expect(t(r.total)).toBe("11");
  });
});

/** 批示 (p) linked to adoptions (f), priced by the adoption's kind. */
const linkedSet = adoptionSet;

const adoptions = [
  { id: "a1", kind: "省级", item: "港口" },
  { id: "a2", kind: "市级", item: "港口" },
  { id: "a3", kind: "市级" },
  { id: "a4", kind: "县级" },
];

describe("linked findings (of), priced by the finding they are about", () => {
  it("each 批示 priced by its adoption's kind; other kinds and unpriced adoptions count nothing", () => {
    const r = score(linkedSet(), {
      f: adoptions,
      p: [
        { kind: "领导批示", of: "a1" },
        { kind: "领导批示", of: "a3" },
        { kind: "领导批示", of: "a2" },
        { kind: "部门批示", of: "a1" },
        { kind: "领导批示", of: "a4" },
      ],
    });
    // adoptions 10 + 5 + 5 = 20; 批示 50 + 20 + 20 = 90.
    expect(t(r.total)).toBe("110");
    expect(said(r.trace.find((e) => e.rule === "x2"))).toBe(
      "对省级的领导批示1条×50分=50分;对市级的领导批示2条×20分=40分",
    );
  });

  it("under repeat: highest, 批示 on one item count once, at the highest adoption", () => {
    const r = score(linkedSet({ repeat: "highest" }), {
      f: adoptions,
      p: [
        { kind: "领导批示", of: "a2" },
        { kind: "领导批示", of: "a1" },
        { kind: "领导批示", of: "a3" },
        { kind: "领导批示", of: "a3" },
      ],
    });
    // 港口 (a1, a2): once at 50; a3 (no item: its own): once at 20.
    expect(t(r.total)).toBe("90");
  });

  it("a link is refused by name: unknown, to a kind not allowed, missing where required, circular", () => {
    const codes = (crs: ReturnType<typeof linkedSet>, facts: Record<string, unknown>) => {
      const r = scoreUnit(crs, { id: "u", facts });
      return !r.ok && r.issues.map((i) => [i.code, i.path.join(".")]);
    };
    const plain = linkedSet();
    expect(codes(plain, { f: adoptions, p: [{ kind: "领导批示", of: "a9" }] })).toEqual([
      ["F_UNKNOWN_LINK", "facts.p.0.of"],
    ]);
    expect(codes(plain, { p: [{ kind: "领导批示", of: "a1" }] })).toEqual([
      ["F_UNKNOWN_LINK", "facts.p.0.of"],
    ]);
    expect(codes(plain, { f: adoptions, p: [{ kind: "领导批示" }] })).toEqual([
      ["F_FACT_TYPE", "facts.p.0.of"],
    ]);
    expect(
      codes(plain, {
        f: [
          { id: "a1", kind: "省级" },
          { id: "a1", kind: "市级" },
        ],
        p: [],
      }),
    ).toEqual([["F_DUPLICATE_FINDING", "facts.f.1.id"]]);
    expect(codes(plain, { f: [{ kind: "省级", of: "a1" }], p: [] })).toEqual([
      ["F_FACT_TYPE", "facts.f.0.of"],
    ]);
    expect(codes(plain, { f: adoptions, p: [{ kind: "领导批示", of: "a1", item: "x" }] })).toEqual([
      ["F_FACT_TYPE", "facts.p.0.item"],
    ]);
    const allowed = linkedSet({}, { kinds: { 领导批示: ["省级"] } });
    expect(codes(allowed, { f: adoptions, p: [{ kind: "领导批示", of: "a2" }] })).toEqual([
      ["F_LINK_KIND", "facts.p.0.of"],
    ]);
    expect(codes(allowed, { f: adoptions, p: [{ kind: "领导批示" }] })).toEqual([
      ["F_FACT_TYPE", "facts.p.0.of"],
    ]);
    // 部门批示 is not constrained: it need not link.
    expect(codes(allowed, { f: adoptions, p: [{ kind: "部门批示" }] })).toBe(false);
  });

  it("a chain of links in one fact that comes back is F_LINK_CYCLE, named by its ids", () => {
    const crs = compile({
      facts: [{ id: "g", label: "转报", type: "findings", kinds: ["报"], links: { fact: "g" } }],
      points: 0,
      tree: [itemX([addTally("g", { 报: 1 }, "转报计分")], { points: 0 })],
    });
    const r = scoreUnit(crs, {
      id: "u",
      facts: {
        g: [
          { id: "r0", kind: "报" },
          { id: "r1", kind: "报", of: "r2" },
          { id: "r2", kind: "报", of: "r3" },
          { id: "r3", kind: "报", of: "r1" },
          { id: "r4", kind: "报", of: "r0" },
        ],
      },
    });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
      [
        "F_LINK_CYCLE",
        "facts.g.1.of",
        "事实「转报」(g)中的关联绕成了一个圈(r1 → r2 → r3 → r1);每条只能关联到它所涉及的另一条,不能绕回自己",
      ],
    ]);
    // Without the loop, the chain is fine: 5 findings × 1.
    const ok = score(crs, {
      g: [
        { id: "r0", kind: "报" },
        { id: "r1", kind: "报", of: "r0" },
        { id: "r2", kind: "报", of: "r1" },
      ],
    });
    expect(t(ok.total)).toBe("3");
  });
});

describe("declared tags on the fact", () => {
  it("a finding with a tag the fact does not declare is refused at the tag", () => {
    const additions = [{ tag: "批示", amount: 5 }];
    const crs = compile({
      facts: [
        { id: "f", label: "采用", type: "findings", kinds: ["省级"], tags: ["转报", "批示"] },
      ],
      points: 0,
      tree: [itemX([{ ...addTally("f", { 省级: 10 }, "采用计分"), additions }], { points: 0 })],
    });
    const r = scoreUnit(crs, { id: "u", facts: { f: [{ kind: "省级", tags: ["转报", "批复"] }] } });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.f.0.tags.1"],
    ]);
    expect(t(score(crs, { f: [{ kind: "省级", tags: ["批示"] }] }).total)).toBe("15");
  });
});

/*
 * Pinned after a mutation run on compile.ts. Survivors judged equivalent (no output can change):
 * - the `received` of a linked finding with no link (`of: …`) and `编号 ${to.id}` when the finding
 *   linked to has no id: every `of` is resolved or the unit refused before clauses run
 *   (evaluate/links.ts), and a link is by id, so that finding always has one;
 * - the refusal of a finding with no kind: a tally's fact must declare kinds (lint), and a fact
 *   declaring kinds refuses such a finding as it is read (evaluate/facts.ts kindOk);
 * - `if (explain)` before each note: the notes reach only the effect, made only with the trace on;
 * - `f.shares !== undefined` → true: `undefined > 1` is false all the same;
 * - the kinds' tie-break with `<=` for `<`, or `>=` or true for `>`: two groups priced alike
 *   always differ in kind (the group key holds both); with false or `<=` for `>` (0 for 1): the
 *   engine's sort (V8) only tells a negative result from the rest;
 * - `if (total.isZero()) return null`: a zero outcome leaves no trace entry and adds nothing.
 */
describe("tally: behaviour pinned by the mutation run", () => {
  it("a linked finding without `of` is refused in words, at its place", () => {
    const r = scoreUnit(linkedSet(), {
      id: "u",
      facts: { f: adoptions, p: [{ kind: "领导批示" }] },
    });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
      [
        "F_FACT_TYPE",
        "facts.p.0.of",
        "事实「批示」(p)应填它所涉及的那一条的编号 of,实际填的是未填写",
      ],
    ]);
  });

  it("highest: 批示 on two adoptions with no item are two items, each counted", () => {
    const r = score(linkedSet({ repeat: "highest" }), {
      f: [...adoptions, { id: "a5", kind: "市级" }],
      p: [
        { kind: "领导批示", of: "a3" },
        { kind: "领导批示", of: "a5" },
      ],
    });
    // adoptions 10 + 5 + 5 + 5 = 25; 批示 20 + 20.
    expect(t(r.total)).toBe("65");
    expect(said(r.trace.find((e) => e.rule === "x2"))).toBe("对市级的领导批示2条×20分=40分");
  });

  it("a row counting none (a period's 0) is no finding: not listed, and no item under highest", () => {
    const each = score(tallySet({}), {
      f: [{ kind: "省级" }, { kind: "市级", period: "2025-01", count: 0 }],
    });
    expect([t(each.total), detail(each)]).toEqual(["10", "省级1条×10分=10分"]);
    const highest = score(tallySet({ repeat: "highest" }), {
      f: [
        { kind: "省级", item: "A", period: "2025-01", count: 0 },
        { kind: "市级", item: "A" },
      ],
    });
    expect([t(highest.total), detail(highest)]).toEqual(["5", "市级1条×5分=5分"]);
  });

  it("highest: of own kinds priced alike on one item, the first in text order, whatever the input order", () => {
    const crs = linkedSet({ repeat: "highest", kinds: ["领导批示", "部门批示"] });
    for (const p of [
      [
        { kind: "领导批示", of: "a1" },
        { kind: "部门批示", of: "a1" },
      ],
      [
        { kind: "部门批示", of: "a1" },
        { kind: "领导批示", of: "a1" },
      ],
    ]) {
      const r = score(crs, { f: adoptions, p });
      expect(t(r.total)).toBe("70");
      expect(said(r.trace.find((e) => e.rule === "x2"))).toBe(
        "对省级的部门批示1条×50分=50分;同一信息按最高级别计分",
      );
    }
  });

  it("own kinds priced alike are listed in text order, whatever the input order", () => {
    const crs = linkedSet({ kinds: ["领导批示", "部门批示"] });
    for (const p of [
      [
        { kind: "领导批示", of: "a1" },
        { kind: "部门批示", of: "a1" },
        { kind: "领导批示", of: "a2" },
      ],
      [
        { kind: "部门批示", of: "a1" },
        { kind: "领导批示", of: "a1" },
        { kind: "领导批示", of: "a2" },
      ],
    ]) {
      const r = score(crs, { f: adoptions, p });
      expect(t(r.total)).toBe("140");
      expect(said(r.trace.find((e) => e.rule === "x2"))).toBe(
        "对省级的部门批示1条×50分=50分;对省级的领导批示1条×50分=50分;对市级的领导批示1条×20分=20分",
      );
    }
  });

  it("the effect: a kind priced by its own kind has no `on`; one priced by a link names it", () => {
    const own = score(tallySet({}), { f: [{ kind: "省级" }] });
    expect(plain(own.trace.find((e) => e.rule === "x1")?.effect)).toStrictEqual({
      type: "tally",
      noun: "条",
      kinds: [{ kind: "省级", count: 1, price: "10", sum: "10", notes: [] }],
      highestOnly: false,
    });
    const linked = score(linkedSet(), { f: adoptions, p: [{ kind: "领导批示", of: "a2" }] });
    expect(plain(linked.trace.find((e) => e.rule === "x2")?.effect)).toStrictEqual({
      type: "tally",
      noun: "条",
      kinds: [{ kind: "领导批示", on: "市级", count: 1, price: "20", sum: "20", notes: [] }],
      highestOnly: false,
    });
  });
});
