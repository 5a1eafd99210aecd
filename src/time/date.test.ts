import { describe, expect, it } from "vitest";
import {
  type AnnualDay,
  addMonths,
  addYears,
  annualDayText,
  daysFromCivil,
  formatDate,
  formatDateTime,
  monthKey,
  nextAnnualDay,
  parseAnnualDay,
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

describe("addMonths and addYears (calendar months, the month's last day when it has no such day)", () => {
  const add = (s: string, f: (d: number, n: number) => number, n: number) =>
    formatDate(f(parseDate(s) as number, n));

  it("keeps the day of the month, or takes the month's last day", () => {
    expect(add("2024-02-29", addYears, 1)).toBe("2025-02-28");
    expect(add("2024-02-29", addYears, 4)).toBe("2028-02-29");
    expect(add("2023-02-28", addYears, 1)).toBe("2024-02-28");
    expect(add("2024-01-31", addMonths, 1)).toBe("2024-02-29");
    expect(add("2025-01-31", addMonths, 1)).toBe("2025-02-28");
    expect(add("2025-03-31", addMonths, 1)).toBe("2025-04-30");
    expect(add("2025-08-31", addMonths, 6)).toBe("2026-02-28");
    expect(add("2025-11-15", addMonths, 2)).toBe("2026-01-15");
    expect(add("2025-12-31", addMonths, 1)).toBe("2026-01-31");
    expect(add("2025-03-31", addMonths, -1)).toBe("2025-02-28");
    expect(add("2025-01-15", addMonths, -1)).toBe("2024-12-15");
    expect(add("2025-05-20", addMonths, 0)).toBe("2025-05-20");
    expect(() => addMonths(0, 1.5)).toThrow(RangeError);
  });

  it("agrees with an independent computation on every day of 2023–2025, for 1–25 months", () => {
    // The oracle: Date.UTC's month overflow and day 0 (no time zone is read).
    const oracle = (day: number, n: number) => {
      const d = new Date(day * 86_400_000);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth() + n;
      const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
      return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 86_400_000;
    };
    const from = parseDate("2023-01-01") as number;
    const to = parseDate("2025-12-31") as number;
    for (let day = from; day <= to; day++)
      for (let n = 1; n <= 25; n += 4) expect(addMonths(day, n)).toBe(oracle(day, n));
  });
});

describe("annual days (每年11月30日前, 每年11月底前)", () => {
  it("reads MM-DD and MM-end, and refuses a day some year lacks", () => {
    expect(parseAnnualDay("11-30")).toEqual({ month: 11, day: 30 });
    expect(parseAnnualDay("11-end")).toEqual({ month: 11, day: "end" });
    expect(parseAnnualDay("02-28")).toEqual({ month: 2, day: 28 });
    for (const bad of ["02-29", "02-30", "04-31", "13-01", "00-10", "11-00", "1-30", "11-END", ""])
      expect(parseAnnualDay(bad), bad).toBeNull();
  });

  it("falls on the first such day on or after the event, the month's last day for end", () => {
    const next = (a: string, s: string) =>
      formatDate(nextAnnualDay(parseAnnualDay(a) as AnnualDay, parseDate(s) as number));
    expect(next("11-30", "2025-01-01")).toBe("2025-11-30");
    expect(next("11-30", "2025-11-30")).toBe("2025-11-30");
    expect(next("11-30", "2025-12-01")).toBe("2026-11-30");
    expect(next("02-end", "2024-01-10")).toBe("2024-02-29");
    expect(next("02-end", "2025-01-10")).toBe("2025-02-28");
    expect(next("02-end", "2025-03-01")).toBe("2026-02-28");
    expect(annualDayText({ month: 11, day: "end" })).toBe("11月底");
    expect(annualDayText({ month: 3, day: 5 })).toBe("3月5日");
  });
});
