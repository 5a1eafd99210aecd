import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toDecimal } from "../decimal.js";
import { compareKeys, keyColumn } from "./cohort-keys.js";

// A column of keys must order its decimals exactly as Decimal does, whether it scales them to
// integers or falls back to the decimals (too many places, too large to be a safe integer).

const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 0n, max: 200n })),
    fc.integer({ min: 0, max: 18 }),
  )
  .map(([neg, digits, places]) => {
    const s = digits.toString().padStart(places + 1, "0");
    const text = places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
    return neg && digits !== 0n ? `-${text}` : text;
  });

describe("keyColumn", () => {
  it("scales scores with a few places to integers", () => {
    const col = keyColumn(["98.5", "-1", "0", "100"].map(toDecimal));
    expect("ints" in col && [...col.ints]).toEqual([985, -10, 0, 1000]);
  });
  it("falls back to decimals past 15 places or a safe integer", () => {
    expect("decs" in keyColumn(["0.1234567890123456", "1"].map(toDecimal))).toBe(true);
    expect("decs" in keyColumn(["9007199254740992", "1"].map(toDecimal))).toBe(true);
    expect("decs" in keyColumn(["90071992547409.93", "1"].map(toDecimal))).toBe(true);
  });
  it("orders every pair as Decimal's comparedTo does", () => {
    fc.assert(
      fc.property(fc.array(decimalText, { minLength: 1, maxLength: 12 }), (texts) => {
        const ds = texts.map(toDecimal);
        const col = keyColumn(ds);
        for (let i = 0; i < ds.length; i++)
          for (let j = 0; j < ds.length; j++)
            expect(Math.sign(compareKeys(col, i, j))).toBe(
              (ds[i] as ReturnType<typeof toDecimal>).comparedTo(
                ds[j] as ReturnType<typeof toDecimal>,
              ),
            );
      }),
      { numRuns: 500 },
    );
  });
});
