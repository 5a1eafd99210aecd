import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capture } from "../../test/cli.js";
import { caseFiles, HUBEI_RULES, HUBEI_XLSX, RELATIVE_RULES } from "../../test/report-fixtures.js";
import { issue, KaoheError } from "../errors/issue.js";
import { parseArgs } from "./options.js";
import { echartsSync, REPORT, report } from "./report.js";

const dir = mkdtempSync(join(tmpdir(), "kaohe-report-cli-"));

/** The ranking table's rows: [rank, unit, score] as the page prints them. */
function rankingRows(html: string): string[][] {
  const body = html.split('<table id="ranking-table">')[1]?.split("</tbody>")[0] ?? "";
  return [...body.matchAll(/<tr data-unit="[^"]*">(.*?)<\/tr>/g)].map((m) =>
    [...(m[1] as string).matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1] as string),
  );
}

describe("kaohe report", () => {
  it("writes the 通报 of the 湖北 example, ranked as kaohe score ranks it", () => {
    const out = join(dir, "hubei.html");
    const r = capture(["report", "--rules", HUBEI_RULES, "--facts", HUBEI_XLSX, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(out);
    const html = readFileSync(out, "utf8");
    const json = JSON.parse(
      capture(["score", "--rules", HUBEI_RULES, "--facts", HUBEI_XLSX, "--no-trace"]).out,
    ) as { ranking: { unit: string; rank: number; score: string }[] };
    // Columns: 名次, 单位, 类别, 得分, 等次, 说明.
    expect(rankingRows(html).map((c) => [c[0], c[1], c[3]])).toEqual(
      json.ranking.map((u) => [String(u.rank), u.unit, u.score]),
    );
    expect(html).toContain("<h1>湖北省2009年上半年财政与编制政务公开考核情况通报</h1>");
    expect(html.match(/<details /g)?.length).toBe(json.ranking.length);
    // The rows read from the workbook are accounted for, as kaohe score does.
    expect(r.err).toMatch(/^kaohe report: 读取 \d+ 行数据,采用 \d+ 行/m);
    const wrong = capture([
      ...["report", "--rules", HUBEI_RULES, "--facts", HUBEI_XLSX],
      ...["--sheet", "没有", "--out", join(dir, "no-sheet.html")],
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/S_SHEET/);
  });

  it("gives the same bytes twice, and prints --date as a 通报 dates itself", () => {
    const base = ["report", "--rules", HUBEI_RULES, "--facts", HUBEI_XLSX];
    const a = join(dir, "a.html");
    const b = join(dir, "b.html");
    expect(capture([...base, "--out", a]).code).toBe(0);
    expect(capture([...base, "--out", b]).code).toBe(0);
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
    const dated = join(dir, "dated.html");
    expect(capture([...base, "--out", dated, "--date", "2009-07-05", "--title", "通报"]).code).toBe(
      0,
    );
    const html = readFileSync(dated, "utf8");
    expect(html).toContain('<p class="sub">2009年7月5日</p>');
    expect(html).toContain("<title>通报</title>");
  });

  it("--previous: each unit's change on the previous run, and the statistics' change", () => {
    const c = caseFiles(dir, "test/cohort-sets/relative/cases/01-previous.yaml", 0);
    const out = join(dir, "relative.html");
    const args = [
      "--rules",
      RELATIVE_RULES,
      "--facts",
      c.facts,
      "--previous",
      c.previous as string,
    ];
    const r = capture(["report", ...args, "--out", out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, "utf8");
    const json = JSON.parse(capture(["score", ...args, "--no-trace"]).out) as {
      ranking: { unit: string; change: { scoreDelta: string; rankDelta: number } }[];
    };
    const head = html.split('<table id="ranking-table"><thead>')[1]?.split("</thead>")[0] ?? "";
    const at = [...head.matchAll(/<th[^>]*>(.*?)<\/th>/g)].findIndex((m) => m[1] === "比上次");
    expect(at).toBeGreaterThan(0);
    const rows = new Map(rankingRows(html).map((cells) => [cells[1], cells[at] as string]));
    for (const u of json.ranking) {
      const delta = u.change.scoreDelta;
      const said = delta.startsWith("-") ? `−${delta.slice(1)}分` : `+${delta}分`;
      expect(rows.get(u.unit)).toContain(said);
      const places = Math.abs(u.change.rankDelta);
      expect(rows.get(u.unit)).toContain(
        u.change.rankDelta === 0
          ? "名次不变"
          : `${u.change.rankDelta > 0 ? "上升" : "下降"}${places}位`,
      );
    }
    // The case's own figures: mean 91.6, 5.39 up on last year's 86.21.
    expect(c.expect.statistics).toMatchObject({ mean: "91.6", meanChange: "5.39" });
    expect(html).toMatch(
      /<td>平均分<\/td><td class="n">91.6分<\/td><td class="n">86.21分<\/td><td class="n"><span class="up">\+5.39分<\/span><\/td>/,
    );
    expect(html).toContain("上次得分");
  });

  it("still writes the report when a unit cannot be scored, and exits 1", () => {
    const c = caseFiles(dir, "test/cohort-sets/relative/cases/02-errors.yaml", 1);
    const out = join(dir, "errors.html");
    const r = capture([
      ...["report", "--rules", RELATIVE_RULES, "--facts", c.facts],
      ...["--previous", c.previous as string, "--out", out],
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/K_FACT_GIVEN/);
    const html = readFileSync(out, "utf8");
    expect(rankingRows(html).find((x) => x[1] === "R2")?.[2]).toBe("未评分");
    expect(html).toContain("另有1个单位未能评分");
  });

  it("with no unit scored: every unit listed as 未评分, no figure and no chart", () => {
    const c = caseFiles(dir, "test/cohort-sets/relative/cases/02-errors.yaml", 0);
    const out = join(dir, "none-scored.html");
    const r = capture(["report", "--rules", RELATIVE_RULES, "--facts", c.facts, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/K_PREVIOUS_REQUIRED/);
    const html = readFileSync(out, "utf8");
    expect(rankingRows(html).map((x) => x[2])).toEqual(["未评分", "未评分"]);
    expect(html).toContain('<tr><td>平均分</td><td class="n">—</td></tr>');
    expect(html).toContain("没有已评分的单位,无图表。");
    expect(html).not.toContain("<svg");
  });

  it("reads --calendar files as kaohe score does, and stops on one it cannot read", () => {
    const r = capture([
      ...["report", "--rules", HUBEI_RULES, "--facts", HUBEI_XLSX],
      ...["--calendar", join(dir, "no-such-calendar.yaml"), "--out", join(dir, "cal.html")],
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("no-such-calendar.yaml");
    expect(existsSync(join(dir, "cal.html"))).toBe(false);
  });

  it("refuses a command line it cannot run (exit 2), naming the option", () => {
    const base = ["report", "--rules", HUBEI_RULES, "--facts", HUBEI_XLSX];
    for (const [argv, said] of [
      [base, "--out"],
      [[...base, "--out", join(dir, "x.pdf")], ".html"],
      [[...base, "--out", join(dir, "x.html"), "--date", "2009-02-30"], "--date"],
      [["report", "--facts", HUBEI_XLSX, "--out", join(dir, "x.html")], "--rules"],
    ] as const) {
      const r = capture([...argv]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(said);
    }
    expect(existsSync(join(dir, "x.html"))).toBe(false);
  });

  it("fails with S_NEEDS_LIBS naming npm install echarts when echarts is missing", () => {
    const out = join(dir, "none.html");
    const err: string[] = [];
    const p = parseArgs(REPORT, ["--rules", HUBEI_RULES, "--facts", HUBEI_XLSX, "--out", out]);
    const code = report(p, { out: () => {}, err: (l) => err.push(l) }, () => {
      throw new KaoheError([
        issue("S_NEEDS_LIBS", [], { what: "生成通报的图表", install: "echarts" }),
      ]);
    });
    expect(code).toBe(1);
    expect(err.join("\n")).toMatch(/error S_NEEDS_LIBS .*npm install echarts/);
    expect(existsSync(out)).toBe(false);
    // Installed, it is loaded synchronously from the working directory.
    expect(typeof echartsSync().init).toBe("function");
  });

  it("is listed in the usage and has Chinese help", () => {
    expect(capture(["help"]).out).toMatch(/kaohe report --rules <file> --facts <file> --out/);
    const help = capture(["report", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("--previous");
    expect(help.out).toContain("npm install echarts");
  });
});
