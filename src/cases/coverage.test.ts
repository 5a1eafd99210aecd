import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { fraudVeto, ruleSet } from "../../test/helpers.js";
import { run } from "../cli/main.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { testRuleFile } from "../node/index.js";
import { checkCoverage, coverageRecorder, parseCoverageRecord } from "./coverage.js";
import { parseCases, runParsedCases } from "./runner.js";

// Which outcomes of the rules the cases exercise: each clause applied and not, a cap biting and
// not, each rating, each side of a threshold, each veto.

const ref = { doc: "doc", at: "第一条" };
const rules = ruleSet({
  facts: [
    { id: "n", label: "问题", type: "count" },
    { id: "r", label: "评价", type: "choice", options: ["好", "中", "差"] },
    { id: "fraud", label: "弄虚作假", type: "boolean" },
  ],
  points: 20,
  tree: [
    {
      id: "A",
      title: "问题",
      points: 10,
      cap: 3,
      clauses: [
        { id: "A.每处", type: "per", fact: "n", each: 1, cap: 2, text: "每处扣1分,最多扣2分", ref },
      ],
    },
    {
      id: "B",
      title: "评价",
      points: 10,
      clauses: [
        {
          id: "B.评价",
          type: "rating",
          fact: "r",
          scale: { 好: 10, 中: 6, 差: 0 },
          text: "好10分,中6分,差0分",
          ref,
        },
      ],
    },
  ],
  thresholds: [{ id: "T", of: "total", lt: 12, flag: "约谈", text: "低于12分的,约谈", ref }],
  vetoes: [fraudVeto("弄虚作假的,归零")],
} as never);

const unit = (n: number, r: string, fraud = false) => ({ facts: { n, r, fraud } });
const casesText = (list: { name: string; unit: unknown; expect: unknown }[]) =>
  stringify({ cases: list });

function coverageOf(list: { name: string; unit: unknown; expect: unknown }[]) {
  const crs = compileRuleSet(rules);
  const rec = coverageRecorder(crs);
  const parsed = parseCases(casesText(list), "c.yaml");
  const rep = runParsedCases(crs, parsed.cases, parsed.issues, "c.yaml", rec);
  expect(rep.cases.every((c) => c.passed)).toBe(true);
  return rec.result();
}

const uncovered = (c: ReturnType<typeof coverageOf>) =>
  c.lines.filter((l) => l.cases.length === 0).map((l) => l.key);

describe("coverage of a rule set's outcomes", () => {
  it("lists every outcome: clauses applied and not, caps, ratings, thresholds, vetoes", () => {
    const c = coverageOf([{ name: "满分", unit: unit(0, "好"), expect: { total: 20 } }]);
    expect(c.lines.map((l) => l.key)).toEqual([
      "A.每处 命中",
      "A.每处 未命中",
      "A.每处 本条上限触及",
      "A.每处 本条上限未触及",
      "B.评价 命中",
      "B.评价 未命中",
      "B.评价 评为好",
      "B.评价 评为中",
      "B.评价 评为差",
      "否决 触发",
      "否决 未触发",
      "A 扣分上限触及",
      "A 扣分上限未触及",
      "T 达到",
      "T 未达到",
    ]);
    // 好 gives the full 10 points: the rating clause takes nothing off and writes no entry.
    expect(uncovered(c)).toEqual([
      "A.每处 命中",
      "A.每处 本条上限触及",
      "A.每处 本条上限未触及",
      "B.评价 命中",
      "B.评价 评为中",
      "B.评价 评为差",
      "否决 触发",
      "A 扣分上限触及",
      "A 扣分上限未触及",
      "T 达到",
    ]);
    expect(c.covered).toBe(5);
    expect(c.total).toBe(15);
  });

  it("each case that exercises an outcome is named (the first five)", () => {
    const c = coverageOf([
      { name: "1处", unit: unit(1, "中"), expect: { total: 15 } },
      { name: "5处,本条扣满2分", unit: unit(5, "差"), expect: { total: 8, flags: ["约谈"] } },
      { name: "作假", unit: unit(0, "好", true), expect: { total: 0, stopped: true } },
    ]);
    const by = Object.fromEntries(c.lines.map((l) => [l.key, l.cases]));
    expect(by["A.每处 本条上限未触及"]).toEqual(["1处"]);
    expect(by["A.每处 本条上限触及"]).toEqual(["5处,本条扣满2分"]);
    expect(by["B.评价 评为中"]).toEqual(["1处"]);
    // Thresholds read the final total, a vetoed one too.
    expect(by["T 达到"]).toEqual(["5处,本条扣满2分", "作假"]);
    expect(by["T 未达到"]).toEqual(["1处"]);
    expect(by["否决 触发"]).toEqual(["作假"]);
    // A stopped unit says nothing about the clauses the veto kept from running.
    expect(by["A.每处 未命中"]).toEqual([]);
    // The node's own cap (3) is never reached: the clause's cap (2) bites first.
    expect(by["A 扣分上限触及"]).toEqual([]);
    expect(by["A 扣分上限未触及"]).toEqual(["1处", "5处,本条扣满2分"]);
  });
});

