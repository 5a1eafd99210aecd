// How a unit's stated facts are read (src/evaluate/facts.ts, lines 1–335): decimals, hints for
// almost-numbers, booleans and their Chinese words, rate writing and scale, choices, series by
// period, a bare count for findings, and `describe()` of every kind of value. Each case pins the
// exact issue (code, path, parameters and so the message) or the exact value read.
//
// Mutants judged equivalent (no test can tell them apart):
// - 56:33 `Object.is(v, -0)` → `Object.is(v, +0)`: String(-0) is "0" anyway, so every number
//   is described the same.
// - 93:27 `v === 0 ? 0 : v` → `v`: toDecimal(-0) already gives the shared 0 (SMALL[-0] is SMALL[0]).
// - 70:20 (the first of the two) `Object.getPrototypeOf(v)?.` → `.`: a null prototype is a plain object, answered before.
// - 289:48/289:59 (count's default minimum 0 dropped): a negative count is refused as a type
//   error before the range check, so the minimum is never what refuses it.
// - 295:24/296:24 `min?.`/`max?.` → `min.`/`max.`: for a rate both are always set (0 and 100 by
//   default), so the optional chaining never short-circuits.
// - 310:11 `warnings?.push` → `warnings.push`: reached only with a warnings list (strict returns
//   before it), so warnings is never undefined there.
// - 237:29 (the `x > y ? 1 : 0` half of the series key comparator) and 269:76 (the same half of
//   the final sort): V8's Array.prototype.sort only asks whether the comparator is below 0, so
//   returning 0 or 1 there sorts the same (checked with 150 periods, merging runs, below).
// - 269:57 `a[0] < b[0]` → `a[0] <= b[0]`: the keys of the read series are unique (a period
//   given twice is refused first), so no two keys are ever equal.
// - 246:44 `typeof k === "string" ? k : String(k)` → `String(k)`: String of a text is itself.
// - 250:19 `"hint" in r && r.hint` → `true` / `||`: a hint of undefined adds nothing to the
//   message (hint() skips it), and the issue keeps only the message.
import { expect, describe as group, it } from "vitest";
import type { CFact } from "../compile/values.js";
import { type Decimal, toDecimal } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import {
  checksRateScale,
  describe,
  MAX_COUNT,
  MAX_FINDINGS,
  NA,
  named,
  rateWriting,
  resolveFact,
} from "./facts.js";

const PATH = ["units", 0, "facts", "f"];

const fact = (type: CFact["type"], extra: Partial<CFact> = {}): CFact => ({
  id: "f",
  label: "标签",
  type,
  missing: "zero",
  ...extra,
});

type Got = { value: unknown; errors: KaoheIssue[]; warnings: KaoheIssue[] };

function read(
  f: CFact,
  raw: unknown,
  opts: { present?: boolean; warnings?: boolean; strict?: boolean } = {},
): Got {
  const errors: KaoheIssue[] = [];
  const warnings: KaoheIssue[] = [];
  const value =
    opts.strict === undefined
      ? resolveFact(
          f,
          raw,
          opts.present ?? true,
          PATH,
          errors,
          opts.warnings === false ? undefined : warnings,
        )
      : resolveFact(
          f,
          raw,
          opts.present ?? true,
          PATH,
          errors,
          opts.warnings === false ? undefined : warnings,
          opts.strict,
        );
  return { value, errors, warnings };
}

/** A decimal as text, or the value itself when it is not one. */
const show = (v: unknown) =>
  v && typeof v === "object" && "toFixed" in v ? (v as Decimal).toFixed() : v;

const typeIssue = (expected: string, received: string, hint?: string, at = PATH) =>
  issue("F_FACT_TYPE", at, {
    fact: "f",
    label: "标签",
    expected,
    received,
    ...(hint ? { hint } : {}),
  });

const rangeIssue = (value: string, min: string, max: string, hint?: string, at = PATH) =>
  issue("F_FACT_RANGE", at, {
    fact: "f",
    label: "标签",
    value,
    min,
    max,
    ...(hint ? { hint } : {}),
  });

