import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CompiledRuleSet,
  compileRuleSet,
  Decimal,
  outcomeToJSON,
  type RuleSetInput,
  roundTo,
  scoreUnit,
  type UnitResult,
} from "../src/index.js";

/** Random rule sets: a two-level tree of per, fixed, check and step clauses, caps, 倒扣 and a veto. */
interface LeafSpec {
  group: number;
  points: number; // tenths
  kind: "per" | "fixed" | "check" | "step";
  each: number; // tenths
  cap: number | null; // tenths, ≤ points
  perSubject: number | null;
  overdraw: boolean;
  partial: "floor" | "ceil" | "prorata";
}

const leafSpec = fc.record<LeafSpec>({
  group: fc.integer({ min: 0, max: 3 }),
  points: fc.integer({ min: 1, max: 100 }),
  kind: fc.constantFrom("per", "fixed", "check", "step"),
  each: fc.integer({ min: 1, max: 40 }),
  cap: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  perSubject: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
  overdraw: fc.boolean(),
  partial: fc.constantFrom("floor", "ceil", "prorata"),
});

const specArb: fc.Arbitrary<Spec> = fc.record({
  leaves: fc.array(leafSpec, { minLength: 1, maxLength: 8 }),
  veto: fc.boolean(),
  capScope: fc.constantFrom("every-level" as const, "top-level" as const),
  overdrawOn: fc.boolean(),
});
interface Spec {
  leaves: LeafSpec[];
  veto: boolean;
  capScope: "every-level" | "top-level";
  overdrawOn: boolean;
}

const tenth = (n: number) => new Decimal(n).dividedBy(10).toFixed();
const ref = { doc: "d" };

function buildRuleSet(spec: Spec): RuleSetInput {
  const facts: RuleSetInput["facts"] = [];
  const groups = new Map<number, RuleSetInput["tree"]>();
  spec.leaves.forEach((l, i) => {
    const fact = `f${i}`;
    const id = `n${l.group}.${i}`;
    const overdraw = spec.overdrawOn && l.overdraw;
    const cap = l.cap !== null && (overdraw || l.cap <= l.points) ? tenth(l.cap) : undefined;
    let clause: RuleSetInput["tree"][number]["clauses"] extends (infer C)[] | undefined ? C : never;
    switch (l.kind) {
      case "per":
        facts.push({ id: fact, label: fact, type: "findings", missing: "zero" });
        clause = {
          id: `c${i}`,
          type: "per",
          fact,
          each: tenth(l.each),
          ...(l.perSubject !== null ? { perSubject: { cap: tenth(l.perSubject) } } : {}),
          text: "每处扣分",
          ref,
        };
        break;
      case "fixed":
        facts.push({ id: fact, label: fact, type: "boolean", default: false });
        clause = {
          id: `c${i}`,
          type: "fixed",
          when: fact,
          amount: tenth(l.each),
          text: "情形扣分",
          ref,
        };
        break;
      case "check":
        facts.push({ id: fact, label: fact, type: "boolean", default: true });
        clause = { id: `c${i}`, type: "check", when: fact, text: "达到要求得分", ref };
        break;
      default:
        facts.push({ id: fact, label: fact, type: "rate", default: 100 });
        clause = {
          id: `c${i}`,
          type: "step",
          fact,
          below: 90,
          per: 5,
          each: tenth(l.each),
          partial: l.partial,
          text: "每减少5%扣分",
          ref,
        };
    }
    const leaf = {
      id,
      title: id,
      points: tenth(l.points),
      ...(cap ? { cap } : {}),
      ...(overdraw ? { overdraw: true } : {}),
      clauses: [clause],
    };
    groups.set(l.group, [...(groups.get(l.group) ?? []), leaf as never]);
  });
  const tree: RuleSetInput["tree"] = [];
  for (const [g, kids] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    const pts = kids.reduce((a, k) => a.plus(new Decimal(String(k.points))), new Decimal(0));
    tree.push({ id: `g${g}`, title: `g${g}`, points: pts.toFixed(), children: kids });
  }
  const points = tree
    .reduce((a, n) => a.plus(new Decimal(String(n.points))), new Decimal(0))
    .toFixed();
  facts.push({ id: "fake", label: "弄虚作假", type: "boolean", default: false });
  return {
    kaohe: 1,
    id: "random",
    title: "random",
    documents: [{ id: "d", title: "d" }],
    policy: {
      rounding: { places: 2, mode: "half-up", at: "total" },
      missingFact: "error",
      capScope: spec.capScope,
    },
    facts,
    points,
    tree,
    grades: { order: ["合格", "不合格"] },
    vetoes: spec.veto
      ? [
          {
            id: "v",
            type: "override",
            when: "fake",
            total: 0,
            grade: "不合格",
            text: "弄虚作假的,直接归零",
            ref,
          },
        ]
      : [
          {
            id: "v",
            type: "override",
            when: "fake",
            grade: "不合格",
            text: "弄虚作假的,考核结果直接记为不合格档次",
            ref,
          },
        ],
  };
}

const subjects = ["甲", "乙", "丙"];
function factsArb(rs: RuleSetInput) {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of rs.facts) {
    if (f.id === "fake") continue;
    if (f.type === "findings")
      fields[f.id] = fc.array(
        fc.record({ subject: fc.constantFrom(...subjects), count: fc.integer({ min: 1, max: 6 }) }),
        { maxLength: 6 },
      );
    else if (f.type === "boolean") fields[f.id] = fc.boolean();
    else fields[f.id] = fc.integer({ min: 0, max: 1000 }).map((n) => tenth(n));
  }
  return fc.record(fields);
}

