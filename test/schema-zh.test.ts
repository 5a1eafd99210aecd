/*
 * The rule-language JSON Schema describes every field in Chinese and English (issue 12: 3).
 * scripts/gen-schema.mjs turns each English `.meta` description D of the zod schemas into
 * `<Chinese> D` from the table scripts/schema-zh.json, and stops the build on a description the
 * table lacks. Here: every description of the shipped schema has Chinese and its English original,
 * and the table holds no entry that no description uses any more (a field renamed or reworded
 * leaves one behind).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const schema = JSON.parse(readFileSync(join(root, "schema/kaohe-ruleset.schema.json"), "utf8"));
const zh: Record<string, string> = JSON.parse(
  readFileSync(join(root, "scripts/schema-zh.json"), "utf8"),
);
const HAN = /\p{Script=Han}/u;

/** Every `description` text of a JSON Schema (not a property that happens to be named so). */
const descriptions = (s: unknown, out: string[] = []): string[] => {
  if (Array.isArray(s)) for (const x of s) descriptions(x, out);
  else if (s && typeof s === "object")
    for (const [k, v] of Object.entries(s))
      if (k === "description" && typeof v === "string") out.push(v);
      else descriptions(v, out);
  return out;
};
const all = descriptions(schema);

describe("the rule-set JSON Schema in Chinese and English", () => {
  it("has descriptions", () => {
    expect(new Set(all).size).toBeGreaterThan(150);
  });

  it("gives every description in Chinese, then its English original", () => {
    const english = (d: string) => Object.keys(zh).find((en) => d === `${zh[en]} ${en}`);
    const bad = [...new Set(all)].filter((d) => {
      const en = english(d);
      return !HAN.test(d) || !en || !d.endsWith(en) || !HAN.test(d.slice(0, d.length - en.length));
    });
    expect(bad).toEqual([]);
  });

  it("has a Chinese text for every entry of the table", () => {
    expect(Object.entries(zh).filter(([, c]) => !HAN.test(c))).toEqual([]);
  });

  it("has no stale entry in scripts/schema-zh.json", () => {
    const used = new Set(all);
    const stale = Object.keys(zh).filter((en) => !used.has(`${zh[en]} ${en}`));
    expect(stale).toEqual([]);
  });
});
