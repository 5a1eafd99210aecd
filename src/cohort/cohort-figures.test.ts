/**
 * K5: the figures computed from the whole cohort (src/cohort/cohort-figures.ts), pinned where a
 * mutation run on that file found them unpinned: which units make up a figure (categories, a unit
 * listed twice, the previous run), how an item share and a mean are computed, every issue and
 * previous-run warning with its place and words, how a unit is given the figures (every part,
 * nested parts) and the trace entries that open its explanation.
 *
 * Survivors judged equivalent (no input can change an output through them), so not tested:
 * - 53:59 `previous?.units` → `previous.units`: that branch runs only for a previous-run figure,
 *   and one with no previous run has already been reported and skipped (K_PREVIOUS_REQUIRED).
 * - 123:62 `a[0] < b[0]` → `a[0] <= b[0]`: the keys sorted are a Map's, never equal.
 * - 189:17 `typeof p !== "object"` → `false` in factSources: a part that is a primitive (text, a
 *   number) has no `facts` or `parts`, so walking it adds nothing either way; only a function part
 *   carrying facts could tell, and no input (JSON, YAML, sheets) can hold a function.
 */
import { describe, expect, it } from "vitest";
import { compile, perNode, plain, ref } from "../../test/helpers.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import type { KaoheIssue } from "../errors/issue.js";
import { resolveFact } from "../evaluate/facts.js";
import type { PartInput } from "../evaluate/types.js";
import { cohortFacts, cohortHead, factSources, withFacts } from "./cohort-figures.js";
import type { CohortUnitInput, PreviousRun } from "./types.js";

/** The share of units publishing a fund in detail (详细) at which 总表 counts as late (K5). */
const share = (atLeast: number | string = 40, extra: Record<string, unknown> = {}) => ({
  id: "late",
  over: "current",
  compute: { itemShare: { fact: "funds", kind: "详细", atLeast, unitKind: "总表" } },
  text: "若某项资金全省40%以上县市区已详细公开,仅公开总表的按未及时公开处理",
  ref,
  ...extra,
});
/** The mean of `of` over this run (or, with `over: "previous"`, over the previous run). */
const meanOf = (of: string, extra: Record<string, unknown> = {}) => ({
  id: "avg",
  over: "current",
  compute: { mean: of },
  text: "全省平均数",
  ref: { doc: "d2" },
  ...extra,
});

/** A rule set whose cohort computes `facts`; units' facts: funds, rate, sat. */
const rules = (facts: unknown[]): CompiledRuleSet =>
  compile({
    documents: [
      { id: "doc", title: "测试文件" },
      { id: "d2", title: "另一文件" },
    ],
    categories: [
      { id: "county", label: "县" },
      { id: "city", label: "市" },
    ],
    facts: [
      { id: "funds", label: "资金", type: "findings", kinds: ["详细", "总表"], missing: "zero" },
      { id: "late", label: "按未及时公开处理的资金数", type: "count" },
      { id: "rate", label: "公开率", type: "rate", missing: "zero" },
      { id: "sat", label: "满意度", type: "number", missing: "not-applicable" },
      { id: "avg", label: "平均数", type: "number", missing: "not-applicable" },
      { id: "prev", label: "上年平均数", type: "number", missing: "not-applicable" },
    ],
    points: 10,
    tree: [perNode("A", 10, "late", 1, "每项扣1分")],
    cohort: { ranking: { ties: "shared" }, facts },
  } as never);

/** Computes the rule set's figures over `units`, with what they reported. */
function figures(
  crs: CompiledRuleSet,
  units: CohortUnitInput[],
  previous?: PreviousRun,
  strict = false,
) {
  const report = { issues: [] as KaoheIssue[], warnings: [] as KaoheIssue[], strict };
  const facts = cohortFacts(crs, units, previous, report);
  return { facts, issues: report.issues, warnings: report.warnings };
}

