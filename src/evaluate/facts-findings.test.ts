// Pins how a findings fact is read (resolveFindings, readFinding and the checks beside it), the
// "did you mean" suggestions for an unknown fact key (nearestFacts, unknownFactIssue) and factText:
// the survivors of the Stryker run on src/evaluate/facts.ts, lines 336–725.
//
// Survivors judged equivalent (each applied by hand: the tests here pass with it, and why no test
// can fail):
// - 373:9 `!Object.hasOwn(raw, i)` → false: a hole then reads as raw[i], undefined, which is refused
//   with the same path, expected text and "空值 undefined" as the hole.
// - 437:74 `v === 0 ? 0 : v` → `v`: String(-0) is already "0".
// - 583:7 `if (!ok)` → true: when every key is known the sorted loop reports nothing anyway.
// - 614:16 / 615:16 `… !== undefined ? parseDateTime(…) : null` → parseDateTime(undefined), which is
//   null (pinned below).
// - distance(): 634:7 (early exit on the length gap), 636:62 `j <= limit` → true and 639:9
//   `i <= limit` → true (store the true distance instead of the cap; both exceed limit),
//   641:16 Math.max (extra cells past the row's end are never read), 650:11 `v <= best`, 652:9
//   (the row-minimum exit only saves work; later rows can only be larger): each changes the work
//   done, never a result once it is capped at limit + 1.
// - 688:9 `d > limit` → `d >= limit`: sets d to limit when it already is limit.
// - 692:38 `a.i - b.i` → `a.i + b.i`: scored is built in declaration order and Array.prototype.sort
//   is stable (V8 moves an element past equals when the comparator says "after"), so ties keep
//   declaration order either way.
// - 673:7, 678:7, 698:7 (the suggestion cache): a fresh or fuller cache gives the same answers.
// - 484:55 (the amount refusal's block emptied) is a syntax error when applied as text, so it was
//   not checked by hand; the amount refusals below pin that block's effect.
import { describe, expect, it } from "vitest";
import { toDecimal } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { parseDateTime } from "../time/date.js";
import {
  type CFact,
  factText,
  MAX_FINDINGS,
  NA,
  nearestFacts,
  resolveFact,
  unknownFactIssue,
} from "./facts.js";

const fact = (extra: Partial<CFact> = {}): CFact => ({
  id: "x",
  label: "问题",
  type: "findings",
  missing: "zero",
  ...extra,
});

const read = (f: CFact, raw: unknown) => {
  const errors: KaoheIssue[] = [];
  const value = resolveFact(f, raw, true, ["facts", "x"], errors);
  // The findings' own fields only (not what the facts check notes on them under a symbol).
  return {
    value: Array.isArray(value) ? value.map((x) => Object.fromEntries(Object.entries(x))) : value,
    errors,
  };
};

/** The one F_FACT_TYPE issue a refusal of `f` at `path` gives. */
const typeIssue = (
  f: CFact,
  path: (string | number)[],
  expected: string,
  received: string,
  hint?: string,
) =>
  issue("F_FACT_TYPE", ["facts", "x", ...path], {
    fact: f.id,
    ...(f.label !== f.id ? { label: f.label } : {}),
    expected,
    received,
    ...(hint ? { hint } : {}),
  });

const plain = fact();
const bySubject = fact({ subjects: ["网站", "公众号"] });
const byKind = fact({ kinds: ["错字", "链接"] });

describe("a findings fact given as a count or a text", () => {
  it.each([
    [3, [{ count: 3 }]],
    ["2", [{ count: 2 }]],
    [4n, [{ count: 4 }]],
    [0, []],
  ])("%s reads as that many findings with no subject", (raw, want) => {
    const { value, errors } = read(plain, raw);
    expect(errors).toEqual([]);
    expect(value).toEqual(want);
  });

  it("where subjects are declared, a count other than 0 is refused and names them", () => {
    const { value, errors } = read(bySubject, 2);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(bySubject, [], "逐条写明对象的问题清单(网站、公众号)", "数字 2"),
    ]);
    expect(read(bySubject, 0)).toEqual({ value: [], errors: [] });
  });

  it.each<[unknown]>([[true], [{ a: 1 }]])(
    "%s (neither list nor count) is refused as not a list",
    (raw) => {
      const { value, errors } = read(plain, raw);
      expect(value).toBeUndefined();
      expect(errors).toHaveLength(1);
      expect(errors[0]?.code).toBe("F_FACT_TYPE");
      expect(errors[0]?.path).toEqual(["facts", "x"]);
      expect(errors[0]?.message).toContain("应填问题清单(列表),");
    },
  );
});

