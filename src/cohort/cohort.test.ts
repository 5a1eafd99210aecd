import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortRuleSet, compile, ref, said, stepBelow } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { dstr } from "../decimal.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { cohortToJSON } from "../explain/cohort-json.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { scoreCohort } from "./cohort.js";

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed() ?? null;
type Cohort = NonNullable<RuleSetInput["cohort"]>;

const base = (cohort: Cohort, extra: Partial<RuleSetInput> = {}) =>
  compileRuleSet(cohortRuleSet(cohort, extra));

const u = (
  id: string,
  n: number,
  a = 0,
  category = "county",
  more: Record<string, unknown> = {},
) => ({ id, category, facts: { n, a }, ...more });
const ranks = (r: ReturnType<typeof scoreCohort>) =>
  Object.fromEntries(r.units.map((x) => [x.unit, x.rank]));

describe("K1 ranking and tie policies", () => {
  // A 95 (甲 50), B 95 (甲 47), C 90, D 90 (甲 45), E 80.
  const units = [u("A", 5), u("B", 2, 3), u("C", 10), u("D", 5, 5), u("E", 20)];
  it("shared: 并列 with the next rank skipped", () => {
    expect(ranks(scoreCohort(base({ ranking: { ties: "shared" } }), units))).toEqual({
      A: 1,
      B: 1,
      C: 3,
      D: 3,
      E: 5,
    });
  });
  it("dense", () => {
    expect(ranks(scoreCohort(base({ ranking: { ties: "dense" } }), units))).toEqual({
      A: 1,
      B: 1,
      C: 2,
      D: 2,
      E: 3,
    });
  });
  it("break on a named sub-score, then shared", () => {
    expect(
      ranks(scoreCohort(base({ ranking: { ties: "break", breakBy: ["甲"] } }), units)),
    ).toEqual({ A: 1, B: 2, C: 3, D: 4, E: 5 });
  });
  it("ranks within each category too, and rank-based outcomes (排名前2名)", () => {
    const r = scoreCohort(
      base({
        ranking: { ties: "shared" },
        outcomes: [
          { id: "先进", top: 2, scope: "all", flag: "先进单位", text: "排名前2名…为先进单位", ref },
        ],
      }),
      [...units, u("X", 0, 0, "city"), u("Y", 30, 0, "city")],
    );
    const by = Object.fromEntries(
      r.units.map((x) => [x.unit, [x.rank, x.categoryRank, x.flags.includes("先进单位")]]),
    );
    expect(by.X).toEqual([1, 1, true]);
    expect(by.A).toEqual([2, 1, true]);
    expect(by.B).toEqual([2, 1, true]);
    expect(by.Y).toEqual([7, 2, false]);
  });
});

describe("K2 grades with quotas", () => {
  const quota = (ties: "demote-all" | "keep-all"): Cohort => ({
    ranking: { ties: "shared" },
    quotas: [
      {
        id: "优秀比例",
        grade: "优秀",
        maxPercent: 20,
        scope: "all",
        count: "floor",
        ties,
        demoteTo: "良好",
        text: "优秀比例不超过20%",
        ref,
      },
    ],
  });
  // Ten units; four reach 优秀: 98, 95, 95, 92. 20% of 10 = 2; the 95s tie across the line.
  const units = [
    u("A", 2),
    u("B", 5),
    u("C", 5),
    u("D", 8),
    ...["E", "F", "G", "H", "I", "J"].map((id, i) => u(id, 12 + i)),
  ];
  it("demotes a tied group across the line when the rule says so, and explains why", () => {
    const r = scoreCohort(base(quota("demote-all")), units);
    const g = Object.fromEntries(r.units.map((x) => [x.unit, x.grade]));
    expect([g.A, g.B, g.C, g.D]).toEqual(["优秀", "良好", "良好", "良好"]);
    expect(r.units.find((x) => x.unit === "B")?.gradeNote).toContain(
      "优秀限2个;本单位排名第2(与他单位并列,跨越名额线),等次由优秀调整为良好",
    );
  });
  it("or keeps the whole tied group", () => {
    const g = Object.fromEntries(
      scoreCohort(base(quota("keep-all")), units).units.map((x) => [x.unit, x.grade]),
    );
    expect([g.A, g.B, g.C, g.D]).toEqual(["优秀", "优秀", "优秀", "良好"]);
  });
});

