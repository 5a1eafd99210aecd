import { describe, expect, it } from "vitest";
import { compile, item, ref } from "../../test/helpers.js";
import { MESSAGES } from "../errors/codes.js";
import { formatIssue } from "../errors/issue.js";
import { scoreUnit } from "./evaluate.js";
import { nearestFacts } from "./facts.js";

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed();

/** One fact of each type, each read by a clause, all missing: error. */
const crs = compile({
  facts: [
    { id: "ok", label: "专班人员到位", type: "boolean" },
    { id: "n", label: "表格错误(每处)", type: "count" },
    { id: "x", label: "编制总数", type: "number" },
    { id: "rate", label: "实名制落实比率(%)", type: "rate" },
    { id: "found", label: "内设机构空缺(每处)", type: "findings" },
    { id: "news", label: "每月信息条数", type: "series" },
    { id: "grade", label: "网站评级", type: "choice", options: ["优", "良", "差"] },
  ],
  points: 100,
  tree: [
    {
      id: "OK",
      title: "专班",
      points: 1,
      clauses: [{ id: "OK.c", type: "check", when: "ok", text: "t", ref }],
    },
    item("A", 97, [
      { id: "A.n", type: "per", fact: "n", each: 1, text: "t", ref },
      { id: "A.f", type: "per", fact: "found", each: 1, text: "t", ref },
      { id: "A.x", type: "fixed", when: { fact: "x", gt: 1000 }, amount: 1, text: "t", ref },
      {
        id: "A.r",
        type: "step",
        fact: "rate",
        below: 100,
        per: 10,
        each: 1,
        partial: "floor",
        text: "t",
        ref,
      },
      {
        id: "A.news",
        type: "target",
        fact: "news",
        period: "month",
        min: 1,
        each: 1,
        text: "t",
        ref,
      },
    ]),
    {
      id: "G",
      title: "评级",
      points: 2,
      clauses: [
        {
          id: "G.r",
          type: "rating",
          fact: "grade",
          scale: { 优: 2, 良: 1, 差: 0 },
          text: "t",
          ref,
        },
      ],
    },
  ],
  window: { from: "2009-01-01", to: "2009-03-31", undated: "include" },
} as never);

const good: Record<string, unknown> = {
  ok: true,
  n: 0,
  x: 10,
  rate: 100,
  found: [],
  news: { "2009-01": 1, "2009-02": 1, "2009-03": 1 },
  grade: "优",
};

const run = (over: Record<string, unknown>) =>
  scoreUnit(crs, { id: "某县", facts: { ...good, ...over } });
const codes = (over: Record<string, unknown>) => {
  const r = run(over);
  return r.ok ? [] : r.issues.map((i) => i.code);
};
const first = (over: Record<string, unknown>) => {
  const r = run(over);
  if (r.ok) throw new Error("scored");
  return r.issues[0] as NonNullable<(typeof r.issues)[0]>;
};

describe("the rule set of these tests", () => {
  it("scores the good unit with full marks", () => {
    const r = run({});
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
    expect(t(r.total)).toBe("100");
  });
});

