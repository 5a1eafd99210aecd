import { describe, expect, it } from "vitest";
import { type Decimal, dstr, scoreCohort, scoreUnit } from "../src/index.js";
import { compile, ref, said, score } from "./helpers.js";

// These tests pin behaviours that a mutation review found unpinned (source: the 2026-11 mutant
// review): for each, a realistic bug injected into src/ let the whole suite pass. Each test passes
// on the code as it stands and fails with its bug injected.

const t = (d: Decimal | null | undefined) => (d ? dstr(d) : null);

const count = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id,
  type: "count" as const,
  ...extra,
});
const bool = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  label: id,
  type: "boolean" as const,
  ...extra,
});

describe("vetoes and the total (evaluate.ts)", () => {
  it("a fixed-total veto (70) together with an at-most veto (59) gives 59: the ceiling applies after the fixed total", () => {
    const crs = compile({
      facts: [count("n"), bool("breach"), bool("serious")],
      points: 100,
      tree: [
        {
          id: "A",
          title: "A",
          points: 100,
          clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
        },
      ],
      vetoes: [
        { id: "v70", type: "override", when: "breach", total: 70, text: "判定为70分", ref },
        {
          id: "v59",
          type: "override",
          when: "serious",
          total: 59,
          totalMode: "at-most",
          text: "不高于59分",
          ref,
        },
      ],
    });
    const r = score(crs, { n: 0, breach: true, serious: true });
    expect(t(r.total)).toBe("59");
    expect(r.trace.filter((e) => e.kind === "fixed-total").map((e) => t(e.delta))).toEqual([
      "-30",
      "-11",
    ]);
    // Each alone: the fixed total sets 70; the ceiling lowers 100 to 59.
    expect(t(score(crs, { n: 0, breach: true, serious: false }).total)).toBe("70");
    expect(t(score(crs, { n: 0, breach: false, serious: true }).total)).toBe("59");
  });

  it("a policy of half-even rounds a total of 9.85 to 9.8 (not 9.9, as half-up would)", () => {
    const crs = compile({
      policy: { rounding: { places: 1, mode: "half-even", at: "total" }, missingFact: "error" },
      facts: [count("n")],
      points: 10,
      tree: [
        {
          id: "A",
          title: "A",
          points: 10,
          clauses: [{ id: "A1", type: "per", fact: "n", each: 0.15, text: "每处扣0.15分", ref }],
        },
      ],
    });
    const r = score(crs, { n: 1 });
    expect(t(r.unrounded)).toBe("9.85");
    expect(t(r.total)).toBe("9.8");
    expect(r.trace.at(-1)?.kind).toBe("round");
    expect(t(r.trace.at(-1)?.delta)).toBe("-0.05");
  });
});

describe("grade bands (evaluate.ts)", () => {
  it("a total exactly on a band's gte bound reaches that band (90分以上,含90分)", () => {
    const crs = compile({
      facts: [count("n")],
      points: 100,
      grades: {
        order: ["优秀", "良好", "不合格"],
        bands: [{ grade: "优秀", gte: 90 }, { grade: "良好", gte: 80 }, { grade: "不合格" }],
      },
      tree: [
        {
          id: "A",
          title: "A",
          points: 100,
          clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
        },
      ],
    });
    expect(score(crs, { n: 10 }).grade).toBe("优秀");
    expect(score(crs, { n: 20 }).grade).toBe("良好");
    expect(score(crs, { n: 11 }).grade).toBe("良好");
    expect(score(crs, { n: 21 }).grade).toBe("不合格");
  });
});

describe("C17 applicability (evaluate.ts)", () => {
  const mk = (ifNotApplicable: { mode: "rescale" | "spread" }) =>
    compile({
      facts: [
        count("a"),
        count("b"),
        count("s"),
        bool("has_services", { missing: "not-applicable" }),
      ],
      points: 100,
      tree: [
        {
          id: "A",
          title: "A",
          points: 50,
          clauses: [{ id: "A1", type: "per", fact: "a", each: 1, text: "每处扣1分", ref }],
        },
        {
          id: "B",
          title: "B",
          points: 30,
          clauses: [{ id: "B1", type: "per", fact: "b", each: 1, text: "每处扣1分", ref }],
        },
        {
          id: "S",
          title: "办事服务",
          points: 20,
          applicable: "has_services",
          ifNotApplicable,
          clauses: [{ id: "S1", type: "per", fact: "s", each: 5, text: "每处扣5分", ref }],
        },
      ],
    });

  it("an item whose applicable condition reads a not-applicable fact is skipped, its points rescaled", () => {
    const r = score(mk({ mode: "rescale" }), { a: 10, b: 0, s: 0 });
    expect(r.nodes.S?.notApplicable).toBe(true);
    expect(t(r.nodes.S?.score)).toBe("0");
    expect(t(r.nodes.A?.score)).toBe("50");
    expect(t(r.nodes.B?.score)).toBe("37.5");
    expect(t(r.total)).toBe("87.5");
  });

  it("an item whose applicable condition reads a not-applicable fact is skipped, its points spread evenly", () => {
    const r = score(mk({ mode: "spread" }), { a: 10, b: 0, s: 0 });
    expect(r.nodes.S?.notApplicable).toBe(true);
    expect(t(r.nodes.A?.score)).toBe("48");
    expect(t(r.nodes.B?.score)).toBe("40");
    expect(t(r.total)).toBe("88");
    // When the fact is given and true, the item applies and is scored as usual.
    expect(t(score(mk({ mode: "spread" }), { a: 10, b: 0, s: 0, has_services: true }).total)).toBe(
      "90",
    );
  });
});