describe("K3/K4 statistics and comparison", () => {
  const spec: Cohort = {
    ranking: { ties: "shared" },
    statistics: { lines: [90, 80], places: 2 },
    comparison: {
      progress: { rankUp: 2, flag: "进步明显" },
      rankChange: {
        upAtLeast: 2,
        add: 0.5,
        downAtLeast: 2,
        deduct: 1,
        text: "位次较上一年度后退2位以上的扣1分…进步2位以上的加0.5分",
        ref,
      },
    },
  };
  it("averages, medians and counts at or above each line, per category", () => {
    const r = scoreCohort(
      base({ ranking: { ties: "shared" }, statistics: { lines: [90, 80], places: 2 } }),
      [u("A", 0), u("B", 10), u("C", 15), u("D", 25, 0, "city")],
    );
    expect([
      r.statistics.all.count,
      t(r.statistics.all.mean),
      t(r.statistics.all.median),
      r.statistics.all.atOrAbove,
    ]).toEqual([
      4,
      "87.5",
      "87.5",
      [
        { line: "90", count: 2 },
        { line: "80", count: 3 },
      ],
    ]);
    expect([
      t(r.statistics.byCategory.county?.mean),
      t(r.statistics.byCategory.county?.median),
    ]).toEqual(["91.67", "90"]);
  });
  it("rank change on the previous run adds or deducts, then the cohort is ranked again", () => {
    const previous = {
      units: [
        { id: "A", total: 99, rank: 1 },
        { id: "B", total: 80, rank: 4 },
        { id: "C", total: 90, rank: 2 },
        { id: "D", total: 85, rank: 3 },
      ],
    };
    const r = scoreCohort(base(spec), [u("A", 12), u("B", 2), u("C", 5), u("D", 11)], { previous });
    const by = Object.fromEntries(
      r.units.map((x) => [x.unit, [t(x.score), x.rank, x.rankChange?.points.toFixed(), x.flags]]),
    );
    // Before: B 98 (1), C 95 (2), D 89 (3), A 88 (4). B rose 3 → +0.5; A fell 3 → −1.
    expect(by.B).toEqual(["98.5", 1, "0.5", ["进步明显"]]);
    expect(by.A).toEqual(["87", 4, "-1", []]);
    expect(by.C).toEqual(["95", 2, "0", []]);
    expect(r.units.find((x) => x.unit === "A")?.change?.scoreDelta.toFixed()).toBe("-12");
  });
});

describe("K5 rules relative to the cohort", () => {
  const mk = (detailed: number) => {
    const rs = compile({
      facts: [
        {
          id: "funds",
          label: "专项资金公开情况",
          type: "findings",
          kinds: ["详细公开", "总表说明"],
          missing: "zero",
        },
        { id: "late_by_cohort", label: "按未及时公开处理的资金数", type: "count" },
      ],
      points: 36,
      tree: [
        {
          id: "一",
          title: "专项资金",
          points: 36,
          clauses: [
            {
              id: "一.1",
              type: "per",
              fact: "late_by_cohort",
              each: 2,
              text: "…仍按未及时公开处理,扣2分。",
              ref,
            },
          ],
        },
      ],
      cohort: {
        ranking: { ties: "shared" },
        facts: [
          {
            id: "late_by_cohort",
            over: "current",
            compute: {
              itemShare: { fact: "funds", kind: "详细公开", atLeast: 40, unitKind: "总表说明" },
            },
            text: "若某项资金全省40%以上县市区已详细公开…",
            ref,
          },
        ],
      },
    });
    // Ten units; `detailed` of them published fund X in detail, the rest only its summary table.
    const units = Array.from({ length: 10 }, (_, i) => ({
      id: `U${i}`,
      facts: { funds: [{ item: "X", kind: i < detailed ? "详细公开" : "总表说明" }] },
    }));
    return scoreCohort(rs, units);
  };
  it("applies at 40% inclusive and not at 30%: one unit more or less crosses it", () => {
    const at4 = mk(4);
    const at3 = mk(3);
    expect(t(at4.units.find((x) => x.unit === "U9")?.score)).toBe("34");
    expect(t(at3.units.find((x) => x.unit === "U9")?.score)).toBe("36");
    expect(t(at4.units.find((x) => x.unit === "U0")?.score)).toBe("36");
    const o = at4.units.find((x) => x.unit === "U9")?.outcome;
    expect(o?.ok && o.trace[0]?.kind).toBe("cohort");
    expect(o?.ok && said(o.trace[0])).toBe("全体10个单位中详细公开的比例:X:4/10=40%≥40%");
  });
  it("refuses a unit that gives the computed fact itself", () => {
    const r = scoreCohort(
      base({
        ranking: { ties: "shared" },
        facts: [{ id: "n", over: "current", compute: { mean: "a" }, text: "全省平均数", ref }],
      }),
      [u("A", 1)],
    );
    expect(r.units[0]?.outcome.ok === false && r.units[0].outcome.issues[0]?.code).toBe(
      "K_FACT_GIVEN",
    );
  });
});

