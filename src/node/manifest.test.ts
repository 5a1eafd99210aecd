import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CN_CALENDAR } from "../time/calendar.js";
import { manifestFile, recordingCalendar, sha256File } from "./manifest.js";

describe("recordingCalendar", () => {
  it("answers as the calendar it wraps and records the years it was asked about", () => {
    const rec = recordingCalendar(CN_CALENDAR);
    expect(rec.calendar.addWorkdays("2025-09-26", 20)).toBe(
      CN_CALENDAR.addWorkdays("2025-09-26", 20),
    );
    expect(rec.years()).toEqual([2025]);
    rec.calendar.workdaysBetween("2024-12-30", "2026-01-05");
    expect(rec.years()).toEqual([2024, 2025, 2026]);
    expect(rec.calendar.isWorkday("2025-10-11")).toBe(CN_CALENDAR.isWorkday("2025-10-11"));
    expect(rec.calendar.years).toEqual(CN_CALENDAR.years);
  });

  it("records a year even when the calendar does not cover it (and still throws)", () => {
    const rec = recordingCalendar(CN_CALENDAR);
    expect(() => rec.calendar.isWorkday("1999-01-04")).toThrow();
    expect(rec.years()).toEqual([1999]);
  });
});

describe("manifest files", () => {
  it("hash the bytes, so a changed file is seen", () => {
    const dir = mkdtempSync(join(tmpdir(), "kaohe-manifest-"));
    const f = join(dir, "facts.yaml");
    writeFileSync(f, "units: []\n");
    const a = manifestFile(f);
    expect(a).toEqual({ file: f, sha256: sha256File(f) });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(f, "units: [] \n");
    expect(sha256File(f)).not.toBe(a.sha256);
  });
});
