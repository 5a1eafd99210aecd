import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, plain, ref, ruleSet, said, score } from "../../test/helpers.js";
import { Decimal } from "../decimal.js";
import { fastSummary, hasFastPath } from "../fast/fast.js";
import { validateRuleSet } from "../load/load.js";
import type { NodeInput, RuleSetInput } from "../schema/ruleset.js";
import { scoreUnit } from "./evaluate.js";

// Items scored directly (issue 11 item 6): a node's score written by the assessors in a 评分表,
// read from a declared fact, checked, and summed with the computed nodes.

const facts = [
  { id: "s23", label: "二.3 评分人给分", type: "number" },
  { id: "n", label: "问题", type: "count" },
  { id: "fake", label: "弄虚作假", type: "boolean", default: false },
];
const tree = (given: Record<string, unknown> = { fact: "s23" }, over = {}): NodeInput[] =>
  [
    {
      id: "一",
      title: "一、制度建设",
      points: 10,
      clauses: [{ id: "一.1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
    },
    {
      id: "二",
      title: "二、工作成效",
      points: 20,
      children: [
        { id: "二.3", title: "3.群众满意度", points: 10, ref, given, ...over },
        { id: "二.4", title: "4.其他", points: 10, given: { fact: "s24" } },
      ],
    },
  ] as unknown as NodeInput[];
const base = (over: Partial<RuleSetInput> = {}) =>
  ({
    points: 30,
    facts: [...facts, { id: "s24", label: "二.4 评分人给分", type: "number", missing: "zero" }],
    tree: tree(),
    ...over,
  }) as Parameters<typeof compile>[0];

describe("items scored directly (given)", () => {
  it("a given score enters the tree beside computed nodes, and the trace says it was given", () => {
    const crs = compile(base());
    const r = score(crs, { s23: "8.5", s24: 10, n: 2 });
    expect(r.total.toFixed()).toBe("26.5");
    expect(plain(r.nodes["二.3"])).toMatchObject({ score: "8.5", deducted: "1.5", given: true });
    expect(r.nodes.二?.score.toFixed()).toBe("18.5");
    const e = r.trace.find((x) => x.kind === "given" && x.node === "二.3");
    expect(plain(e?.effect)).toEqual({ type: "given", score: "8.5", points: "10" });
    expect(said(e)).toBe("评分人给分8.5分(满分10分)");
    expect(plain(e?.delta)).toBe("-1.5");
    expect(e?.facts).toEqual({ s23: "8.5" });
    // Full marks are said too: the reader must see the score was given.
    expect(said(r.trace.find((x) => x.node === "二.4"))).toBe("评分人给分10分(满分10分)");
  });

  it("refuses a score outside 0..points or with too many places, at the fact", () => {
    const crs = compile(base());
    for (const bad of [11, -1, "8.555", "10.01"]) {
      const r = scoreUnit(crs, { id: "u", facts: { s23: bad, n: 0 } });
      expect(!r.ok && r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
        ["F_GIVEN_SCORE", "facts.s23"],
      ]);
    }
    // `places` states the places a score may have; the default is the policy's (2).
    const one = compile(base({ tree: tree({ fact: "s23", places: 1 }) }));
    const r = scoreUnit(one, { id: "u", facts: { s23: "8.25", n: 0 } });
    expect(!r.ok && r.issues[0]?.code).toBe("F_GIVEN_SCORE");
    expect(score(one, { s23: "8.5", n: 0 }).total.toFixed()).toBe("18.5");
  });

  it("checks against the points of the unit's category", () => {
    const [one, two] = tree() as unknown as [
      Record<string, unknown>,
      { children: Record<string, unknown>[] },
    ];
    const [c3, c4] = two.children;
    const crs = compile(
      base({
        categories: [
          { id: "city", label: "市" },
          { id: "county", label: "县" },
        ],
        tree: [
          one,
          {
            ...two,
            children: [
              { ...c3, pointsBy: { county: 5 } },
              { ...c4, pointsBy: { county: 15 } },
            ],
          },
        ] as never,
      }),
    );
    expect(score(crs, { s23: 8, n: 0 }, { category: "city" }).nodes["二.3"]?.score.toFixed()).toBe(
      "8",
    );
    const r = scoreUnit(crs, { id: "u", category: "county", facts: { s23: 8, n: 0 } });
    expect(!r.ok && r.issues[0]?.code).toBe("F_GIVEN_SCORE");
    expect(score(crs, { s23: 5, n: 0 }, { category: "county" }).total.toFixed()).toBe("15");
  });

  it("a missing score follows the fact's missing policy", () => {
    const crs = compile(base());
    const r = scoreUnit(crs, { id: "u", facts: { n: 0, s24: 5 } });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["F_MISSING_FACT"]);
    // s24 is declared missing: zero.
    expect(score(crs, { s23: 10, n: 0 }).nodes["二.4"]?.score.toFixed()).toBe("0");
  });

  it("a veto still zeroes a given node, and rounding at nodes still applies", () => {
    const crs = compile(
      base({
        vetoes: [
          {
            id: "V",
            type: "override",
            when: "fake",
            zero: ["二.3"],
            text: "弄虚作假的,此项不得分",
            ref,
          },
        ],
      }),
    );
    const r = score(crs, { s23: 9, s24: 10, n: 0, fake: true });
    expect(r.nodes["二.3"]?.score.toFixed()).toBe("0");
    expect(r.total.toFixed()).toBe("20");
    const rounded = compile(
      base({
        policy: { rounding: { places: 0, mode: "half-up", at: "nodes" }, missingFact: "error" },
        tree: tree({ fact: "s23", places: 1 }),
      }),
    );
    expect(score(rounded, { s23: "8.5", s24: 10, n: 0 }).nodes["二.3"]?.score.toFixed()).toBe("9");
  });

  it("lint: a given node has no clauses, children or caps, and reads a number fact", () => {
    const codes = (rs: unknown) => {
      const v = validateRuleSet(rs);
      return v.ok
        ? []
        : v.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.path.join(".")]);
    };
    const clause = { id: "x", type: "check", when: "fake", text: "t", ref };
    expect(codes(ruleSet(base({ tree: tree({ fact: "s23" }, { clauses: [clause] }) })))).toEqual([
      ["E_GIVEN_NODE", "tree.1.children.0.clauses"],
    ]);
    expect(codes(ruleSet(base({ tree: tree({ fact: "s23" }, { cap: 2 }) })))).toEqual([
      ["E_GIVEN_NODE", "tree.1.children.0.cap"],
    ]);
    expect(codes(ruleSet(base({ tree: tree({ fact: "fake" }) })))).toContainEqual([
      "E_FACT_KIND",
      "tree.1.children.0.given.fact",
    ]);
    expect(codes(ruleSet(base({ tree: tree({ fact: "nope" }) })))).toContainEqual([
      "E_UNDECLARED_FACT",
      "tree.1.children.0.given.fact",
    ]);
    const na = base({
      facts: [
        ...facts,
        { id: "s24", label: "二.4", type: "number", missing: "not-applicable" },
      ] as never,
    });
    expect(codes(ruleSet(na))).toEqual([["E_GIVEN_NODE", "tree.1.children.1.given.fact"]]);
  });

  it("the fast path falls back for rule sets with given nodes", () => {
    const crs = compile(base());
    expect(hasFastPath(crs)).toBe(false);
    expect(fastSummary(crs, { id: "u", facts: { s23: 8, s24: 9, n: 1 } })).toBeNull();
  });
});