const unit = (id: string, facts: Record<string, unknown>, category?: string): CohortUnitInput => ({
  id,
  facts,
  ...(category !== undefined ? { category } : {}),
});
const fund = (item: string, kind: string) => ({ item, kind });
const issueOf = (i: KaoheIssue) => [i.code, i.path.join("."), i.message];

describe("K5 item shares", () => {
  it("counts a fund at exactly the line (inclusive), each unit once per item, items in name order", () => {
    const crs = rules([share(40)]);
    const r = figures(crs, [
      // Items first met in the order Z, X, Y; X detailed by 2 of 5 units (40%), Y by 1 (20%).
      unit("U1", { funds: [fund("Z", "详细"), fund("X", "详细"), fund("X", "详细")] }),
      unit("U2", { funds: [fund("X", "详细"), fund("Y", "详细")] }),
      // Findings of another kind, with no item, or as a bare count are no detailed publication.
      unit("U3", { funds: [fund("W", "总表"), { kind: "详细" }] }),
      unit("U4", { funds: 2 }),
      unit("U5", {}),
    ]);
    expect(r.issues).toEqual([]);
    expect(r.facts.map((f) => f.fact)).toEqual(["late"]);
    expect(plain(r.facts[0]?.figure)).toEqual({
      fact: "late",
      effect: {
        type: "item-share",
        kind: "详细",
        of: 5,
        atLeast: "40",
        items: [
          { item: "X", units: 2, share: "40", over: true },
          { item: "Y", units: 1, share: "20", over: false },
          { item: "Z", units: 1, share: "20", over: false },
        ],
      },
    });
  });

  it("gives a unit the number of distinct funds over the line it published only as a table", () => {
    const crs = rules([share(40)]);
    const r = figures(crs, [
      unit("U1", { funds: [fund("X", "详细")] }),
      unit("U2", { funds: [fund("X", "详细"), fund("Y", "详细")] }),
      unit("U3", { funds: [fund("Y", "详细")] }),
      unit("U4", {}),
    ]);
    const f = r.facts[0];
    // X 50%, Y 50%: both over the line. A fund listed twice is still one fund.
    expect(f?.valueFor({ facts: { funds: [fund("X", "总表"), fund("X", "总表")] } })).toBe(1);
    expect(f?.valueFor({ facts: { funds: [fund("X", "总表"), fund("Y", "总表")] } })).toBe(2);
    // Detailed publication of a hot fund, or a table of a fund nobody else detailed, is no delay.
    expect(f?.valueFor({ facts: { funds: [fund("X", "详细"), fund("Q", "总表")] } })).toBe(0);
    // A combined unit counts its parts' findings together, each fund once.
    expect(
      f?.valueFor({
        parts: {
          上半年: { facts: { funds: [fund("X", "总表")] } },
          下半年: { facts: { funds: [fund("X", "总表"), fund("Y", "总表")] } },
        },
      }),
    ).toBe(2);
  });

  it("is computed over the stated categories only, each unit once (the first copy)", () => {
    const crs = rules([share(50, { categories: ["county"] })]);
    const r = figures(crs, [
      unit("A", { funds: [fund("X", "详细")] }, "county"),
      // A second copy of A: not counted again, and not instead of the first.
      unit("A", { funds: [fund("Y", "详细")] }, "county"),
      unit("B", { funds: [] }, "county"),
      // Another category, and no category: not in the figure.
      unit("C", { funds: [fund("Z", "详细")] }, "city"),
      unit("D", { funds: [fund("Z", "详细")] }),
    ]);
    expect(plain(r.facts[0]?.figure.effect)).toEqual({
      type: "item-share",
      kind: "详细",
      of: 2,
      atLeast: "50",
      items: [{ item: "X", units: 1, share: "50", over: true }],
    });
  });

  it("is computed over every unit when no categories are stated, with or without a category", () => {
    const crs = rules([share(50)]);
    const r = figures(crs, [
      unit("A", { funds: [fund("X", "详细")] }, "county"),
      unit("C", { funds: [] }, "city"),
      unit("D", { funds: [] }),
    ]);
    const e = r.facts[0]?.figure.effect;
    expect(e?.type === "item-share" && [e.of, e.items.map((x) => x.units)]).toEqual([3, [1]]);
  });
});

