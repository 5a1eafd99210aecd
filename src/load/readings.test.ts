import { describe, expect, it } from "vitest";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { renderExplanation } from "../explain/render.js";
import { loadRuleSet } from "./load.js";

// A template whose ambiguous clauses are parameters of other kinds than decimals: a choice in an
// enum position (policy.bonusFloor), a choice picking a whole value (`select`: a grade band whose
// operator is a key), a whole number (a deadline's length), a boolean (overdraw), and readings
// naming sets of their values.
const TEMPLATE = `kaohe: 1
id: t/readings
title: 解读模板
documents: [{ id: d, title: 办法 }]
policy:
  rounding: { places: 2, mode: half-up, at: total }
  missingFact: error
  bonusFloor: { param: 封底 }
parameters:
  - id: 封底
    label: 加分与扣完为止
    kind: choice
    choices: [after-floor, { value: before-floor, label: 加分先抵扣 }]
  - { id: 界限, label: 60分是否合格, kind: choice, choices: [含, 不含] }
  - { id: 期限, label: 答复期限, kind: integer, min: 1, max: 60 }
  - { id: 倒扣, label: 是否倒扣, kind: boolean }
readings:
  - id: 加分
    text: 扣完为止。……每项加1分
    ref: { doc: d, at: 第五条 }
    options:
      - { id: 先扣后加, title: 先封底再加分, values: { 封底: after-floor } }
      - { id: 先加后扣, title: 加分先抵扣扣分, values: { 封底: before-floor } }
  - id: 六十分
    text: 60分以下为不合格
    ref: { doc: d }
    options:
      - { id: 含本数, title: 60分为不合格, values: { 界限: 含 } }
      - { id: 不含本数, title: 60分为合格, values: { 界限: 不含 } }
facts:
  - { id: n, label: 问题数, type: count }
  - { id: k, label: 创新数, type: count }
  - { id: m, label: 其他问题数, type: count }
  - { id: apps, label: 申请, type: findings }
grades:
  order: [合格, 不合格]
  bands:
    - param: 界限
      select:
        含: { grade: 合格, gt: 60 }
        不含: { grade: 合格, gte: 60 }
    - { grade: 不合格 }
tree:
  - id: a
    title: 甲
    points: 3
    overdraw: { param: 倒扣 }
    clauses:
      - { id: a1, type: per, fact: n, each: 1, text: 每处扣1分, ref: { doc: d } }
      - { id: a2, type: per, fact: k, each: 2, effect: add, text: 每项加2分, ref: { doc: d } }
  - id: b
    title: 乙
    points: 7
    clauses:
      - id: b1
        type: deadline
        fact: apps
        within: { workdays: { param: 期限 } }
        each: 1
        text: 期限内答复
        ref: { doc: d }
  - id: c
    title: 丙
    points: 90
    clauses:
      - { id: c1, type: per, fact: m, each: 1, text: 每处扣1分, ref: { doc: d } }
`;

const params = (body: string) =>
  `kaohe-parameters: 1
template: t/readings
id: t/readings/p
title: 参数
official: true
${body}`;

function load(p: string | null, readings?: string[], template = TEMPLATE) {
  return loadRuleSet(template, {
    file: "rules.yaml",
    ...(p ? { parameters: { text: p, file: "p.yaml" } } : {}),
    ...(readings ? { readings } : {}),
  });
}

const codes = (r: ReturnType<typeof load>) =>
  r.ok ? [] : r.issues.map((i) => [i.code, i.file, i.line]);

const FACTS = { n: 5, k: 1, m: 0, apps: [] };

