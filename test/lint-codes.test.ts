import { describe, expect, it } from "vitest";
import { parseCases } from "../src/cases/runner.js";
import { validateRuleSet } from "../src/load/load.js";
import { LINT_CASES as cases } from "./lint-cases.js";

const errors = (rs: unknown) => {
  const r = validateRuleSet(rs);
  return r.ok
    ? []
    : r.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.path.join(".")]);
};

describe("finer codes for rule-file faults", () => {
  for (const [name, rs, [code, path]] of cases)
    it(code ? `${name}: ${code} at ${path}` : `${name} loads`, () => {
      const found = errors(rs);
      if (!code) expect(found).toEqual([]);
      else expect(found).toContainEqual([code, path]);
      expect(found.map(([c]) => c)).not.toContain("E_INVALID");
    });
});

describe("cases files: finer codes than E_INVALID", () => {
  const codesOf = (text: string) => parseCases(text, "c.yaml").issues.map((i) => i.code);
  it.each([
    ["cases: []", "C_EXPECTS_NOTHING"],
    ["cases:\n  - name: a\n    unit: { facts: {} }\n    expect: {}", "C_EXPECTS_NOTHING"],
    [
      "cases:\n  - name: a\n    units: [{ id: A, facts: {} }]\n    expect: { excluded: [] }",
      "E_MISPLACED",
    ],
    [
      "cases:\n  - name: a\n    unit: { facts: {} }\n    expect: { ranks: { A: 1 } }",
      "E_MISPLACED",
    ],
    ["cases:\n  - name: a\n    units: [{ id: A, facts: {} }]\n    expect: {}", "C_EXPECTS_NOTHING"],
    ["cases:\n  - 7", "C_SHAPE"],
    ["cases:\n  - name: a\n    unit: { facts: [] }\n    expect: { total: 1 }", "C_SHAPE"],
    ["cases:\n  - name: a\n    unit: { facts: {} }\n    expect: { total: x }", "C_SHAPE"],
    ["cases:\n  - name: a\n    units: [7]\n    expect: { ranks: { A: 1 } }", "C_SHAPE"],
    [
      "cases:\n  - name: a\n    units: [{ id: A }]\n    previous: 3\n    expect: { ranks: { A: 1 } }",
      "C_SHAPE",
    ],
  ])("%j → %s", (text, code) => {
    const codes = codesOf(text);
    expect(codes).toEqual([code]);
  });
});
