/**
 * Calendar dates as `YYYY-MM-DD` text and whole day numbers, with no Date objects and so no time
 * zone: the same input gives the same day on every machine.
 */

/** Windows are bounded so that no input can make every unit walk centuries of days. */
export const MAX_WINDOW_DAYS = 11_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number. */
export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Parses `YYYY-MM-DD` to a day number, or null if it is not a real date. */
export function parseDate(s: string): number | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const n = daysFromCivil(y, mo, d);
  const back = civilFromDays(n);
  return back.m === mo && back.d === d ? n : null;
}

/** Parses `YYYY-MM-DDTHH:mm` (or a date, as its midnight) to minutes since 1970-01-01 00:00. */
export function parseDateTime(s: string): number | null {
  const m = DATETIME_RE.exec(s);
  if (!m) {
    const d = parseDate(s);
    return d === null ? null : d * 1440;
  }
  const day = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  if (day === null || h > 23 || mi > 59) return null;
  return day * 1440 + h * 60 + mi;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Formats a day number as `YYYY-MM-DD`. */
export function formatDate(n: number): string {
  const { y, m, d } = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Formats minutes since the epoch as `YYYY-MM-DDTHH:mm`. */
export function formatDateTime(minutes: number): string {
  const day = Math.floor(minutes / 1440);
  const rest = minutes - day * 1440;
  return `${formatDate(day)}T${pad(Math.floor(rest / 60))}:${pad(rest % 60)}`;
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** The year of a day number. */
export function yearOf(n: number): number {
  return civilFromDays(n).y;
}

/** `YYYY-MM` of a day number. */
export function monthKey(n: number): string {
  const { y, m } = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m)}`;
}

/** `YYYY-Qn` of a day number. */
export function quarterKey(n: number): string {
  const { y, m } = civilFromDays(n);
  return `${pad(y, 4)}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The first and last day of a period key, `YYYY-MM` or `YYYY-Qn`, or null if it is neither. */
export function periodRange(key: string): { from: number; to: number } | null {
  const m = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  const firstMonth = m[2] !== undefined ? Number(m[2]) : (Number(m[3]) - 1) * 3 + 1;
  const months = m[2] !== undefined ? 1 : 3;
  const from = daysFromCivil(y, firstMonth, 1);
  const next = firstMonth + months;
  const to = (next > 12 ? daysFromCivil(y + 1, next - 12, 1) : daysFromCivil(y, next, 1)) - 1;
  return { from, to };
}

/** Whether a year is a leap year (proleptic Gregorian). */
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * The day `n` calendar months after a day (n may be negative). A day that the target month does
 * not have becomes that month's last day: 2024-01-31 + 1 month is 2024-02-29, 2025-01-31 + 1
 * month is 2025-02-28. Whole day numbers only, so no time zone can move it.
 */
export function addMonths(day: number, n: number): number {
  if (!Number.isInteger(n)) throw new RangeError(`months must be a whole number: ${n}`);
  const { y, m, d } = civilFromDays(day);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return daysFromCivil(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

/**
 * The day `n` calendar years after a day: 12·n months, so 2024-02-29 + 1 year is 2025-02-28 (the
 * month's last day), and 2024-02-29 + 4 years is 2028-02-29.
 */
export function addYears(day: number, n: number): number {
  return addMonths(day, 12 * n);
}

/** A day of the year that recurs every year: month 1–12, and a day of the month or its last. */
export interface AnnualDay {
  month: number;
  /** 1–31, or "end": the month's last day (月底), so 02-end is 02-28 or 02-29. */
  day: number | "end";
}

const ANNUAL_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]|end)$/;

/**
 * Reads `MM-DD` or `MM-end` (11-30, 11-end: 每年11月底) as a recurring day of the year, or null
 * when it is not one. A day every year has: 02-29 is refused (write 02-end for 2月底).
 */
export function parseAnnualDay(s: string): AnnualDay | null {
  const m = ANNUAL_RE.exec(s);
  if (!m) return null;
  const month = Number(m[1]);
  if (m[2] === "end") return { month, day: "end" };
  const day = Number(m[2]);
  // Every year must have it: February counts 28 days.
  return day <= (month === 2 ? 28 : daysInMonth(2001, month)) ? { month, day } : null;
}

/** The day an annual day falls on in year `y`. */
export function annualDayIn(a: AnnualDay, y: number): number {
  return daysFromCivil(y, a.month, a.day === "end" ? daysInMonth(y, a.month) : a.day);
}

/**
 * The first occurrence of an annual day on or after a day: for an event of 2025-03-02 and 11-30,
 * 2025-11-30; for an event of 2025-12-05, 2026-11-30 (this year's has passed).
 */
export function nextAnnualDay(a: AnnualDay, day: number): number {
  const y = yearOf(day);
  const here = annualDayIn(a, y);
  return here >= day ? here : annualDayIn(a, y + 1);
}

/** How an annual day is said: 11月30日, or 11月底 for `end`. */
export function annualDayText(a: AnnualDay): string {
  return a.day === "end" ? `${a.month}月底` : `${a.month}月${a.day}日`;
}
