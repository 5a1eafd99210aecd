import { describe, expect, it } from "vitest";
import { compile, halfYears, item, ref, reward, said } from "../../test/helpers.js";
import { scoreUnit } from "./evaluate.js";

// T1/T2 combined scores: every refusal at its place, the weights, the roundings, what carries over
// from the parts (forced grades, flags, other measures, weighted deductions) and what is read again
// on the combined total (bands, thresholds). Written against the survivors of a mutation run on
// combine-parts.ts (40% killed; docs/reliability.md).

const per = (each: number) => ({ id: "A1", type: "per", fact: "n", each, text: "每处扣分", ref });
const rules = (over: Record<string, unknown> = {}) =>
  compile({
    facts: [
      { id: "n", label: "问题", type: "count" },
      { id: "bad", label: "严重问题", type: "boolean", default: false },
    ],
    points: 100,
    grades: {
      order: ["优秀", "合格", "不合格"],
      bands: [{ grade: "优秀", gte: 90 }, { grade: "合格", gte: 60 }, { grade: "不合格" }],
    },
    thresholds: [{ id: "T", of: "total", lt: 80, flag: "约谈", text: "低于80分的,约谈", ref }],
    tree: [
      item("A", 100, [
        per(1),
        {
          id: "A2",
          type: "override",
          when: "bad",
          grade: "不合格",
          flag: "通报",
          text: "严重问题的,定为不合格并通报",
          ref,
        },
      ]),
    ],
    combine: {
      parts: halfYears({ rounding: { places: 0, mode: "half-up" } }, { given: true }),
      partRounding: "none",
      rounding: { places: 1, mode: "half-up" },
      text: "集中70%,日常30%;上半年40%,年底60%",
      ref,
    },
    ...over,
  } as never);

const parts = (jz: unknown, rc: unknown, xbn: unknown) => ({
  上半年: { parts: { 集中: jz, 日常: rc } },
  下半年: xbn,
});
const score = (p: unknown, extra: Record<string, unknown> = {}) =>
  scoreUnit(rules(), { id: "u", facts: {}, parts: p as never, ...extra });
const refusal = (p: unknown, extra: Record<string, unknown> = {}) => {
  const r = score(p, extra);
  return r.ok ? [] : r.issues.map((i) => [i.code, i.path.join("."), i.message]);
};

/** A rule set with no combine: item A, 10 points, 1 off per n. */
const uncombined = () =>
  compile({
    facts: [{ id: "n", label: "问题", type: "count" }],
    points: 10,
    tree: [{ id: "A", title: "A", points: 10, clauses: [per(1)] }],
  } as never);

describe("combined scores: refusals", () => {
  it("a rule set without combine refuses parts", () => {
    const r = scoreUnit(uncombined(), { id: "u", facts: {}, parts: { x: { facts: {} } } });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_PARTS", "parts"],
    ]);
  });

  it("names every missing, unknown and malformed part at its place", () => {
    expect(refusal(parts({ facts: { n: 1 } }, {}, { score: 90 }))).toEqual([
      ["F_PARTS", "parts.上半年.parts.日常.facts", '分部分合成得分:部分 "日常" 须给出事实 facts'],
    ]);
    const r = refusal({ 上半年: { parts: { 集中: { facts: { n: 1 } } } }, z: {}, a: {} });
    expect(r.map(([c, p]) => [c, p])).toEqual([
      ["F_PARTS", "parts.a"],
      ["F_PARTS", "parts.z"],
      ["F_PARTS", "parts.上半年.parts.日常"],
      ["F_PARTS", "parts.下半年"],
    ]);
    expect(refusal(parts({ facts: { n: 1 } }, { facts: { n: 1 } }, {})).map(([, p]) => p)).toEqual([
      "parts.下半年.score",
    ]);
    for (const s of [-1, 100.5])
      expect(
        refusal(parts({ facts: { n: 1 } }, { facts: { n: 1 } }, { score: s })).map(([, p, m]) => [
          p,
          String(m).includes(`给出的分数 ${s} 不在 0–100 之间`),
        ]),
      ).toEqual([["parts.下半年.score", true]]);
    expect(refusal(parts({ facts: { n: 1 } }, { facts: { n: 1 } }, { score: 100 }))).toEqual([]);
    expect(refusal(parts({ facts: { n: 1 } }, { facts: { n: 1 } }, { score: 0 }))).toEqual([]);
  });

  it("places a part's own fact problems inside the part, and refuses facts beside parts", () => {
    expect(
      refusal(parts({ facts: { n: -1 } }, { facts: { n: 1 } }, { score: 90 })).map(([c, p]) => [
        c,
        p,
      ]),
    ).toEqual([["F_FACT_TYPE", "parts.上半年.parts.集中.facts.n"]]);
    expect(
      refusal(parts({ facts: { n: 1 } }, { facts: { n: 1 } }, { score: 90 }), {
        facts: { n: 1 },
      }).map(([c, p]) => [c, p]),
    ).toEqual([["F_PARTS", "facts"]]);
  });
});

