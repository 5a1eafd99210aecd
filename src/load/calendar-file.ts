import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import { formatDate, parseDate, weekday, yearOf } from "../time/date.js";
import type { HolidayYear } from "../time/holidays-cn.js";
import { parseSource } from "./document.js";

const KEYS = new Set(["year", "source", "issued", "note", "holidays", "workdays"]);
const RANGE_RE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** What a calendar file gave: the years it holds, or the problems that stop it being used. */
export interface HolidayYearsFile {
  /** The years, checked; empty when there are issues. */
  years: HolidayYear[];
  /** Problems, each with file, line and column. */
  issues: KaoheIssue[];
}

const kind = (v: unknown): string =>
  v === null
    ? "空值"
    : Array.isArray(v)
      ? "列表"
      : typeof v === "object"
        ? "映射"
        : typeof v === "string"
          ? `文字 ${JSON.stringify(v)}`
          : typeof v === "number"
            ? `数字 ${v}`
            : typeof v;

/**
 * Reads one or more years of official holiday data (YAML or JSON) from a 国务院办公厅 notice:
 * a mapping `{ year, source, issued?, note?, holidays, workdays }` or a list of them. A holiday may
 * be a day or a range `FROM..TO` (both included), as notices write "2月15日至23日". Every problem
 * is an issue with a stable code and its place in the file: `E_TYPE`, `E_REQUIRED`,
 * `E_UNKNOWN_KEY` for the shape, `E_DATE` for a day that does not exist, `E_CALENDAR` for a day
 * outside its year, a make-up working day that is not a weekend day or is also a holiday, a
 * range going backwards, a year given twice, or a year citing no notice.
 *
 * @example
 * loadHolidayYears("year: 2027\nsource: 国办发明电〔2026〕N号\nholidays: [2027-01-01]\nworkdays: []\n", "2027.yaml").years[0].year
 * //=> 2027
 */
export function loadHolidayYears(text: string, file?: string): HolidayYearsFile {
  const doc = parseSource(text, file);
  if (doc.issues.length) return { years: [], issues: doc.issues };
  const issues: KaoheIssue[] = [];
  const add = (i: KaoheIssue) => issues.push(doc.locate(i));
  const data = doc.data;
  const list: unknown[] = Array.isArray(data) ? data : [data];
  const prefix = (i: number): PathSegment[] => (Array.isArray(data) ? [i] : []);
  if (list.length === 0) add(issue("E_CALENDAR", [], { detail: "文件中没有任何年份的放假安排" }));
  const years: HolidayYear[] = [];
  const seen = new Map<number, number>();
  list.forEach((entry, i) => {
    const at = prefix(i);
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      add(issue("E_TYPE", at, { expected: "映射(一年的放假安排)", received: kind(entry) }));
      return;
    }
    const o = entry as Record<string, unknown>;
    const unknown = Object.keys(o).filter((k) => !KEYS.has(k));
    const before = issues.length;
    for (const k of unknown)
      add(issue("E_UNKNOWN_KEY", [...at, k], { keys: `${k}(可用:${[...KEYS].join("、")})` }));
    const year = o.year;
    const validYear =
      typeof year === "number" && Number.isInteger(year) && year >= 1900 && year <= 9999;
    if (year === undefined) add(issue("E_REQUIRED", at, { key: "year" }));
    else if (!validYear)
      add(
        issue("E_TYPE", [...at, "year"], { expected: "年份(1900–9999)", received: String(year) }),
      );
    const source = o.source;
    if (source === undefined) add(issue("E_REQUIRED", at, { key: "source" }));
    else if (typeof source !== "string" || source.trim() === "")
      add(
        issue("E_CALENDAR", [...at, "source"], {
          detail:
            "source 须写明放假通知的文号和标题(如 国办发明电〔2026〕N号 国务院办公厅关于2027年部分节假日安排的通知)",
        }),
      );
    for (const k of ["issued", "note"] as const)
      if (o[k] !== undefined && typeof o[k] !== "string")
        add(issue("E_TYPE", [...at, k], { expected: "文字", received: kind(o[k]) }));
    if (typeof o.issued === "string" && parseDate(o.issued) === null)
      add(issue("E_DATE", [...at, "issued"], { detail: o.issued }));
    const y = validYear ? year : undefined;
    const days = (key: "holidays" | "workdays"): string[] => {
      const v = o[key];
      if (v === undefined) {
        add(issue("E_REQUIRED", at, { key }));
        return [];
      }
      if (!Array.isArray(v)) {
        add(issue("E_TYPE", [...at, key], { expected: "日期的列表", received: kind(v) }));
        return [];
      }
      const out: string[] = [];
      v.forEach((d, j) => {
        const path = [...at, key, j];
        if (typeof d !== "string") {
          add(issue("E_TYPE", path, { expected: "日期 YYYY-MM-DD", received: kind(d) }));
          return;
        }
        const range = key === "holidays" ? RANGE_RE.exec(d) : null;
        const [from, to] = range ? [range[1] as string, range[2] as string] : [d, d];
        const a = parseDate(from);
        const b = parseDate(to);
        if (a === null || b === null) {
          add(issue("E_DATE", path, { detail: a === null ? from : to }));
          return;
        }
        if (b < a) {
          add(issue("E_CALENDAR", path, { detail: `${d}:区间的结束日早于开始日` }));
          return;
        }
        if (y !== undefined && (yearOf(a) !== y || yearOf(b) !== y)) {
          add(issue("E_CALENDAR", path, { detail: `${d} 不在 ${y} 年内;每年的日子写在该年之下` }));
          return;
        }
        for (let n = a; n <= b; n++) out.push(formatDate(n));
      });
      return out;
    };
    const holidays = days("holidays");
    const workdays = days("workdays");
    const off = new Set(holidays);
    const wd = o.workdays as unknown[];
    workdays.forEach((w) => {
      const j = Array.isArray(wd) ? wd.indexOf(w) : -1;
      const path = [...at, "workdays", ...(j >= 0 ? [j] : [])];
      const n = parseDate(w) as number;
      if (weekday(n) !== 0 && weekday(n) !== 6)
        add(issue("E_CALENDAR", path, { detail: `调休上班日 ${w} 不是星期六或星期日` }));
      if (off.has(w)) add(issue("E_CALENDAR", path, { detail: `${w} 既是放假日又是调休上班日` }));
    });
    if (y !== undefined) {
      const first = seen.get(y);
      if (first !== undefined)
        add(
          issue("E_CALENDAR", [...at, "year"], {
            detail: `${y} 年已在第 ${first + 1} 项给出;每年只写一次`,
          }),
        );
      else seen.set(y, i);
    }
    if (issues.length === before && y !== undefined)
      years.push({
        year: y,
        source: source as string,
        ...(typeof o.issued === "string" ? { issued: o.issued } : {}),
        ...(typeof o.note === "string" ? { note: o.note } : {}),
        holidays,
        workdays,
      });
  });
  return issues.length ? { years: [], issues } : { years, issues };
}
