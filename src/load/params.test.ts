import { describe, expect, it } from "vitest";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { loadRuleSet } from "./load.js";

const TEMPLATE = `kaohe: 1
id: t/template
title: 模板
documents: [{ id: d, title: 办法 }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
parameters:
  - { id: p_a, label: 甲项分值, min: 1, max: 50 }
  - { id: p_b, label: 乙项分值, min: 1, max: 80 }
  - { id: p_each, label: 每处扣分, min: 0.1, max: 5 }
facts:
  - { id: n, label: 处数, type: count }
tree:
  - id: a
    title: 甲
    points: { param: p_a }
    clauses:
      - { id: a1, type: per, fact: n, each: { param: p_each }, text: 每处扣分, ref: { doc: d } }
  - id: b
    title: 乙
    points: { param: p_b }
    clauses:
      - { id: b1, type: check, when: { fact: n, lt: 10 }, text: 达标, ref: { doc: d } }
`;

const params = (values: string, extra = "") =>
  `kaohe-parameters: 1
template: t/template
id: t/template/2024
title: 2024年分值
official: false
${extra}values:
${values}`;

function load(p: string | null) {
  return loadRuleSet(TEMPLATE, {
    file: "rules.yaml",
    ...(p ? { parameters: { text: p, file: "p.yaml" } } : {}),
  });
}

describe("templates and parameters", () => {
  it("composes a template with a year's values and scores with them", () => {
    const r = load(params("  p_a: 30\n  p_b: 70\n  p_each: 0.5\n"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ruleSet.edition).toEqual({
      id: "t/template/2024",
      title: "2024年分值",
      official: false,
    });
    const crs = compileRuleSet(r.ruleSet);
    expect(crs.points.toFixed()).toBe("100");
    const s = scoreUnit(crs, { id: "u", facts: { n: 3 } });
    expect(s.ok && s.total.toFixed()).toBe("98.5");
  });

  it("another allocation gives other scores from the same facts", () => {
    const r = load(params("  p_a: 40\n  p_b: 60\n  p_each: 2\n"));
    if (!r.ok) throw new Error("composition failed");
    const crs = compileRuleSet(r.ruleSet);
    const s = scoreUnit(crs, { id: "u", facts: { n: 3 } });
    expect(s.ok && s.total.toFixed()).toBe("94");
  });

  it("names a parameter left unset at its use in the template", () => {
    const r = load(params("  p_a: 30\n  p_b: 70\n"));
    expect(
      !r.ok && r.issues.map((i) => [i.code, i.file, i.line, i.message.includes("p_each")]),
    ).toEqual([["E_PARAM_UNSET", "rules.yaml", 17, true]]);
    const none = load(null);
    expect(!none.ok && none.issues.map((i) => i.code)).toEqual([
      "E_PARAM_UNSET",
      "E_PARAM_UNSET",
      "E_PARAM_UNSET",
    ]);
  });

  it("rejects a value outside its declared range at its line in the parameters file", () => {
    const r = load(params("  p_a: 30\n  p_b: 70\n  p_each: 9\n"));
    expect(!r.ok && r.issues.map((i) => [i.code, i.file, i.line])).toEqual([
      ["E_PARAM_RANGE", "p.yaml", 9],
    ]);
  });

  it("rejects unknown values, parameters for another template, and unlabelled editions", () => {
    const unknown = load(params("  p_a: 30\n  p_b: 70\n  p_each: 1\n  p_c: 1\n"));
    expect(!unknown.ok && unknown.issues.map((i) => i.code)).toEqual(["E_PARAM_UNKNOWN"]);
    const other = load(
      params("  p_a: 30\n  p_b: 70\n  p_each: 1\n").replace(
        "template: t/template",
        "template: x/y",
      ),
    );
    expect(!other.ok && other.issues.map((i) => i.code)).toEqual(["E_PARAM_TEMPLATE"]);
    const noOfficial = load(
      params("  p_a: 30\n  p_b: 70\n  p_each: 1\n").replace("official: false\n", ""),
    );
    expect(!noOfficial.ok && noOfficial.issues.map((i) => i.code)).toEqual(["E_REQUIRED"]);
  });

  it("validates the composition like any rule set: a bad allocation breaks the points sum", () => {
    const r = loadRuleSet(TEMPLATE.replace("tree:", "points: 100\ntree:"), {
      parameters: { text: params("  p_a: 30\n  p_b: 60\n  p_each: 1\n") },
    });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["E_POINTS_SUM"]);
  });

  it("rejects a parameter used but not declared", () => {
    const r = loadRuleSet(TEMPLATE.replace("{ param: p_each }", "{ param: p_zz }"), {
      parameters: { text: params("  p_a: 30\n  p_b: 70\n  p_each: 1\n") },
    });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["E_PARAM_UNDECLARED", "W_UNUSED_PARAM"]);
  });
});
