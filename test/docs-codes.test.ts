import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../src/errors/codes.js";

describe("docs/errors.md", () => {
  const doc = readFileSync("docs/errors.md", "utf8");
  it("has a section for every issue code", () => {
    const missing = Object.keys(MESSAGES).filter((c) => !doc.includes(`### \`${c}\``));
    expect(missing).toEqual([]);
  });
  it("documents no code that does not exist", () => {
    const documented = [...doc.matchAll(/^### `([A-Z]_[A-Z0-9_]+)`/gm)].map((m) => m[1] as string);
    expect(documented.filter((c) => !(c in MESSAGES))).toEqual([]);
  });
});
