import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issue } from "../errors/issue.js";
import { parseSource } from "../load/document.js";
import { parseUnits } from "../load/units.js";
import { parseJsonFast, parseUnitsJson } from "./json.js";

/** The fast path must give what parseSource gives, or step aside. */
function sameAsParseSource(text: string): void {
  const slow = parseSource(text);
  const fast = parseJsonFast(text);
  if (fast === null) return;
  expect(slow.issues).toEqual([]);
  expect(fast.data).toEqual(slow.data);
}

/** parseUnitsJson must give what parseUnits gives: units, issues, and positions. */
function sameAsParseUnits(text: string, paths: (string | number)[][] = []): void {
  const slow = parseUnits(text, "f.json");
  const fast = parseUnitsJson(text, "f.json");
  expect(fast.units).toEqual(slow.units);
  expect(fast.issues).toEqual(slow.issues);
  for (const u of slow.units)
    for (const p of paths) {
      const i = issue("F_UNIT_ID", p, { detail: "x" });
      expect(fast.locate?.(u.id, i)).toEqual(slow.locate?.(u.id, i));
    }
}

const TRICKY = [
  "{}",
  "[]",
  '{"a":1,"a":2}',
  '{"a":1,"\\u0061":2}',
  '{"__proto__":{"x":1}}',
  '{"constructor":1}',
  '{"a":{"prototype":1}}',
  '{"a":1e3}',
  '{"a":1E-7}',
  '{"a":12345678901234567890}',
  '{"a":100000000000000000000}',
  '{"a":0.30000000000000001}',
  '{"a":-0}',
  '{"a":-0.0}',
  '{"a":1.50}',
  '{"a":"\\ud83d\\ude00\\/\\"\\\\"}',
  '{"a\\"b":1,"a\\\\":2}',
  '{\n\t"a": 1\r\n}',
  `{"${"k".repeat(1100)}":1}`,
  `${"[".repeat(130)}${"]".repeat(130)}`,
  `${"[".repeat(126)}{"a":1}${"]".repeat(126)}`,
  `${"[".repeat(127)}{"a":1}${"]".repeat(127)}`,
  '"\\u2028"',
  "[1,2,]",
  "{'a':1}",
  "null",
  '  [ 1 , { "b" : [ true , false , null ] } ]  ',
  // The quick check (colons against keys, numbers after colons, the units list alone).
  '{"a":"x:y","a":1}',
  '{"a":"x:y","b":{"c":"1:2"}}',
  '{"a" :\n -12.5 , "b":[1e3]}',
  '{"a": [1, 2.5, -3]}',
  '{"a":{"b":1},"a":{"c":"::"}}',
  '{"units":[{"id":"a"}],"x":[1,2]}',
  '{"units":[{"id":"a","facts":{"n":1.5e2}}]}',
  '[{"id":"a","facts":{"n":-1234567890123456}}]',
  '[{"id":"a","facts":{"n":123456789012345}}]',
  "12",
];

