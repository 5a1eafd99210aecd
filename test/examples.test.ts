/**
 * The example spreadsheets under examples/ (built by scripts/make-examples.mjs): each loads with
 * no rejected row and gives the expected totals; the 湖北 sheets give the same result as
 * examples/hubei-2009-h1-units.yaml.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";

function score(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(["score", ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, data: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

const totals = (data: { units: { unit: string; total: string }[] }) =>
  Object.fromEntries(data.units.map((u) => [u.unit, u.total]));

/** The result without its manifest (which names the facts files). */
const withoutManifest = ({ manifest: _, ...rest }: Record<string, unknown>) => rest;

const HUBEI = ["--rules", "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"];
const ZHENGWU = ["--rules", "rules/generic/zhengwu-xinxi/rules.yaml"];
const WUDANG = [
  "--rules",
  "rules/guizhou/wudang-2018/rules.yaml",
  "--params",
  "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml",
];
const facts = (...files: string[]) => files.flatMap((f) => ["--facts", `examples/${f}`]);

describe("the example spreadsheets", () => {
  const yaml = score([...HUBEI, ...facts("hubei-2009-h1-units.yaml")]);

  it("湖北 YAML: the reference totals", () => {
    expect(yaml.code).toBe(0);
    expect(totals(yaml.data)).toEqual({
      武汉市: "100",
      某某市: "98",
      江岸区: "93.4",
      某某县: "67.7",
    });
  });

  const cases: [string, string[], string, Record<string, string> | null][] = [
    [
      "湖北 XLSX (sheets 单位 and 问题)",
      [...HUBEI, ...facts("hubei-2009-h1.xlsx")],
      "读取 21 行数据,采用 17 行",
      null,
    ],
    [
      "湖北 CSV (单位 and 问题)",
      [...HUBEI, ...facts("hubei-2009-h1-units.csv", "hubei-2009-h1-findings.csv")],
      "读取 21 行数据,采用 17 行",
      null,
    ],
    [
      "政务信息 CSV",
      [...ZHENGWU, ...facts("zhengwu-xinxi-units.csv", "zhengwu-xinxi-findings.csv")],
      "拒绝 0 行",
      { 甲局: "290", 乙局: "210", 丙局: "210", 丁局: "40", 戊局: "-90" },
    ],
    [
      "贵州 五当 2018 GBK CSV",
      [...WUDANG, ...facts("wudang-2018-units.csv", "wudang-2018-findings.csv")],
      "拒绝 0 行",
      { 镇A: "100", 镇B: "99.5", 镇D: "98", 局F: "99", 局G: "98.5" },
    ],
  ];
  for (const [name, args, summary, expected] of cases)
    it(`${name}: no rejected row, the expected totals`, () => {
      const r = score(args);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toContain(summary);
      expect(r.err).toMatch(/拒绝 0 行$/);
      if (expected) expect(totals(r.data)).toEqual(expected);
      // 湖北: the whole result (scores, explanations, ranks, statistics) is the YAML's.
      else expect(withoutManifest(r.data)).toEqual(withoutManifest(yaml.data));
    });

  it("the 贵州 CSV files are GB18030 bytes (no BOM, not UTF-8), as Excel saves 'CSV' in China", () => {
    for (const f of ["wudang-2018-units.csv", "wudang-2018-findings.csv"]) {
      const bytes = readFileSync(`examples/${f}`);
      expect(bytes[0]).not.toBe(0xef);
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
      expect(new TextDecoder("gb18030").decode(bytes)).toMatch(/^单位,/);
    }
  });
});
