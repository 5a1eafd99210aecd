import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

const ratingSet = (clause: Record<string, unknown>) =>
  compile({
    facts: [{ id: "r", label: "评价", type: "choice", options: ["优", "良", "差"] }],
    points: 10,
    tree: [
      {
        id: "a",
        title: "a",
        points: 10,
        overdraw: true,
        clauses: [{ id: "a1", type: "rating", fact: "r", text: "评价", ref, ...clause } as never],
      },
    ],
  });

const detail = (r: ReturnType<typeof score>) => said(r.trace.find((e) => e.rule === "a1"));

describe("rating clause (C16)", () => {
  it("deducts what the rating does not award, saying so", () => {
    const crs = ratingSet({ scale: { 优: 10, 良: 8, 差: 0 } });
    const r = score(crs, { r: "良" });
    expect([t(r.total), detail(r)]).toEqual(["8", "评为良,得8分(满分10分),扣2分"]);
    expect([t(score(crs, { r: "优" }).total), detail(score(crs, { r: "优" }))]).toEqual([
      "10",
      undefined,
    ]);
  });

  it("a share of the item's points", () => {
    const r = score(ratingSet({ percent: { 优: 100, 良: 50, 差: 0 } }), { r: "良" });
    expect([t(r.total), detail(r)]).toEqual(["5", "评为良,得5分(满分10分),扣5分"]);
  });

  it("adds what the rating awards, when the clause adds", () => {
    const crs = ratingSet({ effect: "add", scale: { 优: 3, 良: 1, 差: 0 } });
    const r = score(crs, { r: "良" });
    expect([t(r.total), detail(r)]).toEqual(["11", "评为良,加1分"]);
    expect(detail(score(crs, { r: "差" }))).toBeUndefined();
  });

  // Pinned for the Stryker run. Judged equivalent: `if (amount.isZero()) return null` → false
  // (an outcome of 0 is neither traced nor added), and `if (!explain)` → false (the effect is
  // only read when the trace is on).
  it("scores the same with the trace off", () => {
    const quiet = (clause: Record<string, unknown>, r: string) => {
      const o = scoreUnit(ratingSet(clause), { id: "u", facts: { r } }, { trace: false });
      return o.ok ? [t(o.total), o.trace.length] : o.issues.map((i) => i.code);
    };
    expect(quiet({ scale: { 优: 10, 良: 8, 差: 0 } }, "良")).toEqual(["8", 0]);
    expect(quiet({ percent: { 优: 100, 良: 50, 差: 0 } }, "差")).toEqual(["0", 0]);
    expect(quiet({ effect: "add", scale: { 优: 3, 良: 1, 差: 0 } }, "优")).toEqual(["13", 0]);
  });
});
