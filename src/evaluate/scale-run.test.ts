import { describe, expect, it } from "vitest";
import { compile, perNode, ref } from "../../test/helpers.js";
import { cohortWarnings, rateScaleRunWarnings } from "./scale.js";

// The run-level scale check (W_RATE_SCALE_RUN): a percent rate every unit gave as a bare value of
// at most 1 is probably written as fractions. Written against the survivors of a mutation run on
// scale.ts (56.6% killed; docs/reliability.md).

const rules = (over: Record<string, unknown> = {}) =>
  compile({
    facts: [
      { id: "r", label: "公开率", type: "rate" },
      { id: "plain", label: "plain", type: "rate" },
      { id: "n", label: "问题", type: "count" },
    ],
    points: 10,
    tree: [perNode("A", 10, "n", 1)],
    ...over,
  } as never);
const u = (id: string, facts: Record<string, unknown>) => ({ id, facts });
const run = (units: { id: string; facts?: unknown; parts?: unknown }[], crs = rules()) =>
  rateScaleRunWarnings(crs, units).map((w) => [w.code, w.path.join("."), w.message]);

describe("rateScaleRunWarnings", () => {
  it("every unit giving a rate at most 1 (one above 0): one warning naming the fact, its label and the units", () => {
    const w = run([u("甲", { r: 0.875 }), u("乙", { r: 0 }), u("丙", { n: 1 })]);
    expect(w).toEqual([
      [
        "W_RATE_SCALE_RUN",
        "facts.r",
        '填写了比率「公开率」(r)的 2 个单位,数值全都不大于 1:这一列可能是按小数填写的(0.875 应写 87.5 或 "87.5%");如果规则本来就按小数填写,请在该事实的声明中写 scale: fraction',
      ],
    ]);
  });

  it("a fact whose label is its id is named once", () => {
    const w = run([u("甲", { plain: 0.5 }), u("乙", { plain: 1 })]);
    expect(w.map(([, , m]) => String(m).startsWith('填写了比率"plain"的 2 个单位'))).toEqual([
      true,
    ]);
  });

  it("is silent for one unit, for all zeros, and when any unit wrote the rate clearly", () => {
    expect(run([u("甲", { r: 0.875 })])).toEqual([]);
    expect(run([u("甲", { r: 0 }), u("乙", { r: 0 })])).toEqual([]);
    expect(run([u("甲", { r: 0.875 }), u("乙", { r: 87.5 })])).toEqual([]);
    expect(run([u("甲", { r: 0.875 }), u("乙", { r: "1%" })])).toEqual([]);
    expect(run([u("甲", { r: 0.875 }), u("乙", { r: "很高" })])).toEqual([]);
  });

  it("reads the facts of parts, at any depth up to 32, and counts a unit once", () => {
    const parted = (id: string, v: number, depth = 1) => {
      let parts: unknown = { p: { facts: { r: v } } };
      for (let i = 1; i < depth; i++) parts = { q: { parts } };
      return { id, facts: {}, parts };
    };
    expect(run([parted("甲", 0.5), parted("乙", 0.6, 3)]).length).toBe(1);
    // Both ways in one unit: still one unit giving it.
    const both = { id: "甲", facts: { r: 0.5 }, parts: { p: { facts: { r: 0.4 } } } };
    expect(run([both, u("乙", { r: 0.3 })])[0]?.[2]).toContain("的 2 个单位");
    // A part with a clear value among ambiguous ones clears the fact.
    expect(
      run([
        { id: "甲", facts: { r: 0.5 }, parts: { p: { facts: { r: 50 } } } },
        u("乙", { r: 0.3 }),
      ]),
    ).toEqual([]);
    // Past 32 levels parts are not walked: the clear value there is not seen.
    expect(run([parted("甲", 50, 34), u("乙", { r: 0.3 }), u("丙", { r: 0.2 })]).length).toBe(1);
    expect(run([parted("甲", 50, 33), u("乙", { r: 0.3 }), u("丙", { r: 0.2 })])).toEqual([]);
  });

  it("leaves out a rate declared as a fraction, and one the cohort computes", () => {
    const fraction = rules({
      facts: [
        { id: "r", label: "公开率", type: "rate", scale: "fraction" },
        { id: "plain", label: "plain", type: "rate" },
        { id: "n", label: "问题", type: "count" },
      ],
    });
    expect(run([u("甲", { r: 0.5 }), u("乙", { r: 0.6 })], fraction)).toEqual([]);
    // m is filled in by the cohort (K5); units that give it anyway are refused elsewhere
    // (K_FACT_GIVEN), and their values are no writing of the run's to warn about.
    const computed = rules({
      facts: [
        { id: "r", label: "公开率", type: "rate" },
        { id: "m", label: "平均公开率", type: "rate" },
        { id: "n", label: "问题", type: "count" },
      ],
      cohort: {
        ranking: { ties: "shared" },
        facts: [{ id: "m", over: "current", compute: { mean: "r" }, text: "全省平均数", ref }],
      },
    });
    const given = [u("甲", { r: 0.5, m: 0.5 }), u("乙", { r: 0.6, m: 0.4 })];
    expect(run(given, computed).map(([, path]) => path)).toEqual(["facts.r"]);
  });

  it("a unit with parts and no facts of its own, parts that are not mappings, a part without facts", () => {
    const units = [
      { id: "甲", parts: { p: null, q: 5, s: { parts: { t: { facts: { r: 0.5 } } } } } },
      { id: "乙", facts: "none", parts: { p: { facts: { r: 0.4 } } } },
    ];
    expect(
      run(units).map(([code, path, m]) => [
        code,
        path,
        String(m).startsWith("填写了比率「公开率」(r)的 2 个单位"),
      ]),
    ).toEqual([["W_RATE_SCALE_RUN", "facts.r", true]]);
  });
});

describe("cohortWarnings", () => {
  it("gives the run's warnings first, then each unit's in unit order, each naming its unit", () => {
    const crs = rules();
    const w = (message: string, unit?: string) => ({
      code: "W_RATE_SCALE" as never,
      severity: "warning" as const,
      path: ["facts", "r"],
      message,
      ...(unit !== undefined ? { unit } : {}),
    });
    const results = [
      { unit: "甲", outcome: { ok: true, warnings: [w("a1", "别处"), w("a2")] } },
      { unit: "乙", outcome: { ok: true, warnings: [w("b1")] } },
      { unit: "丙", outcome: { ok: false, issues: [] } },
    ] as never;
    const got = cohortWarnings(crs, [u("甲", { r: 0.5 }), u("乙", { r: 0.4 })], results).map(
      (x) => [x.code, (x as { unit?: string }).unit ?? null, x.message.slice(0, 12)],
    );
    // Unit order is the ids' code-unit order (乙 U+4E59 before 甲 U+7532), whatever the results'.
    expect(got).toEqual([
      ["W_RATE_SCALE_RUN", null, "填写了比率「公开率」(r"],
      ["W_RATE_SCALE", "乙", "b1"],
      ["W_RATE_SCALE", "别处", "a1"],
      ["W_RATE_SCALE", "甲", "a2"],
    ]);
  });
});
