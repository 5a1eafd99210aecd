import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../../test/helpers.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** One item of 20 points with one step clause on the rate r. */
const stepSet = (clause: Record<string, unknown>) =>
  compile({
    facts: [
      { id: "r", label: "比率", type: "rate" },
      { id: "avg", label: "平均", type: "number", missing: "not-applicable" },
    ],
    points: 20,
    tree: [
      {
        id: "x",
        title: "x",
        points: 20,
        clauses: [
          {
            id: "x1",
            type: "step",
            fact: "r",
            text: "每低若干个百分点扣分",
            ref,
            ...clause,
          } as never,
        ],
      },
    ],
  });

const detail = (r: ReturnType<typeof score>) => said(r.trace.find((e) => e.rule === "x1"));

describe("step clause (C6)", () => {
  it("explains one band: shortfall, steps as the rule counts them, amount", () => {
    const r = score(stepSet({ below: 100, per: 5, each: 2, partial: "floor" }), { r: 93 });
    expect(t(r.total)).toBe("18");
    expect(detail(r)).toBe(
      "比率93%:低于100%的7个百分点,每5个百分点扣2分(不足一档不计),计1档,扣2分",
    );
    const c = score(stepSet({ below: 100, per: 5, each: 2, partial: "ceil" }), { r: 93 });
    expect(detail(c)).toBe(
      "比率93%:低于100%的7个百分点,每5个百分点扣2分(不足一档按一档计),计2档,扣4分",
    );
    const p = score(stepSet({ below: 100, per: 5, each: 2, partial: "prorata" }), { r: 93 });
    expect(detail(p)).toBe(
      "比率93%:低于100%的7个百分点,每5个百分点扣2分(按比例计),计1.4档,扣2.8分",
    );
  });

  it("a rate at the base deducts nothing; the cap is said", () => {
    const crs = stepSet({ below: 100, per: 5, each: 2, partial: "floor", cap: 5 });
    expect(detail(score(crs, { r: 100 }))).toBeUndefined();
    const r = score(crs, { r: 80 });
    expect(t(r.total)).toBe("15");
    expect(detail(r)).toBe(
      "比率80%:低于100%的20个百分点,每5个百分点扣2分(不足一档不计),计4档,扣8分;本条扣满5分为止",
    );
  });

  it("marginal bands: each band's share, the lowest band without a floor", () => {
    const crs = stepSet({
      bands: [
        { below: 96, per: 1, each: 0.25 },
        { below: 90, per: 1, each: 0.5 },
      ],
      bandMode: "marginal",
      partial: "prorata",
    });
    const r = score(crs, { r: 88 });
    expect(t(r.total)).toBe("17.5");
    expect(detail(r)).toBe(
      "比率88%:低于96%的6个百分点,每1个百分点扣0.25分(按比例计),计6档,扣1.5分;低于90%的2个百分点,每1个百分点扣0.5分(按比例计),计2档,扣1分",
    );
    // Exactly at the second band's start: only the first band charges.
    const at = score(crs, { r: 90 });
    expect(t(at.total)).toBe("18.5");
    expect(detail(at)).toBe(
      "比率90%:低于96%的6个百分点,每1个百分点扣0.25分(按比例计),计6档,扣1.5分",
    );
  });

  it("whole bands: the lowest band reached prices the whole shortfall from the top", () => {
    const crs = stepSet({
      bands: [
        { below: 96, per: 1, each: 0.25 },
        { below: 90, per: 2, each: 0.5 },
      ],
      bandMode: "whole",
      partial: "floor",
    });
    const r = score(crs, { r: 87 });
    // 9 points below 96, in steps of 2 at 0.5: 4 steps, 2 points.
    expect(t(r.total)).toBe("18");
    expect(detail(r)).toBe(
      "比率87%:低于96%共9个百分点,按低于90%档每2个百分点扣0.5分(不足一档不计),计4档,扣2分",
    );
    const first = score(crs, { r: 93 });
    expect(t(first.total)).toBe("19.25");
    expect(detail(first)).toBe(
      "比率93%:低于96%共3个百分点,按低于96%档每1个百分点扣0.25分(不足一档不计),计3档,扣0.75分",
    );
    expect(detail(score(crs, { r: 96 }))).toBeUndefined();
    expect(t(score(crs, { r: 96 }).total)).toBe("20");
  });

  it("a base naming a fact is read per unit; not applicable when that fact is", () => {
    const crs = stepSet({ below: { fact: "avg" }, per: 1, each: 1, partial: "floor" });
    const r = score(crs, { r: 85, avg: 90 });
    expect(t(r.total)).toBe("15");
    expect(detail(r)).toBe("比率85%:低于90%的5个百分点,每1个百分点扣1分(不足一档不计),计5档,扣5分");
    const na = score(crs, { r: 85 });
    expect(t(na.total)).toBe("20");
    expect(said(na.trace.find((e) => e.rule === "x1"))).toBe("所需事实不适用,本条不计");
  });
});