describe("K6 linked scores, K7 conversion, K8 self-assessment", () => {
  const linked: Cohort = {
    ranking: { ties: "shared" },
    linked: [
      {
        id: "市挂钩",
        category: "city",
        own: 50,
        children: 50,
        text: "市州考核成绩…与所属县、市、区考核成绩挂钩(各占50%)",
        ref,
      },
      {
        id: "县挂钩",
        category: "county",
        own: 50,
        children: 50,
        text: "由县政府成绩和乡镇成绩组成,各占50%",
        ref,
      },
    ],
    convert: {
      to: 4,
      places: 4,
      mode: "half-up",
      text: "以不低于4%的分值权重纳入被考核单位年度目标绩效考核",
      ref,
    },
  };
  const rs = () =>
    base(linked, {
      categories: [
        { id: "city", label: "市" },
        { id: "county", label: "县" },
        { id: "town", label: "乡镇" },
      ],
    });
  it("links over two levels, bottom-up", () => {
    const r = scoreCohort(rs(), [
      u("市", 10, 0, "city"),
      u("县1", 20, 0, "county", { parent: "市" }),
      u("县2", 0, 0, "county", { parent: "市" }),
      u("镇1", 30, 0, "town", { parent: "县1" }),
      u("镇2", 10, 0, "town", { parent: "县1" }),
      u("镇3", 6, 0, "town", { parent: "县2" }),
    ]);
    const s = Object.fromEntries(r.units.map((x) => [x.unit, t(x.score)]));
    // 县1 = 80/2 + (70+90)/2/2 = 80; 县2 = 50 + 47 = 97; 市 = 45 + (80+97)/2/2 = 89.25
    expect([s.县1, s.县2, s.市]).toEqual(["80", "97", "89.25"]);
    expect(t(r.units.find((x) => x.unit === "市")?.converted)).toBe("3.57");
  });
  it("a cycle and a missing sub-unit are coded errors", () => {
    const cyc = scoreCohort(rs(), [
      u("县1", 0, 0, "county", { parent: "县2" }),
      u("县2", 0, 0, "county", { parent: "县1" }),
    ]);
    expect(cyc.issues.map((i) => i.code)).toEqual(["K_CYCLE"]);
    const miss = scoreCohort(rs(), [u("县1", 0, 0, "county", { parent: "不存在" })]);
    expect(miss.issues.map((i) => i.code)).toEqual(["K_MISSING_UNIT"]);
    expect(miss.units[0]?.outcome.ok === false && miss.units[0].outcome.issues[0]?.code).toBe(
      "K_NO_CHILDREN",
    );
  });
  it("reports where the self-assessment differs from the verified score (自查 vs 考核组)", () => {
    const r = scoreCohort(base({ ranking: { ties: "shared" } }), [
      { ...u("A", 7, 2), self: { facts: { n: 1, a: 2 } } },
    ]);
    const s = r.units[0]?.self;
    expect([t(s?.total), t(s?.totalDiff)]).toEqual(["97", "-6"]);
    expect(
      s?.differences.map((d) => [d.node, dstr(d.self), dstr(d.verified), dstr(d.diff)]),
    ).toEqual([["乙", "49", "43", "-6"]]);
  });
});

