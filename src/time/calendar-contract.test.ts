import { describe, expect, it } from "vitest";
import { CalendarYearError, CN_CALENDAR, createCalendar, validateHolidayYear } from "./calendar.js";
import { parseDate } from "./date.js";
import { CN_HOLIDAYS, type HolidayYear } from "./holidays-cn.js";

// The calendar's contract beyond day arithmetic: its errors, its data checks, the years and
// sources it reports, and withYear. Written against the survivors of a mutation run on
// calendar.ts (docs/reliability.md, Mutation testing).

const year2030: HolidayYear = {
  year: 2030,
  source: "国办发明电〔2029〕1号(测试用)",
  holidays: ["2030-01-01", "2030-10-01"],
  workdays: ["2030-09-28"], // a Saturday
};

describe("calendar errors", () => {
  it("a year it has no data for is a CalendarYearError naming the year, the years covered and the fix", () => {
    let err: unknown;
    try {
      CN_CALENDAR.isWorkday("2031-03-03");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CalendarYearError);
    const e = err as CalendarYearError;
    expect(e.name).toBe("CalendarYearError");
    expect(e.year).toBe(2031);
    expect(e.message).toBe(
      `the working-day calendar does not cover 2031 (covered: ${CN_CALENDAR.years.join(", ")}); add the year's 国务院办公厅 notice with withYear()`,
    );
  });

  it("a text that is no date is a RangeError quoting it; a day number is taken as it is", () => {
    expect(() => CN_CALENDAR.isWorkday("2025-02-30")).toThrow(
      new RangeError("not a date YYYY-MM-DD: 2025-02-30"),
    );
    const monday = parseDate("2025-09-29") as number;
    expect(CN_CALENDAR.isWorkday(monday)).toBe(true);
    expect(CN_CALENDAR.isWorkday(monday - 8)).toBe(false); // 2025-09-21, a Sunday
    expect(CN_CALENDAR.isWorkday(monday - 1)).toBe(true); // 2025-09-28, a Sunday of 调休
    expect(CN_CALENDAR.isWorkday(monday + 2)).toBe(false); // 2025-10-01, 国庆
  });

  it("working days to add must be a whole number ≥ 0", () => {
    for (const n of [-1, 1.5, Number.NaN])
      expect(() => CN_CALENDAR.addWorkdays("2025-09-26", n)).toThrow(
        new RangeError(`working days must be a whole number ≥ 0: ${n}`),
      );
    expect(CN_CALENDAR.addWorkdays("2025-09-27", 0)).toBe("2025-09-27");
    expect(CN_CALENDAR.addWorkdays("2025-09-27", 0, { countStart: true })).toBe("2025-09-27");
  });
});

describe("validateHolidayYear", () => {
  it("accepts the built-in years", () => {
    for (const y of CN_HOLIDAYS) expect(validateHolidayYear(y)).toEqual([]);
    expect(validateHolidayYear(year2030)).toEqual([]);
  });

  it("names every problem of a year's data", () => {
    expect(
      validateHolidayYear({
        year: 2030,
        source: "",
        holidays: ["2030-02-30", "2029-12-31", "2030-05-01"],
        workdays: ["2030-13-01", "2031-01-04", "2030-09-30", "2030-05-01"],
      }),
    ).toEqual([
      "holiday 2030-02-30 is not a date",
      "holiday 2029-12-31 is not in 2030",
      "make-up working day 2030-13-01 is not a date",
      "make-up working day 2031-01-04 is not in 2030",
      "make-up working day 2030-09-30 is not a weekend day",
      "make-up working day 2030-05-01 is not a weekend day",
      "2030-05-01 is both a holiday and a working day",
      "year 2030 cites no source notice",
    ]);
  });

  it("createCalendar refuses bad data, saying which year and why", () => {
    expect(() => createCalendar([{ ...year2030, source: "" }])).toThrow(
      new RangeError("calendar data for 2030: year 2030 cites no source notice"),
    );
  });
});

describe("years, sources and withYear", () => {
  it("lists its years ascending whatever the order of the data, and each year's source", () => {
    const [a, b, c] = CN_HOLIDAYS.slice(-3) as [HolidayYear, HolidayYear, HolidayYear];
    const cal = createCalendar([c, a, b]);
    expect(cal.years).toEqual([a.year, b.year, c.year]);
    expect(cal.source(b.year)).toBe(b.source);
    expect(cal.source(1999)).toBeUndefined();
  });

  it("withYear adds a year, keeping the others", () => {
    const cal = CN_CALENDAR.withYear(year2030);
    expect(cal.years).toEqual([...CN_CALENDAR.years, 2030]);
    expect(cal.source(2030)).toBe(year2030.source);
    expect(cal.isWorkday("2030-10-01")).toBe(false); // a Tuesday, a holiday
    expect(cal.isWorkday("2030-09-28")).toBe(true); // a Saturday, 调休
    expect(cal.isWorkday("2025-10-01")).toBe(false);
    expect(() => CN_CALENDAR.isWorkday("2030-10-01")).toThrow(CalendarYearError);
  });

  it("withYear replaces a year's data: the new notice wins, no day of the old one stays", () => {
    const y2025 = CN_HOLIDAYS.find((y) => y.year === 2025) as HolidayYear;
    const replaced: HolidayYear = {
      ...y2025,
      source: "更正通知(测试用)",
      holidays: y2025.holidays.filter((h) => h !== "2025-10-08").concat("2025-12-31"),
    };
    const cal = CN_CALENDAR.withYear(replaced);
    expect(cal.years).toEqual(CN_CALENDAR.years);
    expect(cal.source(2025)).toBe("更正通知(测试用)");
    expect(cal.isWorkday("2025-12-31")).toBe(false);
    expect(cal.isWorkday("2025-10-08")).toBe(true);
    expect(CN_CALENDAR.isWorkday("2025-10-08")).toBe(false);
  });

  it("counts working days between two dates, with and without the first day", () => {
    // 2025-09-26 (Fri) … 2025-10-10 (Fri): 国庆 10-01…10-08 off, 09-28 and 10-11 调休.
    expect(CN_CALENDAR.workdaysBetween("2025-09-26", "2025-10-10")).toBe(5);
    expect(CN_CALENDAR.workdaysBetween("2025-09-26", "2025-10-10", { countStart: true })).toBe(6);
    expect(CN_CALENDAR.workdaysBetween("2025-09-27", "2025-09-28", { countStart: true })).toBe(1);
    expect(CN_CALENDAR.workdaysBetween("2025-10-10", "2025-09-26")).toBe(0);
  });
});
