import { describe, expect, it } from "vitest";
import { bareSet } from "../../test/helpers.js";
import { validateRuleSet } from "../load/validate.js";

/*
 * The static checks of points name what they concern in Chinese, as a clerk fixing the file reads
 * them: 指标 "…" for a node, 条款 "…" for a clause, 规则集的总分 for the rule set's `points`, and
 * (类别 …) for a category (they said `node "…"`, `(the rule set)` and ` for category …`).
 */

const base = (tree: unknown[], extra: Record<string, unknown> = {}) => bareSet({ tree, ...extra });
const leaf = (id: string, points: number, extra: Record<string, unknown> = {}) => ({
  id,
  title: id,
  points,
  clauses: [
    {
      id: `${id}.c`,
      type: "per",
      fact: "n",
      each: 0.5,
      text: "每处扣0.5分",
      ref: { doc: "d" },
      ...extra,
    },
  ],
});
const messages = (data: unknown, code: string) => {
  const r = validateRuleSet(data);
  return r.ok
    ? []
    : r.issues.filter((i) => i.code === code).map((i) => [i.path.join("."), i.message]);
};

describe("E_POINTS_SUM and E_CAP_ABOVE_POINTS in Chinese", () => {
  it("a node whose children do not add up", () => {
    const data = base([
      { id: "一", title: "一", points: 36, children: [leaf("一.1", 20), leaf("一.2", 15)] },
    ]);
    expect(messages(data, "E_POINTS_SUM")).toEqual([
      [
        "tree.0.points",
        '指标 "一" 的分值(36)与下级各项分值之和(35)不一致;请改正分值;如果文件确实如此,写 pointsCheck: exempt 并注明理由',
      ],
    ]);
  });

  it("the rule set's points, for one category", () => {
    const data = base([leaf("一", 60), { ...leaf("二", 40), only: ["city"] }], {
      points: 100,
      categories: [
        { id: "city", label: "市" },
        { id: "county", label: "县" },
      ],
    });
    expect(messages(data, "E_POINTS_SUM")).toEqual([
      [
        "points",
        "规则集的总分 points(100)与下级各项分值之和(60)不一致(类别 county);请改正分值,或不写总分,由程序求和",
      ],
    ]);
  });

  it("a clause's cap above its node's points", () => {
    const data = base([leaf("一", 2, { cap: 3 })]);
    expect(messages(data, "E_CAP_ABOVE_POINTS")).toEqual([
      [
        "tree.0.clauses.0.cap",
        '条款 "一.c" 的封顶 3 高于它所封顶的分值(2);如果文件允许倒扣,写 overdraw: true',
      ],
    ]);
  });
});
