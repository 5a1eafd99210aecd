/**
 * The cohort pipeline (runCohort), pinned where the mutation run on cohort-run.ts found it
 * unpinned: the previous run checked before use, `strict` reaching the figures, the warnings a
 * run gathers, duplicates, units stating a computed fact, progress calls, the self-assessment,
 * the SummaryMemo of repeated summary runs (整改 letters), and what a lazy run keeps and expands.
 *
 * Survivors judged equivalent (no output can change, so no test is written for them):
 * - 128:9 `true` / `memo || mode === "summary"` and 128:17 `memo && true`: run.memo is read only
 *   by leanMember, which only a summary run calls; spreading `{ memo: undefined }` is the same as
 *   no memo.
 * - 144:58 other categories for the memo run's statistics: only `.all` of that call is kept, and
 *   the categories change `byCategory` alone.
 * - 176:18 dropping `.sort()`: the duplicate ids are collected from the units in id order
 *   (unitsInIdOrder compares UTF-16 code units, as the default sort does), so already sorted.
 * - 198:11 `true`: every copy of a duplicated id gives the same failed place (the categories
 *   are those of all copies), so setting it again for each copy changes nothing.
 * - 232:33 and 260:60 `trace: true`: that result's trace is dropped (lazySummary, summarise) and
 *   neither the self-assessment nor the cohort step reads it; scoring with or without a trace
 *   gives the same scores (ScoreOptions.trace) — speed only.
 * - 256:16 `true`, 256:31 / 265:23 `run.memo.get` / `.set`, 265:9
 *   `true`: a key is non-null only with a memo; with a null key a kept entry never matches (its
 *   figures are a string) and in that branch there is no memo to write to.
 * - 295:44 `true`: `{ category: undefined }` and no category give the same place (`?? null`).
 * - 336:9 `false`: a unit whose lazy scoring succeeded is scored again from the same input and
 *   options (only the trace differs), so the full scoring cannot fail.
 * The other 77 of the 91 survivors were each applied by hand: every one fails a test here.
 */
import { describe, expect, it } from "vitest";
import { compile, plain, ref, stepBelow } from "../../test/helpers.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { dstr } from "../decimal.js";
import { issue } from "../errors/issue.js";
import { scoreCohort, scoreCohortLazily, scoreCohortSummary } from "./cohort.js";
import { runCohort, type SummaryMemo } from "./cohort-run.js";
import type { CohortUnitInput, CohortUnitResult } from "./types.js";

/**
 * Item A (10 points) loses 1 point per percentage point its rate is below `avg`, the cohort's
 * mean rate (over this run or the previous one); item B (10, cities only) 1 point per `n`, item
 * C (10, counties only) 2 points per `n`. Ties are broken by item B, which the cohort step reads.
 */