describe("items scored directly: properties", () => {
  // A given score is never changed by anything but a veto's zeroing, and the total is the sum
  // of the parts: the computed item and the given ones, exactly.
  const crs = compile(
    base({
      vetoes: [
        { id: "V", type: "override", when: "fake", zero: ["二.4"], text: "此项不得分", ref },
      ],
    }),
  );
  const tenth = fc.integer({ min: 0, max: 100 }).map((n) => new Decimal(n).dividedBy(10));
  const hundredth = fc.integer({ min: 0, max: 1000 }).map((n) => new Decimal(n).dividedBy(100));
  it("a given score stands as given; total = sum of parts", () => {
    fc.assert(
      fc.property(
        hundredth,
        tenth,
        fc.integer({ min: 0, max: 15 }),
        fc.boolean(),
        fc.boolean(),
        (s23, s24, n, fake, asText) => {
          const w = (d: Decimal) => (asText ? d.toFixed() : d.toNumber());
          const r = score(crs, { s23: w(s23), s24: w(s24), n, fake });
          expect(r.nodes["二.3"]?.score.equals(s23)).toBe(true);
          expect(r.nodes["二.4"]?.score.equals(fake ? 0 : s24)).toBe(true);
          const one = Decimal.max(0, 10 - n);
          const sum = one.plus(s23).plus(fake ? 0 : s24);
          expect(r.nodes.二?.score.equals(s23.plus(fake ? 0 : s24))).toBe(true);
          expect(r.unrounded.equals(sum)).toBe(true);
          expect(r.trace.filter((e) => e.kind === "given").map((e) => e.node)).toEqual([
            "二.3",
            "二.4",
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
