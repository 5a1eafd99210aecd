import { describe, expect, it } from "vitest";
import {
  daysFromCivil,
  formatDate,
  formatDateTime,
  monthKey,
  parseDate,
  parseDateTime,
  periodRange,
  quarterKey,
} from "./date.js";

// Dates as the rules read them: every bound of a real date, times of day, period keys. Written
// against the survivors of a mutation run on date.ts (docs/reliability.md).

describe("parseDate", () => {
  it("reads real dates and refuses every field out of its range", () => {
    expect(parseDate("2024-02-29")).toBe(daysFromCivil(2024, 2, 29));
    expect(parseDate("2024-12-31")).toBe(daysFromCivil(2024, 12, 31));
    expect(parseDate("2024-01-01")).toBe(daysFromCivil(2024, 1, 1));
    for (const bad of [
      "2023-02-29", // not a leap year
      "2024-04-31", // April has 30 days
      "2024-00-10",
      "2024-13-10",
      "2024-01-00",
      "2024-01-32",
      "2024-1-05",
      "24-01-05",
      "2024-01-05T00:00",
      " 2024-01-05",
    ])
      expect(parseDate(bad), bad).toBeNull();
  });
});

describe("parseDateTime and formatDateTime", () => {
  it("reads a time of day to the minute, and a date as its midnight", () => {
    const day = daysFromCivil(2025, 1, 2);
    expect(parseDateTime("2025-01-02T00:00")).toBe(day * 1440);
    expect(parseDateTime("2025-01-02T23:59")).toBe(day * 1440 + 23 * 60 + 59);
    expect(parseDateTime("2025-01-02")).toBe(day * 1440);
  });

  it("refuses an hour past 23, a minute past 59, and a date that is not one", () => {
    expect(parseDateTime("2025-01-02T24:00")).toBeNull();
    expect(parseDateTime("2025-01-02T23:60")).toBeNull();
    expect(parseDateTime("2025-02-30T08:00")).toBeNull();
    expect(parseDateTime("2025-02-30")).toBeNull();
    expect(parseDateTime("明天")).toBeNull();
  });

  it("formats minutes back, before and after 1970", () => {
    for (const s of [
      "2025-01-02T00:00",
      "2025-01-02T23:59",
      "1969-12-31T07:05",
      "2000-02-29T12:30",
    ])
      expect(formatDateTime(parseDateTime(s) as number)).toBe(s);
  });
});

describe("period keys", () => {
  it("names a day's month and quarter", () => {
    const d = (y: number, m: number, day: number) => daysFromCivil(y, m, day);
    expect(monthKey(d(2025, 9, 30))).toBe("2025-09");
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => quarterKey(d(2025, m, 15)))).toEqual([
      "2025-Q1",
      "2025-Q1",
      "2025-Q1",
      "2025-Q2",
      "2025-Q2",
      "2025-Q2",
      "2025-Q3",
      "2025-Q3",
      "2025-Q3",
      "2025-Q4",
      "2025-Q4",
      "2025-Q4",
    ]);
  });

  it("gives a month's or a quarter's first and last day, across the year's end", () => {
    const range = (k: string) => {
      const r = periodRange(k);
      return r && [formatDate(r.from), formatDate(r.to)];
    };
    expect(range("2024-02")).toEqual(["2024-02-01", "2024-02-29"]);
    expect(range("2025-12")).toEqual(["2025-12-01", "2025-12-31"]);
    expect(range("2025-01")).toEqual(["2025-01-01", "2025-01-31"]);
    expect(range("2025-Q1")).toEqual(["2025-01-01", "2025-03-31"]);
    expect(range("2025-Q2")).toEqual(["2025-04-01", "2025-06-30"]);
    expect(range("2025-Q3")).toEqual(["2025-07-01", "2025-09-30"]);
    expect(range("2025-Q4")).toEqual(["2025-10-01", "2025-12-31"]);
  });

  it("refuses keys that are neither a month nor a quarter", () => {
    for (const bad of [
      "2025-13",
      "2025-00",
      "2025-1",
      "2025-Q0",
      "2025-Q5",
      "x2025-01",
      "2025-01x",
      "25-01",
      "abcd-01",
      "2025-Q1 ",
    ])
      expect(periodRange(bad), bad).toBeNull();
  });
});
