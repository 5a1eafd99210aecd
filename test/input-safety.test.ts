/**
 * Regression tests for inputs that kaohe 0.1.0 misread into wrong scores or crashed on, found by
 * trying it as careless and hostile users would (issue 8). Each test states the behaviour, with
 * its own inputs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scoreCohort } from "../src/cohort/cohort.js";
import type { CohortUnitInput } from "../src/cohort/types.js";
import { compileRuleSet } from "../src/compile/compile-rule-set.js";
import { dstr } from "../src/decimal.js";
import { cohortToJSON } from "../src/explain/cohort-json.js";
import { renderExplanation } from "../src/explain/render.js";
import { parseSource } from "../src/load/document.js";
import { decodeText } from "../src/load/encoding.js";
import { loadRuleSet, validateRuleSet } from "../src/load/load.js";
import { normalizeUnitId, parseUnits } from "../src/load/units.js";
import { compileRuleSetFile, loadRuleSetFile, loadUnitsFile } from "../src/node/index.js";
import { said } from "./helpers.js";

const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const FIX = "test/fixtures";

function compileText(text: string) {
  const r = loadRuleSet(text, { file: "rules.yaml" });
  if (!r.ok) throw new Error(r.issues.map((i) => i.code).join(","));
  return compileRuleSet(r.ruleSet);
}

function codes(text: string): string[] {
  const r = loadRuleSet(text, { file: "rules.yaml" });
  return r.ok ? [] : r.issues.map((i) => i.code);
}

const scoresOf = (res: ReturnType<typeof scoreCohort>) =>
  Object.fromEntries(res.units.map((u) => [u.unit, u.score === null ? null : dstr(u.score)]));

/** The facts of a unit that meets every requirement of the 湖北 set (from the bundled example). */
const GOOD = `
      funds_reduced_without_approval: false
      staffing_info_incomplete: false
      staffing_secrecy_breach: false
      admin_posts_total: 980
      admin_posts_approved: 1000
      staffing_diff_unexplained: false
      actual_public_unexplained: false
      overview_misplaced: false
      realname_rate_admin: 100
      realname_rate_institutions: 100
      complaints_reported_and_handled: true
      school_query_activities: true
      mobile_query_activities: true
      news_monthly: { "2009-01": 2, "2009-02": 2, "2009-03": 2, "2009-04": 2, "2009-05": 2, "2009-06": 2 }
      info_timely_updated: true
      free_query_point_ok: true
      special_staff_in_place: true
      half_year_summary_submitted: true
      self_assessment_done: true
      other_tasks_done: true
      exposure_not_reported_48h: false
      leads_not_reported: false
      tech_staff_and_rules: true
      site_distinctive: true
      pages_tidy: true
      pages_correct: true
      free_query_column: true
      data_orderly: true
      rural_query_points_active: true`;

function unitYaml(id: string, extra = ""): string {
  return `  - id: ${JSON.stringify(id)}\n    category: other\n    facts:${GOOD}${extra}\n`;
}

