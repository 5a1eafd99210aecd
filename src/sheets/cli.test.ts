import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../cli/main.js";
import { makeXlsx } from "./test-helpers.js";

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const dir = mkdtempSync(join(tmpdir(), "kaohe-sheets-cli-"));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const cli = (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
};

// Every fact the rule set needs without a default, so that a unit is scored from this sheet.
const HEADER =
  "单位,类别,funds_reduced_without_approval,staffing_info_incomplete,staffing_secrecy_breach," +
  "admin_posts_total,admin_posts_approved,staffing_diff_unexplained,actual_public_unexplained," +
  "overview_misplaced,realname_rate_admin,realname_rate_institutions,complaints_reported_and_handled," +
  "rural_query_points_active,school_query_activities,mobile_query_activities,info_timely_updated," +
  "free_query_point_ok,special_staff_in_place,half_year_summary_submitted,self_assessment_done," +
  "other_tasks_done,exposure_not_reported_48h,leads_not_reported,tech_staff_and_rules,site_distinctive," +
  "pages_tidy,pages_correct,free_query_column,data_orderly," +
  [1, 2, 3, 4, 5, 6].map((m) => `news_monthly[2009-0${m}]`).join(",");
const row = (id: string, cat: string, admin = "100") =>
  `${id},${cat},否,否,否,10,10,否,否,否,${admin},90,是,是,是,是,是,是,是,是,是,是,否,否,是,是,是,是,是,是,3,2,4,2,5,2`;

describe("kaohe score --facts <sheet>", () => {
  it("--max-rows sets how many data rows a sheet may have (default 200,000)", () => {
    const rows = ["武汉市", "江岸区", "某某县"].map((u) => row(u, "other")).join("\n");
    const csv = file("three.csv", `${HEADER}\n${rows}\n`);
    const tight = cli("score", "--rules", RULES, "--facts", csv, "--max-rows", "2");
    expect(tight.code).toBe(1);
    expect(tight.err).toMatch(/S_LIMIT/);
    const enough = cli("score", "--rules", RULES, "--facts", csv, "--max-rows", "3");
    expect(enough.code).toBe(0);
    for (const bad of ["0", "5000001", "1e6"])
      expect(cli("score", "--rules", RULES, "--facts", csv, "--max-rows", bad).code).toBe(2);
  });

  it("scores the valid rows of a CSV, reports the bad one at its cell, and fails under --strict", () => {
    const csv = file(
      "units.csv",
      `${HEADER}\n${row("武汉市", "other")}\n${row("江岸区", "chengzhong", "很多")}\n${row("某某县", "other", "87.5%")}\n`,
    );
    const r = cli("score", "--rules", RULES, "--facts", csv, "--no-trace", "--strict");
    expect(r.code).toBe(1);
    // The bad value is placed at its cell, in the result and in the explanation.
    expect(r.out).toMatch(/"cell": "K3"/);
    const text = cli("score", "--rules", RULES, "--facts", csv, "--format", "text");
    expect(text.out).toMatch(/units\.csv!K3: error F_FACT_TYPE/);
    expect(r.err).toMatch(/读取 3 行数据,采用 2 行,跳过 0 行\(注释或空行\),拒绝 1 行/);
    const json = JSON.parse(r.out) as { ranking: { unit: string; score: string | null }[] };
    const scored = json.ranking.filter((x) => x.score !== null).map((x) => x.unit);
    expect(scored.sort()).toEqual(["某某县", "武汉市"]);
  });

  it("combines a wide and a long file, and reads an XLSX workbook", () => {
    const wide = file("u.csv", `${HEADER}\n${row("武汉市", "other")}\n`);
    const long = file("l.csv", "单位,事实,对象,人员\n武汉市,staff_errors,县卫生局,张某\n");
    const r = cli("score", "--rules", RULES, "--facts", wide, "--facts", long, "--no-trace");
    expect(r.err).toMatch(/读取 2 行数据,采用 2 行/);
    expect(r.code).toBe(0);
    const cells = (line: string) => line.split(",");
    const xlsx = file(
      "facts.xlsx",
      makeXlsx([
        { name: "单位", rows: [cells(HEADER), cells(row("武汉市", "other"))] },
        {
          name: "问题",
          rows: [
            ["单位", "事实", "对象", "人员"],
            ["武汉市", "staff_errors", "县卫生局", "张某"],
          ],
        },
      ]),
    );
    const x = cli("score", "--rules", RULES, "--facts", xlsx, "--no-trace");
    expect(x.code).toBe(0);
    // The same results; only the run manifest names other input files.
    const results = (out: string) => {
      const { manifest: _m, ...rest } = JSON.parse(out);
      return JSON.stringify(rest);
    };
    expect(results(x.out)).toBe(results(r.out));
    expect(JSON.parse(x.out).manifest.facts).toHaveLength(1);
    expect(JSON.parse(r.out).manifest.facts).toHaveLength(2);
    const missing = cli("score", "--rules", RULES, "--facts", xlsx, "--sheet", "单位表");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/S_SHEET/);
  });
});
