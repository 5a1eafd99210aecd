import { describe, expect, it } from "vitest";
import { cohortRuleSet, plain, ref, reported } from "../../../test/helpers.js";
import { toDecimal } from "../../decimal.js";
import { compileLinked, linkedWords } from "./compile.js";

// K6: the cohort's `linked` scores. Linking them bottom-up over the units' parents is in
// src/cohort/cohort-link.ts; worked examples in src/cohort/cohort.test.ts.

const link = (extra: Record<string, unknown> = {}) => ({
  id: "市挂钩",
  category: "city",
  own: 50,
  children: "50",
  text: "市州考核成绩……与所属县、市、区考核成绩挂钩",
  ref,
  ...extra,
});

describe("K6 linked", () => {
  it("compiles once: its weights parsed", () => {
    expect(plain(compileLinked(link()))).toEqual({
      id: "市挂钩",
      text: link().text,
      category: "city",
      own: "50",
      children: "50",
    });
  });

  // Stryker: `roundTo(…, 4, "half-up")` → `""` in linkedWords is equivalent: an unknown mode is
  // undefined, and decimal.js then rounds with the class's own mode, ROUND_HALF_UP (src/decimal.ts,
  // which `set`/`config` cannot change), so the words cannot differ.
  it("says the linked score: own and the sub-units' mean weighted, the mean rounded for display", () => {
    const e = {
      type: "linked",
      own: toDecimal(90),
      ownPercent: toDecimal(50),
      children: 2,
      childrenMean: toDecimal("88.5"),
      childrenPercent: toDecimal(50),
      exact: toDecimal("89.25"),
      score: toDecimal("89.25"),
    } as const;
    expect(linkedWords(e)).toBe("本级90分×50%+所属2个单位平均88.5分×50%=89.25分,计89.25分");
    // A mean of 265 over 3 is said at 4 places, marked 约; so is a sum that does not end (≈),
    // never its 40 digits; the score as it is.
    const mean = toDecimal(265).dividedBy(3);
    expect(
      linkedWords({
        ...e,
        children: 3,
        childrenMean: mean,
        exact: toDecimal(90).times("0.5").plus(mean.times("0.5")),
        score: toDecimal("89.17"),
      }),
    ).toBe("本级90分×50%+所属3个单位平均约88.3333分×50%≈89.1667分,计89.17分");
    // A mean that does not end weighted into a sum that does (×30%): 约 on the mean, = on the sum.
    expect(
      linkedWords({
        ...e,
        children: 3,
        childrenMean: toDecimal("279.55").dividedBy(3),
        ownPercent: toDecimal(70),
        childrenPercent: toDecimal(30),
        exact: toDecimal("90.955"),
        score: toDecimal("90.96"),
      }),
    ).toBe("本级90分×70%+所属3个单位平均约93.1833分×30%=90.955分,计90.96分");
  });

  it("lints its category and weights that do not add up to 100", () => {
    const rs = (l: ReturnType<typeof link>) =>
      cohortRuleSet({ ranking: { ties: "shared" }, linked: [l] });
    expect(reported(rs(link()))).toEqual([]);
    expect(reported(rs(link({ category: "province" })))).toEqual([
      ["E_UNKNOWN_REF", "cohort.linked.0.category"],
    ]);
    expect(reported(rs(link({ own: 40 })))).toEqual([["W_WEIGHTS", "cohort.linked.0"]]);
  });
});