const rateSet = (over: "current" | "previous"): CompiledRuleSet =>
  compile({
    categories: [
      { id: "county", label: "县" },
      { id: "city", label: "市" },
    ],
    points: 20,
    facts: [
      { id: "rate", label: "公开率", type: "rate" },
      { id: "avg", label: "平均公开率", type: "number", missing: "not-applicable" },
      { id: "n", label: "问题", type: "count", missing: "zero" },
    ],
    tree: [
      {
        id: "A",
        title: "公开率",
        points: 10,
        clauses: [stepBelow("avg", 1, "prorata", "每低1个百分点扣1分")],
      },
      {
        id: "B",
        title: "问题",
        points: 10,
        only: ["city"],
        clauses: [{ id: "B1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
      },
      {
        id: "C",
        title: "县问题",
        points: 10,
        only: ["county"],
        clauses: [{ id: "C1", type: "per", fact: "n", each: 2, text: "每处扣2分", ref }],
      },
    ],
    cohort: {
      ranking: { ties: "break", breakBy: ["B"] },
      statistics: { places: 2, lines: [15] },
      facts: [{ id: "avg", over, compute: { mean: "rate" }, text: "全省平均数", ref }],
    },
  } as never);

const current = rateSet("current");
const previousSet = rateSet("previous");

const unit = (
  id: string,
  category: string,
  facts: Record<string, unknown>,
  more: Partial<CohortUnitInput> = {},
): CohortUnitInput => ({ id, category, facts, ...more });

const scores = (r: { ordered: { unit: string; score: { toFixed(): string } | null }[] }) =>
  Object.fromEntries(r.ordered.map((p) => [p.unit, p.score?.toFixed() ?? null]));

const figure = (r: { figures: unknown[] }) => plain(r.figures);
/** The figure avg: the mean of `of` units' rate in this run. */
const avgMean = (of: number, mean: string) => ({
  fact: "avg",
  effect: { type: "mean", over: "current", of, mean },
});

/** The figure avg: the mean of `of` units' rate in the previous run. */
const previousMean = (of: number, mean: string) => ({
  fact: "avg",
  effect: { type: "mean", over: "previous", of, mean },
});
/** A previous run in which R's rate (0.5) is probably in the wrong scale. */
const previousStray = {
  units: [
    { id: "P", total: 9, facts: { rate: 90 } },
    { id: "R", total: 9, facts: { rate: 0.5 } },
  ],
};

/** The placing of a unit refused for `why` (an issue): no score, rank or grade. */
const refusedPlace = (id: string, category: string | null, why: unknown) => ({
  unit: id,
  category,
  outcome: { ok: false, unit: id, category, issues: [why] },
  score: null,
  rank: null,
  categoryRank: null,
  grade: null,
  flags: [],
});

const brief = (list: { code: string; path: unknown[]; unit?: string }[]) =>
  list.map((i) => [i.code, i.path.join("."), i.unit]);

describe("the previous run", () => {
  it("is checked before use: a malformed entry is reported at its place and left out of the figure", () => {
    const previous = {
      units: [
        { id: "P", total: 9, facts: { rate: 90 } },
        { id: "Q", facts: { rate: 10 } },
        { id: "R", total: 9, facts: { rate: 80 } },
      ],
    } as never;
    const r = runCohort(previousSet, [unit("A", "county", { rate: 90 })], { previous }, "full");
    expect(brief(r.issues)).toEqual([["K_PREVIOUS_INVALID", "previous.units.1", undefined]]);
    // The mean of P and R only: Q, having no total, is not a unit of the previous run.
    expect(figure(r)).toEqual([previousMean(2, "85")]);
  });
});

describe("strict reaches the cohort figures", () => {
  const units = [
    unit("A", "county", { rate: 90 }),
    unit("B", "city", { rate: 96 }),
    unit("C", "city", { rate: 0.9 }),
  ];
  it("without strict, a rate that is probably in the wrong scale is counted as written", () => {
    const r = runCohort(current, units, {}, "full");
    expect(figure(r)).toEqual([avgMean(3, "62.3")]);
    expect(r.issues).toEqual([]);
  });
  it("with strict: true, such a rate is not counted, and the figure says which unit it lacks", () => {
    const r = runCohort(current, units, { strict: true }, "full");
    expect(figure(r)).toEqual([avgMean(2, "93")]);
    expect(brief(r.issues)).toEqual([["K_FIGURE_INCOMPLETE", "cohort.facts.avg", undefined]]);
  });
  it("with strict: true over the previous run, its unit in the wrong scale is left out and warned about", () => {
    const previous = previousStray;
    const lax = runCohort(previousSet, [unit("A", "county", { rate: 90 })], { previous }, "full");
    expect(figure(lax)).toEqual([previousMean(2, "45.25")]);
    const strict = runCohort(
      previousSet,
      [unit("A", "county", { rate: 90 })],
      { previous, strict: true },
      "full",
    );
    expect(figure(strict)).toEqual([previousMean(1, "90")]);
    expect(brief(strict.warnings)).toEqual([
      ["F_RATE_SCALE", "previous.units.R.facts.rate", "上一轮 R"],
    ]);
  });
});

describe("warnings of a run without a memo", () => {
  it("are the figures' warnings about the previous run, then the run's and each unit's", () => {
    const previous = previousStray;
    const units = [unit("A", "county", { rate: 0.9 }), unit("B", "city", { rate: 95 })];
    const expected = [
      ["W_RATE_SCALE", "previous.units.R.facts.rate", "上一轮 R"],
      ["W_RATE_SCALE", "facts.rate", "A"],
    ];
    for (const mode of ["full", "lazy", "summary"] as const)
      expect(brief(runCohort(previousSet, units, { previous }, mode).warnings)).toEqual(expected);
  });
  it("are none when nothing is wrong", () => {
    const r = runCohort(current, [unit("A", "county", { rate: 90 })], {}, "summary");
    expect(r.warnings).toEqual([]);
    expect(r.issues).toEqual([]);
  });
});

describe("a unit given more than once", () => {
  const units = [
    unit("A", "county", { rate: 10 }),
    unit("D", "county", { rate: 5 }),
    unit("B", "city", { rate: 20 }),
    unit("C", "county", { rate: 60 }),
    unit("B", "city", { rate: 30 }),
    unit("D", "city", { rate: 7 }),
  ];
  it("is in no figure, and each figure reports the duplicated ids, sorted", () => {
    const r = runCohort(current, units, {}, "full");
    // The mean of A and C only.
    expect(figure(r)).toEqual([avgMean(2, "35")]);
    expect(r.issues).toEqual([
      issue("K_FIGURE_DUPLICATES", ["cohort", "facts", "avg"], { fact: "avg", units: "B, D" }),
    ]);
  });
  it("is reported once, not scored, with its category only when every copy states the same one", () => {
    const r = runCohort(current, units, {}, "full");
    expect(r.ordered.map((p) => p.unit)).toEqual(["C", "A", "B", "D"]);
    const place = (id: string, category: string | null) =>
      refusedPlace(id, category, issue("F_DUPLICATE_UNIT", ["id"], { id }));
    expect(r.ordered.slice(2)).toEqual([place("B", "city"), place("D", null)]);
  });
  it("without duplicates, no figure reports any", () => {
    const r = runCohort(current, units.slice(0, 4), {}, "full");
    expect(r.issues).toEqual([]);
    expect(figure(r)).toEqual([avgMean(4, "23.75")]);
  });
});

describe("a unit stating a fact the cohort computes", () => {
  const refused = (id: string, category: string) =>
    refusedPlace(id, category, issue("K_FACT_GIVEN", ["facts", "avg"], { fact: "avg" }));
  it("is refused (K_FACT_GIVEN), keeping its category", () => {
    const r = runCohort(
      current,
      [unit("A", "county", { rate: 90, avg: 50 }), unit("B", "city", { rate: 80 })],
      {},
      "summary",
    );
    expect(r.ordered.find((p) => p.unit === "A")).toEqual(refused("A", "county"));
  });
  it("is refused when any one of its parts states it", () => {
    const u = {
      id: "A",
      category: "city",
      facts: {},
      parts: { 上半年: { facts: { rate: 90, avg: 50 } }, 下半年: { facts: { rate: 80 } } },
    };
    const r = runCohort(current, [u, unit("B", "city", { rate: 80 })], {}, "full");
    expect(r.ordered.find((p) => p.unit === "A")).toEqual(refused("A", "city"));
  });
  it("is refused even when the figure could not be computed: its own value does not stand in", () => {
    // No previous run: the mean is not computed (K_PREVIOUS_REQUIRED) and B's rule does not
    // apply; A's own avg of 90 would otherwise cost it 10 points.
    const r = runCohort(
      previousSet,
      [unit("A", "county", { rate: 80, avg: 90 }), unit("B", "county", { rate: 80 })],
      {},
      "full",
    );
    expect(brief(r.issues)).toEqual([["K_PREVIOUS_REQUIRED", "cohort.facts.avg", undefined]]);
    expect(r.ordered.find((p) => p.unit === "A")).toEqual(refused("A", "county"));
    expect(scores(r)).toEqual({ B: "20", A: null });
  });
  it("a unit stating nothing is scored and reported for what it lacks, not refused", () => {
    const r = runCohort(
      current,
      [unit("A", "county", {}), unit("B", "city", { rate: 80 })],
      {},
      "full",
    );
    const a = r.ordered.find((p) => p.unit === "A");
    expect(a?.outcome.ok === false && a.outcome.issues.map((i) => i.code)).toEqual([
      "F_MISSING_FACT",
    ]);
  });
});

describe("onProgress", () => {
  const many = Array.from({ length: 600 }, (_, i) =>
    unit(`U${String(i).padStart(3, "0")}`, "county", { rate: 90 }),
  );
  it("is called every 256 units and once at the end, with the number done and the total", () => {
    const calls: [number, number][] = [];
    runCohort(current, many, { onProgress: (d, t) => calls.push([d, t]) }, "summary");
    expect(calls).toEqual([
      [256, 600],
      [512, 600],
      [600, 600],
    ]);
  });
  it("is optional", () => {
    expect(scores(runCohort(current, many, {}, "summary")).U599).toBe("20");
  });
});

describe("the self-assessment (K8)", () => {
  const withSelf = unit("S", "city", { rate: 90, n: 1 }, { self: { facts: { rate: 90 } } });
  const others = [unit("T", "city", { rate: 90 })];
  it("a summary run reports it as a full run does", () => {
    const full = scoreCohort(current, [withSelf, ...others]);
    const summary = scoreCohortSummary(current, [withSelf, ...others]);
    const self = summary.units.find((p) => p.unit === "S")?.self;
    expect(plain(self)).toEqual({
      total: "20",
      differences: [{ node: "B", title: "问题", self: "10", verified: "9", diff: "-1" }],
      totalDiff: "-1",
      issues: [],
    });
    expect(plain(full.units.find((p) => p.unit === "S")?.self)).toEqual(plain(self));
  });
  it("is not scored when the verified unit is not: a summary run scores it under the run's options", () => {
    // Under strict, 0.9 for a percent rate is refused (F_RATE_SCALE), so S is not scored at all.
    const s = unit("S", "city", { rate: 0.9 }, { self: { facts: { rate: 90 } } });
    for (const run of [scoreCohortSummary, scoreCohort]) {
      const p = run(current, [s, ...others], { strict: true }).units.find((x) => x.unit === "S");
      expect(p?.outcome.ok === false && p.outcome.issues.map((i) => i.code)).toEqual([
        "F_RATE_SCALE",
      ]);
      expect(p && Object.hasOwn(p, "self")).toBe(false);
    }
  });
  it("a unit without one has no self in a summary run", () => {
    const p = scoreCohortSummary(current, others).units[0];
    expect(p && Object.keys(p).sort()).toEqual([
      "category",
      "categoryRank",
      "flags",
      "grade",
      "outcome",
      "rank",
      "score",
      "unit",
    ]);
  });
});

describe("a SummaryMemo (整改 letters)", () => {
  const stats = {
    all: {
      count: 0,
      mean: null,
      median: null,
      min: null,
      max: null,
      atOrAbove: [{ line: "15", count: 0 }],
    },
    byCategory: {},
  };

  it("a run given one keeps the places, with empty statistics and no warnings", () => {
    const units = [
      unit("A", "county", { rate: 90 }),
      unit("B", "city", { rate: 96, n: 2 }),
      unit("C", "city", { rate: 0.9 }),
    ];
    const plainRun = runCohort(current, units, {}, "summary");
    expect(plainRun.warnings.length).toBe(1);
    expect(plain(plainRun.statistics.all.count)).toBe(3);
    const memoRun = runCohort(current, units, {}, "summary", new WeakMap());
    expect(plain(memoRun.statistics)).toEqual(stats);
    expect(memoRun.warnings).toEqual([]);
    expect(plain(memoRun.ordered)).toEqual(plain(plainRun.ordered));
  });

  it("keeps each unit without a self-assessment with the figures it received", () => {
    const a = unit("A", "city", { rate: 90, n: 1 });
    const b = unit("B", "city", { rate: 80 });
    const s = unit("S", "city", { rate: 85 }, { self: { facts: { rate: 85 } } });
    const memo: SummaryMemo = new WeakMap();
    runCohort(current, [a, b, s], {}, "summary", memo);
    expect(memo.get(a)?.figures).toBe('{"avg":"85"}');
    const kept = memo.get(a)?.outcome;
    expect(kept?.ok && dstr(kept.total)).toBe("19");
    expect(memo.get(b)?.figures).toBe('{"avg":"85"}');
    expect(memo.has(s)).toBe(false);
  });

  it("is not filled by a full or lazy run", () => {
    const a = unit("A", "city", { rate: 90 });
    const memo: SummaryMemo = new WeakMap();
    for (const mode of ["full", "lazy"] as const) runCohort(current, [a], {}, mode, memo);
    expect(memo.has(a)).toBe(false);
  });

  it("reuses a unit given again as the same object with the same figures, and scores it again when a figure changes", () => {
    // The memo's promise is that such a unit is not scored again. A probe: change the object's
    // facts in place (n 1 → 3) — a unit scored again would lose 2 more points.
    const a = unit("A", "city", { rate: 90, n: 1 });
    const b = unit("B", "city", { rate: 80 });
    const memo: SummaryMemo = new WeakMap();
    expect(scores(runCohort(current, [a, b], {}, "summary", memo))).toEqual({ A: "19", B: "15" });
    (a.facts as Record<string, unknown>).n = 3;
    expect(scores(runCohort(current, [a, b], {}, "summary", memo))).toEqual({ A: "19", B: "15" });
    // Without the memo, A is scored as it now is.
    expect(scores(runCohort(current, [a, b], {}, "summary"))).toEqual({ A: "17", B: "15" });
    // B lower: the mean falls to 80, A receives another figure and is scored again.
    const b2 = unit("B", "city", { rate: 70 });
    const again = runCohort(current, [a, b2], {}, "summary", memo);
    expect(scores(again)).toEqual({ A: "17", B: "10" });
    expect(memo.get(a)?.figures).toBe('{"avg":"80"}');
  });

  it("is not used for a unit with a self-assessment, even one kept before it had one", () => {
    const a = unit("A", "city", { rate: 90, n: 1 });
    const b = unit("B", "city", { rate: 80 });
    const memo: SummaryMemo = new WeakMap();
    runCohort(current, [a, b], {}, "summary", memo);
    a.self = { facts: { rate: 90 } };
    const p = runCohort(current, [a, b], {}, "summary", memo).ordered.find((x) => x.unit === "A");
    expect(plain(p?.self)).toEqual({
      total: "20",
      differences: [{ node: "B", title: "问题", self: "10", verified: "9", diff: "-1" }],
      totalDiff: "-1",
      issues: [],
    });
  });
});

describe("the explanation and a lazy run", () => {
  const units = [
    unit("A", "county", { rate: 90 }),
    unit("B", "city", { rate: 96, n: 2 }),
    unit("C", "city", { rate: 78 }),
  ];
  it("a full run opens each unit's explanation with the cohort figures, unless trace is false", () => {
    const on = scoreCohort(current, units);
    const c = on.units.find((p) => p.unit === "C")?.outcome;
    expect(c?.ok && c.trace.map((e) => `${e.kind}:${e.rule}`)).toEqual(["cohort:avg", "deduct:A1"]);
    const off = scoreCohort(current, units, { trace: false });
    expect(off.units.map((p) => p.outcome.ok && p.outcome.trace)).toEqual([[], [], []]);
  });
  it("a lazy run keeps only the nodes the cohort reads, no explanation, nothing excluded", () => {
    const run = scoreCohortLazily(current, units);
    expect(
      run.ranking.map((p) =>
        p.outcome.ok
          ? [p.unit, Object.keys(p.outcome.nodes), p.outcome.excluded, p.outcome.trace]
          : null,
      ),
    ).toEqual([
      ["A", [], [], []],
      ["B", ["B"], [], []],
      ["C", ["B"], [], []],
    ]);
  });
  it("expanding a lazy run gives what a full run gives, the figures first only when trace is on", () => {
    for (const trace of [true, false]) {
      const full = scoreCohort(current, units, { trace });
      const lazy = [...scoreCohortLazily(current, units, { trace }).units()];
      expect(JSON.stringify(lazy)).toBe(JSON.stringify(full.units));
    }
    const off = [...scoreCohortLazily(current, units, { trace: false }).units()];
    expect(off.map((p) => p.outcome.ok && p.outcome.trace)).toEqual([[], [], []]);
  });
  it("expand in a full or summary run gives the place as it is", () => {
    for (const mode of ["full", "summary"] as const) {
      const r = runCohort(current, units, {}, mode);
      for (const p of r.ordered) expect(r.expand(p as CohortUnitResult)).toBe(p);
    }
  });
});
