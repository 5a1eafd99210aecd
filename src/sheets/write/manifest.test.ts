import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.js";
import { MANIFEST_SHEET, manifestTable, type RunManifest } from "./manifest.js";

const m: RunManifest = {
  kaohe: "0.1.0",
  ruleSet: { id: "x/y", edition: "2025", file: "a.yaml", sha256: "aa" },
  rules: [
    { file: "a.yaml", sha256: "aa" },
    { file: "b.yaml", sha256: "bb" },
  ],
  params: [],
  facts: [{ file: "=facts.csv", sha256: "ff" }],
  previous: { file: "prev.json", sha256: "pp" },
  options: { asOf: "2025-06-30", window: null, period: "2025-03-01", strict: true, trace: true },
  calendarYears: [2024, 2025],
};

describe("manifestTable", () => {
  const t = manifestTable(m);
  const byKey = new Map(t.rows.map((r) => [r[1], r]));

  it("is the sheet 运行清单 with key/value rows and a SHA-256 for each file", () => {
    expect(t.name).toBe(MANIFEST_SHEET);
    expect(t.columns.map((c) => c.header)).toEqual(["项目", "键", "值", "SHA-256"]);
    expect(byKey.get("kaohe")?.[2]).toBe("0.1.0");
    expect(byKey.get("ruleSet.edition")?.[2]).toBe("2025");
    expect(byKey.get("rules[1]")?.slice(2)).toEqual(["b.yaml", "bb"]);
    expect(byKey.get("params")?.[2]).toBe("无");
    expect(byKey.get("previous")?.slice(2)).toEqual(["prev.json", "pp"]);
    expect(byKey.get("options.window")?.[2]).toBe("无");
    expect(byKey.get("options.strict")?.[2]).toBe("是");
    expect(byKey.get("calendarYears")?.[2]).toBe("2024、2025");
  });

  it("ends with the manifest as JSON, which reads back to the same object", () => {
    const last = t.rows.at(-1) as (string | null)[];
    expect(last[1]).toBe("manifest");
    expect(JSON.parse(last[2] as string)).toEqual(m);
  });

  it("is neutralised like every written text cell", () => {
    expect(toCsv(t)).toContain("'=facts.csv");
  });
});
