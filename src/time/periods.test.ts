import { describe, expect, it } from "vitest";
import { compile, ref, said } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { selectVersion } from "../compile/versions.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { scoreSeries } from "../evaluate/series.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();
const base = {
  facts: [{ id: "n", label: "问题", type: "count" as const }],
  points: 100,
  tree: [
    {
      id: "A",
      title: "A",
      points: 100,
      clauses: [
        { id: "A1", type: "per" as const, fact: "n", each: 0.35, text: "每处扣0.35分", ref },
      ],
    },
  ],
};

describe("T1/T2 period-weighted scores", () => {
  const crs = () =>
    compile({
      ...base,
      combine: {
        parts: [
          {
            id: "上半年",
            label: "上半年考核",
            percent: 40,
            parts: [
              { id: "集中", label: "集中考核", percent: 70 },
              { id: "日常", label: "日常考核", percent: 30 },
            ],
          },
          { id: "下半年", label: "年底考核", percent: 60, given: true },
        ],
        partRounding: "none",
        rounding: { places: 2, mode: "half-up" },
        text: "集中考核分值按70%折算,日常考核分值按30%折算。……半年考核成绩占全年成绩的40%。",
        ref,
      },
    });

  it("combines 70/30 within the half-year and 40/60 over the year, exactly, rounding once", () => {
    const r = scoreUnit(crs(), {
      id: "u",
      facts: {},
      parts: {
        上半年: { parts: { 集中: { facts: { n: 19 } }, 日常: { facts: { n: 34 } } } },
        下半年: { score: "88.15" },
      },
    });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join());
    // 集中 100 − 6.65 = 93.35; 日常 100 − 11.9 = 88.1; 上半年 = 65.345 + 26.43 = 91.775;
    // 全年 = 36.71 + 52.89 = 89.6
    const h1 = r.parts?.[0];
    expect([
      t(h1?.parts?.[0]?.score),
      t(h1?.parts?.[1]?.score),
      t(h1?.score),
      t(r.unrounded),
      t(r.total),
    ]).toEqual(["93.35", "88.1", "91.775", "89.6", "89.6"]);
    expect(r.trace.filter((e) => e.kind === "combine").map((e) => said(e))).toContain(
      "集中考核93.35分×70%=65.345分",
    );
  });

  it("rounds only at the top unless a part says otherwise", () => {
    const r = scoreUnit(crs(), {
      id: "u",
      facts: {},
      parts: {
        上半年: { parts: { 集中: { facts: { n: 1 } }, 日常: { facts: { n: 0 } } } },
        下半年: { score: 90 },
      },
    });
    // 集中 99.65 ×0.7 = 69.755, 日常 30 → 99.755; ×0.4 = 39.902; + 54 = 93.902 → 93.9
    expect(r.ok && [t(r.unrounded), t(r.total)]).toEqual(["93.902", "93.9"]);
  });

  it("reports a missing part and an unknown one", () => {
    const r = scoreUnit(crs(), {
      id: "u",
      facts: {},
      parts: { 上半年: { parts: { 集中: { facts: { n: 1 } } } }, 全年: { score: 1 } },
    });
    expect(!r.ok && r.issues.map((i) => i.path.join("."))).toEqual([
      "parts.全年",
      "parts.上半年.parts.日常",
      "parts.下半年",
    ]);
  });
});

describe("T6 versions", () => {
  const v = (from: string, to?: string) =>
    compileRuleSet({ ...compile({ ...base }).source, effective: to ? { from, to } : { from } });
  it("chooses the version in force, and refuses overlaps and gaps", () => {
    const a = v("2024-01-01", "2024-12-31");
    const b = v("2025-01-01");
    const pick = selectVersion([a, b], "2025-06-30");
    expect(pick.ok && pick.ruleSet).toBe(b);
    const gap = selectVersion([a, b], "2023-06-30");
    expect(!gap.ok && gap.issues[0]?.code).toBe("E_VERSION_RANGE");
    const overlap = selectVersion([a, v("2024-07-01", "2025-06-30")], "2024-03-01");
    expect(!overlap.ok && overlap.issues[0]?.code).toBe("E_VERSION_OVERLAP");
  });
});

describe("T8 consecutive periods", () => {
  it("flags two consecutive 不满意 quarters, and only consecutive ones", () => {
    const crs = compile({
      ...base,
      grades: {
        order: ["满意", "基本满意", "不满意"],
        bands: [{ grade: "满意", gte: 90 }, { grade: "基本满意", gte: 80 }, { grade: "不满意" }],
      },
      streaks: [
        {
          id: "约谈",
          when: { grade: "不满意" },
          count: 2,
          flag: "约谈",
          text: "季度考核连续两次被确定为'不满意'的",
          ref,
        },
      ],
    });
    const q = (id: string, n: number) => ({ id, facts: { n } });
    const apart = scoreSeries(crs, { id: "u" }, [q("Q1", 60), q("Q2", 0), q("Q3", 60), q("Q4", 0)]);
    expect(apart.streaks).toEqual([]);
    const run = scoreSeries(crs, { id: "u" }, [q("Q1", 0), q("Q2", 60), q("Q3", 70), q("Q4", 80)]);
    expect(run.streaks.map((s) => [s.flag, s.periods])).toEqual([["约谈", ["Q2", "Q3"]]]);
  });
});
