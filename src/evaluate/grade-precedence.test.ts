import { describe, expect, it } from "vitest";
import { compile, perNode, ref, score } from "../../test/helpers.js";
import { forcedStands, worstGrade } from "./grade.js";

// Grades forced by a rule (C8/C9 overrides) against the band the total reaches (grade.ts), under
// both precedences (docs/rule-language.md: `override`, the default, lets the forced grade win;
// `worse` keeps the worse of the two), and the worst of several forced grades.
//
// Stryker, equivalent:
// - `crs.grades?.order ?? []` → `?? ["Stryker was here"]` (worstGrade and forcedStands): the
//   fallback is read only when the rule set has no grades, and then no grade can be forced (the
//   lint refuses a grade not in `grades.order`); any list without the grades reads as [].
// - in worstGrade, `worst === null` → `false`: order.indexOf(null) is −1, below the place of any
//   grade in the order, so the first forced grade is taken all the same.
// - in worstGrade, `>` → `>=`: two grades at the same place in the order are the same grade.
// - in forcedStands, `band === null` → `false`: with no band, order.indexOf(null) is −1, and a
//   forced grade (always in the order) is at or after it, so it stands all the same.

const ORDER = ["优秀", "良好", "合格", "不合格"];
const BANDS = [
  { grade: "优秀", gte: 90 },
  { grade: "良好", gte: 80 },
  { grade: "合格", gte: 60 },
  { grade: "不合格" },
];

/** 100 points, 1 off per n; vetoes forcing 良好 (when good), 合格 (fair), 不合格 (bad), in `veto order`. */
const rules = (
  precedence: "override" | "worse" | undefined,
  bands: unknown[] = BANDS,
  vetoOrder: string[] = ["good", "fair", "bad"],
) => {
  const forces: Record<string, string> = { good: "良好", fair: "合格", bad: "不合格" };
  return compile({
    policy: {
      rounding: { places: 2, mode: "half-up", at: "total" },
      missingFact: "error",
      ...(precedence ? { gradePrecedence: precedence } : {}),
    },
    facts: [
      { id: "n", label: "问题", type: "count" },
      ...Object.keys(forces).map((id) => ({ id, label: id, type: "boolean", default: false })),
    ],
    points: 100,
    grades: { order: ORDER, bands },
    tree: [perNode("A", 100, "n", 1)],
    vetoes: vetoOrder.map((id) => ({
      id: `定${forces[id]}`,
      type: "override",
      when: id,
      grade: forces[id],
      text: `直接定为${forces[id]}`,
      ref,
    })),
  } as never);
};

/** The unit's grade and where it came from, for n problems and the forcing facts set. */
const graded = (crs: ReturnType<typeof rules>, n: number, ...forced: string[]) => {
  const r = score(crs, { n, ...Object.fromEntries(forced.map((f) => [f, true])) });
  return [r.total.toFixed(), r.grade, r.gradeSource];
};

describe("a forced grade against the band", () => {
  const cases: [string, "override" | "worse" | undefined, number, string[], unknown[]][] = [
    // No forced grade: the band.
    ["no forced grade", "worse", 5, [], ["95", "优秀", "band"]],
    // `worse`: the forced grade stands when it is no better than the band.
    ["worse: forced 合格 below the band 优秀", "worse", 0, ["fair"], ["100", "合格", "override"]],
    ["worse: forced 良好 above the band 合格", "worse", 35, ["good"], ["65", "合格", "band"]],
    ["worse: forced 合格 equal to the band", "worse", 35, ["fair"], ["65", "合格", "override"]],
    [
      "worse: forced 不合格 below the band 良好",
      "worse",
      15,
      ["bad"],
      ["85", "不合格", "override"],
    ],
    // `override` (stated, or by default): the forced grade wins either way.
    [
      "override: forced 良好 above the band 合格",
      "override",
      35,
      ["good"],
      ["65", "良好", "override"],
    ],
    [
      "override: forced 合格 below the band 优秀",
      "override",
      0,
      ["fair"],
      ["100", "合格", "override"],
    ],
    [
      "default: forced 良好 above the band 不合格",
      undefined,
      50,
      ["good"],
      ["50", "良好", "override"],
    ],
  ];
  it.each(cases)("%s", (_, precedence, n, forced, want) => {
    expect(graded(rules(precedence), n, ...forced)).toEqual(want);
  });

  it("with no band reached, a forced grade stands under either precedence", () => {
    const noCatchAll = BANDS.slice(0, 2);
    expect(graded(rules("worse", noCatchAll), 50)).toEqual(["50", null, null]);
    expect(graded(rules("worse", noCatchAll), 50, "good")).toEqual(["50", "良好", "override"]);
    expect(graded(rules("override", noCatchAll), 50, "fair")).toEqual(["50", "合格", "override"]);
  });

  it("forcedStands on the compiled rule set, each precedence and no forced grade", () => {
    const worse = rules("worse");
    const over = rules("override");
    expect(forcedStands(worse, null, "合格")).toBe(false);
    expect(forcedStands(worse, "良好", "合格")).toBe(false);
    expect(forcedStands(worse, "合格", "合格")).toBe(true);
    expect(forcedStands(worse, "不合格", "合格")).toBe(true);
    expect(forcedStands(worse, "良好", null)).toBe(true);
    expect(forcedStands(over, "优秀", "不合格")).toBe(true);
    expect(forcedStands(over, null, "不合格")).toBe(false);
  });
});

describe("the worst of several forced grades", () => {
  it("is the latest in the order, whatever the order the rules forced them in", () => {
    for (const vetoOrder of [
      ["good", "fair", "bad"],
      ["bad", "fair", "good"],
      ["fair", "bad", "good"],
    ]) {
      const crs = rules("override", BANDS, vetoOrder);
      expect(graded(crs, 0, "good", "bad")).toEqual(["100", "不合格", "override"]);
      expect(graded(crs, 0, "good", "fair")).toEqual(["100", "合格", "override"]);
      expect(graded(crs, 0, "fair", "bad", "good")).toEqual(["100", "不合格", "override"]);
    }
  });

  it("worstGrade on the compiled rule set: none is null, one is itself, else the latest", () => {
    const crs = rules("override");
    expect(worstGrade(crs, [])).toBeNull();
    expect(worstGrade(crs, ["良好"])).toBe("良好");
    expect(worstGrade(crs, ["良好", "不合格"])).toBe("不合格");
    expect(worstGrade(crs, ["不合格", "良好"])).toBe("不合格");
    expect(worstGrade(crs, ["合格", "优秀", "良好"])).toBe("合格");
    expect(worstGrade(crs, new Set(["优秀", "良好"]))).toBe("良好");
  });
});
