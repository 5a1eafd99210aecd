/*
 * The public API (src/api/, the package entries; docs/api.md): the compiled rule set is an opaque
 * handle that still works everywhere it is taken, a hand-made one is refused, and the `@example`
 * of every exported function holds — each line below is one of them, with real rule sets and
 * example files where the example names them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as k from "../src/api/kaohe.js";
import * as n from "../src/api/node.js";
import * as r from "../src/api/report.js";
import * as s from "../src/api/sheets.js";

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const TEXT = readFileSync(RULES, "utf8");
const compiled = k.compileRuleText(TEXT, "rules.yaml");
const units = k.parseUnits(readFileSync("examples/hubei-2009-h1-units.yaml", "utf8")).units;
const jiangan = units.find((u) => u.id === "江岸区") as k.CohortUnitInput;

describe("the compiled rule set is an opaque handle", () => {
  it("shows its documented facts, and nothing else is typed", () => {
    expect([compiled.id, compiled.title, compiled.points.toFixed()]).toEqual([
      "hubei/caizheng-bianzhi-2009-h1",
      "湖北省2009年上半年财政与编制政务公开考核",
      "100",
    ]);
    expect(compiled.categories).toEqual(["chengzhong", "other"]);
    expect(compiled.edition).toBeNull();
    // @ts-expect-error: the compiled form is not part of the API
    expect(compiled.plans).toBeInstanceOf(Map);
  });

  it("cannot be written by hand: the type says so, and every function refuses one", () => {
    // @ts-expect-error: the brand is missing
    const fake: k.CompiledRuleSet = {
      id: "x",
      title: "x",
      points: new k.Decimal(1),
      categories: null,
      edition: null,
    };
    const refused = /not a compiled rule set; make one with compileRuleSet/;
    expect(() => k.scoreUnit(fake, jiangan)).toThrow(TypeError);
    expect(() => k.scoreUnit(fake, jiangan)).toThrow(refused);
    expect(() => k.scoreCohort(fake, units)).toThrow(refused);
    expect(() => k.renderExplanation(fake, k.scoreUnit(compiled, jiangan))).toThrow(refused);
    expect(() => s.templateSheet(fake)).toThrow(refused);
    expect(() => s.readFactsSync([], { ruleSet: fake })).toThrow(refused);
    expect(() => k.selectVersion([fake], "2025-01-01")).toThrow(refused);
    // A loaded (not compiled) rule set is not one either.
    const loaded = k.loadRuleSet(TEXT);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(() => k.scoreUnit(loaded.ruleSet as never, jiangan)).toThrow(refused);
  });

  it("passes between the entries: compiled by kaohe/node, scored by kaohe, written by kaohe/sheets", () => {
    const c = n.compileRuleSetFile(RULES);
    const cohort = k.scoreCohort(c, units);
    expect(s.resultTables(c, cohort).scores.rows.length).toBe(units.length);
    const v = k.selectVersion([c], "2009-06-30");
    // The 湖北 set states no `effective`: selectVersion says so; its answer is a handle again.
    expect(v.ok || v.issues[0]?.code).toBeTruthy();
  });
});

describe("every @example of the public API holds", () => {
  it("kaohe: loading and compiling", () => {
    const r = k.loadRuleSet("kaohe: 1\nid: x", { file: "rules.yaml" });
    expect(r.ok).toBe(false);
    expect(r.ok || r.issues[0]?.code).toBe("E_REQUIRED");
    expect(k.validateRuleSet({ kaohe: 1, id: "x" }).ok).toBe(false);
    const loaded = k.loadRuleSet(TEXT);
    const c = loaded.ok ? k.compileRuleSet(loaded.ruleSet) : undefined;
    expect(c?.title).toBe("湖北省2009年上半年财政与编制政务公开考核");
    expect(k.compileRuleText(TEXT, "rules.yaml").points.toFixed()).toBe("100");
    // Sealed rule sets (kaohe/sealed).
    if (!loaded.ok) throw new Error("the 湖北 set loads");
    const sealed = k.sealRuleSet(loaded.ruleSet);
    expect(sealed.digest.slice(0, 7)).toBe("sha256:");
    const data = JSON.parse(JSON.stringify(sealed));
    expect(k.openSealedRuleSet(data).ok).toBe(true);
    expect(k.compileSealedRuleSet(data).title).toBe("湖北省2009年上半年财政与编制政务公开考核");
    data.ruleSet.title = "改过的标题";
    const edited = k.openSealedRuleSet(data);
    expect(edited.ok || edited.issues[0]?.code).toBe("E_SEALED_DIGEST");
    expect(k.parseUnits("units:\n  - { id: 江岸区, facts: { n: 3 } }\n").units[0]?.id).toBe(
      "江岸区",
    );
  });

  it("kaohe: scoring", () => {
    const one = k.compileRuleText(
      `kaohe: 1
id: t
title: t
documents: [{ id: d, title: d }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
facts: [{ id: n, label: 处数, type: count }]
tree:
  - { id: A, title: A, points: 1, clauses: [{ id: A.1, type: per, fact: n, each: 0.1, text: 每处扣0.1分, ref: { doc: d } }] }
`,
    );
    const r = k.scoreUnit(one, { id: "A市", facts: { n: 3 } });
    expect(r.ok && r.total.toFixed()).toBe("0.7");
    expect(k.scoreUnits(compiled, units.slice(0, 2)).map((o) => o.ok)).toEqual([true, true]);
    const scorer = k.compileScorer(one);
    expect(scorer.fixedPoint).toBe(true);
    expect(scorer.score({ id: "A市", facts: { n: 3 } })).toEqual({
      ok: true,
      unit: "A市",
      category: null,
      total: 0.7,
      grade: null,
      gradeSource: null,
      flags: [],
      stopped: false,
    });
    // The 湖北 set reads findings lists: the decimal path, summed up, with the same figures.
    const lean = k.compileScorer(compiled).score(jiangan);
    const whole = k.scoreUnit(compiled, jiangan);
    expect(lean.ok && whole.ok && [String(lean.total), lean.grade, lean.flags]).toEqual(
      whole.ok ? [whole.total.toFixed(), whole.grade, whole.flags] : [],
    );
    const c = k.scoreCohort(compiled, units);
    expect(c.units.map((x) => [x.unit, x.rank])).toEqual([
      ["武汉市", 1],
      ["某某市", 2],
      ["江岸区", 3],
      ["某某县", 4],
    ]);
    expect(k.scoreCohortLazily(compiled, units).count).toBe(4);
    const leanCohort = k.scoreCohortSummary(compiled, units);
    expect(leanCohort.units.map((x) => [x.unit, x.rank, x.score?.toFixed()])).toEqual([
      ["武汉市", 1, "100"],
      ["某某市", 2, "98"],
      ["江岸区", 3, "93.4"],
      ["某某县", 4, "67.7"],
    ]);
    expect("trace" in (leanCohort.units[0]?.outcome ?? {})).toBe(false);
    const series = k.scoreSeries(compiled, { id: "江岸区", category: jiangan.category as string }, [
      { id: "2025-Q1", facts: jiangan.facts },
      { id: "2025-Q2", facts: jiangan.facts },
    ]);
    expect(series.periods.map((p) => p.id)).toEqual(["2025-Q1", "2025-Q2"]);
    expect(series.periods.every((p) => p.outcome.ok)).toBe(true);
    expect(
      k
        .combineWeighted(
          [
            { label: "集中", score: "93.37", percent: 70 },
            { label: "日常", score: "88.11", percent: 30 },
          ],
          { places: 1, mode: "half-up" },
        )
        .rounded.toFixed(),
    ).toBe("91.8");
  });

  it("kaohe: results, cases, problems", () => {
    expect(k.outcomeToJSON(k.scoreUnit(compiled, jiangan), { trace: false }).total).toBe("93.4");
    expect(
      JSON.stringify(k.cohortToJSON(k.scoreCohort(compiled, units), { trace: false })).length > 0,
    ).toBe(true);
    expect(k.cohortRunToJSON(k.scoreCohortLazily(compiled, units)).units).toBeInstanceOf(
      k.JsonSequence,
    );
    const r = k.scoreUnit(compiled, jiangan);
    expect(
      r.ok && k.describeEntry(r.trace.find((e) => e.rule === "二.4.不规范") as k.TraceEntry),
    ).toBe("4处×0.1分=0.4分");
    expect(k.describeFigure(k.scoreCohort(compiled, units).figures[0] as k.CohortFigure)).toBe(
      "全体4个单位中详细公开的比例:无",
    );
    expect(k.renderExplanation(compiled, k.scoreUnit(compiled, jiangan)).split("\n")[0]).toBe(
      "【江岸区】湖北省2009年上半年财政与编制政务公开考核  总分 93.4分(满分 100分)",
    );
    expect(
      k.parseCases("cases:\n  - { name: 两处, unit: { facts: { n: 2 } }, expect: { total: 8 } }\n")
        .cases.length,
    ).toBe(1);
    const cases = readFileSync(
      "rules/hubei/caizheng-bianzhi-2009-h1/cases/01-full-marks.yaml",
      "utf8",
    );
    expect(
      k.runCases(compiled, cases, "cases/01-full-marks.yaml").cases.every((c) => c.passed),
    ).toBe(true);
    expect(
      k.formatIssue({
        code: "E_REQUIRED",
        severity: "error",
        path: ["title"],
        message: "缺少必填字段 title",
        line: 2,
      }),
    ).toBe("2:1: error E_REQUIRED 缺少必填字段 title (at title)");
    expect(k.issueCodes.includes("F_MISSING_FACT")).toBe(true);
    expect([...k.issueCodes].sort()).toEqual(k.issueCodes);
    expect(Object.isFrozen(k.issueCodes)).toBe(true);
  });

  it("kaohe: time", () => {
    expect(k.createCalendar().addWorkdays("2025-09-26", 20)).toBe("2025-10-30");
    expect(
      k.validateHolidayYear({
        year: 2025,
        source: "国办发明电〔2024〕12号",
        holidays: ["2025-01-01"],
        workdays: [],
      }),
    ).toEqual([]);
    expect(k.parseDate("2025-02-30")).toBeNull();
    expect(k.formatDate(k.parseDate("2025-10-01") as number)).toBe("2025-10-01");
    expect(k.CN_CALENDAR.years).toEqual(k.CN_HOLIDAYS.map((y) => y.year));
  });

  it("kaohe/node", () => {
    expect(n.readTextFile(RULES).encoding).toBe("utf-8");
    expect(n.readTextFile("missing.yaml").issue?.code).toBe("E_FILE");
    expect(
      n.loadRuleSetFile("rules/guizhou/wudang-2018/rules.yaml", undefined, {
        params: "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml",
      }).ok,
    ).toBe(true);
    expect(n.compileRuleSetFile(RULES).id).toBe("hubei/caizheng-bianzhi-2009-h1");
    expect(n.loadUnitsFile("examples/hubei-2009-h1-units.yaml").units.length).toBe(4);
    expect(
      n.loadFactsFiles([{ path: "examples/hubei-2009-h1.xlsx" }], compiled).summary.rowsRejected,
    ).toBe(0);
    expect(n.findRuleFiles("rules/hubei")).toEqual([RULES]);
    const rep = n.testRuleFile(RULES);
    expect(rep.reports.every((r) => r.cases.every((c) => c.passed))).toBe(true);
  });

  it("kaohe/sheets: reading", async () => {
    const bytes = readFileSync("examples/hubei-2009-h1-units.csv");
    const { units: read, summary } = await s.readFacts([{ name: "units.csv", bytes }], {
      ruleSet: compiled,
    });
    expect(summary.rowsRejected).toBe(0);
    expect(read.length).toBe(4);
    expect(
      s.readFactsSync(
        [{ name: "units.csv", chunks: () => [bytes.subarray(0, 100), bytes.subarray(100)] }],
        {
          ruleSet: compiled,
        },
      ).units.length,
    ).toBe(4);
    expect((await s.readCsvStream([bytes], "units.csv", { ruleSet: compiled })).issues).toEqual([]);
    expect(s.parseUnitsJson('{"units":[{"id":"江岸区","facts":{"n":3}}]}').units[0]?.facts.n).toBe(
      3,
    );
    const libs = s.xlsxLibsFrom(await import("fflate"), await import("saxes"));
    const xlsx = readFileSync("examples/hubei-2009-h1.xlsx");
    expect(
      s.readFactsSync([{ name: "考核.xlsx", bytes: xlsx }], { ruleSet: compiled, xlsx: libs })
        .issues,
    ).toEqual([]);
  });

  it("kaohe/sheets: writing", async () => {
    const cohort = k.scoreCohort(compiled, units);
    expect(s.resultTables(compiled, cohort).scores.name).toBe("得分");
    expect(s.resultRows(compiled, cohort.issues).heads.scores.slice(0, 3)).toEqual([
      "单位",
      "类别",
      "总分",
    ]);
    expect(s.templateSheet(compiled, { layout: "long" }).name).toBe("问题");
    const table = { name: "t", columns: [{ header: "单位" }], rows: [["=1+1"]] };
    expect(s.toCsv(table)).toBe("\uFEFF单位\r\n'=1+1\r\n");
    expect(s.toJsonl({ name: "t", columns: [{ header: "得分" }], rows: [[{ num: "93.4" }]] })).toBe(
      '{"得分":"93.4"}\n',
    );
    expect(s.csvHead(["单位", "得分"])).toBe("\uFEFF单位,得分\r\n");
    expect(s.csvLine(["江岸区", { num: "93.4" }, null])).toBe("江岸区,93.4,\r\n");
    expect(s.jsonlLine(["单位", "得分"], ["江岸区", { num: "93.4" }])).toBe(
      '{"单位":"江岸区","得分":"93.4"}\n',
    );
    expect((await s.toXlsx([s.templateSheet(compiled)])).length > 0).toBe(true);
    expect(s.neutralise("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    const manifest: s.RunManifest = {
      kaohe: "0.1.0",
      ruleSet: { id: compiled.id, edition: null, file: RULES, sha256: "0" },
      rules: [],
      params: [],
      facts: [],
      previous: null,
      options: { asOf: null, window: null, period: null, strict: false, trace: true },
      calendarYears: [],
    };
    expect(s.manifestTable(manifest).name).toBe("运行清单");
  });

  it("kaohe/report: the 明细表", async () => {
    const loaded = n.loadRuleSetFile(RULES);
    if (!loaded.ok) throw new Error("the 湖北 set does not load");
    const t = r.rulesTable(loaded.ruleSet);
    expect(t.title).toBe("湖北省2009年上半年财政与编制政务公开考核内容明细表");
    expect(t.groups[1]?.rows[1]?.standard[1]).toBe("凡是信息不全面、不完整,扣1分");
    expect(r.rulesTableToMarkdown(t).split("\n")[0]).toBe(
      "# 湖北省2009年上半年财政与编制政务公开考核内容明细表",
    );
    expect(r.rulesTableToHtml(t).includes("@page { size: A4;")).toBe(true);
    const xlsx = await r.rulesTableToXlsx(t);
    expect([xlsx[0], xlsx[1]]).toEqual([0x50, 0x4b]);
    const docx = await r.rulesTableToDocx(t);
    expect([docx[0], docx[1]]).toEqual([0x50, 0x4b]);
    expect(() => r.rulesTable(loaded.ruleSet, { category: "x" })).toThrow(RangeError);
  });

  it("kaohe/report: rule-set diffs", () => {
    const wudang = "rules/guizhou/wudang-2018/rules.yaml";
    const side = (p: string) => {
      const l = n.loadRuleSetFile(wudang, undefined, {
        params: `rules/guizhou/wudang-2018/params/${p}`,
      });
      if (!l.ok) throw new Error(`${p} does not load`);
      return l.ruleSet;
    };
    const example = side("example-allocation-UNOFFICIAL.yaml");
    const alt = side("alt-allocation-UNOFFICIAL.yaml");
    const d = r.diffRuleSets(example, alt);
    expect(d.changes.find((c) => c.id === "一.1.2")).toEqual({
      kind: "changed",
      subject: "node",
      id: "一.1.2",
      label: "作为“第一新闻发言人”发布新闻,带头开展政策解读。",
      field: "points",
      category: null,
      old: "1.5",
      new: "2",
    });
    expect(r.diffToText(d).split("\n")[3]).toBe(
      "指标 一(组织领导):分值〔各乡(镇)人民政府、社区服务中心〕 12 → 12.5;分值〔区直部门(区政府各工作部门、各直属事业单位等)〕 10 → 10.5",
    );
  });

  it("kaohe/report: the HTML 通报, with and without ECharts given", async () => {
    const compiled = k.compileRuleText(readFileSync(RULES, "utf8"), RULES);
    const units = k.parseUnits(readFileSync("examples/hubei-2009-h1-units.yaml", "utf8"));
    const cohort = k.scoreCohort(compiled, units.units);
    const page = await r.renderTongbao(compiled, cohort, { date: "2009-07-20" });
    expect(page).toContain("<h1>湖北省2009年上半年财政与编制政务公开考核情况通报</h1>");
    expect(page).toContain("2009-07-20");
    expect(page).not.toContain("<script");
    const echarts = (await import("echarts")) as unknown as r.EChartsLike;
    expect(r.renderTongbaoWith(echarts, compiled, cohort, { date: "2009-07-20" })).toBe(page);
  });

  it("kaohe/report: 整改 letters, the fixes computed by scoring again", async () => {
    const compiled = k.compileRuleText(readFileSync(RULES, "utf8"), RULES);
    const units = k.parseUnits(readFileSync("examples/hubei-2009-h1-units.yaml", "utf8")).units;
    const all = r.lettersOf(compiled, units);
    expect(all.map((l) => l.unit)).toEqual(["武汉市", "某某市", "江岸区", "某某县"]);
    const [county] = r.lettersOf(compiled, units, { units: ["某某县"], date: "2009-07-20" });
    expect(county?.score).toBe("67.7分(满分100分)");
    // 三.2 is capped at 13: 8 + 7 found, 13 taken; fixing 三.2.1 regains 6, not its 8.
    expect(county?.fixes[0]).toMatchObject({ clause: "三.2.1", regained: "6" });
    expect(county?.date).toBe("2009-07-20");
    expect(r.letterToHtml(county as r.Letter)).toContain("某某县");
    const bytes = await r.letterToDocx(county as r.Letter);
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    expect(r.letterFileNames(["某某县", "../etc/passwd", "某某县"], "docx")).toEqual([
      "某某县.docx",
      "_etc_passwd.docx",
      "某某县-2.docx",
    ]);
  });
});
