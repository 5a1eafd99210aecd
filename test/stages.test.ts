import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The stages of kaohe, lowest first. A module may import (values or types) only from its own
// stage or a lower one: load → compile → evaluate → cohort → explain, never back. The browser-safe
// parts (everything up to sheets) never import node or cli.
const STAGES = [
  "errors",
  "decimal",
  "time", // dates and the working-day calendar
  "schema",
  "check",
  "load", // parse, validate, lint; the input shapes (load/inputs.ts)
  "compile", // the compiled rule set and the values it computes on (compile/values.ts)
  "evaluate",
  "fast", // lean summaries: the fixed-point path, falling back to evaluate
  "cohort",
  "explain", // text and JSON of results
  "cases",
  "sheets",
  "node",
  "api", // the package entries: the public API over everything above
  "cli",
  "index",
] as const;

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });

/** Every import of one stage from a higher one: `file -> stage (specifier)`. */
function backArrows(): string[] {
  const out: string[] = [];
  for (const f of files("src").filter(
    (x) => x.endsWith(".ts") && !/\.test\.ts$|test-helpers/.test(x),
  )) {
    const stage = (f.split("/")[1] as string).replace(/\.ts$/, "");
    const from = STAGES.indexOf(stage as (typeof STAGES)[number]);
    if (from < 0) out.push(`${f}: not in a known stage`);
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)) {
      const parts = join(f, "..", m[1] as string).split("/");
      if (parts[0] !== "src") continue; // package.json
      const target = (parts[1] as string).replace(/\.(js|ts)$/, "");
      const to = STAGES.indexOf(target as (typeof STAGES)[number]);
      if (to < 0) out.push(`${f} -> ${m[1]}: not in a known stage`);
      else if (to > from) out.push(`${f} -> ${target} (${m[1]})`);
    }
  }
  return out;
}

describe("stages import in one direction", () => {
  it("no module imports from a later stage", () => {
    expect(backArrows()).toEqual([]);
  });

  it("the check sees imports and re-exports, values and types", () => {
    const text = 'import type { A } from "../cohort/types.js";\nexport { b } from "../cli/x.js";';
    const found = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(found).toEqual(["../cohort/types.js", "../cli/x.js"]);
  });
});
