/**
 * Derived facts refused for a unit (F_DERIVED, src/compile/derive.ts): the whole issue — its
 * path at the derived fact, its Chinese message naming the fact by its label and saying why
 * (a zero denominator, a quotient that does not terminate, a value outside the fact's range,
 * with −∞/∞ for an open side) — and when nothing is refused: a derived fact the unit's rules do
 * not read, or one whose input is absent (the input's own F_MISSING_FACT, or forgiven with the
 * item that does not apply, C17).
 *
 * Equivalent mutants of deriveFacts/compute (no test can tell them apart):
 * - `label`'s `facts.get(id)?.label` → `facts.get(id).label`: every input is a declared fact
 *   (an undeclared one is E_UNDECLARED_FACT before compiling).
 * - `{ na: true }` → `{ na: false }`: the result is read with `"na" in r`, not its value.
 * - `named`'s `f.label !== f.id` → true: the message's `fact()` shows a label only when it
 *   differs from the id, so `{ fact, label }` with label = id reads as `{ fact }`.
 */
import { describe, expect, it } from "vitest";
import { fixedWhen, itemX, oneItem, perNode, rateD, ref, ruleSet } from "../../test/helpers.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { compileRuleSet } from "../index.js";

/** Facts and one 10-point item whose clause reads `d` (a fixed deduction when d > −1000000). */
function reading(facts: unknown[]) {
  return compileRuleSet(oneItem(facts, [fixedWhen({ fact: "d", gt: -1000000 })]));
}

const num = (id: string, label = `${id}数`, type = "number") => ({ id, label, type });
const issuesOf = (rs: ReturnType<typeof reading>, facts: Record<string, unknown>) => {
  const r = scoreUnit(rs, { id: "u", facts });
  return r.ok ? [] : r.issues;
};
const derivedIssue = (fact: string, message: string) => ({
  code: "F_DERIVED",
  severity: "error",
  path: ["facts", fact],
  message,
  unit: "u",
});

describe("F_DERIVED: a value that cannot be computed", () => {
  it("a zero denominator with ifZero: error names the denominator by its label", () => {
    const rs = reading([
      num("a", "按期审查数", "count"),
      num("b", "送审文件数", "count"),
      rateD("按期审查率", "error"),
    ]);
    expect(issuesOf(rs, { a: 0, b: 0 })).toEqual([
      derivedIssue("d", "事实「按期审查率」(d)由其他事实算出,无法得出:送审文件数为0,无法相除"),
    ]);
  });

  it("a quotient that does not terminate, with no round, asks for one", () => {
    const rs = reading([
      num("a"),
      num("b"),
      { id: "d", label: "商", type: "number", derive: { ratio: ["a", "b"], ifZero: 0 } },
    ]);
    expect(issuesOf(rs, { a: 1, b: 3 })).toEqual([
      derivedIssue(
        "d",
        "事实「商」(d)由其他事实算出,无法得出:商不是有限小数,规则须写明保留几位(round: { places, mode })",
      ),
    ]);
  });
});

describe("F_DERIVED: a value outside the derived fact's range", () => {
  // [what, the derived fact's declaration (id d), the inputs, the message's detail]
  const CASES: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    [
      "a count below 0",
      { label: "差额", type: "count", derive: { difference: ["a", "b"] } },
      { a: 3, b: 7 },
      "-4 超出范围 [0, ∞]",
    ],
    [
      "a count below its declared min",
      { label: "差额", type: "count", min: 2, derive: { difference: ["a", "b"] } },
      { a: 8, b: 7 },
      "1 超出范围 [2, ∞]",
    ],
    [
      "a count above its declared max",
      { label: "差额", type: "count", max: 5, derive: { difference: ["a", "b"] } },
      { a: 13, b: 7 },
      "6 超出范围 [0, 5]",
    ],
    [
      "a rate below 0",
      { label: "比率", type: "rate", derive: { ratio: ["a", "b"], percent: true, ifZero: 0 } },
      { a: -1, b: 4 },
      "-25 超出范围 [0, 100]",
    ],
    [
      "a rate above 100",
      { label: "比率", type: "rate", derive: { ratio: ["a", "b"], percent: true, ifZero: 0 } },
      { a: 21, b: 20 },
      "105 超出范围 [0, 100]",
    ],
    [
      "a number above its max, with no min",
      { label: "差额", type: "number", max: 10, derive: { sum: ["a", "b"] } },
      { a: 8, b: 4 },
      "12 超出范围 [−∞, 10]",
    ],
    [
      "a number below its min, with no max",
      { label: "差额", type: "number", min: -5, derive: { difference: ["a", "b"] } },
      { a: 1, b: 7 },
      "-6 超出范围 [-5, ∞]",
    ],
    [
      "a count that is not whole",
      { label: "差额", type: "count", derive: { difference: ["a", "b"] } },
      { a: "7.5", b: 7 },
      "0.5 不是整数(0 到 1000000000)",
    ],
  ];
  it.each(CASES)("%s", (_what, decl, facts, detail) => {
    const rs = reading([num("a"), num("b"), { id: "d", ...decl }]);
    expect(issuesOf(rs, facts)).toEqual([
      derivedIssue("d", `事实「${decl.label}」(d)由其他事实算出,无法得出:${detail}`),
    ]);
  });

  it("values on the edges of the range are accepted", () => {
    const count = reading([
      num("a"),
      num("b"),
      { id: "d", label: "差额", type: "count", derive: { difference: ["a", "b"] } },
    ]);
    expect(issuesOf(count, { a: 7, b: 7 })).toEqual([]);
    const rate = reading([num("a"), num("b"), rateD("比率", 0)]);
    expect(issuesOf(rate, { a: 20, b: 20 })).toEqual([]);
    expect(issuesOf(rate, { a: 0, b: 20 })).toEqual([]);
    // A number has no range of its own: −4 is a value.
    const number = reading([
      num("a"),
      num("b"),
      { id: "d", label: "差额", type: "number", derive: { difference: ["a", "b"] } },
    ]);
    expect(issuesOf(number, { a: 3, b: 7 })).toEqual([]);
  });

  it("a derived fact whose label is its id is named by its id alone", () => {
    const rs = reading([
      num("a"),
      num("b"),
      { id: "d", label: "d", type: "count", derive: { difference: ["a", "b"] } },
    ]);
    expect(issuesOf(rs, { a: 3, b: 7 })).toEqual([
      derivedIssue("d", '事实"d"由其他事实算出,无法得出:-4 超出范围 [0, ∞]'),
    ]);
  });
});

