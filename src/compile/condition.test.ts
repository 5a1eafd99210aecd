import { describe, expect, it } from "vitest";
import { toDecimal } from "../decimal.js";
import { compileCondition, type FactEnv } from "./condition.js";
import { NA } from "./values.js";

// Conditions are three-valued: true, false, or NA when a fact they read does not apply. Written
// against the survivors of a mutation run on condition.ts (72% killed; docs/reliability.md).

const env = (facts: Record<string, unknown>): FactEnv =>
  new Map(
    Object.entries(facts).map(([k, v]) => [k, typeof v === "number" ? toDecimal(v) : (v as never)]),
  );
const run = (c: unknown, facts: Record<string, unknown>) =>
  compileCondition(c as never)(env(facts));

describe("compileCondition", () => {
  it("a fact named alone is true only when it is true; NA when it does not apply", () => {
    expect(run("x", { x: true })).toBe(true);
    expect(run("x", { x: false })).toBe(false);
    expect(run("x", { x: NA })).toBe(NA);
    expect(run("x", {})).toBe(false);
  });

  it("all: a false part decides, else an NA part makes it NA", () => {
    expect(run({ all: ["a", "b"] }, { a: true, b: true })).toBe(true);
    expect(run({ all: ["a", "b"] }, { a: NA, b: false })).toBe(false);
    expect(run({ all: ["a", "b"] }, { a: NA, b: true })).toBe(NA);
  });

  it("any: a true part decides, else an NA part makes it NA", () => {
    expect(run({ any: ["a", "b"] }, { a: NA, b: true })).toBe(true);
    expect(run({ any: ["a", "b"] }, { a: false, b: false })).toBe(false);
    expect(run({ any: ["a", "b"] }, { a: false, b: NA })).toBe(NA);
  });

  it("not negates, and keeps NA", () => {
    expect(run({ not: "a" }, { a: true })).toBe(false);
    expect(run({ not: "a" }, { a: false })).toBe(true);
    expect(run({ not: "a" }, { a: NA })).toBe(NA);
  });

  it("is compares a choice; NA stays NA", () => {
    expect(run({ fact: "c", is: "优" }, { c: "优" })).toBe(true);
    expect(run({ fact: "c", is: "优" }, { c: "良" })).toBe(false);
    expect(run({ fact: "c", is: "优" }, { c: NA })).toBe(NA);
  });

  it("compares numbers with every operator, at and around the bound", () => {
    const at = (op: string, v: number) => run({ fact: "n", [op]: 5 }, { n: v });
    expect([4, 5, 6].map((v) => at("gt", v))).toEqual([false, false, true]);
    expect([4, 5, 6].map((v) => at("gte", v))).toEqual([false, true, true]);
    expect([4, 5, 6].map((v) => at("lt", v))).toEqual([true, false, false]);
    expect([4, 5, 6].map((v) => at("lte", v))).toEqual([true, true, false]);
    expect([4, 5, 6].map((v) => at("eq", v))).toEqual([false, true, false]);
    expect([4, 5, 6].map((v) => at("ne", v))).toEqual([true, false, true]);
  });

  it("several operators must all hold: a range", () => {
    const c = { fact: "n", gte: 60, lt: 80 };
    expect([59, 60, 79, 80].map((v) => run(c, { n: v }))).toEqual([false, true, true, false]);
  });

  it("reads a boolean as 1 or 0 and a findings list as its count (each finding 1 unless counted)", () => {
    expect(run({ fact: "b", eq: 1 }, { b: true })).toBe(true);
    expect(run({ fact: "b", eq: 0 }, { b: false })).toBe(true);
    expect(run({ fact: "f", eq: 4 }, { f: [{}, { count: 3 }] })).toBe(true);
    expect(run({ fact: "f", eq: 0 }, { f: [] })).toBe(true);
  });

  it("a value that is no number, a series, an absent or NA fact makes a comparison NA", () => {
    expect(run({ fact: "n", gt: 0 }, { n: "优" })).toBe(NA);
    expect(run({ fact: "n", gt: 0 }, { n: new Map([["2025-01", toDecimal(1)]]) })).toBe(NA);
    expect(run({ fact: "n", gt: 0 }, {})).toBe(NA);
    expect(run({ fact: "n", gt: 0 }, { n: NA })).toBe(NA);
  });

  it("compares with another fact, NA when that one does not apply", () => {
    const c = { fact: "n", lt: { fact: "m" } };
    expect(run(c, { n: 3, m: 4 })).toBe(true);
    expect(run(c, { n: 4, m: 4 })).toBe(false);
    expect(run(c, { n: 3, m: NA })).toBe(NA);
    expect(run({ fact: "n", gte: 0, lt: { fact: "m" } }, { n: -1, m: NA })).toBe(false);
  });
});
