import DecimalJs from "decimal.js";
import { afterEach, describe, expect, it } from "vitest";
import { bareSet } from "../test/helpers.js";
import {
  DECIMAL_SETTINGS,
  Decimal,
  dstr,
  isolatedClone,
  PublicDecimal,
  roundQuotient,
  roundTo,
  toDecimal,
} from "./decimal.js";
import {
  combineWeighted,
  compileRuleSet,
  compileRuleText,
  Decimal as KDecimal,
  scoreUnit,
} from "./index.js";

describe("exact decimals", () => {
  it("three deductions of 0.1 from a 1-point item leave exactly 0.7", () => {
    const rs = bareSet({
      points: 1,
      tree: [
        {
          id: "a",
          title: "a",
          points: 1,
          clauses: [
            {
              id: "a.1",
              type: "per",
              fact: "n",
              each: 0.1,
              text: "每处扣0.1分",
              ref: { doc: "d" },
            },
          ],
        },
      ],
    });
    const crs = compileRuleSet(rs as never);
    const r = scoreUnit(crs, { id: "u", facts: { n: 3 } });
    expect(r.ok && r.total.toFixed()).toBe("0.7");
    expect(r.ok && r.nodes.a?.score.equals(new KDecimal("0.7"))).toBe(true);
    // The float computation this replaces would not be exact.
    expect(1 - 0.1 - 0.1 - 0.1).not.toBe(0.7);
  });

  it("weights 0.7 × 70% + 0.3 × 30% exactly before the stated rounding", () => {
    const c = combineWeighted([
      { label: "集中考核", score: 0.7, percent: 70 },
      { label: "日常考核", score: 0.3, percent: 30 },
    ]);
    expect(c.exact.toFixed()).toBe("0.58");
    const d = combineWeighted(
      [
        { label: "集中考核", score: "93.35", percent: 70 },
        { label: "日常考核", score: "88.15", percent: 30 },
      ],
      { places: 2, mode: "half-up" },
    );
    expect(dstr(d.exact)).toBe("91.79");
    const e = combineWeighted(
      [
        { label: "集中考核", score: "93.37", percent: 70 },
        { label: "日常考核", score: "88.11", percent: 30 },
      ],
      { places: 1, mode: "half-up" },
    );
    expect(dstr(e.exact)).toBe("91.792");
    expect(dstr(e.rounded)).toBe("91.8");
    expect(e.terms.map((t) => dstr(t.value))).toEqual(["65.359", "26.433"]);
  });

  it("parses numbers through their shortest text, so 0.1 is one tenth", () => {
    expect(toDecimal(0.1).equals(new Decimal("0.1"))).toBe(true);
    expect(toDecimal("12.50").toFixed()).toBe("12.5");
    expect(() => toDecimal("1e3")).toThrow();
    expect(() => toDecimal(Number.NaN)).toThrow();
  });

  it("rounds with the named mode", () => {
    expect(roundTo(new Decimal("2.345"), 2, "half-up").toFixed()).toBe("2.35");
    expect(roundTo(new Decimal("2.345"), 2, "half-even").toFixed()).toBe("2.34");
    expect(roundTo(new Decimal("-2.345"), 2, "floor").toFixed()).toBe("-2.35");
    expect(roundTo(new Decimal("2.341"), 2, "ceil").toFixed()).toBe("2.35");
  });

  it("rounds a quotient exactly, on its true remainder, in every mode", () => {
    const q = (n: string, d: string, places: number, mode: Parameters<typeof roundTo>[2]) =>
      roundQuotient(new Decimal(n), new Decimal(d), places, mode).toFixed();
    // 82 × 100 ÷ 90 = 91.111…
    expect(q("8200", "90", 2, "half-up")).toBe("91.11");
    expect(q("8200", "90", 2, "up")).toBe("91.12");
    expect(q("8200", "90", 2, "ceil")).toBe("91.12");
    // 2 ÷ 3 = 0.666…: above the half in every half mode.
    for (const m of ["half-up", "half-down", "half-even"] as const)
      expect(q("2", "3", 0, m)).toBe("1");
    expect(q("2", "3", 0, "down")).toBe("0");
    // Exactly half: 9 ÷ 8 × 100 = 112.5.
    expect(q("900", "8", 0, "half-up")).toBe("113");
    expect(q("900", "8", 0, "half-down")).toBe("112");
    expect(q("900", "8", 0, "half-even")).toBe("112");
    expect(q("1000", "8", 0, "half-even")).toBe("125");
    // Negative quotients: floor and ceil by sign, up and down by magnitude.
    expect(q("-1", "3", 1, "floor")).toBe("-0.4");
    expect(q("-1", "3", 1, "ceil")).toBe("-0.3");
    expect(q("1", "-3", 1, "up")).toBe("-0.4");
    expect(q("-1", "3", 1, "down")).toBe("-0.3");
    expect(q("-9", "8", 0, "half-up")).toBe("-1");
    expect(q("-12", "8", 0, "half-up")).toBe("-2");
    expect(q("0", "7", 2, "ceil")).toBe("0");
    expect(() => roundQuotient(new Decimal(1), new Decimal(0), 2, "half-up")).toThrow(RangeError);
  });

  it("rounds a terminating quotient as roundTo rounds its exact value", () => {
    const modes = ["half-up", "half-even", "half-down", "up", "down", "ceil", "floor"] as const;
    for (const mode of modes)
      for (let n = -20; n <= 20; n++)
        for (const d of ["8", "0.4", "-2.5", "16"]) {
          const exact = new Decimal(n).dividedBy(d);
          for (const places of [0, 1, 2])
            expect(
              roundQuotient(new Decimal(n), new Decimal(d), places, mode).toFixed(),
              `${n}/${d} ${places} ${mode}`,
            ).toBe(roundTo(exact, places, mode).toFixed());
        }
  });

  it("uses a private Decimal: the application's global settings never leak in", () => {
    const before = DecimalJs.precision;
    DecimalJs.set({ precision: 2, rounding: DecimalJs.ROUND_DOWN });
    try {
      expect(new Decimal("1").dividedBy(3).toFixed(10)).toBe("0.3333333333");
      expect(new Decimal("0.125").toDecimalPlaces(2).toFixed()).toBe("0.13");
    } finally {
      DecimalJs.set({ precision: before, rounding: DecimalJs.ROUND_HALF_UP });
    }
  });

  it("prints decimals canonically", () => {
    expect(dstr(new Decimal("-0"))).toBe("0");
    expect(dstr(new Decimal("1e-7"))).toBe("0.0000001");
    expect(dstr(new Decimal("120.50"))).toBe("120.5");
  });
});