group("describe", () => {
  class Thing {}
  class Ledger extends Map<string, number> {}
  class Tags extends Set<string> {}
  const s40 = "字".repeat(40);
  const s41 = "字".repeat(41);
  it.each<[string, unknown, string]>([
    ["null", null, "空值 null"],
    ["undefined", undefined, "空值 undefined"],
    ["a list", [1], "一个列表"],
    ["a text", "abc", '文字 "abc"'],
    ["an empty text", "", '文字 ""'],
    ["a text of 40", s40, `文字 "${s40}"`],
    ["a text of 41, cut at 40", s41, `文字 "${s40}…"`],
    ["a number", 1.5, "数字 1.5"],
    ["zero", 0, "数字 0"],
    ["minus zero", -0, "数字 0"],
    ["a negative", -3, "数字 -3"],
    ["a BigInt", 10n, "BigInt 10n"],
    ["true", true, "true"],
    ["false", false, "false"],
    ["a symbol", Symbol("x"), "一个 Symbol"],
    ["a function", () => 1, "一个函数"],
    ["a mapping", { a: 1 }, "一个映射(键值对)"],
    ["a mapping with no prototype", Object.create(null), "一个映射(键值对)"],
    ["a Map", new Map(), "一个 Map 对象"],
    ["a Set", new Set(), "一个 Set 对象"],
    ["a kind of Map", new Ledger(), "一个 Map 对象"],
    ["a kind of Set", new Tags(), "一个 Set 对象"],
    ["a Date", new Date(0), "一个日期对象 (Date)"],
    ["a class instance", new Thing(), "一个 Thing 对象"],
    ["an object with no constructor", Object.create(Object.create(null)), "一个对象"],
    ["a constructor with no name", Object.create({ constructor: { name: "" } }), "一个对象"],
    ["a constructor named by a number", Object.create({ constructor: { name: 5 } }), "一个对象"],
  ])("%s", (_, v, want) => {
    expect(describe(v)).toBe(want);
  });
});

group("numbers read from a facts file", () => {
  it.each<[string, CFact["type"], unknown, string]>([
    ["a number", "number", 12.5, "12.5"],
    ["a text", "number", "12.5", "12.5"],
    ["a text with spaces", "number", "  7 ", "7"],
    ["full-width digits", "number", "８５", "85"],
    ["full-width digits, a rate with ％", "rate", "８５％", "85"],
    ["a rate with % and a space", "rate", "85 %", "85"],
    ["a BigInt", "count", 7n, "7"],
    ["a negative number", "number", -2, "-2"],
    ["zero as a text", "count", "0", "0"],
  ])("%s", (_, type, raw, want) => {
    const got = read(fact(type), raw);
    expect(got.errors).toEqual([]);
    expect(show(got.value)).toBe(want);
  });

  it.each<[string, CFact["type"], unknown]>([
    ["minus zero as a number", "count", -0],
    ["minus zero as a text", "count", "-0"],
    ["minus zero for a number", "number", -0],
  ])("%s is read as a plain 0, never negative", (_, type, raw) => {
    const got = read(fact(type), raw);
    expect(got.errors).toEqual([]);
    const v = got.value as Decimal;
    expect(v.isZero()).toBe(true);
    expect(v.isNegative()).toBe(false);
  });

  it.each<[unknown, string]>([
    [Number.POSITIVE_INFINITY, "数字 Infinity"],
    [Number.NaN, "数字 NaN"],
  ])("%s is refused with a hint to write an ordinary number", (raw, received) => {
    const got = read(fact("number"), raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue("一个数字", received, "请填写一个普通的数字")]);
  });

  it.each<[unknown, string]>([
    [true, "true"],
    [[1], "一个列表"],
    [{ a: 1 }, "一个映射(键值对)"],
  ])("%s is refused, with no hint", (raw, received) => {
    const got = read(fact("number"), raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue("一个数字", received)]);
  });
});