describe("K5 means", () => {
  it("averages a combined unit's parts first, then the units", () => {
    const crs = rules([meanOf("rate")]);
    // 80 and 90 in its parts (one nested): the unit stands at 85, and counts as one unit.
    const combined = figures(crs, [
      {
        id: "A",
        facts: {},
        parts: {
          集中: { facts: { rate: 80 } },
          日常: { parts: { 上半年: { facts: { rate: 90 } } } },
        },
      },
      unit("B", { rate: 95 }),
    ]);
    expect(combined.issues).toEqual([]);
    expect(combined.warnings).toEqual([]);
    expect(plain(combined.facts[0]?.figure)).toEqual({
      fact: "avg",
      effect: { type: "mean", over: "current", of: 2, mean: "90" },
    });
    expect(combined.facts[0]?.valueFor({ facts: {} })).toBe("90");
  });

  it("leaves out a part that does not state the fact, rather than counting it as 0", () => {
    // `rate` is 0 when missing in scoring; in the mean, a part not stating it is no value.
    const crs = rules([meanOf("rate")]);
    const r = figures(crs, [
      {
        id: "A",
        facts: {},
        parts: { 集中: { facts: { rate: 80 } }, 日常: { facts: { funds: [] } } },
      },
      unit("B", { rate: 100 }),
    ]);
    expect(r.issues).toEqual([]);
    expect(plain(r.facts[0]?.figure.effect)).toEqual({
      type: "mean",
      over: "current",
      of: 2,
      mean: "90",
    });
  });

  it("names the units left out, in id order, and still computes over the rest", () => {
    const crs = rules([meanOf("rate")]);
    // B and A state other facts, not the rate; given in the order C, B, A.
    const r = figures(crs, [
      unit("C", { rate: 90 }),
      unit("B", { funds: [] }),
      unit("A", { funds: [] }),
    ]);
    expect(r.issues.map(issueOf)).toEqual([
      ["K_FIGURE_INCOMPLETE", "cohort.facts.avg", '"avg" 的计算没有包括以下没填这一项的单位:A, B'],
    ]);
    expect(r.issues[0]?.severity).toBe("error");
    expect(plain(r.facts[0]?.figure.effect)).toEqual({
      type: "mean",
      over: "current",
      of: 1,
      mean: "90",
    });
  });

  it("counts a value that is not a number (not applicable) as not stated", () => {
    const crs = rules([meanOf("sat")]);
    const r = figures(crs, [unit("A", { sat: null }), unit("B", { sat: 70 })]);
    expect(r.issues.map(issueOf)).toEqual([
      ["K_FIGURE_INCOMPLETE", "cohort.facts.avg", '"avg" 的计算没有包括以下没填这一项的单位:A'],
    ]);
    expect(plain(r.facts[0]?.figure.effect)).toEqual({
      type: "mean",
      over: "current",
      of: 1,
      mean: "70",
    });
  });

  it("has no figure when no unit states the fact, reported as empty", () => {
    const crs = rules([meanOf("rate"), share(40)]);
    const r = figures(crs, [unit("B", { funds: [] }), unit("A", { funds: [fund("X", "详细")] })]);
    expect(r.issues.map(issueOf)).toEqual([
      ["K_FIGURE_INCOMPLETE", "cohort.facts.avg", '"avg" 的计算没有包括以下没填这一项的单位:A, B'],
      ["K_EMPTY", "cohort.facts.avg", '事实 "avg" 没有任何单位的数据可以用来计算'],
    ]);
    // The other figure is still computed.
    expect(r.facts).toHaveLength(1);
    expect(r.facts.map((f) => f.fact)).toEqual(["late"]);
    // An empty cohort lacks no unit: it is only empty.
    const none = figures(crs, []);
    expect(none.issues.map(issueOf)).toEqual([
      ["K_EMPTY", "cohort.facts.avg", '事实 "avg" 没有任何单位的数据可以用来计算'],
    ]);
    expect(none.facts).toHaveLength(1);
  });

  it("averages a rate in the wrong scale as written, and under strict leaves it out", () => {
    const crs = rules([meanOf("rate")]);
    const units = [unit("A", { rate: 0.9 }), unit("B", { rate: 80 })];
    const loose = figures(crs, units);
    expect(loose.issues).toEqual([]);
    // A unit of this run is warned about when it is scored, not here.
    expect(loose.warnings).toEqual([]);
    expect(plain(loose.facts[0]?.figure.effect)).toMatchObject({ of: 2, mean: "40.45" });
    const strict = figures(crs, units, undefined, true);
    expect(strict.warnings).toEqual([]);
    expect(strict.issues.map(issueOf)).toEqual([
      ["K_FIGURE_INCOMPLETE", "cohort.facts.avg", '"avg" 的计算没有包括以下没填这一项的单位:A'],
    ]);
    expect(plain(strict.facts[0]?.figure.effect)).toMatchObject({ of: 1, mean: "80" });
  });
});

