import { describe, expect, it } from "vitest";
import { ruleSet } from "../../../test/helpers.js";
import { validateRuleSet } from "../../load/load.js";
import type { RuleSetInput } from "../../schema/ruleset.js";

// T8 streaks are rules like the others: their ids share the rules' namespace, their sources and
// grades must exist, and the flag they read must be raised by some rule. They were not checked at
// all: a streak reusing a clause id, citing an unknown document and an unknown grade loaded clean.

const ref = { doc: "doc", at: "第一条" };
const base = (streaks: unknown[], extra: Partial<RuleSetInput> = {}) =>
  ruleSet({
    points: 10,
    facts: [{ id: "n", type: "count", label: "问题数" }],
    grades: { order: ["好", "差"], bands: [{ grade: "好", gte: 60 }, { grade: "差" }] },
    tree: [
      {
        id: "A",
        title: "甲",
        points: 10,
        ref,
        clauses: [{ id: "A.1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
      },
    ],
    streaks,
    ...extra,
  } as never);

const issuesOf = (rs: unknown) => {
  const r = validateRuleSet(rs);
  return r.ok
    ? r.warnings.map((w) => [w.code, w.path.join(".")])
    : r.issues.map((i) => [i.code, i.path.join(".")]);
};

const streak = (over: Record<string, unknown>) => ({
  id: "连续差",
  when: { grade: "差" },
  count: 2,
  flag: "约谈",
  text: "连续两次为差的,约谈",
  ref,
  ...over,
});

describe("streaks are linted", () => {
  it("a well-formed streak loads with no issue", () => {
    expect(issuesOf(base([streak({})]))).toEqual([]);
  });

  it("a streak id used by a clause is E_DUPLICATE_ID", () => {
    expect(issuesOf(base([streak({ id: "A.1" })]))).toContainEqual([
      "E_DUPLICATE_ID",
      "streaks.0.id",
    ]);
  });

  it("an unknown document is E_UNKNOWN_REF", () => {
    expect(issuesOf(base([streak({ ref: { doc: "nope", at: "x" } })]))).toContainEqual([
      "E_UNKNOWN_REF",
      "streaks.0.ref.doc",
    ]);
  });

  it("an unknown grade is E_UNKNOWN_REF", () => {
    expect(issuesOf(base([streak({ when: { grade: "优秀" } })]))).toContainEqual([
      "E_UNKNOWN_REF",
      "streaks.0.when.grade",
    ]);
  });

  it("a flag no rule raises is W_UNREACHABLE; one a threshold or an earlier streak raises is not", () => {
    expect(issuesOf(base([streak({ when: { flag: "黄牌" } })]))).toEqual([
      ["W_UNREACHABLE", "streaks.0.when.flag"],
    ]);
    const threshold = {
      thresholds: [{ id: "T", of: "total", lt: 60, flag: "黄牌", text: "低于60分的,黄牌", ref }],
    } as Partial<RuleSetInput>;
    expect(issuesOf(base([streak({ when: { flag: "黄牌" } })], threshold))).toEqual([]);
    expect(
      issuesOf(base([streak({}), streak({ id: "再约谈", when: { flag: "约谈" }, flag: "通报" })])),
    ).toEqual([]);
  });
});
