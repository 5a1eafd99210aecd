import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkNode, compile, item, perNode, ref, score } from "../../test/helpers.js";
import { scoreCohort } from "../cohort/cohort.js";
import { loadRuleSet } from "../load/load.js";
import { parseUnits } from "../load/units.js";
import { scoreUnit } from "./evaluate.js";

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed();

describe("fixes from the code review", () => {
  it("a zeroed section is not given back by its parent's cap", () => {
    const crs = compile({
      facts: [{ id: "x", label: "x", type: "boolean" }],
      points: 10,
      tree: [
        {
          id: "P",
          title: "P",
          points: 10,
          cap: 3,
          children: [checkNode("A", 5, "x", "a"), checkNode("B", 5, "x", "b")],
        },
      ],
      vetoes: [{ id: "v", type: "override", when: "x", zero: ["A"], text: "此大项不得分", ref }],
    });
    const r = score(crs, { x: true });
    expect([t(r.nodes.A?.score), t(r.nodes.B?.score), t(r.nodes.P?.score), t(r.deducted)]).toEqual([
      "0",
      "5",
      "5",
      "0",
    ]);
  });

  it("gates read the score as reported", () => {
    const crs = compile({
      facts: [{ id: "n", label: "n", type: "count" }],
      points: 100,
      grades: { order: ["合格", "不合格"] },
      tree: [perNode("A", 100, "n", "10.001", "x")],
      gates: [{ id: "g", lt: 60, grade: "不合格", text: "低于60分,判定为不合格", ref }],
    });
    const r = score(crs, { n: 4 });
    expect([t(r.total), r.grade]).toEqual(["60", null]);
  });

  it("a combined score reads its thresholds on the combined total", () => {
    const crs = compile({
      facts: [{ id: "n", label: "n", type: "count" }],
      points: 100,
      tree: [perNode("A", 100, "n", 1, "x")],
      thresholds: [{ id: "t", of: "total", lt: 60, flag: "不及格", text: "低于60分", ref }],
      combine: {
        parts: [
          { id: "集中", label: "集中", percent: 70 },
          { id: "日常", label: "日常", percent: 30 },
        ],
        partRounding: "none",
        rounding: { places: 2, mode: "half-up" },
        text: "70/30",
        ref,
      },
    });
    const r = scoreUnit(crs, {
      id: "u",
      facts: {},
      parts: { 集中: { facts: { n: 0 } }, 日常: { facts: { n: 50 } } },
    });
    expect(r.ok && [t(r.total), r.flags]).toEqual(["85", []]);
  });

  it("a cohort reads thresholds on the final, linked score", () => {
    const crs = compile({
      categories: [
        { id: "city", label: "市" },
        { id: "county", label: "县" },
      ],
      facts: [{ id: "n", label: "n", type: "count" }],
      points: 100,
      tree: [perNode("A", 100, "n", 1, "x")],
      thresholds: [{ id: "t", of: "total", lt: 60, flag: "不及格", text: "低于60分", ref }],
      cohort: {
        ranking: { ties: "shared" },
        linked: [{ id: "l", category: "city", own: 50, children: 50, text: "各占50%", ref }],
      },
    });
    const r = scoreCohort(crs, [
      { id: "市", category: "city", facts: { n: 50 } },
      { id: "县", category: "county", parent: "市", facts: { n: 0 } },
    ]);
    const city = r.units.find((x) => x.unit === "市");
    expect([t(city?.score), city?.flags]).toEqual(["75", []]);
  });

  it("repeat: highest counts a finding with no item once per occurrence", () => {
    const crs = compile({
      policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "zero" },
      facts: [{ id: "f", label: "f", type: "findings", kinds: ["省级"] }],
      points: 0,
      tree: [
        item(
          "z",
          0,
          [
            {
              id: "z1",
              type: "tally",
              effect: "add",
              fact: "f",
              amounts: { 省级: 10 },
              repeat: "highest",
              text: "x",
              ref,
            },
          ],
          { overdraw: true },
        ),
      ],
    });
    expect(t(score(crs, { f: [{ kind: "省级", count: 3 }] }).total)).toBe("30");
  });

  it("refuses counts too large to be exact, negative amounts, and reserved ids", () => {
    const crs = compile({
      facts: [{ id: "n", label: "n", type: "count" }],
      points: 1,
      tree: [perNode("A", 1, "n", 1, "x")],
    });
    const big = scoreUnit(crs, { id: "u", facts: { n: "9007199254740993" } });
    expect(!big.ok && big.issues[0]?.code).toBe("F_FACT_TYPE");
    const text = `kaohe: 1\nid: t\ntitle: t\ndocuments: [{ id: d, title: d }]\npolicy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }\nfacts: [{ id: n, label: n, type: count }]\ntree:\n  - id: A\n    title: A\n    points: 10\n    clauses: [{ id: A1, type: per, fact: n, each: -1, text: x, ref: { doc: d } }]\n`;
    const neg = loadRuleSet(text);
    expect(!neg.ok && neg.issues.map((i) => i.code)).toEqual(["E_NEGATIVE"]);
    const proto = loadRuleSet(
      text.replace("  - id: A\n", "  - id: __proto__\n").replace("each: -1", "each: 1"),
    );
    expect(!proto.ok && proto.issues[0]?.code).toBe("E_INVALID");
  });

  it("a recursive YAML alias is a syntax error, not a crash", () => {
    const r = loadRuleSet("a: &a [*a]\n");
    expect(!r.ok && r.issues[0]?.code).toBe("E_SYNTAX");
  });

  it("a facts file with a malformed parent, parts or self is reported", () => {
    const r = parseUnits(
      "units:\n  - { id: A, parent: [1], facts: {} }\n  - { id: B, self: yes, facts: {} }\n  - { id: C, parent: 4201, facts: {} }\n",
    );
    expect(r.issues.map((i) => i.code)).toEqual(["F_BAD_UNITS", "F_BAD_UNITS"]);
    expect(r.units.map((u) => [u.id, u.parent])).toEqual([["C", "4201"]]);
  });

  it("a malformed previous run is reported, its good entries kept", () => {
    const crs = compile({
      facts: [{ id: "n", label: "n", type: "count" }],
      points: 100,
      tree: [perNode("A", 100, "n", 1, "x")],
    });
    const r = scoreCohort(crs, [{ id: "A", facts: { n: 1 } }], {
      previous: { units: [{ id: "A", total: "abc" } as never, { id: "B", total: 90, rank: 1 }] },
    });
    expect(r.issues.map((i) => i.code)).toEqual(["K_PREVIOUS_INVALID"]);
    expect(t(r.units[0]?.score)).toBe("99");
  });
});

