/**
 * Which path a lean cohort scores each unit by (src/cohort/cohort-summary.ts `unitSummary`): the
 * exact fixed-point path for every unit it takes when the cohort step reads no node's score, and
 * scoreUnit otherwise. The results are the same either way (test/fast.test.ts holds them equal),
 * so only the count of scoreUnit calls tells the paths apart: it is counted here.
 *
 * Equivalent mutants of cohort-summary.ts left alive by a focused run and not killed here: the
 * `options.trace === false ? options : { ...options, trace: false }` forms (a summary reads no
 * explanation, so scoring with the trace on gives the same summary), and `if (reads.length)` in
 * summarise forced true (an empty `reads` then builds an empty `nodes` record, equal to NO_NODES).
 */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { loadRuleSet } from "../load/load.js";
import { scoreCohort, scoreCohortSummary } from "./cohort.js";

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock("../evaluate/evaluate.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../evaluate/evaluate.js")>();
  return {
    ...real,
    scoreUnit: (...args: Parameters<typeof real.scoreUnit>) => {
      calls.n++;
      return real.scoreUnit(...args);
    },
  };
});

function toy(extra = "") {
  const r = loadRuleSet(`${readFileSync("bench/peers/toy-rules.yaml", "utf8")}${extra}`);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return compileRuleSet(r.ruleSet);
}

const units = Array.from({ length: 40 }, (_, i) => ({
  id: `单位${i}`,
  facts: { misses: i % 12, fraud: i % 17 === 5 },
}));

beforeEach(() => {
  calls.n = 0;
});

describe("a lean cohort's units on the fixed-point path", () => {
  it("the toy rule: no unit scored by scoreUnit; scoreCohort scores every one", () => {
    const crs = toy();
    const lean = scoreCohortSummary(crs, units);
    expect(calls.n).toBe(0);
    expect(lean.units.map((u) => u.score?.toFixed())).toEqual(
      scoreCohort(crs, units).units.map((u) => u.score?.toFixed()),
    );
    expect(calls.n).toBe(units.length);
  });

  it("a unit the fixed-point path does not take (a count written as text) is scored in full, alone", () => {
    const crs = toy();
    const mixed = units.map((u, i) =>
      i === 3 ? { ...u, facts: { misses: "3", fraud: false } } : u,
    );
    const lean = scoreCohortSummary(crs, mixed);
    expect(calls.n).toBe(1);
    const three = lean.units.find((u) => u.unit === "单位3");
    expect(three?.score?.toFixed()).toBe("2.1");
  });

  it("a cohort that breaks ties by a node's score reads that node: every unit by scoreUnit", () => {
    const crs = toy("cohort:\n  ranking: { ties: break, breakBy: [一] }\n");
    scoreCohortSummary(crs, units);
    expect(calls.n).toBe(units.length);
  });
});