describe("K5 over the previous run", () => {
  const prevMean = meanOf("rate", { id: "prev", over: "previous", text: "前一年度全省平均数" });
  /** What scoring reports for `rate` given as `raw`, moved to previous unit `id`. */
  const movedTo = (crs: CompiledRuleSet, id: string, raw: unknown, strict: boolean) => {
    const errors: KaoheIssue[] = [];
    const warns: KaoheIssue[] = [];
    const decl = crs.facts.get("rate");
    if (!decl) throw new Error("rate not declared");
    resolveFact(decl, raw, true, ["facts", "rate"], errors, warns, strict);
    return [...errors, ...warns].map((w) => ({
      ...w,
      path: ["previous", "units", id, "facts", "rate"],
      unit: `上一轮 ${id}`,
    }));
  };

  it("needs the previous run, and computes the other figures without it", () => {
    const crs = rules([prevMean, meanOf("rate")]);
    const r = figures(crs, [unit("A", { rate: 90 })]);
    expect(r.issues.map(issueOf)).toEqual([
      [
        "K_PREVIOUS_REQUIRED",
        "cohort.facts.prev",
        '事实 "prev" 要用上一轮的结果计算,但没有提供上一轮结果',
      ],
    ]);
    expect(r.issues[0]?.path).toEqual(["cohort", "facts", "prev"]);
    expect(r.facts.map((f) => f.fact)).toEqual(["avg"]);
  });

  it("is computed over the previous run's units, not this run's", () => {
    const crs = rules([prevMean]);
    const previous = {
      units: [
        { id: "P1", total: 90, facts: { rate: 80 } },
        { id: "P2", total: 80, facts: { rate: 90 } },
      ],
    };
    const r = figures(crs, [unit("A", { rate: 10 })], previous);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(plain(r.facts[0]?.figure)).toEqual({
      fact: "prev",
      effect: { type: "mean", over: "previous", of: 2, mean: "85" },
    });
  });

  it("takes a previous run given without its list of units as having no units", () => {
    const crs = rules([prevMean]);
    const r = figures(crs, [unit("A", { rate: 10 })], {} as PreviousRun);
    expect(r.issues.map(issueOf)).toEqual([
      ["K_EMPTY", "cohort.facts.prev", '事实 "prev" 没有任何单位的数据可以用来计算'],
    ]);
  });

  it("warns about what a previous-run unit gives, at its place in the previous run and by name", () => {
    const crs = rules([prevMean]);
    const previous = {
      units: [
        { id: "P2", total: 80, facts: { rate: 0.9 } },
        { id: "P1", total: 90, facts: { rate: 80 } },
        { id: "P3", total: 70, facts: { rate: "很高" } },
      ],
    };
    const loose = figures(crs, [], previous);
    const expected = [...movedTo(crs, "P2", 0.9, false), ...movedTo(crs, "P3", "很高", false)];
    expect(expected.map((w) => w.code)).toEqual(["W_RATE_SCALE", "F_FACT_TYPE"]);
    expect(loose.warnings).toEqual(expected);
    expect(loose.warnings[0]).toMatchObject({
      path: ["previous", "units", "P2", "facts", "rate"],
      unit: "上一轮 P2",
    });
    expect(loose.issues.map(issueOf)).toEqual([
      ["K_FIGURE_INCOMPLETE", "cohort.facts.prev", '"prev" 的计算没有包括以下没填这一项的单位:P3'],
    ]);
    expect(plain(loose.facts[0]?.figure.effect)).toMatchObject({ of: 2, mean: "40.45" });
    // Under strict the rate in the wrong scale is refused, said so, and left out.
    const strict = figures(crs, [], previous, true);
    const refused = [...movedTo(crs, "P2", 0.9, true), ...movedTo(crs, "P3", "很高", true)];
    expect(refused.map((w) => w.code)).toEqual(["F_RATE_SCALE", "F_FACT_TYPE"]);
    expect(strict.warnings).toEqual(refused);
    expect(strict.issues.map(issueOf)).toEqual([
      [
        "K_FIGURE_INCOMPLETE",
        "cohort.facts.prev",
        '"prev" 的计算没有包括以下没填这一项的单位:P2, P3',
      ],
    ]);
    expect(plain(strict.facts[0]?.figure.effect)).toMatchObject({ of: 1, mean: "80" });
  });

  it("warns about a previous-run unit's findings it cannot read, for an item share as for a mean", () => {
    const crs = rules([share(40, { over: "previous" })]);
    const previous = {
      units: [
        { id: "P1", total: 90, facts: { funds: "很多" } },
        { id: "P2", total: 80, facts: { funds: [fund("X", "详细")] } },
      ],
    };
    const r = figures(crs, [unit("A", { funds: [fund("X", "总表")] })], previous);
    expect(r.warnings.map((w) => [w.code, w.path.join("."), w.unit])).toEqual([
      ["F_FACT_TYPE", "previous.units.P1.facts.funds", "上一轮 P1"],
    ]);
    expect(plain(r.facts[0]?.figure.effect)).toMatchObject({
      of: 2,
      items: [{ item: "X", units: 1, share: "50", over: true }],
    });
    // This run's units are warned about when they are scored, not here.
    expect(r.facts[0]?.valueFor({ facts: { funds: "很多" } })).toBe(0);
    expect(r.warnings).toHaveLength(1);
  });
});

