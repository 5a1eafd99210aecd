import { describe, expect, it } from "vitest";
import { fundsRuleSet, plain, ref, reported } from "../../../test/helpers.js";
import { toDecimal } from "../../decimal.js";
import { cohortFactWords, compileCohortFact } from "./compile.js";

// K5: the cohort's `facts`, computed over the whole cohort before units are scored. Computing
// them and filling them in is in src/cohort/cohort-figures.ts; worked examples in
// src/cohort/cohort.test.ts, their effects in src/cohort/cohort-effects.test.ts.

const share = {
  id: "late",
  over: "current" as const,
  compute: { itemShare: { fact: "funds", kind: "详细", atLeast: "40", unitKind: "总表" } },
  text: "若某项资金全省40%以上县市区已详细公开……",
  ref,
};
describe("K5 cohort facts", () => {
  it("compiles once: an item share's line parsed, its categories a set", () => {
    const c = compileCohortFact({ ...share, categories: ["county"] });
    expect(plain({ ...c, categories: [...(c.categories ?? [])] })).toEqual({
      id: "late",
      text: share.text,
      ref,
      compute: { itemShare: { fact: "funds", kind: "详细", atLeast: "40", unitKind: "总表" } },
      categories: ["county"],
      over: "current",
    });
    const mean = compileCohortFact({
      id: "prev_mean",
      over: "previous",
      compute: { mean: "rate" },
      text: "前一年度全省平均数",
      ref,
    });
    expect([mean.compute, mean.categories]).toEqual([{ mean: "rate" }, null]);
  });

  it("says the figure, rounded for display: each item's share against the line, or the mean", () => {
    const items = [
      { item: "X", units: 1, share: toDecimal(1).times(100).dividedBy(3), over: false },
      { item: "Y", units: 2, share: toDecimal(2).times(100).dividedBy(3), over: true },
    ];
    const e = { type: "item-share", kind: "详细", of: 3, atLeast: toDecimal("50") } as const;
    expect(cohortFactWords({ ...e, items })).toBe(
      "全体3个单位中详细的比例:X:1/3=33.33%;Y:2/3=66.67%≥50%",
    );
    expect(cohortFactWords({ ...e, items: [] })).toBe("全体3个单位中详细的比例:无");
    const mean = { type: "mean", of: 3, mean: toDecimal(271).dividedBy(3) } as const;
    expect(cohortFactWords({ ...mean, over: "current" })).toBe("本轮3个单位的平均数为90.3333");
    expect(cohortFactWords({ ...mean, over: "previous" })).toBe("上一轮3个单位的平均数为90.3333");
  });

  it("lints the fact it fills, the fact it reads and its categories", () => {
    expect(reported(fundsRuleSet([share]))).toEqual([]);
    // Filled into an undeclared fact; a mean of findings; categories undeclared.
    expect(
      reported(
        fundsRuleSet([
          { ...share, id: "nowhere", categories: ["town"] },
          { ...share, compute: { mean: "funds" } },
        ]),
      ),
    ).toEqual([
      ["E_UNDECLARED_FACT", "cohort.facts.0.id"],
      ["E_FACT_KIND", "cohort.facts.1.compute.mean"],
      ["E_UNKNOWN_REF", "cohort.facts.0.only.0"],
    ]);
    // A share of a kind the findings do not have, received by a fact that is not a count.
    expect(
      reported(
        fundsRuleSet(
          [
            {
              ...share,
              id: "rate",
              compute: { itemShare: { ...share.compute.itemShare, kind: "无" } },
            },
          ],
          [{ id: "rate", label: "比率", type: "rate", missing: "zero" }],
        ),
      ),
    ).toEqual([
      ["E_UNKNOWN_REF", "cohort.facts.0.compute.itemShare"],
      ["E_FACT_KIND", "cohort.facts.0.id"],
      // No rule reads the rate it fills.
      ["W_UNUSED_FACT", "facts.2"],
    ]);
  });
});
