import { describe, expect, it } from "vitest";
import { type Decimal, toDecimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import { resolveFact } from "../evaluate/facts.js";
import { factReaders, SLOW } from "./fact-reader.js";
import type { CFact } from "./values.js";

// The edges of the fast fact readers (src/compile/fact-reader.ts): which values they take
// themselves and which they hand to the general path (SLOW). Their soundness (never a value the
// general path reads differently) is checked on random input in src/evaluate/fact-reader.test.ts;
// here every value a reader is expected to take is also read by resolveFact, so the table says
// only what the general path itself reads, without a warning.
//
// Mutants of fact-reader.ts judged equivalent (focused Stryker run of 2026-11-30), so not tested:
// - 52 `typeof raw === "number"` → true (count reader): Number.isInteger is false for anything
//   that is not a number, so the same values reach the bounds.
// - 53 and 62 `raw === 0 ? 0 : raw` → `raw`: toDecimal(-0) already returns the shared zero
//   (Number.isInteger(-0) and SMALL[-0] is SMALL[0]), so -0 reads as 0 either way (tested below).
// - 60 `typeof raw !== "number"` → false: Number.isFinite is false for every non-number (it does
//   not convert), so texts, booleans and bigints still go to the general path.
// - 67 `f.options ?? []` → `["Stryker was here"]`: a choice fact without options is refused when
//   the rule set is checked (E_REQUIRED, src/check/lint-facts.ts), so compiled facts always have
//   them.
// - 69 `new Set(options).size !== options.length` → false: every option is already in the form
//   the general path compares (NFKC, trimmed), so two options fold together only when they are the
//   same text, and the general path then finds that same text: taking it fast reads the same.
// - 71 `typeof raw === "string"` → true: the set holds texts only, so `set.has` is false for any
//   other value.

const fact = (type: CFact["type"], extra: Partial<CFact> = {}): CFact => ({
  id: "f",
  label: "事实",
  type,
  missing: "error",
  ...extra,
});

const d = (s: string) => toDecimal(s);

const show = (v: unknown) =>
  typeof v === "object" && v !== null && "toFixed" in v ? `D(${(v as Decimal).toFixed()})` : v;

/** The fast reader of a fact declared alone and read by a rule: undefined when it has none. */
const fastOf = (f: CFact) => factReaders(new Map([["f", f]]), new Set(["f"]), new Set())[0]?.fast;

/** What the general path reads, with what it reported. */
function general(f: CFact, raw: unknown) {
  const errors: KaoheIssue[] = [];
  const warnings: KaoheIssue[] = [];
  const v = resolveFact(f, raw, true, ["facts", "f"], errors, warnings, false);
  return { value: show(v), codes: [...errors, ...warnings].map((i) => i.code) };
}

describe("fast fact readers: the values they take", () => {
  // [what, declaration, value as a facts file gives it, value read]
  const taken: [string, CFact, unknown, string][] = [
    ["a count of 0 (its lowest)", fact("count"), 0, "D(0)"],
    ["a count at its declared minimum", fact("count", { min: d("3") }), 3, "D(3)"],
    ["a count at its declared maximum", fact("count", { max: d("10") }), 10, "D(10)"],
    ["a number with no minimum, below 0", fact("number"), -3, "D(-3)"],
    ["a number with minimum 0, at it", fact("number", { min: d("0") }), 0, "D(0)"],
    ["a number with minimum 0, above it", fact("number", { min: d("0") }), 5, "D(5)"],
    ["a number at its declared minimum", fact("number", { min: d("5") }), 5, "D(5)"],
    ["a number at its declared maximum", fact("number", { max: d("7.5") }), 7.5, "D(7.5)"],
    ["a number between 0 and 1 (no scale question)", fact("number"), 0.5, "D(0.5)"],
    ["a number of exactly 1", fact("number"), 1, "D(1)"],
    ["an amount in its range", fact("amount", { min: d("1"), max: d("100") }), 50, "D(50)"],
    [
      "an amount at its declared minimum",
      fact("amount", { min: d("1"), max: d("100") }),
      1,
      "D(1)",
    ],
    ["a rate of 0%", fact("rate"), 0, "D(0)"],
    ["a rate of 100% (its default maximum)", fact("rate"), 100, "D(100)"],
    ["a rate just above 1%", fact("rate"), 1.5, "D(1.5)"],
    ["a rate whose maximum is 1%: 0.5 is 0.5%", fact("rate", { max: d("1") }), 0.5, "D(0.5)"],
  ];

  it.each(taken)("%s", (_what, f, raw, read) => {
    // What the rules mean: the general path reads this value, and says nothing about it.
    expect(general(f, raw)).toEqual({ value: read, codes: [] });
    const fast = fastOf(f);
    expect(fast).toBeTypeOf("function");
    expect(show(fast?.(raw))).toBe(read);
  });

  it("reads -0 as 0, as the general path does", () => {
    for (const f of [fact("count"), fact("number"), fact("rate")]) {
      const v = fastOf(f)?.(-0) as Decimal;
      expect(show(v)).toBe("D(0)");
      expect(v.isNegative()).toBe(false);
      expect(Object.is(v.toNumber(), 0)).toBe(true);
    }
  });
});

describe("fast fact readers: the values they leave to the general path", () => {
  // [what, declaration, value, the code the general path reports (null: read, with no report)]
  const left: [string, CFact, unknown, string | null][] = [
    ["a count just above its maximum", fact("count", { max: d("10") }), 11, "F_FACT_RANGE"],
    ["a count just below its minimum", fact("count", { min: d("3") }), 2, "F_FACT_RANGE"],
    [
      "a negative count under a negative minimum",
      fact("count", { min: d("-5") }),
      -1,
      "F_FACT_TYPE",
    ],
    ["a number just below its minimum", fact("number", { min: d("5") }), 4.999, "F_FACT_RANGE"],
    ["a number just above its maximum", fact("number", { max: d("7.5") }), 7.51, "F_FACT_RANGE"],
    ["a rate above 100%", fact("rate"), 100.5, "F_FACT_RANGE"],
    ["a rate of 1, maybe written as a fraction", fact("rate"), 1, "W_RATE_SCALE"],
    ["a rate of 0.5, maybe written as a fraction", fact("rate"), 0.5, "W_RATE_SCALE"],
    ["a count written as a text", fact("count"), "3", null],
  ];

  it.each(left)("%s", (_what, f, raw, code) => {
    expect(general(f, raw).codes).toEqual(code === null ? [] : [code]);
    expect(fastOf(f)?.(raw)).toBe(SLOW);
  });
});

describe("fast fact readers: which facts have one", () => {
  it("every number-like type has a fast reader; a fraction-scale rate and findings do not", () => {
    const has = (f: CFact) => typeof fastOf(f) === "function";
    expect(has(fact("count"))).toBe(true);
    expect(has(fact("number"))).toBe(true);
    expect(has(fact("rate"))).toBe(true);
    expect(has(fact("amount", { min: d("0"), max: d("10") }))).toBe(true);
    expect(has(fact("boolean"))).toBe(true);
    expect(has(fact("choice", { options: ["优", "良"] }))).toBe(true);
    expect(has(fact("rate", { scale: "fraction" }))).toBe(false);
    expect(has(fact("findings"))).toBe(false);
    expect(has(fact("series"))).toBe(false);
  });

  it("a bound of 0 compares exactly, whichever way its text was written", () => {
    for (const zero of ["0", "0.0", "-0"]) {
      const f = fact("number", { min: d(zero), max: d("10") });
      expect(show(fastOf(f)?.(0))).toBe("D(0)");
      expect(fastOf(f)?.(-0.5)).toBe(SLOW);
    }
  });
});