describe("order independence", () => {
  it("shuffling the input units leaves every score, rank, grade and figure unchanged, to the byte", () => {
    const rs = base({
      ranking: { ties: "shared" },
      statistics: { lines: [90], places: 2 },
      quotas: [
        {
          id: "q",
          grade: "优秀",
          maxPercent: 30,
          scope: "category",
          count: "round",
          ties: "demote-all",
          demoteTo: "良好",
          text: "优秀比例不超过30%",
          ref,
        },
      ],
    });
    const unitArb = fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[A-Z][0-9]$/),
        n: fc.integer({ min: 0, max: 30 }),
        a: fc.integer({ min: 0, max: 5 }),
        c: fc.constantFrom("county", "city"),
      }),
      { selector: (x) => x.id, minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(unitArb, fc.nat(), (list, seed) => {
        const units = list.map((x) => u(x.id, x.n, x.a, x.c));
        const shuffled = [...units].sort(
          (p, q) =>
            ((p.id.charCodeAt(0) * 31 + seed) % 13) - ((q.id.charCodeAt(1) * 17 + seed) % 11),
        );
        expect(JSON.stringify(cohortToJSON(scoreCohort(rs, shuffled)))).toBe(
          JSON.stringify(cohortToJSON(scoreCohort(rs, units))),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe("K5 against last year's mean", () => {
  it("deducts per point below the previous cohort's average (低于前一年度全省平均数的,每低1个百分点扣0.25分)", () => {
    const rs = compile({
      facts: [
        { id: "rate", label: "公开率", type: "rate" },
        {
          id: "prev_mean",
          label: "前一年度全省平均公开率",
          type: "number",
          missing: "not-applicable",
        },
      ],
      points: 10,
      tree: [
        {
          id: "A",
          title: "公开率",
          points: 10,
          clauses: [
            stepBelow(
              "prev_mean",
              0.25,
              "prorata",
              "低于前一年度全省平均数的,每低1个百分点扣0.25分",
            ),
          ],
        },
      ],
      cohort: {
        ranking: { ties: "shared" },
        facts: [
          {
            id: "prev_mean",
            over: "previous",
            compute: { mean: "rate" },
            text: "前一年度全省平均数",
            ref,
          },
        ],
      },
    });
    const previous = {
      units: [
        { id: "A", total: 9, facts: { rate: 90 } },
        { id: "B", total: 9, facts: { rate: 94 } },
      ],
    };
    const r = scoreCohort(
      rs,
      [
        { id: "A", facts: { rate: 88 } },
        { id: "B", facts: { rate: 95 } },
      ],
      { previous },
    );
    const s = Object.fromEntries(r.units.map((x) => [x.unit, t(x.score)]));
    // Previous mean 92: A is 4 points below → −1; B is above → 10.
    expect(s).toEqual({ A: "9", B: "10" });
    expect(said(r.figures[0])).toBe("上一轮2个单位的平均数为92");
    // Scored alone, outside a cohort, the rule says it does not apply rather than deducting 0 silently.
    const alone = scoreUnit(rs, { id: "A", facts: { rate: 88 } });
    expect(alone.ok && alone.trace.map((e) => e.kind)).toEqual(["not-applicable"]);
  });
});

describe("cohort checks and reports", () => {
  it("check catches mistakes in the cohort section", () => {
    const bad = () =>
      base({
        ranking: { ties: "break", breakBy: ["丙"] },
        quotas: [
          {
            id: "q",
            grade: "卓越",
            maxPercent: 120,
            scope: "all",
            count: "floor",
            ties: "keep-all",
            demoteTo: "良好",
            text: "x",
            ref,
          },
        ],
        facts: [{ id: "undeclared", over: "current", compute: { mean: "n" }, text: "x", ref }],
      });
    expect(bad).toThrow(/E_OUT_OF_RANGE/);
    try {
      bad();
    } catch (e) {
      const codes = (e as { issues: { code: string }[] }).issues.map((i) => i.code).sort();
      expect(codes).toEqual([
        "E_OUT_OF_RANGE",
        "E_UNDECLARED_FACT",
        "E_UNKNOWN_REF",
        "E_UNKNOWN_REF",
      ]);
    }
  });

  it("a self-assessment that cannot be scored is reported, not dropped", () => {
    const r = scoreCohort(base({ ranking: { ties: "shared" } }), [
      { ...u("A", 1), self: { facts: { n: "many" } } },
    ]);
    expect(r.units[0]?.self?.total).toBeNull();
    expect(r.units[0]?.self?.issues.map((i) => i.code)).toEqual(["F_FACT_TYPE"]);
  });
});
