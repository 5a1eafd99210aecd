/*
 * The JSON Schema descriptions of the rule language's zod schemas are left out of the built
 * library (scripts/strip-docs.mjs, run by tsup): 7.8 KB of a browser bundle's min+gzip that nothing
 * reads at run time. Here: the transform removes exactly the `.check(z.meta(…))` calls, every
 * description in src/ is of that form, the built files carry none of them, and the JSON Schema
 * (made from the source by scripts/gen-schema.mjs) still has them all.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { stripDocs } from "../scripts/strip-docs.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const walk = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : [],
  );

describe("stripDocs", () => {
  it("removes a .check whose arguments are all z.meta calls, on one line or several", () => {
    const src = [
      'const A = z.string().check(z.meta({ description: "one" }));',
      "const B = z.optional(z.number()).check(",
      "  z.meta({",
      '    description: "two (with a ) and a \\" inside)",',
      "  }),",
      ");",
      'const C = z.string().check(z.maxLength(9)).check(z.meta({ description: "three" })).check(z.meta({ description: "four" }));',
    ].join("\n");
    const r = stripDocs(src);
    expect(r.text).toBe(
      [
        "const A = z.string();",
        "const B = z.optional(z.number());",
        "const C = z.string().check(z.maxLength(9));",
      ].join("\n"),
    );
    expect(r).toMatchObject({ removed: 4, kept: 0 });
  });

  it("leaves every other check, and counts a z.meta it does not remove", () => {
    const src = [
      "const A = z.string().check(z.maxLength(200), z.regex(/\\)/));",
      'const B = z.string().check(z.maxLength(1), z.meta({ description: "mixed" }));',
      'const s = "z.meta( in a string";',
    ].join("\n");
    const r = stripDocs(src);
    expect(r.text).toBe(src);
    expect(r).toMatchObject({ removed: 0, kept: 1 });
  });
});

describe("the descriptions of src/", () => {
  const sources = walk(join(root, "src"), /(?<!\.test)\.ts$/).filter((f) =>
    readFileSync(f, "utf8").includes("z.meta("),
  );

  it("are all of the form the build removes", () => {
    expect(sources.length).toBeGreaterThan(20);
    const left = sources
      .map((f) => ({ file: relative(root, f), ...stripDocs(readFileSync(f, "utf8"), f) }))
      .filter((r) => r.kept > 0 || r.text.includes("z.meta("))
      .map((r) => r.file);
    expect(left).toEqual([]);
  });

  it("are in the JSON Schema and in none of the built files", () => {
    const zh: Record<string, string> = JSON.parse(
      readFileSync(join(root, "scripts/schema-zh.json"), "utf8"),
    );
    const schema = readFileSync(join(root, "schema/kaohe-ruleset.schema.json"), "utf8");
    // The English descriptions written in src/ (the table also holds ones gen-schema.mjs writes).
    const text = sources.map((f) => readFileSync(f, "utf8")).join("\n");
    const english = Object.keys(zh).filter((d) => text.includes(JSON.stringify(d).slice(1, -1)));
    expect(english.length).toBeGreaterThan(150);
    for (const d of english) expect(schema).toContain(JSON.stringify(`${zh[d]} ${d}`).slice(1, -1));
    const built = walk(join(root, "dist"), /\.(c|m)?js$/).map((f) => ({
      file: relative(root, f),
      text: readFileSync(f, "utf8"),
    }));
    expect(built.length).toBeGreaterThan(10);
    // Looked for by their longest plain run: a bundler may write a string with other quotes, or
    // with \u escapes for 汉字.
    const plain = (d: string) =>
      (d.match(/[A-Za-z0-9 ,.;:()-]{16,}/g) ?? []).sort((a, b) => b.length - a.length)[0];
    const runs = english.map(plain).filter((r): r is string => r !== undefined);
    expect(runs.length).toBeGreaterThan(english.length * 0.9);
    const found = runs.flatMap((r) =>
      built.filter((b) => b.text.includes(r)).map((b) => `${b.file}: ${r}`),
    );
    expect(found).toEqual([]);
  });
});
