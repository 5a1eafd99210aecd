import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./main.js";

function capture(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const dir = mkdtempSync(join(tmpdir(), "kaohe-cli-"));

describe("kaohe check", () => {
  it("passes the bundled rule set", () => {
    const r = capture(["check", RULES]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("ok (hubei/caizheng-bianzhi-2009-h1)");
  });

  it("exits 1 naming file:line:column for a wrong type and for a missing field", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      "kaohe: 1\nid: x\ntitle: 测试\ndocuments: []\npolicy:\n  rounding: { places: two, mode: half-up, at: total }\n  missingFact: error\nfacts: []\npoints: 0\ntree: []\n",
    );
    const r = capture(["check", bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:6:23: error E_TYPE`),
    );
    const missing = join(dir, "missing.yaml");
    writeFileSync(missing, "kaohe: 1\nid: x\ntitle: 测试\n");
    const m = capture(["check", missing]);
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/missing\.yaml:1:1: error E_REQUIRED missing required field "documents"/);
  });

  it("names a template's parameters and says when they are unofficial", () => {
    const r = capture([
      "check",
      "rules/guizhou/wudang-2018/rules.yaml",
      "--params",
      "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok \(guizhou\/wudang-2018, parameters .+ \(unofficial\)\)$/);
    const unset = capture(["check", "rules/guizhou/wudang-2018/rules.yaml"]);
    expect(unset.code).toBe(1);
    expect(unset.err).toMatch(/rules\.yaml:\d+:\d+: error E_PARAM_UNSET/);
  });

  it("reports an unreadable file", () => {
    const r = capture(["check", join(dir, "nope.yaml")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("E_FILE");
  });
});

describe("kaohe score", () => {
  it("prints one JSON object per unit with decimals as strings", () => {
    const r = capture([
      "score",
      "--rules",
      RULES,
      "--facts",
      "examples/hubei-2009-h1-units.yaml",
      "--format",
      "json",
      "--no-trace",
    ]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    // Units come ranked: by score, ties by id.
    expect(data.units.map((u: { unit: string; total: string }) => [u.unit, u.total])).toEqual([
      ["武汉市", "100"],
      ["某某市", "98"],
      ["江岸区", "93.4"],
      ["某某县", "67.7"],
    ]);
    expect(data.ranking.map((r: { unit: string; rank: number }) => [r.unit, r.rank])).toEqual([
      ["武汉市", 1],
      ["某某市", 2],
      ["江岸区", 3],
      ["某某县", 4],
    ]);
    expect(data.units[1].grade).toBe("不合格");
    expect(data.statistics.all).toMatchObject({ count: 4, mean: "89.78", median: "95.7" });
    expect(typeof data.units[2].nodes["三.2"].score).toBe("string");
    expect(data.units[0].trace).toBeUndefined();
  });

  it("is deterministic to the byte", () => {
    const a = capture([
      "score",
      "--rules",
      RULES,
      "--facts",
      "examples/hubei-2009-h1-units.yaml",
    ]).out;
    const b = capture([
      "score",
      "--rules",
      RULES,
      "--facts",
      "examples/hubei-2009-h1-units.yaml",
    ]).out;
    expect(a).toBe(b);
  });

  it("reports bad units and still scores the good ones, exiting 1", () => {
    const facts = join(dir, "facts.yaml");
    writeFileSync(
      facts,
      "units:\n  - id: A\n    category: other\n    facts: { realname_rate_admin: 120 }\n  - { nope: 1 }\n",
    );
    const r = capture(["score", "--rules", RULES, "--facts", facts, "--format", "text"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/facts\.yaml:5:5: error F_BAD_UNITS/);
    expect(r.out).toContain("F_FACT_RANGE");
    expect(r.out).toContain("0 unit(s) scored, 1 not scored, 2 problem(s) in the facts file");
  });

  it("explains deductions in Chinese with the source clause", () => {
    const r = capture([
      "score",
      "--rules",
      RULES,
      "--facts",
      "examples/hubei-2009-h1-units.yaml",
      "--format",
      "text",
    ]);
    expect(r.out).toContain("【某某县】");
    expect(r.out).toContain("扣分封顶,退回2分");
    expect(r.out).toContain("依据[二.7.实名制]《湖北省2009年上半年财政与编制政务公开考核方案》");
    expect(r.out).toContain("统计:共4个单位,平均89.78分,中位数95.7分");
    // Every cited clause names its document.
    const cites = r.out.split("\n").filter((l) => l.includes("依据["));
    expect(cites.length).toBeGreaterThan(10);
    for (const l of cites) expect(l).toMatch(/依据\[[^\]]+\]《[^》]+》/);
    expect(r.out).toContain("2009-01-20)应于2009-03-06前完成,实际2009-03-09,逾期");
  });

  it("rejects bad usage with exit 2", () => {
    expect(capture(["score", "--rules", RULES]).code).toBe(2);
    expect(capture(["frobnicate"]).code).toBe(2);
    expect(capture(["help"]).code).toBe(0);
  });
});

describe("kaohe score with versions", () => {
  const tpl = `kaohe: 1\nid: t/v\ntitle: 版本\ndocuments: [{ id: d, title: d }]\npolicy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }\nparameters: [{ id: each, label: 每处扣分 }]\nfacts: [{ id: n, label: n, type: count }]\ntree:\n  - { id: A, title: A, points: 10, clauses: [{ id: A1, type: per, fact: n, each: { param: each }, text: x, ref: { doc: d } }] }\n`;
  const params = (id: string, from: string, to: string, each: number) =>
    `kaohe-parameters: 1\ntemplate: t/v\nid: ${id}\ntitle: ${id}\nofficial: false\neffective: { from: ${from}, to: ${to} }\nvalues: { each: ${each} }\n`;
  it("chooses the parameters in force on --period, and refuses overlapping ones", () => {
    const rules = join(dir, "v.yaml");
    writeFileSync(rules, tpl);
    writeFileSync(join(dir, "p2024.yaml"), params("y2024", "2024-01-01", "2024-12-31", 1));
    writeFileSync(join(dir, "p2025.yaml"), params("y2025", "2025-01-01", "2025-12-31", 2));
    writeFileSync(join(dir, "p2025b.yaml"), params("y2025b", "2025-06-01", "2026-12-31", 3));
    const facts = join(dir, "vf.yaml");
    writeFileSync(facts, "units: [{ id: A, facts: { n: 2 } }]\n");
    const base = ["score", "--rules", rules, "--facts", facts, "--no-trace"];
    const r = capture([
      ...base,
      "--params",
      join(dir, "p2024.yaml"),
      "--params",
      join(dir, "p2025.yaml"),
      "--period",
      "2025-06-30",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).units[0].total).toBe("6");
    expect(r.err).toContain("y2025");
    const overlap = capture([
      ...base,
      "--params",
      join(dir, "p2025.yaml"),
      "--params",
      join(dir, "p2025b.yaml"),
      "--period",
      "2025-06-30",
    ]);
    expect(overlap.code).toBe(1);
    expect(overlap.err).toContain("E_VERSION_OVERLAP");
    expect(
      capture([...base, "--params", join(dir, "p2024.yaml"), "--params", join(dir, "p2025.yaml")])
        .code,
    ).toBe(2);
  });
});

describe("kaohe deadline", () => {
  it("prints the due date on the official calendar", () => {
    const r = capture(["deadline", "--from", "2025-09-26", "--workdays", "20"]);
    expect([r.code, r.out]).toEqual([0, "2025-10-30"]);
    expect(capture(["deadline", "--from", "2025-09-26", "--days", "20"]).out).toBe("2025-10-16");
  });
  it("names an uncovered year and rejects bad usage", () => {
    const r = capture(["deadline", "--from", "2027-09-26", "--workdays", "20"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("F_CALENDAR_YEAR");
    expect(r.err).toContain("2027");
    expect(capture(["deadline", "--from", "2025-02-30", "--workdays", "1"]).code).toBe(2);
  });
});

describe("kaohe test", () => {
  it("runs the cases and closes with N passed, N failed", () => {
    const r = capture(["test", "rules"]);
    expect(r.out).toMatch(/\n\d+ passed, 0 failed$/);
    expect(r.code).toBe(0);
  });

  it("fails on a failing case and on a missing path", () => {
    const rs = join(dir, "set");
    const fs = require("node:fs") as typeof import("node:fs");
    fs.mkdirSync(join(rs, "cases"), { recursive: true });
    fs.copyFileSync(RULES, join(rs, "rules.yaml"));
    writeFileSync(
      join(rs, "cases", "a.yaml"),
      "cases:\n  - name: wrong on purpose\n    unit: { category: other, facts: {} }\n    expect: { total: 100 }\n",
    );
    const r = capture(["test", rs]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/0 passed, 1 failed$/);
    expect(capture(["test", join(dir, "absent")]).code).toBe(1);
  });
});