describe("the facts a unit states", () => {
  it("are its own facts, then each scored part's, nested parts included, in order", () => {
    const own = { rate: 1 };
    const a = { rate: 2 };
    const b = { rate: 3 };
    const c = { rate: 4 };
    const parts = {
      甲: { facts: a, parts: { 子: { facts: b } } },
      空: null,
      数: 5,
      文: "x",
      分: { score: 8 },
      乙: { facts: c },
    } as unknown as Record<string, PartInput>;
    const got = factSources({ facts: own, parts });
    expect(got).toEqual([own, a, b, c]);
    expect(got[0]).toBe(own);
    expect(got[1]).toBe(a);
  });

  it("are none for a unit with empty facts and no parts", () => {
    expect(factSources({ facts: {} })).toEqual([]);
    expect(factSources({})).toEqual([]);
    expect(factSources({ facts: {}, parts: { 甲: { facts: { rate: 1 } } } })).toEqual([
      { rate: 1 },
    ]);
  });
});

describe("giving a unit the cohort's figures", () => {
  it("returns the unit itself when there is nothing to give", () => {
    const u = { id: "A", facts: { rate: 1 } };
    expect(withFacts(u, {})).toBe(u);
    const combined = { id: "A", facts: {}, parts: { 甲: { facts: { rate: 1 } } } };
    expect(withFacts(combined, {})).toBe(combined);
  });

  it("adds them to the facts of a unit without parts, leaving the input unchanged", () => {
    const u = { id: "A", category: "county", facts: { rate: 1 } };
    expect(withFacts(u, { late: 2 })).toEqual({
      id: "A",
      category: "county",
      facts: { rate: 1, late: 2 },
    });
    expect(u.facts).toEqual({ rate: 1 });
    expect(withFacts({ id: "B" } as never, { late: 2 })).toEqual({ id: "B", facts: { late: 2 } });
  });

  it("adds them to every part that states facts, nested parts included, and leaves other parts as they are", () => {
    const u = {
      id: "A",
      facts: { shared: 1 },
      parts: {
        甲: { facts: { rate: 1 }, parts: { 子: { facts: { rate: 2 } }, 孙: { score: 3 } } },
        分: { score: 5 },
        空: null,
        文: "x",
        数: 7,
      } as unknown as Record<string, PartInput>,
    };
    const got = withFacts(u, { late: 2 });
    expect(got).toStrictEqual({
      id: "A",
      // The unit's own facts are not scored when it has parts: the parts carry the figures.
      facts: { shared: 1 },
      parts: {
        甲: {
          facts: { rate: 1, late: 2 },
          parts: { 子: { facts: { rate: 2, late: 2 } }, 孙: { score: 3 } },
        },
        分: { score: 5 },
        空: null,
        文: "x",
        数: 7,
      },
    });
    expect(u.parts.甲?.facts).toEqual({ rate: 1 });
  });
});

