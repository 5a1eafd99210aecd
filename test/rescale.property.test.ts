import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCases } from "../src/cases/runner.js";
import { Decimal, roundQuotient } from "../src/decimal.js";
import {
  type CompiledRuleSet,
  compileRuleSet,
  loadRuleSet,
  type RuleSetInput,
  scoreUnit,
  type UnitOutcome,
} from "../src/index.js";
import type { Condition, NodeInput } from "../src/schema/ruleset.js";

// C17 rescale, as properties: the rescaled score is the applicable leaves' points earned over
// their points, times `to`, rounded once — so it never exceeds `to` when nothing is added, and
// it is the same however the same leaves are grouped into a tree (which C17's moving of points
// among siblings is not). And the fixture's units score the same on its tree flattened.

const MODES = ["half-up", "half-even", "half-down", "up", "down", "ceil", "floor"] as const;

interface Leaf {
  points: number; // tenths
  each: number; // tenths
  count: number;
  /** null: always applies; else whether it applies to the unit. */
  applies: boolean | null;
  /** Where the leaf goes in the grouped tree: its group, and the group's supergroup. */
  group: number;
}
interface Spec {
  leaves: Leaf[];
  supergroup: number[]; // per group index 0..3
  to: number;
  places: number;
  mode: (typeof MODES)[number];
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  leaves: fc.array(
    fc.record({
      points: fc.integer({ min: 1, max: 300 }),
      each: fc.integer({ min: 1, max: 40 }),
      count: fc.integer({ min: 0, max: 12 }),
      applies: fc.option(fc.boolean(), { nil: null }),
      group: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 9 },
  ),
  supergroup: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 4, maxLength: 4 }),
  to: fc.constantFrom(100, 10, 150, 120),
  places: fc.integer({ min: 0, max: 3 }),
  mode: fc.constantFrom(...MODES),
});

const tenth = (n: number) => new Decimal(n).dividedBy(10).toFixed();
const ref = { doc: "d" };

function leafNode(l: Leaf, i: number): NodeInput {
  return {
    id: `L${i}`,
    title: `叶${i}`,
    points: tenth(l.points),
    ...(l.applies !== null ? { applicable: `on${i}` } : {}),
    clauses: [
      { id: `L${i}.x`, type: "per", fact: `n${i}`, each: tenth(l.each), text: "每处扣分", ref },
    ],
  } as NodeInput;
}

/** The same leaves, flat (every leaf at level 1) or grouped in two more levels. */
function build(s: Spec, grouped: boolean): CompiledRuleSet {
  const leaves = s.leaves.map(leafNode);
  let tree: NodeInput[] = leaves;
  if (grouped) {
    const groups = [0, 1, 2, 3]
      .map((g) => ({
        g,
        kids: leaves.filter((_, i) => (s.leaves[i] as Leaf).group === g),
      }))
      .filter((x) => x.kids.length);
    const node = (id: string, children: NodeInput[]) =>
      ({ id, title: id, children }) as unknown as NodeInput;
    tree = [0, 1]
      .map((sg) => groups.filter((x) => s.supergroup[x.g] === sg))
      .filter((gs) => gs.length)
      .map((gs, k) =>
        node(
          `S${k}`,
          gs.map((x) => node(`G${x.g}`, x.kids)),
        ),
      );
  }
  const facts = s.leaves.flatMap((l, i) => [
    { id: `n${i}`, label: `n${i}`, type: "count" },
    ...(l.applies !== null ? [{ id: `on${i}`, label: `on${i}`, type: "boolean" }] : []),
  ]);
  return compileRuleSet({
    kaohe: 1,
    id: "p",
    title: "p",
    documents: [{ id: "d", title: "d" }],
    policy: { rounding: { places: 3, mode: "half-up", at: "total" }, missingFact: "error" },
    facts,
    tree,
    rescale: { to: s.to, rounding: { places: s.places, mode: s.mode }, text: "按适用项折算", ref },
  } as unknown as RuleSetInput);
}

const unitOf = (s: Spec) => ({
  id: "u",
  facts: Object.fromEntries(
    s.leaves.flatMap((l, i) => [
      [`n${i}`, l.count],
      ...(l.applies !== null ? [[`on${i}`, l.applies]] : []),
    ]),
  ),
});