describe("duplicate and look-alike unit ids", () => {
  const crs = compileRuleSetFile(HUBEI);
  // Units that list funds published in detail (funds_late items feed the 40% cohort figure).
  const funded = (id: string, items: string[]) =>
    unitYaml(
      id,
      `\n      funds_late: [${items.map((it) => `{ item: ${it}, kind: 详细公开 }`).join(", ")}]`,
    );

  it("a unit given twice is not scored, is left out of cohort figures, and order changes nothing", () => {
    const others = ["U1", "U2", "U3", "U4", "U5", "U6", "U7"].map((u, i) =>
      funded(u, i < 3 ? ["农村饮水"] : []),
    );
    const a = `units:\n${others.join("")}${funded("DUP", ["农村饮水"])}${funded("DUP", [])}`;
    const b = `units:\n${others.join("")}${funded("DUP", [])}${funded("DUP", ["农村饮水"])}`;
    const pa = parseUnits(a, "a.yaml");
    const pb = parseUnits(b, "b.yaml");
    const dup = pa.issues.find((i) => i.code === "F_DUPLICATE_UNIT_AT");
    expect(dup?.line).toBeGreaterThan(1);
    expect(dup?.message).toMatch(/第\d+行/); // the first copy's line
    const ra = scoreCohort(crs, pa.units);
    const rb = scoreCohort(crs, pb.units);
    expect(JSON.stringify(cohortToJSON(ra))).toBe(JSON.stringify(cohortToJSON(rb)));
    expect(ra.units.find((u) => u.unit === "DUP")?.score).toBeNull();
    expect(ra.issues.map((i) => i.code)).toContain("K_FIGURE_DUPLICATES");
  });

  it("ids are compared after NFC with invisible characters and surrounding spaces removed", () => {
    expect(normalizeUnitId("武汉市\u200b")).toBe("武汉市");
    expect(normalizeUnitId("Cafe\u0301")).toBe("Café");
    expect(normalizeUnitId(" \ufeff江岸区 ")).toBe("江岸区");
    const text = `units:\n${unitYaml("武汉市")}${unitYaml("武汉市\u200b")}${unitYaml("Cafe\u0301")}${unitYaml("Café")}`;
    const p = parseUnits(text, "f.yaml");
    const dups = p.issues.filter((i) => i.code === "F_DUPLICATE_UNIT_AT");
    expect(dups.map((i) => i.message.slice(0, 12))).toHaveLength(2);
    const r = scoreCohort(crs, p.units);
    expect(r.units.every((u) => u.score === null)).toBe(true);
  });

  it("an empty or blank id is an error, not a unit called ''", () => {
    const p = parseUnits(
      `units:\n${unitYaml("")}${unitYaml("\u200b ")}${unitYaml("好")}`,
      "f.yaml",
    );
    expect(p.issues.filter((i) => i.code === "F_UNIT_ID")).toHaveLength(2);
    expect(p.units.map((u) => u.id)).toEqual(["好"]);
    // Through the API too.
    const r = scoreCohort(crs, [{ id: "", facts: {} } as CohortUnitInput]);
    expect(r.issues.map((i) => i.code)).toContain("F_UNIT_ID");
    expect(r.units).toHaveLength(0);
  });

  it("a malformed copy of a unit still makes the good copy a duplicate, in either order", () => {
    const bad = `  - id: X\n    category: other\n    facts: 3\n`;
    for (const text of [`units:\n${unitYaml("X")}${bad}`, `units:\n${bad}${unitYaml("X")}`]) {
      const p = parseUnits(text, "f.yaml");
      const r = scoreCohort(crs, p.units);
      expect(r.units.find((u) => u.unit === "X")?.score ?? null).toBeNull();
    }
  });

  it("units listed twice in the previous run are reported and compared with nothing", () => {
    const rel = compileRuleSetFile("test/cohort-sets/relative/rules.yaml");
    const first: CohortUnitInput[] = [
      { id: "R1", facts: { a: 9, b: 0, 公开率: 85 } },
      { id: "R2", facts: { a: 2, b: 1, 公开率: 81 } },
      { id: "R3", facts: { a: 0, b: 0, 公开率: 82 } },
    ];
    const prevA = {
      units: [
        { id: "R1", total: 50, rank: 3, facts: { 公开率: 50 } },
        { id: "R1", total: 96, rank: 1, facts: { 公开率: 96 } },
        { id: "R2", total: 80, rank: 2, facts: { 公开率: 80 } },
        { id: "R3", total: 70, rank: 4, facts: { 公开率: 70 } },
      ],
    };
    const prevB = {
      units: [prevA.units[1], prevA.units[0], prevA.units[2], prevA.units[3]],
    } as typeof prevA;
    const a = scoreCohort(rel, first, { previous: prevA });
    const b = scoreCohort(rel, first, { previous: prevB });
    expect(JSON.stringify(cohortToJSON(a))).toBe(JSON.stringify(cohortToJSON(b)));
    expect(a.issues.map((i) => i.code)).toContain("K_PREVIOUS_INVALID");
  });
});

