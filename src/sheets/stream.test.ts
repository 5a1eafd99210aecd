import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { loadRuleSet } from "../load/load.js";
import { MAX_UNITS } from "../load/units.js";
import { combine, unitsAsSource } from "./layout.js";
import { type FactsInput, readFactsSync, sheetByteLimit } from "./read.js";
import { encodeGbk } from "./test-helpers.js";

// Read from chunks (the CLI reads CSV and JSON Lines files this way, never holding the file or
// its text whole), a file must give exactly what its bytes read whole give: units, issues, places
// and the row summary, wherever the chunks split it — inside a character, a quoted cell, a CRLF.

const loaded = loadRuleSet(
  readFileSync("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml", "utf8"),
  { file: "rules.yaml" },
);
if (!loaded.ok) throw new Error("rule set does not load");
const crs = compileRuleSet(loaded.ruleSet);

const utf8 = (t: string) => new TextEncoder().encode(t);
const withBom = (t: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(t)]);

/** The bytes split at the given cut points (sorted, within the length). */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

const read = (x: FactsInput, maxRows?: number) => {
  const r = readFactsSync([x], {
    ruleSet: crs,
    ...(maxRows !== undefined ? { limits: { maxRows } } : {}),
  });
  // Every unit's first issue placed, as the CLI places them.
  const placed = r.units.map((u) =>
    r.locate(u.id, {
      code: "F_FACT_TYPE",
      path: ["facts", "news_monthly"],
      message: "",
      severity: "error",
    } as never),
  );
  return { units: r.units, issues: r.issues, summary: r.summary, placed };
};

const WIDE = [
  "单位,类别,政务信息月报[2009-01],政务信息月报[2009-02],实名制管理资金公开率(行政)",
  "# 注释行",
  '江岸区,other,3,"4",87.5%',
  "",
  '江汉区,chengzhong,,2,"9""0"',
  "江岸区,other,1,1,1",
  ",other,1,1,1",
  "硚口区,other,1,,",
  "",
].join("\r\n");

const LONG = [
  "单位,事实,种类,数量,对象,日期",
  "江岸区,staff_errors,,2,区财政局,2009/3/1",
  "江岸区,不存在的事实,,1,,",
  '江汉区,staff_errors,,"x",,',
  ",staff_errors,,1,,",
  "江汉区,staff_errors,,1,区编办,2009-04-02",
].join("\n");

const JSONL_WIDE = [
  '{"id":"江岸区","category":"other","facts":{"news_monthly":{"2009-01":3}}}',
  "",
  '{"id":"江汉区","facts":{"news_monthly":{"2009-01":"x"}}}',
  "{not json",
  '{"id":"江岸区","facts":{}}',
].join("\n");

const JSONL_LONG = [
  '{"单位":"江岸区","事实":"staff_errors","数量":2,"对象":"区财政局"}',
  '{"unit":"江汉区","fact":"staff_errors","count":1}',
  '{"unit":"江汉区","fact":"nope"}',
].join("\r\n");

const files: [string, Uint8Array][] = [
  ["wide.csv", utf8(WIDE)],
  ["wide-bom.csv", withBom(WIDE)],
  ["wide-gbk.csv", encodeGbk(WIDE)],
  ["long.csv", utf8(LONG)],
  ["long-gbk.csv", encodeGbk(LONG)],
  ["units.jsonl", utf8(JSONL_WIDE)],
  ["findings.jsonl", withBom(JSONL_LONG)],
];

