/**
 * The rule file and the facts files as every command reads them (src/cli/run-options.ts): a rule
 * file's warnings reach the person running any command, its errors stop each one, and the facts
 * are read and accounted for the same way by score, report and letters.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureAsync } from "../../test/cli.js";

const dir = mkdtempSync(join(tmpdir(), "kaohe-run-options-"));
// A sound rule set with one fact no clause reads: it loads with W_UNUSED_FACT.
const RULES = join(dir, "rules.yaml");
writeFileSync(
  RULES,
  `kaohe: 1
id: t/warn
title: 测试规则集
documents: [{ id: d, title: 测试办法 }]
policy: { rounding: { places: 1, mode: half-up, at: total }, missingFact: error }
facts:
  - { id: n, label: 未按时更新次数, type: count }
  - { id: spare, label: 备用事实, type: count }
points: 10
tree:
  - id: A
    title: 信息更新
    points: 10
    clauses: [{ id: A1, type: per, fact: n, each: 1, text: 每次扣1分, ref: { doc: d } }]
`,
);
const WARNING = /rules\.yaml:\d+:\d+: warning W_UNUSED_FACT 事实 "spare" 已声明,但没有任何条款用到/;
const FACTS = join(dir, "units.yaml");
writeFileSync(
  FACTS,
  "units:\n  - id: 甲县\n    facts: { n: 2 }\n  - id: 乙县\n    facts: { n: 0 }\n",
);
const BROKEN = join(dir, "broken.yaml");
writeFileSync(BROKEN, "kaohe: 1\nid: x\ntitle: 测试\n");

describe("a rule file's warnings reach every command that reads one", () => {
  const commands: [string, string[]][] = [
    ["score", ["score", "--rules", RULES, "--facts", FACTS, "--format", "text"]],
    ["report", ["report", "--rules", RULES, "--facts", FACTS, "--out", join(dir, "r.html")]],
    [
      "letters",
      [
        "letters",
        "--rules",
        RULES,
        "--facts",
        FACTS,
        "--out",
        join(dir, "letters"),
        "--format",
        "html",
      ],
    ],
    ["render", ["render", "--rules", RULES, "--format", "md"]],
    ["template", ["template", "--rules", RULES, "--out", join(dir, "t.csv")]],
    ["schema", ["schema", "--facts", RULES]],
    ["seal", ["seal", RULES, "--out", join(dir, "sealed.json")]],
  ];
  it.each(commands)(
    "kaohe %s prints W_UNUSED_FACT once and does its work (exit 0)",
    async (_, argv) => {
      const r = await captureAsync(argv);
      expect(r.err).toMatch(WARNING);
      expect(r.err.match(/W_UNUSED_FACT/g)).toHaveLength(1);
      expect(r.code).toBe(0);
    },
  );

  it.each(commands)(
    "kaohe %s stops on a broken rule file with its errors, exit 1",
    async (_, argv) => {
      const r = await captureAsync(argv.map((a) => (a === RULES ? BROKEN : a)));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/broken\.yaml:1:1: error E_REQUIRED/);
      expect(r.out).toBe("");
    },
  );
});

describe("the facts files as score, report and letters read them", () => {
  const rows = join(dir, "units.csv");
  writeFileSync(rows, "单位,未按时更新次数\n# 注释行\n甲县,2\n乙县,0\n");
  const empty = join(dir, "empty.yaml");
  writeFileSync(empty, "units: []\n");
  const outputs: Record<string, string[]> = {
    score: ["--format", "text"],
    report: ["--out", join(dir, "r2.html")],
    letters: ["--out", join(dir, "letters2"), "--format", "html"],
  };
  it.each(Object.keys(outputs))("kaohe %s accounts for every row of a sheet", async (command) => {
    const r = await captureAsync([
      command,
      "--rules",
      RULES,
      "--facts",
      rows,
      ...(outputs[command] ?? []),
    ]);
    expect(r.err).toContain(
      `kaohe ${command}: 读取 3 行数据,采用 2 行,跳过 1 行(注释或空行),拒绝 0 行`,
    );
    expect(r.code).toBe(0);
  });

  it.each(Object.keys(outputs))(
    "kaohe %s refuses a facts file listing no unit",
    async (command) => {
      const r = await captureAsync([
        command,
        "--rules",
        RULES,
        "--facts",
        empty,
        ...(outputs[command] ?? []),
      ]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`kaohe ${command}: 事实文件 ${empty} 没有列出任何单位`);
    },
  );
});