describe("bounded work", () => {
  it("a merge-key bomb is refused quickly instead of expanding to millions of values", () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `k${i}: ${i}`).join(", ");
    const text = `big: &big {${keys}}\npad:\n${"  - {<<: *big}\n".repeat(999)}units: []\n`;
    // 0.1.0 expanded it to 20 million values (20 s, 1.1 GB); now it is refused after parsing.
    const r = parseUnits(text, "bomb.yaml");
    expect(r.issues.map((i) => i.code)).toEqual(["E_TOO_COMPLEX"]);
  });

  it("nesting deeper than the limit is refused, not a stack overflow", () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    expect(parseSource(deep).issues[0]?.code).toMatch(/E_TOO_COMPLEX|E_SYNTAX/);
    const deepMap = `${Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}a:`).join("\n")} 1\n`;
    expect(parseSource(deepMap).issues[0]?.code).toBe("E_TOO_COMPLEX");
  });

  it("a normal file that uses merge keys still loads", () => {
    const p = parseUnits(readFileSync("examples/hubei-2009-h1-units.yaml", "utf8"));
    expect(p.issues).toEqual([]);
    expect(p.units.length).toBe(4);
  });
});

describe("YAML that would be misread", () => {
  it("keys that read the same (1 and '1', 0x10 and 16, ~ and '') are refused", () => {
    for (const t of ["a:\n  1: 5\n  '1': 0\n", "a:\n  0x10: 1\n  16: 2\n", "a:\n  ~: 1\n  '': 2\n"])
      expect(parseSource(t).issues.map((i) => i.code)).toContain("E_DUPLICATE_KEY");
  });

  it("an alias used as a key is refused, so it cannot smuggle __proto__ past the key check", () => {
    const t = "k: &k __proto__\nunits:\n  - { id: a, total: 1, *k : 1 }\n";
    expect(parseSource(t).issues.map((i) => i.code)).toContain("E_KEY");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("!!omap, !!set, !!binary, !!timestamp and unknown tags are refused, never read as empty", () => {
    for (const t of [
      "a: !!omap [{x: 1}]",
      "a: !!set {x, y}",
      "a: !!binary aGVsbG8=",
      "a: !!timestamp 2001-12-14",
      "a: !foo 1",
    ])
      expect(parseSource(t).issues.length, t).toBeGreaterThan(0);
    const p = parseUnits(
      `units:\n  - id: 甲\n    facts:\n      news_monthly: !!omap [{ "2009-01": 2 }]\n`,
    );
    expect(p.issues.map((i) => i.code)).toEqual(["E_TAG"]);
  });

  it("integers past 2^53 and numbers with too many digits are refused, not rounded", () => {
    expect(parseSource("a: 12345678901234567890").issues.map((i) => i.code)).toEqual(["E_NUMBER"]);
    expect(parseSource("a: 0.30000000000000001").issues.map((i) => i.code)).toEqual(["E_NUMBER"]);
    expect(parseSource("a: 0x10").issues.map((i) => i.code)).toEqual(["E_NUMBER"]);
    expect(parseSource("a: 1e400").issues.map((i) => i.code)).toEqual(["E_NUMBER"]);
    // Quoted, the text is read exactly where a decimal is expected.
    expect(parseSource('a: "12345678901234567890"').issues).toEqual([]);
    expect(parseSource("a: 9007199254740991\nb: 87.50\nc: -0.5\nd: +3").issues).toEqual([]);
  });

  it("a comparison with no operator is refused at load (it would always hold)", () => {
    const rules = `kaohe: 1
