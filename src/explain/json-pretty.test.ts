import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonSequence } from "./cohort-json.js";
import { writeJsonPretty } from "./json-pretty.js";

const written = (v: unknown) => {
  const lines: string[] = [];
  writeJsonPretty(v, (l) => lines.push(l));
  return lines.join("\n");
};

describe("writeJsonPretty", () => {
  it("writes exactly what JSON.stringify(value, null, 2) writes", () => {
    for (const v of [
      { a: 1, b: [1, 2, { c: "x\ny" }], d: [], e: {}, f: null, g: undefined, h: [undefined] },
      { units: [{ id: "甲", nodes: { A: { score: "1" } } }], ruleSet: "r" },
      [1, 2],
      "text",
      null,
      {},
    ])
      expect(written(v)).toBe(JSON.stringify(v, null, 2));
  });

  it("writes a JsonSequence as the list it gives, making each element only when it is written", () => {
    const made: number[] = [];
    const seq = (n: number) =>
      new JsonSequence(n, function* () {
        for (let i = 0; i < n; i++) {
          made.push(i);
          yield { i, text: `第${i}项\n` };
        }
      });
    for (const n of [0, 1, 3]) {
      made.length = 0;
      const lines: string[] = [];
      writeJsonPretty({ head: 1, units: seq(n), tail: [] }, (l) => {
        lines.push(l);
        // Element i is written before element i + 2 is made (one is held back for its comma).
        const written = lines.filter((x) => x.includes('"i"')).length;
        expect(made.length - written).toBeLessThanOrEqual(2);
      });
      const plain = {
        head: 1,
        units: Array.from({ length: n }, (_, i) => ({ i, text: `第${i}项\n` })),
        tail: [],
      };
      expect(lines.join("\n")).toBe(JSON.stringify(plain, null, 2));
      expect(JSON.stringify(seq(n))).toBe(JSON.stringify(plain.units));
    }
  });

  it("agrees with JSON.stringify on any JSON value (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (v) => {
        expect(written(v)).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it("writes a large array in pieces, none of them the whole", () => {
    const units = Array.from({ length: 1000 }, (_, i) => ({ id: `u${i}`, total: "1" }));
    const pieces: string[] = [];
    writeJsonPretty({ units }, (l) => pieces.push(l));
    expect(pieces.length).toBeGreaterThan(1000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(100);
  });
});
