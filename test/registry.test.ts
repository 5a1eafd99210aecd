import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLAUSE_COMPILERS, CLAUSE_WORDS } from "../src/compile/clauses/index.js";
import { CLAUSE_TYPES } from "../src/schema/ruleset.js";

// One home per clause type (issue 10: a construct registry, so far for clause types): the
// schema's union lists the types, and each must have its module, its compiler in the dispatch
// table, an effect type its explanation is rendered from, an effect test, and its place in the
// rule-language reference. Adding a clause type and forgetting one of these fails here.

const root = join(__dirname, "..");
const read = (p: string) => readFileSync(join(root, p), "utf8");
const effectTests = read("src/compile/clauses/effects.test.ts");
const docs = `${read("docs/rule-language.md")}\n${read("docs/time.md")}`;

describe("every clause type has its home", () => {
  it("the schema's types and the dispatch tables' are the same list", () => {
    expect(Object.keys(CLAUSE_COMPILERS).sort()).toEqual([...CLAUSE_TYPES].sort());
    // One renderer per clause type, which explain/ calls (describeEntry) when output is made.
    expect(Object.keys(CLAUSE_WORDS).sort()).toEqual([...CLAUSE_TYPES].sort());
  });

  for (const type of CLAUSE_TYPES) {
    it(type, () => {
      const dir = `src/constructs/${type}`;
      const Type = `${type[0]?.toUpperCase()}${type.slice(1)}`;
      const part = (file: string) => {
        expect(existsSync(join(root, dir, file)), `${dir}/${file}`).toBe(true);
        return read(`${dir}/${file}`);
      };
      // Its schema: the zod object of its type.
      expect(part("schema.ts")).toContain(`type: z.literal("${type}"),`);
      // Its lint: what its type needs beyond what all clauses share.
      expect(part("lint.ts")).toContain(`export function lint${Type}(`);
      // Its compiler, and its explanation made from its effect (no words at evaluation).
      const compile = part("compile.ts");
      expect(compile, `${dir}/compile.ts exports compile${Type}`).toContain(
        `export function compile${Type}(`,
      );
      expect(compile, `${dir}/compile.ts exports ${type}Words`).toContain(
        `export function ${type}Words(`,
      );
      expect(compile, `${dir}/compile.ts writes no words at evaluation`).not.toMatch(/detail:/);
      // Its effect: `type: "per"` (override's effect is ForcedEffect).
      expect(part("effect.ts"), `an effect type for ${type}`).toContain(`type: "${type}";`);
      // Its test, beside it, and its effect in the effect tests.
      expect(part(`${type}.test.ts`)).toContain(`type: "${type}"`);
      expect(effectTests, `an effect test for ${type}`).toContain(`type: "${type}"`);
      expect(docs, `docs for ${type}`).toMatch(new RegExp(`type: ${type}\\b`));
    });
  }
});
