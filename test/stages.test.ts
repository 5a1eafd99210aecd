import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The stages of kaohe, lowest first. A module may import (values or types) only from its own
// stage or a lower one: load → compile → evaluate → cohort → explain, never back. The browser-safe
// parts (everything up to sheets) never import node or cli.
const STAGES = [
  "registry", // src/constructs/names.ts: the constructs' names, nothing else
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
  "report", // 明细表, rule-set diffs and other reports people read: browser-safe, after explain and sheets
  "node",
  "api", // the package entries: the public API over everything above
  "playground", // dist/playground.html's browser code, over the public API (issue 13: 5)
  "server", // kaohe serve and kaohe/server: the HTTP service, its own entry apart from the core
  "cli",
  "index",
] as const;

/**
 * A construct's folder (src/constructs/<name>/) holds one file per stage, and each file counts as
 * the stage its name says: its schema with the schema, its lint with check, its compiler, effect
 * and words with compile.
 */
const CONSTRUCT_FILES: Readonly<Record<string, (typeof STAGES)[number]>> = {
  "schema.ts": "schema",
  "lint.ts": "check",
  "compile.ts": "compile",
  "effect.ts": "compile",
  "words.ts": "compile",
};

/** The stage of a module, from its path under src/ (`src/check/lint.ts` → check). */
function stageOf(parts: readonly string[]): string {
  const top = (parts[1] ?? "").replace(/\.(js|ts)$/, "");
  if (top !== "constructs") return top;
  if (parts.length === 3) return parts[2]?.replace(/\.js$/, ".ts") === "names.ts" ? "registry" : "";
  const file = (parts[parts.length - 1] ?? "").replace(/\.js$/, ".ts");
  return parts.length === 4 ? (CONSTRUCT_FILES[file] ?? "") : "";
}

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });

/** The imports of one module from a higher stage: `file -> stage (specifier)`. */
function arrowsBack(f: string, text: string): string[] {
  const out: string[] = [];
  const from = STAGES.indexOf(stageOf(f.split("/")) as (typeof STAGES)[number]);
  if (from < 0) out.push(`${f}: not in a known stage`);
  for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)) {
    const parts = join(f, "..", m[1] as string).split("/");
    if (parts[0] !== "src") continue; // package.json
    const target = stageOf(parts);
    const to = STAGES.indexOf(target as (typeof STAGES)[number]);
    if (to < 0) out.push(`${f} -> ${m[1]}: not in a known stage`);
    else if (to > from) out.push(`${f} -> ${target} (${m[1]})`);
  }
  return out;
}

/** Every import of one stage from a higher one, in src/. */
const backArrows = (): string[] =>
  files("src")
    .filter((x) => x.endsWith(".ts") && !/\.test\.ts$|test-helpers/.test(x))
    .flatMap((f) => arrowsBack(f, readFileSync(f, "utf8")));

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

  it("a construct's files count as the stage their names say", () => {
    expect(stageOf(["src", "constructs", "names.ts"])).toBe("registry");
    expect(stageOf(["src", "constructs", "step", "schema.ts"])).toBe("schema");
    expect(stageOf(["src", "constructs", "step", "lint.js"])).toBe("check");
    expect(stageOf(["src", "constructs", "step", "compile.js"])).toBe("compile");
    expect(stageOf(["src", "constructs", "step", "effect.ts"])).toBe("compile");
    expect(stageOf(["src", "constructs", "step", "words.ts"])).toBe("compile");
    // Any other file in a construct's folder has no stage, and is reported.
    expect(stageOf(["src", "constructs", "step", "helpers.ts"])).toBe("");
    expect(stageOf(["src", "compile", "clause.js"])).toBe("compile");
  });

  it("a construct's lint importing its compiler is an arrow back; its compiler its schema is not", () => {
    expect(
      arrowsBack("src/constructs/per/lint.ts", 'import { compilePer } from "./compile.js";'),
    ).toEqual(["src/constructs/per/lint.ts -> compile (./compile.js)"]);
    expect(
      arrowsBack("src/constructs/per/compile.ts", 'import type { PerClause } from "./schema.js";'),
    ).toEqual([]);
    expect(
      arrowsBack("src/constructs/per/schema.ts", 'import { x } from "../step/lint.js";'),
    ).toEqual(["src/constructs/per/schema.ts -> check (../step/lint.js)"]);
    expect(arrowsBack("src/constructs/per/extra.ts", "")).toEqual([
      "src/constructs/per/extra.ts: not in a known stage",
    ]);
  });
});
