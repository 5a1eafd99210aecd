import { describe, expect, it } from "vitest";
import { compile, perNode, ref, score } from "../../test/helpers.js";

describe("C17 shares stay exact", () => {
  const mk = (mode: "spread" | "rescale", to?: string[]) =>
    compile({
      policy: { rounding: { places: 2, mode: "down", at: "total" }, missingFact: "zero" },
      facts: [
        { id: "has", label: "有", type: "boolean" },
        { id: "n", label: "问题", type: "count" },
      ],
      points: 30,
      tree: [
        {
          id: "S",
          title: "S",
          points: 10,
          applicable: "has",
          ifNotApplicable: to ? { mode, to } : { mode },
          clauses: [{ id: "S1", type: "per", fact: "n", each: 1, text: "x", ref }],
        },
        perNode("A", 7, "n", 1, "x"),
        perNode("B", 7, "n", 0, "x"),
        perNode("C", 6, "n", 0, "x"),
      ],
    });
  it("a unit with full marks keeps the full score when 10 points spread over three items", () => {
    const r = score(mk("spread"), { has: false, n: 0 });
    expect(r.unrounded.toFixed()).toBe("30");
    expect(r.total.toFixed()).toBe("30");
  });
  it("named receivers that do not apply hand over to the applicable siblings", () => {
    const crs = compile({
      policy: { rounding: { places: 2, mode: "down", at: "total" }, missingFact: "zero" },
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "no", label: "否", type: "boolean" },
      ],
      points: 30,
      tree: [
        {
          id: "S",
          title: "S",
          points: 10,
          applicable: "no",
          ifNotApplicable: { mode: "spread", to: ["A"] },
          clauses: [{ id: "S1", type: "per", fact: "n", each: 1, text: "x", ref }],
        },
        {
          id: "A",
          title: "A",
          points: 7,
          applicable: "no",
          ifNotApplicable: { mode: "spread", to: ["S"] },
          clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "x", ref }],
        },
        perNode("B", 7, "n", 0, "x"),
        perNode("C", 6, "n", 0, "x"),
      ],
    });
    expect(score(crs, { no: false, n: 0 }).total.toFixed()).toBe("30");
  });
  it("rescale with a loss: (7−1)×30/20 + 7×30/20 + 6×30/20 = 28.5", () => {
    const r = score(mk("rescale"), { has: false, n: 1 });
    expect(r.unrounded.toFixed()).toBe("28.5");
  });
});