const shown = (o: UnitOutcome) =>
  o.ok
    ? [o.total.toFixed(), o.rescale?.earned.toFixed(), o.rescale?.applicable.toFixed()]
    : o.issues.map((i) => i.code);

describe("C17 rescale, for any leaves and any grouping", () => {
  it("is the applicable leaves' points earned ÷ their points × to, rounded once, never above to", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const o = scoreUnit(build(s, true), unitOf(s));
        // The oracle: each applicable leaf keeps its points less what it lost, down to 0.
        let earned = new Decimal(0);
        let applicable = new Decimal(0);
        for (const l of s.leaves) {
          if (l.applies === false) continue;
          const lost = Math.min(l.points, l.count * l.each);
          earned = earned.plus(new Decimal(l.points - lost).dividedBy(10));
          applicable = applicable.plus(new Decimal(l.points).dividedBy(10));
        }
        if (applicable.isZero()) {
          expect(shown(o)).toEqual(["F_NO_APPLICABLE_POINTS"]);
          return;
        }
        if (!o.ok) throw new Error(o.issues.map((i) => i.code).join());
        const want = roundQuotient(earned.times(s.to), applicable, s.places, s.mode);
        expect(o.total.toFixed()).toBe(want.toFixed());
        expect(o.total.lessThanOrEqualTo(s.to)).toBe(true);
        expect(o.total.isNegative()).toBe(false);
        // The explanation adds up: the tree's 满分 plus every delta.
        const full = s.leaves.reduce(
          (a, l) => a.plus(new Decimal(l.points).dividedBy(10)),
          new Decimal(0),
        );
        const sum = o.trace.reduce((a, e) => (e.delta ? a.plus(e.delta) : a), full);
        expect(sum.toFixed()).toBe(o.total.toFixed());
      }),
      { numRuns: 120 },
    );
  });

  it("is the same whether the leaves are grouped or not", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        expect(shown(scoreUnit(build(s, true), unitOf(s)))).toEqual(
          shown(scoreUnit(build(s, false), unitOf(s))),
        );
      }),
      { numRuns: 120 },
    );
  });
});

/** The fixture's tree with every leaf at level 1, each applying where all its ancestors do. */
function flattened(rs: RuleSetInput): RuleSetInput {
  const out: NodeInput[] = [];
  const walk = (n: NodeInput, conds: Condition[]) => {
    const here = n.applicable !== undefined ? [...conds, n.applicable] : conds;
    if (!n.children?.length) {
      const { applicable: _a, ...rest } = n;
      out.push(here.length ? { ...rest, applicable: { all: here } } : rest);
      return;
    }
    for (const k of n.children) walk(k, here);
  };
  for (const n of rs.tree) walk(n, []);
  return { ...rs, tree: out };
}

describe("the rescale fixture on another tree shape", () => {
  const dir = "test/cohort-sets/rescale";
  const loaded = loadRuleSet(readFileSync(`${dir}/rules.yaml`, "utf8"));
  if (!loaded.ok) throw new Error("fixture not loaded");
  const rs = loaded.ruleSet as unknown as RuleSetInput;
  const nested = compileRuleSet(rs);
  const flat = compileRuleSet(flattened(rs));
  const { cases } = parseCases(readFileSync(`${dir}/cases/01-rescale.yaml`, "utf8"));
  const units = cases.flatMap((c) => (c.units ? c.units : [c.unit]));

  it("has its leaves at level 1 once flattened (the test changes the shape)", () => {
    expect(flattened(rs).tree.map((n) => n.id)).toEqual([
      "一.1",
      "一.2",
      "二.1",
      "二.2.1",
      "二.2.2",
      "三",
    ]);
    expect(units.length).toBeGreaterThan(8);
  });

  it("scores every unit of its cases the same: total, earned, applicable, grade, or the error", () => {
    for (const u of units) {
      const a = scoreUnit(nested, u);
      const b = scoreUnit(flat, u);
      expect(shown(b), u.id).toEqual(shown(a));
      expect(b.ok && b.grade, u.id).toBe(a.ok && a.grade);
    }
  });
});
