/*
 * zod is imported as a namespace everywhere in src/: `import * as z from "zod/mini"` in the rule
 * language's schemas (src/schema, src/constructs/*\/schema.ts, src/load), which the browser core
 * reaches, and `import * as z from "zod"` (the classic API) only where the core never goes
 * (src/server). A bundler then keeps only the schema kinds and checks used. `import { z } from "zod"` binds zod's whole namespace
 * object, which drags every locale and the JSON Schema converters into a browser bundle (152 KB
 * min+gzip for validate + compile + score instead of 101; scripts/size.mjs measures it).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
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

  it("what the browser core reaches uses zod/mini, never the classic API", () => {
    // The classic API carries every method and its JSON Schema converter on every schema kind:
    // 29 KB min+gzip against zod/mini's 9 for the same schemas (docs/performance.md).
    const core = files(src).filter(
      (f) =>
        !f.endsWith(".test.ts") &&
        // Matched on the path inside src/: the clone itself may sit under a folder named check/.
        /^(schema|constructs|load|check|compile|evaluate)[\\/]/.test(relative(src, f)) &&
        /from\s+"zod"/.test(readFileSync(f, "utf8")),
    );
    expect(core).toEqual([]);
    const mini = files(src).filter((f) =>
      /^import \* as z from "zod\/mini";$/m.test(readFileSync(f, "utf8")),
    );
    expect(mini.length).toBeGreaterThan(20);
  });

  it("the check itself sees the form it forbids", () => {
    const re = /^import\s+(?!type\b)\{[^}]*\bz\b[^}]*\}\s+from\s+"zod/m;
    expect(re.test('import { z } from "zod";')).toBe(true);
    expect(re.test('import * as z from "zod";')).toBe(false);
    expect(re.test('import type { z } from "zod";')).toBe(false);
    expect(re.test('import { z } from "zod/mini";')).toBe(true);
    expect(re.test('import * as z from "zod/mini";')).toBe(false);
  });
});
