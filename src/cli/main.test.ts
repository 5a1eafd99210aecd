import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capture } from "../../test/cli.js";

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
/** kaohe score over the bundled rule set and its example units. */
const SCORE_BUNDLED = ["score", "--rules", RULES, "--facts", "examples/hubei-2009-h1-units.yaml"];
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
    expect(m.err).toMatch(/missing\.yaml:1:1: error E_REQUIRED .*"documents"/);
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
    const r = capture([...SCORE_BUNDLED, "--format", "json", "--no-trace"]);
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
    const a = capture([...SCORE_BUNDLED]).out;
    const b = capture([...SCORE_BUNDLED]).out;
    expect(a).toBe(b);
  });

  it("reports bad units and still scores the good ones, exiting 1", () => {
    const facts = join(dir, "facts.yaml");
    // A good unit (武汉市's facts, anchored &good in the example) between two bad ones.
    const good = readFileSync("examples/hubei-2009-h1-units.yaml", "utf8").match(
      /^ {4}facts: &good\n(?: {6}.*\n)+/m,
    )?.[0];
    expect(good).toBeDefined();
    writeFileSync(
      facts,
      `units:\n  - id: A\n    category: other\n    facts: { realname_rate_admin: 120 }\n  - id: 好单位\n    category: other\n${good}  - { nope: 1 }\n`,
    );
    const r = capture(["score", "--rules", RULES, "--facts", facts, "--format", "text"]);
    expect(r.code).toBe(1);
    const line = readFileSync(facts, "utf8").split("\n").indexOf("  - { nope: 1 }") + 1;
    expect(r.err).toMatch(new RegExp(`facts\\.yaml:${line}:\\d+: error F_BAD_UNITS`));
    expect(r.out).toMatch(/【A】未能评分:\n.*F_FACT_RANGE/);
    expect(r.out).toContain("【好单位】湖北省2009年上半年财政与编制政务公开考核  总分 100分");
    expect(r.out).toContain("已评分 1 个单位,未评分 1 个;事实文件中有 2 处问题");
  });

  it("explains deductions in Chinese with the source clause", () => {
    const r = capture([...SCORE_BUNDLED, "--format", "text"]);
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
    expect(capture(["score", "--facts", "examples/hubei-2009-h1-units.yaml"]).code).toBe(2);
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
    /** Both years' parameters, and the day to choose by. */
    const twoYears = (period: string) => [
      ...base,
      "--params",
      join(dir, "p2024.yaml"),
      "--params",
      join(dir, "p2025.yaml"),
      "--period",
      period,
    ];
    const r = capture(twoYears("2025-06-30"));
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
    // --period chooses among versions: with one version, or not a date, it is a mistake.
    const one = capture([...base, "--params", join(dir, "p2025.yaml"), "--period", "2025-06-30"]);
    expect([one.code, one.err]).toEqual([2, expect.stringContaining("--period")]);
    const bad = capture(twoYears("2025-13-01"));
    expect([bad.code, bad.err]).toEqual([2, expect.stringContaining("2025-13-01")]);
    // Several rule files and several parameters files at once name no single template.
    const both = capture([
      "score",
      "--rules",
      rules,
      "--rules",
      rules,
      "--params",
      join(dir, "p2024.yaml"),
      "--params",
      join(dir, "p2025.yaml"),
      "--facts",
      facts,
      "--period",
      "2025-06-30",
    ]);
    expect(both.code).toBe(2);
  });
});