describe("messages people can act on (issue 8, item 12)", () => {
  it("fact errors name the label, the id and the unit", () => {
    const i = first({ n: "lots" });
    expect(i.code).toBe("F_FACT_TYPE");
    expect(i.unit).toBe("某县");
    expect(i.path).toEqual(["facts", "n"]);
    expect(i.message).toContain("表格错误(每处)");
    expect(i.message).toContain("(n)");
    expect(formatIssue(i)).toMatch(/^error F_FACT_TYPE 【某县】事实「表格错误\(每处\)」\(n\)/);
    const range = first({ rate: 120 });
    expect([range.code, range.unit]).toEqual(["F_FACT_RANGE", "某县"]);
    expect(range.message).toContain("实名制落实比率(%)");
    const missing = scoreUnit(crs, { id: "某县", facts: { ...good, x: undefined } });
    expect(!missing.ok && missing.issues.map((m) => [m.code, m.unit, m.path])).toEqual([
      ["F_MISSING_FACT", "某县", ["facts", "x"]],
    ]);
    if (!missing.ok) expect(missing.issues[0]?.message).toContain("编制总数");
  });

  it("an unknown fact suggests the nearest declared one, by id or by label", () => {
    const typo = first({ rat: 100 });
    expect([typo.code, typo.path]).toEqual(["F_UNKNOWN_FACT", ["facts", "rat"]]);
    expect(typo.message).toContain("rate(实名制落实比率(%))");
    const label = first({ 专班人员到位: true });
    expect(label.message).toContain("ok(专班人员到位)");
    const part = first({ 网站评级结果: "优" });
    expect(part.message).toContain("grade(网站评级)");
    const far = first({ something_else_entirely: 1 });
    expect(far.message).not.toContain("是不是");
    expect(nearestFacts(crs.facts, "__proto__").map((f) => f.id)).toEqual([]);
  });

  it("accepts 是/否, 有/无, √/× and the texts true/false for booleans; nothing else", () => {
    for (const [v, expected] of [
      [true, "100"],
      ["是", "100"],
      ["有", "100"],
      ["√", "100"],
      ["✓", "100"],
      ["true", "100"],
      [" TRUE ", "100"],
      [false, "99"],
      ["否", "99"],
      ["无", "99"],
      ["×", "99"],
      ["false", "99"],
    ] as const) {
      const r = run({ ok: v });
      expect(r.ok && t(r.total), String(v)).toBe(expected);
    }
    for (const v of [1, 0, "yes", "对", "是的", "", "x", [], {}]) {
      const i = first({ ok: v });
      expect(i.code, JSON.stringify(v)).toBe("F_FACT_TYPE");
    }
    expect(first({ ok: 1 }).message).toContain("是/否");
  });

  it('"7处" for a count is refused, saying to write 7; so are "1,234", "1e3", "+5", ".5"', () => {
    for (const [v, hint] of [
      ["7处", "写 7"],
      ["7个", "写 7"],
      ["7次", "写 7"],
      ["7 条", "写 7"],
      ["1,234", "写 1234"],
      ["1e3", "科学计数法"],
      ["+5", "写 5"],
    ] as const) {
      const i = first({ n: v });
      expect(i.code, v).toBe("F_FACT_TYPE");
      expect(i.message, v).toContain(hint);
    }
    expect(first({ x: ".5" }).message).toContain("写 0.5");
    expect(first({ x: "1,234.5" }).message).toContain("写 1234.5");
    // A findings fact given as a bare count gets the same advice.
    expect(first({ found: "3处" }).message).toContain("写 3");
  });

  it("accepts full-width digits (NFKC) and surrounding whitespace and newlines", () => {
    const r = run({ n: "７", x: " 1001\n", rate: "\t90 " });
    expect(r.ok && t(r.total)).toBe("91");
    const inner = first({ n: "1 2" });
    expect(inner.code).toBe("F_FACT_TYPE");
  });

  it("% only for rates: a count or number written with % is refused", () => {
    expect(first({ n: "5%" }).message).toContain("不要带 %");
    expect(first({ x: "5%" }).code).toBe("F_FACT_TYPE");
    const r = run({ rate: "85%" });
    expect(r.ok && t(r.total)).toBe("99");
  });

  it("a choice is matched after trimming and folding full-width forms", () => {
    const r = run({ grade: " 良 " });
    expect(r.ok && t(r.total)).toBe("99");
    expect(first({ grade: "中" }).message).toContain("优、良、差");
    expect(first({ grade: 1 }).code).toBe("F_FACT_TYPE");
  });

  it("every message is in Chinese, and every fact message names the fact", () => {
    const latin = /^[\x20-\x7e]*$/;
    for (const [code, fn] of Object.entries(MESSAGES)) {
      if (code === "E_INVALID") continue;
      const m = (fn as (p: Record<string, unknown>) => string)(
        new Proxy({}, { get: (_o, k) => (k === "hint" || k === "suggestion" ? undefined : "X") }),
      );
      expect(latin.test(m), `${code}: ${m}`).toBe(false);
    }
  });
});

