import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { KaoheIssue } from "../errors/issue.js";

// The engine's warnings (F_RATE_SCALE…) and the facts file's locate() are stood in for here, so
// that what the CLI does with them is tested however and whenever the engine provides them.
const seen: { strict?: boolean; warn: boolean } = { warn: false };

vi.mock("../cohort/cohort.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../cohort/cohort.js")>();
  return {
    ...real,
    scoreCohortLazily: (...args: Parameters<typeof real.scoreCohortLazily>) => {
      const options = args[2] as { strict?: boolean };
      seen.strict = options.strict;
      const r = real.scoreCohortLazily(...args);
      if (!seen.warn) return r;
      const warning: KaoheIssue & { unit: string } = {
        code: "F_FACT_RANGE" as KaoheIssue["code"],
        severity: "warning",
        path: ["facts", "realname_rate_admin"],
        message: "0.875 looks like a share; a rate is in percent",
        unit: "A",
      };
      return { ...r, warnings: [warning] };
    },
  };
});

vi.mock("../node/index.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../node/index.js")>();
  return {
    ...real,
    loadUnitsFile: (path: string, name?: string) => ({
      ...real.loadUnitsFile(path, name),
      locate: (unitId: string, i: KaoheIssue): KaoheIssue => ({
        ...i,
        file: name ?? path,
        line: 40 + unitId.length,
        column: 7,
      }),
    }),
  };
});

// Imported after the mocks above are in place.
const { capture } = await import("../../test/cli.js");

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const dir = mkdtempSync(join(tmpdir(), "kaohe-cli-warn-"));

describe("kaohe score: warnings, --strict and places in the facts file", () => {
  it("prints the engine's warnings placed in the facts file; --strict passes strict and exits 1", () => {
    seen.warn = true;
    const args = ["score", "--rules", RULES, "--facts", "examples/hubei-2009-h1-units.yaml"];
    const plain = capture([...args, "--no-trace"]);
    expect(seen.strict).toBeUndefined();
    expect(plain.code).toBe(0);
    // (formatIssue may name the unit, 【A】.)
    expect(plain.err).toMatch(
      /^examples\/hubei-2009-h1-units\.yaml:41:7: warning F_FACT_RANGE (【A】)?0\.875 looks like a share; a rate is in percent \(at facts\.realname_rate_admin\)$/,
    );
    const strict = capture([...args, "--no-trace", "--strict"]);
    expect(seen.strict).toBe(true);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain("warning F_FACT_RANGE");
    seen.warn = false;
    expect(capture([...args, "--strict"]).code).toBe(0);
  });

  it("gives a unit's issues their file, line and column, in the text and in the JSON", () => {
    const facts = join(dir, "facts.yaml");
    writeFileSync(facts, "units:\n  - id: AB\n    category: other\n    facts: {}\n");
    const text = capture(["score", "--rules", RULES, "--facts", facts, "--format", "text"]);
    expect(text.code).toBe(1);
    expect(text.out).toContain(`${facts}:42:7: error F_MISSING_FACT`);
    const json = JSON.parse(capture(["score", "--rules", RULES, "--facts", facts]).out);
    expect(json.units[0].ok).toBe(false);
    expect(json.units[0].issues[0]).toMatchObject({
      code: "F_MISSING_FACT",
      file: facts,
      line: 42,
      column: 7,
    });
  });
});
