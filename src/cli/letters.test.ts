import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { printed } from "../../test/cli.js";

/** The run's exit code awaited, what it printed line by line, and its errors as text. */
async function capture(argv: string[]) {
  const r = printed(argv);
  return { ...r, code: await r.code, err: r.err.join("\n") };
}

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const dir = mkdtempSync(join(tmpdir(), "kaohe-letters-cli-"));
const LETTERS = ["letters", "--rules", RULES];

describe("kaohe letters", () => {
  it("writes one DOCX per unit from the example workbook, listed on stdout, each readable", async () => {
    const out = join(dir, "docx");
    const r = await capture([...LETTERS, "--facts", "examples/hubei-2009-h1.xlsx", "--out", out]);
    // The rows read, as kaohe score and kaohe report account for them, then what was written.
    expect(r.err).toBe(
      "kaohe letters: 读取 21 行数据,采用 17 行,跳过 4 行(注释或空行),拒绝 0 行\nkaohe letters: 已写出 4 份整改通知(DOCX)",
    );
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      ["武汉市.docx", "某某市.docx", "江岸区.docx", "某某县.docx"].sort(),
    );
    expect(r.out).toEqual(
      ["武汉市", "某某市", "江岸区", "某某县"].map((u) => join(out, `${u}.docx`)),
    );
    const text = (await mammoth.extractRawText({ buffer: readFileSync(join(out, "江岸区.docx")) }))
      .value;
    expect(text).toContain("93.4分(满分100分)");
    expect(text).toContain("若整改此项,可多得 4 分(名次不变,第3名)");
  });

  it("html, only the units asked for, dated; the same bytes twice", async () => {
    const a = join(dir, "html-a");
    const b = join(dir, "html-b");
    const args = [
      ...LETTERS,
      ...["--facts", "examples/hubei-2009-h1-units.yaml", "--format", "html"],
      ...["--units", "某某县,江岸区", "--date", "2009-07-15"],
    ];
    expect((await capture([...args, "--out", a])).code).toBe(0);
    expect((await capture([...args, "--out", b])).code).toBe(0);
    expect(readdirSync(a).sort()).toEqual(["某某县.html", "江岸区.html"].sort());
    for (const f of readdirSync(a))
      expect(readFileSync(join(a, f), "utf8")).toBe(readFileSync(join(b, f), "utf8"));
    expect(readFileSync(join(a, "某某县.html"), "utf8")).toContain("可多得 6 分");
  });

  it("unit names from the facts file never leave the directory", async () => {
    const facts = join(dir, "names.yaml");
    const text = readFileSync("examples/hubei-2009-h1-units.yaml", "utf8")
      .replace("id: 武汉市", 'id: "../../武汉市"')
      .replace("id: 某某市", 'id: "../../武汉市/"');
    writeFileSync(facts, text);
    const out = join(dir, "names");
    const r = await capture([...LETTERS, "--facts", facts, "--format", "html", "--out", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      ["_武汉市.html", "_武汉市_.html", "江岸区.html", "某某县.html"].sort(),
    );
    expect(readdirSync(dir)).not.toContain("武汉市.html");
  });

  it("a unit that cannot be scored: its letter says why, its reasons on stderr, exit 1", async () => {
    const facts = join(dir, "unscored.yaml");
    writeFileSync(
      facts,
      `${readFileSync("examples/hubei-2009-h1-units.yaml", "utf8")}  - id: 缺数据县\n    category: other\n    facts: { funds_late: [] }\n`,
    );
    const out = join(dir, "unscored");
    const r = await capture([...LETTERS, "--facts", facts, "--format", "html", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/F_MISSING_FACT/);
    expect(r.err).toContain("其中 1 个单位未能评分");
    expect(readFileSync(join(out, "缺数据县.html"), "utf8")).toContain("未能评分");
  });

  it("usage errors: a unit not in the facts, a bad date, no --out", async () => {
    const base = [...LETTERS, "--facts", "examples/hubei-2009-h1-units.yaml"];
    const r1 = await capture([...base, "--out", dir, "--units", "不存在县"]);
    expect(r1.code).toBe(2);
    expect(r1.err).toContain("--units 中的单位不在事实文件中:不存在县");
    expect((await capture([...base, "--out", dir, "--date", "2009-02-30"])).code).toBe(2);
    const r3 = await capture(base);
    expect(r3.code).toBe(2);
    expect(r3.err).toContain("缺少必需的选项 --out <dir>");
  });

  it("is listed in kaohe help, with its own Chinese help", async () => {
    const h = await capture(["help"]);
    expect(h.out.join("\n")).toContain("kaohe letters --rules <file> --facts <file> --out <dir>");
    const l = await capture(["letters", "--help"]);
    expect(l.out.join("\n")).toContain("--format docx|html");
  });

  it("reads --calendar as kaohe score does: a corrected 2009 puts 某某县's update on time", async () => {
    // The real 2009 notice plus five days off (2009-02-23..27, not real): the 30 working days
    // after 2009-01-20 end on 2009-03-13 instead of 2009-03-06, so the update of 2009-03-09 is in time.
    const cal = join(dir, "2009.yaml");
    writeFileSync(
      cal,
      "year: 2009\nsource: 测试数据(非真实通知)\n" +
        "holidays: [2009-01-01..2009-01-03, 2009-01-25..2009-01-31, 2009-02-23..2009-02-27, " +
        "2009-04-04..2009-04-06, 2009-05-01..2009-05-03, 2009-05-28..2009-05-30, 2009-10-01..2009-10-08]\n" +
        "workdays: [2009-01-04, 2009-01-24, 2009-02-01, 2009-05-31, 2009-09-27, 2009-10-10]\n",
    );
    const letterOf = async (extra: string[]) => {
      const out = join(dir, `cal-${extra.length}`);
      const r = await capture([
        ...LETTERS,
        ...["--facts", "examples/hubei-2009-h1.xlsx", "--format", "html", "--units", "某某县"],
        ...["--out", out, ...extra],
      ]);
      expect(r.code, r.err).toBe(0);
      return readFileSync(join(out, "某某县.html"), "utf8");
    };
    expect(await letterOf([])).toContain("更新不及时");
    const corrected = await letterOf(["--calendar", cal]);
    expect(corrected).not.toContain("更新不及时");
    expect(corrected).toContain("68.7分(满分100分)");
    const bad = await capture([
      ...LETTERS,
      ...["--facts", "examples/hubei-2009-h1.xlsx", "--out", join(dir, "cal-bad")],
      ...["--calendar", join(dir, "no-such-calendar.yaml")],
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("no-such-calendar.yaml");
  });
});
