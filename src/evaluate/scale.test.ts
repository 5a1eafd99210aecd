import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile, item, ref, said } from "../../test/helpers.js";
import { scoreCohort } from "../cohort/cohort.js";
import { formatIssue } from "../errors/issue.js";
import { cohortToJSON } from "../explain/cohort-json.js";
import { outcomeToJSON } from "../explain/json.js";
import { compileRuleText } from "../index.js";
import { loadRuleSet } from "../load/load.js";
import { parseUnits } from "../load/units.js";
import { scoreUnit } from "./evaluate.js";

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed();

/** Clause A.step: 2 points off per 5% the rate falls below 100%, up to 8. */
const stepOnRate = (text: string) => ({
  id: "A.step",
  type: "step",
  fact: "rate",
  below: 100,
  per: 5,
  each: 2,
  partial: "floor",
  cap: 8,
  text,
  ref,
});

/** 以100%为基数,每减少5%扣2分,直到扣完8分为止: a rate fact, in percent unless `scale` says. */
function stepRules(scale?: "percent" | "fraction", extra: Record<string, unknown> = {}) {
  return compile({
    facts: [
      {
        id: "rate",
        label: "实名制落实比率(%)",
        type: "rate",
        ...(scale ? { scale } : {}),
        ...extra,
      },
    ],
    points: 8,
    tree: [
      {
        id: "A",
        title: "实名制",
        points: 8,
        clauses: [stepOnRate("以100%为基数,每减少5%扣2分,直到扣完8分为止")],
      },
    ],
  } as never);
}

