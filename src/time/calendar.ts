import { formatDate, parseDate, weekday, yearOf } from "./date.js";
import { CN_HOLIDAYS, type HolidayYear } from "./holidays-cn.js";

/** Thrown when a date falls in a year the calendar has no official data for. */
export class CalendarYearError extends Error {
  readonly year: number;
  constructor(year: number, covered: readonly number[]) {
    super(
      `the working-day calendar does not cover ${year} (covered: ${covered.join(", ")}); add the year's 国务院办公厅 notice with withYear()`,
    );
    this.name = "CalendarYearError";
    this.year = year;
  }
}

/** A working-day calendar: weekends, official holidays and 调休 make-up working days. */
export interface Calendar {
  /** The years covered, ascending. */
  readonly years: readonly number[];
  /** The notice a year's data comes from. */
  source(year: number): string | undefined;
  /** Whether a day (a day number or `YYYY-MM-DD`) is a working day; throws for uncovered years. */
  isWorkday(day: number | string): boolean;
  /**
   * The date `n` working days after `from`. The day of the event is not counted unless
   * `countStart` is true (then it is day 1 if it is a working day).
   */
  addWorkdays(from: number | string, n: number, opts?: { countStart?: boolean }): string;
  /** Working days in (from, to], or [from, to] with `countStart`. */
  workdaysBetween(
    from: number | string,
    to: number | string,
    opts?: { countStart?: boolean },
  ): number;
  /** A calendar with a year added or replaced (the next year's notice arrives every November). */
  withYear(data: HolidayYear): Calendar;
}

function dayOf(d: number | string): number {
  if (typeof d === "number") return d;
  const n = parseDate(d);
  if (n === null) throw new RangeError(`not a date YYYY-MM-DD: ${d}`);
  return n;
}

/**
 * Checks one year's data: real dates in that year, 调休 days on weekends, no day both, a cited
 * notice (and its date, when given, a real date).
 */
export function validateHolidayYear(data: HolidayYear): string[] {
  const problems: string[] = [];
  const hol = new Set<string>();
  for (const h of data.holidays) {
    const n = parseDate(h);
    if (n === null) problems.push(`holiday ${h} is not a date`);
    else if (yearOf(n) !== data.year) problems.push(`holiday ${h} is not in ${data.year}`);
    hol.add(h);
  }
  for (const w of data.workdays) {
    const n = parseDate(w);
    if (n === null) problems.push(`make-up working day ${w} is not a date`);
    else {
      if (yearOf(n) !== data.year) problems.push(`make-up working day ${w} is not in ${data.year}`);
      const wd = weekday(n);
      if (wd !== 0 && wd !== 6) problems.push(`make-up working day ${w} is not a weekend day`);
    }
    if (hol.has(w)) problems.push(`${w} is both a holiday and a working day`);
  }
  if (!data.source) problems.push(`year ${data.year} cites no source notice`);
  if (data.issued !== undefined && parseDate(data.issued) === null)
    problems.push(`the notice date ${data.issued} is not a date`);
  return problems;
}

/**
 * Creates a working-day calendar from official data. The built-in one covers the years of
 * CN_HOLIDAYS; a date outside them is an error, never a Monday–Friday guess.
 *
 * @example
 * createCalendar().addWorkdays("2025-09-26", 20)
 * //=> "2025-10-30"
 */
export function createCalendar(data: readonly HolidayYear[] = CN_HOLIDAYS): Calendar {
  const byYear = new Map<number, HolidayYear>();
  for (const y of data) {
    const problems = validateHolidayYear(y);
    if (problems.length)
      throw new RangeError(`calendar data for ${y.year}: ${problems.join("; ")}`);
    byYear.set(y.year, y);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  for (const y of byYear.values()) {
    for (const h of y.holidays) holidays.add(parseDate(h) as number);
    for (const w of y.workdays) workdays.add(parseDate(w) as number);
  }
  const isWork = (n: number): boolean => {
    const y = yearOf(n);
    if (!byYear.has(y)) throw new CalendarYearError(y, years);
    if (workdays.has(n)) return true;
    if (holidays.has(n)) return false;
    const wd = weekday(n);
    return wd !== 0 && wd !== 6;
  };
  // Due dates repeat across units (the same event days): remember them.
  const dueCache = new Map<string, string>();
  const cal: Calendar = {
    years,
    source: (y) => byYear.get(y)?.source,
    isWorkday: (d) => isWork(dayOf(d)),
    addWorkdays(from, n, opts = {}) {
      if (!Number.isInteger(n) || n < 0)
        throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
      const key = `${from}|${n}|${opts.countStart === true}`;
      const hit = dueCache.get(key);
      if (hit !== undefined) return hit;
      let day = dayOf(from);
      let left = n;
      if (opts.countStart && left > 0 && isWork(day)) left--;
      while (left > 0) {
        day++;
        if (isWork(day)) left--;
      }
      const due = formatDate(day);
      dueCache.set(key, due);
      return due;
    },
    workdaysBetween(from, to, opts = {}) {
      const a = dayOf(from);
      const b = dayOf(to);
      let n = 0;
      for (let d = opts.countStart ? a : a + 1; d <= b; d++) if (isWork(d)) n++;
      return n;
    },
    withYear: (y) => createCalendar([...[...byYear.values()].filter((x) => x.year !== y.year), y]),
  };
  return cal;
}

/** The built-in calendar of China's official holidays. */
export const CN_CALENDAR: Calendar = createCalendar();