describe("when a derived fact is not refused", () => {
  // Clause x1 (reading d, a ratio refused at 0) is for 市 only; x2 for every category.
  const withY = compileRuleSet(
    ruleSet({
      categories: [
        { id: "city", label: "市" },
        { id: "county", label: "县" },
      ],
      facts: [
        num("a", "a数", "count"),
        num("b", "b数", "count"),
        num("n", "n数", "count"),
        rateD("比率", "error"),
      ],
      points: 10,
      tree: [
        itemX([
          fixedWhen({ fact: "d", lt: 50 }, { only: ["city"] }),
          { id: "x2", type: "per", fact: "n", each: 1, text: "每处扣1分", ref },
        ]),
      ],
    } as never),
  );

  it("read by no rule of the unit's category, it is not computed: the unit is scored", () => {
    const county = scoreUnit(withY, { id: "u", category: "county", facts: { a: 1, b: 0, n: 2 } });
    expect(county.ok && county.total.toFixed()).toBe("8");
    const city = scoreUnit(withY, { id: "u", category: "city", facts: { a: 1, b: 0, n: 2 } });
    expect(!city.ok && city.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_DERIVED", "facts.d"],
    ]);
  });

  it("an absent input is reported as itself, and the derived fact is left absent", () => {
    const rs = reading([
      num("a", "答复数", "count"),
      num("b", "申请数", "count"),
      rateD("答复率", 100),
    ]);
    const missing = (fact: string, label: string) => ({
      code: "F_MISSING_FACT",
      severity: "error",
      path: ["facts", fact],
      message: `缺少事实「${label}」(${fact})的值,而它没有默认值;请在该单位的 facts 中填写`,
      unit: "u",
    });
    expect(issuesOf(rs, { a: 3 })).toEqual([missing("b", "申请数")]);
    expect(issuesOf(rs, { b: 3 })).toEqual([missing("a", "答复数")]);
  });

  it("an absent input read only by an item that does not apply is forgiven (C17)", () => {
    // Item x (10 points, reading d) applies when `open`; item y (10 points) deducts 1 per n.
    const rs = compileRuleSet(
      ruleSet({
        facts: [
          { id: "open", label: "是否开展", type: "boolean" },
          num("a", "答复数", "count"),
          num("b", "申请数", "count"),
          num("n", "问题数", "count"),
          rateD("答复率", 100),
        ],
        points: 20,
        tree: [
          {
            id: "x",
            title: "x",
            points: 10,
            applicable: "open",
            ifNotApplicable: { mode: "rescale" },
            clauses: [
              { id: "x1", type: "fixed", amount: 1, when: { fact: "d", lt: 50 }, text: "t", ref },
            ],
          },
          perNode("y", 10, "n", 1),
        ],
      } as never),
    );
    for (const facts of [{ a: 3 }, { b: 3 }, {}]) {
      const r = scoreUnit(rs, { id: "u", facts: { open: false, n: 2, ...facts } });
      // y's 8 of 10, rescaled to the 20 points that apply.
      expect(r.ok && [r.total.toFixed(), r.nodes.x?.notApplicable]).toEqual(["16", true]);
    }
    // When it applies, the absent input is required.
    expect(
      (() => {
        const r = scoreUnit(rs, { id: "u", facts: { open: true, n: 2, a: 3 } });
        return !r.ok && r.issues.map((i) => [i.code, i.path.join(".")]);
      })(),
    ).toEqual([["F_MISSING_FACT", "facts.b"]]);
  });
});
