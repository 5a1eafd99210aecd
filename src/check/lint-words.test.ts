import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { monthlyTarget } from "../../test/helpers.js";
import { LINT_CASES } from "../../test/lint-cases.js";
import { selectVersion } from "../compile/versions.js";
import type { KaoheIssue } from "../errors/issue.js";
import { compileRuleSet } from "../index.js";
import { loadRuleSet } from "../load/load.js";

/*
 * Every message of a rule file's checks and of choosing a version is Chinese: the staff who keep
 * the rule sets read them. The parts a check fills in (a detail, the use a fact was put to, what a
 * reference names) said it in English (`这一条永远不会起作用:each is 0`, `找不到 grade (declare it in
 * grades.order) "优秀"`); each is pinned here whole, with its code and path, and a sweep over a
 * corpus of faulty rule sets finds no English left beside the keys an author types.
 */

const ref = { doc: "d" };
const FACTS = [
  { id: "n", label: "处数", type: "count" },
  { id: "r", label: "公开率", type: "rate" },
  { id: "ok", label: "是否合格", type: "boolean" },
  { id: "lvl", label: "评定", type: "choice", options: ["好", "差"] },
  { id: "f", label: "问题", type: "findings", kinds: ["甲", "乙"] },
  { id: "s", label: "每月条数", type: "series" },
];
const per = (over: Record<string, unknown> = {}) => ({
  id: "一.1",
  type: "per",
  fact: "n",
  each: 1,
  text: "每处扣1分",
  ref,
  ...over,
});
/** Clause 一.1: 1 point off (扣1分) when `when` holds. */
const fixed = (when: unknown) => ({
  id: "一.1",
  type: "fixed",
  when,
  amount: 1,
  text: "扣1分",
  ref,
});
/** Clause 一.1: 1 point off per 5 points `fact` falls below `below` (每降低5%扣1分). */
const fivePercent = (fact: string, below: number) => ({
  id: "一.1",
  type: "step",
  fact,
  below,
  per: 5,
  each: 1,
  partial: "floor",
  text: "每降低5%扣1分",
  ref,
});
/** Rescale to 100, the adjustments after it. */
const rescaleAfter = {
  to: 100,
  rounding: { places: 2, mode: "half-up" },
  adjustments: "after-rescale",
  text: "换算",
  ref,
};
const rs = (over: Record<string, unknown> = {}, clauses: unknown[] = [per()]) => ({
  kaohe: 1,
  id: "t",
  title: "测试",
  documents: [{ id: "d", title: "文件" }],
  policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "error" },
  facts: FACTS,
  points: 10,
  tree: [{ id: "一", title: "一", points: 10, clauses }],
  ...over,
});
const grades = { order: ["好", "差"], bands: [{ grade: "好", gte: 60 }, { grade: "差" }] };
const adjust = (clauses: unknown[]) => [{ id: "加减", title: "加减分", ref, clauses }];
const cohort = (c: Record<string, unknown>) =>
  rs({ grades, cohort: { ranking: { ties: "shared" }, ...c } });

/** All issues of loading a rule set, written as YAML text (or given as text). */
function issuesOf(data: unknown): KaoheIssue[] {
  if (data instanceof Composed) {
    const parameters = data.params === null ? {} : { parameters: { text: data.params } };
    const r = loadRuleSet(data.template, { file: "r.yaml", ...parameters });
    return r.ok ? r.warnings : r.issues;
  }
  const text = typeof data === "string" ? data : stringify(data);
  const r = loadRuleSet(text, { file: "r.yaml" });
  return r.ok ? r.warnings : r.issues;
}

/** A template whose points are a parameter, composed with a parameters file (or with none). */
class Composed {
  readonly template = stringify(
    rs({
      parameters: [{ id: "p", label: "分值", min: 1, max: 50 }],
      tree: [{ id: "一", title: "一", points: { param: "p" }, clauses: [per()] }],
    }),
  );
  constructor(readonly params: string | null) {}
}
const paramsFile = (values: string) =>
  `kaohe-parameters: 1\ntemplate: t\nid: t/2024\ntitle: 2024年\nofficial: false\nvalues:\n${values}`;

const COMBINE = rs({
  combine: {
    parts: [
      {
        id: "甲",
        label: "甲",
        percent: 110,
        given: true,
        parts: [{ id: "甲1", label: "甲1", percent: 100 }],
      },
      { id: "甲", label: "乙", percent: -10 },
    ],
    partRounding: "none",
    rounding: { places: 1, mode: "half-up" },
    text: "合成",
    ref,
  },
});
const THRESHOLDS = rs({
  thresholds: [
    { id: "线", of: { node: "九" }, gte: 9, lte: 3, flag: "黄牌", text: "线", ref },
    { id: "线2", of: { measure: "钱" }, gte: 1, flag: "红牌", text: "线", ref },
  ],
});

type Case = [name: string, data: unknown, code: string, path: string, message: string];

/** A case: clause 一.1 on a condition `all` of `conditions` no value meets, refused at its when. */
const contradiction = (name: string, message: string, ...conditions: unknown[]): Case => [
  name,
  rs({}, [fixed({ all: conditions })]),
  "E_CONTRADICTION",
  "tree.0.clauses.0.when",
  message,
];

