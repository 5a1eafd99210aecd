/**
 * How a derived fact that is not applicable is explained (derivedText, src/compile/derive.ts):
 * the value shown as (不适用), an input not applicable shown as such, a zero denominator with
 * `ifZero: not-applicable` said in words — in the trace's facts and in the rendered explanation.
 *
 * Equivalent mutants of derivedText (no test can tell them apart):
 * - `num`'s `facts.get(id)?.type` → `facts.get(id).type`: every id shown is a declared fact.
 * - `arg`'s `x === undefined` → false, and its `""` for an absent input: derivedText is called
 *   for a derived fact that has a value, and deriveFacts gives one only when every input is
 *   present (an absent input leaves it absent), so an input is never absent here.
 * - ratio's `den !== undefined` → true: likewise, the denominator is always present.
 */
import { describe, expect, it } from "vitest";
import { rateD, ref, ruleSet } from "../../test/helpers.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { renderExplanation } from "../explain/render.js";
import { compileRuleSet } from "../index.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { derivedText } from "./derive.js";

/** Facts and one 10-point item whose clause x1 reads `d` (1 point off when d < 50). */
const reading = (facts: unknown[]) =>
  compileRuleSet(
    ruleSet({
      facts: facts as RuleSetInput["facts"],
      points: 10,
      tree: [
        {
          id: "x",
          title: "答复情况",
          points: 10,
          clauses: [
            {
              id: "x1",
              type: "fixed",
              amount: 1,
              when: { fact: "d", lt: 50 },
              text: "答复率低于50%的扣1分",
              ref,
            },
          ],
        },
      ],
    } as never),
  );

const count = (id: string, label: string, more = {}) => ({ id, label, type: "count", ...more });
const naCount = (id: string, label: string) => count(id, label, { missing: "not-applicable" });

/** The trace entry of x1 for a unit with these facts (the unit must be scored). */
function x1(rs: ReturnType<typeof reading>, facts: Record<string, unknown>) {
  const r = scoreUnit(rs, { id: "u", facts });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { r, entry: r.trace.find((e) => e.rule === "x1") };
}

describe("a derived fact that is not applicable, explained", () => {
  it("a zero denominator with ifZero: not-applicable says so, in the trace and the explanation", () => {
    const rs = reading([
      count("a", "答复数"),
      count("b", "申请数"),
      rateD("答复率", "not-applicable"),
    ]);
    const { r, entry } = x1(rs, { a: 0, b: 0 });
    expect(entry?.kind).toBe("not-applicable");
    expect(entry?.facts).toEqual({ d: "(不适用)(申请数0,不适用)" });
    expect(renderExplanation(rs, r)).toContain("(答复率=(不适用)(申请数0,不适用))");
  });

  it("a zero denominator with a stated value says 按规定计", () => {
    const rs = reading([count("a", "答复数"), count("b", "申请数"), rateD("答复率", 40)]);
    const { entry } = x1(rs, { a: 0, b: 0 });
    expect([entry?.kind, entry?.facts]).toEqual(["deduct", { d: "40%(申请数0,按规定计)" }]);
  });

  it("a denominator not applicable makes the ratio not applicable, both shown", () => {
    const rs = reading([count("a", "答复数"), naCount("b", "申请数"), rateD("答复率", 100)]);
    const { r, entry } = x1(rs, { a: 3 });
    expect([entry?.kind, entry?.facts]).toEqual([
      "not-applicable",
      { d: "(不适用)(答复数3 ÷ 申请数(不适用))" },
    ]);
    expect(renderExplanation(rs, r)).toContain("(答复率=(不适用)(答复数3 ÷ 申请数(不适用)))");
  });

  // [the derive, the facts given (n or q left out: not applicable), the text of d]
  const GAPS: [Record<string, unknown>, Record<string, unknown>, string][] = [
    [{ shortfall: { of: "n", quota: 12 } }, {}, "(不适用)(定额12 − 报送篇数(不适用))"],
    [{ excess: { of: "n", quota: 12 } }, {}, "(不适用)(报送篇数(不适用) − 定额12)"],
    [
      { shortfall: { of: "m", quota: { fact: "n" } } },
      { m: 5 },
      "(不适用)(报送篇数(不适用) − 采用篇数5)",
    ],
    [
      { excess: { of: "m", quota: { fact: "n" } } },
      { m: 5 },
      "(不适用)(采用篇数5 − 报送篇数(不适用))",
    ],
    [{ sum: ["m", "n"] }, { m: 5 }, "(不适用)(采用篇数5 + 报送篇数(不适用))"],
  ];
  it.each(GAPS)("%j with an input not applicable: %j → %s", (derive, facts, text) => {
    const rs = reading([
      naCount("n", "报送篇数"),
      count("m", "采用篇数"),
      { id: "d", label: "差额", type: "count", derive },
    ]);
    const { entry } = x1(rs, facts);
    expect([entry?.kind, entry?.facts]).toEqual(["not-applicable", { d: text }]);
  });
});

describe("derivedText of a derived fact with no value", () => {
  it("is empty: nothing to show, and no input read", () => {
    const rs = reading([count("a", "答复数"), count("b", "申请数"), rateD("答复率", 100)]);
    const dv = rs.derived.get("d");
    if (!dv) throw new Error("d is derived");
    expect(derivedText(dv, new Map(), rs.facts)).toBe("");
  });
});