group("hints for texts that are almost numbers", () => {
  // [written, hint for a number fact]
  it.each<[string, string | undefined]>([
    ["1,234", "不要用逗号分隔千位:写 1234"],
    ["-12,345", "不要用逗号分隔千位:写 -12345"],
    ["1,234,567", "不要用逗号分隔千位:写 1234567"],
    ["1,234.56", "不要用逗号分隔千位:写 1234.56"],
    ["a1,234", undefined],
    ["1,234x", undefined],
    ["7处", '只写数字:写 7,不要带"处"'],
    ["7 处", '只写数字:写 7,不要带"处"'],
    ["12处", '只写数字:写 12,不要带"处"'],
    ["1.25处", '只写数字:写 1.25,不要带"处"'],
    ["-3项", '只写数字:写 -3,不要带"项"'],
    ["7个单位", '只写数字:写 7,不要带"个单位"'],
    ["7个单位数", undefined],
    ["a7处", undefined],
    ["7处x", undefined],
    ["1e3", "不要用科学计数法,把数字完整写出"],
    ["12e3", "不要用科学计数法,把数字完整写出"],
    ["1.25E3", "不要用科学计数法,把数字完整写出"],
    ["+1e3", "不要用科学计数法,把数字完整写出"],
    ["-1e3", "不要用科学计数法,把数字完整写出"],
    ["1e-3", "不要用科学计数法,把数字完整写出"],
    ["1e+3", "不要用科学计数法,把数字完整写出"],
    ["1e12", "不要用科学计数法,把数字完整写出"],
    ["a1e3", undefined],
    ["1e3x", undefined],
    ["+7", "不要带加号:写 7"],
    ["+12", "不要带加号:写 12"],
    ["+1.25", "不要带加号:写 1.25"],
    ["a+7", undefined],
    ["+7x", undefined],
    [".5", "小数点前要写 0:写 0.5"],
    ["-.5", "小数点前要写 0:写 -0.5"],
    [".55", "小数点前要写 0:写 0.55"],
    ["a.5", undefined],
    [".5a", undefined],
    ["07", "整数部分不要以 0 开头"],
    ["-07", "整数部分不要以 0 开头"],
    ["012", "整数部分不要以 0 开头"],
    ["07.25", "整数部分不要以 0 开头"],
    ["a07", undefined],
    ["07a", undefined],
    ["7.", "小数点后要有数字:写 7"],
    ["-12.", "小数点后要有数字:写 -12"],
    ["a7.", undefined],
    ["7.a", undefined],
    ["abc", undefined],
    ["", undefined],
  ])("%j", (raw, hint) => {
    const got = read(fact("number"), raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue("一个数字", describe(raw), hint)]);
  });

  // The same mistakes on a rate written with %: the hint keeps the % sign.
  it.each<[string, string]>([
    ["1,234%", "不要用逗号分隔千位:写 1234%"],
    ["+7%", "不要带加号:写 7%"],
    [".5%", "小数点前要写 0:写 0.5%"],
    ["7.%", "小数点后要有数字:写 7%"],
  ])("%j on a rate", (raw, hint) => {
    const got = read(fact("rate"), raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue("一个数字", describe(raw), hint)]);
  });

  it("a count says what it takes, and a % on a fact that is no rate is refused", () => {
    expect(read(fact("count"), "7处").errors).toEqual([
      typeIssue(`整数(0 到 ${MAX_COUNT})`, '文字 "7处"', '只写数字:写 7,不要带"处"'),
    ]);
    expect(read(fact("count"), "5%").errors).toEqual([
      typeIssue(`整数(0 到 ${MAX_COUNT})`, '文字 "5%"', "这个事实不是比率,不要带 %:写 5"),
    ]);
    expect(read(fact("number"), "5%").errors).toEqual([
      typeIssue("一个数字", '文字 "5%"', "这个事实不是比率,不要带 %:写 5"),
    ]);
  });

  it.each<[unknown, string]>([
    [1.5, "数字 1.5"],
    [-1, "数字 -1"],
    [MAX_COUNT + 1, `数字 ${MAX_COUNT + 1}`],
  ])("a count of %s is refused as no whole number in range", (raw, received) => {
    const got = read(fact("count"), raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue(`整数(0 到 ${MAX_COUNT})`, received)]);
  });

  it("a count of exactly MAX_COUNT is accepted", () => {
    expect(show(read(fact("count"), MAX_COUNT).value)).toBe(String(MAX_COUNT));
  });
});

