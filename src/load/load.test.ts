import { describe, expect, it } from "vitest";
import { formatIssue } from "../errors/issue.js";
import { loadRuleSet } from "./load.js";

const GOOD = `kaohe: 1
id: t
title: 测试
documents:
  - id: d
    title: 文件
policy:
  rounding: { places: 2, mode: half-up, at: total }
  missingFact: error
facts:
  - id: n
    label: 处数
    type: count
points: 3
tree:
  - id: a
    title: 甲
    points: 3
    clauses:
      - id: a.1
        type: per
        fact: n
        each: 0.2
        text: 每处扣0.2分
        ref: { doc: d }
`;

function codes(text: string) {
  const r = loadRuleSet(text, { file: "r.yaml" });
  return r.ok ? [] : r.issues;
}

describe("loadRuleSet", () => {
  it("accepts a valid rule set with no warnings", () => {
    const r = loadRuleSet(GOOD, { file: "r.yaml" });
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings).toEqual([]);
  });

  it("reports a wrong type with file:line:column", () => {
    const issues = codes(GOOD.replace("each: 0.2", "each: lots"));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "E_TYPE", file: "r.yaml", line: 23, column: 15 });
    expect(issues[0]?.path).toEqual(["tree", 0, "clauses", 0, "each"]);
    expect(formatIssue(issues[0] as never)).toMatch(
      /^r\.yaml:23:15: error E_TYPE 应为 十进制数字\(如 0\.5 或 "0\.5"\),实际是 文字 "lots"/,
    );
  });

  it("reports a missing field at the mapping that lacks it", () => {
    const issues = codes(GOOD.replace("    title: 甲\n", ""));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "E_REQUIRED", line: 16, column: 5 });
    expect(issues[0]?.message).toContain('"title"');
  });

  it("names an unknown field at its key", () => {
    const issues = codes(
      GOOD.replace("    points: 3\n    clauses", "    pionts: 3\n    points: 3\n    clauses"),
    );
    expect(issues.map((i) => i.code)).toEqual(["E_UNKNOWN_KEY"]);
    expect(issues[0]).toMatchObject({ line: 18, column: 5 });
  });

  it("rejects an unknown construct type with the known ones listed", () => {
    const issues = codes(GOOD.replace("type: per", "type: perr"));
    expect(issues.map((i) => i.code)).toEqual(["E_UNKNOWN_CONSTRUCT"]);
    expect(issues[0]?.message).toContain(
      "check, fixed, per, step, range, tally, rating, deadline, target, override",
    );
    expect(issues[0]).toMatchObject({ line: 21, column: 15 });
  });

  it("rejects an unsupported language version", () => {
    expect(codes(GOOD.replace("kaohe: 1", "kaohe: 2")).map((i) => i.code)).toEqual(["E_VERSION"]);
  });

  it("reports YAML syntax errors with a position", () => {
    const issues = codes(GOOD.replace("points: 3\ntree:", "points: [3\ntree:"));
    expect(issues[0]?.code).toBe("E_SYNTAX");
    expect(issues[0]?.line).toBeGreaterThan(0);
  });

  it("refuses __proto__ and constructor keys anywhere", () => {
    const issues = codes(
      GOOD.replace("    title: 甲", "    title: 甲\n    __proto__: { polluted: true }"),
    );
    expect(issues.map((i) => i.code)).toEqual(["E_FORBIDDEN_KEY"]);
    expect(issues[0]?.line).toBe(18);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(codes(GOOD.replace("kaohe: 1", "kaohe: 1\nconstructor: x")).map((i) => i.code)).toEqual([
      "E_FORBIDDEN_KEY",
    ]);
  });

  it("refuses oversized input before parsing it", () => {
    const big = `${GOOD}#${"x".repeat(8 * 1024 * 1024)}`;
    expect(codes(big).map((i) => i.code)).toEqual(["E_TOO_LARGE"]);
  });

  it("bounds alias expansion (billion laughs)", () => {
    const ten = (name: string, of: string) =>
      `${name}: &${name} [${Array(10).fill(of).join(", ")}]\n`;
    const bomb = `${ten("a", "x")}${ten("b", "*a")}${ten("c", "*b")}${ten("d", "*c")}${ten("e", "*d")}${ten("f", "*e")}g: [${Array(10).fill("*f").join(", ")}]\n`;
    expect(codes(bomb)[0]?.code).toBe("E_TOO_COMPLEX");
  });

  it("reads JSON rule files too, with positions", () => {
    const json = JSON.stringify({ kaohe: 1, id: "t", title: 3 }, null, 2);
    const issues = codes(json);
    const t = issues.find((i) => i.code === "E_TYPE");
    expect(t).toMatchObject({ path: ["title"], line: 4, column: 12 });
  });
});

