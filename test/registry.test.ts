import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLAUSE_COMPILERS, CLAUSE_WORDS } from "../src/compile/clauses/index.js";
import { CombineSchema } from "../src/constructs/combine/schema.js";
import { Gate } from "../src/constructs/gate/schema.js";
import {
  CLAUSE_TYPES,
  SECTION_CONSTRUCTS,
  type SectionConstruct,
} from "../src/constructs/names.js";
import { PeriodsSchema } from "../src/constructs/periods/schema.js";
import { Streak } from "../src/constructs/streak/schema.js";
import { Threshold } from "../src/constructs/threshold/schema.js";
import {
  ClauseSchema,
  RuleSetSchema,
  CLAUSE_TYPES as SCHEMA_TYPES,
} from "../src/schema/ruleset.js";

// One home per construct (issue 10: a construct registry, so far for clause types): the registry
// (src/constructs/names.ts) lists the names, every stage's table is keyed on it, and each name
// must have its folder with its schema, lint, compiler, effect, words and test, an effect test and
// its place in the rule-language reference. Adding a clause type and forgetting one of these fails
// here (a missing table entry already fails to build).

const root = join(__dirname, "..");
const read = (p: string) => readFileSync(join(root, p), "utf8");
const effectTests = read("src/compile/clauses/effects.test.ts");
const docs = `${read("docs/rule-language.md")}\n${read("docs/time.md")}`;

describe("every clause type has its home", () => {
  it("the schema's union is the registry's list, in its order", () => {
    expect(ClauseSchema.options.map((o) => o.shape.type.value)).toEqual([...CLAUSE_TYPES]);
    expect(SCHEMA_TYPES).toBe(CLAUSE_TYPES);
  });

  it("every folder under src/constructs/ is a registry entry, and every entry has a folder", () => {
    const dirs = readdirSync(join(root, "src/constructs")).filter((n) =>
      statSync(join(root, "src/constructs", n)).isDirectory(),
    );
    expect(dirs.sort()).toEqual([...CLAUSE_TYPES, ...SECTION_CONSTRUCTS].sort());
  });

  it("the dispatch tables hold every entry and nothing else", () => {
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

/** Each section construct's schema and the key of the rule set it is read from. */
/**
 * `effect: false`: it records no effect in the trace (a streak's flags are in the result);
 * `effects`: the types of the effects it records, when not its name alone.
 */
const SECTIONS: Record<
  SectionConstruct,
  { schema: unknown; key: string; effect?: false; effects?: readonly string[] }
> = {
  gate: { schema: Gate, key: "gates" },
  threshold: { schema: Threshold, key: "thresholds" },
  streak: { schema: Streak, key: "streaks", effect: false },
  combine: { schema: CombineSchema, key: "combine", effects: ["part", "combined"] },
  periods: { schema: PeriodsSchema, key: "periods", effects: ["period", "periods"] },
};

describe("every section construct has its home", () => {
  for (const name of SECTION_CONSTRUCTS) {
    it(name, () => {
      const dir = `src/constructs/${name}`;
      const part = (file: string) => {
        expect(existsSync(join(root, dir, file)), `${dir}/${file}`).toBe(true);
        return read(`${dir}/${file}`);
      };
      // Its schema, under its ids' doc comment, is the one the rule set reads at its key.
      expect(part("schema.ts")).toMatch(
        /\/\*\* [CTK]\d+(?:\/[CTK]\d+)*: .*? \*\/\nexport const \w+ = z/,
      );
      const { schema, key } = SECTIONS[name];
      let at = RuleSetSchema.shape[key as keyof typeof RuleSetSchema.shape] as unknown as {
        unwrap?: () => unknown;
        element?: unknown;
      };
      while (at && at !== schema && (at.unwrap || at.element))
        at = (at.unwrap?.() ?? at.element) as typeof at;
      expect(at === schema, `RuleSetSchema.${key} reads ${dir}/schema.ts`).toBe(true);
      // Its lint, its compiler and the words of its explanation, made from its effect.
      expect(part("lint.ts")).toMatch(/export function lint[A-Z]\w*\(ctx: LintContext/);
      const compile = part("compile.ts");
      expect(compile).toMatch(/export function compile[A-Z]\w*\(/);
      if (SECTIONS[name].effect === false) {
        expect(existsSync(join(root, dir, "effect.ts")), `${dir} records no effect`).toBe(false);
        expect(part(`${name}.test.ts`)).toContain(`${key}`);
      } else {
        expect(compile, `${dir}/compile.ts exports ${name}Words`).toContain(
          `export function ${name}Words(`,
        );
        const effect = part("effect.ts");
        for (const type of SECTIONS[name].effects ?? [name])
          expect(effect, `an effect type ${type} for ${name}`).toContain(`type: "${type}";`);
        expect(part(`${name}.test.ts`)).toContain(`${name}Words`);
      }
      expect(docs, `docs for ${name}`).toContain(key);
    });
  }
});