describe("the scale of a rate fact (issue 8, item 3)", () => {
  const hubei = () => {
    const text = readFileSync("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml", "utf8");
    const crs = compileRuleText(text, "rules.yaml");
    const units = parseUnits(readFileSync("examples/hubei-2009-h1-units.yaml", "utf8")).units;
    const wuhan = units.find((u) => u.id === "武汉市");
    if (!wuhan) throw new Error("no 武汉市 in the example");
    return { crs, wuhan };
  };

  it("the reproducer: realname_rate_admin 0.875 is never scored silently", () => {
    const { crs, wuhan } = hubei();
    const as = (v: unknown, strict = false) =>
      scoreUnit(crs, { ...wuhan, facts: { ...wuhan.facts, realname_rate_admin: v } }, { strict });
    const percent = as(87.5);
    const written = as("87.5%");
    const ambiguous = as(0.875);
    expect(percent.ok && written.ok && ambiguous.ok).toBe(true);
    if (!percent.ok || !written.ok || !ambiguous.ok) return;
    // 87.5 and "87.5%" are the same value and raise nothing.
    expect(t(written.total)).toBe(t(percent.total));
    expect(percent.warnings).toBeUndefined();
    expect(written.warnings).toBeUndefined();
    // 0.875 is read as written (0.875%), 4 points lower (all 8 of 二.7 lost), with a warning
    // naming the fact by id and label, and the unit.
    expect(t(percent.total.minus(ambiguous.total))).toBe("4");
    expect(ambiguous.warnings?.map((w) => [w.code, w.severity, w.unit, w.path])).toEqual([
      ["W_RATE_SCALE", "warning", "武汉市", ["facts", "realname_rate_admin"]],
    ]);
    const w = ambiguous.warnings?.[0];
    expect(w?.message).toContain("realname_rate_admin");
    expect(w?.message).toContain("行政机关和乡镇事业单位编制实名制落实比率");
    expect(w?.message).toContain("87.5");
    expect(formatIssue(w as never)).toMatch(/^warning W_RATE_SCALE 【武汉市】/);
    // Under strict the unit is not scored.
    const strict = as(0.875, true);
    expect(strict.ok).toBe(false);
    if (!strict.ok)
      expect(strict.issues.map((i) => [i.code, i.severity, i.unit, i.path])).toEqual([
        ["F_RATE_SCALE", "error", "武汉市", ["facts", "realname_rate_admin"]],
      ]);
    // A clear value is scored under strict as usual.
    expect(as(87.5, true).ok).toBe(true);
    expect(as("0.875%", true).ok).toBe(true);
  });

  it("warns for 0 < value ≤ 1 only: 0, values above 1 and values written with % are clear", () => {
    const crs = stepRules();
    const warned = (v: unknown) => {
      const r = scoreUnit(crs, { id: "u", facts: { rate: v } });
      return (r.warnings ?? []).map((w) => w.code);
    };
    expect(warned(0)).toEqual([]);
    expect(warned("0")).toEqual([]);
    expect(warned(-0)).toEqual([]);
    expect(warned(1.5)).toEqual([]);
    expect(warned(100)).toEqual([]);
    expect(warned("0.5%")).toEqual([]);
    expect(warned("1%")).toEqual([]);
    expect(warned(1)).toEqual(["W_RATE_SCALE"]);
    expect(warned("1")).toEqual(["W_RATE_SCALE"]);
    expect(warned(0.5)).toEqual(["W_RATE_SCALE"]);
    expect(warned("0.875")).toEqual(["W_RATE_SCALE"]);
    expect(warned("０.８７５")).toEqual(["W_RATE_SCALE"]);
  });

  it("a percent rate whose declared maximum is at most 1 is not checked", () => {
    const crs = stepRules(undefined, { max: 1 });
    const r = scoreUnit(crs, { id: "u", facts: { rate: 0.5 } });
    expect(r.ok && r.warnings).toBeFalsy();
  });

  it('"87.5%" is accepted for a rate fact; "87.5％" (full width) too', () => {
    const crs = stepRules();
    for (const v of ["87.5%", " 87.5 % ", "87.5％", "８７.５%"]) {
      const r = scoreUnit(crs, { id: "u", facts: { rate: v } });
      expect(r.ok && t(r.total)).toBe("4");
    }
    const over = scoreUnit(crs, { id: "u", facts: { rate: "101%" } });
    expect(!over.ok && over.issues.map((i) => i.code)).toEqual(["F_FACT_RANGE"]);
  });

  it("scale: fraction reads 0.875 as 87.5%; the rules and the explanation stay in percent", () => {
    const crs = stepRules("fraction");
    for (const v of [0.875, "0.875", "87.5%"]) {
      const r = scoreUnit(crs, { id: "u", facts: { rate: v } });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(t(r.total)).toBe("4");
      expect(r.warnings).toBeUndefined();
      expect(said(r.trace[0])).toContain("比率87.5%");
      expect(r.trace[0]?.facts).toEqual({ rate: "87.5" });
    }
    const full = scoreUnit(crs, { id: "u", facts: { rate: 1 } });
    expect(full.ok && t(full.total)).toBe("8");
    // 87.5 for a fraction is out of its range 0–1, said in the fraction's terms.
    const wrong = scoreUnit(crs, { id: "u", facts: { rate: 87.5 } });
    expect(!wrong.ok && wrong.issues.map((i) => i.code)).toEqual(["F_FACT_RANGE"]);
    if (!wrong.ok) {
      expect(wrong.issues[0]?.message).toContain("[0, 1]");
      expect(wrong.issues[0]?.message).toContain('"87.5%"');
    }
    // Strict changes nothing for a fraction fact: 0.875 is not ambiguous there.
    expect(scoreUnit(crs, { id: "u", facts: { rate: 0.875 } }, { strict: true }).ok).toBe(true);
  });

  it("scale is for rate facts only, and defaults to percent (existing rule files stay valid)", () => {
    const bad = `kaohe: 1
id: t
title: t
documents: [{ id: d, title: d }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
facts: [{ id: n, label: n, type: count, scale: fraction }]
tree: [{ id: A, title: A, points: 10, clauses: [{ id: A.c, type: per, fact: n, each: 1, text: t, ref: { doc: d } }] }]
`;
    const r = loadRuleSet(bad, { file: "r.yaml" });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["E_INVALID", "facts.0.scale"],
    ]);
    const wrongValue = loadRuleSet(
      bad.replace("type: count, scale: fraction", "type: rate, scale: decimal"),
      { file: "r.yaml" },
    );
    expect(!wrongValue.ok && wrongValue.issues.map((i) => i.code)).toEqual(["E_ENUM"]);
    expect(stepRules().facts.get("rate")?.scale).toBeUndefined();
    expect(stepRules("percent").facts.get("rate")?.scale).toBeUndefined();
    expect(stepRules("fraction").facts.get("rate")?.scale).toBe("fraction");
  });

  it("a cohort lists every unit's warning and one for a rate every unit gave as at most 1", () => {
    const crs = stepRules();
    const r = scoreCohort(crs, [
      { id: "乙", facts: { rate: 0.9 } },
      { id: "甲", facts: { rate: 0.875 } },
      { id: "丙", facts: { rate: 0 } },
    ]);
    expect(r.warnings.map((w) => [w.code, w.unit ?? null])).toEqual([
      ["W_RATE_SCALE_RUN", null],
      ["W_RATE_SCALE", "乙"],
      ["W_RATE_SCALE", "甲"],
    ]);
    expect(r.warnings[0]?.message).toContain("3 个单位");
    expect(r.warnings[0]?.message).toContain("scale: fraction");
    const json = cohortToJSON(r) as { warnings: unknown[]; units: { warnings?: unknown[] }[] };
    expect(json.warnings).toHaveLength(3);
    expect(json.units.filter((u) => u.warnings).length).toBe(2);
    // Input order changes nothing.
    const again = scoreCohort(crs, [
      { id: "丙", facts: { rate: 0 } },
      { id: "甲", facts: { rate: 0.875 } },
      { id: "乙", facts: { rate: 0.9 } },
    ]);
    expect(JSON.stringify(cohortToJSON(again))).toBe(JSON.stringify(cohortToJSON(r)));
  });

  it("no run-level warning when one unit gives a clear value, or when only one unit gives it", () => {
    const crs = stepRules();
    const mixed = scoreCohort(crs, [
      { id: "甲", facts: { rate: 0.875 } },
      { id: "乙", facts: { rate: 95 } },
    ]);
    expect(mixed.warnings.map((w) => w.code)).toEqual(["W_RATE_SCALE"]);
    const single = scoreCohort(crs, [{ id: "甲", facts: { rate: 0.875 } }]);
    expect(single.warnings.map((w) => w.code)).toEqual(["W_RATE_SCALE"]);
    const clean = scoreCohort(crs, [
      { id: "甲", facts: { rate: 100 } },
      { id: "乙", facts: { rate: "0.5%" } },
    ]);
    expect(clean.warnings).toEqual([]);
    expect(cohortToJSON(clean).warnings).toEqual([]);
  });

  it("under strict a cohort leaves the ambiguous units out of the ranking", () => {
    const crs = stepRules();
    const r = scoreCohort(
      crs,
      [
        { id: "甲", facts: { rate: 0.875 } },
        { id: "乙", facts: { rate: 95 } },
      ],
      { strict: true },
    );
    expect(r.units.map((u) => [u.unit, u.rank, u.outcome.ok])).toEqual([
      ["乙", 1, true],
      ["甲", null, false],
    ]);
    const failed = r.units[1]?.outcome;
    expect(!failed?.ok && failed?.issues.map((i) => [i.code, i.unit])).toEqual([
      ["F_RATE_SCALE", "甲"],
    ]);
  });

  it("the warnings of a part of a combined score reach the unit, at the part's path", () => {
    const crs = compile({
      facts: [{ id: "rate", label: "比率", type: "rate" }],
      points: 8,
      combine: {
        parts: [
          { id: "上半年", label: "上半年", percent: 50 },
          { id: "下半年", label: "下半年", percent: 50 },
        ],
        partRounding: "none",
        rounding: { places: 2, mode: "half-up" },
        text: "各占50%",
        ref,
      },
      tree: [item("A", 8, [stepOnRate("t")])],
    } as never);
    const r = scoreUnit(crs, {
      id: "u",
      parts: { 上半年: { facts: { rate: 100 } }, 下半年: { facts: { rate: 0.9 } } },
    } as never);
    expect(r.ok).toBe(true);
    expect(r.warnings?.map((w) => [w.code, w.unit, w.path.join(".")])).toEqual([
      ["W_RATE_SCALE", "u", "parts.下半年.facts.rate"],
    ]);
    expect((outcomeToJSON(r) as { warnings?: unknown[] }).warnings).toHaveLength(1);
    const strict = scoreUnit(
      crs,
      {
        id: "u",
        parts: { 上半年: { facts: { rate: 100 } }, 下半年: { facts: { rate: 0.9 } } },
      } as never,
      { strict: true },
    );
    expect(!strict.ok && strict.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_RATE_SCALE", "parts.下半年.facts.rate"],
    ]);
  });
});
