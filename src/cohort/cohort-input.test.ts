/**
 * What a cohort run does with its input before scoring anything: unit ids normalised and sorted
 * (so that no result depends on the input's order), blank ids reported, duplicates found with
 * the categories their copies state, and a previous run's entries checked one by one.
 *
 * Survivors of the mutation run on cohort-input.ts judged equivalent: the sort's comparison
 * mutated to give 0 or 1 where it gave 1 or 0 (V8's sort only asks whether a comparison is
 * negative; equal ids are duplicates, handled apart whatever their order), `typeof o === "object"`
 * and `typeof o.rank === "number"` made true (the checks after them refuse the same values), and
 * runCohort's mode "full" made "" (only "lazy" and "summary" are asked for).
 */
import { describe, expect, it } from "vitest";
import type { KaoheIssue } from "../errors/issue.js";
import { checkPrevious, duplicateIds, unitsInIdOrder } from "./cohort-input.js";
import type { CohortUnitInput, PreviousRun } from "./types.js";

const unit = (id: unknown, category?: string): CohortUnitInput =>
  ({ id, facts: {}, ...(category === undefined ? {} : { category }) }) as CohortUnitInput;

describe("unitsInIdOrder", () => {
  it("normalises each id, sorts by code point and keeps a unit already normal as it is", () => {
    const issues: KaoheIssue[] = [];
    const plain = unit("乙");
    const out = unitsInIdOrder(
      [plain, unit(" \u200b甲\u00ad "), unit("b"), unit("B"), unit("Cafe\u0301")],
      issues,
    );
    // 乙 is U+4E59, 甲 U+7532: code point order, not a collation.
    expect(out.map((u) => u.id)).toEqual(["B", "Caf\u00e9", "b", "乙", "甲"]);
    expect(out[3]).toBe(plain);
    expect(out[4]).toEqual({ id: "甲", facts: {} });
    expect(issues).toEqual([]);
  });

  it("leaves out units with an empty id and reports how many, once", () => {
    const issues: KaoheIssue[] = [];
    const out = unitsInIdOrder(
      [unit(""), unit("a"), unit(" \u200b "), unit(undefined), unit(null)],
      issues,
    );
    expect(out.map((u) => u.id)).toEqual(["a"]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "F_UNIT_ID", severity: "error", path: ["units"] });
    expect(issues[0]?.message).toBe("单位名称有误:4个单位的名称是空的,未计分");
  });

  it("takes a missing unit (null from code) as one with an empty id", () => {
    const issues: KaoheIssue[] = [];
    const out = unitsInIdOrder([null as unknown as CohortUnitInput, unit("a")], issues);
    expect(out.map((u) => u.id)).toEqual(["a"]);
    expect(issues[0]?.message).toContain("1个单位的名称是空的");
  });

  it("gives the same order whatever the input's order, equal ids kept side by side", () => {
    const units = [unit("c"), unit("a", "x"), unit("b"), unit("a", "y")];
    const a = unitsInIdOrder(units, []).map((u) => u.id);
    const b = unitsInIdOrder([...units].reverse(), []).map((u) => u.id);
    expect(a).toEqual(["a", "a", "b", "c"]);
    expect(b).toEqual(a);
  });
});

describe("duplicateIds", () => {
  it("names each id given more than once with every category its copies state", () => {
    const d = duplicateIds([
      unit("a", "县"),
      unit("a"),
      unit("a", "县"),
      unit("b"),
      unit("c", "区"),
      unit("c", "县"),
    ]);
    expect([...d.keys()]).toEqual(["a", "c"]);
    expect([...(d.get("a") ?? [])]).toEqual(["县", null]);
    expect([...(d.get("c") ?? [])]).toEqual(["区", "县"]);
    expect(d.has("b")).toBe(false);
  });

  it("is empty when every id is given once", () => {
    expect(duplicateIds([unit("a"), unit("b")]).size).toBe(0);
  });
});

describe("checkPrevious", () => {
  const run = (units: unknown) => {
    const issues: KaoheIssue[] = [];
    const out = checkPrevious({ units } as PreviousRun, issues);
    return { out, issues };
  };

  it("refuses a previous run that has no list of units", () => {
    for (const bad of [undefined, null, {}, "a", 3]) {
      const { out, issues } = run(bad);
      expect(out).toEqual({ units: [] });
      expect(issues).toEqual([
        expect.objectContaining({
          code: "K_PREVIOUS_INVALID",
          path: ["previous"],
          message: expect.stringContaining("{ units: [{ id, total, rank? }] }"),
        }),
      ]);
    }
  });

  it("keeps each well-formed entry with its id normalised, and nothing else changed", () => {
    const { out, issues } = run([
      { id: " 甲\u200b", total: "91.5", rank: 1, category: "县", facts: { n: 1 } },
      { id: "乙", total: 90 },
      { id: "丙", total: { toString: () => "1" } },
    ]);
    expect(issues.map((i) => i.path)).toEqual([["previous", "units", 2]]);
    expect(out.units).toEqual([
      { id: "甲", total: "91.5", rank: 1, category: "县", facts: { n: 1 } },
      { id: "乙", total: 90 },
    ]);
  });

  it("reports each malformed entry at its place, by its number counted from 1", () => {
    const entries = [
      null,
      "甲",
      { total: 1 },
      { id: 7, total: 1 },
      { id: "a", total: "九十" },
      { id: "b" },
      { id: "c", total: 1, rank: 0 },
      { id: "d", total: 1, rank: 1.5 },
      { id: "e", total: 1, rank: "1" },
      { id: "f", total: 1, category: 3 },
      { id: "g", total: 1, facts: [] },
      { id: "h", total: 1, facts: null },
      { id: "i", total: 1, facts: "n" },
      { id: "ok", total: 1, rank: 2, category: "区", facts: {} },
    ];
    const { out, issues } = run(entries);
    expect(out.units.map((u) => u.id)).toEqual(["ok"]);
    expect(issues.map((i) => i.path)).toEqual(
      entries.slice(0, -1).map((_, i) => ["previous", "units", i]),
    );
    expect(issues.every((i) => i.code === "K_PREVIOUS_INVALID")).toBe(true);
    expect(issues[0]?.message).toBe(
      "上一轮结果:第1项须有单位名称 id、十进制总分 total,如写名次 rank 须为不小于1的整数",
    );
    expect(issues[12]?.message).toContain("第13项");
  });

  it("leaves out every copy of a unit listed twice, and names them in order", () => {
    const { out, issues } = run([
      { id: "甲", total: 2 },
      { id: "乙", total: 1 },
      { id: "丙", total: 3 },
      { id: "乙 ", total: 4 },
      { id: "甲", total: 5 },
    ]);
    expect(out.units).toEqual([{ id: "丙", total: 3 }]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: "K_PREVIOUS_INVALID",
        path: ["previous", "units"],
        message: "上一轮结果:以下单位出现了不止一次,不参加任何比较:乙, 甲",
      }),
    ]);
  });

  it("reports nothing for a clean run", () => {
    const { out, issues } = run([{ id: "a", total: 1, rank: 1 }]);
    expect(issues).toEqual([]);
    expect(out.units).toEqual([{ id: "a", total: 1, rank: 1 }]);
  });
});