id: t
title: t
documents: [{ id: d, title: d }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
facts: [{ id: rate, label: 公开率, type: rate }]
tree:
  - id: A
    title: A
    points: 10
    clauses:
      - { id: A.c, type: check, when: { any: [{ fact: rate }] }, text: 公开率达到80%, ref: { doc: d } }
`;
    expect(codes(rules)).toContain("E_NO_OPERATOR");
  });

  it("an empty or ~ rule file with parameters is a coded error", () => {
    for (const body of ["", "~\n"]) {
      const r = loadRuleSet(body, {
        file: "rules.yaml",
        parameters: { text: "template: x\nvalues: {}\n", file: "p.yaml" },
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.code).toMatch(/^E_/);
    }
  });
});

describe("encodings", () => {
  const scores = (file: string) => {
    const p = loadUnitsFile(join(FIX, file), file);
    expect(p.issues).toEqual([]);
    return {
      ids: p.units.map((u) => u.id),
      scores: scoresOf(scoreCohort(compileRuleSetFile(HUBEI), p.units)),
    };
  };

  it("a GBK (GB18030) file scores exactly like the same file in UTF-8", () => {
    const utf8 = scores("two-districts.utf8.yaml");
    expect(utf8.ids).toEqual(["江岸区", "江汉区"]);
    expect(scores("two-districts.gbk.yaml")).toEqual(utf8);
    expect(scores("two-districts.utf16le.yaml")).toEqual(utf8);
  });

  it("bytes that are neither UTF-8 nor GB18030 are refused with E_ENCODING", () => {
    const p = loadUnitsFile(join(FIX, "latin1.yaml"));
    expect(p.issues.map((i) => i.code)).toEqual(["E_ENCODING"]);
    expect(decodeText(new Uint8Array([0x61, 0, 0x62])).issue?.code).toBe("E_ENCODING");
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({
      text: "a",
      encoding: "utf-8",
    });
  });

  it("a rule file saved as GBK loads with its Chinese intact", () => {
    const r = loadRuleSetFile(join(FIX, "two-districts.gbk.yaml"));
    // Not a rule set, but the message quotes no mojibake: decoding came first.
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message).join("")).not.toMatch(/\ufffd/);
  });
});

describe("crashes become coded errors", () => {
  const crs = compileRuleSetFile(HUBEI);

  it("an empty part in a unit (上半年: with no value) is reported by the reader", () => {
    const p = parseUnits(
      "units:\n  - id: 某县\n    parts:\n      上半年:\n      下半年: { score: 90 }\n",
    );
    expect(p.issues.map((i) => i.code)).toEqual(["F_BAD_UNITS"]);
    expect(p.units).toEqual([]);
  });

  it("an empty part given through the API, in a cohort with cohort facts, does not throw", () => {
    const units = [
      { id: "某县", category: "other", parts: { 上半年: null, 下半年: { score: 90 } } },
      { id: "某市", category: "other", self: { parts: { 上半年: null } } },
    ] as unknown as CohortUnitInput[];
    const r = scoreCohort(crs, units);
    expect(r.units.every((u) => u.score === null)).toBe(true);
  });
});

describe("output order", () => {
  const rules = `kaohe: 1
id: tally-tie
title: 按最高级别计分
documents: [{ id: d, title: d }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
facts:
  - { id: adoptions, label: 采用, type: findings, kinds: [省刊, 市刊], missing: zero }
  - { id: news, label: 每月信息, type: series, missing: zero }
window: { from: "2009-01-01", to: "2009-03-31", undated: include }
tree:
  - id: A
    title: 采用
    points: 0
    clauses:
      - { id: A.t, type: tally, effect: add, fact: adoptions, amounts: { 省刊: 10, 市刊: 10 }, repeat: highest, text: 同一信息按最高级别计分, ref: { doc: d } }
  - id: B
    title: 每月信息
    points: 3
    clauses:
      - { id: B.t, type: target, fact: news, period: month, min: 2, each: 1, text: 每月至少两条, ref: { doc: d } }
`;
  it("equal-valued kinds and series keys in another order give the same bytes", () => {
    const crs = compileText(rules);
    const run = (adoptions: string, news: string) => {
      const p = parseUnits(
        `units:\n  - id: 甲\n    facts:\n      adoptions: ${adoptions}\n      news: ${news}\n`,
      );
      expect(p.issues).toEqual([]);
      const r = scoreCohort(crs, p.units);
      return `${JSON.stringify(cohortToJSON(r))}\n${renderExplanation(crs, r.units[0]?.outcome as never)}`;
    };
    const a = run(
      "[{ item: 信息1, kind: 省刊 }, { item: 信息1, kind: 市刊 }]",
      '{ "2009-01": 1, "2009-02": 3, "2009-03": 0, "2008-12": 0 }',
    );
    const b = run(
      "[{ item: 信息1, kind: 市刊 }, { item: 信息1, kind: 省刊 }]",
      '{ "2008-12": 0, "2009-03": 0, "2009-02": 3, "2009-01": 1 }',
    );
    expect(b).toBe(a);
    expect(a).toContain("省刊1条");
  });
});

describe("negative rates", () => {
  it("a step deduction counts the whole shortfall of a negative rate", () => {
    const crs = compileText(`kaohe: 1
id: neg
title: 增长率
documents: [{ id: d, title: d }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
facts: [{ id: growth, label: 财政收入增长率, type: rate, min: -100 }]
tree:
  - id: A
    title: 增长率
    points: 100
    clauses:
      - { id: A.s, type: step, fact: growth, below: 10, per: 1, each: 1, partial: floor, text: 每低1个百分点扣1分, ref: { doc: d } }
`);
    const r = scoreCohort(crs, [
      { id: "甲", facts: { growth: -40 } },
      { id: "乙", facts: { growth: -5 } },
      { id: "丙", facts: { growth: 0 } },
      { id: "丁", facts: { growth: 9.5 } },
    ]);
    expect(scoresOf(r)).toEqual({ 甲: "50", 乙: "85", 丙: "90", 丁: "100" });
  });
});

describe("rates in the wrong scale inside cohort figures", () => {
  it("under strict, an ambiguous rate in the previous run is not averaged into last year's mean", () => {
    const rel = compileRuleSetFile("test/cohort-sets/relative/rules.yaml");
    const units: CohortUnitInput[] = [
      { id: "R1", facts: { a: 0, b: 0, 公开率: 85 } },
      { id: "R2", facts: { a: 0, b: 0, 公开率: 75 } },
    ];
    const previous = {
      units: [
        { id: "R1", total: 90, rank: 1, facts: { 公开率: 80 } },
        { id: "R2", total: 80, rank: 2, facts: { 公开率: 0.9 } }, // 90% written as a fraction
      ],
    };
    const loose = scoreCohort(rel, units, { previous });
    const strict = scoreCohort(rel, units, { previous, strict: true });
    const mean = (r: ReturnType<typeof scoreCohort>) => said(r.figures[0]) ?? "";
    expect(mean(loose)).toContain("2个单位"); // averaged in, and warned about by name:
    expect(loose.warnings.map((w) => [w.code, w.unit])).toContainEqual([
      "W_RATE_SCALE",
      "上一轮 R2",
    ]);
    expect(mean(strict)).toContain("1个单位"); // left out
    expect(strict.issues.map((i) => i.code)).toContain("K_FIGURE_INCOMPLETE");
  });
});

describe("rule data from code", () => {
  it("a construct type that is a null-prototype object is a coded error, not a TypeError", () => {
    const rs = {
      kaohe: 1,
      id: "t",
      title: "t",
      documents: [{ id: "d", title: "d" }],
      policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "error" },
      facts: [{ id: "n", label: "n", type: "count" }],
      tree: [
        {
          id: "A",
          title: "A",
          points: 1,
          clauses: [
            {
              type: Object.create(null),
              id: "c",
              text: "t",
              ref: { doc: "d" },
              fact: "n",
              each: 1,
            },
          ],
        },
      ],
    };
    const r = validateRuleSet(rs as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toContain("E_UNKNOWN_CONSTRUCT");
  });
});
