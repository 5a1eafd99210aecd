import { describe, expect, it } from "vitest";
import { type compile, plain, ref, ruleSet, score } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { markChecked } from "../load/checked.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { scoreUnit } from "./evaluate.js";

// Items scored directly (given.ts): the refusal of a score the assessors wrote wrong, in words
// that say what is wrong with it, and the trace entry of a score that stands. given.test.ts has
// the scoring itself.

/** One item 甲 of 10 points given by s, one of 10 points losing 1 per n; `node` overrides 甲. */
const base = (node: Record<string, unknown> = {}, s: Record<string, unknown> = {}) =>
  ruleSet({
    facts: [
      { id: "s", label: "甲项评分人给分", type: "number", ...s },
      { id: "n", label: "问题", type: "count", missing: "zero" },
    ],
    points: 20,
    tree: [
      { id: "甲", title: "一、群众满意度", points: 10, given: { fact: "s" }, ...node },
      {
        id: "乙",
        title: "二、制度建设",
        points: 10,
        clauses: [{ id: "乙1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
      },
    ],
  } as never);

/** The refusals of a unit, as [code, path, message]. */
const refused = (rs: ReturnType<typeof compile>, s: unknown) => {
  const r = scoreUnit(rs, { id: "u", facts: { s } });
  return r.ok ? [] : r.issues.map((i) => [i.code, i.path.join("."), i.message]);
};

describe("a given score refused, with what is wrong with it", () => {
  it("outside 0..points: says the range, the points being the item's", () => {
    const crs = compileRuleSet(base());
    for (const bad of [11, "-0.5", "10.01"])
      expect(refused(crs, bad)).toEqual([
        [
          "F_GIVEN_SCORE",
          "facts.s",
          `项目 "甲" 的评分人给分(事实「甲项评分人给分」(s))填的是 ${bad},应在 0 至 10 分之间(本项满分)`,
        ],
      ]);
  });

  it("too many places: a whole number where places is 0, else the places allowed", () => {
    const whole = compileRuleSet(base({ given: { fact: "s", places: 0 } }));
    expect(refused(whole, "8.5")).toEqual([
      [
        "F_GIVEN_SCORE",
        "facts.s",
        `项目 "甲" 的评分人给分(事实「甲项评分人给分」(s))填的是 8.5,应为整数分`,
      ],
    ]);
    expect(score(whole, { s: 8 }).total.toFixed()).toBe("18");
    const one = compileRuleSet(base({ given: { fact: "s", places: 1 } }));
    expect(refused(one, "8.25")).toEqual([
      [
        "F_GIVEN_SCORE",
        "facts.s",
        `项目 "甲" 的评分人给分(事实「甲项评分人给分」(s))填的是 8.25,最多保留 1 位小数(按规则,不四舍五入)`,
      ],
    ]);
    // The policy's 2 places by default.
    const two = compileRuleSet(base());
    expect(refused(two, "8.255")).toEqual([
      [
        "F_GIVEN_SCORE",
        "facts.s",
        `项目 "甲" 的评分人给分(事实「甲项评分人给分」(s))填的是 8.255,最多保留 2 位小数(按规则,不四舍五入)`,
      ],
    ]);
    expect(score(two, { s: "8.25" }).total.toFixed()).toBe("18.25");
  });

  it("a value that is not a score at all, should a rule set that skipped the lint let one through", () => {
    // The lint refuses a given fact whose absence means "not applicable" (E_GIVEN_NODE); one
    // marked checked without it must still be refused at the fact, not crash or score 0.
    const unchecked = base({}, { missing: "not-applicable" });
    expect(compileRuleSet.bind(null, unchecked)).toThrow();
    const crs = compileRuleSet(markChecked(structuredClone(unchecked) as RuleSetInput));
    const r = scoreUnit(crs, { id: "u", facts: {} });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
      [
        "F_GIVEN_SCORE",
        "facts.s",
        `项目 "甲" 的评分人给分(事实「甲项评分人给分」(s))填的是 (不适用),不是一个分数`,
      ],
    ]);
  });
});

describe("the trace entry of a given score", () => {
  it("names the item by its text, else its title, and cites its ref only when it has one", () => {
    const titled = score(compileRuleSet(base()), { s: "7.5" });
    const e = titled.trace.find((x) => x.kind === "given");
    expect(plain(e)).toStrictEqual({
      kind: "given",
      rule: "甲",
      node: "甲",
      measure: "points",
      delta: "-2.5",
      text: "一、群众满意度",
      facts: { s: "7.5" },
      effect: { type: "given", score: "7.5", points: "10" },
    });
    const worded = score(compileRuleSet(base({ text: "群众满意度由考核组评分,满分10分", ref })), {
      s: 9,
    });
    const w = worded.trace.find((x) => x.kind === "given");
    expect([w?.text, w?.ref]).toEqual([
      "群众满意度由考核组评分,满分10分",
      { doc: "doc", title: "测试文件", at: "第一条" },
    ]);
  });

  it("is not written when the caller asks for no trace; the score stands all the same", () => {
    const crs = compileRuleSet(base());
    const r = scoreUnit(crs, { id: "u", facts: { s: "7.5", n: 1 } }, { trace: false });
    expect(r.ok && [r.total.toFixed(), r.nodes.甲?.score.toFixed(), r.trace]).toEqual([
      "16.5",
      "7.5",
      [],
    ]);
  });
});