describe("the coverage record (coverage.yaml)", () => {
  const some = () => coverageOf([{ name: "满分", unit: unit(0, "好"), expect: { total: 20 } }]);

  it("an outcome no case exercises must be listed with why; one now exercised must leave the list", () => {
    const text = stringify({
      uncovered: [
        { outcome: "A.每处 命中", why: "示例" },
        { outcome: "否决 未触发", why: "已被覆盖,应删去" },
        { outcome: "不存在 命中", why: "规则集里没有" },
      ],
    });
    const parsed = parseCoverageRecord(text, "coverage.yaml");
    expect(parsed.issues).toEqual([]);
    const issues = checkCoverage(some(), parsed.record as never, "coverage.yaml");
    const unlisted = issues.filter((i) => i.code === "C_UNCOVERED").map((i) => i.message);
    expect(unlisted).toHaveLength(9);
    expect(unlisted[0]).toBe(
      '没有用例覆盖 "A.每处 本条上限触及":请补充用例,或在 coverage.yaml 的 uncovered 中写明原因',
    );
    const stale = issues.filter((i) => i.code === "C_COVERED_NOW");
    expect(stale.map((i) => [i.message, i.line, i.file])).toEqual([
      [
        'coverage.yaml 列为未覆盖的 "否决 未触发" 已不再未覆盖(用例 满分 已覆盖):请从列表中删去',
        4,
        "coverage.yaml",
      ],
      [
        'coverage.yaml 列为未覆盖的 "不存在 命中" 已不再未覆盖(规则集中没有这一项):请从列表中删去',
        6,
        "coverage.yaml",
      ],
    ]);
  });

  it("a record listing exactly what is uncovered passes", () => {
    const c = some();
    const record = {
      uncovered: uncovered(c).map((outcome) => ({ outcome, why: "尚未编写用例" })),
    };
    expect(checkCoverage(c, record)).toEqual([]);
  });

  it("a malformed record is refused at its line", () => {
    const r = parseCoverageRecord(
      "uncovered:\n  - { outcome: A 命中 }\nlevel: 3\n",
      "coverage.yaml",
    );
    expect(r.record).toBeUndefined();
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([
      ["E_UNKNOWN_KEY", 3],
      ["C_SHAPE", 2],
    ]);
    const dup = parseCoverageRecord(
      "uncovered:\n  - { outcome: x, why: a }\n  - { outcome: x, why: b }\n",
      "coverage.yaml",
    );
    expect(dup.issues.map((i) => i.message)).toEqual([expect.stringContaining("重复列出 x")]);
  });
});

describe("kaohe test --coverage", () => {
  const dir = mkdtempSync(join(tmpdir(), "kaohe-coverage-"));
  mkdirSync(join(dir, "cases"));
  writeFileSync(join(dir, "rules.yaml"), stringify(rules));
  writeFileSync(
    join(dir, "cases", "a.yaml"),
    casesText([{ name: "满分", unit: unit(0, "好"), expect: { total: 20 } }]),
  );
  const capture = (argv: string[]) => {
    const out: string[] = [];
    const code = run(argv, { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out: out.join("\n") };
  };

  it("without a record it reports and passes; with one it holds the cases to it", () => {
    const r = capture(["test", dir, "--coverage"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/覆盖 .*rules\.yaml:5\/15 项\(33\.3%\)/);
    expect(r.out).toContain("     未覆盖 A.每处 命中");
    // Without --coverage nothing of it is printed.
    expect(capture(["test", dir]).out).not.toContain("覆盖");

    writeFileSync(
      join(dir, "coverage.yaml"),
      "uncovered:\n  - { outcome: A.每处 命中, why: 示例 }\n",
    );
    const held = capture(["test", dir, "--coverage"]);
    expect(held.code).toBe(1);
    expect(held.out).toContain("error C_UNCOVERED");
    expect(held.out).toMatch(/1 passed, 9 failed$/);

    const rep = testRuleFile(join(dir, "rules.yaml"), dir);
    const all = rep.coverage.lines.filter((l) => l.cases.length === 0);
    writeFileSync(
      join(dir, "coverage.yaml"),
      stringify({
        uncovered: all.map((l) => ({ outcome: l.key, why: "示例规则集,只有一个用例" })),
      }),
    );
    const ok = capture(["test", dir, "--coverage"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/1 passed, 0 failed$/);
  });
});
