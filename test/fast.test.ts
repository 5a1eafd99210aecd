import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreCohort, scoreCohortSummary } from "../src/cohort/cohort.js";
import { nodesRead } from "../src/cohort/cohort-summary.js";
import { compileRuleSet as compileEngine } from "../src/compile/compile-rule-set.js";
import { Decimal } from "../src/decimal.js";
import { scoreUnit } from "../src/evaluate/evaluate.js";
import { fastPlace, fastSummary, hasFastPath, scoreSummary } from "../src/fast/fast.js";
import { rounder } from "../src/fast/plan.js";
import { summaryOf } from "../src/fast/summary.js";
import { loadRuleSet, validateRuleSet } from "../src/load/load.js";
import type { RuleSetInput } from "../src/schema/ruleset.js";
import { sharedJSON } from "./summary-compare.js";

type Clause = NonNullable<RuleSetInput["tree"][number]["clauses"]>[number];
type Cond = Extract<Clause, { type: "fixed" }>["when"];
type Node = RuleSetInput["tree"][number];

const ref = { doc: "d" };
const MODES = ["half-up", "half-even", "half-down", "up", "down", "ceil", "floor"] as const;
const OPTIONS = ["甲", "乙", "丙"];

/** The full path's summary: the reference. */
const full = (crs: ReturnType<typeof compileEngine>, unit: Parameters<typeof scoreUnit>[1]) =>
  summaryOf(scoreUnit(crs, unit, { trace: false }));

/** A decimal of `places` places from an integer, as text or number. */
const decimal = (n: number, places: number, asText: boolean): number | string => {
  const s = new Decimal(n).dividedBy(10 ** places).toFixed();
  return asText ? s : Number(s);
};
const amountArb = fc
  .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 2 }), fc.boolean())
  .map(([n, p, t]) => decimal(n, p, t));

// Facts every generated rule set declares: counts, a number, a rate, booleans, a choice.
const FACTS: RuleSetInput["facts"] = [
  { id: "c1", label: "c1", type: "count" },
  { id: "c2", label: "c2", type: "count", max: 50 },
  { id: "n1", label: "n1", type: "number", min: -20, max: 200 },
  { id: "r1", label: "r1", type: "rate" },
  { id: "b1", label: "b1", type: "boolean" },
  { id: "b2", label: "b2", type: "boolean" },
  { id: "ch", label: "ch", type: "choice", options: OPTIONS },
];
const NUMERIC = ["c1", "c2", "n1", "r1"];

const condArb: fc.Arbitrary<Cond> = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<Cond>("b1", "b2"),
    fc.constantFrom(true, false).map((is) => ({ fact: "b2", is })),
    fc.constantFrom(...OPTIONS).map((is) => ({ fact: "ch", is })),
    fc
      .tuple(
        fc.constantFrom(...NUMERIC),
        fc.constantFrom("gt", "gte", "lt", "lte", "eq", "ne"),
        fc.oneof(
          fc
            .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 }), fc.boolean())
            .map(([n, p, t]) => decimal(n, p, t)),
          fc.constantFrom(...NUMERIC).map((f) => ({ fact: f })),
        ),
      )
      .map(([fact, op, rhs]) => ({ fact, [op]: rhs }) as Cond),
    fc.array(tie("cond"), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie("cond"), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie("cond").map((not) => ({ not })),
  ),
})).cond;

