/**
 * The run manifest: what a result was computed from, so that it can be checked later — what an
 * office needs when a unit appeals its score. Node-only (it hashes files).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ManifestFile } from "../sheets/write/manifest.js";
import type { Calendar } from "../time/calendar.js";
import { parseDate, yearOf } from "../time/date.js";

export type { ManifestFile, RunManifest } from "../sheets/write/manifest.js";

/** The SHA-256 of a file's bytes, in hex. */
export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** A file of the manifest: its path as given and its hash. */
export function manifestFile(path: string): ManifestFile {
  return { file: path, sha256: sha256File(path) };
}

/**
 * Wraps a calendar so that the years it is asked about are recorded. Results do not change: every
 * call goes to the wrapped calendar.
 *
 * @example
 * const rec = recordingCalendar(CN_CALENDAR);
 * rec.calendar.addWorkdays("2025-09-26", 20); //=> "2025-10-30"
 * rec.years(); //=> [2025]
 */
export function recordingCalendar(cal: Calendar): { calendar: Calendar; years(): number[] } {
  const seen = new Set<number>();
  const note = (d: number | string) => {
    const n = typeof d === "number" ? d : parseDate(d);
    if (n !== null) seen.add(yearOf(n));
  };
  const span = (a: number | string, b: number | string) => {
    const x = typeof a === "number" ? a : parseDate(a);
    const y = typeof b === "number" ? b : parseDate(b);
    if (x === null || y === null) return;
    for (let year = yearOf(Math.min(x, y)); year <= yearOf(Math.max(x, y)); year++) seen.add(year);
  };
  const wrap = (c: Calendar): Calendar => ({
    years: c.years,
    source: (y) => c.source(y),
    isWorkday(d) {
      note(d);
      return c.isWorkday(d);
    },
    addWorkdays(from, n, opts) {
      note(from);
      const due = c.addWorkdays(from, n, opts);
      span(from, due);
      return due;
    },
    workdaysBetween(from, to, opts) {
      span(from, to);
      return c.workdaysBetween(from, to, opts);
    },
    withYear: (y) => wrap(c.withYear(y)),
  });
  return { calendar: wrap(cal), years: () => [...seen].sort((a, b) => a - b) };
}
