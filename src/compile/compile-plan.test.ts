/**
 * What compileCheckedRuleSet (compile.ts) and compileCohort (cohort.ts) make of a rule set, seen
 * through scoring and the compiled rule set's public fields: the guard against an unchecked rule
 * set, the defaults of a rule set that states no measures, policy or cohort, facts' defaults and
 * kinds, the full score of a categorised rule set, open grade bands (gt), the readings
 * in force, the facts an applicability condition reads, and adjustments' clauses by category.
 *
 * Mutants of these files that no test can kill (behaviour identical), from the focused Stryker run:
 * - compile.ts 171 (`f.type === "rate" && f.scale === "fraction"` → `true && …`): the schema
 *   refuses `scale` on any fact but a rate, so only a rate can have scale: fraction.
 * - compile.ts 243 (`: []` → `["Stryker was here"]` for a fact without a label): the schema
 *   requires every fact's label (min length 1), so the branch is never taken.
 * - compile.ts 221 (`rs.reading ?? []` → `["Stryker was here"]`): only reading option ids are
 *   looked up in that set, and an id (schema `Id`) cannot hold a space.
 * - compile.ts 286 (`conditionFacts(n.applicable, [])` seeded with a string): the string adds
 *   `undefined` to the plan's fact sets besides the real facts; every lookup in those sets is by a
 *   declared fact's id, so it never matches.
 * - compile.ts 346 (`if (p.node.ifNotApplicable)` → true): a node is pending only when its
 *   ifNotApplicable has `to`, so the test is always true (a guard for the type checker).
 * - compile.ts 350, 352 (a `to` id unknown in this category kept as `undefined` or a string): the
 *   evaluator keeps only `to` entries among the applicable siblings' indexes (tree.ts
 *   redistribute: `to.filter((t) => live.includes(t))`), which drops both alike.
 * - compile.ts 366 (`text: undefined` kept on an adjustment without text): its only reader is
 *   `a.text ?? a.title` (evaluate/context.ts), the same for an absent and an undefined text.
 * - compile.ts 372, 375 (`first?.` → `first.`): the schema requires at least one clause per
 *   adjustment, so `first` is always there.
 */
import { describe, expect, it } from "vitest";
import { compile, perNode, ref, ruleSet, score } from "../../test/helpers.js";
import { Decimal } from "../decimal.js";
import {
  compileRuleSet,
  outcomeToJSON,
  type RuleSetInput,
  renderExplanation,
  scoreUnit,
  validateRuleSet,
} from "../index.js";
import { compileCheckedRuleSet } from "./compile.js";

/** A 10-point item losing 1 point per occurrence of `n` (每处扣1分). */
const tenPoints = {
  facts: [{ id: "n", label: "问题", type: "count" }],
  points: 10,
  tree: [
    {
      id: "A",
      title: "信息公开",
      points: 10,
      clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
    },
  ],
} as const;

describe("compileCheckedRuleSet compiles only a rule set the validator returned", () => {
  it("refuses a plain object, even a valid one, and compiles it once it was checked", () => {
    const plain = ruleSet(tenPoints as never);
    expect(() => compileCheckedRuleSet(plain)).toThrow(TypeError);
    expect(() => compileCheckedRuleSet(plain)).toThrow(
      /^compileCheckedRuleSet: the rule set was not checked$/,
    );
    const checked = validateRuleSet(plain);
    if (!checked.ok) throw new Error("the rule set should be valid");
    const crs = compileCheckedRuleSet(checked.ruleSet);
    expect(crs.id).toBe("test/set");
    expect(score(crs, { n: 3 }).total.toFixed()).toBe("7");
  });
});