/** A clause of a kind the fixed-point path takes (and, now and then, one it does not). */
const clauseArb = (id: string, add: boolean): fc.Arbitrary<Clause> => {
  const effect = add ? { effect: "add" as const } : {};
  const common = { id, text: "t", ref, ...effect };
  return fc.oneof(
    fc
      .record({
        fact: fc.constantFrom("c1", "c2"),
        each: amountArb,
        cap: fc.option(amountArb, { nil: undefined }),
      })
      .map(({ fact, each, cap }) => ({
        ...common,
        type: "per" as const,
        fact,
        each,
        ...(cap !== undefined ? { cap } : {}),
      })),
    fc
      .record({ when: condArb, amount: amountArb })
      .map((x) => ({ ...common, type: "fixed" as const, ...x })),
    ...(add
      ? []
      : [
          fc
            .record({ when: condArb, points: fc.option(amountArb, { nil: undefined }) })
            .map(({ when, points }) => ({
              ...common,
              type: "check" as const,
              when,
              ...(points !== undefined ? { points } : {}),
            })),
          fc
            .record({
              below: fc.integer({ min: 50, max: 100 }),
              per: fc.constantFrom(1, 2, 2.5, 5, "0.5"),
              each: amountArb,
              partial: fc.constantFrom(
                "floor" as const,
                "ceil" as const,
                "floor" as const,
                "ceil" as const,
                "prorata" as const,
              ),
              bands: fc.boolean(),
              whole: fc.boolean(),
            })
            .map(({ below, per, each, partial, bands, whole }) => ({
              ...common,
              type: "step" as const,
              fact: "r1",
              partial,
              ...(bands
                ? {
                    bands: [
                      { below, per, each },
                      { below: below - 20, per, each },
                    ],
                    bandMode: whole ? ("whole" as const) : ("marginal" as const),
                  }
                : { below, per, each }),
            })),
        ]),
    fc
      .record({
        when: condArb,
        amount: fc.option(amountArb, { nil: undefined }),
        flag: fc.option(fc.constantFrom("约谈", "通报"), { nil: undefined }),
        grade: fc.option(fc.constantFrom("合格", "不合格"), { nil: undefined }),
        node: fc.boolean(),
      })
      .map(({ when, amount, flag, grade, node }) => ({
        ...common,
        type: "override" as const,
        when,
        ...(amount !== undefined ? { amount } : {}),
        ...(flag !== undefined ? { flag } : {}),
        ...(grade !== undefined ? { grade, ...(node ? { gradeScope: "node" as const } : {}) } : {}),
      })),
  );
};

interface LeafSpec {
  points: number;
  clauses: Clause[];
  adds: Clause[];
  cap: number | null;
  overdraw: boolean;
  bonusCap: number | null;
  bonusMax: boolean;
}

let counter = 0;
const leafArb: fc.Arbitrary<LeafSpec> = fc
  .record({
    points: fc.integer({ min: 1, max: 200 }),
    n: fc.integer({ min: 1, max: 3 }),
    a: fc.integer({ min: 0, max: 2 }),
    cap: fc.option(fc.integer({ min: 1, max: 200 }), { nil: null }),
    overdraw: fc.boolean(),
    bonusCap: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
    bonusMax: fc.boolean(),
    seed: fc.nat(),
  })
  .chain((x) =>
    fc
      .tuple(
        fc.tuple(...Array.from({ length: x.n }, (_, i) => clauseArb(`k${x.seed}_${i}`, false))),
        fc.tuple(...Array.from({ length: x.a }, (_, i) => clauseArb(`a${x.seed}_${i}`, true))),
      )
      .map(([clauses, adds]) => ({ ...x, clauses, adds })),
  );

