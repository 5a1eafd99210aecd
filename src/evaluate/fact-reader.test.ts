import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factReaders, SLOW } from "../compile/fact-reader.js";
import type { CFact } from "../compile/values.js";
import { type Decimal, toDecimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import { resolveFact } from "./facts.js";

// The fast readers are a shortcut past resolveFact for the values facts files mostly hold. They
// must never accept what resolveFact refuses, warns about or reads differently: checked here on
// random declarations and values, including every edge the general path treats specially.

const bound = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: -5, max: 200 }).map((n) => String(n)),
  fc.constantFrom("0", "0.5", "1", "99.5", "100", "1e21", "0.1", "0.30000000000000004"),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => String(x)),
);

const decl = fc
  .record({
    type: fc.constantFrom("count", "number", "rate", "amount", "boolean", "choice"),
    min: bound,
    max: bound,
    scale: fc.constantFrom(undefined, "percent", "fraction"),
    options: fc.constantFrom(["是", "否"], ["A", "B", "C"], ["a", " a"], ["ａ", "b"], ["x", "x"]),
  })
  .map((r): CFact => {
    const dec = (s: string | undefined) => {
      if (s === undefined) return undefined;
      try {
        return toDecimal(s);
      } catch {
        return undefined;
      }
    };
    const type = r.type as CFact["type"];
    return {
      id: "f",
      label: "f",
      type,
      missing: "error",
      ...(type !== "boolean" && type !== "choice" && dec(r.min) ? { min: dec(r.min) } : {}),
      ...(type !== "boolean" && type !== "choice" && dec(r.max) ? { max: dec(r.max) } : {}),
      ...(type === "choice" ? { options: r.options } : {}),
      ...(type === "rate" && r.scale === "fraction" ? { scale: "fraction" as const } : {}),
    };
  });

const raw = fc.oneof(
  fc.integer({ min: -10, max: 2_000_000_000 }),
  fc.double(),
  fc.constantFrom(0, -0, 0.5, 1, 1.0000000000000002, 100, 100.00000000000001, 1e21, 1e-7),
  fc.constantFrom(0.1 + 0.2, 87.5, 99.99999999999999, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constantFrom("是", "否", "A", " a", "a", "ａ", "b", "x", "85%", "7处", "1,000", "true"),
  fc.string(),
  fc.constantFrom(null, [], {}, 10n),
);

const show = (v: unknown) =>
  typeof v === "object" && v !== null && "toFixed" in v ? `D(${(v as Decimal).toFixed()})` : v;

describe("fast fact readers", () => {
  it("accept only what resolveFact accepts, as the same value, with no warning", () => {
    fc.assert(
      fc.property(decl, raw, fc.boolean(), (f, value, strict) => {
        const [reader] = factReaders(new Map([["f", f]]), new Set(["f"]), new Set());
        const fast = reader?.fast ? reader.fast(value) : SLOW;
        if (fast === SLOW) return;
        const errors: KaoheIssue[] = [];
        const warnings: KaoheIssue[] = [];
        const slow = resolveFact(f, value, true, ["facts", "f"], errors, warnings, strict);
        expect(errors).toEqual([]);
        expect(warnings).toEqual([]);
        expect(show(fast)).toEqual(show(slow));
      }),
      { numRuns: 20_000 },
    );
  });

  it("take the common values without the general path", () => {
    const fact = (type: CFact["type"], extra: Partial<CFact> = {}): CFact => ({
      id: "f",
      label: "f",
      type,
      missing: "error",
      ...extra,
    });
    const read = (f: CFact, v: unknown) =>
      factReaders(new Map([["f", f]]), new Set(["f"]), new Set())[0]?.fast?.(v);
    expect(show(read(fact("count"), 3))).toBe("D(3)");
    expect(show(read(fact("rate"), 87.5))).toBe("D(87.5)");
    expect(read(fact("boolean"), true)).toBe(true);
    expect(read(fact("choice", { options: ["A", "B"] }), "B")).toBe("B");
    // What the general path must see: ambiguous rates, negative counts, texts, fractions.
    expect(read(fact("rate"), 0.875)).toBe(SLOW);
    expect(read(fact("count", { min: toDecimal(-5) }), -1)).toBe(SLOW);
    expect(read(fact("count"), "3")).toBe(SLOW);
    expect(read(fact("rate", { scale: "fraction" }), 87.5)).toBeUndefined();
    // A bound a double cannot hold exactly disables the shortcut for that fact.
    expect(read(fact("number", { max: toDecimal("0.30000000000000000001") }), 0.3)).toBeUndefined();
  });
});
