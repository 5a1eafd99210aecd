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