describe("a findings list", () => {
  it("of MAX_FINDINGS items is read; one more is refused whole, saying how many", () => {
    const ok = read(
      plain,
      Array.from({ length: MAX_FINDINGS }, () => "x"),
    );
    expect(ok.errors).toEqual([]);
    expect((ok.value as unknown[]).length).toBe(MAX_FINDINGS);
    const big = read(
      plain,
      Array.from({ length: MAX_FINDINGS + 1 }, () => "x"),
    );
    expect(big.value).toBeUndefined();
    expect(big.errors).toEqual([
      typeIssue(plain, [], `不超过 ${MAX_FINDINGS} 条问题`, `${MAX_FINDINGS + 1} 条`),
    ]);
  });

  it("with a hole reports the hole as undefined at its index, and the rest is not kept", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    const { value, errors } = read(plain, ["a", , "b"]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([typeIssue(plain, [1], "一条问题(映射或文字)", "空值 undefined")]);
  });

  it("of texts gives notes, trimmed as written", () => {
    const { value, errors } = read(plain, ["错字一处", { note: "  漏报  " }]);
    expect(errors).toEqual([]);
    expect(value).toEqual([{ note: "错字一处" }, { note: "漏报" }]);
  });

  it.each([
    [byKind, "写明种类的一条问题(错字、链接)"],
    [bySubject, "写明对象的一条问题(网站、公众号)"],
    [fact({ kinds: ["错字"], subjects: ["网站"] }), "写明种类的一条问题(错字)"],
  ])("of a bare text is refused where kinds or subjects are declared", (f, expected) => {
    const { value, errors } = read(f, ["一处", "两处"]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(f, [0], expected, '文字 "一处"'),
      typeIssue(f, [1], expected, '文字 "两处"'),
    ]);
  });

  it.each([
    [5, "数字 5"],
    [null, "空值 null"],
    [["a"], "一个列表"],
    [new Map(), undefined],
  ])("item %s (not a mapping or text) is refused at its index", (item, received) => {
    const { value, errors } = read(plain, [{ note: "好" }, item]);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toEqual(["facts", "x", 1]);
    expect(errors[0]?.message).toContain("应填一条问题(映射或文字),");
    if (received)
      expect(errors[0]).toEqual(typeIssue(plain, [1], "一条问题(映射或文字)", received));
  });

  it("one bad finding refuses the whole list, and a good one after it is still checked", () => {
    const { value, errors } = read(byKind, [
      { kind: "错字" },
      { kind: "别的" },
      { kind: "链接", x: 1 },
    ]);
    expect(value).toBeUndefined();
    expect(errors.map((e) => e.path)).toEqual([
      ["facts", "x", 1, "kind"],
      ["facts", "x", 2, "x"],
    ]);
  });
});