function scored(r: ReturnType<typeof load>, facts: Record<string, unknown> = FACTS) {
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.message}`).join("; "));
  const crs = compileRuleSet(r.ruleSet);
  const s = scoreUnit(crs, { id: "u", facts });
  if (!s.ok) throw new Error("not scored");
  return { crs, s };
}

describe("parameters of other kinds", () => {
  it("a choice goes where the rule language has an enum, and changes the score", () => {
    // 甲: 5 lost, cap 3, +2. after-floor: 3 − 3 + 2 = 2; before-floor: 5 − 2 = 3 ≤ 3, 3 − 5 + 2 = 0.
    const v = (floor: string) => `values: { 封底: ${floor}, 界限: 含, 期限: 15, 倒扣: false }\n`;
    const after = scored(load(params(v("after-floor"))));
    expect(after.s.nodes.a?.score.toFixed()).toBe("2");
    expect(after.crs.bonusFloor).toBe("after-floor");
    const before = scored(load(params(v("before-floor"))));
    expect(before.s.nodes.a?.score.toFixed()).toBe("0");
  });

  it("refuses a value that is not one of the choices, naming the parameter and the choices", () => {
    const r = load(params("values: { 封底: 1.5, 界限: 含, 期限: 15, 倒扣: false }\n"));
    expect(codes(r)).toEqual([["E_PARAM_CHOICE", "p.yaml", 6]]);
    expect(!r.ok && r.issues[0]?.message).toBe(
      '参数 "封底" 的值 1.5 不是它的可选值;应为以下之一:after-floor、before-floor',
    );
    const typo = load(params("values: { 封底: after_floor, 界限: 含, 期限: 15, 倒扣: false }\n"));
    expect(codes(typo)).toEqual([["E_PARAM_CHOICE", "p.yaml", 6]]);
  });

  it("a boolean takes true or false only; a whole number goes in as a number, within its range", () => {
    const yes = load(params('values: { 封底: after-floor, 界限: 含, 期限: 15, 倒扣: "true" }\n'));
    expect(!yes.ok && yes.issues.map((i) => [i.code, i.message])).toEqual([
      ["E_PARAM_CHOICE", '参数 "倒扣" 的值 "true" 不是它的可选值;应为以下之一:true、false'],
    ]);
    const half = load(params("values: { 封底: after-floor, 界限: 含, 期限: 1.5, 倒扣: false }\n"));
    expect(codes(half)).toEqual([["E_PARAM_INTEGER", "p.yaml", 6]]);
    const far = load(params("values: { 封底: after-floor, 界限: 含, 期限: 61, 倒扣: false }\n"));
    expect(codes(far)).toEqual([["E_PARAM_RANGE", "p.yaml", 6]]);
    // "15" as text is the whole number 15: the schema's `workdays` takes a number.
    const text = load(params('values: { 封底: after-floor, 界限: 含, 期限: "15", 倒扣: true }\n'));
    expect(text.ok && text.ruleSet.tree[1]?.clauses?.[0]).toMatchObject({
      within: { workdays: 15 },
    });
    // overdraw: true — 甲 has no cap and goes below 0 (3 − 8 = −5); with false it stops at 0.
    const findings = { n: 8, k: 0, m: 0, apps: [] };
    expect(scored(text, findings).s.nodes.a?.score.toFixed()).toBe("-5");
    const floored = load(
      params("values: { 封底: after-floor, 界限: 含, 期限: 15, 倒扣: false }\n"),
    );
    expect(scored(floored, findings).s.nodes.a?.score.toFixed()).toBe("0");
  });

  it("checks declarations against their kind", () => {
    const bad = (decl: string) =>
      load(
        params("values: {}\n"),
        undefined,
        TEMPLATE.replace("  - { id: 倒扣, label: 是否倒扣, kind: boolean }", decl),
      );
    const detail = (r: ReturnType<typeof load>) =>
      r.ok ? [] : r.issues.filter((i) => i.code === "E_PARAM_DECL").map((i) => i.message);
    expect(detail(bad("  - { id: 倒扣, label: 是否倒扣, kind: choice }"))).toEqual([
      '参数 "倒扣" 的声明有误:kind: choice 须列出 choices(至少两个可选值)',
    ]);
    expect(detail(bad("  - { id: 倒扣, label: 是否倒扣, choices: [a, b] }"))).toEqual([
      '参数 "倒扣" 的声明有误:只有 kind: choice 的参数才列 choices(这里是 decimal)',
    ]);
    expect(detail(bad("  - { id: 倒扣, label: 是否倒扣, kind: boolean, max: 1 }"))).toEqual([
      '参数 "倒扣" 的声明有误:min、max 只用于 decimal 和 integer 参数(这里是 boolean)',
    ]);
    expect(detail(bad("  - { id: 倒扣, label: 是否倒扣, kind: integer, max: 1.5 }"))).toEqual([
      '参数 "倒扣" 的声明有误:integer 参数的 min、max 须为整数,而不是 1.5',
    ]);
    expect(detail(bad("  - { id: 倒扣, label: 是否倒扣, kind: choice, choices: [a, a] }"))).toEqual(
      ['参数 "倒扣" 的声明有误:可选值 "a" 重复'],
    );
    expect(codes(bad("  - { id: 倒扣, label: 是否倒扣, kind: text }"))).toEqual([
      ["E_ENUM", "rules.yaml", 16],
    ]);
    expect(codes(bad("  - { id: 封底, label: 又一个, kind: boolean }"))).toEqual([
      ["E_DUPLICATE_ID", "rules.yaml", 16],
    ]);
  });
});

describe("select: a whole value picked by a choice", () => {
  const v = "values: { 封底: after-floor, 期限: 15, 倒扣: false, 界限: %s }\n";
  it("picks the branch its value names: 60 is 不合格 under 含, 合格 under 不含", () => {
    const facts = { n: 0, k: 0, m: 40, apps: [] };
    expect(scored(load(params(v.replace("%s", "含"))), facts).s.grade).toBe("不合格");
    const { s } = scored(load(params(v.replace("%s", "不含"))), facts);
    expect([s.total.toFixed(), s.grade]).toEqual(["60", "合格"]);
  });

  it("needs every choice written, and only by a choice or boolean parameter", () => {
    const missing = load(
      params(v.replace("%s", "含")),
      undefined,
      TEMPLATE.replace("        不含: { grade: 合格, gte: 60 }\n", ""),
    );
    expect(!missing.ok && missing.issues.map((i) => [i.code, i.line, i.message])).toEqual([
      [
        "E_PARAM_SELECT",
        38,
        '按参数 "界限" 选取(select)有误:缺少可选值 不含(可选值:含、不含,每个都须写出)',
      ],
    ]);
    const byNumber = load(
      params(v.replace("%s", "含")),
      undefined,
      TEMPLATE.replace("    - param: 界限\n", "    - param: 期限\n"),
    );
    expect(codes(byNumber)).toEqual([
      ["E_PARAM_SELECT", "rules.yaml", 38],
      ["W_UNUSED_PARAM", "rules.yaml", 14],
    ]);
  });

  it("a problem inside the chosen branch is located in the branch", () => {
    const t = TEMPLATE.replace(
      "不含: { grade: 合格, gte: 60 }",
      "不含: { grade: 合格, gte: 60, x: 1 }",
    );
    const r = load(params(v.replace("%s", "不含")), undefined, t);
    expect(!r.ok && r.issues.map((i) => [i.code, i.line, i.path.join(".")])).toEqual([
      ["E_UNKNOWN_KEY", 41, "grades.bands.0.select.不含"],
    ]);
  });
});

describe("readings: named sets of values for the ambiguous clauses", () => {
  const base = "values: { 期限: 15, 倒扣: false }\n";

  it("a parameters file picks one reading per clause; the explanation names them", () => {
    const r = load(params(`reading: [先加后扣, 含本数]\n${base}`));
    expect(r.ok && r.ruleSet.reading).toEqual(["先加后扣", "含本数"]);
    const { crs, s } = scored(r);
    expect(s.nodes.a?.score.toFixed()).toBe("0");
    expect(crs.readings.map((x) => [x.id, x.clause.id])).toEqual([
      ["先加后扣", "加分"],
      ["含本数", "六十分"],
    ]);
    const text = renderExplanation(crs, s);
    expect(text).toContain("解读:加分 按「加分先抵扣扣分」(先加后扣)");
    expect(text).toContain("解读:六十分 按「60分为不合格」(含本数)");
  });

  it("readings given beside the file replace its reading of the same clause only", () => {
    const r = load(params(`reading: [先加后扣, 含本数]\n${base}`), ["先扣后加"]);
    expect(r.ok && r.ruleSet.reading).toEqual(["先扣后加", "含本数"]);
    expect(scored(r).s.nodes.a?.score.toFixed()).toBe("2");
  });

  it("composes from readings alone when they give every value", () => {
    const t = TEMPLATE.replace(
      "    within: { workdays: { param: 期限 } }",
      "    within: { workdays: 15 }",
    )
      .replace("  - { id: 期限, label: 答复期限, kind: integer, min: 1, max: 60 }\n", "")
      .replace("    overdraw: { param: 倒扣 }\n", "")
      .replace("  - { id: 倒扣, label: 是否倒扣, kind: boolean }\n", "");
    const r = load(null, ["先加后扣", "不含本数"], t);
    expect(r.ok && [r.ruleSet.reading, r.ruleSet.edition]).toEqual([
      ["先加后扣", "不含本数"],
      undefined,
    ]);
    const none = load(null, [], t);
    expect(!none.ok && none.issues.map((i) => i.message)).toEqual([
      '这里用到参数 "封底",但参数文件没有给它赋值(没有给出参数文件;也没有选定给它赋值的解读:先扣后加、先加后扣)',
      '这里用到参数 "界限",但参数文件没有给它赋值(没有给出参数文件;也没有选定给它赋值的解读:含本数、不含本数)',
    ]);
  });

  it("refuses unknown readings, two for one clause, and a value given twice", () => {
    expect(codes(load(params(`reading: 先扣\n${base}`)))).toEqual([
      ["E_READING_UNKNOWN", "p.yaml", 6],
    ]);
    const unknown = load(params(`reading: 先扣后加\n${base}`), ["含本数", "没有"]);
    expect(!unknown.ok && unknown.issues.map((i) => [i.code, i.message])).toEqual([
      [
        "E_READING_UNKNOWN",
        '没有名为 "没有" 的解读;模板声明的解读:先扣后加、先加后扣、含本数、不含本数',
      ],
    ]);
    expect(codes(load(params(`reading: [先扣后加, 先加后扣, 含本数]\n${base}`)))).toEqual([
      ["E_READING_CONFLICT", "p.yaml", 6],
    ]);
    const both = load(
      params(
        "reading: [先扣后加, 含本数]\nvalues: { 期限: 15, 倒扣: false, 封底: before-floor }\n",
      ),
    );
    expect(!both.ok && both.issues.map((i) => [i.code, i.file, i.line, i.message])).toEqual([
      [
        "E_READING_CONFLICT",
        "p.yaml",
        7,
        '解读冲突:参数 "封底" 的值由解读 "先扣后加" 给出,参数文件不能再给它赋值',
      ],
    ]);
    // A rule set without readings has none to pick.
    const plain = loadRuleSet(
      "kaohe: 1\nid: x\ntitle: 无\ndocuments: [{ id: d, title: 办法 }]\npolicy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }\nfacts: []\ntree: [{ id: a, title: 甲, points: 1 }]\n",
      { readings: ["先扣后加"] },
    );
    expect(!plain.ok && plain.issues.map((i) => i.message)).toEqual([
      '没有名为 "先扣后加" 的解读;模板声明的解读:(模板没有声明解读)',
    ]);
  });

  it("checks a reading's values against the declarations, in the template", () => {
    const t = TEMPLATE.replace("values: { 封底: before-floor }", "values: { 封底: 前 }").replace(
      "values: { 界限: 不含 }",
      "values: { 界线: 不含 }",
    );
    expect(codes(load(params(`reading: 先扣后加\n${base}`), undefined, t))).toEqual([
      ["E_PARAM_CHOICE", "rules.yaml", 23],
      ["E_PARAM_UNKNOWN", "rules.yaml", 29],
    ]);
  });

  it("a reading in force must be declared, in a rule set written by hand too", () => {
    const r = loadRuleSet(
      "kaohe: 1\nid: x\ntitle: 无\ndocuments: [{ id: d, title: 办法 }]\npolicy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }\nfacts: [{ id: n, label: 数, type: count }]\nreading: [先扣后加]\ntree: [{ id: a, title: 甲, points: 1, clauses: [{ id: a1, type: per, fact: n, each: 1, text: 扣分, ref: { doc: d } }] }]\n",
    );
    expect(codes(r)).toEqual([["E_READING_UNKNOWN", undefined, 7]]);
  });
});
