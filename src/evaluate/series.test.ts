import { describe, expect, it } from "vitest";
import { compile, perNode, ref } from "../../test/helpers.js";
import { scoreSeries } from "./series.js";

// T8 streaks over a unit's periods: where a run starts, each run raised once, a new run after a
// break, every kind of condition, and the options passed to each period. Written against the
// survivors of a mutation run on series.ts (docs/reliability.md).

const crs = (when: Record<string, unknown>, count = 2) =>
  compile({
    facts: [{ id: "n", label: "问题", type: "count" }],
    points: 100,
    grades: { order: ["好", "差"], bands: [{ grade: "好", gte: 60 }, { grade: "差" }] },
    thresholds: [{ id: "T", of: "total", lt: 50, flag: "黄牌", text: "低于50分的", ref }],
    tree: [perNode("A", 100, "n", 1)],
    streaks: [{ id: "S", when, count, flag: "约谈", text: "连续两次的,约谈", ref }],
  } as never);
// Scores by period: 100 − n.
const series = (scores: number[]) =>
  scores.map((s, i) => ({ id: `P${i + 1}`, facts: { n: 100 - s } }));
const runs = (c: ReturnType<typeof crs>, scores: number[]) =>
  scoreSeries(c, { id: "u" }, series(scores)).streaks.map((s) => s.periods.join(","));

describe("scoreSeries streaks", () => {
  it("a run may start in the first period; a longer run is raised once", () => {
    expect(runs(crs({ grade: "差" }), [10, 20, 30, 90])).toEqual(["P1,P2"]);
  });

  it("after a break a new run is raised again", () => {
    expect(runs(crs({ grade: "差" }), [10, 20, 90, 30, 40, 50])).toEqual(["P1,P2", "P4,P5"]);
    expect(runs(crs({ grade: "差" }, 3), [10, 20, 90, 30, 40, 50])).toEqual(["P4,P5,P6"]);
  });

  it("reads a flag, or the total below (lt) or at most (lte) a line", () => {
    expect(runs(crs({ flag: "黄牌" }), [49, 48, 50])).toEqual(["P1,P2"]);
    expect(runs(crs({ lt: 50 }), [50, 49, 50, 49, 48])).toEqual(["P4,P5"]);
    expect(runs(crs({ lte: 50 }), [50, 49, 51])).toEqual(["P1,P2"]);
  });

  it("passes the options to every period", () => {
    const r = scoreSeries(crs({ grade: "差" }), { id: "u" }, series([10, 20]), { trace: false });
    expect(r.periods.map((p) => p.outcome.ok && p.outcome.trace.length)).toEqual([0, 0]);
    const traced = scoreSeries(crs({ grade: "差" }), { id: "u" }, series([10, 20]));
    expect(traced.periods.every((p) => p.outcome.ok && p.outcome.trace.length > 0)).toBe(true);
  });
});
