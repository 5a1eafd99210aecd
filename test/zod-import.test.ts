/*
 * zod is imported as a namespace (`import * as z from "zod"`) everywhere in src/: a bundler can then
 * keep only the schema kinds the core uses. `import { z } from "zod"` binds zod's whole namespace
 * object, which drags every locale and the JSON Schema converters into a browser bundle (152 KB
 * min+gzip for validate + compile + score instead of 101; scripts/size.mjs measures it).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src", import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

describe("zod imports in src/", () => {
  it("take zod as a namespace, never its `z` object, except for types", () => {
    const bad = files(src).filter((f) =>
      /^import\s+(?!type\b)\{[^}]*\bz\b[^}]*\}\s+from\s+"zod/m.test(readFileSync(f, "utf8")),
    );
    expect(bad).toEqual([]);
  });

  it("the check itself sees the form it forbids", () => {
    const re = /^import\s+(?!type\b)\{[^}]*\bz\b[^}]*\}\s+from\s+"zod/m;
    expect(re.test('import { z } from "zod";')).toBe(true);
    expect(re.test('import * as z from "zod";')).toBe(false);
    expect(re.test('import type { z } from "zod";')).toBe(false);
  });
});