describe("odd fact values through the API (issue 8, items 7 and 8)", () => {
  it("a BigInt is read exactly as the number it is, never a crash", () => {
    const r = run({ n: 5n, x: 10n });
    expect(r.ok && t(r.total)).toBe("95");
    expect(first({ n: -1n }).code).toBe("F_FACT_TYPE");
    expect(first({ n: 10n ** 30n }).code).toBe("F_FACT_TYPE");
    expect(first({ ok: 1n }).message).toContain("BigInt 1n");
    const f = run({ found: [{ count: 2n }] });
    expect(f.ok && t(f.total)).toBe("98");
    expect(run({ found: 3n }).ok).toBe(true);
  });

  it("the reproducer: a BigInt for a count in the example rule set", () => {
    const one = compile({
      facts: [{ id: "n", label: "n", type: "count" }],
      points: 10,
      tree: [item("A", 10, [{ id: "A.c", type: "per", fact: "n", each: 1, text: "t", ref }])],
    } as never);
    const bad = scoreUnit(one, { id: "u", facts: { n: "x" } });
    expect(!bad.ok && bad.issues[0]?.code).toBe("F_FACT_TYPE");
    const big = scoreUnit(one, { id: "u", facts: { n: 5n } });
    expect(big.ok && t(big.total)).toBe("5");
  });

  it("a Map, Set, Date or class instance is refused by name, never read as empty", () => {
    class Thing {
      a = 1;
    }
    for (const [fact, v, what] of [
      ["found", new Set([{ note: "a" }]), "Set"],
      ["found", new Map(), "Map"],
      ["found", new Date(0), "Date"],
      ["found", new Thing(), "Thing"],
      ["n", new Date(0), "Date"],
      ["x", new Thing(), "Thing"],
      ["news", new Date(0), "Date"],
      ["news", new Thing(), "Thing"],
      ["news", [1, 2], "列表"],
      ["ok", new Map(), "Map"],
      ["grade", new Set(["优"]), "Set"],
    ] as const) {
      const i = first({ [fact]: v });
      expect(i.code, `${fact} ${what}`).toBe("F_FACT_TYPE");
      expect(i.message, `${fact} ${what}`).toContain(what);
    }
    // A finding that is a class instance or a Map is refused too.
    expect(first({ found: [new Map([["note", "a"]])] }).message).toContain("Map");
    expect(first({ found: [new Thing()] }).path).toEqual(["facts", "found", 0]);
  });

  it("a series given as a Map with text keys is read like a mapping, in period order", () => {
    const m = run({
      news: new Map([
        ["2009-03", 1],
        ["2009-01", 0],
        ["2009-02", 1],
      ]),
    });
    expect(m.ok && t(m.total)).toBe("99");
    const bad = first({ news: new Map<unknown, unknown>([[202901, 1]]) });
    expect(bad.code).toBe("F_FACT_TYPE");
    // An empty Map is an empty series: every month short, as with {}.
    const empty = run({ news: new Map() });
    const obj = run({ news: {} });
    expect(empty.ok && obj.ok && t(empty.total)).toBe(obj.ok ? t(obj.total) : "");
    expect(obj.ok && t(obj.total)).toBe("97");
  });

  it("the unit's facts must be a plain mapping", () => {
    const r = scoreUnit(crs, { id: "u", facts: new Map(Object.entries(good)) as never });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([["F_BAD_UNITS", ["facts"]]]);
  });

  it("a findings list with holes is refused at the hole", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const holes = [{ note: "a" }, , { note: "b" }];
    const i = first({ found: holes });
    expect([i.code, i.path]).toEqual(["F_FACT_TYPE", ["facts", "found", 1]]);
    expect(first({ found: [undefined] }).code).toBe("F_FACT_TYPE");
    // biome-ignore lint/suspicious/noSparseArray: a hole in the tags
    expect(first({ found: [{ tags: ["a", , "b"] }] }).path).toEqual(["facts", "found", 0, "tags"]);
  });

  it("-0, NaN, Infinity and huge numbers", () => {
    const z = run({ n: -0, x: -0, rate: -0 });
    expect(z.ok).toBe(true);
    if (z.ok) expect(z.trace.find((e) => e.rule === "A.r")?.facts).toEqual({ rate: "0" });
    expect(run({ n: "-0" }).ok).toBe(true);
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(codes({ n: v })).toEqual(["F_FACT_TYPE"]);
      expect(codes({ x: v })).toEqual(["F_FACT_TYPE"]);
      expect(codes({ rate: v })).toEqual(["F_FACT_TYPE"]);
      expect(codes({ found: v })).toEqual(["F_FACT_TYPE"]);
      expect(codes({ news: { "2009-01": v } })).toEqual(["F_FACT_TYPE"]);
      expect(codes({ found: [{ note: v }] })).toEqual(["F_FACT_TYPE"]);
    }
    expect(first({ n: Number.NaN }).message).toContain("NaN");
    expect(codes({ n: 1e300 })).toEqual(["F_FACT_TYPE"]);
    expect(codes({ found: 1e300 })).toEqual(["F_FACT_TYPE"]);
    expect(codes({ found: [{ count: 1e300 }] })).toEqual(["F_FACT_TYPE"]);
    expect(codes({ rate: 1e300 })).toEqual(["F_FACT_RANGE"]);
    // A huge number fact is exact, not refused: nothing in it is ambiguous.
    const huge = run({ x: 1e300 });
    expect(huge.ok && t(huge.total)).toBe("99");
  });

  it("symbols, functions and undefined never crash", () => {
    for (const v of [Symbol("s"), () => 1, Object.create(null)]) {
      for (const fact of ["ok", "n", "x", "rate", "found", "news", "grade"]) {
        const r = run({ [fact]: v });
        if (fact === "news" && typeof v === "object") {
          expect(r.ok, fact).toBe(true); // a null-prototype mapping is a plain (empty) mapping
          continue;
        }
        expect(!r.ok && r.issues.map((i) => i.code), fact).toEqual(["F_FACT_TYPE"]);
      }
    }
  });

  it("texts in findings are trimmed; numbers become texts; NaN does not", () => {
    const r = run({ found: [{ subject: " 市财政局 ", count: 2 }, { subject: 7 }] });
    expect(r.ok && t(r.total)).toBe("97");
    expect(codes({ found: [{ count: "2" }] })).toEqual(["F_FACT_TYPE"]);
    expect(first({ found: [{ count: "2处" }] }).message).toContain("写 2");
  });
});

describe("suggestions for unknown facts", () => {
  it("are by edit distance, bounded, and cheap for many units with the same misspelling", () => {
    const near = (k: string) => nearestFacts(crs.facts, k).map((f) => f.id);
    expect(near("rate")).toEqual(["rate"]);
    expect(near("rtae")).toEqual(["rate"]);
    expect(near("RATE_")).toEqual(["rate"]);
    expect(near("found_")).toEqual(["found"]);
    expect(near("news1")).toEqual(["news"]);
    expect(near("表格错误")).toEqual(["n"]);
    expect(near("完全无关的一个很长的键名字")).toEqual([]);
    expect(near("x".repeat(65))).toEqual([]);
    const start = performance.now();
    for (let i = 0; i < 20000; i++) near(`unknown_fact_${i % 50}`);
    for (let i = 0; i < 2000; i++) near(`k${i}_${"y".repeat(60)}`);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
