import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

const src = files("src");
const code = (f: string) =>
  readFileSync(f, "utf8")
    .split("\n")
    .filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l))
    .join("\n");

describe("source hygiene", () => {
  it("has no eval, new Function, clock, randomness or global Decimal configuration", () => {
    for (const f of src) {
      const c = code(f);
      expect(c, f).not.toMatch(
        /\beval\s*\(|new Function\s*\(|new Date\s*\(|Math\.random\s*\(|Decimal\.(set|config)\s*\(/,
      );
      // The HTTP service reads the clock for its request time limit (H_TIMEOUT), which refuses a
      // request but never changes a result; nothing else may.
      if (!/src\/server\//.test(f)) expect(c, f).not.toMatch(/Date\.now\s*\(/);
    }
  });

  it("keeps Node APIs out of the browser-safe core (only node/, server/ and cli/ may use them)", () => {
    for (const f of src) {
      if (/src\/(node|server|cli)\//.test(f)) continue;
      const c = code(f);
      expect(c, f).not.toMatch(/from "node:|require\(|\bprocess\.|\bBuffer\b|__dirname/);
    }
  });

  it("uses no floating-point arithmetic on scores: every amount is a Decimal", () => {
    for (const f of src.filter((x) => /src\/(compile|evaluate)\//.test(x))) {
      expect(code(f), f).not.toMatch(/parseFloat|\bNumber\(|\.toNumber\(\)\s*[*/+-]/);
    }
  });
});

describe("the core runs in a browser", () => {
  it("bundles for the browser platform with no Node built-ins", async () => {
    const { build } = await import("esbuild");
    const r = await build({
      entryPoints: ["src/index.ts"],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    expect(r.errors).toEqual([]);
    const inputs = Object.keys(r.metafile?.inputs ?? {});
    expect(inputs.some((i) => i.startsWith("node:") || /(^|\/)(fs|path|os|process)$/.test(i))).toBe(
      false,
    );
    const out = r.outputFiles?.[0]?.text ?? "";
    expect(out).not.toMatch(/require\(["']node:|from ["']node:/);
  });
});