describe("kaohe deadline", () => {
  it("prints the due date on the official calendar", () => {
    const r = capture(["deadline", "--from", "2025-09-26", "--workdays", "20"]);
    expect([r.code, r.out]).toEqual([0, "2025-10-30"]);
    expect(capture(["deadline", "--from", "2025-09-26", "--days", "20"]).out).toBe("2025-10-16");
  });
  it("calendar months and years: the month's last day when it has no such day", () => {
    expect(capture(["deadline", "--from", "2024-02-29", "--years", "1"]).out).toBe("2025-02-28");
    expect(capture(["deadline", "--from", "2025-01-31", "--months", "1"]).out).toBe("2025-02-28");
    const incl = ["deadline", "--from", "2025-01-01", "--months", "3", "--count-start"];
    expect(capture(incl).out).toBe("2025-03-31");
    const two = capture(["deadline", "--from", "2025-01-01", "--months", "3", "--days", "2"]);
    expect(two.code).toBe(2);
    expect(capture(["deadline", "--from", "2025-01-01", "--years", "11"]).code).toBe(2);
  });
  it("names an uncovered year and rejects bad usage", () => {
    const r = capture(["deadline", "--from", "2027-09-26", "--workdays", "20"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("F_CALENDAR_YEAR");
    expect(r.err).toContain("2027");
    expect(capture(["deadline", "--from", "2025-02-30", "--workdays", "1"]).code).toBe(2);
  });
  it("works on every day 2008-01-01..2026-12-31 (10 working days on), and refuses 2007 and 2027", () => {
    for (const from of ["2008-01-01", "2015-09-02", "2020-01-23", "2026-12-10"])
      expect(capture(["deadline", "--from", from, "--workdays", "10"]).code, from).toBe(0);
    expect(capture(["deadline", "--from", "2020-01-23", "--workdays", "1"]).out).toBe("2020-02-03");
    expect(capture(["deadline", "--from", "2007-12-30", "--workdays", "1"]).code).toBe(1);
    expect(capture(["deadline", "--from", "2026-12-31", "--workdays", "1"]).err).toContain(
      "F_CALENDAR_YEAR",
    );
  });
  it("--calendar adds a year from a notice as data; without it 2027 still errors", () => {
    const y2027 = join(dir, "2027.yaml");
    writeFileSync(
      y2027,
      "year: 2027\nsource: 国办发明电〔2026〕N号(测试数据)\nholidays: [2027-01-01, 2027-02-05..2027-02-11]\nworkdays: [2027-02-13]\n",
    );
    const r = capture(["deadline", "--from", "2026-12-31", "--workdays", "1", "--calendar", y2027]);
    expect([r.code, r.out, r.err]).toEqual([0, "2027-01-04", ""]);
    // The 2027 make-up Saturday counts, the spring festival does not.
    expect(
      capture(["deadline", "--from", "2027-02-04", "--workdays", "2", "--calendar", y2027]).out,
    ).toBe("2027-02-13"); // 02-12 (Fri) is day 1, the make-up Saturday 02-13 day 2
    expect(capture(["deadline", "--from", "2026-12-31", "--workdays", "1"]).code).toBe(1);
    // A year beyond the file is still refused, naming the years covered.
    const beyond = capture([
      "deadline",
      "--from",
      "2027-12-31",
      "--workdays",
      "1",
      "--calendar",
      y2027,
    ]);
    expect(beyond.code).toBe(1);
    expect(beyond.err).toContain("2028");
  });
  it("kaohe score --calendar: a 2027 deadline is scored with the year given, refused without it", () => {
    const rules = join(dir, "deadline-rules.yaml");
    writeFileSync(
      rules,
      `kaohe: 1
id: test/deadline
title: 测试
documents: [{ id: doc, title: 测试文件 }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
points: 10
facts: [{ id: ev, label: 申请, type: findings, missing: zero }]
tree:
  - id: a
    title: 答复
    points: 10
    clauses:
      - { id: a1, type: deadline, fact: ev, within: { workdays: 1 }, each: 1, text: 逾期扣1分, ref: { doc: doc } }
`,
    );
    const units = join(dir, "deadline-units.yaml");
    // Due 2027-01-04 with 2027-01-01 a holiday: answered 01-04 in time; 01-05 late.
    writeFileSync(
      units,
      "units:\n  - { id: 甲, facts: { ev: [{ date: 2026-12-31, done: 2027-01-04 }] } }\n  - { id: 乙, facts: { ev: [{ date: 2026-12-31, done: 2027-01-05 }] } }\n",
    );
    const y2027 = join(dir, "2027.yaml");
    const ok = capture(["score", "--rules", rules, "--facts", units, "--calendar", y2027]);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.out);
    expect(result.ranking.map((x: { unit: string; score: string }) => [x.unit, x.score])).toEqual([
      ["甲", "10"],
      ["乙", "9"],
    ]);
    expect(result.manifest.calendars).toEqual([
      { file: y2027, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(result.manifest.calendarYears).toContain(2027);
    const without = capture(["score", "--rules", rules, "--facts", units]);
    expect(without.code).toBe(1);
    expect(without.out).toContain("F_CALENDAR_YEAR"); // in the unit's outcome: not scored
  });
  it("--calendar refuses a file with problems: coded errors at file:line:column, nothing computed", () => {
    const bad = join(dir, "bad-2027.yaml");
    writeFileSync(bad, "year: 2027\nsource: s\nholidays: []\nworkdays: [2027-02-10]\n");
    const r = capture(["deadline", "--from", "2026-12-31", "--workdays", "1", "--calendar", bad]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      `${bad}:4:12: error E_CALENDAR 放假安排数据有误:调休上班日 2027-02-10 不是星期六或星期日 (at workdays[0])`,
    );
    const none = capture([
      "deadline",
      "--from",
      "2025-01-01",
      "--days",
      "1",
      "--calendar",
      join(dir, "no.yaml"),
    ]);
    expect([none.code, none.err.includes("E_FILE")]).toEqual([1, true]);
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

describe("--reading", () => {
  const RS = "test/cohort-sets/readings";

  it("check names the readings in force; two readings of one clause are refused", () => {
    const ok = capture(["check", `${RS}/rules.yaml`, "--params", `${RS}/params/example.yaml`]);
    expect(ok.out).toContain("reading 先扣后加, 工作日, 以下含本数");
    const other = capture([
      "check",
      `${RS}/rules.yaml`,
      "--params",
      `${RS}/params/example.yaml`,
      "--reading",
      "先加后扣",
    ]);
    expect(other.out).toContain("reading 先加后扣, 工作日, 以下含本数");
    const both = capture([
      "check",
      `${RS}/rules.yaml`,
      "--reading",
      "先扣后加",
      "--reading",
      "先加后扣",
    ]);
    expect([both.code, both.err]).toEqual([1, expect.stringContaining("E_READING_CONFLICT")]);
  });

  it("test runs the cases that name no reading under --reading", () => {
    // Only 01-params-file.yaml names none: of its cases, the one with a bonus changes (92 → 90).
    const r = capture(["test", RS, "--reading", "先加后扣"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\n16 passed, 1 failed$/);
    expect(r.out).toContain(
      "FAIL test/cohort-sets/readings/cases/01-params-file.yaml › 6 problems and 2 innovations, the bonus added after the floor(解读:先加后扣)",
    );
  });

  it("score names the readings in force in the JSON result and its manifest, and verify re-runs them", () => {
    const units = join(dir, "reading-units.yaml");
    writeFileSync(
      units,
      "units:\n  - id: 甲\n    facts: { 内容问题: 6, 创新: 2, 申请: [], 其他问题: 0 }\n",
    );
    const argv = [
      "score",
      "--rules",
      `${RS}/rules.yaml`,
      "--params",
      `${RS}/params/example.yaml`,
      "--facts",
      units,
      "--no-trace",
    ];
    const base = JSON.parse(capture(argv).out);
    const r = capture([...argv, "--reading", "先加后扣"]);
    const json = JSON.parse(r.out);
    expect(base.readings.map((x: { id: string }) => x.id)).toEqual([
      "先扣后加",
      "工作日",
      "以下含本数",
    ]);
    expect(json.readings[0]).toEqual({
      id: "先加后扣",
      title: "加分先抵扣扣分,再按扣完为止封底",
      clause: "加分与扣完为止",
    });
    expect(json.manifest.options.reading).toEqual(["先加后扣"]);
    expect([base.ranking[0].score, json.ranking[0].score]).toEqual(["92", "90"]);
    const saved = join(dir, "reading-result.json");
    writeFileSync(saved, r.out);
    expect(capture(["verify", saved]).code).toBe(0);
  });
});

describe("strict options", () => {
  const FACTS = "examples/hubei-2009-h1-units.yaml";

  it("refuses an unknown option, naming it and the nearest known one", () => {
    const r = capture(["score", "--rules", RULES, "--fact", FACTS]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("未知选项 --fact,是不是 --facts?");
    expect(r.err).toContain("kaohe score --help");
    expect(r.out).toBe("");
    expect(capture(["score", "--trace"]).err).toContain("是不是 --no-trace?");
    expect(capture(["check", "--param", "x.yaml", RULES]).err).toContain("是不是 --params?");
    const far = capture(["test", "--zzzzzz"]);
    expect([far.code, far.err]).toEqual([2, expect.stringContaining("未知选项 --zzzzzz")]);
    expect(far.err).not.toContain("是不是");
    const top = capture(["--verison"]);
    expect([top.code, top.err]).toEqual([2, expect.stringContaining("是不是 --version?")]);
    expect(capture(["scroe"]).err).toContain('未知命令 "scroe",是不是 score?');
  });

  it("refuses a missing value, and never takes the next option as a value", () => {
    const end = capture(["score", "--rules", RULES, "--facts"]);
    expect([end.code, end.err]).toEqual([2, expect.stringContaining("选项 --facts 缺少值")]);
    const next = capture(["score", "--rules", "--facts", FACTS]);
    expect([next.code, next.err]).toEqual([2, expect.stringContaining("选项 --rules 缺少值")]);
    expect(next.err).toContain("--facts 是另一个选项");
    const dash = capture(["check", "--params", "-p.yaml", RULES]);
    expect([dash.code, dash.err]).toEqual([2, expect.stringContaining("--params=-p.yaml")]);
    const empty = capture(["score", "--rules=", "--facts", FACTS]);
    expect([empty.code, empty.err]).toEqual([2, expect.stringContaining("--rules 的值为空")]);
  });

  it("refuses a flag given a value, a single option given twice, a bad choice, a stray argument", () => {
    const base = ["score", "--rules", RULES, "--facts", FACTS];
    for (const [extra, says] of [
      [["--no-trace=yes"], "--no-trace 不带值"],
      // (--facts may be given more than once: a wide and a long sheet.)
      [["--as-of", "2009-06-30", "--as-of", "2009-07-01"], "--as-of 只能给一次"],
      [["--format", "xml"], "--format 只接受 json、text"],
      [["--format", "json", "--format", "text"], "--format 只能给一次"],
      [["extra.yaml"], '多余的参数 "extra.yaml"'],
      [["--strict=1"], "--strict 不带值"],
    ] as const) {
      const r = capture([...base, ...extra]);
      expect([r.code, r.err], extra.join(" ")).toEqual([2, expect.stringContaining(says)]);
    }
  });

  it("takes --name=value like --name value, and -- before arguments that start with -", () => {
    const a = capture(["score", `--rules=${RULES}`, `--facts=${FACTS}`, "--no-trace"]);
    const b = capture(["score", "--rules", RULES, "--facts", FACTS, "--no-trace"]);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const dashed = capture(["check", "--", "-not-an-option.yaml"]);
    expect([dashed.code, dashed.err]).toEqual([1, expect.stringContaining("E_FILE")]);
  });

  it("refuses numbers that are not decimal integers in range", () => {
    const from = ["deadline", "--from", "2025-09-26"];
    for (const args of [
      ["--workdays="],
      ["--workdays", ""],
      ["--days", "0x10"],
      ["--days", "1e300"],
      ["--days", "1e3"],
      ["--days", "-1"],
      ["--workdays", "1.5"],
      ["--days", " 5"],
      ["--days", "3661"],
      ["--workdays", "Infinity"],
    ]) {
      const r = capture([...from, ...args]);
      expect([r.code, r.out], args.join(" ")).toEqual([2, ""]);
      expect(r.err, args.join(" ")).toMatch(
        /--(work)?days (的值为空|的值须为 0 到 3660 之间的整数)/,
      );
    }
    expect(capture([...from, "--days", "3660"]).out).toBe("2035-10-04");
    expect(capture([...from, "--days", "0"]).out).toBe("2025-09-26");
    expect(capture([...from, "--workdays", "0"]).out).toBe("2025-09-26");
  });

  it("refuses --count-start with N = 0, both or neither of --days and --workdays", () => {
    const from = ["deadline", "--from", "2025-09-26"];
    for (const args of [
      ["--days", "0", "--count-start"],
      ["--workdays", "0", "--count-start"],
    ]) {
      const r = capture([...from, ...args]);
      expect([r.code, r.err]).toEqual([2, expect.stringContaining("--count-start")]);
    }
    expect(capture([...from, "--days", "1", "--count-start"]).out).toBe("2025-09-26");
    expect(capture([...from, "--days", "1", "--workdays", "1"]).code).toBe(2);
    expect(capture(from).code).toBe(2);
    expect(capture(["deadline", "--workdays", "1"]).err).toContain("--from");
    expect(capture(["deadline", "--from", "9999-12-30", "--days", "5"]).code).toBe(2);
  });
});

describe("help and version", () => {
  const commands: Record<string, string[]> = {
    check: ["--params"],
    test: [],
    score: [
      "--rules",
      "--params",
      "--facts",
      "--format",
      "--no-trace",
      "--as-of",
      "--window",
      "--previous",
      "--period",
      "--calendar",
      "--strict",
    ],
    deadline: ["--from", "--workdays", "--days", "--count-start", "--calendar"],
  };

  it("prints each command's options and examples, exit 0, by --help, -h and help <command>", () => {
    for (const [cmd, options] of Object.entries(commands)) {
      const help = capture([cmd, "--help"]);
      expect(help.code, cmd).toBe(0);
      expect(help.err).toBe("");
      expect(help.out).toContain(`kaohe ${cmd} — `);
      expect(help.out).toContain("用法 usage:");
      expect(help.out).toContain("示例 examples:");
      expect(help.out).toContain("退出码 exit status:");
      expect(help.out).toMatch(new RegExp(`\\n  kaohe ${cmd} `));
      for (const o of options) expect(help.out, `${cmd} ${o}`).toContain(`\n  ${o} `);
      expect(help.out).toContain("\n  -h, --help ");
      expect(capture([cmd, "-h"])).toEqual(help);
      expect(capture(["help", cmd])).toEqual(help);
      // Help wins over the other mistakes on the line.
      expect(capture([cmd, "--nonsense", "-h"])).toEqual(help);
    }
    const top = capture(["--help"]);
    expect(top.code).toBe(0);
    for (const cmd of Object.keys(commands)) expect(top.out).toContain(`kaohe ${cmd} `);
    expect(capture(["-h"])).toEqual(top);
    expect(capture(["help", "nope"]).code).toBe(2);
    expect(capture(["help", "constructor"]).code).toBe(2);
    expect(capture(["constructor"]).code).toBe(2);
    const none = capture([]);
    expect([none.code, none.out]).toEqual([2, ""]);
    expect(none.err).toContain("用法 usage:");
  });

  it("prints the package's version with --version and -V", () => {
    const pkg = JSON.parse(require("node:fs").readFileSync("package.json", "utf8"));
    expect(capture(["--version"])).toEqual({ code: 0, out: `kaohe ${pkg.version}`, err: "" });
    expect(capture(["-V"])).toEqual({ code: 0, out: `kaohe ${pkg.version}`, err: "" });
  });
});

describe("kaohe score refuses a facts file without units", () => {
  it("exits 1 with a message for a missing, empty, comment-only or unit-less file", () => {
    const empty = join(dir, "empty.yaml");
    writeFileSync(empty, "");
    const comment = join(dir, "comment.yaml");
    writeFileSync(comment, "# 暂无\n");
    const none = join(dir, "none.yaml");
    writeFileSync(none, "units: []\n");
    const list = join(dir, "list.json");
    writeFileSync(list, "[]");
    for (const [file, says] of [
      [join(dir, "absent.yaml"), "E_FILE"],
      [empty, "F_BAD_UNITS"],
      [comment, "F_BAD_UNITS"],
      [none, "没有列出任何单位"],
      [list, "没有列出任何单位"],
    ] as const) {
      for (const format of ["json", "text"]) {
        const r = capture(["score", "--rules", RULES, "--facts", file, "--format", format]);
        expect([r.code, r.out], file).toEqual([1, ""]);
        expect(r.err, file).toContain(says);
      }
    }
  });
});

describe("kaohe score --strict", () => {
  it("passes on clean input and exits 1 when a unit is rejected", () => {
    const ok = capture([...SCORE_BUNDLED, "--no-trace", "--strict"]);
    expect([ok.code, ok.err]).toEqual([0, ""]);
    const facts = join(dir, "strict.yaml");
    writeFileSync(facts, "units:\n  - id: A\n    category: other\n    facts: {}\n");
    const bad = capture(["score", "--rules", RULES, "--facts", facts, "--strict"]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).units[0].ok).toBe(false);
  });
});

describe("the built command", () => {
  it("ends quietly when the reader closes the pipe (kaohe test rules | head -1)", async () => {
    // The bin script as shipped, over the CLI built from this source into a scratch folder.
    const { build } = await import("esbuild");
    const fs = require("node:fs") as typeof import("node:fs");
    const root = mkdtempSync(join(tmpdir(), "kaohe-bin-"));
    await build({
      entryPoints: ["src/cli/main.ts"],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      outfile: join(root, "dist", "cli", "main.cjs"),
      logLevel: "silent",
    });
    fs.mkdirSync(join(root, "bin"));
    fs.copyFileSync("bin/kaohe.cjs", join(root, "bin", "kaohe.cjs"));
    const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
    // Twice the rules: more output than a pipe holds, so the writes certainly meet a closed pipe.
    const r = spawnSync(
      "bash",
      [
        "-c",
        `node "${join(root, "bin", "kaohe.cjs")}" test rules rules | head -1; echo "kaohe exit \${PIPESTATUS[0]}" >&2`,
      ],
      { encoding: "utf8" },
    );
    expect(r.stdout).toMatch(/^(ok|FAIL) {2,3}rules\/.+\n$/);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|node:events|\n\s+at /);
    // The status stays the command's own: 0 when every case passed, 1 when one failed.
    expect(r.stderr).toMatch(/kaohe exit [01]\n$/);
  });
});

describe("kaohe schema", () => {
  it("prints the facts schema of a rule set: each fact with its Chinese label as the title", () => {
    const r = capture(["schema", "--facts", RULES]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const fact = s.$defs.facts.properties.school_query_activities;
    expect(fact.title).toBe("利用中小学电脑课、农民工培训课开展查询活动并在网上公开");
    expect(fact.description).toContain("是否 (boolean)");
    expect(s.$defs.facts.additionalProperties).toBe(false);
    expect(s.$defs.unit.properties.category.enum.length).toBeGreaterThan(1);
  });

  it("reports a broken rule file with its position and exits 1; no --facts is a usage error", () => {
    const bad = join(dir, "schema-bad.yaml");
    writeFileSync(bad, "kaohe: 1\nid: x\n");
    const r = capture(["schema", "--facts", bad]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/schema-bad\.yaml.*E_REQUIRED/);
    const u = capture(["schema"]);
    expect(u.code).toBe(2);
    expect(u.err).toContain("--facts");
  });
});
