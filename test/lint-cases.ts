import { ruleSet } from "./helpers.js";

// Each of the finer codes that took over from E_INVALID (issue 10: "tests cannot tell faults
// apart"), at the place the fault is, for every kind of fault each one covers.

const ref = { doc: "doc", at: "第一条" };
const fact = (over: Record<string, unknown> = {}) => ({
  id: "n",
  label: "问题",
  type: "count",
  ...over,
});
const rate = { id: "r", label: "比率", type: "rate" };
const per = { id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref };
const base = (over: Record<string, unknown> = {}, clauses: unknown[] = [per]) =>
  ruleSet({
    points: 10,
    facts: [fact(), rate, { id: "fake", label: "弄虚作假", type: "boolean", default: false }],
    grades: { order: ["好", "差"], bands: [{ grade: "好", gte: 60 }, { grade: "差" }] },
    tree: [{ id: "A", title: "A", points: 10, ref, clauses }],
    ...over,
  } as never);

const step = (over: Record<string, unknown>) => ({
  id: "S",
  type: "step",
  fact: "r",
  partial: "floor",
  text: "每降低5%扣1分",
  ref,
  ...over,
});

/**
 * Rule sets with one fault each (the first loads), the code the fault is reported with and where:
 * read by test/lint-codes.test.ts (the codes) and src/check/lint-words.test.ts (the words).
 */
export const LINT_CASES: [string, unknown, [string, string]][] = [
  ["the base rule set", base(), ["", ""]],
  [
    "a default outside the fact's range",
    base({ facts: [fact({ max: 5, default: 9 }), rate] }),
    ["E_FACT_DECLARATION", "facts.0.default"],
  ],
  [
    "kinds on a count fact",
    base({ facts: [fact({ kinds: ["甲"] }), rate] }),
    ["E_FACT_DECLARATION", "facts.0"],
  ],
  [
    "a grade band with both gte and gt",
    base({
      grades: { order: ["好", "差"], bands: [{ grade: "好", gte: 60, gt: 60 }, { grade: "差" }] },
    }),
    ["E_EXCLUSIVE", "grades.bands.0"],
  ],
  [
    "a step with both below/per/each and bands",
    base({}, [
      step({
        below: 100,
        per: 5,
        each: 1,
        bands: [{ below: 90, per: 1, each: 1 }],
        bandMode: "marginal",
      }),
    ]),
    ["E_EXCLUSIVE", "tree.0.clauses.0"],
  ],
  [
    "an override that does nothing",
    base({}, [{ id: "O", type: "override", when: "fake", text: "弄虚作假的", ref }]),
    ["E_NEEDS_ONE_OF", "tree.0.clauses.0"],
  ],
  [
    "a gate that does nothing",
    base({ gates: [{ id: "G", lt: 60, text: "低于60分的", ref }] }),
    ["E_NEEDS_ONE_OF", "gates.0"],
  ],
  [
    "a fixed total in a tree node",
    base({}, [{ id: "O", type: "override", when: "fake", total: 0, text: "直接归零", ref }]),
    ["E_MISPLACED", "tree.0.clauses.0.total"],
  ],
  [
    "a veto that adds",
    base({
      vetoes: [
        { id: "V", type: "override", when: "fake", amount: 1, effect: "add", text: "加分", ref },
      ],
    }),
    ["E_MISPLACED", "vetoes.0.effect"],
  ],
  [
    "an effective date that does not exist",
    base({ effective: { from: "2025-02-30" } }),
    ["E_DATE", "effective.from"],
  ],
  [
    "grade bands going upwards",
    base({
      grades: {
        order: ["好", "差"],
        bands: [
          { grade: "差", gte: 60 },
          { grade: "好", gte: 90 },
        ],
      },
    }),
    ["E_ORDER", "grades.bands.1"],
  ],
  [
    "step bands going upwards",
    base({}, [
      step({
        bands: [
          { below: 90, per: 1, each: 1 },
          { below: 95, per: 1, each: 1 },
        ],
        bandMode: "marginal",
      }),
    ]),
    ["E_ORDER", "tree.0.clauses.0.bands.1.below"],
  ],
  [
    "negative points",
    base({ points: undefined, tree: [{ id: "A", title: "A", points: -1, ref, clauses: [] }] }),
    ["E_NEGATIVE", "tree.0.points"],
  ],
  [
    "categories with different full scores and no stated total",
    base({
      points: undefined,
      categories: [
        { id: "a", label: "甲类" },
        { id: "b", label: "乙类" },
      ],
      tree: [{ id: "A", title: "A", points: 10, pointsBy: { b: 8 }, ref, clauses: [per] }],
    }),
    ["E_NEEDS_ONE_OF", ""],
  ],
  [
    "a check that adds",
    base({}, [{ id: "C", type: "check", when: "fake", effect: "add", text: "x", ref }]),
    ["E_MISPLACED", "tree.0.clauses.0.effect"],
  ],
  [
    "a step of 0 percentage points",
    base({}, [step({ bands: [{ below: 90, per: 0, each: 1 }], bandMode: "marginal" })]),
    ["E_NOT_POSITIVE", "tree.0.clauses.0.bands.0.per"],
  ],
  [
    "a range clause beyond its fact's declared maximum",
    base({ facts: [fact({ type: "amount", max: 5 }), rate] }, [
      { id: "R", type: "range", fact: "n", min: 1, max: 8, text: "酌情扣1-8分", ref },
    ]),
    ["E_BEYOND_FACT", "tree.0.clauses.0.max"],
  ],
  [
    "startDay on a deadline in hours",
    base({ facts: [fact({ type: "findings" }), rate] }, [
      {
        id: "D",
        type: "deadline",
        fact: "n",
        within: { hours: 5 },
        startDay: "included",
        each: 1,
        text: "5小时内发布",
        ref,
      },
    ]),
    ["E_EXCLUSIVE", "tree.0.clauses.0.startDay"],
  ],
  [
    "an adjustment item that both deducts and adds",
    base({
      adjustments: [
        {
          id: "X",
          title: "特别加减分",
          ref,
          clauses: [
            { id: "X1", type: "fixed", when: "fake", amount: 1, text: "扣1分", ref },
            { id: "X2", type: "fixed", when: "fake", amount: 1, effect: "add", text: "加1分", ref },
          ],
        },
      ],
    }),
    ["E_MIXED_ITEM", "adjustments.0"],
  ],
  [
    "a window of more than 30 years",
    base({ window: { from: "1990-01-01", to: "2030-12-31", undated: "include", text: "x", ref } }),
    ["E_OUT_OF_RANGE", "window"],
  ],
  [
    "converting a score out of 0 points",
    base({
      points: 0,
      tree: [
        {
          id: "A",
          title: "A",
          points: 0,
          ref,
          clauses: [{ ...per, effect: "add" }],
        },
      ],
      cohort: {
        ranking: { ties: "shared" },
        convert: { to: 4, places: 2, mode: "half-up", text: "折算", ref },
      },
    }),
    ["E_CANNOT_CONVERT", "cohort.convert"],
  ],
];
