import { describe, expect, it } from "vitest";
import { CalendarYearError, CN_CALENDAR } from "../time/calendar.js";
import { loadHolidayYears } from "./calendar-file.js";

// A made-up year for the tests (2027's notice is not out): the days are real weekdays and weekends.
const Y2027 = `year: 2027
source: 国办发明电〔2026〕N号 国务院办公厅关于2027年部分节假日安排的通知(测试数据)
issued: 2026-11-01
holidays:
  - 2027-01-01
  - 2027-02-05..2027-02-11
workdays: [2027-02-13]
`;

const at = (r: ReturnType<typeof loadHolidayYears>) =>
  r.issues.map((i) => `${i.line}:${i.column} ${i.code} ${i.path.join(".")}`);

describe("loadHolidayYears", () => {
  it("reads a year from a notice, ranges included, and the calendar takes it", () => {
    const r = loadHolidayYears(Y2027, "2027.yaml");
    expect(r.issues).toEqual([]);
    const [y] = r.years;
    expect(y?.holidays).toEqual([
      "2027-01-01",
      "2027-02-05",
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
      "2027-02-09",
      "2027-02-10",
      "2027-02-11",
    ]);
    expect(y?.issued).toBe("2026-11-01");
    const cal = CN_CALENDAR.withYear(y as never);
    // 2026-12-31 (Thu) + 1 working day: 2027-01-01 is a holiday → 2027-01-04 (Mon).
    expect(cal.addWorkdays("2026-12-31", 1)).toBe("2027-01-04");
    expect(cal.isWorkday("2027-02-13")).toBe(true); // a Saturday of 调休
    expect(cal.isWorkday("2027-02-08")).toBe(false);
    expect(() => CN_CALENDAR.addWorkdays("2026-12-31", 1)).toThrow(CalendarYearError);
  });

  it("reads a list of years (JSON too)", () => {
    const json = JSON.stringify([
      { year: 2027, source: "通知甲", holidays: ["2027-01-01"], workdays: [] },
      { year: 2028, source: "通知乙", holidays: [], workdays: [] },
    ]);
    expect(loadHolidayYears(json, "c.json").years.map((y) => y.year)).toEqual([2027, 2028]);
  });

  it("refuses what is not a year of a notice, with a code and file:line:column for each problem", () => {
    const r = loadHolidayYears(
      `year: 2027
source: ""
holidays:
  - 2027-02-30
  - 2026-12-31
  - 2027-02-11..2027-02-05
workdays:
  - 2027-02-10
  - 2027-01-01
  - 2027-01-02
extra: 1
`,
      "bad.yaml",
    );
    expect(r.years).toEqual([]);
    expect(r.issues.every((i) => i.file === "bad.yaml")).toBe(true);
    expect(at(r)).toEqual([
      "11:8 E_UNKNOWN_KEY extra",
      "2:9 E_CALENDAR source",
      "4:5 E_DATE holidays.0",
      "5:5 E_CALENDAR holidays.1",
      "6:5 E_CALENDAR holidays.2",
      "8:5 E_CALENDAR workdays.0",
      "9:5 E_CALENDAR workdays.1",
    ]);
    expect(r.issues[5]?.message).toBe("放假安排数据有误:调休上班日 2027-02-10 不是星期六或星期日");
    // 2027-01-01 is a Friday: not a weekend day (the first problem found for it).
    expect(r.issues[6]?.message).toContain("2027-01-01 不是星期六或星期日");
  });

  it("refuses a make-up day that is also a holiday, a year twice, missing fields and wrong types", () => {
    const both = loadHolidayYears(
      "year: 2027\nsource: s\nholidays: [2027-01-02]\nworkdays: [2027-01-02]\n",
      "b.yaml",
    );
    expect(both.issues.map((i) => i.message)).toEqual([
      "放假安排数据有误:2027-01-02 既是放假日又是调休上班日",
    ]);
    const twice = loadHolidayYears(
      "- { year: 2027, source: s, holidays: [], workdays: [] }\n- { year: 2027, source: t, holidays: [], workdays: [] }\n",
      "t.yaml",
    );
    expect(at(twice)).toEqual(["2:11 E_CALENDAR 1.year"]);
    const shape = loadHolidayYears("- 3\n- { year: twenty, holidays: x }\n", "s.yaml");
    expect(shape.issues.map((i) => `${i.code} ${i.path.join(".")}`)).toEqual([
      "E_TYPE 0",
      "E_TYPE 1.year",
      "E_REQUIRED 1",
      "E_TYPE 1.holidays",
      "E_REQUIRED 1",
    ]);
    expect(loadHolidayYears("[]", "e.yaml").issues.map((i) => i.code)).toEqual(["E_CALENDAR"]);
    expect(loadHolidayYears("year: [", "x.yaml").issues.map((i) => i.code)).toEqual(["E_SYNTAX"]);
  });
});
