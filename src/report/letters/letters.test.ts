import fc from "fast-check";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import type { CohortUnitInput } from "../../cohort/types.js";
import { compileRuleSetFile, loadUnitsFile } from "../../node/index.js";
import { fixZipTimes, letterDocx } from "./docx.js";
import { letterFileNames, MAX_NAME, safeBaseName } from "./filenames.js";
import { cohortFixes } from "./fixes.js";
import { escapeHtml, letterHtml } from "./html.js";
import { letterOf } from "./letter.js";

const crs = compileRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
const { units } = loadUnitsFile("examples/hubei-2009-h1-units.yaml");
const result = cohortFixes(crs, units);
const letterFor = (id: string, date?: string) =>
  letterOf(
    crs,
    result.units.find((u) => u.unit === id) as (typeof result.units)[number],
    date ? { date } : {},
  );
const FACT_IDS = [...crs.facts.keys()];

describe("the letter as data", () => {
  it("某某县: score, rank, each deduction with its clause, fixes ranked by points regained", () => {
    const l = letterFor("某某县");
    expect(l.score).toBe("67.7分(满分100分)");
    expect(l.rank).toBe("第4名(共4个单位);其他市州直、县市区中第3名");
    const capped = l.deductions.find((d) => d.amount === "扣分封顶,退回2分");
    expect(capped?.item).toBe("三.2 有效咨询投诉建议按时合格答复");
    const d = l.deductions.find((x) => x.clause.startsWith("[二.7.实名制]"));
    expect(d?.amount).toBe("扣4分");
    expect(d?.text).toMatch(/^以100%为基数,实名制单位每减少5%扣2分/);
    expect(d?.clause).toBe(
      "[二.7.实名制]《湖北省2009年上半年财政与编制政务公开考核方案》 篇9 二(二)7 扣分标准",
    );
    // Ranked: the capped 8-point group (6 regained) first, its figure the true one.
    expect(l.fixes[0]?.clause).toBe("三.2.1");
    expect(l.fixes[0]?.regained).toBe("6");
    expect(l.fixes[0]?.outcome).toBe(
      "若整改此项,可多得 6 分(名次不变,第4名)。本项扣8分,受扣分上限、权重折算等规则影响,整改后实得6分",
    );
    const regains = l.fixes.map((f) => Number(f.regained));
    expect([...regains].sort((a, b) => b - a)).toEqual(regains);
  });

  it("no fact id where a clerk reads: reasons, actions and outcomes use labels", () => {
    for (const u of result.units) {
      const l = letterFor(u.unit);
      const words = [
        ...l.deductions.flatMap((d) => [d.reason, d.amount, d.item]),
        ...l.fixes.flatMap((f) => [f.action, f.outcome, f.item]),
      ].join("\n");
      for (const id of FACT_IDS) expect(words).not.toMatch(new RegExp(`\\b${id}\\b`));
    }
  });

  it("a grade forced by a clause: its amount names the grade, its fix says the grade goes", () => {
    const l = letterFor("某某市");
    expect(l.grade).toBe("不合格");
    const d = l.deductions.find((x) => x.clause.startsWith("[一.随意减少项数]"));
    expect(d?.amount).toBe("定为不合格");
    const f = l.fixes.find((x) => x.clause === "一.随意减少项数");
    expect(f?.outcome).toBe("若整改此项,得分不变(名次不变,第2名,不再定为不合格)");
    expect(l.fixes[0]?.outcome).toBe("若整改此项,可多得 2 分(名次2→1)");
  });

  it("a unit with no deduction is told so, with its rank", () => {
    const l = letterFor("武汉市");
    expect(l.deductions).toEqual([]);
    expect(l.fixes).toEqual([]);
    expect(l.rank).toMatch(/^第1名/);
    expect(letterHtml(l)).toContain("<p>无扣分。</p>");
  });
});

describe("a unit given as parts (集中 70% / 日常 30%, 上半年 40%)", () => {
  it("lists each part's deductions by the part's name; a fix regains the weighted points", () => {
    const base = units.find((u) => u.id === "武汉市")?.facts as Record<string, unknown>;
    const combined: CohortUnitInput = {
      id: "合并县",
      category: "other",
      facts: {},
      parts: {
        上半年: {
          parts: {
            集中: { facts: { ...base, realname_rate_admin: 80 } },
            日常: { facts: base },
          },
        },
        下半年: { score: 100 },
      },
    };
    const r = cohortFixes(crs, [...units, combined], { units: ["合并县"] });
    const l = letterOf(crs, r.units[0] as never);
    const d = l.deductions.find((x) => x.clause.startsWith("[二.7.实名制]"));
    expect(d?.item).toBe(
      "【上半年考核·集中考核】二.7 行政机关(含参照管理事业单位)和乡镇事业单位落实实名制情况",
    );
    expect(d?.amount).toBe("扣8分");
    // 8 points × 70% × 40% = 2.24: the real regain, and the letter says why it is less.
    expect(l.fixes[0]?.regained).toBe("2.24");
    expect(l.fixes[0]?.outcome).toContain(
      "本项扣8分,受扣分上限、权重折算等规则影响,整改后实得2.24分",
    );
  });
});