describe("cases and parameters", () => {
  it("a case that checks nothing, or checks the wrong kind of thing, is refused", async () => {
    const { parseCases } = await import("../cases/runner.js");
    const r = parseCases(
      "cases:\n  - { name: a, unit: { facts: {} }, expect: {} }\n  - { name: b, unit: { facts: {} }, expect: { ranks: { A: 1 } } }\n  - { name: c, units: [], expect: { total: 1 } }\n",
    );
    expect(r.issues.map((i) => i.code)).toEqual([
      "C_EXPECTS_NOTHING",
      "E_MISPLACED",
      "E_MISPLACED",
    ]);
    expect(r.cases).toEqual([]);
  });
  it("a cases file with no cases is reported, not passed silently, beside a real one", async () => {
    const { parseCases } = await import("../cases/runner.js");
    const empty = parseCases("# 用例待补\ncases: []\n", "cases/b.yaml");
    expect(empty.cases).toEqual([]);
    expect(empty.issues.map((i) => [i.code, i.file, i.line])).toEqual([
      ["C_EXPECTS_NOTHING", "cases/b.yaml", 2],
    ]);
    // Through the runner of `kaohe test`: the real file's case passes, the empty file is a problem
    // (each of a report's issues is one failure there).
    const { testRuleFile } = await import("../node/index.js");
    const dir = mkdtempSync(join(tmpdir(), "kaohe-cases-"));
    mkdirSync(join(dir, "cases"));
    writeFileSync(
      join(dir, "rules.yaml"),
      "kaohe: 1\nid: t/x\ntitle: t\ndocuments: [{ id: d, title: d }]\npolicy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }\nfacts: [{ id: n, label: n, type: count }]\ntree:\n  - { id: A, title: A, points: 10, clauses: [{ id: A1, type: per, fact: n, each: 1, text: x, ref: { doc: d } }] }\n",
    );
    writeFileSync(
      join(dir, "cases", "a.yaml"),
      "cases:\n  - { name: 两处, unit: { facts: { n: 2 } }, expect: { total: 8 } }\n",
    );
    writeFileSync(join(dir, "cases", "b.yaml"), "cases: []\n");
    const rep = testRuleFile(join(dir, "rules.yaml"), dir);
    expect(rep.issues).toEqual([]);
    expect(
      rep.reports.map((r) => [r.file, r.issues.map((i) => i.code), r.cases.map((c) => c.passed)]),
    ).toEqual([
      [join("cases", "a.yaml"), [], [true]],
      [join("cases", "b.yaml"), ["C_EXPECTS_NOTHING"], []],
    ]);
  });
  it("a parameter named like an object method is unset, not found on the prototype", () => {
    const tpl = `kaohe: 1\nid: t/x\ntitle: t\ndocuments: [{ id: d, title: d }]\npolicy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }\nparameters: [{ id: toString, label: x }]\nfacts: [{ id: n, label: n, type: count }]\ntree:\n  - { id: A, title: A, points: { param: toString }, clauses: [{ id: A1, type: per, fact: n, each: 1, text: x, ref: { doc: d } }] }\n`;
    const r = loadRuleSet(tpl, {
      parameters: {
        text: "kaohe-parameters: 1\ntemplate: t/x\nid: p\ntitle: p\nofficial: false\nvalues: {}\n",
      },
    });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["E_PARAM_UNSET"]);
  });
});
