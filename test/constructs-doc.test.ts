/*
 * docs/constructs.md, the index of the constructs, is generated from src/constructs/ (the
 * registry, each construct's schema comment, its files) and the reference's headings by
 * scripts/gen-constructs.mjs: it fails here when it is stale, until `npm run docs:constructs`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLAUSE_TYPES, COHORT_PARTS, SECTION_CONSTRUCTS } from "../src/constructs/names.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const check = () =>
  spawnSync(process.execPath, ["scripts/gen-constructs.mjs", "--check"], {
    cwd: root,
    encoding: "utf8",
  });

describe("docs/constructs.md", () => {
  it("is the one the registry generates", () => {
    const r = check();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("has a row for every registry entry, in its order, with its folder and a reference link", () => {
    const rows = readFileSync(`${root}docs/constructs.md`, "utf8")
      .split("\n")
      .filter((l) => /^\| `[a-z][a-z-]*` \| [CTK]\d/.test(l));
    const names = [...CLAUSE_TYPES, ...SECTION_CONSTRUCTS, ...COHORT_PARTS];
    expect(rows.map((l) => /^\| `([a-z][a-z-]*)`/.exec(l)?.[1])).toEqual(names);
    for (const [i, t] of names.entries()) {
      expect(rows[i]).toContain(`[\`src/constructs/${t}/\`](../src/constructs/${t}/)`);
      expect(rows[i]).toMatch(/\]\((rule-language|time|cohort)\.md#[^)]+\)/);
    }
  });
});