group("booleans", () => {
  it.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ["true", true],
    ["TRUE", true],
    [" True ", true],
    ["是", true],
    ["有", true],
    ["√", true],
    ["✓", true],
    ["✔", true],
    ["false", false],
    ["False", false],
    ["否", false],
    ["无", false],
    ["×", false],
    ["✗", false],
    ["✘", false],
    [" 否 ", false],
  ])("%j", (raw, want) => {
    const got = read(fact("boolean"), raw);
    expect(got.errors).toEqual([]);
    expect(got.value).toBe(want);
  });

  it.each<[unknown, string]>([
    [1, "数字 1"],
    [0, "数字 0"],
    ["yes", '文字 "yes"'],
    ["对", '文字 "对"'],
    [[], "一个列表"],
  ])("%j is refused with the words that may be written", (raw, received) => {
    const got = read(fact("boolean"), raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue("true 或 false", received, "也可写 是/否、有/无、√/×")]);
  });
});

group("rates", () => {
  it.each<[unknown, ReturnType<typeof rateWriting>]>([
    ["85%", "percent"],
    ["0.5%", "percent"],
    [0, "zero"],
    ["0", "zero"],
    [0.5, "ambiguous"],
    [1, "ambiguous"],
    ["1", "ambiguous"],
    [1.5, "clear"],
    [-0.5, "clear"],
    [85, "clear"],
    ["abc", null],
    [true, null],
  ])("rateWriting(%j)", (raw, want) => {
    expect(rateWriting(raw)).toBe(want);
  });

  it.each<[string, CFact, boolean]>([
    ["a rate", fact("rate"), true],
    ["a rate up to 100", fact("rate", { max: toDecimal(100) }), true],
    ["a rate up to 1", fact("rate", { max: toDecimal(1) }), false],
    ["a rate written as a fraction", fact("rate", { scale: "fraction" }), false],
    ["a number", fact("number"), false],
    ["a count", fact("count"), false],
  ])("checksRateScale: %s", (_, f, want) => {
    expect(checksRateScale(f)).toBe(want);
  });

  it("a bare value at most 1 is read as written, with a warning naming both readings", () => {
    const got = read(fact("rate"), 0.875);
    expect(show(got.value)).toBe("0.875");
    expect(got.errors).toEqual([]);
    expect(got.warnings).toEqual([
      issue("W_RATE_SCALE", PATH, { fact: "f", label: "标签", value: "0.875", percent: "87.5" }),
    ]);
  });

  it("with no warnings list and strict not asked, it is read as written, silently", () => {
    const got = read(fact("rate"), 0.875, { warnings: false });
    expect(show(got.value)).toBe("0.875");
    expect(got.errors).toEqual([]);
  });

  it("under strict the same value is refused (F_RATE_SCALE), and nothing is warned", () => {
    const got = read(fact("rate"), "1", { strict: true });
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([
      issue("F_RATE_SCALE", PATH, { fact: "f", label: "标签", value: "1", percent: "100" }),
    ]);
    expect(got.warnings).toEqual([]);
  });

  it.each<[string, CFact, unknown]>([
    ["written with %", fact("rate"), "0.875%"],
    ["zero", fact("rate"), 0],
    ["above 1", fact("rate"), 1.5],
    ["a rate whose maximum is 1", fact("rate", { max: toDecimal(1) }), 0.5],
  ])("no warning for a rate %s", (_, f, raw) => {
    const got = read(f, raw, { strict: false });
    expect(got.errors).toEqual([]);
    expect(got.warnings).toEqual([]);
    expect(got.value).toBeDefined();
  });

  it.each<[unknown, string]>([
    [-1, "-1"],
    [100.5, "100.5"],
    ["101%", "101"],
  ])("a rate of %j is out of its default range [0, 100]", (raw, value) => {
    const got = read(fact("rate"), raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([rangeIssue(value, "0", "100")]);
  });

  it("a rate written as a fraction is read in percent, and a % is taken as written", () => {
    const f = fact("rate", { scale: "fraction" });
    expect(show(read(f, 0.875).value)).toBe("87.5");
    expect(show(read(f, "87.5%").value)).toBe("87.5");
    expect(show(read(f, 1).value)).toBe("100");
    const got = read(f, 1.5);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([
      rangeIssue("1.5", "0", "1", '这个比率按小数填写(0.875 即 87.5%),也可写 "1.5%"'),
    ]);
    expect(read(f, 0.5).warnings).toEqual([]);
  });

  it("a fraction's range is shown in the scale it was written in", () => {
    const f = fact("rate", { scale: "fraction", min: toDecimal(50), max: toDecimal(90) });
    expect(read(f, 0.4).errors).toEqual([
      rangeIssue("0.4", "0.5", "0.9", '这个比率按小数填写(0.875 即 87.5%),也可写 "0.4%"'),
    ]);
    expect(show(read(f, 0.6).value)).toBe("60");
  });
});

group("ranges", () => {
  it("a number with only a maximum shows −∞, with only a minimum ∞", () => {
    expect(read(fact("number", { max: toDecimal(10) }), 11).errors).toEqual([
      rangeIssue("11", "−∞", "10"),
    ]);
    expect(read(fact("number", { min: toDecimal(5) }), 4).errors).toEqual([
      rangeIssue("4", "5", "∞"),
    ]);
    expect(read(fact("number", { min: toDecimal(5) }), 4).value).toBeUndefined();
  });

  it("the bounds themselves are inside", () => {
    const f = fact("number", { min: toDecimal(5), max: toDecimal(10) });
    expect(show(read(f, 5).value)).toBe("5");
    expect(show(read(f, 10).value)).toBe("10");
  });
});

group("named", () => {
  it.each<[string, CFact, ReturnType<typeof named>]>([
    ["a label", fact("count"), { fact: "f", label: "标签" }],
    ["a label that is the id", fact("count", { label: "f" }), { fact: "f" }],
    ["an empty label", fact("count", { label: "" }), { fact: "f" }],
  ])("%s", (_, f, want) => {
    expect(named(f)).toStrictEqual(want);
  });
});

group("missing facts", () => {
  it.each<[string, CFact["type"], unknown]>([
    ["boolean", "boolean", false],
    ["count", "count", "0"],
    ["number", "number", "0"],
    ["rate", "rate", "0"],
  ])("a missing %s with missing: zero reads as its zero", (_, type, want) => {
    for (const [raw, present] of [
      [undefined, false],
      [undefined, true],
      [null, true],
      [5, false],
    ] as const) {
      const got = read(fact(type), raw, { present });
      expect(got.errors).toEqual([]);
      expect(show(got.value)).toBe(want);
    }
  });

  it("missing findings are none, a missing series is empty", () => {
    expect(read(fact("findings"), null).value).toEqual([]);
    const s = read(fact("series"), null).value;
    expect(s).toBeInstanceOf(Map);
    expect((s as Map<string, unknown>).size).toBe(0);
  });

  it("a missing choice is an error even under missing: zero", () => {
    const got = read(fact("choice", { options: ["优", "差"] }), undefined, { present: false });
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([issue("F_MISSING_FACT", PATH, { fact: "f", label: "标签" })]);
  });

  it("a default, an error or not applicable, as declared", () => {
    expect(read(fact("boolean", { default: true }), null).value).toBe(true);
    expect(read(fact("count", { missing: "not-applicable" }), null).value).toBe(NA);
    const got = read(fact("count", { missing: "error" }), null);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([issue("F_MISSING_FACT", PATH, { fact: "f", label: "标签" })]);
  });
});

group("choices", () => {
  const f = fact("choice", { options: ["优", "良", "Ａ级"] });
  it.each<[string, string]>([
    ["优", "优"],
    [" 良 ", "良"],
    ["A级", "Ａ级"],
    ["Ａ级", "Ａ级"],
  ])("%j is the option %j", (raw, want) => {
    const got = read(f, raw);
    expect(got.errors).toEqual([]);
    expect(got.value).toBe(want);
  });

  it.each<[unknown, string]>([
    ["差", '文字 "差"'],
    [1, "数字 1"],
  ])("%j is refused, naming the options", (raw, received) => {
    expect(read(f, raw).errors).toEqual([typeIssue("以下之一:优、良、Ａ级", received)]);
  });

  it("a choice with no options refuses everything", () => {
    const got = read(fact("choice"), "Stryker was here");
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue("以下之一:", '文字 "Stryker was here"')]);
  });
});

