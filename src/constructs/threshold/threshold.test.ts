import { describe, expect, it } from "vitest";
import { compile, itemASet, plain, ref, reported, said, score } from "../../../test/helpers.js";
import { toDecimal } from "../../decimal.js";
import { compileThreshold, thresholdWords } from "./compile.js";

// C15: flags raised when a figure meets a bound. Reading the figure is in src/evaluate/common.ts
// (thresholdFlags), shared by single, combined and cohort scores.

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed() ?? null;
const set = (thresholds: unknown[]) => itemASet({ thresholds });

describe("C15 threshold", () => {
  it("compiles once: its bounds parsed, the rest as stated", () => {
    const c = compileThreshold({ id: "t", of: "total", lt: "60.5", flag: "约谈", text: "x", ref });
    expect(plain(c)).toEqual({
      id: "t",
      of: "total",
      lt: "60.5",
      flag: "约谈",
      text: "x",
      ref,
      bounds: { lt: "60.5" },
    });
  });

  it("says the figure and the flag, from its effect", () => {
    expect(thresholdWords({ type: "threshold", value: toDecimal("77"), flag: "约谈" })).toBe(
      "77:约谈",
    );
  });

  it("raises its flag when the figure meets the bound, with its effect in the trace", () => {
    const crs = compile(
      set([
        { id: "约谈线", of: "total", lt: 80, flag: "约谈", text: "低于80分的约谈", ref },
        { id: "扣分多", of: "deducted", gte: 30, flag: "通报", text: "扣30分以上的通报", ref },
        { id: "A低", of: { node: "A" }, lte: 50, flag: "A低", text: "A不高于50分", ref },
      ]),
    );
    const r = score(crs, { n: 23 });
    expect([t(r.total), r.flags]).toEqual(["77", ["约谈"]]);
    const e = r.trace.find((x) => x.kind === "flag");
    expect(plain(e?.effect)).toEqual({ type: "threshold", value: "77", flag: "约谈" });
    expect(said(e)).toBe("77:约谈");
    expect(score(crs, { n: 50 }).flags).toEqual(["约谈", "通报", "A低"]);
    expect(score(crs, { n: 10 }).flags).toEqual([]);
  });

  it("lints a threshold with no bound, an unknown node or measure, or an empty range", () => {
    expect(reported(set([{ id: "t", of: "total", flag: "f", text: "x", ref }]))).toEqual([
      ["E_REQUIRED", "thresholds.0"],
    ]);
    expect(
      reported(set([{ id: "t", of: { node: "B" }, lt: 1, flag: "f", text: "x", ref }])),
    ).toEqual([["E_UNKNOWN_REF", "thresholds.0.of.node"]]);
    expect(
      reported(set([{ id: "t", of: { measure: "元" }, lt: 1, flag: "f", text: "x", ref }])),
    ).toEqual([["E_UNKNOWN_REF", "thresholds.0.of.measure"]]);
    expect(
      reported(set([{ id: "t", of: "total", gte: 80, lt: 60, flag: "f", text: "x", ref }])),
    ).not.toEqual([]);
    expect(
      reported(set([{ id: "t", of: "total", gte: 60, lt: 80, flag: "f", text: "x", ref }])),
    ).toEqual([]);
  });
});
