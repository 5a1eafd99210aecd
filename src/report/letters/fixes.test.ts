import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreCohort } from "../../cohort/cohort.js";
import type { CohortUnitInput, PreviousRun } from "../../cohort/types.js";
import { compileRuleSet } from "../../compile/compile-rule-set.js";
import { type Decimal, dstr, toDecimal } from "../../decimal.js";
import { loadRuleSet } from "../../load/load.js";
import { compileRuleSetFile, loadUnitsFile } from "../../node/index.js";
import { cohortFixes, findingGroups, rankFixes } from "./fixes.js";

const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";

/**
 * A small rule set with what makes "points regained" differ from "points deducted": a node cap
 * (扣完为止), two clauses sharing it, a kind-filtered findings clause, a fixed clause on a yes/no
 * answer, a step below the cohort's mean of a rate (K5, so one unit's correction moves everyone's
 * base), and points for rank change on the previous run (K4, so the score depends on the rank).
 */
const FIXTURE = `
kaohe: 1
id: test/letters
title: 整改通知夹具
jurisdiction: 无(夹具)
documents:
  - { id: f, title: 夹具文件 }
policy:
  rounding: { places: 2, mode: half-up, at: total }
  missingFact: error
facts:
  - { id: a, label: 甲类问题数, type: count }
  - { id: b, label: 乙类问题数, type: count }
  - id: c
    label: 丙类问题清单
    type: findings
    kinds: [重, 轻]
    missing: zero
  - { id: d, label: 未按时报送, type: boolean }
  - { id: r, label: 公开率(%), type: rate }
  - id: m
    label: 全体平均公开率(%)
    type: rate
points: 100
tree:
  - id: 一
    title: 第一项
    points: 6
    cap: 6
    clauses:
      - { id: 一.甲, type: per, fact: a, each: 1, text: 甲类每处扣1分, ref: { doc: f, at: 一(1) } }
      - { id: 一.乙, type: per, fact: b, each: 2, text: 乙类每处扣2分, ref: { doc: f, at: 一(2) } }
  - id: 二
    title: 第二项
    points: 20
    clauses:
      - { id: 二.重, type: per, fact: c, kind: 重, each: 3, text: 重的每处扣3分, ref: { doc: f, at: 二(1) } }
      - { id: 二.轻, type: per, fact: c, kind: 轻, each: 0.5, text: 轻的每处扣0.5分, ref: { doc: f, at: 二(2) } }
      - { id: 二.报送, type: fixed, when: d, amount: 4, text: 未按时报送扣4分, ref: { doc: f, at: 二(3) } }
  - id: 三
    title: 第三项
    points: 74
    clauses:
      - id: 三.率
        type: step
        fact: r
        below: { fact: m }
        per: 1
        each: 0.5
        partial: prorata
        text: 低于全体平均数的,每低1个百分点扣0.5分
        ref: { doc: f, at: 三 }
cohort:
  ranking: { ties: shared }
  facts:
    - id: m
      over: current
      compute: { mean: r }
      text: 全体平均公开率
      ref: { doc: f }
  comparison:
    rankChange: { upAtLeast: 1, add: 1, downAtLeast: 1, deduct: 1, text: 位次升降加减分, ref: { doc: f } }
`;

function fixture() {
  const r = loadRuleSet(FIXTURE, { file: "fixture.yaml" });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return compileRuleSet(r.ruleSet);
}

const unit = (
  id: string,
  f: { a?: number; b?: number; heavy?: number; light?: number; d?: boolean; r?: number },
): CohortUnitInput => ({
  id,
  facts: {
    a: f.a ?? 0,
    b: f.b ?? 0,
    c: [
      ...Array.from({ length: f.heavy ?? 0 }, () => ({ kind: "重" })),
      ...Array.from({ length: f.light ?? 0 }, () => ({ kind: "轻" })),
    ],
    d: f.d ?? false,
    r: f.r ?? 100,
  },
});

