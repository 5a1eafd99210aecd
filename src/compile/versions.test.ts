import { describe, expect, it } from "vitest";
import { compile, perNode } from "../../test/helpers.js";
import { compileRuleSet } from "./compile-rule-set.js";
import { selectVersion } from "./versions.js";

// T6: the version of a rule set in force on a date. Written against the survivors of a mutation
// run on versions.ts (docs/reliability.md): boundaries, open ranges, and every refusal's message.

const base = compile({
  facts: [{ id: "n", label: "问题", type: "count" }],
  points: 10,
  tree: [perNode("A", 10, "n", 1)],
}).source;
const v = (from: string | null, to?: string, id = "test/set", edition?: string) =>
  compileRuleSet({
    ...base,
    id,
    ...(edition ? { edition: { id: edition, title: edition, official: false } } : {}),
    ...(from ? { effective: to ? { from, to } : { from } } : {}),
  } as never);
const messages = (r: ReturnType<typeof selectVersion>) =>
  r.ok ? [] : r.issues.map((i) => `${i.code} ${i.message}`);

describe("selectVersion", () => {
  const y2024 = v("2024-01-01", "2024-12-31");
  const y2025 = v("2025-01-01");

  it("takes the version whose range holds the date, both ends included; an open end runs on", () => {
    expect(selectVersion([y2024, y2025], "2024-01-01")).toEqual({ ok: true, ruleSet: y2024 });
    expect(selectVersion([y2024, y2025], "2024-12-31")).toEqual({ ok: true, ruleSet: y2024 });
    expect(selectVersion([y2025, y2024], "2025-01-01")).toEqual({ ok: true, ruleSet: y2025 });
    expect(selectVersion([y2024, y2025], "2099-12-31")).toEqual({ ok: true, ruleSet: y2025 });
  });

  it("a date that is not a date is F_OPTION", () => {
    expect(messages(selectVersion([y2024], "2024-02-30"))).toEqual([
      'F_OPTION 评分选项 date:须为实际存在的日期 YYYY-MM-DD,而不是 "2024-02-30"',
    ]);
  });

  it("a version without an effective range is E_VERSION_RANGE naming it", () => {
    const r = selectVersion([y2024, v(null, undefined, "other/set")], "2024-06-01");
    expect(messages(r)).toEqual(['E_VERSION_RANGE 规则集 "other/set":没有写明有效期 effective']);
    // Beside a ranged version of the same rule set: that one refusal, no overlap looked for.
    expect(messages(selectVersion([v(null), y2024], "2024-06-01"))).toEqual([
      'E_VERSION_RANGE 规则集 "test/set":没有写明有效期 effective',
    ]);
  });

  it("every refusal is about the versions as a whole (no path), but a bad date names the option", () => {
    const paths = (r: ReturnType<typeof selectVersion>) =>
      r.ok ? [] : r.issues.map((i) => [i.code, i.path]);
    expect(paths(selectVersion([y2024], "2024-02-30"))).toEqual([["F_OPTION", ["date"]]]);
    expect(paths(selectVersion([v(null)], "2024-06-01"))).toEqual([["E_VERSION_RANGE", []]]);
    const overlap = [v("2024-01-01"), v("2024-06-01", "2024-12-31")];
    expect(paths(selectVersion(overlap, "2024-03-01"))).toEqual([["E_VERSION_OVERLAP", []]]);
    expect(paths(selectVersion([y2024], "2023-12-31"))).toEqual([["E_VERSION_RANGE", []]]);
    const other = v("2024-01-01", "2024-12-31", "other/set");
    expect(paths(selectVersion([y2024, other], "2024-06-01"))).toEqual([["E_VERSION_RANGE", []]]);
  });

  it("two versions of one rule set overlapping by a single day are E_VERSION_OVERLAP; adjacent ones are not", () => {
    const a = v("2024-01-01", "2024-06-30", "test/set", "上半年版");
    const touching = v("2024-06-30", "2024-12-31", "test/set", "下半年版");
    const r = selectVersion([a, touching], "2024-03-01");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["E_VERSION_OVERLAP"]);
    expect(!r.ok && r.issues[0]?.message).toContain("2024-01-01–2024-06-30 (上半年版)");
    expect(!r.ok && r.issues[0]?.message).toContain("2024-06-30–2024-12-31 (下半年版)");
    // Either order, and an open-ended later version overlapping an earlier one.
    expect(!selectVersion([touching, a], "2024-03-01").ok).toBe(true);
    expect(!selectVersion([v("2024-01-01"), v("2030-01-01", "2030-12-31")], "2024-03-01").ok).toBe(
      true,
    );
    const adjacent = v("2024-07-01", "2024-12-31");
    expect(selectVersion([a, adjacent], "2024-07-01")).toEqual({ ok: true, ruleSet: adjacent });
    // An open end is written as "…", a version without an edition by its dates alone.
    expect(
      messages(selectVersion([v("2024-01-01"), v("2024-06-01", "2024-12-31")], "2024-03-01")),
    ).toEqual([
      'E_VERSION_OVERLAP "test/set" 的两个版本有效期重叠:2024-01-01–… 和 2024-06-01–2024-12-31',
    ]);
    // Three versions: every overlapping pair is reported, each once.
    const third = v("2024-12-01");
    const all = selectVersion([a, touching, third], "2024-03-01");
    expect(!all.ok && all.issues.length).toBe(2);
  });

  it("different rule sets may overlap, but a date two of them cover is refused", () => {
    const other = v("2024-01-01", "2024-12-31", "other/set");
    expect(messages(selectVersion([y2024, other], "2024-06-01"))).toEqual([
      'E_VERSION_RANGE 规则集 "test/set、other/set":在 2024-06-01 同时有效;同一天只能有一个规则集有效',
    ]);
  });

  it("a date no version covers is E_VERSION_RANGE naming the first rule set", () => {
    expect(messages(selectVersion([y2024, y2025], "2023-12-31"))).toEqual([
      'E_VERSION_RANGE 规则集 "test/set":没有在 2023-12-31 有效的版本',
    ]);
    expect(messages(selectVersion([], "2023-12-31"))).toEqual([
      'E_VERSION_RANGE 规则集 "(没有候选版本)":没有在 2023-12-31 有效的版本',
    ]);
  });
});
