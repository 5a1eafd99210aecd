/**
 * China's official public holidays (放假) and make-up working days (调休上班), year by year, as
 * published in the 国务院办公厅 notice on the next year's holiday arrangements. Each year cites
 * its notice. A new year's notice arrives every November: add it with `Calendar.withYear`.
 */
export interface HolidayYear {
  /** The year. */
  year: number;
  /** The notice it comes from: 文号 and title. */
  source: string;
  /** Days off that would otherwise be working days, or that fall on weekends inside a holiday. */
  holidays: readonly string[];
  /** Weekend days that are working days (调休上班). */
  workdays: readonly string[];
}

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const [, , d2] = to.split("-").map(Number) as [number, number, number];
  for (let day = d; day <= d2; day++)
    out.push(`${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
  return out;
};

export const CN_HOLIDAYS: readonly HolidayYear[] = [
  {
    year: 2008,
    source: "国办发明电〔2007〕40号 国务院办公厅关于2008年部分节假日安排的通知",
    holidays: [
      "2008-01-01",
      ...range("2008-02-06", "2008-02-12"),
      ...range("2008-04-04", "2008-04-06"),
      ...range("2008-05-01", "2008-05-03"),
      ...range("2008-06-07", "2008-06-09"),
      ...range("2008-09-13", "2008-09-15"),
      "2008-09-29",
      "2008-09-30",
      ...range("2008-10-01", "2008-10-05"),
    ],
    workdays: ["2008-02-02", "2008-02-03", "2008-05-04", "2008-09-27", "2008-09-28"],
  },
  {
    year: 2009,
    source: "国办发明电〔2008〕62号 国务院办公厅关于2009年部分节假日安排的通知",
    holidays: [
      ...range("2009-01-01", "2009-01-03"),
      ...range("2009-01-25", "2009-01-31"),
      ...range("2009-04-04", "2009-04-06"),
      ...range("2009-05-01", "2009-05-03"),
      ...range("2009-05-28", "2009-05-30"),
      ...range("2009-10-01", "2009-10-08"),
    ],
    workdays: ["2009-01-04", "2009-01-24", "2009-02-01", "2009-05-31", "2009-09-27", "2009-10-10"],
  },
  {
    year: 2024,
    source: "国办发明电〔2023〕7号 国务院办公厅关于2024年部分节假日安排的通知",
    holidays: [
      "2024-01-01",
      ...range("2024-02-10", "2024-02-17"),
      ...range("2024-04-04", "2024-04-06"),
      ...range("2024-05-01", "2024-05-05"),
      "2024-06-10",
      ...range("2024-09-15", "2024-09-17"),
      ...range("2024-10-01", "2024-10-07"),
    ],
    workdays: [
      "2024-02-04",
      "2024-02-18",
      "2024-04-07",
      "2024-04-28",
      "2024-05-11",
      "2024-09-14",
      "2024-09-29",
      "2024-10-12",
    ],
  },
  {
    year: 2025,
    source: "国办发明电〔2024〕12号 国务院办公厅关于2025年部分节假日安排的通知",
    holidays: [
      "2025-01-01",
      ...range("2025-01-28", "2025-01-31"),
      ...range("2025-02-01", "2025-02-04"),
      ...range("2025-04-04", "2025-04-06"),
      ...range("2025-05-01", "2025-05-05"),
      "2025-05-31",
      "2025-06-01",
      "2025-06-02",
      ...range("2025-10-01", "2025-10-08"),
    ],
    workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
  },
  {
    year: 2026,
    source: "国办发明电〔2025〕7号 国务院办公厅关于2026年部分节假日安排的通知",
    holidays: [
      ...range("2026-01-01", "2026-01-03"),
      ...range("2026-02-15", "2026-02-23"),
      ...range("2026-04-04", "2026-04-06"),
      ...range("2026-05-01", "2026-05-05"),
      ...range("2026-06-19", "2026-06-21"),
      ...range("2026-09-25", "2026-09-27"),
      ...range("2026-10-01", "2026-10-07"),
    ],
    workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
  },
];
