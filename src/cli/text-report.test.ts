/**
 * Issue 13, item 6: the text report a clerk reads, from the bundled example as the demo runs it.
 * The 扣分说明 lists only what cost or gave points; a grade a clause set and a figure computed over
 * the cohort have parts of their own; no fact id is shown where a label exists; a unit no clause
 * or band grades says 未定 in the ranking instead of leaving the column blank.
 */
import { describe, expect, it } from "vitest";
import { cohortRuleSet } from "../../test/helpers.js";
import { scoreCohort } from "../cohort/cohort.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { renderRanking } from "../explain/render.js";
import { run } from "./main.js";

function text(argv: string[]): string {
  const out: string[] = [];
  const code = run(argv, { out: (l) => out.push(l), err: () => {} });
  expect(code).toBe(0);
  return out.join("\n");
}

const HUBEI = [
  "score",
  "--rules",
  "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml",
  "--facts",
  "examples/hubei-2009-h1.xlsx",
  "--format",
  "text",
];

/** Each unit's block, by unit name: from its 【unit】 heading to the next blank line. */
function blocks(report: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const block of report.split("\n\n")) {
    const head = /^【(.+?)】/.exec(block);
    if (head) m.set(head[1] as string, block.split("\n"));
  }
  return m;
}

describe("the text report of the 湖北 example", () => {
  const report = text(HUBEI);
  const units = blocks(report);

  it("never shows the cohort fact's id, and does not number the cohort figure as a deduction", () => {
    expect(report).not.toMatch(/^\s*\d+\. funds_late_by_share/m);
    expect(report).not.toMatch(/^\S*funds_late_by_share:/m);
    for (const [unit, lines] of units) {
      const at = lines.indexOf("全体计算:");
      expect(at, unit).toBeGreaterThan(0);
      // The figure follows the deductions, labelled, not numbered.
      expect(lines[at + 1], unit).toMatch(/^- 全体4个单位中详细公开的比例:无\(本单位全省40%以上/);
      const numbered = lines.slice(at).filter((l) => /^\d+\. /.test(l));
      expect(numbered, unit).toEqual([]);
    }
  });

  it("says 无扣分 for a unit that lost nothing, even with a cohort figure", () => {
    const wuhan = units.get("武汉市") as string[];
    expect(wuhan[1]).toBe("无扣分。");
    expect(wuhan).not.toContain("扣分说明:");
  });

  it("lists a grade a clause set under 等次说明, not as a numbered deduction", () => {
    const city = units.get("某某市") as string[];
    expect(city[0]).toContain("等次 不合格");
    expect(city.filter((l) => /^\d+\. /.test(l))).toEqual([
      "1. 二.1 编制信息全面、及时:扣2分。情形成立,扣2分(编制信息不符合保密规定=是)",
    ]);
    const at = city.indexOf("等次说明:");
    expect(city[at + 1]).toBe(
      "- 一 财政专项资金分配管理网上公开情况:直接定为不合格(未经省公开办批准随意减少专项资金上网项数=是)",
    );
    expect(city[at + 2]).toMatch(/^ {2}依据\[一\.随意减少项数\]《湖北省2009年上半年/);
  });

  it("a clause that deducts and grades the item is one deduction, and its grade points to it", () => {
    const county = units.get("某某县") as string[];
    const deductions = county.filter((l) => /^\d+\. /.test(l));
    const wu = deductions.filter((l) => l.includes("五.1 日常组织领导"));
    expect(wu).toHaveLength(1);
    const n = Number(/^(\d+)\./.exec(wu[0] as string)?.[1]);
    const at = county.indexOf("等次说明:");
    expect(county.slice(at + 1, at + 3)).toEqual([
      "- 五.1 日常组织领导:本项直接定为不合格(媒体曝光或反映公开结果与实际不一致,未能在48小时内报省公开办=是,弄虚作假、违规违纪、“吃空饷”等重要线索检查处理结果未及时报省公开办=否)",
      `  依据同扣分说明第${n}条`,
    ]);
  });

  it("shows 未定 in the ranking for units no clause or band grades, with a note why", () => {
    const table = report.slice(report.indexOf("排名\n名次"));
    expect(table).toContain("1\t武汉市\t100\t未定\t");
    expect(table).toContain("2\t某某市\t98\t不合格\t");
    expect(table).toContain(
      "注:等次“未定”的3个单位,没有条款或分数段为其定等次(本规则集未规定其余单位的等次)。",
    );
    expect(table).not.toMatch(/\t\t/);
  });
});

describe("未定 only where no band catches a score", () => {
  const units = [
    { id: "甲县", category: "county", facts: { a: 5, n: 0 } },
    { id: "乙县", category: "county", facts: { a: 30, n: 30 } },
  ];
  const table = (bands: unknown[]) =>
    renderRanking(
      compileRuleSet(
        cohortRuleSet({ ranking: { ties: "shared" } }, {
          grades: { order: ["优秀", "良好", "合格", "不合格"], bands },
        } as never),
      ),
      scoreCohort(
        compileRuleSet(
          cohortRuleSet({ ranking: { ties: "shared" } }, {
            grades: { order: ["优秀", "良好", "合格", "不合格"], bands },
          } as never),
        ),
        units,
      ),
    );

  it("bands that catch every score grade every unit: no 未定, no note", () => {
    const r = table([{ grade: "优秀", gte: 90 }, { grade: "合格", gte: 60 }, { grade: "不合格" }]);
    expect(r).toContain("1\t甲县\t95\t优秀\t");
    expect(r).toContain("2\t乙县\t40\t不合格\t");
    expect(r).not.toContain("未定");
  });

  it("a score below every band is 未定, counted in the note", () => {
    const r = table([
      { grade: "优秀", gte: 90 },
      { grade: "合格", gte: 60 },
    ]);
    expect(r).toContain("1\t甲县\t95\t优秀\t");
    expect(r).toContain("2\t乙县\t40\t未定\t");
    expect(r).toContain("注:等次“未定”的1个单位");
  });
});