describe("C12 tally (clause.ts)", () => {
  it("with repeat: highest, an item found with count 3 is counted once", () => {
    const crs = compile({
      facts: [
        {
          id: "adoptions",
          label: "采用",
          type: "findings",
          missing: "zero",
          kinds: ["区单条", "省单条"],
        },
      ],
      points: 0,
      tree: [
        {
          id: "计分",
          title: "计分",
          points: 0,
          clauses: [
            {
              id: "计分.1",
              type: "tally",
              effect: "add",
              fact: "adoptions",
              amounts: { 区单条: 10, 省单条: 100 },
              repeat: "highest",
              text: "按最高级别计分",
              ref,
            },
          ],
        },
      ],
    });
    const r = score(crs, { adoptions: [{ kind: "省单条", item: "A", count: 3 }] });
    expect(t(r.total)).toBe("100");
    // Several findings of one item, one with a count: still once, at the highest value.
    const r2 = score(crs, {
      adoptions: [
        { kind: "区单条", item: "A", count: 2 },
        { kind: "省单条", item: "A", count: 3 },
        { kind: "区单条", item: "B", count: 4 },
      ],
    });
    expect(t(r2.total)).toBe("110");
  });
});

describe("conditions (condition.ts)", () => {
  it("a gte condition holds at equality (达到60分的,扣2分 deducts at exactly 60)", () => {
    const crs = compile({
      facts: [{ id: "x", label: "x", type: "number" }],
      points: 10,
      tree: [
        {
          id: "A",
          title: "A",
          points: 10,
          clauses: [
            {
              id: "A1",
              type: "fixed",
              when: { fact: "x", gte: 60 },
              amount: 2,
              text: "达到60的,扣2分",
              ref,
            },
          ],
        },
      ],
    });
    expect(t(score(crs, { x: 60 }).total)).toBe("8");
    expect(t(score(crs, { x: "59.99" }).total)).toBe("10");
    expect(t(score(crs, { x: 61 }).total)).toBe("8");
  });

  it("any over a not-applicable and a false fact is not applicable: a check deducts nothing", () => {
    const crs = compile({
      facts: [bool("na", { missing: "not-applicable" }), bool("no")],
      points: 10,
      tree: [
        {
          id: "A",
          title: "A",
          points: 10,
          clauses: [
            {
              id: "A1",
              type: "check",
              when: { any: ["na", "no"] },
              text: "满足其一即可",
              ref,
            },
          ],
        },
      ],
    });
    const r = score(crs, { no: false });
    expect(t(r.total)).toBe("10");
    expect(r.trace.map((e) => e.kind)).toEqual(["not-applicable"]);
    // With the first fact false as well, the requirement fails and the check deducts.
    expect(t(score(crs, { na: false, no: false }).total)).toBe("0");
  });
});

describe("K5 cohort figures (cohort.ts)", () => {
  it("a cohort mean restricted to a category ignores the units of other categories", () => {
    const crs = compile({
      categories: [
        { id: "county", label: "县" },
        { id: "city", label: "市" },
      ],
      facts: [
        { id: "rate", label: "公开率", type: "rate" },
        { id: "avg", label: "县平均公开率", type: "number", missing: "not-applicable" },
      ],
      points: 10,
      tree: [
        {
          id: "A",
          title: "公开率",
          points: 10,
          clauses: [
            {
              id: "A1",
              type: "step",
              fact: "rate",
              below: { fact: "avg" },
              per: 1,
              each: 1,
              partial: "prorata",
              text: "低于全省县平均数的,每低1个百分点扣1分",
              ref,
            },
          ],
        },
      ],
      cohort: {
        ranking: { ties: "shared" },
        facts: [
          {
            id: "avg",
            over: "current",
            categories: ["county"],
            compute: { mean: "rate" },
            text: "全省县平均数",
            ref,
          },
        ],
      },
    });
    const r = scoreCohort(crs, [
      { id: "A", category: "county", facts: { rate: 80 } },
      { id: "B", category: "county", facts: { rate: 90 } },
      { id: "C", category: "city", facts: { rate: 40 } },
    ]);
    // The mean of the two counties is 85 (with the city it would be 70).
    expect(said(r.figures[0])).toBe("本轮2个单位的平均数为85");
    const s = Object.fromEntries(r.units.map((x) => [x.unit, t(x.score)]));
    // A is 5 below 85 → −5; B is above; C (a city) is 45 below the county mean → 0 (floored).
    expect(s).toEqual({ A: "5", B: "10", C: "0" });
  });
});