// Every setting decimal.js has (its docs' "Configuration properties"; Decimal.Config).
const KEYS = ["precision", "rounding", "toExpNeg", "toExpPos", "minE", "maxE", "crypto", "modulo"];
const HOSTILE = {
  precision: 2,
  rounding: DecimalJs.ROUND_DOWN,
  toExpNeg: -1,
  toExpPos: 1,
  minE: -3,
  maxE: 3,
  crypto: true,
  modulo: DecimalJs.EUCLID,
} as const;
const settings = (D: typeof DecimalJs) =>
  Object.fromEntries(KEYS.map((k) => [k, D[k as keyof typeof DecimalJs]]));

// The reproducer's rule: 12345 > 12000 deducts 3 of 3 points (Infinity > Infinity would not).
const crs = compileRuleText(`kaohe: 1
id: t
title: t
documents: [{ id: d, title: d }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
facts: [{ id: total, label: 编制总数, type: number }, { id: approved, label: 核定数, type: number }]
tree:
  - { id: A, title: A, points: 3, clauses: [{ id: A.c, type: fixed, when: { fact: total, gt: { fact: approved } }, amount: 3, text: 超编扣3分, ref: { doc: d } }] }
`);
const score = () => {
  const r = scoreUnit(crs, { id: "u", facts: { total: 12345, approved: 12000 } });
  if (!r.ok) throw new Error("not scored");
  return r.total.toFixed();
};

afterEach(() => {
  // This worker's decimal.js and kaohe's exported clone, back to what the other tests expect.
  DecimalJs.set({ defaults: true });
  PublicDecimal.set({ ...DECIMAL_SETTINGS });
});

describe("the engine's Decimal clone", () => {
  it("states every decimal.js setting", () => {
    expect(Object.keys(DECIMAL_SETTINGS).sort()).toEqual([...KEYS].sort());
    expect(settings(Decimal)).toEqual(DECIMAL_SETTINGS);
  });

  it("inherits nothing from a configured parent (settings made before kaohe loads)", () => {
    const parent = DecimalJs.clone(HOSTILE);
    expect(settings(parent)).toEqual(HOSTILE);
    expect(settings(isolatedClone(parent))).toEqual(DECIMAL_SETTINGS);
  });

  it("is not changed by the application's decimal.js", () => {
    DecimalJs.set(HOSTILE);
    expect(settings(Decimal)).toEqual(DECIMAL_SETTINGS);
    expect(score()).toBe("0");
  });

  it("refuses set and config, and the settings decimal.js never writes itself", () => {
    const Ctor = toDecimal(1).constructor as typeof DecimalJs;
    expect(Ctor).toBe(Decimal);
    expect(() => Ctor.set({ maxE: 3 })).toThrow(TypeError);
    expect(() => Ctor.config({ maxE: 3 })).toThrow(TypeError);
    for (const k of ["toExpNeg", "toExpPos", "minE", "maxE", "crypto", "modulo"])
      expect(Reflect.set(Ctor, k, 3), k).toBe(false);
    expect(settings(Decimal)).toEqual(DECIMAL_SETTINGS);
    expect(score()).toBe("0");
  });

  it("still runs the functions that raise precision temporarily (ln, exp, sqrt, cos)", () => {
    const two = new Decimal(2);
    expect(two.ln().toSignificantDigits(10).toFixed()).toBe("0.6931471806");
    expect(two.exp().toSignificantDigits(10).toFixed()).toBe("7.389056099");
    expect(two.sqrt().toSignificantDigits(10).toFixed()).toBe("1.414213562");
    expect(new Decimal(0).cos().toFixed()).toBe("1");
    expect(Decimal.precision).toBe(50);
    expect(Decimal.rounding).toBe(DecimalJs.ROUND_HALF_UP);
  });
});

describe("the exported Decimal (PublicDecimal)", () => {
  it("is a separate clone with the same settings", () => {
    expect(PublicDecimal).not.toBe(Decimal);
    expect(settings(PublicDecimal)).toEqual(DECIMAL_SETTINGS);
    expect(toDecimal(1)).toBeInstanceOf(PublicDecimal);
    expect(new PublicDecimal(1)).toBeInstanceOf(Decimal);
  });

  it("is the application's to configure: its set() does not reach the engine", () => {
    PublicDecimal.set({ maxE: 3, precision: 1 });
    expect(PublicDecimal.maxE).toBe(3);
    expect(new PublicDecimal(2).div(3).toFixed()).toBe("0.7");
    expect(settings(Decimal)).toEqual(DECIMAL_SETTINGS);
    expect(score()).toBe("0");
    expect(toDecimal(2).div(3).toFixed()).toBe(`0.${"6".repeat(49)}7`);
  });
});