const CASES: Case[] = [
  // constructs: per
  [
    "per: each 0",
    rs({}, [per({ each: 0 })]),
    "W_UNREACHABLE",
    "tree.0.clauses.0.each",
    "这一条永远不会起作用:each 为 0,每次都扣 0 分",
  ],
  [
    "per: cap 0",
    rs({}, [per({ cap: 0 })]),
    "W_UNREACHABLE",
    "tree.0.clauses.0.cap",
    "这一条永远不会起作用:cap 为 0,封顶 0 分,这一条最多扣 0 分",
  ],
  [
    "per: kind on a count",
    rs({}, [per({ kind: "甲" })]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "n" 的类型是 count,不能与 perSubject 或 kind 一起使用,它们需要问题清单(findings)类型的事实',
  ],
  [
    "per: a yes/no fact",
    rs({}, [per({ fact: "ok" })]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "ok" 的类型是 boolean,不能用作次数(per 按次计分)',
  ],
  [
    "per: a per-subject cap that never bites",
    rs({ facts: [...FACTS.slice(0, 4), { ...FACTS[4], subjects: ["甲栏", "乙栏"] }] }, [
      per({ fact: "f", cap: 2, perSubject: { by: "subject", cap: 3 } }),
    ]),
    "W_UNREACHABLE",
    "tree.0.clauses.0.perSubject.cap",
    "这一条永远不会起作用:每个对象的封顶 perSubject.cap(3)不低于整条的封顶 cap(2),永远不会先于它封顶",
  ],
  // target
  [
    "target: neither each nor amount",
    rs({}, [monthlyTarget("一.1", "s", { ref })]),
    "E_EXCLUSIVE",
    "tree.0.clauses.0",
    "两种写法只能选一种:each(每期未达标扣分)与 amount(一次性扣分)须写且只写一个",
  ],
  [
    "target: per subject on a series",
    rs({}, [monthlyTarget("一.1", "s", { each: 1, perSubject: {}, ref })]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "s" 的类型是 series,不能按对象考核(perSubject),它需要列出 subjects 的问题清单(findings)事实',
  ],
  [
    "target: a count",
    rs({}, [monthlyTarget("一.1", "n", { each: 1, ref })]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "n" 的类型是 count,不能用作按期考核的目标(target)',
  ],
  // gates, streaks, ranking
  [
    "gate: no effect",
    rs({ grades, gates: [{ id: "关口", lt: 60, text: "低于60分", ref }] }),
    "E_NEEDS_ONE_OF",
    "gates.0",
    "缺少起作用的设置:关口(gates)须至少写 grade、flag、stop、opens 中的一个",
  ],
  [
    "gate: a bonus stage no gate opens",
    rs({
      adjustments: [
        {
          id: "加分",
          title: "加分",
          stage: "bonus",
          clauses: [per({ id: "加分1", effect: "add" })],
        },
      ],
    }),
    "W_UNREACHABLE",
    "adjustments.0.stage",
    "这一条永远不会起作用:没有任何关口写 opens: bonus,加分阶段(stage: bonus)永远不会开启",
  ],
  [
    "streak: a flag no rule raises",
    rs({
      grades,
      streaks: [
        { id: "连续", when: { flag: "黄牌" }, count: 2, flag: "约谈", text: "连续两次", ref },
      ],
    }),
    "W_UNREACHABLE",
    "streaks.0.when.flag",
    '这一条永远不会起作用:没有任何规则标记 flag "黄牌",这一连续情形(streaks)永远不会计入任何一期',
  ],
  [
    "ranking: breakBy without ties: break",
    cohort({ ranking: { ties: "shared", breakBy: ["一"] } }),
    "W_UNREACHABLE",
    "cohort.ranking.breakBy",
    "这一条永远不会起作用:只有写 ties: break 时才会读取 breakBy",
  ],
  [
    "ranking: breakBy an unknown node",
    cohort({ ranking: { ties: "break", breakBy: ["九"] } }),
    "E_UNKNOWN_REF",
    "cohort.ranking.breakBy.0",
    '找不到指标 "九"',
  ],
  // rating
  [
    "rating: scale and percent",
    rs({}, [
      {
        id: "一.1",
        type: "rating",
        fact: "lvl",
        scale: { 好: 10, 差: 0 },
        percent: { 好: 100, 差: 0 },
        text: "好10分",
        ref,
      },
    ]),
    "E_EXCLUSIVE",
    "tree.0.clauses.0",
    "两种写法只能选一种:scale(分值)与 percent(百分比)只能写一个",
  ],
  [
    "rating: outside the tree",
    rs({
      adjustments: adjust([
        {
          id: "加减.1",
          type: "rating",
          fact: "lvl",
          percent: { 好: 100, 差: 0 },
          text: "好10分",
          ref,
        },
      ]),
    }),
    "E_MISPLACED",
    "adjustments.0.clauses.0.type",
    "放错了位置:评定(rating)条款只能写在指标树(tree)的指标中",
  ],
  [
    "rating: an option the fact does not have",
    rs({}, [
      {
        id: "一.1",
        type: "rating",
        fact: "lvl",
        scale: { 好: 10, 差: 0, 中: 5 },
        text: "好10分",
        ref,
      },
    ]),
    "E_UNKNOWN_REF",
    "tree.0.clauses.0.scale",
    '找不到事实 "lvl" 的选项 "中"',
  ],
  [
    "rating: a percent above 100",
    rs({}, [
      { id: "一.1", type: "rating", fact: "lvl", percent: { 好: 120, 差: 0 }, text: "好10分", ref },
    ]),
    "E_OUT_OF_RANGE",
    "tree.0.clauses.0.percent.好",
    "评定为 好 的百分比 必须在 [0, 100] 之内",
  ],
  [
    "rating: points above the node's",
    rs({}, [
      { id: "一.1", type: "rating", fact: "lvl", scale: { 好: 12, 差: 0 }, text: "好10分", ref },
    ]),
    "E_OUT_OF_RANGE",
    "tree.0.clauses.0.scale.好",
    "评定为 好 的分值(12) 必须在 [0, 10] 之内",
  ],
  [
    "rating: a count",
    rs({}, [{ id: "一.1", type: "rating", fact: "n", scale: { 好: 10 }, text: "好10分", ref }]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "n" 的类型是 count,不能用作评定(rating)',
  ],
  // override
  [
    "override: no effect",
    rs({}, [{ id: "一.1", type: "override", when: "ok", text: "否决", ref }]),
    "E_NEEDS_ONE_OF",
    "tree.0.clauses.0",
    "缺少起作用的设置:override 条款须至少写 grade、amount、total、zero、stop、flag 中的一个",
  ],
  [
    "override: gradeScope node outside a node",
    rs({
      grades,
      adjustments: adjust([
        {
          id: "加减.1",
          type: "override",
          when: "ok",
          grade: "差",
          gradeScope: "node",
          text: "定为差",
          ref,
        },
      ]),
    }),
    "E_MISPLACED",
    "adjustments.0.clauses.0.gradeScope",
    "放错了位置:gradeScope: node 只能用于写在指标中的条款",
  ],
  [
    "override: a total in the tree",
    rs({}, [{ id: "一.1", type: "override", when: "ok", total: 0, text: "总分为0", ref }]),
    "E_MISPLACED",
    "tree.0.clauses.0.total",
    "放错了位置:total 作用于整个单位:请把这一条写在 vetoes 中",
  ],
  [
    "override: zero an unknown node",
    rs({
      vetoes: [{ id: "否决", type: "override", when: "ok", zero: ["九"], text: "九项为0", ref }],
    }),
    "E_UNKNOWN_REF",
    "vetoes.0.zero.0",
    '找不到指标 "九"',
  ],
  // combine
  [
    "combine: a part given and made of parts, a negative weight, a repeated id",
    COMBINE,
    "E_EXCLUSIVE",
    "combine.parts.0",
    "两种写法只能选一种:一个部分要么直接给分(given),要么由下级部分(parts)合成,不能两样都写",
  ],
  [
    "combine: a repeated id",
    COMBINE,
    "E_DUPLICATE_ID",
    "combine.parts.1.id",
    '编号 "甲" 重复(第一次出现在 同一层前面的部分)',
  ],
  [
    "combine: a negative weight",
    COMBINE,
    "E_OUT_OF_RANGE",
    "combine.parts.1.percent",
    "权重 percent 必须在 [0, 100] 之内",
  ],
  [
    "fixed: amount 0",
    rs({}, [{ id: "一.1", type: "fixed", when: "ok", amount: 0, text: "扣0分", ref }]),
    "W_UNREACHABLE",
    "tree.0.clauses.0.amount",
    "这一条永远不会起作用:amount 为 0,加减的分数总是 0",
  ],
  // step
  [
    "step: below and bands",
    rs({}, [
      {
        id: "一.1",
        type: "step",
        fact: "r",
        below: 100,
        per: 5,
        each: 1,
        bands: [{ below: 90, per: 5, each: 1 }],
        bandMode: "marginal",
        partial: "floor",
        text: "每降低5%扣1分",
        ref,
      },
    ]),
    "E_EXCLUSIVE",
    "tree.0.clauses.0",
    "两种写法只能选一种:below/per/each 与 bands 只能写一种",
  ],
  [
    "step: bands going upwards",
    rs({}, [
      {
        id: "一.1",
        type: "step",
        fact: "r",
        bands: [
          { below: 80, per: 5, each: 1 },
          { below: 90, per: 5, each: 2 },
        ],
        bandMode: "marginal",
        partial: "floor",
        text: "每降低5%扣1分",
        ref,
      },
    ]),
    "E_ORDER",
    "tree.0.clauses.0.bands.1.below",
    "顺序有误:bands 须从高到低排列(每一档的 below 低于前一档)",
  ],
  [
    "step: a band no rate reaches",
    rs({}, [fivePercent("r", 0)]),
    "W_UNREACHABLE",
    "tree.0.clauses.0.below",
    "这一条永远不会起作用:比率不可能低于 0(它的最小值是 0),这一档永远达不到",
  ],
  [
    "step: a count",
    rs({}, [fivePercent("n", 100)]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "n" 的类型是 count,不能用于按档扣分(step)',
  ],
  // rescale
  [
    "rescale: beside ifNotApplicable",
    rs({
      rescale: rescaleAfter,
      tree: [
        { id: "一", title: "一", points: 5, clauses: [per()] },
        {
          id: "二",
          title: "二",
          points: 5,
          applicable: "ok",
          ifNotApplicable: { mode: "rescale" },
          clauses: [per({ id: "二.1" })],
        },
      ],
    }),
    "E_EXCLUSIVE",
    "tree.1.ifNotApplicable",
    "两种写法只能选一种:写了 rescale 时,不适用项目的分值从适用项总分中除去,不能再写 ifNotApplicable",
  ],
  [
    "rescale: adjustments with nothing to place",
    rs({
      rescale: rescaleAfter,
    }),
    "W_UNREACHABLE",
    "rescale.adjustments",
    "这一条永远不会起作用:没有计入得分的 adjustments,也没有写 amount 的 vetoes,rescale.adjustments 无可安排",
  ],
  // deadline, tally, range, threshold
  [
    "deadline: a day not every year has",
    rs({}, [
      {
        id: "一.1",
        type: "deadline",
        fact: "f",
        within: { annual: "02-30" },
        each: 1,
        text: "每年2月底前",
        ref,
      },
    ]),
    "E_DATE",
    "tree.0.clauses.0.within.annual",
    "不是实际存在的日期:02-30(不是每年都有的日子;2月底写 02-end)",
  ],
  [
    "deadline: a count",
    rs({}, [
      { id: "一.1", type: "deadline", fact: "n", within: { days: 5 }, each: 1, text: "5日内", ref },
    ]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "n" 的类型是 count,不能用作事件清单(deadline 时限)',
  ],
  [
    "tally: kinds without priceBy: linked",
    rs({}, [
      {
        id: "一.1",
        type: "tally",
        fact: "f",
        amounts: { 甲: 1 },
        kinds: ["甲"],
        repeat: "each",
        text: "每条1分",
        ref,
      },
    ]),
    "E_MISPLACED",
    "tree.0.clauses.0.kinds",
    "放错了位置:kinds 只与 priceBy: linked 一起使用;按问题自己的种类计价时由 amounts 列出种类",
  ],
  [
    "tally: a tag the fact does not declare",
    rs({ facts: [...FACTS.slice(0, 4), { ...FACTS[4], tags: ["批示"] }] }, [
      {
        id: "一.1",
        type: "tally",
        fact: "f",
        amounts: { 甲: 1 },
        repeat: "each",
        additions: [{ tag: "表扬", amount: 1 }],
        text: "每条1分",
        ref,
      },
    ]),
    "E_UNKNOWN_REF",
    "tree.0.clauses.0.additions.0.tag",
    '找不到事实 "f" 的标签(tags) "表扬"',
  ],
  [
    "tally: a count",
    rs({}, [
      {
        id: "一.1",
        type: "tally",
        fact: "n",
        amounts: { 甲: 1 },
        repeat: "each",
        text: "每条1分",
        ref,
      },
    ]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "n" 的类型是 count,不能用于按种类计价(tally)',
  ],
  [
    "range: a count, min above max",
    rs({}, [{ id: "一.1", type: "range", fact: "n", min: 3, max: 1, text: "酌情扣1-3分", ref }]),
    "E_RANGE",
    "tree.0.clauses.0",
    '条款 "一.1":最小值 3 大于最大值 1',
  ],
  [
    "range: a count",
    rs({}, [{ id: "一.1", type: "range", fact: "n", min: 1, max: 3, text: "酌情扣1-3分", ref }]),
    "E_FACT_KIND",
    "tree.0.clauses.0.fact",
    '事实 "n" 的类型是 count,不能用作酌情扣分(range)',
  ],
  [
    "threshold: a node and a measure that do not exist, an empty range",
    THRESHOLDS,
    "E_UNKNOWN_REF",
    "thresholds.0.of.node",
    '找不到指标 "九"',
  ],
  [
    "threshold: an empty range",
    THRESHOLDS,
    "E_RANGE",
    "thresholds.0",
    '阈值 "线":最小值 9 大于最大值 3',
  ],
  [
    "threshold: an unknown measure",
    THRESHOLDS,
    "E_UNKNOWN_REF",
    "thresholds.1.of.measure",
    '找不到计量(measures) "钱"',
  ],
  [
    "cohort: a quota above 100",
    cohort({
      quotas: [
        {
          id: "优秀比例",
          grade: "好",
          maxPercent: 120,
          scope: "all",
          count: "floor",
          ties: "demote-all",
          demoteTo: "差",
          text: "不超过",
          ref,
        },
      ],
    }),
    "E_OUT_OF_RANGE",
    "cohort.quotas.0.maxPercent",
    "比例上限 maxPercent 必须在 [0, 100] 之内",
  ],
  [
    "cohort: a mean of a yes/no fact into a count",
    cohort({ facts: [{ id: "n", over: "current", compute: { mean: "ok" }, text: "平均", ref }] }),
    "E_FACT_KIND",
    "cohort.facts.0.compute.mean",
    '事实 "ok" 的类型是 boolean,不能用作全体单位的平均值(mean)',
  ],
  // the checks of src/check
  [
    "a clause in an unknown measure",
    rs({}, [per({ measure: "钱" })]),
    "E_UNKNOWN_REF",
    "tree.0.clauses.0.measure",
    '找不到计量(measures) "钱"',
  ],
  [
    "a tree clause in the second measure",
    rs(
      {
        measures: [
          { id: "points", label: "得分", unit: "分" },
          { id: "钱", label: "罚款", unit: "元" },
        ],
      },
      [per({ measure: "钱" })],
    ),
    "E_MISPLACED",
    "tree.0.clauses.0.measure",
    "放错了位置:只有加减分项(adjustments)才能计入 points 以外的计量",
  ],
  [
    "a veto that adds",
    rs({
      vetoes: [
        { id: "否决", type: "override", when: "ok", amount: 1, effect: "add", text: "加1分", ref },
      ],
    }),
    "E_MISPLACED",
    "vetoes.0.effect",
    "放错了位置:vetoes 中的条款不能加分",
  ],
  [
    "a rounding on the points measure",
    rs({
      measures: [
        { id: "points", label: "得分", unit: "分", rounding: { places: 1, mode: "half-up" } },
      ],
    }),
    "W_UNREACHABLE",
    "measures.0.rounding",
    "这一条永远不会起作用:得分(第一个计量)按 policy.rounding 取舍,这里写的 rounding 不会被读取",
  ],
  [
    "a date that does not exist",
    rs({ effective: { from: "2025-02-30" } }),
    "E_DATE",
    "effective.from",
    "不是实际存在的日期:2025-02-30",
  ],
  [
    "a window ending before it starts",
    rs({
      window: { from: "2025-12-31", to: "2025-01-01", undated: "include", text: "2025年", ref },
    }),
    "E_RANGE",
    "window",
    "考核期间 window:开始日 2025-12-31 晚于结束日 2025-01-01",
  ],
  [
    "an effective range ending before it starts",
    rs({ effective: { from: "2025-12-31", to: "2025-01-01" } }),
    "E_RANGE",
    "effective",
    "有效期 effective:开始日 2025-12-31 晚于结束日 2025-01-01",
  ],
  [
    "a negative amount",
    rs({}, [per({ each: -1 })]),
    "E_NEGATIVE",
    "tree.0.clauses.0.each",
    "扣分或加分的数值 不能是负数;扣分或加分由 effect 决定",
  ],
  [
    "a given score read from a count",
    rs({ tree: [{ id: "一", title: "一", points: 10, given: { fact: "n" } }] }),
    "E_FACT_KIND",
    "tree.0.given.fact",
    '事实 "n" 的类型是 count,不能用作评分人给分(given)',
  ],
  // derived facts
  [
    "derive: no operation",
    rs({ facts: [...FACTS, { id: "d", label: "派生", type: "number", derive: {} }] }),
    "E_NEEDS_ONE_OF",
    "facts.6.derive",
    "缺少起作用的设置:derive 须写以下运算之一:sum、difference、ratio、shortfall、excess、min、max",
  ],
  [
    "derive: two operations",
    rs({
      facts: [
        ...FACTS,
        { id: "d", label: "派生", type: "number", derive: { sum: ["n", "r"], max: ["n", "r"] } },
      ],
    }),
    "E_EXCLUSIVE",
    "facts.6.derive",
    "两种写法只能选一种:derive 写了 sum、max,只能写一个",
  ],
  [
    "derive: ifZero beside sum",
    rs({
      facts: [
        ...FACTS,
        { id: "d", label: "派生", type: "number", derive: { sum: ["n", "r"], ifZero: 0 } },
      ],
    }),
    "E_MISPLACED",
    "facts.6.derive.ifZero",
    "放错了位置:ifZero 只用于 ratio",
  ],
  [
    "derive: a yes/no fact derived",
    rs({
      facts: [...FACTS, { id: "d", label: "派生", type: "boolean", derive: { sum: ["n", "r"] } }],
    }),
    "E_FACT_KIND",
    "facts.6.type",
    '事实 "d" 的类型是 boolean,不能由 derive 算出;派生事实只能是数值类型(count、number、rate、amount)',
  ],
  [
    "derive: a rate from a ratio without percent",
    rs({
      facts: [
        ...FACTS,
        { id: "d", label: "派生", type: "rate", derive: { ratio: ["n", "n"], ifZero: 0 } },
      ],
    }),
    "E_FACT_DECLARATION",
    "facts.6.derive",
    "事实的声明自相矛盾:比率(rate)以百分数计:用 ratio 算出的比率须写 percent: true",
  ],
  [
    "derive: a rate from counts",
    rs({
      facts: [...FACTS, { id: "d", label: "派生", type: "rate", derive: { max: ["n", "r"] } }],
    }),
    "E_FACT_DECLARATION",
    "facts.6.derive",
    "事实的声明自相矛盾:用 max 算出的比率只能读取比率(rate)事实",
  ],
  [
    "derive: a derived fact with a default",
    rs({
      facts: [
        ...FACTS,
        { id: "d", label: "派生", type: "number", default: 0, derive: { sum: ["n", "r"] } },
      ],
    }),
    "E_FACT_DECLARATION",
    "facts.6.default",
    "事实的声明自相矛盾:派生事实由其他事实算出,不由单位填报,不能写 default",
  ],
  [
    "derive: from a yes/no fact",
    rs({
      facts: [...FACTS, { id: "d", label: "派生", type: "number", derive: { sum: ["ok", "n"] } }],
    }),
    "E_FACT_KIND",
    "facts.6.derive.sum.0",
    '事实 "ok" 的类型是 boolean,不能用作 derive 的输入',
  ],
  [
    "derive: a cohort figure into a derived fact, and read from one",
    rs({
      grades,
      facts: [...FACTS, { id: "d", label: "派生", type: "number", derive: { sum: ["n", "r"] } }],
      cohort: {
        ranking: { ties: "shared" },
        facts: [{ id: "d", over: "current", compute: { mean: "d" }, text: "平均", ref }],
      },
    }),
    "E_FACT_KIND",
    "cohort.facts.0.id",
    '事实 "d" 的类型是 number,由 derive 算出,不能作为由全体单位算出的事实(cohort.facts)',
  ],
  // fact declarations
  [
    "a fact whose min is above its max",
    rs({ facts: [{ ...FACTS[0], min: 5, max: 1 }, ...FACTS.slice(1)] }),
    "E_RANGE",
    "facts.0",
    '事实 "n":最小值 5 大于最大值 1',
  ],
  [
    "a yes/no fact with a max",
    rs({ facts: [...FACTS.slice(0, 2), { ...FACTS[2], max: 1 }, ...FACTS.slice(3)] }),
    "E_FACT_DECLARATION",
    "facts.2",
    "事实的声明自相矛盾:boolean 类型的事实不能写 min 或 max",
  ],
  [
    "kinds on a count",
    rs({ facts: [{ ...FACTS[0], kinds: ["甲"] }, ...FACTS.slice(1)] }),
    "E_FACT_DECLARATION",
    "facts.0",
    "事实的声明自相矛盾:只有问题清单(findings)事实才能写 kinds",
  ],
  [
    "a subject listed twice",
    rs({ facts: [...FACTS.slice(0, 4), { ...FACTS[4], subjects: ["甲栏", "甲栏"] }] }),
    "E_FACT_DECLARATION",
    "facts.4.subjects",
    "事实的声明自相矛盾:subjects 中有对象重复列出",
  ],
  [
    "findings linked to a count",
    rs({ facts: [...FACTS.slice(0, 4), { ...FACTS[4], links: { fact: "n" } }] }),
    "E_FACT_KIND",
    "facts.4.links.fact",
    '事实 "n" 的类型是 count,不能作为关联的事实(links.fact)',
  ],
  [
    "a default outside the range",
    rs({ facts: [{ ...FACTS[0], max: 5, default: 9 }, ...FACTS.slice(1)] }),
    "E_FACT_DECLARATION",
    "facts.0.default",
    "事实的声明自相矛盾:default 9 超出了事实的范围(min、max)",
  ],
  [
    "a default not among the options",
    rs({ facts: [...FACTS.slice(0, 3), { ...FACTS[3], default: "中" }, ...FACTS.slice(4)] }),
    "E_FACT_DECLARATION",
    "facts.3.default",
    '事实的声明自相矛盾:default "中" 不在 options 之中',
  ],
  [
    "a default on findings",
    rs({ facts: [...FACTS.slice(0, 4), { ...FACTS[4], default: 0 }] }),
    "E_FACT_DECLARATION",
    "facts.4.default",
    "事实的声明自相矛盾:findings 类型的事实不能写 default;没有填写时按 0 计,请写 missing: zero",
  ],
  [
    "a default that is not a number",
    rs({ facts: [{ ...FACTS[0], default: "无" }, ...FACTS.slice(1)] }),
    "E_TYPE",
    "facts.0.default",
    '应为 十进制数字,实际是 "无"',
  ],
  [
    "a yes/no default on a count",
    rs({ facts: [{ ...FACTS[0], default: true }, ...FACTS.slice(1)] }),
    "E_FACT_DECLARATION",
    "facts.0.default",
    "事实的声明自相矛盾:default 与事实的类型 count 不符",
  ],
  // sections
  [
    "a check among the adjustments",
    rs({
      adjustments: adjust([
        { id: "加减.1", type: "check", when: "ok", points: 1, text: "未做到扣1分", ref },
      ]),
    }),
    "E_MISPLACED",
    "adjustments.0.clauses.0.type",
    "放错了位置:check 条款只能写在指标树(tree)的指标中",
  ],
  [
    "a band with gte and gt",
    rs({
      grades: { order: ["好", "差"], bands: [{ grade: "好", gte: 60, gt: 60 }, { grade: "差" }] },
    }),
    "E_EXCLUSIVE",
    "grades.bands.0",
    "两种写法只能选一种:gte 与 gt 只能写一个",
  ],
  [
    "a band after a catch-all",
    rs({ grades: { order: ["好", "差"], bands: [{ grade: "好" }, { grade: "差", gte: 60 }] } }),
    "W_UNREACHABLE",
    "grades.bands.1",
    "这一条永远不会起作用:前面有一档没有写界限(gte 或 gt),所有总分都落在那一档",
  ],
  [
    "bands going upwards",
    rs({
      grades: {
        order: ["好", "差"],
        bands: [
          { grade: "好", gte: 60 },
          { grade: "差", gte: 80 },
        ],
      },
    }),
    "E_ORDER",
    "grades.bands.1",
    "顺序有误:bands 须从高到低排列(最好的等次在前)",
  ],
  // the tree
  [
    "a node for no category",
    rs({
      categories: [{ id: "市", label: "市" }],
      tree: [
        { id: "一", title: "一", points: 10, clauses: [per()] },
        {
          id: "二",
          title: "二",
          points: 0,
          only: ["市"],
          except: ["市"],
          clauses: [per({ id: "二.1" })],
        },
      ],
    }),
    "W_UNREACHABLE",
    "tree.1",
    '这一条永远不会起作用:指标 "二" 不适用于任何类别',
  ],
  [
    "points for an unknown category",
    rs({
      categories: [{ id: "市", label: "市" }],
      tree: [{ id: "一", title: "一", points: 10, pointsBy: { 县: 10 }, clauses: [per()] }],
    }),
    "E_UNKNOWN_REF",
    "tree.0.pointsBy",
    '找不到类别 "县"',
  ],
  [
    "points of a node that does not apply go to no sibling",
    rs({
      tree: [
        {
          id: "一",
          title: "一",
          points: 10,
          applicable: "ok",
          ifNotApplicable: { mode: "spread", to: ["九"] },
          clauses: [per()],
        },
      ],
    }),
    "E_UNKNOWN_REF",
    "tree.0.ifNotApplicable.to.0",
    '找不到同级指标 "九"',
  ],
  [
    "a node of 0 points without overdraw",
    rs({ points: 0, tree: [{ id: "一", title: "一", points: 0, clauses: [per()] }] }),
    "W_UNREACHABLE",
    "tree.0.points",
    '这一条永远不会起作用:指标 "一" 的分值为 0 且没有写 overdraw,扣分改变不了得分;从 0 分起算的积分制写 overdraw: true',
  ],
  // references and conditions
  [
    "an unknown document",
    rs({}, [per({ ref: { doc: "无" } })]),
    "E_UNKNOWN_REF",
    "tree.0.clauses.0.ref.doc",
    '找不到依据文件 "无";文件须在 documents 中声明',
  ],
  [
    "an unknown category",
    rs({}, [per({ only: ["县"] })]),
    "E_UNKNOWN_REF",
    "tree.0.clauses.0.only.0",
    '找不到类别 "县"',
  ],
  [
    "an unknown grade",
    rs({ grades }, [
      { id: "一.1", type: "override", when: "ok", grade: "优秀", text: "定为优秀", ref },
    ]),
    "E_UNKNOWN_REF",
    "tree.0.clauses.0.grade",
    '找不到等次 "优秀";等次须在 grades.order 中声明',
  ],
  [
    "an unknown kind",
    rs({}, [per({ fact: "f", kind: "丙" })]),
    "E_UNKNOWN_REF",
    "tree.0.clauses.0.kind",
    '找不到事实 "f" 的种类(kinds) "丙"',
  ],
  [
    "a condition on a count as yes/no",
    rs({}, [fixed("n")]),
    "E_FACT_KIND",
    "tree.0.clauses.0.when",
    '事实 "n" 的类型是 count,不能用作是非条件',
  ],
  [
    "a text compared with a count",
    rs({}, [fixed({ fact: "n", is: "好" })]),
    "E_FACT_KIND",
    "tree.0.clauses.0.when.fact",
    '事实 "n" 的类型是 count,不能与文字比较(is)',
  ],
  [
    "an option the choice does not have",
    rs({}, [fixed({ fact: "lvl", is: "中" })]),
    "E_UNKNOWN_REF",
    "tree.0.clauses.0.when.fact",
    '找不到事实 "lvl" 的选项 "中"',
  ],
  [
    "a number compared with a yes/no fact",
    rs({}, [fixed({ fact: "ok", gt: 1 })]),
    "E_FACT_KIND",
    "tree.0.clauses.0.when.fact",
    '事实 "ok" 的类型是 boolean,不能用于数值比较',
  ],
  contradiction(
    "a condition no value meets",
    '条件自相矛盾:事实 "n" 不可能既大于 5 又小于 3',
    { fact: "n", gt: 5 },
    { fact: "n", lt: 3 },
  ),
  contradiction(
    "a condition at least and at most",
    '条件自相矛盾:事实 "n" 不可能既不小于 5 又不大于 3',
    { fact: "n", gte: 5 },
    { fact: "n", lte: 3 },
  ),
  contradiction(
    "a yes/no fact both true and false",
    '条件自相矛盾:事实 "ok" 不可能既是 true 又是 false',
    "ok",
    { fact: "ok", is: false },
  ),
  contradiction(
    "a number equal to two values",
    '条件自相矛盾:事实 "n" 不可能既等于 1 又等于 2',
    { fact: "n", eq: 1 },
    { fact: "n", eq: 2 },
  ),
  // the shape of the file (the loader)
  [
    "a text where a decimal is",
    rs({}, [per({ each: "很多" })]),
    "E_TYPE",
    "tree.0.clauses.0.each",
    '应为 十进制数字(如 0.5 或 "0.5"),实际是 文字 "很多"',
  ],
  ["a list where a mapping is", rs({ policy: [] }), "E_TYPE", "policy", "应为 映射,实际是 列表"],
  [
    "a mapping where a text is",
    rs({ title: { a: 1 } }),
    "E_TYPE",
    "title",
    "应为 文字,实际是 映射",
  ],
  [
    "an id with a space",
    rs({}, [per({ id: "一 1" })]),
    "E_INVALID",
    "tree.0.clauses.0.id",
    '文字 "一 1" 的写法不对(编号只用文字、数字、_ . - 和括号;日期写 YYYY-MM-DD)',
  ],
  [
    "an id of __proto__",
    rs({}, [per({ id: "prototype" })]),
    "E_INVALID",
    "tree.0.clauses.0.id",
    '编号不能是 "__proto__"、"constructor" 或 "prototype"',
  ],
  ["an empty title", rs({ title: "" }), "E_INVALID", "title", "不能是空的文字"],
  [
    "a title too long",
    rs({ title: "长".repeat(401) }),
    "E_INVALID",
    "title",
    "文字不能超过 400 个字符",
  ],
  [
    "an empty all",
    rs({}, [fixed({ all: [] })]),
    "E_INVALID",
    "tree.0.clauses.0.when.all",
    "列表不能是空的",
  ],
  [
    "a rounding of too many places",
    rs({
      policy: { rounding: { places: 11, mode: "half-up", at: "total" }, missingFact: "error" },
    }),
    "E_INVALID",
    "policy.rounding.places",
    "应为不大于 10 的数,实际是 数字 11",
  ],
  [
    "a YAML tag",
    `${stringify(rs())}extra: !!binary aGVsbG8=\n`,
    "E_TAG",
    "extra",
    "不支持的 YAML 类型 tag:yaml.org,2002:binary(只接受文字、数字、是非、列表和映射)",
  ],
  // templates and parameters files
  [
    "a parameter with no parameters file",
    new Composed(null),
    "E_PARAM_UNSET",
    "tree.0.points",
    '这里用到参数 "p",但参数文件没有给它赋值(没有给出参数文件)',
  ],
  [
    "a parameters file that is a text",
    new Composed("就这样\n"),
    "E_TYPE",
    "",
    "应为 映射(参数编号: 值,写在 values 之下),实际是 文字",
  ],
  [
    "a parameter's value that is not a number",
    new Composed(paramsFile("  p: 很多\n")),
    "E_TYPE",
    "values.p",
    '应为 十进制数字,实际是 "很多"',
  ],
];

describe("the messages of the rule-file checks, in Chinese", () => {
  it.each(CASES)("%s", (_name, data, code, path, message) => {
    const found = issuesOf(data).map((i) => [i.code, i.path.join("."), i.message]);
    expect(found).toContainEqual([code, path, message]);
  });
});

/**
 * The Latin words a message may carry: the keys and the values an author types in a rule file
 * (every property name, enum value and constant of the rule-set schema), and a few names of
 * formats. Quoted text (ids, labels, values passed through) is taken out before looking.
 */
const TYPED = (() => {
  const words = new Set(["YAML", "JSON", "YYYY", "MM", "DD", "Qn", "end", "true", "false"]);
  const schema: unknown = JSON.parse(
    readFileSync(new URL("../../schema/kaohe-ruleset.schema.json", import.meta.url), "utf8"),
  );
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) collect(x);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (k === "properties" && x && typeof x === "object")
          for (const p of Object.keys(x)) words.add(p);
        if ((k === "enum" || k === "const") && x !== undefined)
          for (const e of [x].flat()) if (typeof e === "string") words.add(e);
        collect(x);
      }
  };
  collect(schema);
  return words;
})();

/** What is left of a message in Latin letters once the typed words and quoted text are gone. */
function english(message: string): { runs: string[]; strays: string[] } {
  const bare = message
    .replace(/"[^"]*"/g, " ")
    .replace(/「[^」]*」/g, " ")
    .replace(/tag:[\w.,:]+/g, " ");
  const kept = bare.replace(/[A-Za-z]+/g, (w) => (TYPED.has(w) ? " " : w));
  return {
    runs: kept.match(/[A-Za-z]{3,} [A-Za-z]{3,}/g) ?? [],
    strays: kept.match(/[A-Za-z]{2,}/g) ?? [],
  };
}

/** A version of the rule set, compiled, in force over a range or stating none. */
const version = (id: string, effective?: { from: string; to?: string }) =>
  compileRuleSet({ ...rs(), id, ...(effective ? { effective } : {}) } as never);

/** The messages of a corpus of faulty rule sets: the cases above, the codes' cases, versions. */
function corpus(): { code: string; message: string }[] {
  const out: KaoheIssue[] = [];
  for (const [, data] of CASES) out.push(...issuesOf(data));
  for (const [, data] of LINT_CASES) out.push(...issuesOf(data));
  const y2024 = version("t", { from: "2024-01-01", to: "2024-12-31" });
  const other = version("o", { from: "2024-01-01", to: "2024-12-31" });
  for (const [set, date] of [
    [[y2024, version("t")], "2024-06-01"],
    [[y2024, other], "2024-06-01"],
    [[y2024], "2023-06-30"],
    [[], "2023-06-30"],
  ] as const) {
    const r = selectVersion(set, date);
    if (!r.ok) out.push(...r.issues);
  }
  return out.map((i) => ({ code: i.code, message: i.message }));
}

describe("no English left in the messages", () => {
  it("finds the English the messages used to carry", () => {
    // Details these checks gave before, in the sentences they were put in: the sweep must see them.
    for (const old of [
      "两种写法只能选一种:give either scale (points) or percent, not both",
      '规则集 "x":no version is in force on 2024-05-01',
      '找不到 grade (declare it in grades.order) "优秀"',
      '事实 "a" 的类型是 boolean,不能这样使用(as an occurrence count)',
      '应为 a decimal number (e.g. 0.5 or "0.5"),实际是 string "ten"',
    ])
      expect(english(old).strays, old).not.toEqual([]);
    expect(
      english("两种写法只能选一种:give either scale (points) or percent, not both").runs,
    ).toEqual(["give either"]);
    expect(english('这一条永远不会起作用:each 为 0,封顶 cap 与 "rate x" 「a b」')).toEqual({
      runs: [],
      strays: [],
    });
  });

  it("none in any message of loading a corpus of faulty rule sets", () => {
    const all = corpus();
    // The corpus covers the codes it is meant to: the checks' and the versions'.
    const codes = new Set(all.map((x) => x.code));
    for (const c of ["W_UNREACHABLE", "E_FACT_KIND", "E_UNKNOWN_REF", "E_VERSION_RANGE", "E_TYPE"])
      expect(codes).toContain(c);
    const left = all
      .map((x) => ({ ...x, ...english(x.message) }))
      .filter((x) => x.runs.length || x.strays.length);
    expect(left).toEqual([]);
  });
});
