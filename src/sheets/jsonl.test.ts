import { describe, expect, it } from "vitest";
import { formatIssue } from "../errors/issue.js";
import { compileRuleSetFile } from "../node/index.js";
import { readFactsSync } from "./read.js";

const crs = compileRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
const read = (name: string, text: string) =>
  readFactsSync([{ name, bytes: new TextEncoder().encode(text) }], { ruleSet: crs });

describe("JSON Lines", () => {
  it("reads one unit per line, placing problems at their line", () => {
    const r = read(
      "u.jsonl",
      [
        '{"id":"武汉市","category":"other","facts":{"admin_posts_total":1}}',
        "",
        '{"id":"江岸区","facts":{"a":1,"a":2}}',
        "not json",
        '{"id":"武汉市","facts":{}}',
        '{"id":"某县","facts":{"admin_posts_total":"很多"}}',
      ].join("\n"),
    );
    expect(r.units.map((u) => u.id)).toEqual(["武汉市", "武汉市", "某县"]);
    const lines = r.issues.map(formatIssue);
    expect(lines[0]).toMatch(/^u\.jsonl:3:\d+: error E_DUPLICATE_KEY/);
    expect(lines[1]).toMatch(/^u\.jsonl:4:\d+: error/);
    expect(lines[2]).toMatch(/^u\.jsonl:5:1: error F_DUPLICATE_UNIT_AT .*第1行/);
    expect(r.summary).toEqual({ rowsRead: 6, rowsUsed: 2, rowsSkipped: 1, rowsRejected: 3 });
    const placed = r.locate("某县", {
      code: "F_FACT_TYPE",
      severity: "error",
      path: ["facts", "admin_posts_total"],
      message: "x",
    });
    // At the value, as in a JSON facts file.
    expect([placed.line, placed.column]).toEqual([6, 41]);
  });

  it("reads one finding per line in the long layout", () => {
    const r = read(
      "l.jsonl",
      [
        '{"unit":"武汉市","fact":"staff_errors","subject":"县卫生局","count":2,"tags":["a","b"]}',
        '{"单位":"武汉市","事实":"staff_errors","日期":"2009/3/2"}',
        '{"unit":"武汉市","fact":"nope"}',
        "[1]",
      ].join("\n"),
    );
    expect(r.units).toEqual([
      {
        id: "武汉市",
        facts: {
          staff_errors: [
            { subject: "县卫生局", count: 2, tags: ["a", "b"] },
            { date: "2009-03-02" },
          ],
        },
      },
    ]);
    expect(r.issues.map((i) => `${i.code} ${i.line}`)).toEqual(["F_UNKNOWN_FACT 3", "S_ROW 4"]);
    expect(r.summary).toEqual({ rowsRead: 4, rowsUsed: 2, rowsSkipped: 0, rowsRejected: 2 });
  });
});