const caseArb = specArb.chain((spec) => {
  const rs = buildRuleSet(spec);
  return fc.tuple(fc.constant(rs), factsArb(rs));
});

const compiled = new WeakMap<RuleSetInput, CompiledRuleSet>();
function run(rs: RuleSetInput, facts: Record<string, unknown>): UnitResult {
  let c = compiled.get(rs);
  if (!c) {
    c = compileRuleSet(rs);
    compiled.set(rs, c);
  }
  const r = scoreUnit(c, { id: "u", facts });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r;
}

function overdrawn(rs: RuleSetInput, id: string): boolean {
  if (rs.policy.capScope === "top-level" && id.startsWith("n")) return true;
  for (const g of rs.tree)
    for (const k of g.children ?? []) if (k.id === id) return k.overdraw === true;
  return false;
}

const RUNS = { numRuns: 300 };

describe("invariants over random rule sets and facts", () => {
  it("no node goes below 0 or above its points unless declared 倒扣", () => {
    fc.assert(
      fc.property(caseArb, ([rs, facts]) => {
        const r = run(rs, facts);
        for (const n of Object.values(r.nodes)) {
          expect(n.score.greaterThan(n.points)).toBe(false);
          if (!overdrawn(rs, n.id)) expect(n.score.isNegative()).toBe(false);
        }
        expect(r.total.isNegative()).toBe(false);
      }),
      RUNS,
    );
  });

  it("a zero-out forces its declared result", () => {
    fc.assert(
      fc.property(caseArb, ([rs, facts]) => {
        const r = run(rs, { ...facts, fake: true });
        expect(r.grade).toBe("不合格");
        if (rs.vetoes?.[0]?.total !== undefined) expect(r.total.toFixed()).toBe("0");
        const clean = run(rs, facts);
        expect(clean.grade).toBe(null);
      }),
      RUNS,
    );
  });

  it("adding a finding never raises a score", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.constantFrom(...subjects), ([rs, facts], pick, subject) => {
        const keys = Object.keys(facts);
        const key = keys[pick % keys.length] as string;
        const before = run(rs, facts);
        const v = facts[key];
        const worse = Array.isArray(v)
          ? [...v, { subject, count: 1 }]
          : typeof v === "boolean"
            ? rs.facts.find((f) => f.id === key)?.default !== true
            : new Decimal(v as string).minus(7.5).clampedTo(0, 100).toFixed();
        const after = run(rs, { ...facts, [key]: worse });
        expect(after.total.lessThanOrEqualTo(before.total)).toBe(true);
        for (const [id, n] of Object.entries(after.nodes))
          expect(n.score.lessThanOrEqualTo(before.nodes[id]?.score ?? n.score)).toBe(true);
      }),
      RUNS,
    );
  });

  it("permuting findings changes nothing, to the byte", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ([rs, facts], seed) => {
        const shuffled: Record<string, unknown> = {};
        const keys = Object.keys(facts).reverse();
        for (const k of keys) {
          const v = facts[k];
          shuffled[k] = Array.isArray(v)
            ? [...v]
                .sort(
                  (a, b) =>
                    ((JSON.stringify(a).length * 31 + seed) % 7) -
                    ((JSON.stringify(b).length * 17 + seed) % 5),
                )
                .reverse()
            : v;
        }
        const a = JSON.stringify(outcomeToJSON(run(rs, facts)));
        const b = JSON.stringify(outcomeToJSON(run(rs, shuffled)));
        expect(b).toBe(a);
      }),
      RUNS,
    );
  });

  it("turning the trace off changes nothing but the trace", () => {
    fc.assert(
      fc.property(caseArb, ([rs, facts]) => {
        const c = compileRuleSet(rs);
        const withTrace = scoreUnit(c, { id: "u", facts });
        const without = scoreUnit(c, { id: "u", facts }, { trace: false });
        expect(without.ok && without.trace).toEqual([]);
        expect(JSON.stringify(outcomeToJSON(without, { trace: false }))).toBe(
          JSON.stringify(outcomeToJSON(withTrace, { trace: false })),
        );
      }),
      RUNS,
    );
  });

  it("the total equals the sum of its parts, and every node its points plus its explained changes", () => {
    fc.assert(
      fc.property(caseArb, ([rs, facts]) => {
        const r = run(rs, facts);
        let sum = new Decimal(0);
        for (const g of rs.tree) sum = sum.plus((r.nodes[g.id] as { score: Decimal }).score);
        // The total is the sum of the level-1 scores, rounded once as the policy states.
        expect(r.total.equals(roundTo(sum, 2, "half-up"))).toBe(true);
        const deltas = r.trace.reduce((a, e) => (e.delta ? a.plus(e.delta) : a), new Decimal(0));
        expect(new Decimal(String(rs.points)).plus(deltas).equals(r.total)).toBe(true);
        for (const g of rs.tree) {
          const n = r.nodes[g.id] as { score: Decimal; points: Decimal };
          const inside = new Set([g.id, ...(g.children ?? []).map((k) => k.id)]);
          const d = r.trace.reduce(
            (a, e) => (e.delta && e.node && inside.has(e.node) ? a.plus(e.delta) : a),
            new Decimal(0),
          );
          expect(n.points.plus(d).equals(n.score)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
