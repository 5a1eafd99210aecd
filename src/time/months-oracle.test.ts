/*
 * Month and year arithmetic (deadlines `within: { months | years }`, src/time/date.ts) against an
 * independent implementation: date-fns's addMonths/addYears on UTC dates (@date-fns/utc), used here
 * as an oracle only. kaohe's own arithmetic works on the calendar's day numbers and never touches
 * `Date`; date-fns is a devDependency, not something a user installs (28 MB, docs/time.md).
 * Every day of 2008–2026 (the official calendar's years), for offsets across month ends, year ends
 * and leap days, both directions.
 */
import { UTCDate } from "@date-fns/utc";
import { addMonths as fnsAddMonths, addYears as fnsAddYears, format } from "date-fns";
import { describe, expect, it } from "vitest";
import { addMonths, addYears, formatDate, parseDate } from "./date.js";

const first = parseDate("2008-01-01") as number;
const last = parseDate("2026-12-31") as number;
const iso = (d: Date) => format(d, "yyyy-MM-dd");
const utc = (day: number) => {
  const [y, m, d] = formatDate(day).split("-").map(Number) as [number, number, number];
  return new UTCDate(y, m - 1, d);
};

describe("month and year arithmetic agrees with date-fns (UTC) on every day of 2008–2026", () => {
  it("adding months: 1, 2, 3, 6, 11, 12, 13, 24, 120 and back 1, 12", () => {
    const offsets = [1, 2, 3, 6, 11, 12, 13, 24, 120, -1, -12];
    const diffs: string[] = [];
    let n = 0;
    for (let day = first; day <= last; day++)
      for (const k of offsets) {
        n++;
        const ours = formatDate(addMonths(day, k));
        const theirs = iso(fnsAddMonths(utc(day), k));
        if (ours !== theirs) diffs.push(`${formatDate(day)} ${k}: ${ours} ≠ ${theirs}`);
      }
    expect(n).toBeGreaterThan(75_000);
    expect(diffs.slice(0, 5)).toEqual([]);
  });

  it("adding years: 1 to 10 (2024-02-29 + 1 year is 2025-02-28 in both)", () => {
    const diffs: string[] = [];
    for (let day = first; day <= last; day++)
      for (let k = 1; k <= 10; k++) {
        const ours = formatDate(addYears(day, k));
        const theirs = iso(fnsAddYears(utc(day), k));
        if (ours !== theirs) diffs.push(`${formatDate(day)} +${k}y: ${ours} ≠ ${theirs}`);
      }
    expect(diffs.slice(0, 5)).toEqual([]);
    expect(formatDate(addYears(parseDate("2024-02-29") as number, 1))).toBe("2025-02-28");
  });
});
