import type { CohortFigure } from "../src/cohort/types.js";
import type { TraceEntry } from "../src/evaluate/types.js";
import { describeEntry, describeFigure } from "../src/explain/describe.js";
import {
  type CompiledRuleSet,
  compileRuleSet,
  type RuleSetInput,
  scoreUnit,
  type UnitInput,
  type UnitResult,
  validateRuleSet,
} from "../src/index.js";

/** A minimal valid rule set; tests override what they exercise. */
export function ruleSet(
  over: Partial<RuleSetInput> & Pick<RuleSetInput, "tree" | "facts" | "points">,
): RuleSetInput {
  return {
    kaohe: 1,
    id: "test/set",
    title: "测试",
    documents: [{ id: "doc", title: "测试文件" }],
    policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "error" },
    ...over,
  } as RuleSetInput;
}

export const ref = { doc: "doc", at: "第一条" };

export function compile(over: Parameters<typeof ruleSet>[0]): CompiledRuleSet {
  return compileRuleSet(ruleSet(over));
}

/** The cohort section of a rule set (K1–K9). */
export type CohortSection = NonNullable<RuleSetInput["cohort"]>;

/**
 * Item `id` (titled the same) of `points`, whose one clause `${id}1` takes `each` points per
 * finding of `fact`; `more`: other fields of the item (a cap, overdraw). Typed `never` like itemX.
 */
export function perNode(
  id: string,
  points: number,
  fact: string,
  each: number | string,
  text = `每处扣${each}分`,
  more: Record<string, unknown> = {},
): never {
  const clause = { id: `${id}1`, type: "per", fact, each, text, ref };
  return { id, title: id, points, ...more, clauses: [clause] } as never;
}

/** Item `id` (titled the same) of `points`, earned when `when` holds (check clause `${id}1`). */
export function checkNode(id: string, points: number, when: string, text: string): never {
  const clause = { id: `${id}1`, type: "check", when, text, ref };
  return { id, title: id, points, clauses: [clause] } as never;
}

/** An item of 50 points losing `each` points per finding of `fact` (每处扣1分). */
export const perItem = (id: string, fact: string, each = 1) => perNode(id, 50, fact, each);

/**
 * A rule set to score cohorts with: items 甲 and 乙, 50 points each, 1 point off per finding (facts
 * `a` and `n`), categories county and city, grades 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格.
 */
export function cohortRuleSet(
  cohort: CohortSection,
  extra: Partial<RuleSetInput> = {},
): RuleSetInput {
  return ruleSet({
    categories: [
      { id: "county", label: "县" },
      { id: "city", label: "市" },
    ],
    facts: [
      { id: "n", label: "问题", type: "count", missing: "zero" },
      { id: "a", label: "分项甲问题", type: "count", missing: "zero" },
    ],
    points: 100,
    grades: {
      order: ["优秀", "良好", "合格", "不合格"],
      bands: [
        { grade: "优秀", gte: 90 },
        { grade: "良好", gte: 80 },
        { grade: "合格", gte: 60 },
        { grade: "不合格" },
      ],
    },
    tree: [perItem("甲", "a"), perItem("乙", "n")],
    cohort,
    ...extra,
  } as never);
}

/**
 * A rule set with one item (A, 10 points) losing 1 point per fund in `late`, a count the cohort
 * computes (K5: `facts`) from the findings `funds` (kinds 详细, 总表); `decls`: more facts.
 */
export function fundsRuleSet(facts: unknown[], decls: unknown[] = []): RuleSetInput {
  return ruleSet({
    facts: [
      { id: "funds", label: "资金", type: "findings", kinds: ["详细", "总表"], missing: "zero" },
      { id: "late", label: "按未及时公开处理的资金数", type: "count" },
      ...decls,
    ],
    points: 10,
    tree: [
      {
        id: "A",
        title: "A",
        points: 10,
        clauses: [{ id: "A1", type: "per", fact: "late", each: 1, text: "每项扣1分", ref }],
      },
    ],
    cohort: { ranking: { ties: "shared" }, facts },
  } as never);
}

/** What validation reports, as [code, path]: the issues, or the warnings when it passes. */
export function reported(rs: RuleSetInput): [string, string][] {
  const r = validateRuleSet(rs);
  return (r.ok ? r.warnings : r.issues).map((i) => [i.code, i.path.join(".")]);
}

/** Scores and asserts the unit was scored. */
export function score(
  crs: CompiledRuleSet,
  facts: Record<string, unknown>,
  extra: Partial<UnitInput> = {},
): UnitResult {
  const r = scoreUnit(crs, { id: "u", facts, ...extra });
  if (!r.ok) throw new Error(`not scored: ${r.issues.map((i) => i.code).join(", ")}`);
  return r;
}