/** The test's own correction of a group: what "without that finding group" means, per clause. */
function withoutGroup(u: CohortUnitInput, rule: string): CohortUnitInput {
  const f = { ...u.facts };
  const c = f.c as { kind: string }[];
  if (rule === "一.甲") f.a = 0;
  else if (rule === "一.乙") f.b = 0;
  else if (rule === "二.重") f.c = c.filter((x) => x.kind !== "重");
  else if (rule === "二.轻") f.c = c.filter((x) => x.kind !== "轻");
  else if (rule === "二.报送") f.d = false;
  else if (rule === "三.率") f.r = 100;
  else throw new Error(`no correction for ${rule}`);
  return { ...u, facts: f };
}

const scoreOf = (units: CohortUnitInput[], id: string, previous?: PreviousRun) => {
  const crs = fixture();
  const r = scoreCohort(crs, units, previous ? { previous } : {});
  return r.units.find((x) => x.unit === id)?.score as Decimal;
};

describe("finding groups and fixes", () => {
  it("a capped item: removing one clause's findings regains less than that clause deducted", () => {
    const crs = fixture();
    // 一 is capped at 6: 甲 4×1 + 乙 3×2 = 10 → 6. Without 乙 (6 deducted) the unit loses 4: +2 only.
    const units = [unit("A", { a: 4, b: 3 }), unit("B", {}), unit("C", { a: 1 })];
    const { units: out } = cohortFixes(crs, units);
    const a = out.find((x) => x.unit === "A");
    const byRule = Object.fromEntries((a?.fixes ?? []).map((f) => [f.group.rule, f]));
    expect(dstr(byRule["一.乙"]?.group.deducted as Decimal)).toBe("6");
    expect(dstr(byRule["一.乙"]?.regained as Decimal)).toBe("2");
    expect(dstr(byRule["一.甲"]?.group.deducted as Decimal)).toBe("4");
    expect(dstr(byRule["一.甲"]?.regained as Decimal)).toBe("0");
    // Independently: the cohort scored with the unit's facts corrected by the test's own rule.
    const before = scoreOf(units, "A");
    const after = scoreOf(
      units.map((u) => (u.id === "A" ? withoutGroup(u, "一.乙") : u)),
      "A",
    );
    expect(dstr(after.minus(before))).toBe("2");
    // Ranked by points regained: 乙 (2) before 甲 (0).
    expect(a?.fixes.map((f) => f.group.rule)).toEqual(["一.乙", "一.甲"]);
  });

  it("the rank after the fix is the cohort's rank, and the words name the facts by label", () => {
    const crs = fixture();
    const units = [unit("A", { b: 2 }), unit("B", { a: 1 }), unit("C", {})];
    const { units: out } = cohortFixes(crs, units);
    const a = out.find((x) => x.unit === "A");
    expect(a?.before.rank).toBe(3);
    const fix = a?.fixes[0];
    expect(fix?.group.rule).toBe("一.乙");
    expect(fix?.after?.rank).toBe(1);
    expect(fix?.changes).toEqual([{ fact: "b", label: "乙类问题数", words: "由2改为0" }]);
  });

  it("only the findings of the clause's kind are removed", () => {
    const crs = fixture();
    const units = [unit("A", { heavy: 1, light: 2 }), unit("B", {})];
    const a = cohortFixes(crs, units).units.find((x) => x.unit === "A");
    const heavy = a?.fixes.find((f) => f.group.rule === "二.重");
    expect(heavy?.changes?.[0]?.words).toBe("整改重1处");
    expect(heavy?.corrected?.facts.c).toEqual([{ kind: "轻" }, { kind: "轻" }]);
    expect(dstr(heavy?.regained as Decimal)).toBe("3");
  });

  it("a rate below the cohort's mean: the correction moves the mean, and the regain is the real one", () => {
    const crs = fixture();
    const units = [unit("A", { r: 80 }), unit("B", { r: 90 }), unit("C", { r: 100 })];
    const a = cohortFixes(crs, units).units.find((x) => x.unit === "A");
    const fix = a?.fixes.find((f) => f.group.rule === "三.率");
    // Before: mean 90, A loses 10×0.5 = 5. After r=100: mean 96.67, B loses 3.33 more; A loses 0.
    expect(dstr(fix?.group.deducted as Decimal)).toBe("5");
    expect(dstr(fix?.regained as Decimal)).toBe("5");
    const b0 = scoreOf(units, "B");
    const b1 = scoreOf(
      units.map((u) => (u.id === "A" ? withoutGroup(u, "三.率") : u)),
      "B",
    );
    expect(b1.lessThan(b0)).toBe(true);
  });

  it("a unit written with a stray space or an invisible character gets its fixes, and a unit given twice moves no figure", () => {
    const crs = fixture();
    // "A " and "B\u200b" are A and B to the cohort. D is given twice: a failure, and in no figure
    // (the mean of r is over A, B and C: 90, not pulled down by D's 10).
    const units = [
      unit("A ", { b: 2, r: 80 }),
      unit("B\u200b", { r: 90 }),
      unit("C", { r: 100 }),
      unit("D", { r: 10 }),
      unit("D", { r: 10 }),
    ];
    const { cohort, units: out } = cohortFixes(crs, units);
    const a = out.find((x) => x.unit === "A");
    expect(a?.fixes.map((f) => f.group.rule).sort()).toEqual(["一.乙", "三.率"]);
    const rate = a?.fixes.find((f) => f.group.rule === "三.率");
    // Below the mean of 90 by 10: 5 points, all regained by the correction (as with no D at all).
    expect(dstr(rate?.group.deducted as Decimal)).toBe("5");
    expect(dstr(rate?.regained as Decimal)).toBe("5");
    expect(rate?.changes).toEqual([{ fact: "r", label: "公开率(%)", words: "由80改为100" }]);
    const clean = cohortFixes(
      crs,
      units.slice(0, 3).map((u) => ({ ...u, id: u.id.trim().replace("\u200b", "") })),
    );
    expect(
      dstr(
        clean.units.find((x) => x.unit === "A")?.fixes.find((f) => f.group.rule === "三.率")
          ?.regained as Decimal,
      ),
    ).toBe("5");
    expect(out.find((x) => x.unit === "D")?.fixes).toEqual([]);
    expect(cohort.units.find((x) => x.unit === "D")?.outcome.ok).toBe(false);
  });

  it("property: each regain equals score(without group) − score(with), computed independently, and is ≥ 0", () => {
    const crs = fixture();
    const facts = fc.record({
      a: fc.nat(5),
      b: fc.nat(4),
      heavy: fc.nat(3),
      light: fc.nat(4),
      d: fc.boolean(),
      r: fc.integer({ min: 60, max: 100 }),
    });
    const prevRank = fc.option(fc.array(fc.nat(5), { minLength: 4, maxLength: 4 }), {
      nil: undefined,
    });
    fc.assert(
      fc.property(fc.array(facts, { minLength: 2, maxLength: 4 }), prevRank, (fs, pr) => {
        const units = fs.map((f, i) => unit(`U${i}`, f));
        const previous: PreviousRun | undefined = pr && {
          units: units.map((u, i) => ({
            id: u.id,
            total: 90,
            rank: ((pr[i] ?? 0) % units.length) + 1,
          })),
        };
        const { units: out } = cohortFixes(crs, units, previous ? { previous } : {});
        for (const uf of out) {
          const before = scoreOf(units, uf.unit, previous);
          for (const f of uf.fixes) {
            expect(f.regained).not.toBeNull();
            const after = scoreOf(
              units.map((u) => (u.id === uf.unit ? withoutGroup(u, f.group.rule) : u)),
              uf.unit,
              previous,
            );
            expect(dstr(f.regained as Decimal)).toBe(dstr(after.minus(before)));
            expect((f.regained as Decimal).isNegative()).toBe(false);
          }
          // Ranked: regains never increase down the list.
          const gains = uf.fixes.map((f) => f.regained as Decimal);
          for (let i = 1; i < gains.length; i++)
            expect((gains[i - 1] as Decimal).greaterThanOrEqualTo(gains[i] as Decimal)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("rankFixes puts the not computable last and keeps the explanation's order among equals", () => {
    const mk = (rule: string, r: string | null) => ({
      group: { rule, node: null, title: rule, deducted: toDecimal(1), entries: [] },
      changes: null,
      after: null,
      regained: r === null ? null : toDecimal(r),
      corrected: null,
    });
    const ranked = rankFixes([
      mk("x", null),
      mk("y", "1"),
      mk("z", "2"),
      mk("w", "1"),
      mk("v", null),
    ]);
    expect(ranked.map((f) => f.group.rule)).toEqual(["z", "y", "w", "x", "v"]);
  });
});

describe("the 湖北 2009 example", () => {
  const crs = compileRuleSetFile(HUBEI);
  const { units } = loadUnitsFile("examples/hubei-2009-h1-units.yaml");

  it("某某县: 三.2 is capped at 13, so removing 三.2.1's 8 points regains 6; fixes ranked", () => {
    const { units: out } = cohortFixes(crs, units, { units: ["某某县"] });
    expect(out.map((u) => u.unit)).toEqual(["某某县"]);
    const u = out[0];
    const f = u?.fixes.find((x) => x.group.rule === "三.2.1");
    expect(dstr(f?.group.deducted as Decimal)).toBe("8");
    expect(dstr(f?.regained as Decimal)).toBe("6");
    expect(u?.fixes[0]?.group.rule).toBe("三.2.1");
    // Every group of the explanation is there, each either computed or said not to be.
    expect(u?.fixes.length).toBe(findingGroups(crs, u?.outcome as never).length);
    for (const x of u?.fixes ?? []) expect(x.regained?.isNegative() ?? false).toBe(false);
  });

  it("a grade forced by an override: fixing it regains no points but changes the grade", () => {
    const { units: out } = cohortFixes(crs, units, { units: ["某某市"] });
    const f = out[0]?.fixes.find((x) => x.group.rule === "一.随意减少项数");
    expect(out[0]?.before.grade).toBe("不合格");
    expect(dstr(f?.regained as Decimal)).toBe("0");
    expect(f?.after?.grade).not.toBe("不合格");
  });

  it("the memoised re-scoring gives what scoring the whole cohort afresh gives, fix by fix", async () => {
    // 24 generated units (bench/units.mjs): every finding group of every unit, each checked
    // against scoreCohort run from scratch on the corrected input (score, rank, grade).
    const bench = "../../../bench/units.mjs"; // plain JavaScript, untyped
    const { generateUnits } = (await import(bench)) as {
      generateUnits: (n: number, seed: number) => CohortUnitInput[];
    };
    const gen = generateUnits(24, 3);
    const { units: out } = cohortFixes(crs, gen);
    let checked = 0;
    for (const uf of out)
      for (const f of uf.fixes) {
        expect(f.corrected).not.toBeNull();
        const full = scoreCohort(
          crs,
          gen.map((x) => (x.id === uf.unit ? (f.corrected as CohortUnitInput) : x)),
          { trace: false },
        ).units.find((x) => x.unit === uf.unit);
        expect(dstr(f.after?.score as Decimal)).toBe(dstr(full?.score as Decimal));
        expect(f.after?.rank).toBe(full?.rank);
        expect(f.after?.grade).toBe(full?.grade ?? (full?.outcome.ok ? full.outcome.grade : null));
        checked++;
      }
    expect(checked).toBeGreaterThan(100);
  });
});