describe("T1/T2 combined parts (combine-parts.ts)", () => {
  it("partRounding: none combines the parts unrounded: parts of 99.875 combine to 99.875", () => {
    const crs = compile({
      facts: [count("n")],
      points: 100,
      tree: [
        {
          id: "A",
          title: "A",
          points: 100,
          clauses: [{ id: "A1", type: "per", fact: "n", each: 0.125, text: "每处扣0.125分", ref }],
        },
      ],
      combine: {
        parts: [
          { id: "集中", label: "集中", percent: 50 },
          { id: "日常", label: "日常", percent: 50 },
        ],
        partRounding: "none",
        rounding: { places: 3, mode: "half-up" },
        text: "各占50%",
        ref,
      },
    });
    const r = scoreUnit(crs, {
      id: "u",
      facts: {},
      parts: { 集中: { facts: { n: 1 } }, 日常: { facts: { n: 1 } } },
    });
    if (!r.ok) throw new Error(r.issues.map((i) => i.code).join(", "));
    // Each part on its own reports 99.88 (policy: 2 places), but enters the combination exactly.
    expect(r.parts?.map((p) => [t(p.result?.total), t(p.score)])).toEqual([
      ["99.88", "99.875"],
      ["99.88", "99.875"],
    ]);
    expect(t(r.total)).toBe("99.875");
  });
});

describe("combining clauses: highest only (evaluate.ts combineClauses)", () => {
  it("two bonus clauses of 2 and 1 on a node with bonusCombine: max add 2, not 3", () => {
    const crs = compile({
      facts: [bool("prov"), bool("city")],
      points: 10,
      tree: [
        {
          id: "A",
          title: "工作创新",
          points: 10,
          bonusCombine: "max",
          clauses: [
            {
              id: "A.省级",
              type: "fixed",
              effect: "add",
              when: "prov",
              amount: 2,
              text: "省级加2分",
              ref,
            },
            {
              id: "A.市级",
              type: "fixed",
              effect: "add",
              when: "city",
              amount: 1,
              text: "市级加1分",
              ref,
            },
          ],
        },
      ],
    });
    const r = score(crs, { prov: true, city: true });
    expect(t(r.total)).toBe("12");
    expect(t(r.added)).toBe("2");
    expect(r.trace.map((e) => [e.kind, e.rule])).toEqual([
      ["add", "A.省级"],
      ["info", "A.市级"],
    ]);
  });

  it("two bonus clauses of 2 and 1 in an adjustment item with combine: max add 2, not 3", () => {
    const crs = compile({
      facts: [count("n"), bool("national"), bool("province")],
      points: 10,
      tree: [
        {
          id: "A",
          title: "A",
          points: 10,
          clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
        },
      ],
      adjustments: [
        {
          id: "特别加分项",
          title: "特别加分项",
          combine: "max",
          clauses: [
            {
              id: "加分.国家级",
              type: "fixed",
              effect: "add",
              when: "national",
              amount: 2,
              text: "获国家级表彰加2分",
              ref,
            },
            {
              id: "加分.省级",
              type: "fixed",
              effect: "add",
              when: "province",
              amount: 1,
              text: "获省级表彰加1分",
              ref,
            },
          ],
        },
      ],
    });
    expect(t(score(crs, { n: 3, national: true, province: true }).total)).toBe("9");
  });
});

describe("node caps (compile.ts)", () => {
  it("a node cap below the node's points limits its deductions (本项累计扣分不超过3分)", () => {
    const crs = compile({
      facts: [count("n")],
      points: 10,
      tree: [
        {
          id: "A",
          title: "A",
          points: 10,
          cap: 3,
          clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
        },
      ],
    });
    const r = score(crs, { n: 5 });
    expect(t(r.total)).toBe("7");
    expect(t(r.nodes.A?.deducted)).toBe("3");
    expect(r.nodes.A?.capped).toBe(true);
    expect(t(score(crs, { n: 2 }).total)).toBe("8");
  });

  it("an overdrawing node with a cap above its points goes below 0, down to points − cap", () => {
    const crs = compile({
      facts: [count("n")],
      points: 20,
      tree: [
        {
          id: "A",
          title: "A",
          points: 20,
          overdraw: true,
          cap: 25,
          clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分,可倒扣", ref }],
        },
      ],
    });
    expect(t(score(crs, { n: 30 }).nodes.A?.score)).toBe("-5");
    expect(t(score(crs, { n: 22 }).nodes.A?.score)).toBe("-2");
    expect(t(score(crs, { n: 3 }).nodes.A?.score)).toBe("17");
  });
});