/** Decimals as their text, recursively, so that effects and results compare as plain data. */
export function plain(v: unknown): unknown {
  if (v && typeof v === "object" && "toFixed" in v && "isZero" in v)
    return (v as { toFixed(): string }).toFixed();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** The words of a trace entry or a cohort figure, as explain/ renders them; undefined for none. */
export function said(x: TraceEntry | CohortFigure | undefined | false | null): string | undefined {
  if (!x) return undefined;
  return "kind" in x ? describeEntry(x) : describeFigure(x);
}

/**
 * Item `id` (titled the same) of `points` holding `clauses`; `more`: other fields (a cap,
 * overdraw). Typed `never` so it stands in a rule set's tree whatever the clauses' literal types
 * (the schema checks them).
 */
export function item(
  id: string,
  points: number,
  clauses: unknown[],
  more: Record<string, unknown> = {},
): never {
  return { id, title: id, points, ...more, clauses } as never;
}

/** Item x (10 points unless `more` says otherwise) holding `clauses`. */
export function itemX(clauses: unknown[], more: Record<string, unknown> = {}): never {
  return item("x", 10, clauses, more);
}

/** A rule set of 10 points whose one item is x (see itemX) holding `clauses`; `over`: the rest. */
export function oneItem(
  facts: unknown[],
  clauses: unknown[],
  over: Partial<RuleSetInput> = {},
): RuleSetInput {
  return ruleSet({ facts, points: 10, tree: [itemX(clauses)], ...over } as never);
}

/** Clause x1: 1 point off when `when` holds (text "t"); `more`: other fields, e.g. `only`. */
export function fixedWhen(when: Record<string, unknown>, more: Record<string, unknown> = {}) {
  return { id: "x1", type: "fixed", amount: 1, when, ...more, text: "t", ref };
}

/** Fact `d` (labelled `label`), the rate a ÷ b in percent, `ifZero` when b is 0. */
export function rateD(label: string, ifZero: unknown) {
  return { id: "d", label, type: "rate", derive: { ratio: ["a", "b"], percent: true, ifZero } };
}

/**
 * Findings 采用 (f: kinds 省级, 市级, 县级, none is zero) and 批示 (p: kinds 领导批示, 部门批示)
 * linked to f, `links` adding to `{ fact: "f" }`.
 */
export function adoptionFacts(links: Record<string, unknown> = {}) {
  return [
    { id: "f", label: "采用", type: "findings", kinds: ["省级", "市级", "县级"], missing: "zero" },
    {
      id: "p",
      label: "批示",
      type: "findings",
      kinds: ["领导批示", "部门批示"],
      links: { fact: "f", ...links },
    },
  ];
}

/** Clause x1: adds `amounts` (by kind) for each finding of `fact`. */
export function addTally(fact: string, amounts: Record<string, number>, text: string) {
  return { id: "x1", type: "tally", effect: "add", fact, amounts, repeat: "each", text, ref };
}

/** Clause x1: adds 10 points per 省级 finding of f, 5 per 市级 (采用计分). */
export const adoptionTally = addTally("f", { 省级: 10, 市级: 5 }, "采用计分");

/** Clause x2: adds per 领导批示 of p by its linked 采用's kind: 50 for 省级, 20 for 市级. */
export const linkedTally = {
  id: "x2",
  type: "tally",
  effect: "add",
  fact: "p",
  priceBy: "linked",
  kinds: ["领导批示"],
  amounts: { 省级: 50, 市级: 20 },
  repeat: "each",
  text: "被领导批示的,按所涉信息的采用级别另加分",
  ref,
};

/** Clause A1: `each` points off per percentage point `rate` falls below the fact `of` (a mean). */
export function stepBelow(of: string, each: number, partial: string, text: string): never {
  const clause = {
    id: "A1",
    type: "step",
    fact: "rate",
    below: { fact: of },
    per: 1,
    each,
    partial,
    text,
    ref,
  };
  return clause as never;
}

/** A rank-change rule (K4): 1 point added for rising 2 places or more, 1 off for falling 2 or more. */
export const rankChange = {
  upAtLeast: 2,
  add: 1,
  downAtLeast: 2,
  deduct: 1,
  text: "位次较上一年度进步2位以上的加1分,后退2位以上的扣1分",
  ref,
};

/** Veto 否决: the total fixed at 0, and the rest not run, when the boolean fact `fraud` holds. */
export function fraudVeto(text: string) {
  return { id: "否决", type: "override", when: "fraud", total: 0, stop: true, text, ref } as const;
}

/**
 * Adjustment 奖励 (reward) in the measure money: clause r1 adds `each` per finding of `adopted`;
 * `more`: other fields of the adjustment (a cap).
 */
export function reward(each: number, text: string, more: Record<string, unknown> = {}): never {
  const r1 = {
    id: "r1",
    type: "per",
    effect: "add",
    measure: "money",
    fact: "adopted",
    each,
    text,
    ref,
  };
  return { id: "reward", title: "奖励", ...more, clauses: [r1] } as never;
}

/** Clause a2: when `lead` holds, the item is graded 不合格 and loses 3 points. */
export const leadFails = {
  id: "a2",
  type: "override",
  when: "lead",
  grade: "不合格",
  gradeScope: "node",
  amount: 3,
  text: "直接按不合格处理,扣3分",
  ref,
} as const;

/**
 * The parts of a year (C16): 上半年 40% (集中 70%, 日常 30%) and 下半年 (年底考核) 60%; `daily` and
 * `second` add to 日常 and 下半年 (a rounding, given: true).
 */
export function halfYears(
  daily: Record<string, unknown> = {},
  second: Record<string, unknown> = {},
) {
  const first = [
    { id: "集中", label: "集中考核", percent: 70 },
    { id: "日常", label: "日常考核", percent: 30, ...daily },
  ];
  return [
    { id: "上半年", label: "上半年考核", percent: 40, parts: first },
    { id: "下半年", label: "年底考核", percent: 60, ...second },
  ];
}

/** Adjustment 加分 (加分指标) at the bonus stage: clause 加分1 adds `each` per `good` case. */
export function goodBonus(each: number, text: string): never {
  const clause = { id: "加分1", type: "per", effect: "add", fact: "good", each, text, ref };
  return { id: "加分", title: "加分指标", stage: "bonus", clauses: [clause] } as never;
}

/** Periods (T7): a month each, summed, not rounded apart, the total to 2 places; `more` adds. */
export function monthly(text: string, more: Record<string, unknown> = {}) {
  const rounding = { places: 2, mode: "half-up" };
  return { each: "month", total: "sum", periodRounding: "none", rounding, text, ref, ...more };
}

/** Item 一 (信息采用, no points of its own, overdrawn) holding `clauses`. */
export function adoptedItem(clauses: unknown[]): never {
  return { id: "一", title: "信息采用", points: 0, overdraw: true, clauses } as never;
}

/** Combine (C16): 集中 70% scored here, 日常 30% given as a score, the total to `places`. */
export function combineGiven(places: number) {
  return {
    parts: [
      { id: "集中", label: "集中考核", percent: 70 },
      { id: "日常", label: "日常考核", percent: 30, given: true },
    ],
    partRounding: "none",
    rounding: { places, mode: "half-up" },
    text: "集中70%,日常30%",
    ref,
  };
}

/** Clause a2: 1 point added when `good` holds (加1分). */
export const plusOneIfGood = {
  id: "a2",
  type: "fixed",
  effect: "add",
  when: "good",
  amount: 1,
  text: "加1分",
  ref,
} as const;

/** Clause `id`: 0.1 off per finding of f, at most 0.5 for one subject (C5). */
export function perSubjectCap(id: string) {
  const text = "每处扣0.1分,一个单位最多扣0.5分";
  return { id, type: "per", fact: "f", each: 0.1, perSubject: { cap: 0.5 }, text, ref } as const;
}

/** Clause `id`: `each` points off per `per` points `fact` falls below 100 (C6); `more` adds. */
export function stepBelow100(
  id: string,
  fact: string,
  steps: { per: number; each: number; partial: string },
  text: string,
  more: Record<string, unknown> = {},
): never {
  return { id, type: "step", fact, below: 100, ...steps, ...more, text, ref } as never;
}

/** Item a (组织领导, 10 points, at most 2 points of bonus) holding `clauses`. */
export function leadershipItem(clauses: unknown[]): never {
  return { id: "a", title: "组织领导", points: 10, bonusCap: 2, clauses } as never;
}

/**
 * Clause `id`: a target on `fact`, at least 2 a month (每月不少于2条); `more` adds (each or amount,
 * perSubject) or replaces (ref).
 */
export function monthlyTarget(id: string, fact: string, more: Record<string, unknown> = {}): never {
  const text = "每月不少于2条";
  return { id, type: "target", fact, period: "month", min: 2, text, ref, ...more } as never;
}

/**
 * A whole rule set as the tests that state every field write it: id and title t, document d, the
 * fact n (处数, a count), missing facts an error; `over`: the rest (points, tree…).
 */
export function bareSet(over: Record<string, unknown>) {
  return {
    kaohe: 1,
    id: "t",
    title: "t",
    documents: [{ id: "d", title: "d" }],
    policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "error" },
    facts: [{ id: "n", label: "处数", type: "count" }],
    ...over,
  };
}

/**
 * A rule set of 100 points whose one item A loses 1 point per finding of n (问题, a count, none is
 * zero); `over`: the rest (combine, thresholds…).
 */
export function itemASet(over: Record<string, unknown> = {}): RuleSetInput {
  const facts = [{ id: "n", label: "问题", type: "count", missing: "zero" }];
  return ruleSet({ facts, points: 100, tree: [perNode("A", 100, "n", 1)], ...over } as never);
}

/**
 * Points from 0: 采用 (f) priced by kind (adoptionTally), 领导批示 (p) by the kind of the 采用 it is
 * on (linkedTally, `clause` adding or replacing); `links` adds to p's links (see adoptionFacts).
 */
export function adoptionSet(
  clause: Record<string, unknown> = {},
  links: Record<string, unknown> = {},
): CompiledRuleSet {
  const tree = [
    itemX([adoptionTally, { ...linkedTally, ...clause }], { points: 0, overdraw: true }),
  ];
  return compile({ facts: adoptionFacts(links), points: 0, tree } as never);
}
