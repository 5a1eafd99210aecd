import { describe, expect, it } from "vitest";
import { cohortRuleSet, ref, said } from "../../test/helpers.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { dstr } from "../decimal.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { scoreCohort } from "./cohort.js";

// K6: linked scores over the units' parents (src/cohort/cohort-link.ts). Written against the
// survivors of a mutation run on cohort-link.ts (docs/reliability.md): every refusal's words,
// children in id order, a linked score rounded as the policy rounds, cycles reported once.

const rules = () =>
  compileRuleSet(
    cohortRuleSet(
      {
        ranking: { ties: "shared" },
        linked: [
          { id: "市挂钩", category: "city", own: 55, children: 45, text: "市与所属县挂钩", ref },
        ],
      },
      {
        categories: [
          { id: "city", label: "市" },
          { id: "county", label: "县" },
        ],
      } as Partial<RuleSetInput>,
    ),
  );
const u = (id: string, n: number | string, category: string, parent?: string) => ({
  id,
  category,
  facts: { n },
  ...(parent !== undefined ? { parent } : {}),
});
const d = (x: Parameters<typeof dstr>[0] | null | undefined) => (x ? dstr(x) : null);
const refusal = (r: ReturnType<typeof scoreCohort>, id: string) => {
  const x = r.units.find((y) => y.unit === id);
  return x?.outcome.ok === false
    ? x.outcome.issues.map((i) => `${i.code} ${i.path.join(".")} ${i.message}`)
    : [];
};

describe("K6 linked scores", () => {
  it("weights its own score and its children's mean, rounded as the policy rounds; children in id order", () => {
    // 市 91; 县 99, 90, 85, 83: mean 89.25; 91 × 55% + 89.25 × 45% = 50.05 + 40.1625 = 90.2125 → 90.21.
    const r = scoreCohort(rules(), [
      u("县c", 15, "county", "市"),
      u("市", 9, "city"),
      u("县d", 17, "county", "市"),
      u("县a", 1, "county", "市"),
      u("县b", 10, "county", "市"),
    ]);
    const city = r.units.find((x) => x.unit === "市");
    expect(city?.linked?.children).toEqual(["县a", "县b", "县c", "县d"]);
    expect([
      d(city?.linked?.own),
      d(city?.linked?.childrenMean),
      d(city?.linked?.score),
      d(city?.score),
    ]).toEqual(["91", "89.25", "90.21", "90.21"]);
    const last = city?.outcome.ok ? city.outcome.trace.at(-1) : undefined;
    expect([last?.kind, last?.rule, last?.node, last?.text]).toEqual([
      "combine",
      "市挂钩",
      null,
      "市与所属县挂钩",
    ]);
    expect(said(last)).toBe("本级91分×55%+所属4个单位平均89.25分×45%=90.2125分,计90.21分");
    // The counties keep their own scores; the city ranks on its linked score.
    expect(r.units.map((x) => [x.unit, d(x.score), x.rank])).toEqual([
      ["县a", "99", 1],
      ["市", "90.21", 2],
      ["县b", "90", 3],
      ["县c", "85", 4],
      ["县d", "83", 5],
    ]);
  });

  it("a unit whose child could not be scored is not linked, and says which child", () => {
    const r = scoreCohort(rules(), [
      u("市", 9, "city"),
      u("县a", 1, "county", "市"),
      u("县b", "many", "county", "市"),
      u("县c", "x", "county", "市"),
    ]);
    expect(refusal(r, "市")).toEqual([
      'K_CHILD_FAILED units.市 "市" 的挂钩得分要用到以下未能评分的下级单位:县b, 县c',
    ]);
    const city = r.units.find((x) => x.unit === "市");
    expect([city?.score, city?.rank, city?.linked]).toEqual([null, null, undefined]);
    expect(r.units.find((x) => x.unit === "县a")?.rank).toBe(1);
  });

  it("a unit without children, a parent not in the cohort, a unit in a cycle: each in its words", () => {
    const r = scoreCohort(rules(), [
      u("市1", 0, "city"),
      u("市2", 0, "city", "市3"),
      u("市3", 0, "city", "市2"),
      u("县a", 0, "county", "省"),
      u("县b", 0, "county", "市3"),
    ]);
    expect(refusal(r, "市1")).toEqual([
      'K_NO_CHILDREN units.市1 单位 "市1" 的得分要与下级单位挂钩(市挂钩),但本次评分中没有它的下级单位',
    ]);
    expect(refusal(r, "市2")).toEqual([
      "K_CYCLE units.市2.parent 单位的上下级关系绕成了一个圈:市2 → … → 市2",
    ]);
    expect(refusal(r, "市3")).toEqual([
      "K_CYCLE units.市3.parent 单位的上下级关系绕成了一个圈:市3 → … → 市3",
    ]);
    // The run's issues: the missing parent, and the cycle once, from where it is first met (县b → 市3).
    expect(r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
      ["K_MISSING_UNIT", "units.县a.parent", '单位 "县a" 的上级单位 "省" 不在本次评分的单位中'],
      ["K_CYCLE", "units", "单位的上下级关系绕成了一个圈:市3 → 市2 → 市3"],
    ]);
    // A county under the cycle has no linked rule: it keeps its score.
    expect(r.units.filter((x) => x.score !== null).map((x) => x.unit)).toEqual(["县a", "县b"]);
  });

  it("a unit that cannot be scored itself keeps its own refusal, children or not", () => {
    const r = scoreCohort(rules(), [u("市", "many", "city"), u("县a", 0, "county", "市")]);
    expect(refusal(r, "市").map((m) => m.split(" ")[0])).toEqual(["F_FACT_TYPE"]);
    expect(r.units.map((x) => [x.unit, d(x.score)])).toEqual([
      ["县a", "100"],
      ["市", null],
    ]);
  });
});
