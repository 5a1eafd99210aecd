import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../../test/helpers.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** Two items (a, b) and one veto v on the boolean x, or on the rate r where it is not applicable. */
const vetoSet = (v: Record<string, unknown>, when: unknown = "x") =>
  compile({
    facts: [
      { id: "x", label: "x", type: "boolean" },
      { id: "r", label: "r", type: "rate", missing: "not-applicable" },
    ],
    points: 10,
    grades: { order: ["合格", "不合格"] },
    tree: [
      {
        id: "a",
        title: "a",
        points: 6,
        clauses: [{ id: "a1", type: "check", when: "x", text: "a", ref }],
      },
      {
        id: "b",
        title: "b",
        points: 4,
        clauses: [{ id: "b1", type: "check", when: "x", text: "b", ref }],
      },
    ],
    vetoes: [{ id: "v", type: "override", when, text: "否决", ref, ...v } as never],
  });

/** The veto's own entry: there only when it deducts an amount. */
const vdetail = (r: ReturnType<typeof score>) =>
  said(r.trace.find((e) => e.rule === "v" && e.kind === "deduct"));

describe("override clause (C8/C9)", () => {
  it("says every effect it has, in order", () => {
    const r = score(
      vetoSet({
        grade: "不合格",
        total: 59,
        zero: ["a", "b"],
        stop: true,
        flag: "取消评先",
        amount: 2,
      }),
      { x: true },
    );
    expect(vdetail(r)).toBe(
      "直接定为不合格,总分记为59分,a、b不得分,其他项目不再评分,标记:取消评先,扣2分",
    );
    expect([t(r.total), r.stopped]).toEqual(["59", true]);
  });

  it("a total held at most, and a total of 0", () => {
    const most = score(vetoSet({ total: 5, totalMode: "at-most", amount: 1 }), { x: true });
    expect([t(most.total), vdetail(most)]).toEqual(["5", "总分不高于5分,扣1分"]);
    const zero = score(vetoSet({ total: 0, amount: 1 }), { x: true });
    expect([t(zero.total), vdetail(zero)]).toEqual(["0", "总分记为0分,扣1分"]);
  });

  it("zeroes the named items only, without stopping", () => {
    const r = score(vetoSet({ zero: ["b"], amount: 1 }), { x: true });
    expect([t(r.total), t(r.nodes.a?.score), t(r.nodes.b?.score), r.stopped]).toEqual([
      "5",
      "6",
      "0",
      false,
    ]);
    expect(vdetail(r)).toBe("b不得分,扣1分");
  });

  it("does nothing when its condition does not hold; not applicable when its fact is not", () => {
    const r = score(vetoSet({ total: 0, amount: 1 }), { x: false });
    expect([t(r.total), vdetail(r)]).toEqual(["0", undefined]);
    const ok = score(vetoSet({ total: 0 }, { fact: "r", lt: 50 }), { x: true });
    expect(t(ok.total)).toBe("10");
    expect(said(ok.trace.find((e) => e.rule === "v"))).toBe("所需事实不适用,本条不计");
    const hit = score(vetoSet({ total: 0 }, { fact: "r", lt: 50 }), { x: true, r: 40 });
    expect(t(hit.total)).toBe("0");
  });
});
