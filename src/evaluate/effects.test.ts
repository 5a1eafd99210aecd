import { describe, expect, it } from "vitest";
import {
  combineGiven,
  compile,
  item,
  perNode,
  plain,
  ref,
  said,
  score,
} from "../../test/helpers.js";
import { type EngineEffect, engineWords } from "./effects.js";
import { scoreUnit } from "./evaluate.js";
import type { TraceEntry } from "./types.js";

// What the engine itself did (caps, the floor at 0, rounding, zeroing, gates, the total's fixing)
// is recorded as data in each entry's `effect`, and its words are made from it in one place.

const effects = (trace: readonly TraceEntry[], kind: TraceEntry["kind"]) =>
  trace.filter((e) => e.kind === kind).map((e) => plain(e.effect));

describe("engine effects", () => {
  it("a node's cap, and its words made from it", () => {
    const crs = compile({
      facts: [{ id: "n", label: "问题", type: "count" }],
      points: 10,
      tree: [perNode("A", 10, "n", 0.5, "每处扣0.5分", { cap: 2 })],
    });
    const r = score(crs, { n: 7 });
    expect(effects(r.trace, "deduct-cap")).toEqual([{ type: "node-cap", lost: "3.5", cap: "2" }]);
    const cap = r.trace.find((e) => e.kind === "deduct-cap");
    expect(said(cap)).toBe(engineWords(cap?.effect as EngineEffect));
    expect(said(cap)).toBe("本项扣分3.5分,以2分为限(扣完为止)");
  });

  it("rounding, a gate, and a veto's fixed total", () => {
    const crs = compile({
      policy: { rounding: { places: 1, mode: "half-up", at: "total" }, missingFact: "error" },
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "fake", label: "弄虚作假", type: "boolean" },
      ],
      points: 100,
      grades: { order: ["合格", "不合格"] },
      tree: [
        item("A", 100, [
          { id: "A1", type: "per", fact: "n", each: "10.05", text: "每处扣10.05分", ref },
        ]),
      ],
      gates: [{ id: "g", lt: 60, grade: "不合格", text: "低于60分,判定为不合格", ref }],
      vetoes: [{ id: "V", type: "override", when: "fake", total: 0, text: "弄虚作假的归零", ref }],
    });
    const r = score(crs, { n: 5, fake: false });
    expect(effects(r.trace, "round")).toEqual([{ type: "round", places: 1 }]);
    expect(effects(r.trace, "gate")).toEqual([
      { type: "gate", score: "49.8", grade: "不合格", opensBonus: false, stop: false },
    ]);
    const z = score(crs, { n: 1, fake: true });
    expect(effects(z.trace, "fixed-total")).toEqual([{ type: "total", mode: "fixed", total: "0" }]);
  });

  it("every entry the engine writes in the bundled style carries an effect its words come from", () => {
    const crs = compile({
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "fake", label: "弄虚作假", type: "boolean" },
      ],
      points: 10,
      tree: [perNode("A", 4, "n", 3), perNode("B", 6, "n", 1)],
      vetoes: [{ id: "V", type: "override", when: "fake", zero: ["B"], text: "B项不得分", ref }],
    });
    const r = score(crs, { n: 2, fake: true });
    for (const e of r.trace) {
      expect(e.effect, `${e.kind} ${e.rule}`).toBeDefined();
      if (e.kind !== "deduct" && e.kind !== "add" && e.kind !== "grade" && e.kind !== "flag")
        expect(said(e)).toBe(engineWords(e.effect as EngineEffect));
    }
    expect(effects(r.trace, "zero")).toEqual([{ type: "zero" }]);
  });

  it("a threshold, a part's weight and the combined total", () => {
    const crs = compile({
      facts: [{ id: "n", label: "问题", type: "count" }],
      points: 100,
      thresholds: [{ id: "T", of: "total", lt: 80, flag: "约谈", text: "低于80分的,约谈", ref }],
      tree: [perNode("A", 100, "n", 1)],
      combine: combineGiven(0),
    } as never);
    const r = scoreUnit(crs, {
      id: "u",
      facts: {},
      parts: { 集中: { facts: { n: 25 } }, 日常: { score: 81 } } as never,
    });
    const trace = r.ok ? r.trace : [];
    expect(effects(trace, "combine")).toEqual([
      {
        type: "part",
        label: "集中考核",
        score: "75",
        percent: "70",
        weighted: "52.5",
        given: false,
      },
      {
        type: "part",
        label: "日常考核",
        score: "81",
        percent: "30",
        weighted: "24.3",
        given: true,
      },
      { type: "combined", exact: "76.8", total: "77", places: 0 },
    ]);
    expect(effects(trace, "flag").at(-1)).toEqual({ type: "threshold", value: "77", flag: "约谈" });
    for (const e of trace.filter((x) => x.effect && x.kind !== "deduct"))
      expect(said(e)).toBe(engineWords(e.effect as EngineEffect));
  });
});
