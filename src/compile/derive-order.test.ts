/**
 * The order derived facts are computed in, and the facts a plan reads for them
 * (compileDerivations, withInputs, withDerivedInputs in src/compile/derive.ts): a derived fact
 * declared before the derived fact it reads still sees its value; a plan's fact sets hold the
 * inputs of the derived facts they read, transitively, and nothing else; and the walks stop on a
 * cycle even though validation refuses one first (E_DERIVE_CYCLE), so nothing reaching them
 * unchecked can recurse without end.
 */
import { describe, expect, it } from "vitest";
import { ref, ruleSet, score } from "../../test/helpers.js";
import { compileRuleSet } from "../index.js";
import type { FactDeclInput, RuleSetInput } from "../schema/ruleset.js";
import { compileDerivations, withInputs } from "./derive.js";

const count = (id: string, label: string) => ({ id, label, type: "count" });

/** Item x (10 points) deducting 1 per `d`; item y (10 points) deducting 1 per `n`. */
const twoItems = (facts: unknown[], vetoes?: unknown[]) =>
  compileRuleSet(
    ruleSet({
      facts: facts as RuleSetInput["facts"],
      points: 20,
      tree: [
        {
          id: "x",
          title: "信息报送",
          points: 10,
          overdraw: true,
          clauses: [
            { id: "x1", type: "per", fact: "d", each: 1, noun: "篇", text: "每少1篇扣1分", ref },
          ],
        },
        {
          id: "y",
          title: "其他",
          points: 10,
          clauses: [{ id: "y1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
        },
      ],
      ...(vetoes ? { vetoes } : {}),
    } as never),
  );

// The shortfall d reads the sum t; d is declared first.
const declaredFirst = [
  count("n", "问题数"),
  { id: "d", label: "少报篇数", type: "count", derive: { shortfall: { of: "t", quota: 10 } } },
  { id: "t", label: "全年报送数", type: "count", derive: { sum: ["m1", "m2", "m3"] } },
  count("m1", "一季度"),
  count("m2", "二季度"),
  count("m3", "三季度"),
];

describe("a derived fact reading one declared after it", () => {
  it("is computed after it: 10 − (1 + 2 + 3) = 4 篇 short", () => {
    const rs = twoItems(declaredFirst);
    expect([...rs.derived.keys()]).toEqual(["t", "d"]);
    const r = score(rs, { n: 0, m1: 1, m2: 2, m3: 3 });
    expect(r.total.toFixed()).toBe("16");
    expect(r.trace.find((e) => e.rule === "x1")?.facts).toEqual({
      d: "4(定额10 − 全年报送数6)",
    });
    expect(score(rs, { n: 1, m1: 4, m2: 4, m3: 4 }).total.toFixed()).toBe("19");
  });

  it("a chain of three declared in reverse is computed inputs first", () => {
    const decls = [
      { id: "c", label: "c", type: "number", derive: { difference: ["b", "a"] } },
      { id: "b", label: "b", type: "number", derive: { sum: ["a", "a"] } },
      { id: "a", label: "a", type: "number", derive: { sum: ["p", "q"] } },
      { id: "p", label: "p", type: "number" },
      { id: "q", label: "q", type: "number" },
    ] as FactDeclInput[];
    const order = [...compileDerivations(decls).keys()];
    expect(order).toEqual(["a", "b", "c"]);
  });
});

describe("the facts a plan reads for its derived facts", () => {
  it("a node's facts and the plan's hold the derived facts' inputs, transitively, and no more", () => {
    const rs = twoItems(declaredFirst);
    const plan = rs.plans.get(null);
    expect([...(plan?.facts ?? [])].sort()).toEqual(["d", "m1", "m2", "m3", "n", "t"]);
    expect(plan?.nodes.map((n) => [n.id, [...n.facts].sort()])).toEqual([
      ["x", ["d", "m1", "m2", "m3", "t"]],
      ["y", ["n"]],
    ]);
    expect([...(plan?.alwaysFacts ?? [])]).toEqual([]);
  });

  it("a veto reading a derived fact makes its inputs always read", () => {
    const rs = twoItems(declaredFirst, [
      {
        id: "v",
        type: "override",
        when: { fact: "t", eq: 0 },
        stop: true,
        total: 0,
        text: "全年未报送的,不得分",
        ref,
      },
    ]);
    expect([...(rs.plans.get(null)?.alwaysFacts ?? [])].sort()).toEqual(["m1", "m2", "m3", "t"]);
  });

  it("withInputs: a plain fact is itself; a derived one brings its inputs", () => {
    const derived = compileDerivations(declaredFirst as FactDeclInput[]);
    expect([...withInputs(["n"], derived)]).toEqual(["n"]);
    expect([...withInputs(["d", "n"], derived)].sort()).toEqual(["d", "m1", "m2", "m3", "n", "t"]);
    expect([...withInputs([], derived)]).toEqual([]);
  });
});

describe("a cycle, had validation not refused it", () => {
  const cyclic = [
    count("n", "n"),
    { id: "d", label: "d", type: "count", derive: { sum: ["n", "e"] } },
    { id: "e", label: "e", type: "count", derive: { sum: ["n", "d"] } },
    { id: "s", label: "s", type: "count", derive: { sum: ["s", "n"] } },
  ] as FactDeclInput[];

  it("compileDerivations lists each derived fact once", () => {
    expect([...compileDerivations(cyclic).keys()].sort()).toEqual(["d", "e", "s"]);
  });

  it("withInputs gives the closure once", () => {
    const derived = compileDerivations(cyclic);
    expect([...withInputs(["d"], derived)].sort()).toEqual(["d", "e", "n"]);
    expect([...withInputs(["s"], derived)].sort()).toEqual(["n", "s"]);
  });

  it("and validation does refuse it", () => {
    expect(() => twoItems(cyclic)).toThrow(/E_DERIVE_CYCLE/);
  });
});