group("series", () => {
  const f = fact("series", { min: toDecimal(0) });
  const entries = (v: unknown) =>
    [...(v as Map<string, Decimal>).entries()].map(([k, d]) => [k, d.toFixed()]);

  it("periods are read in order, whatever order they were written in, keys trimmed", () => {
    const got = read(f, { "2024-03": 3, "2024-Q1": "１", " 2024-02": "2", "2024-01": 1 });
    expect(got.errors).toEqual([]);
    expect(entries(got.value)).toEqual([
      ["2024-01", "1"],
      ["2024-02", "2"],
      ["2024-03", "3"],
      ["2024-Q1", "1"],
    ]);
  });

  it("a Map with text keys is read like a mapping", () => {
    const got = read(
      f,
      new Map<unknown, unknown>([
        [" 2024-02 ", 2],
        ["2024-01", 1],
      ]),
    );
    expect(got.errors).toEqual([]);
    expect(entries(got.value)).toEqual([
      ["2024-01", "1"],
      ["2024-02", "2"],
    ]);
  });

  it.each<[string, unknown, string]>([
    ["a list", [1, 2], "一个列表"],
    ["a number", 5, "数字 5"],
    ["a text", "2024-01: 3", '文字 "2024-01: 3"'],
  ])("%s is refused", (_, raw, received) => {
    const got = read(f, raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue("按期间(YYYY-MM 或 YYYY-Qn)填写数字的映射", received)]);
  });

  const SERIES = "期间 YYYY-MM 或 YYYY-Qn 对应一个数字";
  it.each<[string, Record<string, unknown>, string, string, string | undefined]>([
    ["a month 13", { "2024-13": 1 }, "2024-13", "2024-13: 数字 1", undefined],
    ["a bad period", { "2024-1": 1 }, "2024-1", "2024-1: 数字 1", undefined],
    ["a value with %", { "2024-01": "5%" }, "2024-01", '2024-01: 文字 "5%"', undefined],
    [
      "a value with a unit",
      { "2024-01": "7条" },
      "2024-01",
      '2024-01: 文字 "7条"',
      '只写数字:写 7,不要带"条"',
    ],
    [
      "a value that is no number",
      { "2024-01": "abc" },
      "2024-01",
      '2024-01: 文字 "abc"',
      undefined,
    ],
    ["a missing value", { "2024-01": null }, "2024-01", "2024-01: 空值 null", undefined],
  ])("%s is refused at its period", (_, raw, key, received, hint) => {
    const got = read(f, raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue(SERIES, received, hint, [...PATH, key])]);
  });

  it("a key that is no text is shown as what it is", () => {
    const got = read(f, new Map<unknown, unknown>([[202401, 3]]));
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([
      typeIssue(SERIES, "数字 202401: 数字 3", undefined, [...PATH, "202401"]),
    ]);
  });

  it.each([
    ["in order", { "2024-01": "x", "2024-02": "x", "2024-03": "x" }],
    ["in reverse", { "2024-03": "x", "2024-02": "x", "2024-01": "x" }],
    ["mixed", { "2024-02": "x", "2024-03": "x", "2024-01": "x" }],
  ])("the first problem reported is the earliest period's, keys written %s", (_, raw) => {
    const got = read(f, raw);
    expect(got.errors).toHaveLength(1);
    expect(got.errors[0]?.path).toEqual([...PATH, "2024-01"]);
  });

  it("keys that read the same are checked in the order they were given", () => {
    const got = read(
      f,
      new Map<unknown, unknown>([
        [1, 5],
        ["1", 6],
      ]),
    );
    expect(got.errors).toEqual([typeIssue(SERIES, "数字 1: 数字 5", undefined, [...PATH, "1"])]);
  });

  // More than 64 periods: the sort merges runs, not only inserts.
  const months = Array.from({ length: 150 }, (_, i) => {
    const y = 2000 + Math.floor(i / 12);
    return `${y}-${String((i % 12) + 1).padStart(2, "0")}`;
  });

  it("150 periods, half written with a leading space, come out in order", () => {
    const raw: Record<string, number> = {};
    months.forEach((m, i) => {
      raw[i % 2 ? ` ${m}` : m] = i;
    });
    const got = read(f, raw);
    expect(got.errors).toEqual([]);
    expect(entries(got.value)).toEqual(months.map((m, i) => [m, String(i)]));
  });

  it("150 bad periods in a scrambled order: the earliest is reported", () => {
    const raw: Record<string, string> = {};
    for (let i = 0; i < months.length; i++) raw[months[(i * 67) % months.length] as string] = "x";
    const got = read(f, raw);
    expect(got.errors[0]?.path).toEqual([...PATH, months[0]]);
  });

  it("a period given twice (once with spaces) is refused", () => {
    const got = read(f, { "2024-01": 1, " 2024-01": 2 });
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([
      typeIssue("每个期间只出现一次", "期间 2024-01 出现两次", undefined, [...PATH, "2024-01"]),
    ]);
  });

  it("a value out of range is refused at its period", () => {
    const got = read(f, { "2024-01": 1, "2024-02": -1 });
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([rangeIssue("-1", "0", "∞", undefined, [...PATH, "2024-02"])]);
  });
});

