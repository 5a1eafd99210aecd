import { describe, expect, it } from "vitest";
import { compile, fraudVeto, ref } from "../../test/helpers.js";
import { parseCases, runCases, show } from "./runner.js";

// What a case can assert beyond totals: node grades, single flags, whether a veto stopped
// scoring, which caps bit, which items do not apply, and the explanation's effects — and how a
// mismatch reads (both values, never `[object Object]`).

const crs = compile({
  facts: [
    { id: "n", label: "问题", type: "count" },
    { id: "late", label: "未及时报告", type: "boolean" },
    { id: "fraud", label: "弄虚作假", type: "boolean" },
    { id: "warn", label: "发生通报", type: "boolean" },
  ],
  points: 10,
  grades: { order: ["合格", "不合格"] },
  tree: [
    {
      id: "A",
      title: "问题",
      points: 6,
      cap: 2,
      clauses: [{ id: "A.每处", type: "per", fact: "n", each: 0.5, text: "每处扣0.5分", ref }],
    },
    {
      id: "B",
      title: "报告",
      points: 4,
      clauses: [
        {
          id: "B.不合格",
          type: "override",
          when: "late",
          grade: "不合格",
          gradeScope: "node",
          amount: 1,
          text: "未及时报告的,按不合格处理,扣1分",
          ref,
        },
        { id: "B.通报", type: "fixed", when: "warn", amount: 0.5, text: "被通报的扣0.5分", ref },
      ],
    },
  ],
  thresholds: [{ id: "全年", of: "total", lt: 8, flag: "约谈", text: "低于8分的,约谈", ref }],
  vetoes: [fraudVeto("弄虚作假的,直接归零")],
} as never);

const run = (expect: string, facts = "{ n: 7, late: true, fraud: false, warn: false }") =>
  runCases(
    crs,
    `cases:\n  - name: c\n    unit: { facts: ${facts} }\n    expect:\n${expect}`,
    "c.yaml",
  );

const problems = (r: ReturnType<typeof run>) => [
  ...r.issues.map((i) => `${i.code} ${i.message}`),
  ...r.cases.flatMap((c) => c.problems),
];

describe("case expectations beyond the total", () => {
  it("the rule set behaves as the cases below assume", () => {
    const r = run("      total: 7\n      capped: [A]");
    expect(problems(r)).toEqual([]);
  });

  it("node grades: the grade forced on a node, null for none", () => {
    expect(problems(run("      nodeGrades: { B: 不合格, A: null }"))).toEqual([]);
    expect(problems(run("      nodeGrades: { B: 合格 }"))).toEqual([
      "指标 B 的等次:应为 合格,实际为 不合格",
    ]);
    expect(problems(run("      nodeGrades: { Z: 合格 }"))).toEqual([
      expect.stringContaining('"Z"'),
    ]);
  });

  it("single flags: raised or not, without listing every flag", () => {
    expect(problems(run("      flagsInclude: [约谈]"))).toEqual([]);
    expect(problems(run("      flagsExclude: [约谈]"))).toEqual([
      "标记 约谈:应为 不触发,实际为 触发",
    ]);
    const lower = "{ n: 1, late: false, fraud: false, warn: false }";
    expect(problems(run("      flagsExclude: [约谈]", lower))).toEqual([]);
    expect(problems(run("      flagsInclude: [约谈]", lower))).toEqual([
      "标记 约谈:应为 触发,实际为 未触发(触发的标记:无)",
    ]);
  });

  it("stopped: whether a veto stopped scoring", () => {
    const fraud = "{ n: 0, late: false, fraud: true, warn: false }";
    expect(problems(run("      stopped: true\n      total: 0", fraud))).toEqual([]);
    expect(problems(run("      stopped: true"))).toEqual([
      "stopped(一票否决停止计分):应为 true,实际为 false",
    ]);
  });

  it("capped and notApplicable compare the lists of nodes, order ignored", () => {
    expect(problems(run("      capped: [A]\n      notApplicable: []"))).toEqual([]);
    expect(problems(run("      capped: []"))).toEqual(['capped:应为 [],实际为 ["A"]']);
  });

  it("effects: an entry matched by rule, then by the fields given, decimals as decimals", () => {
    expect(
      problems(
        run(
          '      effects:\n        - { rule: A.每处, kind: deduct, effect: { type: per, count: 7, each: "0.50", raw: 3.5 } }\n        - { rule: A, kind: deduct-cap, effect: { type: node-cap, cap: 2 } }\n        - { rule: B.不合格, delta: -1 }',
        ),
      ),
    ).toEqual([]);
  });

  it("an effect that differs prints what was expected and every entry of that rule, as JSON", () => {
    const [p] = problems(run("      effects:\n        - { rule: A.每处, effect: { count: 6 } }"));
    expect(p).toContain('规则 A.每处 的说明条目:应为 {"rule":"A.每处","effect":{"count":6}}');
    expect(p).toContain('"count":7');
    expect(p).not.toContain("[object Object]");
  });

  it("an effect of a rule with no entry names the rules the explanation has", () => {
    const [p] = problems(run("      effects:\n        - { rule: B.通报 }"));
    expect(p).toContain(
      '规则 B.通报 的说明条目:应为 {"rule":"B.通报"},实际为 无此规则的条目(说明中的规则:',
    );
    expect(p).toContain("A.每处");
  });

  it("a list expected where the effect has a list compares element by element", () => {
    const [p] = problems(run("      effects:\n        - { rule: A.每处, effect: { count: [7] } }"));
    expect(p).toContain("规则 A.每处 的说明条目");
  });

  it("malformed expectations are refused where they are, before the case runs", () => {
    const codes = (e: string) => run(e).issues.map((i) => [i.code, i.message, i.line]);
    expect(codes("      stopped: yes please")).toEqual([
      ["C_SHAPE", expect.stringContaining("stopped 应为 true 或 false"), 2],
    ]);
    expect(codes("      effects: []")[0]?.[1]).toContain("effects 应为非空列表");
    expect(codes("      effects: [{ kind: deduct }]")[0]?.[1]).toContain(
      "effects[0] 应为映射,且有 rule",
    );
    expect(codes("      effects: [{ rule: A, dleta: 1 }]")[0]?.[1]).toContain("未知的键 dleta");
    expect(codes("      effects: [{ rule: A, delta: lots }]")[0]?.[1]).toContain(
      "effects[0].delta 应为数字",
    );
    expect(codes("      nodeGrades: { B: 1 }")[0]?.[1]).toContain(
      "nodeGrades 应为映射:指标编号 → 等次或 null",
    );
    expect(codes("      capped: A")[0]?.[1]).toContain("capped 应为文字列表");
  });

  it("the new keys are single-unit keys: a cohort case that uses them is refused", () => {
    const r = runCases(
      crs,
      "cases:\n  - name: k\n    units: [{ id: a, facts: { n: 1, late: false, fraud: false, warn: false } }]\n    expect: { effects: [{ rule: A }] }",
      "k.yaml",
    );
    expect(r.issues.map((i) => i.code)).toEqual(["E_MISPLACED"]);
  });
});