describe("a rule set that states no measures, no bonus floor and no cohort", () => {
  const crs = compile(tenPoints as never);

  it("scores in the one default measure, points (得分, 分)", () => {
    expect(crs.pointsMeasure).toBe("points");
    expect(crs.measures).toEqual([{ id: "points", label: "得分", unit: "分" }]);
    const r = score(crs, { n: 2 });
    const json = outcomeToJSON(r);
    expect(json.total).toBe("8");
    expect(json.measures).toEqual({ points: "8" });
    expect(r.trace.map((e) => [e.rule, e.kind, e.measure, e.delta?.toFixed()])).toEqual([
      ["A1", "deduct", "points", "-2"],
    ]);
    expect(renderExplanation(crs, r).split("\n")[0]).toBe("【u】测试  总分 8分(满分 10分)");
  });

  it("states the policy defaults (bonus after the floor, an override's grade wins) and no links to check", () => {
    // The documented defaults of the compiled rule set's public policy fields.
    expect(crs.bonusFloor).toBe("after-floor");
    expect(crs.gradePrecedence).toBe("override");
    // No findings fact declares links: nothing to check per unit.
    expect(crs.linked).toBe(false);
    const linked = compile({
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "w", label: "错误", type: "findings", missing: "zero" },
        { id: "c", label: "纠错", type: "findings", missing: "zero", links: { fact: "w" } },
      ],
      points: 10,
      tree: tenPoints.tree,
    } as never);
    expect(linked.linked).toBe(true);
  });

  it("ranks the cohort with shared ties and nothing else (no outcomes, quotas, facts, links, conversion)", () => {
    expect(crs.cohort.ranking).toEqual(compileRuleSet(sharedTies()).cohort.ranking);
    expect(crs.cohort.outcomes).toEqual([]);
    expect(crs.cohort.quotas).toEqual([]);
    expect(crs.cohort.facts).toEqual([]);
    expect(crs.cohort.linked).toEqual([]);
    expect(crs.cohort.convert).toBeNull();
    expect(crs.computedFacts.size).toBe(0);
  });
});

/** The ten-point rule set with a cohort section stating only that tied units share a rank. */
const sharedTies = () =>
  ruleSet({ ...tenPoints, cohort: { ranking: { ties: "shared" } } } as never);

describe("facts as declared", () => {
  /** Items on a boolean fact (published), a choice (level) and a number (k), each with a default. */
  const defaults = () =>
    compile({
      facts: [
        { id: "published", label: "是否公开", type: "boolean", default: true },
        { id: "level", label: "评价", type: "choice", options: ["好", "中", "差"], default: "中" },
        { id: "k", label: "扣分数", type: "number", default: "1.5" },
      ],
      points: 30,
      tree: [
        {
          id: "P",
          title: "公开",
          points: 10,
          clauses: [
            {
              id: "P1",
              type: "fixed",
              when: { not: "published" },
              amount: 10,
              text: "未公开的扣10分",
              ref,
            },
          ],
        },
        {
          id: "L",
          title: "评价",
          points: 10,
          clauses: [
            {
              id: "L1",
              type: "fixed",
              when: { fact: "level", is: "中" },
              amount: 3,
              text: "评价为中的扣3分",
              ref,
            },
          ],
        },
        {
          id: "K",
          title: "扣分",
          points: 10,
          clauses: [
            { id: "K1", type: "fixed", when: { fact: "k", gt: 1 }, amount: 2, text: "扣2分", ref },
          ],
        },
      ],
    } as never);

  it("a missing boolean, choice or number fact takes its declared default", () => {
    const crs = defaults();
    // published true (nothing off), level 中 (3 off), k 1.5 > 1 (2 off): 30 − 5.
    const r = score(crs, {});
    expect(r.total.toFixed()).toBe("25");
    expect(r.trace.map((e) => [e.rule, e.delta?.toFixed()])).toEqual([
      ["L1", "-3"],
      ["K1", "-2"],
    ]);
    expect(crs.facts.get("published")?.default).toBe(true);
    expect(crs.facts.get("level")?.default).toBe("中");
    expect(crs.facts.get("k")?.default).toEqual(new Decimal("1.5"));
    // Given, the values stand instead.
    expect(score(crs, { published: false, level: "好", k: 1 }).total.toFixed()).toBe("20");
  });

  it("a findings fact declaring kinds refuses a finding of another kind, naming the kinds", () => {
    const crs = compile({
      facts: [
        { id: "f", label: "错误信息", type: "findings", kinds: ["错字", "过期"], missing: "zero" },
      ],
      points: 10,
      tree: [perNode("A", 10, "f", 1, "每条扣1分")],
    } as never);
    expect(crs.facts.get("f")?.kinds).toEqual(["错字", "过期"]);
    expect(score(crs, { f: [{ kind: "错字" }, { kind: "过期" }] }).total.toFixed()).toBe("8");
    const r = scoreUnit(crs, { id: "u", facts: { f: [{ kind: "错字" }, { kind: "其他" }] } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.f.1.kind"],
    ]);
    expect(r.issues[0]?.message).toBe("事实「错误信息」(f)应填以下之一:错字、过期,实际填的是其他");
    // A finding with no kind at all is refused too: it would count under no kind.
    const none = scoreUnit(crs, { id: "u", facts: { f: [{ note: "首页" }] } });
    expect(none.ok ? [] : none.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.f.0.kind"],
    ]);
  });
});