describe("a finding's fields", () => {
  it.each([
    ["subject", "网站"],
    ["person", "张三"],
    ["note", "说明"],
    ["item", "第 3 项"],
    ["id", "a1"],
  ])("text field %s is kept trimmed", (k, v) => {
    const { value, errors } = read(plain, [{ [k]: ` ${v} ` }]);
    expect(errors).toEqual([]);
    expect(value).toEqual([{ [k]: v }]);
  });

  it.each([
    [12, "12"],
    [0, "0"],
    [-0, "0"],
    [1.5, "1.5"],
  ])("a number %s in a text field is kept as its text %s", (n, text) => {
    const { value, errors } = read(plain, [{ item: n }]);
    expect(errors).toEqual([]);
    expect(value).toEqual([{ item: text }]);
    expect(Object.is((value as { item: string }[])[0]?.item, text)).toBe(true);
  });

  it.each([
    [Number.NaN, "数字 NaN"],
    [Number.POSITIVE_INFINITY, "数字 Infinity"],
    [true, "true"],
    [["a"], "一个列表"],
  ])("%s in a text field is refused at that field", (v, received) => {
    const { value, errors } = read(plain, [{ note: "好" }, { person: v }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([typeIssue(plain, [1, "person"], "文字", received)]);
  });

  it("a null or undefined field is as if not written", () => {
    const { value, errors } = read(plain, [{ person: null, note: undefined, item: "a" }]);
    expect(errors).toEqual([]);
    expect(value).toEqual([{ item: "a" }]);
  });

  it("unknown fields are each reported, in sorted order, listing the allowed ones", () => {
    const { value, errors } = read(plain, [{ zz: 1, note: "a", aa: 2, count: 2 }]);
    expect(value).toBeUndefined();
    const allowed =
      "以下字段之一:subject, person, kind, count, note, date, item, shares, tags, amount, done, period, id, of";
    expect(errors).toEqual([
      typeIssue(plain, [0, "aa"], allowed, '字段 "aa"'),
      typeIssue(plain, [0, "zz"], allowed, '字段 "zz"'),
    ]);
  });

  it("a finding with only known fields is not refused for its fields", () => {
    expect(read(plain, [{ note: "a", count: 2 }])).toEqual({
      value: [{ note: "a", count: 2 }],
      errors: [],
    });
  });
});

describe("count and shares", () => {
  it.each([
    [1, 1],
    [MAX_FINDINGS, MAX_FINDINGS],
    [1n, 1],
    [BigInt(MAX_FINDINGS), MAX_FINDINGS],
  ])("%s is a whole number in range", (c, want) => {
    for (const k of ["count", "shares"]) {
      const { value, errors } = read(plain, [{ [k]: c }]);
      expect(errors).toEqual([]);
      expect(value).toEqual([{ [k]: want }]);
    }
  });

  it.each([
    [0, "数字 0"],
    [MAX_FINDINGS + 1, `数字 ${MAX_FINDINGS + 1}`],
    [0n, "BigInt 0n"],
    [BigInt(MAX_FINDINGS + 1), `BigInt ${MAX_FINDINGS + 1}n`],
    [1.5, "数字 1.5"],
    [-1, "数字 -1"],
    [true, "true"],
  ])("%s is refused as a count", (c, received) => {
    for (const k of ["count", "shares"]) {
      const { value, errors } = read(plain, [{ [k]: c }]);
      expect(value).toBeUndefined();
      expect(errors).toEqual([
        typeIssue(plain, [0, k], `1 到 ${MAX_FINDINGS} 的整数(不加引号)`, received),
      ]);
    }
  });

  it("a count in quotes is refused, with the hint the number reader gives for it", () => {
    const { errors } = read(plain, [{ count: "3" }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toEqual(["facts", "x", 0, "count"]);
    expect(errors[0]?.message).toContain('实际填的是文字 "3"');
  });

  it("a count of 0 is allowed for a period (a row that had none), not otherwise and not shares", () => {
    expect(read(plain, [{ period: "2024-03", count: 0 }])).toEqual({
      value: [{ period: "2024-03", count: 0 }],
      errors: [],
    });
    expect(read(plain, [{ period: "2024-03", shares: 0 }]).value).toBeUndefined();
    expect(read(plain, [{ count: 0 }]).value).toBeUndefined();
  });
});

describe("tags", () => {
  const tagged = fact({ tags: ["重大", "一般"] });
  it("a list of texts is kept; declared tags refuse others, at the tag's index", () => {
    expect(read(plain, [{ tags: ["a", "b"] }])).toEqual({
      value: [{ tags: ["a", "b"] }],
      errors: [],
    });
    expect(read(tagged, [{ tags: ["一般"] }]).errors).toEqual([]);
    const { value, errors } = read(tagged, [{ tags: ["一般", "重大了"] }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(tagged, [0, "tags", 1], "以下标签之一:重大、一般", "重大了"),
    ]);
  });

  it.each([
    ["a", '文字 "a"'],
    [["a", 1], "一个列表"],
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is tested
    [["a", , "b"], "一个列表"],
    [[undefined], "一个列表"],
  ])("%s is not a list of texts", (tags, received) => {
    const { value, errors } = read(plain, [{ tags }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([typeIssue(plain, [0, "tags"], "文字列表", received)]);
  });
});

describe("amount", () => {
  it.each([
    [0, "0"],
    [12.5, "12.5"],
    ["3", "3"],
  ])("%s is an amount", (a, want) => {
    const { value, errors } = read(plain, [{ amount: a }]);
    expect(errors).toEqual([]);
    expect((value as { amount: { toFixed(): string } }[])[0]?.amount.toFixed()).toBe(want);
  });

  it.each([
    [-1, "数字 -1"],
    ["5%", '文字 "5%"'],
    [true, "true"],
  ])("%s is refused as an amount", (a, received) => {
    const { value, errors } = read(plain, [{ amount: a }]);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: "F_FACT_TYPE",
      path: ["facts", "x", 0, "amount"],
    });
    expect(errors[0]?.message).toContain(`应填金额(0 或以上的数字),实际填的是${received}`);
  });

  it("a text that is no number is refused with the reader's hint", () => {
    const { errors } = read(plain, [{ amount: "五元" }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(
      /^事实「问题」\(x\)应填金额\(0 或以上的数字\),实际填的是文字 "五元"/,
    );
  });
});

describe("kinds", () => {
  it("a finding of a declared kind is read", () => {
    expect(read(byKind, [{ kind: "链接" }])).toEqual({ value: [{ kind: "链接" }], errors: [] });
  });
  it("no kind, or one not declared, is refused at kind", () => {
    const { value, errors } = read(byKind, [{ note: "a" }, { kind: "错别字" }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(byKind, [0, "kind"], "种类(错字、链接)", "未填写"),
      typeIssue(byKind, [1, "kind"], "以下之一:错字、链接", "错别字"),
    ]);
  });
  it("where no kinds are declared, any kind is read", () => {
    expect(read(plain, [{ kind: "随便" }]).errors).toEqual([]);
  });
});

describe("subjects", () => {
  it("a declared subject is read; none is refused; an unknown one is F_UNKNOWN_SUBJECT", () => {
    expect(read(bySubject, [{ subject: "网站" }])).toEqual({
      value: [{ subject: "网站" }],
      errors: [],
    });
    const { value, errors } = read(bySubject, [{ note: "a" }, { subject: "微博" }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(bySubject, [0, "subject"], "对象(网站、公众号)", "未填写"),
      issue("F_UNKNOWN_SUBJECT", ["facts", "x", 1, "subject"], {
        fact: "x",
        label: "问题",
        subject: "微博",
        allowed: "网站、公众号",
      }),
    ]);
  });
  it("each wrong subject alone refuses the list", () => {
    expect(read(bySubject, [{ subject: "网站" }, { subject: "微博" }]).value).toBeUndefined();
    expect(read(bySubject, [{ subject: "网站" }, { kind: "k" }]).value).toBeUndefined();
  });
});

describe("periods", () => {
  it.each(["2024-01", "2024-12", "2024-Q1", "2024-Q4"])("%s is a period", (p) => {
    expect(read(plain, [{ period: p, count: 2 }])).toEqual({
      value: [{ period: p, count: 2 }],
      errors: [],
    });
  });
  it.each(["2024-13", "2024-00", "2024-Q5", "2024-1", "24-01", "2024-03-01"])(
    "%s is not a period",
    (p) => {
      const { value, errors } = read(plain, [{ period: p }]);
      expect(value).toBeUndefined();
      expect(errors).toEqual([typeIssue(plain, [0, "period"], "期间 YYYY-MM 或 YYYY-Qn", p)]);
    },
  );
  it("a finding with both a date and a period is refused at date", () => {
    const { value, errors } = read(plain, [{ period: "2024-03", date: "2024-03-05" }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(plain, [0, "date"], "日期 date 与期间 period 只填一个", "date: 2024-03-05"),
    ]);
  });
});

describe("dates and times", () => {
  it("parseDateTime of undefined is null (why the guards before it are equivalent)", () => {
    expect(parseDateTime(undefined as unknown as string)).toBeNull();
  });
  it.each(["2024-03-05", "2024-03-05T09:30"])("%s is a date or time", (d) => {
    expect(read(plain, [{ date: d, done: d }])).toEqual({
      value: [{ date: d, done: d }],
      errors: [],
    });
  });
  it.each(["2024-3-5", "2024-02-30", "昨天"])("%s is refused as date and as done", (d) => {
    const { value, errors } = read(plain, [{ date: d, done: d }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(plain, [0, "date"], "日期 YYYY-MM-DD 或时间 YYYY-MM-DDTHH:mm", d),
      typeIssue(plain, [0, "done"], "日期 YYYY-MM-DD 或时间 YYYY-MM-DDTHH:mm", d),
    ]);
    expect(read(plain, [{ done: d }]).value).toBeUndefined();
    expect(read(plain, [{ date: d }]).value).toBeUndefined();
  });
});

describe("links (of)", () => {
  const linked = fact({ links: { fact: "x" } });
  it("of is refused where the fact links to nothing", () => {
    const { value, errors } = read(plain, [{ of: "a1" }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(plain, [0, "of"], "不写 of(这项事实不关联其他问题)", "of: a1"),
    ]);
  });
  it("of with item is refused at item; of alone is read", () => {
    const { value, errors } = read(linked, [{ of: "a1", item: "第 2 项" }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      typeIssue(linked, [0, "item"], "不写 item(关联的那一条决定它是哪一项信息)", "item: 第 2 项"),
    ]);
    expect(read(linked, [{ of: "a1" }])).toEqual({ value: [{ of: "a1" }], errors: [] });
  });
});

describe("finding ids", () => {
  it("a repeated id is F_DUPLICATE_FINDING at the second, naming the first", () => {
    const { value, errors } = read(plain, [{ id: "a" }, { id: "b" }, "c", { id: "a" }]);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      issue("F_DUPLICATE_FINDING", ["facts", "x", 3, "id"], {
        fact: "x",
        label: "问题",
        id: "a",
        first: 0,
      }),
    ]);
    expect(errors[0]?.message).toContain("第一次在第 1 条");
  });
  it("distinct ids are read", () => {
    expect(read(plain, [{ id: "a" }, { id: "b" }]).errors).toEqual([]);
  });
});

describe("nearestFacts and unknownFactIssue", () => {
  const decl = (list: [string, string][]) =>
    new Map(list.map(([id, label]) => [id, fact({ id, label, type: "count" })]));
  const ids = (m: ReadonlyMap<string, CFact>, key: string) => nearestFacts(m, key).map((f) => f.id);

  const facts = decl([
    ["errors", "表格错误"],
    ["errs", "错误条数"],
    ["staff", "专班人员到位情况"],
    ["news", "每月信息条数"],
    ["newz", "newz"],
  ]);

  it.each([
    ["errors", ["errors"]],
    ["ERRORS", ["errors"]],
    ["eror", ["errors", "errs"]],
    ["staf", ["staff"]],
    ["表格错误", ["errors"]],
    ["人员到位", ["staff"]],
    ["new", ["news", "newz"]],
    ["nws", ["news"]],
    ["zzzzzzzz", []],
    ["", []],
    ["x".repeat(65), []],
  ])("%s → %j", (key, want) => {
    expect(ids(facts, key)).toEqual(want);
  });

  it("a key of 64 characters still gets a suggestion, 65 none", () => {
    const long = "a".repeat(64);
    const m = decl([[long, long]]);
    expect(ids(m, long)).toEqual([long]);
    expect(ids(m, `${long}a`)).toEqual([]);
  });

  it("at most three suggestions, all at the nearest distance, in declaration order", () => {
    const m = decl([
      ["abd", "abd"],
      ["abc", "abc"],
      ["abx", "abx"],
      ["aby", "aby"],
      ["abcd", "abcd"],
    ]);
    expect(ids(m, "abcd")).toEqual(["abcd"]);
    expect(ids(m, "ab")).toEqual(["abd", "abc", "abx"]);
  });

  it("the nearest comes first even when declared last", () => {
    const m = decl([
      ["abcxyz", "abcxyz"],
      ["abcxy", "abcxy"],
      ["abcx", "abcx"],
    ]);
    expect(ids(m, "abc")).toEqual(["abcx"]);
    expect(ids(m, "abcxy")).toEqual(["abcxy"]);
    expect(
      ids(
        decl([
          ["q", "q"],
          ["abcxyz", "abcxyz"],
          ["abcxy", "abcxy"],
        ]),
        "abcxy",
      ),
    ).toEqual(["abcxy"]);
  });

  it("distance is limited to max(2, length / 3)", () => {
    const m = decl([["abcdefghi", "abcdefghi"]]);
    // 9 characters: limit 3
    expect(ids(m, "abcdefxyz")).toEqual(["abcdefghi"]);
    expect(ids(m, "abcdewxyz")).toEqual([]);
    const short = decl([["ab", "ab"]]);
    expect(ids(short, "xy")).toEqual(["ab"]);
    expect(ids(short, "xyz")).toEqual([]);
    expect(ids(decl([["abcde", "abcde"]]), "abc")).toEqual(["abcde"]);
    expect(ids(decl([["abcdef", "无关标签文字"]]), "abc")).toEqual([]);
  });

  it("distance counts insertions, deletions and substitutions", () => {
    const m = decl([["kitten", "kitten"]]);
    // sitting: 3 edits; limit for 7 characters is 2
    expect(ids(m, "sitting")).toEqual([]);
    expect(ids(m, "sittin")).toEqual(["kitten"]);
    expect(ids(m, "kittne")).toEqual(["kitten"]);
    expect(ids(m, "ktten")).toEqual(["kitten"]);
    expect(ids(m, "kittens")).toEqual(["kitten"]);
    expect(ids(decl([["abcdefghijkl", "abcdefghijkl"]]), "xbcdefghijkx")).toEqual(["abcdefghijkl"]);
    expect(ids(decl([["abcdefghijkl", "abcdefghijkl"]]), "xxxxdefghijkl")).toEqual([
      "abcdefghijkl",
    ]);
    expect(ids(decl([["abcdefghijkl", "abcdefghijkl"]]), "xxxxxefghijkl")).toEqual([]);
  });

  it("a label containing the key counts as near only for keys of two characters or more", () => {
    const m = decl([["a1", "政务公开专栏更新及时情况"]]);
    expect(ids(m, "更新及时")).toEqual(["a1"]);
    expect(ids(m, "公开")).toEqual(["a1"]);
    expect(ids(decl([["abcdef", "长长的标签里有一个字"]]), "字")).toEqual([]);
    expect(ids(decl([["zz", "甲乙丙丁戊己庚辛壬癸子丑寅卯"]]), "乙丙丁戊己庚辛壬癸子丑寅")).toEqual(
      ["zz"],
    );
  });

  it("a label contained by the key at the exact limit stays a suggestion, nearer ones first", () => {
    const m = decl([
      ["far", "这是一个很长的标签其中含有人员到位四字"],
      ["near", "人员到位"],
    ]);
    expect(ids(m, "人员到位")).toEqual(["near"]);
  });

  it("labels are compared on their first 80 characters", () => {
    // 18 edits from the label's first 80 characters (limit 21 for 64), 56 from the whole label.
    const m = decl([["q", `${"甲".repeat(70)}${"乙".repeat(50)}`]]);
    expect(ids(m, `${"甲".repeat(62)}丁丁`)).toEqual(["q"]);
  });

  it("labels are matched case-insensitively", () => {
    expect(ids(decl([["q1", "Website Errors"]]), "website errors")).toEqual(["q1"]);
    expect(ids(decl([["q1", "website errors"]]), "WEBSITE ERRORS")).toEqual(["q1"]);
  });

  it("unknownFactIssue shows id(label), the id alone where the label says no more, joined by 或", () => {
    const m = decl([
      ["news", "每月信息条数"],
      ["newz", "newz"],
      ["newq", ""],
    ]);
    expect(unknownFactIssue(m, "new", ["facts", "new"])).toEqual(
      issue("F_UNKNOWN_FACT", ["facts", "new"], {
        fact: "new",
        suggestion: "news(每月信息条数) 或 newz 或 newq",
      }),
    );
    expect(unknownFactIssue(m, "完全不同的名字", ["facts", "k"])).toEqual(
      issue("F_UNKNOWN_FACT", ["facts", "k"], { fact: "完全不同的名字" }),
    );
    expect(unknownFactIssue(m, "完全不同的名字", ["facts", "k"]).message).toContain("请核对拼写");
  });
});

describe("factText", () => {
  const findings = [{ kind: "错字", count: 3 }, { kind: "链接" }, { kind: "错字" }, { count: 2 }];
  it.each([
    [undefined, undefined, ""],
    [NA, undefined, "(不适用)"],
    [true, undefined, "是"],
    [false, undefined, "否"],
    ["优", undefined, "优"],
    [[], undefined, "0处"],
    [findings, undefined, "7处"],
    [findings, "错字", "4处(错字)"],
    [findings, "链接", "1处(链接)"],
    [findings, "无", "0处(无)"],
    [
      new Map([
        ["2024-01", toDecimal(3)],
        ["2024-02", toDecimal("1.5")],
      ]),
      undefined,
      "2024-01:3,2024-02:1.5",
    ],
    [new Map(), undefined, ""],
    [toDecimal("87.50"), undefined, "87.5"],
  ] as const)("%j (kind %s) → %s", (v, kind, want) => {
    expect(factText(v as Parameters<typeof factText>[0], kind)).toBe(want);
  });
});

describe("what the mutation run left after the first pass", () => {
  it("an amount with thousands commas is refused with the hint to drop them", () => {
    expect(read(plain, [{ amount: "1,000" }]).errors).toEqual([
      typeIssue(
        plain,
        [0, "amount"],
        "金额(0 或以上的数字)",
        '文字 "1,000"',
        "不要用逗号分隔千位:写 1000",
      ),
    ]);
  });

  it.each([[{ note: "a" }], [{ kind: "错别字" }]])(
    "one finding of a wrong kind alone refuses the list: %j",
    (fd) => {
      const { value, errors } = read(byKind, [fd]);
      expect(value).toBeUndefined();
      expect(errors).toHaveLength(1);
    },
  );

  const decl = (list: string[]) =>
    new Map(list.map((id) => [id, fact({ id, label: "无关标签文字", type: "count" })]));
  const ids = (m: ReadonlyMap<string, CFact>, key: string) => nearestFacts(m, key).map((f) => f.id);

  it("a leading deletion costs one edit, like a leading substitution", () => {
    expect(ids(decl(["yabcdef", "abcdef"]), "xabcdef")).toEqual(["yabcdef", "abcdef"]);
    expect(ids(decl(["abcdef"]), "xxabcdef")).toEqual(["abcdef"]);
  });

  it("a leading insertion costs one edit each, up to the limit", () => {
    expect(ids(decl(["xxabcdef"]), "abcdef")).toEqual(["xxabcdef"]);
    expect(ids(decl(["xxxabcdef"]), "abcdef")).toEqual([]);
  });

  it("a key of two characters found in a label is near, though far from the id", () => {
    const m = new Map([["abcdef", fact({ id: "abcdef", label: "政务公开专栏更新及时情况" })]]);
    expect(ids(m, "公开")).toEqual(["abcdef"]);
    expect(ids(m, "开")).toEqual([]);
  });
});