describe("show: how a mismatch prints a value", () => {
  it("text as is, objects and lists as JSON", () => {
    expect(show("合格")).toBe("合格");
    expect(show({ a: [1, "x"] })).toBe('{"a":[1,"x"]}');
    expect(show(null)).toBe("null");
    expect(show(undefined)).toBe("undefined");
    expect(show(10n)).toBe('"10"');
  });
});

describe("readings in a cases file", () => {
  it("a file and each case may name readings: a name or a list of names", () => {
    const r = parseCases(
      "reading: 自然日\ncases:\n  - name: a\n    reading: [先加后扣, 工作日]\n    unit: { facts: {} }\n    expect: { total: 1 }\n  - name: b\n    reading: 先扣后加\n    units: [{ id: x, facts: {} }]\n    expect: { scores: { x: 1 } }\n  - name: c\n    unit: { facts: {} }\n    expect: { total: 1 }\n",
    );
    expect(r.issues).toEqual([]);
    expect(r.reading).toEqual(["自然日"]);
    expect(r.cases.map((c) => c.reading)).toEqual([
      ["先加后扣", "工作日"],
      ["先扣后加"],
      undefined,
    ]);
  });

  it("refuses a reading that is not a name or a list of names", () => {
    const bad = parseCases(
      "cases:\n  - name: a\n    reading: [1]\n    unit: { facts: {} }\n    expect: { total: 1 }\n",
      "c.yaml",
    );
    expect(bad.issues.map((i) => [i.code, i.line])).toEqual([["C_SHAPE", 2]]);
    const empty = parseCases(
      "reading: []\ncases:\n  - { name: a, unit: { facts: {} }, expect: { total: 1 } }\n",
    );
    expect(empty.issues.map((i) => [i.code, i.line])).toEqual([["C_SHAPE", 1]]);
  });
});

describe("an expected error that does not come, in Chinese", () => {
  it("says the score the unit got instead", () => {
    // n: 7 deducts 3.5, capped at 2 in A; late: B's override deducts 1 → 10 − 2 − 1 = 7.
    expect(problems(run("      error: F_MISSING_FACT"))).toEqual([
      "应报错 F_MISSING_FACT,实际得到:得分 7",
    ]);
  });
});
