import { describe, expect, it } from "vitest";
import { cohortRuleSet, compile, perNode, plain } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { cohortToJSON } from "../explain/cohort-json.js";
import { renderRanking } from "../explain/render.js";
import { scoreCohort } from "./cohort.js";

// K3 against last year (seed 003): 省政府部门平均得分79.3分,比上年度提升6分,90分以上8家,比上年度
// 增加6家,80分以上21家,比上年度增加8家;市(州)政府平均得分76.88分,比上年度提升1.1分,80分以上6家,
// 与上年度持平.

const crs = compile({
  categories: [
    { id: "dept", label: "省政府部门" },
    { id: "city", label: "市(州)政府" },
  ],
  facts: [{ id: "n", label: "问题", type: "count" }],
  points: 100,
  tree: [perNode("A", 100, "n", 0.1)],
  cohort: { ranking: { ties: "shared" }, statistics: { lines: [90, 80], places: 2 } },
} as never);

// This year: 部门 95, 91, 85, 70 (mean 85.25); 市 88, 79.5 (mean 83.75).
const units = [
  { id: "部门甲", category: "dept", facts: { n: 50 } },
  { id: "部门乙", category: "dept", facts: { n: 90 } },
  { id: "部门丙", category: "dept", facts: { n: 150 } },
  { id: "部门丁", category: "dept", facts: { n: 300 } },
  { id: "市甲", category: "city", facts: { n: 120 } },
  { id: "市乙", category: "city", facts: { n: 205 } },
];
// Last year: 部门 92, 80, 75 (one unit more this year; mean 82.33); 市 84 and 82.5, one given
// without its category (taken from this run), and a unit since dissolved (counted in the total).
const previous = {
  units: [
    { id: "部门甲", category: "dept", total: 92 },
    { id: "部门乙", category: "dept", total: 80 },
    { id: "部门丙", category: "dept", total: "75" },
    { id: "市甲", category: "city", total: 84 },
    { id: "市乙", total: "82.5" },
    { id: "已撤销", total: 60 },
  ],
};

describe("K3: statistics against the previous run", () => {
  // The change in 市's figures since the previous run, as data and in JSON alike.
  const CITY_CHANGE = {
    count: 0,
    mean: "0.5",
    median: "0.5",
    atOrAbove: [
      { line: "90", count: 0 },
      { line: "80", count: -1 },
    ],
  };

  it("the previous run's figures and the change, overall and per category", () => {
    const r = scoreCohort(crs as never, units, { previous });
    expect(plain(r.statistics.byCategory.dept?.previous)).toEqual({
      count: 3,
      mean: "82.33",
      median: "80",
      atOrAbove: [
        { line: "90", count: 1 },
        { line: "80", count: 2 },
      ],
      change: {
        count: 1,
        mean: "2.92",
        median: "8",
        atOrAbove: [
          { line: "90", count: 1 },
          { line: "80", count: 1 },
        ],
      },
    });
    expect(plain(r.statistics.byCategory.city?.previous?.change)).toEqual(CITY_CHANGE);
    // Overall: every previous unit, the dissolved one too.
    const all = r.statistics.all.previous;
    expect(all?.count).toBe(6);
    expect(plain(all?.mean)).toBe("78.92");
    // 84.75 (508.5 / 6) − 78.92 (473.5 / 6, rounded): the published figures add up.
    expect(plain(all?.change.mean)).toBe("5.83");
    expect(plain(all?.change.atOrAbove)).toEqual([
      { line: "90", count: 1 },
      { line: "80", count: 0 },
    ]);
  });

  it("without a previous run there is none; JSON carries it with decimals as strings", () => {
    expect(scoreCohort(crs as never, units).statistics.all.previous).toBeUndefined();
    const json = cohortToJSON(scoreCohort(crs as never, units, { previous })) as {
      statistics: { byCategory: Record<string, { previous: unknown }> };
    };
    expect(json.statistics.byCategory.city?.previous).toEqual({
      count: 2,
      mean: "83.25",
      median: "83.25",
      atOrAbove: [
        { line: "90", count: 0 },
        { line: "80", count: 2 },
      ],
      change: CITY_CHANGE,
    });
  });

  it("the ranking's statistics line says the change in the 通报's words", () => {
    const text = renderRanking(crs as never, scoreCohort(crs as never, units, { previous }));
    expect(text).toContain("平均84.75分,比上次提升5.83分");
    expect(text).toContain("90分以上(含)2个,比上次增加1个");
    expect(text).toContain("80分以上(含)4个,比上次持平");
  });
});

describe("K3 text of the bundled example in docs/cohort.md", () => {
  it("says 减少 for fewer units and 持平 for no change", () => {
    const text = renderRanking(
      crs as never,
      scoreCohort(crs as never, units.slice(0, 5), { previous }),
    );
    expect(text).toContain("统计:共5个单位,比上次减少1个,");
  });
});

describe("K3: categories in the statistics", () => {
  it("come sorted by id, whatever order the units meet them in", () => {
    const rs = compileRuleSet(cohortRuleSet({ ranking: { ties: "shared" } }));
    // A (county) ranks above B (city), and comes first by id: met county first.
    const r = scoreCohort(rs, [
      { id: "A", category: "county", facts: { n: 0 } },
      { id: "B", category: "city", facts: { n: 5 } },
    ]);
    expect(Object.keys(r.statistics.byCategory)).toEqual(["city", "county"]);
  });
});
