import { describe, expect, it } from "vitest";
import { compile, ref } from "../../test/helpers.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import { type Finding, findingIndex, findingTime, noteFinding } from "./values.js";

// What src/compile/values.ts keeps on a checked finding (its place in the facts as given, its
// parsed times) and what it gives for a finding it was not told about.
//
// Mutants of values.ts judged equivalent (focused Stryker run of 2026-11-30), so not tested:
// - 117 `if (t)` → false: every finding a clause reads was checked by the facts check, which
//   noted its times as parseDateTime of the same `date`/`done` texts (timesOk in
//   src/evaluate/facts.ts; null where there is none), and nothing changes a finding after that:
//   parsing them again gives the same minutes.
// - 119 `s === undefined` → false: parseDateTime(undefined) is null as well — RegExp#exec reads it
//   as the text "undefined", which is neither a date nor a time (tested below: no time → null).

/** Minutes since 1970-01-01 of a day (and time), computed apart from the code under test. */
const minutes = (y: number, m: number, d: number, h = 0, mi = 0) =>
  Date.UTC(y, m - 1, d, h, mi) / 60_000;

describe("a finding's place in its fact", () => {
  // One item whose window starts in March: the finding of February is left out, so the clause
  // sees the finding of March first — but a refusal must name it where the facts file has it.
  const crs = compile({
    facts: [{ id: "cases", label: "违规案件", type: "findings" }],
    points: 100,
    tree: [
      {
        id: "a",
        title: "案件办理",
        points: 100,
        window: { from: "2025-03-01", to: "2025-12-31", undated: "include" },
        clauses: [
          {
            id: "a1",
            type: "range",
            fact: "cases",
            min: 50,
            max: 100,
            text: "每起扣50-100分",
            ref,
          } as never,
        ],
      },
    ],
  });

  it("a refusal names the finding's index in the facts as given, not in what the rule sees", () => {
    const r = scoreUnit(crs, {
      id: "甲县",
      facts: {
        cases: [
          { date: "2025-02-10", amount: 60 },
          { date: "2025-03-05", amount: 60 },
          { date: "2025-04-01", amount: 120 },
        ],
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ["F_DISCRETION_RANGE", ["facts", "cases", 2, "amount"]],
    ]);
  });

  it("the same finding first in the facts is named at 0", () => {
    const r = scoreUnit(crs, {
      id: "甲县",
      facts: { cases: [{ date: "2025-04-01", amount: 120 }] },
    });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
      ["F_DISCRETION_RANGE", ["facts", "cases", 0, "amount"]],
    ]);
  });
});

describe("findingIndex and findingTime", () => {
  it("a noted finding: the index and times noted", () => {
    const f: Finding = { date: "2025-03-01", done: "2025-03-02T09:15" };
    noteFinding(f, 7, minutes(2025, 3, 1), minutes(2025, 3, 2, 9, 15));
    expect(findingIndex(f, 0)).toBe(7);
    expect(findingIndex(f, 3)).toBe(7);
    expect(findingTime(f, "date")).toBe(minutes(2025, 3, 1));
    expect(findingTime(f, "done")).toBe(minutes(2025, 3, 2, 9, 15));
    // Noted data is not a field of the finding: JSON and Object.keys do not see it.
    expect(Object.keys(f)).toEqual(["date", "done"]);
    expect(JSON.parse(JSON.stringify(f))).toEqual({ date: "2025-03-01", done: "2025-03-02T09:15" });
  });

  it("a finding built in code (never noted): its index where the clause sees it, its times parsed", () => {
    const f: Finding = { date: "2025-03-01", done: "2025-03-02T09:15" };
    expect(findingIndex(f, 4)).toBe(4);
    expect(findingIndex({ note: "x" }, 0)).toBe(0);
    expect(findingTime(f, "date")).toBe(minutes(2025, 3, 1));
    expect(findingTime(f, "done")).toBe(minutes(2025, 3, 2, 9, 15));
    expect(findingTime({ note: "x" }, "date")).toBeNull();
    expect(findingTime({ date: "2025-03-01" }, "done")).toBeNull();
    expect(findingTime({ done: "2025-02-30" }, "done")).toBeNull();
  });

  it("a copy (spread) of a noted finding keeps what was noted", () => {
    const f: Finding = { date: "2025-03-01" };
    noteFinding(f, 2, minutes(2025, 3, 1), null);
    const copy = { ...f, note: "复制" };
    expect(findingIndex(copy, 0)).toBe(2);
    expect(findingTime(copy, "date")).toBe(minutes(2025, 3, 1));
  });
});
