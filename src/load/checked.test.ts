import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile, ruleSet } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { KaoheError } from "../errors/issue.js";
import { isCheckedRuleSet, loadRuleSet, validateRuleSet } from "./load.js";

// Load checks a rule set once; compile does not check it again (it re-ran zod and the lint: 7 of
// 13 ms on the 湖北 set). What load returns is frozen, so it stays what was checked.

const small = {
  points: 1,
  facts: [{ id: "n", label: "n", type: "count" }],
  tree: [
    {
      id: "A",
      title: "A",
      points: 1,
      clauses: [
        { id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref: { doc: "doc" } },
      ],
    },
  ],
} as never;

const text = readFileSync("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml", "utf8");

describe("a checked rule set", () => {
  it("is what loadRuleSet and validateRuleSet return, frozen all the way down", () => {
    const r = loadRuleSet(text);
    if (!r.ok) throw new Error("does not load");
    expect(isCheckedRuleSet(r.ruleSet)).toBe(true);
    expect(Object.isFrozen(r.ruleSet)).toBe(true);
    expect(Object.isFrozen(r.ruleSet.tree[0])).toBe(true);
    expect(() => {
      (r.ruleSet as { points: unknown }).points = 1;
    }).toThrow(TypeError);
  });

  it("leaves the caller's own object alone", () => {
    const mine = ruleSet(small);
    const r = validateRuleSet(mine);
    expect(r.ok).toBe(true);
    expect(Object.isFrozen(mine)).toBe(false);
    expect(isCheckedRuleSet(mine)).toBe(false);
  });

  it("an unchecked copy is checked when compiled: a broken one is refused", () => {
    const r = loadRuleSet(text);
    if (!r.ok) throw new Error("does not load");
    const copy = JSON.parse(JSON.stringify(r.ruleSet));
    copy.tree[0].points = -5;
    let err: unknown;
    try {
      compileRuleSet(copy);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KaoheError);
    // The checked original compiles, as a copy of it does.
    expect(compileRuleSet(r.ruleSet).id).toBe(
      compileRuleSet(JSON.parse(JSON.stringify(r.ruleSet))).id,
    );
    expect(compile(small).id).toBe("test/set");
  });
});
