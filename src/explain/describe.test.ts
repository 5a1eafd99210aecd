import { describe, expect, it } from "vitest";
import { compile, ref, score } from "../../test/helpers.js";
import { toDecimal } from "../decimal.js";
import type { TraceEntry } from "../evaluate/types.js";
import { describeEntry } from "./describe.js";

// Evaluation records effects only; the words of each entry are made here, when output is made,
// from its effect and what the entry says it is written in (扣/加, the measure's unit).

describe("describeEntry", () => {
  const crs = compile({
    measures: [
      { id: "points", label: "得分", unit: "分" },
      { id: "bonus", label: "奖励", unit: "元" },
    ],
    facts: [
      { id: "n", label: "问题", type: "count", missing: "not-applicable" },
      { id: "good", label: "好事", type: "count" },
      { id: "fake", label: "造假", type: "boolean" },
    ],
    points: 10,
    grades: { order: ["合格", "不合格"] },
    tree: [
      {
        id: "A",
        title: "A",
        points: 10,
        clauses: [
          { id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref },
          {
            id: "A2",
            type: "override",
            when: "fake",
            grade: "不合格",
            gradeScope: "node",
            flag: "造假",
            text: "造假",
            ref,
          },
        ],
      },
    ],
    adjustments: [
      {
        id: "奖",
        title: "奖励",
        clauses: [
          {
            id: "奖1",
            type: "per",
            fact: "good",
            each: 20,
            effect: "add",
            measure: "bonus",
            text: "每件奖20元",
            ref,
          },
        ],
      },
    ],
  });
  const r = score(crs, { good: 2, fake: true });
  const by = (rule: string, kind: TraceEntry["kind"]) =>
    r.trace.find((e) => e.rule === rule && e.kind === kind) as TraceEntry;

  it("records no words at evaluation", () => {
    for (const e of r.trace) expect(Object.hasOwn(e, "detail")).toBe(false);
  });

  it("says a clause's effect in its verb and its measure's unit", () => {
    const add = by("奖1", "add");
    expect(add.words).toEqual({ verb: "加", unit: "元" });
    expect(describeEntry(add)).toBe("2处×20元=40元");
    expect(describeEntry({ ...add, words: { verb: "扣", unit: "分" } })).toBe("2处×20分=40分");
  });

  it("a grade on the node, a flag, and a clause that did not apply", () => {
    expect(describeEntry(by("A2", "grade"))).toBe("本项直接定为不合格");
    const grade = by("A2", "grade");
    expect(describeEntry({ ...grade, words: { verb: "扣", unit: "分" } })).toBe("直接定为不合格");
    expect(describeEntry(by("A2", "flag"))).toBe("标记:造假");
    expect(describeEntry(by("A1", "not-applicable"))).toBe("所需事实不适用,本条不计");
  });

  it("a clause outdone by a higher one says so", () => {
    const e: TraceEntry = {
      kind: "info",
      rule: "x",
      node: null,
      measure: "points",
      text: "",
      facts: {},
      effect: { type: "fixed", amount: toDecimal(1) },
      words: { verb: "扣", unit: "分" },
    };
    expect(describeEntry(e)).toBe("情形成立,扣1分(同项按最高级别计分,不累加)");
    expect(describeEntry({ ...e, kind: "deduct" })).toBe("情形成立,扣1分");
  });
});