describe("HTML letters", () => {
  it("are self-contained A4 pages: no script, no link, no address outside the file", () => {
    const html = letterHtml(letterFor("某某县", "2009-07-15"));
    expect(html).toMatch(/@page\{size:A4/);
    expect(html).not.toMatch(/<script|<link|src=|href=|url\(/i);
    expect(html).toContain("若整改此项,可多得 6 分(名次不变,第4名)");
    expect(html).toContain("2009-07-15");
  });

  it("escape everything a unit name or fact may hold", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e.replace(/&(lt|gt|quot|#39|amp);/g, "")).not.toContain("&");
      }),
    );
    const l = { ...letterFor("江岸区"), unit: '<img src=x onerror="alert(1)">' };
    expect(letterHtml(l)).not.toContain("<img");
  });

  it("are the same bytes every time", () => {
    const a = cohortFixes(crs, units, { units: ["江岸区"] }).units[0];
    expect(a).toBeDefined();
    expect(letterHtml(letterOf(crs, a as never))).toBe(letterHtml(letterFor("江岸区")));
  });
});

describe("DOCX letters", () => {
  it("open: read back with mammoth, they hold the score, the deductions and the fix list", async () => {
    const bytes = await letterDocx(letterFor("某某县"));
    const { value, messages } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(messages).toEqual([]);
    expect(value).toContain("整改通知");
    expect(value).toContain("67.7分(满分100分)");
    expect(value).toContain("第4名(共4个单位)");
    expect(value).toContain("扣分封顶,退回2分");
    expect(value).toContain("行政机关和乡镇事业单位编制实名制落实比率(%)由87.5改为100");
    expect(value).toContain("若整改此项,可多得 6 分(名次不变,第4名)");
    // The fixes in the order of points regained.
    const fixes = value.slice(value.indexOf("二、整改建议"));
    const order = ["三.2.1", "三.2.3", "二.2.超编"].map((c) => fixes.indexOf(`[${c}]`));
    expect(order.every((x) => x > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    expect(html).toContain("<table>");
  });

  it("are the same bytes at any time: fixed document times, ZIP entries dated 1980-01-01", async () => {
    const l = letterFor("江岸区", "2009-07-15");
    const a = await letterDocx(l);
    await new Promise((r) => setTimeout(r, 2100)); // a ZIP time has 2-second steps
    const b = await letterDocx(l);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const text = Buffer.from(a).toString("latin1");
    expect(text).not.toContain(`${String(new Date().getUTCFullYear())}-`);
  });

  it("fixZipTimes refuses what is not a ZIP", () => {
    expect(() => fixZipTimes(new Uint8Array(40))).toThrow(/not a ZIP/);
  });
});

describe("file names from untrusted unit names", () => {
  it("never a path, never empty, bounded, unique ignoring case", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 200 }), { maxLength: 12 }),
        (names) => {
          const files = letterFileNames(names, "docx");
          expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(names.length);
          for (const f of files) {
            expect(f).not.toMatch(/[/\\\0]/);
            expect(f).not.toContain("..");
            expect(f.startsWith(".")).toBe(false);
            expect([...f].length).toBeLessThanOrEqual(MAX_NAME + 10);
            expect(f).toMatch(/\.docx$/);
          }
        },
      ),
    );
  });

  it("examples: separators, dots, device names, collisions in the order given", () => {
    expect(safeBaseName("../../etc/passwd")).toBe("_etc_passwd");
    expect(safeBaseName("..")).toBe("单位");
    expect(safeBaseName("con")).toBe("_con");
    expect(safeBaseName("  武汉市\t ")).toBe("武汉市");
    expect(letterFileNames(["A/B", "A\\B", "a_b", "某某县"], "html")).toEqual([
      "A_B.html",
      "A_B-2.html",
      "a_b-3.html",
      "某某县.html",
    ]);
    expect([...safeBaseName("局".repeat(500))].length).toBe(MAX_NAME);
  });
});

describe("letters for a cohort the rule set's facts make up", () => {
  it("a unit that cannot be scored gets a letter saying why, without fixes", () => {
    const bad: CohortUnitInput[] = [
      ...units,
      { id: "缺数据县", category: "other", facts: { funds_late: [] } },
    ];
    const r = cohortFixes(crs, bad, { units: ["缺数据县"] });
    const l = letterOf(crs, r.units[0] as never);
    expect(l.score).toBe("未能评分");
    expect(l.fixes).toEqual([]);
    expect(l.notes.length).toBeGreaterThan(0);
  });
});

describe("the letters library in a browser", () => {
  it("bundles for the browser platform with no Node built-ins, docx left to load on use", async () => {
    const { build } = await import("esbuild");
    const r = await build({
      entryPoints: ["src/report/letters/index.ts"],
      bundle: true,
      platform: "browser",
      format: "esm",
      external: ["docx"],
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    expect(r.errors).toEqual([]);
    const inputs = Object.keys(r.metafile?.inputs ?? {});
    expect(inputs.some((i) => i.startsWith("node:") || /(^|\/)(fs|path|os|process)$/.test(i))).toBe(
      false,
    );
    const out = r.outputFiles?.[0]?.text ?? "";
    expect(out).not.toMatch(/require\(["']node:|from ["']node:/);
    // docx is imported only inside loadDocx, never at the top of the module.
    expect(out).not.toMatch(/^import .* from ["']docx["']/m);
    expect(out).toMatch(/import\(["']docx["']\)/);
  });
});