describe("JSON fast path", () => {
  it("agrees with parseSource on tricky texts", () => {
    for (const t of TRICKY) sameAsParseSource(t);
  });

  it("refuses what parseSource refuses", () => {
    for (const t of TRICKY.slice(2, 10)) expect(parseJsonFast(t)).toBeNull();
    expect(parseJsonFast(TRICKY[11] as string)).toBeNull();
  });

  it("quick check: a colon in a string hides no repeated key, and spans are those scan finds", () => {
    expect(parseJsonFast('{"a":"x:y","a":1}')).toBeNull();
    expect(parseJsonFast('{"a":"x:y","b":1,"b":2}')).toBeNull();
    expect(parseJsonFast('{"a":{"__proto__":1}}')).toBeNull();
    expect(parseJsonFast('{"a":1.5e2}')).toBeNull();
    const text = '[{"id":"a"},\n {"id":"b","facts":{"n":1}}]';
    expect(parseJsonFast(text)?.spans).toEqual([
      [1, 11],
      [14, 40],
    ]);
    const units = '{"units": [{"id":"a"}, 7]}';
    expect(parseJsonFast(units)?.spans).toEqual([
      [11, 21],
      [23, 24],
    ]);
    // Something enumerable on Object.prototype: the quick check steps aside; repeats still found.
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      expect(parseJsonFast('{"a":1,"a":2}')).toBeNull();
      expect(parseJsonFast('{"a":1,"b":"x:y"}')?.data).toEqual({ a: 1, b: "x:y" });
    } finally {
      delete proto.polluted;
    }
  });

  it("counts the 8 MiB limit in UTF-8 bytes", () => {
    const limit = 8 * 1024 * 1024;
    // 是 is 3 bytes, 😀 (two UTF-16 units) 4, ASCII 1; `["` and `"]` are 4.
    const under3 = Math.floor((limit - 4) / 3);
    expect(parseJsonFast(`["${"是".repeat(under3)}"]`)).not.toBeNull();
    expect(parseJsonFast(`["${"是".repeat(under3 + 1)}"]`)).toBeNull();
    const under4 = Math.floor((limit - 4) / 4);
    expect(parseJsonFast(`["${"😀".repeat(under4)}"]`)).not.toBeNull();
    expect(parseJsonFast(`["${"😀".repeat(under4)}x"]`)).toBeNull();
    expect(parseJsonFast(`["${"x".repeat(limit - 4)}"]`)).not.toBeNull();
    expect(parseJsonFast(`["${"x".repeat(limit - 3)}"]`)).toBeNull();
  });

  it("reads clean JSON facts files past 8 MiB (to 64 MiB); unclean ones past 8 MiB are E_JSON_UNCHECKED", () => {
    // Some 12 MiB: 6,000 units of 40 facts, each with a long note.
    const unit = (i: number) => ({
      id: `单位${i}`,
      facts: Object.fromEntries(
        Array.from({ length: 40 }, (_, k) => [`f${k}`, `${"说明".repeat(8)}${k}`]),
      ),
    });
    const units = Array.from({ length: 6000 }, (_, i) => unit(i));
    const text = JSON.stringify({ units });
    expect(Buffer.byteLength(text)).toBeGreaterThan(8 * 1024 * 1024);
    const read = parseUnitsJson(text, "big.json");
    expect(read.issues).toEqual([]);
    expect(read.units.length).toBe(6000);
    expect(read.units[5999]).toEqual(unit(5999));
    // The same file with a key written twice: the YAML reader would place it, but not at 12 MiB.
    const twice = text.replace('"f0":', '"f1":"x","f0":');
    const refused = parseUnitsJson(twice, "big.json");
    expect(refused.units).toEqual([]);
    expect(refused.issues.map((i) => [i.code, i.file])).toEqual([["E_JSON_UNCHECKED", "big.json"]]);
    // Under 8 MiB the same mistake is placed at its line and column by the YAML reader.
    const small = JSON.stringify({ units: units.slice(0, 10) }).replace('"f0":', '"f1":"x","f0":');
    const placed = parseUnitsJson(small, "small.json");
    expect(placed.issues[0]?.code).toBe("E_DUPLICATE_KEY");
    expect(placed.issues[0]?.line).toBe(1);
  });

  it("refuses a JSON facts file over 64 MiB as E_TOO_LARGE", () => {
    const text = `[${`{"id":"x","facts":{"a":"${"x".repeat(1 << 20)}"}},`.repeat(64)}{"id":"y"}]`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024 * 1024);
    const r = parseUnitsJson(text, "huge.json");
    expect(r.issues.map((i) => i.code)).toEqual(["E_TOO_LARGE"]);
  });

  it("agrees with parseSource on generated JSON (differential)", () => {
    const key = fc.oneof(
      fc.constantFrom("a", "b", "id", "facts", "__proto__", "constructor", "1", "a\u0000", "é"),
      fc.string({ maxLength: 6 }),
    );
    const num = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(-0, 0.1, 1e21, 123456789012345680000),
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: "small" },
        fc.string({ maxLength: 8 }),
        num,
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("v"), { maxLength: 4 }),
        fc.array(fc.tuple(key, tie("v")), { maxLength: 4 }),
      ),
    })).v;
    // Objects are written by hand so that duplicate keys and odd spacing occur.
    const write = (v: unknown, ws: string): string => {
      if (
        Array.isArray(v) &&
        v.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === "string") &&
        v.length
      )
        return `{${ws}${(v as [string, unknown][]).map(([k, x]) => `${JSON.stringify(k)}${ws}:${write(x, ws)}`).join(`,${ws}`)}}`;
      if (Array.isArray(v)) return `[${v.map((x) => write(x, ws)).join(`,${ws}`)}]`;
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(value, fc.constantFrom("", " ", "\n  ", "\t", "\r\n"), (v, ws) => {
        sameAsParseSource(write(v, ws));
      }),
      { numRuns: 1500 },
    );
  });

  it("number tokens: exponent and long forms are left to parseSource", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        sameAsParseSource(`{"n":${JSON.stringify(d)}}`);
        sameAsParseSource(`[${d.toFixed(20)}]`);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseUnitsJson", () => {
  const unit = (id: string, extra = "") =>
    `{"id":${JSON.stringify(id)},"category":"other","facts":{"a":1,"b":"是","s":{"2009-01":3}}${extra}}`;

  it("gives parseUnits' units, issues and positions", () => {
    const paths = [["facts", "a"], ["facts", "s", "2009-01"], ["facts", "missing"], []];
    sameAsParseUnits(`{"units":[${unit("甲")},\n  ${unit("乙")}]}`, paths);
    sameAsParseUnits(`[\n${unit("甲")},\n${unit("乙")}\n]`, paths);
    sameAsParseUnits(`{"units": [\n    ${unit("甲")}, ${unit("乙")}\r\n  ]\n}`, paths);
    sameAsParseUnits(unit("甲"), paths);
    sameAsParseUnits(
      `${JSON.stringify({ units: [{ id: "甲", facts: { a: 1 } }, { id: 2 }] }, null, 2)}`,
      paths,
    );
  });

  it("falls back for every problem, so messages and lines are the YAML reader's", () => {
    for (const t of [
      `[${unit("甲")},${unit("甲")}]`,
      `[${unit("甲")},${unit("\u200b甲")}]`,
      `[${unit("甲", ',"colour":1')}]`,
      `[${unit("甲", ',"parent":null')}]`,
      `[${unit("甲", ',"parent":3')}]`,
      `[${unit("甲", ',"parts":{"x":{"facts":{}}}')}]`,
      `[${unit("甲", ',"self":{"facts":{"a":2}}')}]`,
      '[{"id":""}]',
      '[{"facts":{}}]',
      '[{"id":"a","facts":[]}]',
      '[{"id":"a","facts":null}]',
      '[{"id":"a","category":1}]',
      "[1]",
      '{"units":{}}',
      '{"x":1}',
      '"text"',
      '[{"id":"a","facts":{"n":1e3}}]',
      '[{"id":"a","facts":{"n":1,"n":2}}]',
    ])
      sameAsParseUnits(t, [["facts", "n"]]);
  });

  it("agrees with parseUnits on generated facts files (differential)", () => {
    const id = fc.oneof(
      fc.constantFrom("甲", "乙", "甲\u200b", " 乙", "", "丙"),
      fc.integer({ min: 0, max: 3 }),
    );
    const value = fc.oneof(
      fc.integer(),
      fc.constantFrom("是", "87.5%", 1e21, -0, 0.1),
      fc.boolean(),
    );
    const unit = fc.record(
      {
        id,
        category: fc.oneof(fc.constant("other"), fc.constant(3 as unknown as string)),
        facts: fc.oneof(fc.dictionary(fc.constantFrom("a", "b", "c"), value), fc.constant(null)),
        parent: fc.oneof(id, fc.constant(null)),
        colour: fc.constant("red"),
      },
      { requiredKeys: [] },
    );
    const file = fc.oneof(
      fc.array(unit, { maxLength: 5 }).map((u) => ({ units: u })),
      fc.array(unit, { maxLength: 5 }),
      unit,
    );
    fc.assert(
      fc.property(file, fc.constantFrom(0, 2), (f, indent) => {
        const text = JSON.stringify(f, null, indent);
        sameAsParseUnits(text, [["facts", "a"], ["category"], []]);
      }),
      { numRuns: 400 },
    );
  });

  it("is fast: 5,000 units within a few times JSON.parse", () => {
    const units = Array.from({ length: 5000 }, (_, k) => ({
      id: `单位${k}`,
      category: "other",
      facts: Object.fromEntries(
        Array.from({ length: 30 }, (_, j) => [`fact_${j}`, j % 3 ? j * 1.5 : "是"]),
      ),
    }));
    const text = JSON.stringify({ units }, null, 2);
    const t0 = performance.now();
    for (let r = 0; r < 3; r++) JSON.parse(text);
    const base = (performance.now() - t0) / 3;
    const t1 = performance.now();
    let out: ReturnType<typeof parseUnitsJson> | undefined;
    for (let r = 0; r < 3; r++) out = parseUnitsJson(text, "big.json");
    const fast = (performance.now() - t1) / 3;
    expect(out?.units.length).toBe(5000);
    expect(out?.issues).toEqual([]);
    // Generous for a loaded machine; measured about 2× here.
    expect(fast).toBeLessThan(Math.max(base * 6, 50));
    const placed = out?.locate?.(
      "单位4999",
      issue("F_UNIT_ID", ["facts", "fact_7"], { detail: "x" }),
    );
    const at = text.indexOf('"fact_7"', text.indexOf('"单位4999"'));
    expect(placed?.line).toBe(text.slice(0, at).split("\n").length);
    // At the value, as parseSource places it.
    expect(placed?.column).toBe(at + '"fact_7": '.length - text.lastIndexOf("\n", at));
  });
});