describe("the full score of a rule set with categories", () => {
  /** No stated points: 甲 for counties only, 乙 for cities only, 丙 for both; 50 each. */
  const item = (id: string, only?: string[]) => ({
    id,
    title: `${id}项`,
    points: 50,
    ...(only ? { only } : {}),
    clauses: [{ id: `${id}1`, type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
  });
  const rs = ruleSet({
    categories: [
      { id: "county", label: "县" },
      { id: "city", label: "市" },
    ],
    facts: [{ id: "n", label: "问题", type: "count" }],
    tree: [item("甲", ["county"]), item("乙", ["city"]), item("丙")],
  } as never);
  delete (rs as { points?: unknown }).points;

  it("is each category's sum of its items (100), not the sum of every item (150)", () => {
    const crs = compileRuleSet(rs);
    expect(crs.points.toFixed()).toBe("100");
    expect(crs.plans.get("county")?.points.toFixed()).toBe("100");
    const r = scoreUnit(crs, { id: "某县", category: "county", facts: { n: 1 } });
    if (!r.ok) throw new Error("scored");
    expect(r.total.toFixed()).toBe("98");
    expect(renderExplanation(crs, r).split("\n")[0]).toBe("【某县】测试  总分 98分(满分 100分)");
  });
});

describe("grade bands", () => {
  /** 优秀 above (gt) or from (gte) 90, else 合格; one item of 100 points, 1 off per occurrence. */
  const graded = (band: { gt: number } | { gte: number }) =>
    compile({
      ...tenPoints,
      points: 100,
      tree: [perNode("A", 100, "n", 1)],
      grades: { order: ["优秀", "合格"], bands: [{ grade: "优秀", ...band }, { grade: "合格" }] },
    } as never);

  it("gt excludes its bound, gte includes it", () => {
    const above = graded({ gt: 90 });
    expect(
      above.grades?.bands.map((b) => [b.grade, b.bound?.toFixed() ?? null, b.inclusive]),
    ).toEqual([
      ["优秀", "90", false],
      ["合格", null, true],
    ]);
    expect([11, 10, 9].map((n) => score(above, { n }).grade)).toEqual(["合格", "合格", "优秀"]);
    const from = graded({ gte: 90 });
    expect([11, 10, 9].map((n) => score(from, { n }).grade)).toEqual(["合格", "优秀", "优秀"]);
  });
});

describe("the readings in force (解读)", () => {
  const option = (id: string, title: string) => ({ id, title, values: {} });
  const clause = (id: string, text: string, options: { id: string; title: string }[]) => ({
    id,
    text,
    ref,
    options: options.map((o) => option(o.id, o.title)),
  });
  const withReadings = (reading?: string[]) =>
    compile({
      ...tenPoints,
      readings: [
        clause("甲条", "“及时”未定期限", [
          { id: "五日", title: "五个工作日内" },
          { id: "十日", title: "十个工作日内" },
        ]),
        clause("乙条", "“全年”的起算", [
          { id: "自然年", title: "按自然年" },
          { id: "考核年", title: "按考核年度" },
        ]),
      ],
      ...(reading ? { reading } : {}),
    } as never);

  it("are the readings picked, in the order of their clauses, with the clause each resolves", () => {
    const crs = withReadings(["考核年", "五日"]);
    expect(crs.readings).toEqual([
      { id: "五日", title: "五个工作日内", clause: { id: "甲条", text: "“及时”未定期限", ref } },
      { id: "考核年", title: "按考核年度", clause: { id: "乙条", text: "“全年”的起算", ref } },
    ]);
    const lines = renderExplanation(crs, score(crs, { n: 1 })).split("\n");
    expect(lines.filter((l) => l.startsWith("解读:"))).toEqual([
      "解读:甲条 按「五个工作日内」(五日)",
      "解读:乙条 按「按考核年度」(考核年)",
    ]);
  });

  it("none when none is picked", () => {
    expect(withReadings().readings).toEqual([]);
    expect(withReadings(["十日"]).readings.map((r) => r.id)).toEqual(["十日"]);
  });
});

describe("a node's applicability condition", () => {
  /** 甲 applies where `open` holds (else 乙 is scaled up to 100), 乙 always; 1 and 2 off per `n`. */
  const applicable = (missing?: "zero" | "error") =>
    compile({
      facts: [
        { id: "open", label: "是否设有政务大厅", type: "boolean", ...(missing ? { missing } : {}) },
        { id: "n", label: "问题", type: "count", missing: "zero" },
      ],
      points: 100,
      tree: [
        {
          id: "甲",
          title: "大厅公开",
          points: 50,
          applicable: "open",
          ifNotApplicable: { mode: "rescale" },
          clauses: [{ id: "甲1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
        },
        {
          id: "乙",
          title: "网站公开",
          points: 50,
          clauses: [{ id: "乙1", type: "per", fact: "n", each: 2, text: "每处扣2分", ref }],
        },
      ],
    } as never);

  it("reads a fact every unit must give: missing, the unit is refused, not scored without the item", () => {
    const crs = applicable();
    const plan = crs.plans.get(null);
    expect(plan?.alwaysFacts.has("open")).toBe(true);
    expect(plan?.facts.has("open")).toBe(true);
    const r = scoreUnit(crs, { id: "u", facts: { n: 2 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
      [
        "F_MISSING_FACT",
        "facts.open",
        "缺少事实「是否设有政务大厅」(open)的值,而它没有默认值;请在该单位的 facts 中填写",
      ],
    ]);
  });

  it("given, it decides whether the item applies; a missing policy of its own still holds", () => {
    const crs = applicable();
    // Both items apply: 2 off 甲, 4 off 乙.
    expect(score(crs, { open: true, n: 2 }).total.toFixed()).toBe("94");
    // 甲 does not apply: 乙 (46 of 50) is scaled up to the 100 points, 92.
    const na = score(crs, { open: false, n: 2 });
    expect(na.nodes.甲?.notApplicable).toBe(true);
    expect(na.total.toFixed()).toBe("92");
    // missing: zero reads a missing boolean as false: the item does not apply.
    expect(score(applicable("zero"), { n: 2 }).nodes.甲?.notApplicable).toBe(true);
  });
});

describe("adjustments (items outside the tree) by category", () => {
  const rs: RuleSetInput = ruleSet({
    categories: [
      { id: "county", label: "县" },
      { id: "city", label: "市" },
    ],
    facts: [
      { id: "n", label: "问题", type: "count", missing: "zero" },
      { id: "m", label: "通报次数", type: "count", missing: "zero" },
    ],
    points: 10,
    tree: tenPoints.tree,
    adjustments: [
      {
        id: "特别减分",
        title: "特别减分项",
        clauses: [
          {
            id: "J1",
            type: "per",
            fact: "n",
            each: 1,
            only: ["city"],
            text: "市级每处另扣1分",
            ref,
          },
          { id: "J2", type: "per", fact: "m", each: 2, text: "每被通报1次扣2分", ref },
        ],
      },
    ],
  } as never);

  it("run only the clauses for the unit's category", () => {
    const crs = compileRuleSet(rs);
    expect(crs.plans.get("county")?.adjustments[0]?.clauses.map((c) => c.id)).toEqual(["J2"]);
    expect(crs.plans.get("city")?.adjustments[0]?.clauses.map((c) => c.id)).toEqual(["J1", "J2"]);
    // Its first clause states no effect and no measure: the item deducts, in points.
    expect(crs.plans.get("county")?.adjustments[0]).toMatchObject({
      id: "特别减分",
      title: "特别减分项",
      effect: "deduct",
      measure: "points",
      cap: null,
      combine: "sum",
      stage: "main",
    });
    const county = scoreUnit(crs, { id: "某县", category: "county", facts: { n: 1, m: 1 } });
    const city = scoreUnit(crs, { id: "某市", category: "city", facts: { n: 1, m: 1 } });
    if (!county.ok || !city.ok) throw new Error("scored");
    // The tree takes 1 (A1) from both; the county loses 2 more (J2), the city 1 + 2.
    expect([county.total.toFixed(), county.deducted.toFixed()]).toEqual(["7", "3"]);
    expect([city.total.toFixed(), city.deducted.toFixed()]).toEqual(["6", "4"]);
    expect(county.trace.map((e) => e.rule)).toEqual(["A1", "J2"]);
    expect(city.trace.map((e) => e.rule)).toEqual(["A1", "J1", "J2"]);
  });
});