describe("the trace entries of the figures a unit was given", () => {
  const crs = rules([share(40), meanOf("rate")]);
  const r = figures(crs, [
    unit("A", { funds: [fund("X", "详细")], rate: 80 }),
    unit("B", { funds: [fund("X", "总表")], rate: 90 }),
  ]);
  const figs = r.facts.map((f) => f.figure);
  const [late, avg] = figs;

  it("open with the last figure, each with its words, its source and the value given", () => {
    expect(figs.map((f) => f.fact)).toEqual(["late", "avg"]);
    const head = cohortHead(crs, figs, { late: 1, avg: "85" });
    expect(head).toStrictEqual([
      {
        kind: "cohort",
        rule: "avg",
        node: null,
        measure: "points",
        text: "全省平均数",
        // No `at` when the rule set gives none.
        ref: { doc: "d2", title: "另一文件" },
        facts: { avg: "85" },
        effect: avg?.effect,
      },
      {
        kind: "cohort",
        rule: "late",
        node: null,
        measure: "points",
        text: "若某项资金全省40%以上县市区已详细公开,仅公开总表的按未及时公开处理",
        ref: { doc: "doc", title: "测试文件", at: "第一条" },
        facts: { late: "1" },
        effect: late?.effect,
      },
    ]);
  });

  it("leave out a figure the unit was not given", () => {
    const head = cohortHead(crs, figs, { late: 0 });
    expect(head.map((e) => [e.rule, e.facts])).toEqual([["late", { late: "0" }]]);
  });

  it("name the source by its id when the rule set has no such document", () => {
    const bare = { ...crs, documents: new Map() } as CompiledRuleSet;
    const head = cohortHead(bare, figs, { late: 1, avg: "85" });
    expect(head.map((e) => e.ref)).toStrictEqual([
      { doc: "d2", title: "d2" },
      { doc: "doc", title: "doc", at: "第一条" },
    ]);
  });

  it("have no words or source for a figure the rule set does not state", () => {
    const ghost = { fact: "ghost", effect: late?.effect } as (typeof figs)[number];
    expect(cohortHead(crs, [ghost], { ghost: 3 })).toStrictEqual([
      {
        kind: "cohort",
        rule: "ghost",
        node: null,
        measure: "points",
        text: "",
        facts: { ghost: "3" },
        effect: late?.effect,
      },
    ]);
  });
});