group("a bare count for findings", () => {
  const f = fact("findings");
  it.each<[unknown, number | undefined]>([
    [3, 3],
    ["3", 3],
    ["３", 3],
    [3n, 3],
    [0, undefined],
    ["0", undefined],
    [MAX_FINDINGS, MAX_FINDINGS],
  ])("%s is that many findings with no subject", (raw, count) => {
    const got = read(f, raw);
    expect(got.errors).toEqual([]);
    expect(got.value).toEqual(count === undefined ? [] : [{ count }]);
  });

  it.each<[unknown, string | undefined]>([
    ["abc", undefined],
    ["7处", '只写数字:写 7,不要带"处"'],
  ])("%j is refused as neither a list nor a number", (raw, hint) => {
    const got = read(f, raw);
    expect(got.value).toBeUndefined();
    expect(got.errors).toEqual([typeIssue("问题清单(列表)或一个整数", describe(raw), hint)]);
  });

  it.each<unknown>([1.5, -1, "3%", MAX_FINDINGS + 1, "-2"])(
    "%j is refused as no whole number in range",
    (raw) => {
      const got = read(f, raw);
      expect(got.value).toBeUndefined();
      expect(got.errors).toEqual([
        typeIssue(`问题清单(列表)或一个整数(0 到 ${MAX_FINDINGS})`, describe(raw)),
      ]);
    },
  );
});
