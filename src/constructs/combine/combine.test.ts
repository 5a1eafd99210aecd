import { describe, expect, it } from "vitest";
import { itemASet, plain, ref, reported } from "../../../test/helpers.js";
import { toDecimal } from "../../decimal.js";
import { combineWords, compileCombine } from "./compile.js";

// T1/T2: the same rule set scored over parts and combined by weight. Scoring the parts and
// combining them is in src/evaluate/combine-parts.ts; more of it in combine-parts.test.ts.

const combine = (parts: unknown[]) => ({
  parts,
  partRounding: "none",
  rounding: { places: 1, mode: "half-up" },
  text: "集中70%,日常30%",
  ref,
});
const set = (parts: unknown[]) => itemASet({ combine: combine(parts) });

describe("T1/T2 combine", () => {
  it("compiles once: every weight parsed, sub-parts too, the rest as stated", () => {
    const c = compileCombine(
      combine([
        {
          id: "上半年",
          label: "上半年考核",
          percent: "40",
          parts: [
            { id: "集中", label: "集中考核", percent: 70 },
            { id: "日常", label: "日常考核", percent: 30, rounding: { places: 0, mode: "up" } },
          ],
        },
        { id: "下半年", label: "年底考核", percent: 60, given: true },
      ]) as never,
    );
    expect(c.parts[0]?.parts?.[1]?.percent.toFixed()).toBe("30");
    expect(plain(c)).toEqual({
      parts: [
        {
          id: "上半年",
          label: "上半年考核",
          percent: "40",
          parts: [
            { id: "集中", label: "集中考核", percent: "70" },
            { id: "日常", label: "日常考核", percent: "30", rounding: { places: 0, mode: "up" } },
          ],
        },
        { id: "下半年", label: "年底考核", percent: "60", given: true },
      ],
      partRounding: "none",
      rounding: { places: 1, mode: "half-up" },
      text: "集中70%,日常30%",
      ref,
    });
  });

  it("says a part's weighting and the combined total, from their effects", () => {
    const part = (given: boolean) =>
      combineWords({
        type: "part",
        label: "集中考核",
        score: toDecimal("97"),
        percent: toDecimal("70"),
        weighted: toDecimal("67.9"),
        given,
      });
    expect(part(false)).toBe("集中考核97分×70%=67.9分");
    expect(part(true)).toBe("集中考核97分×70%=67.9分(给定分数)");
    const combined = (total: string) =>
      combineWords({
        type: "combined",
        exact: toDecimal("91.15"),
        total: toDecimal(total),
        places: 1,
      });
    expect(combined("91.2")).toBe("合计91.15分,保留1位小数为91.2分");
    expect(combined("91.15")).toBe("合计91.15分");
  });

  it("lints weights that do not add up to 100, repeated ids, negative weights, given with parts", () => {
    const p = (id: string, percent: number, extra: Record<string, unknown> = {}) => ({
      id,
      label: id,
      percent,
      ...extra,
    });
    expect(reported(set([p("a", 70), p("b", 30)]))).toEqual([]);
    expect(reported(set([p("a", 70), p("b", 20)]))).toEqual([["W_WEIGHTS", "combine.parts"]]);
    expect(reported(set([p("a", 70), p("a", 30)]))).toEqual([
      ["E_DUPLICATE_ID", "combine.parts.1.id"],
    ]);
    expect(reported(set([p("a", 110), p("b", -10)]))).toEqual([
      ["E_OUT_OF_RANGE", "combine.parts.1.percent"],
    ]);
    expect(
      reported(set([p("a", 70, { given: true, parts: [p("x", 50), p("y", 40)] }), p("b", 30)])),
    ).toEqual([
      ["E_EXCLUSIVE", "combine.parts.0"],
      ["W_WEIGHTS", "combine.parts.0.parts"],
    ]);
  });
});