const specArb = fc.record({
  groups: fc.array(fc.array(leafArb, { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 3,
  }),
  places: fc.integer({ min: 0, max: 2 }),
  mode: fc.constantFrom(...MODES),
  at: fc.constantFrom("total", "total", "total", "total", "total", "nodes"),
  bonusFloor: fc.constantFrom("after-floor" as const, "before-floor" as const),
  capScope: fc.constantFrom("every-level" as const, "top-level" as const),
  precedence: fc.constantFrom("override" as const, "worse" as const),
  veto: fc.option(
    fc.record({
      when: condArb,
      total: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      atMost: fc.boolean(),
      stop: fc.boolean(),
      zero: fc.boolean(),
      grade: fc.option(fc.constantFrom("合格", "不合格"), { nil: undefined }),
      flag: fc.option(fc.constant("归零"), { nil: undefined }),
      amount: fc.option(amountArb, { nil: undefined }),
    }),
    { nil: null },
  ),
  adjustment: fc.option(
    fc.record({
      add: fc.boolean(),
      cap: fc.option(amountArb, { nil: undefined }),
      max: fc.boolean(),
      bonus: fc.boolean(),
      clauses: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
    }),
    { nil: null },
  ),
  gates: fc.boolean(),
  gateStop: fc.boolean(),
  bands: fc.boolean(),
  thresholds: fc.boolean(),
});

/** A rule set from a spec; null when the rule language refuses it (a lint error). */
type Spec = typeof specArb extends fc.Arbitrary<infer S> ? S : never;

function build(spec: Spec) {
  counter++;
  const nodes: Node[] = spec.groups.map((leaves, g) => {
    const kids: Node[] = leaves.map((l, i) => {
      const overdraw = l.overdraw && spec.capScope === "every-level";
      return {
        id: `n${g}_${i}`,
        title: "t",
        points: l.points / 10,
        ...(l.cap !== null && (overdraw || l.cap <= l.points) ? { cap: l.cap / 10 } : {}),
        ...(overdraw ? { overdraw: true } : {}),
        ...(l.adds.length && l.bonusCap !== null ? { bonusCap: l.bonusCap / 10 } : {}),
        ...(l.adds.length
          ? { bonusCombine: l.bonusMax ? ("max" as const) : ("sum" as const) }
          : {}),
        clauses: [...l.clauses, ...l.adds],
      };
    });
    const pts = kids.reduce((a, k) => a.plus(String(k.points)), new Decimal(0));
    return { id: `g${g}`, title: "t", points: pts.toNumber(), children: kids };
  });
  const points = nodes.reduce((a, k) => a.plus(String(k.points)), new Decimal(0));
  const allIds = nodes.flatMap((n) => [n.id, ...(n.children ?? []).map((k) => k.id)]);
  const v = spec.veto;
  const vetoes: Clause[] = v
    ? [
        {
          id: "veto",
          type: "override",
          when: v.when,
          text: "否决",
          ref,
          ...(v.total !== null
            ? {
                total: points.times(v.total).dividedBy(100).toDecimalPlaces(2).toNumber(),
                ...(v.atMost ? { totalMode: "at-most" as const } : {}),
              }
            : {}),
          ...(v.stop ? { stop: true } : {}),
          ...(v.zero ? { zero: [allIds[counter % allIds.length] as string] } : {}),
          ...(v.grade ? { grade: v.grade } : {}),
          ...(v.flag ? { flag: v.flag } : {}),
          ...(v.amount !== undefined ? { amount: v.amount } : {}),
        },
      ]
    : [];
  const a = spec.adjustment;
  const half = points.dividedBy(2).toDecimalPlaces(1).toNumber();
  const rs = {
    kaohe: 1,
    id: "fast/random",
    title: "random",
    documents: [{ id: "d", title: "d" }],
    policy: {
      rounding: { places: spec.places, mode: spec.mode, at: spec.at },
      missingFact: "error",
      capScope: spec.capScope,
      bonusFloor: spec.bonusFloor,
      gradePrecedence: spec.precedence,
    },
    facts: FACTS,
    points: points.toNumber(),
    tree: nodes,
    ...(vetoes.length ? { vetoes } : {}),
    ...(a
      ? {
          adjustments: [
            {
              id: "adj",
              title: "adj",
              combine: a.max ? "max" : "sum",
              ...(a.cap !== undefined ? { cap: a.cap } : {}),
              ...(a.bonus ? { stage: "bonus" } : {}),
              clauses: a.clauses.map((n, i) => ({
                id: `x${i}`,
                type: "fixed",
                when: ["b1", "b2", { fact: "c1", gt: n % 5 }][n % 3],
                amount: (n % 40) / 10 + 0.5,
                ...(a.add ? { effect: "add" } : {}),
                text: "t",
                ref,
              })),
            },
          ],
        }
      : {}),
    ...(spec.gates || (a?.bonus ?? false)
      ? {
          gates: [
            {
              id: "gate1",
              lt: half,
              grade: "不合格",
              flag: "未过线",
              ...(spec.gateStop ? { stop: true } : {}),
              text: "t",
              ref,
            },
            { id: "gate2", gte: half, opens: "bonus", text: "t", ref },
          ],
        }
      : {}),
    grades: {
      order: ["优秀", "合格", "不合格"],
      ...(spec.bands
        ? {
            bands: [
              { grade: "优秀", gte: points.times(0.9).toDecimalPlaces(1).toNumber() },
              { grade: "合格", gt: half },
              { grade: "不合格" },
            ],
          }
        : {}),
    },
    ...(spec.thresholds
      ? {
          thresholds: [
            { id: "t1", of: "deducted", gte: 1.5, flag: "扣分多", text: "t", ref },
            { id: "t2", of: "added", gt: 0, flag: "有加分", text: "t", ref },
            { id: "t3", of: { node: "g0" }, lt: 1, flag: "g0低", text: "t", ref },
            { id: "t4", of: "total", lte: half, flag: "半数以下", text: "t", ref },
          ],
        }
      : {}),
  };
  const checked = validateRuleSet(rs);
  return checked.ok ? compileEngine(checked.ruleSet) : null;
}

/** Facts mostly as a facts file holds them, and now and then what must be refused or warned. */
const factsArb = fc.record(
  {
    c1: fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 0, max: 30 }) },
      fc.constantFrom(-1, 1.5, "3", "２", null, 2e9),
    ),
    c2: fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 50 }) }, fc.constant(51)),
    n1: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.integer({ min: -2000, max: 20000 }).map((n) => Number(decimal(n, 2, true))),
      },
      fc.constantFrom("12.5", 1e-7, 300, Number.NaN, 12.345),
    ),
    r1: fc.oneof(
      {
        weight: 8,
        arbitrary: fc.integer({ min: 11, max: 1000 }).map((n) => Number(decimal(n, 1, true))),
      },
      fc.constantFrom(0.5, 1, 120, "87.5%", 33.333),
    ),
    b1: fc.oneof({ weight: 20, arbitrary: fc.boolean() }, fc.constantFrom("是", 1, "否")),
    b2: fc.boolean(),
    ch: fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...OPTIONS) }, fc.constant("丁")),
  },
  { requiredKeys: ["c1", "c2", "n1", "r1", "b1", "b2", "ch"] },
);