describe("combined scores: the arithmetic", () => {
  it("weighs the parts exactly, rounds a part that says so, and the total once", () => {
    // 集中 100 − 3 = 97; 日常 100 − 8 = 92 (its own rounding, to whole points, changes nothing).
    const r = score(parts({ facts: { n: 3 } }, { facts: { n: 8 } }, { score: "88.25" }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // 上半年 = 97 × 70% + 92 × 30% = 67.9 + 27.6 = 95.5; 全年 = 95.5 × 40% + 88.25 × 60% = 38.2 + 52.95
    expect(r.unrounded.toFixed()).toBe("91.15");
    expect(r.total.toFixed()).toBe("91.2");
    expect(
      r.parts?.map((p) => [p.id, p.score.toFixed(), p.weighted.toFixed(), p.given ?? false]),
    ).toEqual([
      ["上半年", "95.5", "38.2", false],
      ["下半年", "88.25", "52.95", true],
    ]);
    // Deductions weighted as the scores: 3 × 28% + 8 × 12% = 0.84 + 0.96.
    expect(r.deducted.toFixed()).toBe("1.8");
    const details = r.trace.filter((e) => e.kind === "combine").map((e) => [e.rule, said(e)]);
    expect(details).toEqual([
      ["上半年.集中", "集中考核97分×70%=67.9分"],
      ["上半年.日常", "日常考核92分×30%=27.6分"],
      ["上半年", "上半年考核95.5分×40%=38.2分"],
      ["下半年", "年底考核88.25分×60%=52.95分(给定分数)"],
      ["combine", "合计91.15分,保留1位小数为91.2分"],
    ]);
    const quiet = scoreUnit(
      rules(),
      {
        id: "u",
        facts: {},
        parts: parts({ facts: { n: 3 } }, { facts: { n: 8 } }, { score: "88.25" }) as never,
      },
      { trace: false },
    );
    expect(quiet.ok && quiet.trace).toEqual([]);
  });

  it("a part's rounding applies to that part only; an exact total says no rounding", () => {
    // 上半年 97 × 70% + 97 × 30% = 97; 全年 97 × 40% + 97 × 60% = 97: exact, nothing to round.
    const r = score(parts({ facts: { n: 3 } }, { facts: { n: 3 } }, { score: 97 }));
    expect(r.ok && r.total.toFixed()).toBe("97");
    expect(r.ok && said(r.trace.at(-1))).toBe("合计97分");
  });
});

describe("combined scores: what carries over", () => {
  it("bands read the combined total; a forced grade in any part carries over, the worst winning", () => {
    const good = score(parts({ facts: { n: 0 } }, { facts: { n: 0 } }, { score: 95 }));
    expect(good.ok && [good.grade, good.gradeSource]).toEqual(["优秀", "band"]);
    const forced = score(parts({ facts: { n: 0, bad: true } }, { facts: { n: 0 } }, { score: 95 }));
    expect(forced.ok && [forced.grade, forced.gradeSource]).toEqual(["不合格", "override"]);
  });

  it("a part's own flags carry over; a threshold is read again on the combined total only", () => {
    const r = score(parts({ facts: { n: 30, bad: true } }, { facts: { n: 0 } }, { score: 95 }));
    // 集中 70 (below 80: its own threshold flag is not carried); combined 0.4 × 79 + 57 = 88.6.
    expect(r.ok && r.flags).toEqual(["通报"]);
    const low = score(parts({ facts: { n: 40 } }, { facts: { n: 40 } }, { score: 70 }));
    expect(low.ok && low.flags).toEqual(["约谈"]);
    expect(low.ok && low.trace.at(-1)?.kind).toBe("flag");
  });
});

describe("combined scores: the words of each refusal", () => {
  const msg = (p: unknown, extra: Record<string, unknown> = {}) =>
    refusal(p, extra).map((x) => x[2]);

  it("says which part is unknown, missing, without its score or with one out of range", () => {
    expect(msg({ 上半年: { parts: { 集中: { facts: { n: 1 } } } }, z: {} })).toEqual([
      '分部分合成得分:规则中没有名为 "z" 的部分',
      '分部分合成得分:缺少部分 "日常"(日常考核)',
      '分部分合成得分:缺少部分 "下半年"(年底考核)',
    ]);
    expect(msg(parts({ facts: { n: 1 } }, { facts: { n: 1 } }, {}))).toEqual([
      '分部分合成得分:部分 "下半年" 须给出分数 score',
    ]);
    expect(msg(parts({ facts: { n: 1 } }, { facts: { n: 1 } }, { score: "100.5" }))).toEqual([
      '分部分合成得分:部分 "下半年" 给出的分数 100.5 不在 0–100 之间',
    ]);
    expect(
      msg(parts({ facts: { n: 1 } }, { facts: { n: 1 } }, { score: 90 }), { facts: { n: 1 } }),
    ).toEqual(["分部分合成得分:按部分填报的单位,事实写在各部分里面,不能写在 parts 旁边"]);
  });

  it("a rule set without combine says so", () => {
    const r = scoreUnit(uncombined(), {
      id: "u",
      category: "县",
      facts: {},
      parts: { x: { facts: {} } },
    });
    expect(!r.ok && [r.unit, r.category, r.issues.map((i) => i.message)]).toEqual([
      "u",
      "县",
      ["分部分合成得分:规则中没有 combine(分部分合成)一节,单位不能按部分填报"],
    ]);
  });
});

describe("combined scores: partRounding, categories, measures and bonuses", () => {
  // One part, scored, in the unit's category; a second measure, rounded or not; a bonus.
  const mk = (partRounding: "none" | "policy", moneyRounding?: Record<string, unknown>) =>
    compile({
      policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "error" },
      categories: [
        { id: "city", label: "市" },
        { id: "county", label: "县" },
      ],
      measures: [
        { id: "points", label: "积分", unit: "分" },
        {
          id: "money",
          label: "奖励",
          unit: "元",
          ...(moneyRounding ? { rounding: moneyRounding } : {}),
        },
      ],
      facts: [
        { id: "n", label: "问题", type: "count" },
        { id: "good", label: "表彰", type: "boolean", default: false },
        { id: "adopted", label: "采用", type: "count", missing: "zero" },
      ],
      points: 100,
      tree: [
        item("A", 100, [
          per(0.125),
          {
            id: "A3",
            type: "fixed",
            effect: "add",
            when: "good",
            amount: 2,
            text: "表彰加2分",
            ref,
          },
        ]),
      ],
      adjustments: [reward(5, "每条奖励5元")],
      combine: {
        parts: [
          { id: "甲", label: "甲部分", percent: 30 },
          { id: "乙", label: "乙部分", percent: 70 },
        ],
        partRounding,
        rounding: { places: 3, mode: "half-up" },
        text: "甲30%,乙70%",
        ref: { doc: "doc" },
      },
    } as never);
  const run = (crs: ReturnType<typeof mk>, a: unknown, b: unknown, category = "county") => {
    const r = scoreUnit(crs, { id: "u", category, facts: {}, parts: { 甲: a, 乙: b } as never });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r;
  };

  it("partRounding: none takes a part's exact total, policy its total rounded by the policy", () => {
    // 甲 100 − 3 × 0.125 = 99.625; 乙 100.
    const none = run(mk("none"), { facts: { n: 3 } }, { facts: { n: 0 } });
    expect(none.parts?.[0]?.score.toFixed()).toBe("99.625");
    expect(none.unrounded.toFixed()).toBe("99.8875");
    const policy = run(mk("policy"), { facts: { n: 3 } }, { facts: { n: 0 } });
    expect(policy.parts?.[0]?.score.toFixed()).toBe("99.63");
    expect(policy.unrounded.toFixed()).toBe("99.889");
    // The points measure is the combined total, not the parts' rounded totals weighted (99.889).
    expect([none.total.toFixed(), none.measures.points?.toFixed()]).toEqual(["99.888", "99.888"]);
  });

  it("each part is scored in the unit's category, and the result keeps it", () => {
    const r = run(mk("none"), { facts: { n: 0 } }, { facts: { n: 0 } }, "city");
    expect([r.category, r.parts?.map((p) => p.result?.category)]).toEqual([
      "city",
      ["city", "city"],
    ]);
  });

  it("another measure is weighted like the scores, and rounded by its own rounding if any", () => {
    // 甲 15 元 × 30% + 乙 5 元 × 70% = 4.5 + 3.5 = 8; 乙 0 元: 4.5, or 5 rounded to whole 元.
    const r = run(mk("none"), { facts: { n: 0, adopted: 3 } }, { facts: { n: 0, adopted: 1 } });
    expect([r.measures.points?.toFixed(), r.measures.money?.toFixed()]).toEqual(["100", "8"]);
    const exact = run(mk("none"), { facts: { n: 0, adopted: 3 } }, { facts: { n: 0 } });
    expect(exact.measures.money?.toFixed()).toBe("4.5");
    const whole = mk("none", { places: 0, mode: "half-up" });
    const w = run(whole, { facts: { n: 0, adopted: 3 } }, { facts: { n: 0 } });
    expect(w.measures.money?.toFixed()).toBe("5");
  });

  it("additions are weighted as the scores are; the combined result has no nodes and did not stop", () => {
    const r = run(mk("none"), { facts: { n: 0, good: true } }, { facts: { n: 8 } });
    // 甲 102 × 30% + 乙 99 × 70% = 30.6 + 69.3 = 99.9; added 2 × 30%, deducted 1 × 70%.
    expect([r.total.toFixed(), r.added.toFixed(), r.deducted.toFixed()]).toEqual([
      "99.9",
      "0.6",
      "0.7",
    ]);
    expect([r.nodes, r.stopped, r.excluded, r.grade, r.gradeSource]).toEqual([
      {},
      false,
      [],
      null,
      null,
    ]);
  });

  it("a part's entry names its place, the document and the part's weight", () => {
    const r = run(mk("none"), { facts: { n: 0 } }, { facts: { n: 0 } });
    const e = r.trace.find((x) => x.kind === "combine" && x.rule === "甲");
    expect([e?.node, e?.measure, e?.text, e?.ref, e?.facts]).toEqual([
      null,
      "points",
      "甲30%,乙70%",
      { doc: "doc", title: "测试文件" },
      {},
    ]);
    expect(said(e)).toBe("甲部分100分×30%=30分");
  });
});

describe("combined scores: grades and flags of the parts", () => {
  it("a band grade of a part does not carry over: bands read the combined total only", () => {
    // 集中 100 − 45 = 55 (不合格 on its own); combined 0.4 × (55 × 0.7 + 100 × 0.3) + 0.6 × 100 = 87.4.
    const r = score(parts({ facts: { n: 45 } }, { facts: { n: 0 } }, { score: 100 }));
    expect(r.ok && [r.total.toFixed(), r.grade, r.gradeSource]).toEqual(["87.4", "合格", "band"]);
  });

  it("a flag raised in two parts is carried over once", () => {
    const r = score(
      parts({ facts: { n: 0, bad: true } }, { facts: { n: 0, bad: true } }, { score: 95 }),
    );
    expect(r.ok && r.flags).toEqual(["通报"]);
  });

  it("with the trace off a threshold still flags, and nothing is written", () => {
    const r = scoreUnit(
      rules(),
      {
        id: "u",
        facts: {},
        parts: parts({ facts: { n: 40 } }, { facts: { n: 40 } }, { score: 70 }) as never,
      },
      { trace: false },
    );
    expect(r.ok && [r.flags, r.trace]).toEqual([["约谈"], []]);
  });
});
