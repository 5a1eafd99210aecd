import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KaoheIssue } from "../api/kaohe.js";
import {
  detectPasteFormat,
  issueLines,
  lineCount,
  offsetOf,
  pathText,
  placeOf,
  rulesFileName,
} from "./text.js";

describe("detectPasteFormat", () => {
  it("tells the formats kaohe reads apart by their shape", () => {
    expect(detectPasteFormat("units:\n  - id: 江岸区\n")).toBe("yaml");
    expect(detectPasteFormat("# 说明\n- id: 江岸区\n  facts: {}\n")).toBe("yaml");
    expect(detectPasteFormat("---\nunits: []\n")).toBe("yaml");
    expect(detectPasteFormat('{"units":[]}')).toBe("json");
    expect(detectPasteFormat('[{"id":"A"}]')).toBe("json");
    expect(detectPasteFormat('{\n  "units": []\n}\n')).toBe("json");
    expect(detectPasteFormat('{"单位":"A"}\n{"单位":"B"}\n')).toBe("jsonl");
    expect(detectPasteFormat("\uFEFF单位,类别,得分\nA,other,3\n")).toBe("csv");
    expect(detectPasteFormat('单位,"说明: 见附件"\nA,1\n')).toBe("csv");
    expect(detectPasteFormat("")).toBe("csv");
  });

  it("reads every bundled example facts file as the format its extension says", async () => {
    const { readFileSync } = await import("node:fs");
    for (const [file, format] of [
      ["examples/hubei-2009-h1-units.yaml", "yaml"],
      ["examples/hubei-2009-h1-units.csv", "csv"],
      ["examples/hubei-2009-h1-findings.csv", "csv"],
      ["examples/zhengwu-xinxi-units.csv", "csv"],
      ["examples/zhengwu-xinxi-findings.csv", "csv"],
    ] as const)
      expect(detectPasteFormat(readFileSync(file, "utf8")), file).toBe(format);
  });
});

describe("rulesFileName", () => {
  it("names JSON text .json and anything else .yaml", () => {
    expect(rulesFileName('  {"kaohe": 1}')).toBe("rules.json");
    expect(rulesFileName("\uFEFF{}")).toBe("rules.json");
    expect(rulesFileName("kaohe: 1\n")).toBe("rules.yaml");
    expect(rulesFileName("# {not json}\n")).toBe("rules.yaml");
  });
});

describe("offsetOf and lineCount", () => {
  it("finds a line and column, 1-based, clamped to the line and the text", () => {
    const t = "ab\ncde\n\nf";
    expect(offsetOf(t, 1, 1)).toBe(0);
    expect(offsetOf(t, 2, 2)).toBe(4);
    expect(offsetOf(t, 2, 99)).toBe(6);
    expect(offsetOf(t, 3)).toBe(7);
    expect(offsetOf(t, 4, 1)).toBe(8);
    expect(offsetOf(t, 9, 1)).toBe(t.length);
    expect(offsetOf(t, 2, 0)).toBe(3);
    expect(lineCount(t)).toBe(4);
    expect(lineCount("")).toBe(1);
  });

  it("lands on the character the line and column name, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "考", "\n", " ") }), fc.nat(), (t, k) => {
        const at = k % (t.length + 1);
        const before = t.slice(0, at);
        const line = lineCount(before);
        const column = at - (before.lastIndexOf("\n") + 1) + 1;
        expect(offsetOf(t, line, column)).toBe(at);
        expect(line).toBeLessThanOrEqual(lineCount(t));
      }),
    );
  });
});

describe("placeOf, issueLines and pathText", () => {
  const base: KaoheIssue = { code: "E_REQUIRED", severity: "error", path: [], message: "m" };
  it("names where an issue is as the CLI does", () => {
    expect(placeOf({ ...base, file: "rules.yaml", line: 3, column: 5 })).toBe("rules.yaml:3:5");
    expect(placeOf({ ...base, line: 3 })).toBe("3:1");
    expect(placeOf({ ...base, file: "a.xlsx", sheet: "单位", cell: "B7" })).toBe("a.xlsx[单位]!B7");
    expect(placeOf({ ...base, file: "a.csv" })).toBe("a.csv");
    expect(placeOf(base)).toBe("");
  });
  it("lists the lines with issues once each, in order", () => {
    expect(
      issueLines([{ ...base, line: 9 }, base, { ...base, line: 2 }, { ...base, line: 9 }]),
    ).toEqual([2, 9]);
  });
  it("writes a path with dots and indexes", () => {
    expect(pathText(["tree", 2, "children", 0, "points"])).toBe("tree[2].children[0].points");
    expect(pathText([])).toBe("");
  });
});