describe("reading CSV and JSON Lines from chunks", () => {
  for (const [name, bytes] of files)
    it(`${name}: any split into chunks reads as the whole file does`, () => {
      const whole = read({ name, bytes });
      expect(whole.units.length).toBeGreaterThan(0);
      expect(whole.issues.length).toBeGreaterThan(0);
      for (const size of [1, 2, 3, 7, 64])
        expect(
          read({
            name,
            chunks: () =>
              split(
                bytes,
                Array.from({ length: bytes.length }, (_, i) => i * size),
              ),
          }),
        ).toEqual(whole);
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 20 }), (cuts) => {
          expect(read({ name, chunks: () => split(bytes, cuts) })).toEqual(whole);
        }),
        { numRuns: 60 },
      );
    });

  it("a GBK file past the 64 KiB the encoding is told from reads as its UTF-8 twin", () => {
    const rows = ["单位,类别,政务信息月报[2009-01]"];
    for (let i = 0; i < 6000; i++) rows.push(`区县${i},other,${i % 5}`);
    const text = rows.join("\r\n");
    const gbk = encodeGbk(text);
    expect(gbk.length).toBeGreaterThan(64 * 1024);
    const a = read({ name: "a.csv", chunks: () => split(gbk, [1000, 70_000, 70_001]) });
    const b = read({ name: "a.csv", bytes: utf8(text) });
    expect(a).toEqual(b);
    expect(a.units.length).toBe(6000);
  });

  it("bytes that stop being UTF-8 after the first 64 KiB are E_ENCODING, not garbled", () => {
    const head = utf8(`单位,类别\r\n${"江岸区,other\r\n".repeat(5000)}`);
    const tail = encodeGbk("江汉区,other\r\n");
    const r = read({ name: "mixed.csv", chunks: () => [head, tail] });
    expect(r.units).toEqual([]);
    expect(r.issues.map((i) => [i.code, i.file])).toEqual([["E_ENCODING", "mixed.csv"]]);
  });

  it("the byte limit follows the row limit, and is applied as the chunks come", () => {
    expect(sheetByteLimit(1000)).toBe(64 * 1024 * 1024);
    expect(sheetByteLimit(200_000)).toBe(512 * 200_000);
    expect(sheetByteLimit(5_000_000)).toBe(512 * 5_000_000);
    let pulled = 0;
    // 1 MiB of rows of 1,024 bytes: past 512 bytes a row, the byte limit comes before the row limit.
    const big = utf8(`${"A".repeat(1023)}\n`.repeat(1024));
    const chunks = function* () {
      yield utf8("单位\n");
      for (;;) {
        pulled++;
        yield big;
      }
    };
    const r = read({ name: "endless.csv", chunks });
    expect(r.issues.map((i) => i.code)).toEqual(["S_LIMIT"]);
    expect(r.issues[0]?.message).toContain(String(512 * 200_000));
    // Stopped at the limit: the chunks were not read on.
    expect(pulled).toBe(Math.ceil((512 * 200_000) / (1 << 20)));
    // With the row limit raised, so is the byte limit.
    pulled = 0;
    expect(read({ name: "endless.csv", chunks }, 400_000).issues[0]?.message).toContain(
      String(512 * 400_000),
    );
  });

  it("a JSON Lines line longer than 1 MiB characters is S_LIMIT", () => {
    const line = utf8(`{"id":"a","facts":{"n":"${"x".repeat(1 << 20)}"}}\n`);
    const r = read({ name: "long-line.jsonl", chunks: () => split(line, [1000, 600_000]) });
    expect(r.issues.map((i) => i.code)).toEqual(["S_LIMIT"]);
  });

  it("more than 1,000,000 units from all files together are refused whole (F_BAD_UNITS)", () => {
    const many = (n: number, from: number) =>
      unitsAsSource({
        units: Array.from({ length: n }, (_, i) => ({ id: `U${from + i}`, facts: {} })),
        issues: [],
      });
    const at = combine([many(MAX_UNITS - 10, 0), many(10, MAX_UNITS)]);
    expect(at.units.length).toBe(MAX_UNITS);
    const over = combine([many(MAX_UNITS - 10, 0), many(11, MAX_UNITS)]);
    expect(over.units).toEqual([]);
    expect(over.issues.map((i) => i.code)).toEqual(["F_BAD_UNITS"]);
    expect(over.issues[0]?.message).toContain("1000001");
  });
});