describe("static checks", () => {
  it("parent points must equal the sum of children, per category", () => {
    const text = GOOD.replace(
      "    clauses:\n      - id: a.1",
      "    children:\n      - id: a1\n        title: 子\n        points: 2\n        clauses:\n          - id: a.1",
    ).replace(
      "        type: per\n        fact: n\n        each: 0.2\n        text: 每处扣0.2分\n        ref: { doc: d }",
      "            type: per\n            fact: n\n            each: 0.2\n            text: 每处扣0.2分\n            ref: { doc: d }",
    );
    const issues = codes(text);
    expect(issues.map((i) => i.code)).toEqual(["E_POINTS_SUM"]);
    expect(issues[0]?.message).toContain("(3)");
    expect(issues[0]?.message).toContain("(2)");
  });

  it("the rule set's points must equal the sum of level-1 points", () => {
    expect(codes(GOOD.replace("points: 3\ntree", "points: 100\ntree")).map((i) => i.code)).toEqual([
      "E_POINTS_SUM",
    ]);
  });

  it("a cap above the points it caps is an error unless overdraw (倒扣)", () => {
    const capped = GOOD.replace(
      "    points: 3\n    clauses",
      "    points: 3\n    cap: 4\n    clauses",
    );
    expect(codes(capped).map((i) => i.code)).toEqual(["E_CAP_ABOVE_POINTS"]);
    expect(loadRuleSet(capped.replace("cap: 4", "cap: 4\n    overdraw: true")).ok).toBe(true);
    const clauseCap = GOOD.replace("each: 0.2", "each: 0.2\n        cap: 5");
    expect(codes(clauseCap).map((i) => i.code)).toEqual(["E_CAP_ABOVE_POINTS"]);
  });

  it("facts used but not declared, and facts of the wrong kind", () => {
    expect(codes(GOOD.replace("fact: n", "fact: m")).map((i) => i.code)).toContain(
      "E_UNDECLARED_FACT",
    );
    const asBool = GOOD.replace(
      "type: per\n        fact: n\n        each: 0.2",
      "type: fixed\n        when: n\n        amount: 1",
    );
    expect(codes(asBool).map((i) => i.code)).toEqual(["E_FACT_KIND"]);
  });

  it("duplicate ids", () => {
    const dup = GOOD.replace("id: a.1", "id: a");
    const issues = codes(dup);
    expect(issues.map((i) => i.code)).toEqual(["E_DUPLICATE_ID"]);
    expect(issues[0]?.message).toContain("tree[0]");
  });

  it("contradictory conditions and unreachable clauses", () => {
    const base = GOOD.replace(
      "  - id: n\n    label: 处数\n    type: count",
      "  - id: n\n    label: 处数\n    type: count\n  - id: r\n    label: 比率\n    type: rate",
    );
    const contra = base.replace(
      "      - id: a.1",
      "      - id: a.0\n        type: fixed\n        when: { all: [{ fact: r, gt: 90 }, { fact: r, lt: 80 }] }\n        amount: 1\n        text: x\n        ref: { doc: d }\n      - id: a.1",
    );
    expect(codes(contra).map((i) => i.code)).toEqual(["E_CONTRADICTION"]);
    const beyond = contra.replace(
      "{ all: [{ fact: r, gt: 90 }, { fact: r, lt: 80 }] }",
      "{ fact: r, gt: 100 }",
    );
    expect(codes(beyond).map((i) => i.code)).toEqual(["E_CONTRADICTION"]);
    const zero = GOOD.replace("each: 0.2", "each: 0");
    const r = loadRuleSet(zero);
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(["W_UNREACHABLE"]);
  });

  it("ranges with min > max", () => {
    const bad = GOOD.replace("    type: count", "    type: number\n    min: 5\n    max: 1");
    expect(codes(bad).map((i) => i.code)).toContain("E_RANGE");
  });

  it("references to unknown documents, categories and grades", () => {
    expect(codes(GOOD.replace("ref: { doc: d }", "ref: { doc: nope }")).map((i) => i.code)).toEqual(
      ["E_UNKNOWN_REF"],
    );
    expect(
      codes(
        GOOD.replace(
          "    points: 3\n    clauses",
          "    points: 3\n    only: [城中区]\n    clauses",
        ),
      ).map((i) => i.code),
    ).toContain("E_UNKNOWN_REF");
  });

  it("warns about declared facts nobody uses", () => {
    const unused = GOOD.replace("points: 3\ntree", "points: 3\ntree").replace(
      "    type: count\n",
      "    type: count\n  - id: spare\n    label: 多余\n    type: boolean\n",
    );
    const r = loadRuleSet(unused);
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(["W_UNUSED_FACT"]);
  });
});

describe("review fixes in checks", () => {
  it("a missing field that may take several forms is reported as required", () => {
    const issues = codes(GOOD.replace("        each: 0.2\n", ""));
    expect(issues.map((i) => [i.code, i.message.includes('"each"')])).toEqual([
      ["E_REQUIRED", true],
    ]);
    expect(codes(GOOD.replace("kaohe: 1\n", "")).map((i) => i.code)).toEqual(["E_REQUIRED"]);
  });
  it("a check cannot add, and a default must fit its fact", () => {
    expect(
      codes(
        GOOD.replace(
          "type: per\n        fact: n\n        each: 0.2",
          "type: check\n        effect: add\n        when: { fact: n, lt: 1 }",
        ),
      ).map((i) => i.code),
    ).toEqual(["E_MISPLACED"]);
    expect(
      codes(GOOD.replace("    type: count\n", "    type: count\n    max: 5\n    default: 9\n")).map(
        (i) => i.code,
      ),
    ).toEqual(["E_FACT_DECLARATION"]);
  });
});
