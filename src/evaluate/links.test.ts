import { describe, expect, it } from "vitest";
import { ref, ruleSet } from "../../test/helpers.js";
import { validateRuleSet } from "../load/load.js";

/** The lint's errors of a rule set, as [code, path]. */
const codes = (over: Record<string, unknown>) => {
  const v = validateRuleSet(
    ruleSet({
      points: 0,
      tree: [{ id: "x", title: "x", points: 0, overdraw: true, clauses: [] }],
      facts: [],
      ...over,
    } as never),
  );
  return v.ok
    ? []
    : v.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.path.join(".")]);
};

const adoptions = { id: "f", label: "采用", type: "findings", kinds: ["省级", "市级"] };
const tally = (extra: Record<string, unknown>) => ({
  id: "x1",
  type: "tally",
  effect: "add",
  fact: "p",
  amounts: { 省级: 50 },
  repeat: "each",
  text: "批示另加",
  ref,
  ...extra,
});
const tree = (...clauses: unknown[]) => [
  { id: "x", title: "x", points: 0, overdraw: true, clauses },
];

describe("declaring subjects and links (lint)", () => {
  it("subjects and links belong to findings facts", () => {
    expect(
      codes({
        facts: [{ id: "n", label: "n", type: "count", subjects: ["a"], links: { fact: "n" } }],
        tree: tree({ id: "x1", type: "per", fact: "n", each: 1, text: "t", ref }),
      }),
    ).toEqual([
      ["E_FACT_DECLARATION", "facts.0"],
      ["E_FACT_DECLARATION", "facts.0"],
    ]);
    expect(
      codes({
        facts: [{ id: "c", label: "c", type: "findings", subjects: ["a", "a"] }],
        tree: tree({ id: "x1", type: "per", fact: "c", each: 1, text: "t", ref }),
      }),
    ).toEqual([["E_FACT_DECLARATION", "facts.0.subjects"]]);
  });

  it("a link names a declared findings fact, and kinds of both facts", () => {
    const p = (links: unknown, kinds: unknown = ["批示"]) => ({
      id: "p",
      label: "批示",
      type: "findings",
      kinds,
      links,
    });
    const run = (links: unknown, kinds?: unknown) =>
      codes({
        facts: [adoptions, p(links, kinds), { id: "n", label: "n", type: "count" }],
        tree: tree(
          tally({ priceBy: "linked" }),
          { id: "x2", type: "per", fact: "f", each: 1, text: "t", ref },
          { id: "x3", type: "per", fact: "n", each: 1, text: "t", ref },
        ),
      });
    expect(run({ fact: "f" })).toEqual([]);
    expect(run({ fact: "g" })).toEqual([["E_UNDECLARED_FACT", "facts.1.links.fact"]]);
    expect(run({ fact: "n" })).toContainEqual(["E_FACT_KIND", "facts.1.links.fact"]);
    expect(run({ fact: "f", kinds: { 批示: ["省级"] } })).toEqual([]);
    expect(run({ fact: "f", kinds: { 圈阅: ["省级"] } })).toEqual([
      ["E_UNKNOWN_REF", "facts.1.links.kinds"],
    ]);
    expect(run({ fact: "f", kinds: { 批示: ["县级"] } })).toEqual([
      ["E_UNKNOWN_REF", "facts.1.links.kinds.批示"],
    ]);
  });

  it("a tally priced by the linked finding needs links, prices that fact's kinds, and kinds goes with it", () => {
    const facts = [
      adoptions,
      { id: "p", label: "批示", type: "findings", kinds: ["批示"], links: { fact: "f" } },
    ];
    const other = { id: "x2", type: "per", fact: "f", each: 1, text: "t", ref };
    expect(
      codes({ facts, tree: tree(tally({ priceBy: "linked", kinds: ["批示"] }), other) }),
    ).toEqual([]);
    expect(
      codes({ facts, tree: tree(tally({ priceBy: "linked", amounts: { 县级: 1 } }), other) }),
    ).toEqual([["E_UNKNOWN_REF", "tree.0.clauses.0.amounts"]]);
    expect(
      codes({ facts, tree: tree(tally({ priceBy: "linked", kinds: ["圈阅"] }), other) }),
    ).toEqual([["E_UNKNOWN_REF", "tree.0.clauses.0.kinds"]]);
    expect(
      codes({ facts, tree: tree(tally({ kinds: ["批示"], amounts: { 批示: 1 } }), other) }),
    ).toEqual([["E_MISPLACED", "tree.0.clauses.0.kinds"]]);
    const unlinked = [adoptions, { id: "p", label: "批示", type: "findings", kinds: ["批示"] }];
    expect(codes({ facts: unlinked, tree: tree(tally({ priceBy: "linked" }), other) })).toEqual([
      ["E_REQUIRED", "facts.1"],
    ]);
    expect(
      codes({
        facts,
        tree: tree(tally({ priceBy: "linked", additions: [{ tag: "t", amount: -1 }] }), other),
      }),
    ).toEqual([["E_NEGATIVE", "tree.0.clauses.0.additions.0.amount"]]);
  });

  it("a target per subject reads a findings fact that declares its subjects, per period", () => {
    const target = (fact: string, extra: Record<string, unknown> = {}) => ({
      id: "t1",
      type: "target",
      fact,
      period: "month",
      min: 1,
      each: 0.5,
      perSubject: { noun: "栏目" },
      text: "每个栏目每月不少于1条",
      ref,
      ...extra,
    });
    const facts = [
      { id: "c", label: "栏目", type: "findings", subjects: ["政策解读"] },
      { id: "d", label: "无栏目", type: "findings" },
      { id: "s", label: "序列", type: "series" },
    ];
    const window = { from: "2025-01-01", to: "2025-12-31", undated: "include" };
    const run = (...clauses: unknown[]) =>
      codes({
        facts,
        window,
        points: 10,
        tree: [{ id: "x", title: "x", points: 10, clauses }],
      });
    const others = [
      { id: "u1", type: "per", fact: "d", each: 1, text: "t", ref },
      { id: "u2", type: "target", fact: "s", period: "month", min: 1, each: 1, text: "t", ref },
    ];
    expect(run(target("c"), ...others)).toEqual([]);
    expect(run(target("d"), target("c", { id: "t2" }), others[1])).toEqual([
      ["E_REQUIRED", "facts.1"],
    ]);
    expect(run(target("s"), target("c", { id: "t2" }), others[0])).toEqual([
      ["E_FACT_KIND", "tree.0.clauses.0.fact"],
    ]);
    expect(run(target("c", { each: undefined, amount: 1 }), ...others)).toEqual([
      ["E_REQUIRED", "tree.0.clauses.0"],
    ]);
    expect(run(target("c", { perSubject: { cap: -1 } }), ...others)).toEqual([
      ["E_NEGATIVE", "tree.0.clauses.0.perSubject.cap"],
    ]);
  });
});

describe("declared tags", () => {
  it("a multiplier or addition on a tag the fact does not declare is E_UNKNOWN_REF", () => {
    const facts = [{ ...adoptions, id: "p", tags: ["转报"] }];
    const t = (extra: Record<string, unknown>) =>
      codes({ facts, tree: tree(tally({ amounts: { 省级: 1 }, ...extra })) });
    expect(t({ multipliers: [{ tag: "转报", factor: 2 }] })).toEqual([]);
    expect(t({ additions: [{ tag: "批示", amount: 5 }] })).toEqual([
      ["E_UNKNOWN_REF", "tree.0.clauses.0.additions.0.tag"],
    ]);
    expect(
      codes({
        facts: [{ id: "n", label: "n", type: "count", tags: ["a"] }],
        tree: tree({ id: "x1", type: "per", fact: "n", each: 1, text: "t", ref }),
      }),
    ).toEqual([["E_FACT_DECLARATION", "facts.0"]]);
  });
});