const unitArb = fc.tuple(
  factsArb,
  fc.oneof(
    { weight: 20, arbitrary: fc.constant(null) },
    fc.constantFrom("c1", "zz", "constructor"),
  ),
);

describe("the fixed-point path equals the decimal path", () => {
  it("on random rule sets and facts: the same summary, refusals and warnings included", () => {
    let fast = 0;
    let total = 0;
    fc.assert(
      fc.property(specArb, fc.array(unitArb, { minLength: 1, maxLength: 8 }), (spec, units) => {
        const crs = build(spec);
        fc.pre(crs !== null);
        if (crs === null) return;
        for (const [facts, tweak] of units) {
          const given: Record<string, unknown> = { ...facts };
          if (tweak === "c1") delete given.c1;
          else if (tweak !== null) given[tweak] = 1;
          const unit = { id: "u", facts: given };
          const want = full(crs, unit);
          const f = fastSummary(crs, unit);
          total++;
          if (f) {
            fast++;
            expect(f).toEqual(want);
          }
          expect(scoreSummary(crs, unit)).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
    // The fast path must actually be taken for most units, or this test proves nothing.
    expect(fast / total).toBeGreaterThan(0.3);
  });
});

describe("a lean cohort (scoreCohortSummary) on the fixed-point path", () => {
  it("gives scoreCohort's result on random rule sets and units: ranks, grades, statistics, each unit's figures", () => {
    let fast = 0;
    let total = 0;
    fc.assert(
      fc.property(specArb, fc.array(unitArb, { minLength: 1, maxLength: 12 }), (spec, given) => {
        const crs = build(spec);
        fc.pre(crs !== null);
        if (crs === null) return;
        const units = given.map(([facts, tweak], i) => {
          const f: Record<string, unknown> = { ...facts };
          if (tweak === "c1") delete f.c1;
          else if (tweak !== null) f[tweak] = 1;
          return { id: `单位${i}`, facts: f };
        });
        for (const u of units) {
          total++;
          if (fastPlace(crs, u)) fast++;
        }
        const reads = nodesRead(crs);
        const lean = scoreCohortSummary(crs, units, { trace: false });
        expect(sharedJSON(lean, reads)).toBe(sharedJSON(scoreCohort(crs, units), reads));
      }),
      { numRuns: 200 },
    );
    // Most units must take the fixed-point path, or this test proves nothing about it.
    expect(fast / total).toBeGreaterThan(0.3);
  });

  it("the toy rule's cohort: every unit by the fixed-point path, the same result as scoreCohort", () => {
    const toy = loadRuleSet(readFileSync("bench/peers/toy-rules.yaml", "utf8"));
    if (!toy.ok) throw new Error("the toy rule set does not load");
    const crs = compileEngine(toy.ruleSet);
    const units = [];
    for (let misses = 0; misses <= 25; misses++)
      for (const fraud of [false, true])
        units.push({ id: `U${misses}${fraud}`, facts: { misses, fraud } });
    expect(units.every((u) => fastPlace(crs, u) !== null)).toBe(true);
    const lean = scoreCohortSummary(crs, units);
    expect(sharedJSON(lean, [])).toBe(sharedJSON(scoreCohort(crs, units), []));
    // Exact decimals, not floats: 3 − 7 × 0.3 = 0.9, and a unit that lost 2.1 reports it so.
    const u7 = lean.units.find((u) => u.unit === "U7false");
    expect(u7?.outcome.ok && [u7.outcome.total.toFixed(), u7.outcome.deducted.toFixed()]).toEqual([
      "0.9",
      "2.1",
    ]);
  });
});

describe("the fixed-point path is taken", () => {
  const toy = loadRuleSet(readFileSync("bench/peers/toy-rules.yaml", "utf8"));
  if (!toy.ok) throw new Error("the toy rule set does not load");
  const crs = compileEngine(toy.ruleSet);

  it("for the toy rule of the benchmark, on every unit it generates, with the full path's summary", () => {
    expect(hasFastPath(crs)).toBe(true);
    for (let misses = 0; misses <= 25; misses++)
      for (const fraud of [false, true]) {
        const unit = { id: `U${misses}`, facts: { misses, fraud } };
        const f = fastSummary(crs, unit);
        expect(f).not.toBeNull();
        expect(f).toEqual(full(crs, unit));
      }
    expect(fastSummary(crs, { id: "A", facts: { misses: 4, fraud: false } })).toEqual({
      ok: true,
      unit: "A",
      category: null,
      total: 1.8,
      grade: null,
      gradeSource: null,
      flags: [],
      stopped: false,
    });
  });

  it("not for a unit the full path warns about, refuses or must read itself", () => {
    for (const facts of [
      { misses: "3", fraud: false }, // a text: folded by the general reader
      { misses: -1, fraud: false }, // refused
      { misses: 3 }, // missing
      { misses: 3, fraud: "是" }, // 是/否
      { misses: 3, fraud: false, extra: 1 }, // unknown fact
    ]) {
      const unit = { id: "U", facts };
      expect(fastSummary(crs, unit)).toBeNull();
      expect(scoreSummary(crs, unit)).toEqual(full(crs, unit));
    }
    expect(fastSummary(crs, { id: "U", facts: { misses: 1, fraud: false } }, { asOf: "x" })).toBe(
      null,
    );
  });

  it("for each supported construct: per, fixed, check, step, override, vetoes, items, gates, grades, thresholds", () => {
    const rs = {
      kaohe: 1,
      id: "fast/constructs",
      title: "t",
      documents: [{ id: "d", title: "d" }],
      policy: { rounding: { places: 1, mode: "half-up", at: "total" }, missingFact: "error" },
      facts: [
        { id: "n", label: "n", type: "count" },
        { id: "bad", label: "bad", type: "boolean" },
        { id: "rate", label: "rate", type: "rate" },
        { id: "ok", label: "ok", type: "boolean" },
      ],
      points: 10,
      tree: [
        {
          id: "一",
          title: "t",
          points: 6,
          children: [
            {
              id: "一.1",
              title: "t",
              points: 3,
              clauses: [
                { id: "p", type: "per", fact: "n", each: 0.25, cap: 2, text: "t", ref },
                { id: "f", type: "fixed", when: "bad", amount: 0.5, text: "t", ref },
              ],
            },
            {
              id: "一.2",
              title: "t",
              points: 3,
              clauses: [
                {
                  id: "s",
                  type: "step",
                  fact: "rate",
                  below: 95,
                  per: 5,
                  each: 0.5,
                  partial: "floor",
                  text: "t",
                  ref,
                },
                {
                  id: "o",
                  type: "override",
                  when: { fact: "n", gt: 10 },
                  flag: "约谈",
                  amount: 1,
                  text: "t",
                  ref,
                },
              ],
            },
          ],
        },
        {
          id: "二",
          title: "t",
          points: 4,
          bonusCap: 1,
          clauses: [
            { id: "c", type: "check", when: "ok", points: 2, text: "t", ref },
            { id: "b", type: "fixed", effect: "add", when: "ok", amount: 1.5, text: "t", ref },
          ],
        },
      ],
      vetoes: [
        { id: "v", type: "override", when: { fact: "n", gte: 20 }, total: 3, text: "t", ref },
      ],
      adjustments: [
        {
          id: "adj",
          title: "t",
          cap: 1,
          clauses: [{ id: "x", type: "fixed", when: "bad", amount: 2, text: "t", ref }],
        },
      ],
      gates: [{ id: "g", lt: 6, grade: "不合格", text: "t", ref }],
      grades: {
        order: ["优秀", "合格", "不合格"],
        bands: [{ grade: "优秀", gte: 9 }, { grade: "合格", gte: 6 }, { grade: "不合格" }],
      },
      thresholds: [{ id: "t", of: "deducted", gte: 3, flag: "扣分多", text: "t", ref }],
    };
    const checked = validateRuleSet(rs);
    if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join("\n"));
    const c = compileEngine(checked.ruleSet);
    expect(hasFastPath(c)).toBe(true);
    const seen = new Set<string>();
    for (const n of [0, 1, 3, 9, 11, 20])
      for (const bad of [false, true])
        for (const rate of [100, 93.5, 80, 61.2])
          for (const ok of [false, true]) {
            const unit = { id: "U", facts: { n, bad, rate, ok } };
            const f = fastSummary(c, unit);
            expect(f).not.toBeNull();
            expect(f).toEqual(full(c, unit));
            if (f?.ok) {
              seen.add(`${f.grade}`);
              for (const x of f.flags) seen.add(x);
            }
          }
    // Every grade and flag was reached at least once.
    expect([...seen].sort()).toEqual(["不合格", "优秀", "合格", "扣分多", "约谈"].sort());
  });
});

describe("the fixed-point path is not taken", () => {
  it("for a rule set with items scored directly (given): the full path scores it", () => {
    const checked = validateRuleSet({
      kaohe: 1,
      id: "given",
      title: "评分人给分",
      documents: [{ id: "d", title: "d" }],
      policy: { rounding: { places: 1, mode: "half-up", at: "total" }, missingFact: "error" },
      facts: [
        { id: "n", label: "n", type: "count" },
        { id: "s", label: "评分人给分", type: "number" },
      ],
      points: 20,
      tree: [
        {
          id: "A",
          title: "A",
          points: 10,
          clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
        },
        { id: "B", title: "B", points: 10, given: { fact: "s" } },
      ],
    });
    if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join("\n"));
    const c = compileEngine(checked.ruleSet);
    expect(hasFastPath(c)).toBe(false);
    for (const facts of [
      { n: 1, s: "8.5" },
      { n: 0, s: 10 },
      { n: 2, s: 11 },
    ]) {
      const unit = { id: "U", facts };
      expect(fastSummary(c, unit)).toBeNull();
      expect(scoreSummary(c, unit)).toEqual(full(c, unit));
    }
    expect(scoreSummary(c, { id: "U", facts: { n: 1, s: "8.5" } })).toMatchObject({ total: 17.5 });
  });
});

describe("exact figures", () => {
  it("a decimal of at most 15 significant digits prints as itself from its nearest double", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 10 }),
        (digits, places) => {
          const d = new Decimal(digits.toString()).dividedBy(new Decimal(10).pow(places));
          const n = Number(digits) / 10 ** places;
          // The summary's number: an integer of 10^-k over 10^k, as the fixed-point path divides.
          expect(new Decimal(String(n)).equals(d)).toBe(true);
          expect(summaryOf({ ...fakeResult, total: d }).ok).toBe(true);
          const s = summaryOf({ ...fakeResult, total: d });
          expect(s.ok && s.total === n && s.totalText === undefined).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("a total of more digits comes with its text", () => {
    const d = new Decimal("1234567890.1234567");
    const s = summaryOf({ ...fakeResult, total: d });
    expect(s.ok && s.totalText).toBe("1234567890.1234567");
  });

  it("integer rounding equals decimal rounding in every mode", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...MODES),
        (s, drop, mode) => {
          const q = 10 ** drop;
          const want = new Decimal(s).dividedBy(q).toDecimalPlaces(0, ROUNDING[mode]).times(q);
          expect(rounder(q, mode)(s)).toBe(want.toNumber() === 0 ? 0 : want.toNumber());
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const ROUNDING = {
  "half-up": Decimal.ROUND_HALF_UP,
  "half-even": Decimal.ROUND_HALF_EVEN,
  "half-down": Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
} as const;

const fakeResult = {
  ok: true as const,
  unit: "U",
  category: null,
  total: new Decimal(0),
  unrounded: new Decimal(0),
  measures: {},
  deducted: new Decimal(0),
  added: new Decimal(0),
  nodes: {},
  grade: null,
  gradeSource: null,
  flags: [],
  stopped: false,
  excluded: [],
  trace: [],
};
