import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { capture } from "../../test/cli.js";
import { parseCsv } from "../sheets/csv.js";

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const FACTS = "examples/hubei-2009-h1-units.yaml";
const dir = mkdtempSync(join(tmpdir(), "kaohe-sheets-cli-"));
const SCORE = ["score", "--rules", RULES, "--facts", FACTS];

describe("kaohe score --format csv|xlsx|jsonl --out", () => {
  it("reports on stderr every unit not scored, since the reasons are otherwise only in a sheet", () => {
    const facts = join(dir, "rate.yaml");
    writeFileSync(
      facts,
      readFileSync(FACTS, "utf8").replace("realname_rate_admin: 100", "realname_rate_admin: 0.875"),
    );
    const r = capture([
      ...["score", "--rules", RULES, "--facts", facts],
      ...["--strict", "--format", "csv", "--out", join(dir, "strict")],
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error F_RATE_SCALE 【武汉市】/);
  });

  it("csv: <out>-scores.csv, -deductions.csv, -flags.csv and -manifest.json, listed on stdout", () => {
    const out = join(dir, "r");
    const r = capture([...SCORE, "--format", "csv", "--out", `${out}.csv`]);
    expect(r.code).toBe(0);
    const files = ["scores", "deductions", "flags"].map((n) => `${out}-${n}.csv`);
    expect(r.out.split("\n")).toEqual([...files, `${out}-manifest.json`]);
    const scores = readFileSync(files[0] as string, "utf8");
    expect(scores.startsWith("\ufeff单位,类别,总分,等次,名次,类别内名次,说明,")).toBe(true);
    expect(scores).toMatch(/\r\n$/);
    expect(readFileSync(files[1] as string, "utf8")).toMatch(
      /^\ufeff单位,指标,条款,分值变化,原因,依据\r\n/,
    );
    // Overwritten when run again, byte for byte the same.
    const again = capture([...SCORE, "--format", "csv", "--out", `${out}.csv`]);
    expect(again.code).toBe(0);
    expect(readFileSync(files[0] as string, "utf8")).toBe(scores);
  });

  it("a directory (existing, or ending in /) holds scores.jsonl, deductions.jsonl, flags.jsonl", () => {
    const d = join(dir, "new-dir/");
    const r = capture([...SCORE, "--format", "jsonl", "--out", d]);
    expect(r.code).toBe(0);
    for (const n of ["scores", "deductions", "flags"])
      expect(existsSync(join(d, `${n}.jsonl`))).toBe(true);
    // The manifest beside them, not as a first line of a table: every line is a row.
    expect(JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")).facts[0].file).toBe(FACTS);
    const first = JSON.parse(
      readFileSync(join(d, "scores.jsonl"), "utf8").split("\n")[0] as string,
    );
    expect(typeof first.总分).toBe("string");
    mkdirSync(join(dir, "d2"));
    expect(capture([...SCORE, "--format", "csv", "--out", join(dir, "d2")]).code).toBe(0);
    expect(existsSync(join(dir, "d2", "scores.csv"))).toBe(true);
  });

  it("xlsx: one workbook with the sheets 得分, 扣分, 标记 and 运行清单", () => {
    const file = join(dir, "result.xlsx");
    const r = capture([...SCORE, "--format", "xlsx", "--out", file]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(file);
    const parts = unzipSync(readFileSync(file));
    const wb = strFromU8(parts["xl/workbook.xml"] as Uint8Array);
    expect([...wb.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "得分",
      "扣分",
      "标记",
      "运行清单",
    ]);
    const before = readFileSync(file);
    capture([...SCORE, "--format", "xlsx", "--out", file]);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("运行清单: the JSON result's manifest, row by row and as JSON in the last row", () => {
    const args = [...SCORE, "--as-of", "2009-06-30"];
    const json = JSON.parse(capture(args).out).manifest;
    const file = join(dir, "manifest.xlsx");
    expect(capture([...args, "--format", "xlsx", "--out", file]).code).toBe(0);
    const parts = unzipSync(readFileSync(file));
    const sst = [
      ...strFromU8(parts["xl/sharedStrings.xml"] as Uint8Array).matchAll(/<t[^>]*>([^<]*)<\/t>/g),
    ].map((m) => m[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, "&") ?? "");
    expect(JSON.parse(sst.find((x) => x.startsWith('{"kaohe"')) as string)).toEqual(json);
    for (const x of ["kaohe 版本", json.kaohe, json.ruleSet.sha256, FACTS, "2009-06-30", "2009"])
      expect(sst).toContain(x);
    const sheet4 = strFromU8(parts["xl/worksheets/sheet4.xml"] as Uint8Array);
    expect(sheet4).not.toContain("<f>");
  });

  it("usage errors: a file format without --out, --out with json/text", () => {
    const a = capture([...SCORE, "--format", "csv"]);
    expect(a.code).toBe(2);
    expect(a.err).toContain("--out");
    const b = capture([...SCORE, "--out", join(dir, "x")]);
    expect(b.code).toBe(2);
    expect(b.err).toContain("--out 只用于");
  });

  it("an unwritable path is E_WRITE_FILE, exit 1", () => {
    const r = capture([...SCORE, "--format", "xlsx", "--out", join(dir, "no", "such", "x.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("E_WRITE_FILE");
  });
});

describe("kaohe template", () => {
  it("writes an XLSX template with the facts' labels and dropdowns", () => {
    const file = join(dir, "填报表.xlsx");
    const r = capture(["template", "--rules", RULES, "--out", file]);
    expect(r.code).toBe(0);
    const parts = unzipSync(readFileSync(file));
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain("<dataValidations");
    const sst = strFromU8(parts["xl/sharedStrings.xml"] as Uint8Array);
    expect(sst).toContain("编制信息不全面、不完整");
  });

  it("writes a CSV template, wide or long, for one category", () => {
    const file = join(dir, "问题.csv");
    const r = capture(["template", "--rules", RULES, "--layout", "long", "--out", file]);
    expect(r.code).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(
      /^\ufeff单位,事实,种类,项目,数量,金额,对象,人员,日期,完成日期,备注\r\n#/,
    );
    const wide = join(dir, "wide.csv");
    expect(capture(["template", "--rules", RULES, "--category", "other", "--out", wide]).code).toBe(
      0,
    );
    expect(readFileSync(wide, "utf8").startsWith("\ufeff单位,类别,")).toBe(true);
  });

  it("usage errors: no --out, a wrong extension, an unknown category", () => {
    expect(capture(["template", "--rules", RULES]).code).toBe(2);
    const ext = capture(["template", "--rules", RULES, "--out", join(dir, "x.txt")]);
    expect(ext.code).toBe(2);
    expect(ext.err).toContain(".xlsx 或 .csv");
    const cat = capture([
      "template",
      "--rules",
      RULES,
      "--category",
      "nope",
      "--out",
      join(dir, "y.csv"),
    ]);
    expect(cat.code).toBe(2);
    expect(cat.err).toContain("chengzhong");
  });

  it("a rule file with errors is reported, exit 1", () => {
    const r = capture([
      "template",
      "--rules",
      join(dir, "nothere.yaml"),
      "--out",
      join(dir, "z.csv"),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("E_FILE");
  });

  it("is listed in the help", () => {
    const r = capture(["help"]);
    expect(r.out).toContain("kaohe template");
    expect(capture(["template", "--help"]).out).toContain("--layout wide|long");
  });
});

describe("template → fill → kaohe score --facts", () => {
  it("a CSV template filled in scores, and its results are written as CSV", () => {
    const file = join(dir, "fill.csv");
    expect(capture(["template", "--rules", RULES, "--category", "other", "--out", file]).code).toBe(
      0,
    );
    const text = readFileSync(file, "utf8");
    const [head, what] = parseCsv(text);
    const header = head?.cells ?? [];
    // Every column gets a plain value: 否 for yes/no columns, 0 for the rest.
    const yesNo = new Set(
      (what?.cells ?? []).map((c, i) => (c.startsWith("是/否") ? i : -1)).filter((i) => i >= 0),
    );
    const row = header.map((_, i) =>
      i === 0 ? "测试县" : i === 1 ? "other" : yesNo.has(i) ? "否" : "0",
    );
    writeFileSync(file, `${text}${row.join(",")}\r\n`);
    const out = join(dir, "filled");
    const r = capture([
      "score",
      "--rules",
      RULES,
      "--facts",
      file,
      "--format",
      "csv",
      "--out",
      out,
    ]);
    expect(r.err).not.toContain("error");
    const scores = readFileSync(`${out}-scores.csv`, "utf8").split("\r\n");
    expect(scores[1]).toMatch(/^测试县,other,\d+(\.\d+)?,/);
  });
});
