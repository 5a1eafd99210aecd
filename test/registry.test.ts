import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLAUSE_COMPILERS, CLAUSE_WORDS } from "../src/compile/clauses/index.js";
import { CohortFactSchema } from "../src/constructs/cohort-fact/schema.js";
import { CombineSchema } from "../src/constructs/combine/schema.js";
import { Comparison } from "../src/constructs/comparison/schema.js";
import { Convert } from "../src/constructs/convert/schema.js";
import { Gate } from "../src/constructs/gate/schema.js";
import { Linked } from "../src/constructs/linked/schema.js";
import {
  CLAUSE_TYPES,
  COHORT_PARTS,
  type CohortPart,
  SECTION_CONSTRUCTS,
  type SectionConstruct,
} from "../src/constructs/names.js";
import { PeriodsSchema } from "../src/constructs/periods/schema.js";
import { Quota } from "../src/constructs/quota/schema.js";
import { RankOutcome } from "../src/constructs/rank-outcome/schema.js";
import { Ranking } from "../src/constructs/ranking/schema.js";
import { RescaleSchema } from "../src/constructs/rescale/schema.js";
import { Statistics } from "../src/constructs/statistics/schema.js";
import { Streak } from "../src/constructs/streak/schema.js";
import { Threshold } from "../src/constructs/threshold/schema.js";
import {
  ClauseSchema,
  CohortSchema,
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
const cohortDocs = read("docs/cohort.md");

describe("every clause type has its home", () => {
  it("the schema's union is the registry's list, in its order", () => {
    expect(ClauseSchema.def.options.map((o) => o.shape.type.def.values[0])).toEqual([
      ...CLAUSE_TYPES,
    ]);
    expect(SCHEMA_TYPES).toBe(CLAUSE_TYPES);
  });

  it("every folder under src/constructs/ is a registry entry, and every entry has a folder", () => {
    const dirs = readdirSync(join(root, "src/constructs")).filter((n) =>
      statSync(join(root, "src/constructs", n)).isDirectory(),
    );
    expect(dirs.sort()).toEqual([...CLAUSE_TYPES, ...SECTION_CONSTRUCTS, ...COHORT_PARTS].sort());
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

/** The schema `at` unwraps to (optional, array, …), or null when `schema` is not inside it. */
function reads(at: unknown, schema: unknown): boolean {
  // Through optional (def.innerType) and array (def.element) wrappers, as zod/mini builds them.
  type Wrapper = { def?: { innerType?: unknown; element?: unknown } };
  let x = at as Wrapper | undefined;
  while (x && x !== schema && (x.def?.innerType || x.def?.element))
    x = (x.def.innerType ?? x.def.element) as Wrapper;
  return x === schema;
}

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
  rescale: { schema: RescaleSchema, key: "rescale", effects: ["rescale-total"] },
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
      const at = RuleSetSchema.shape[key as keyof typeof RuleSetSchema.shape];
      expect(reads(at, schema), `RuleSetSchema.${key} reads ${dir}/schema.ts`).toBe(true);
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

/**
 * Each part of the cohort section: its schema, the key of the section it is read at, and what its
 * folder has. `lint: false`: nothing to check beyond the schema (K3 statistics); `effects`: the
 * types of the effects it records as data, each with the words made from it (none: a rank, a flag
 * or a figure of the unit's place in the cohort, not an effect).
 */
const COHORT: Record<
  CohortPart,
  { schema: unknown; key: string; lint?: false; effects?: readonly string[] }
> = {
  ranking: { schema: Ranking, key: "ranking" },
  "rank-outcome": { schema: RankOutcome, key: "outcomes" },
  quota: { schema: Quota, key: "quotas", effects: ["quota"] },
  statistics: { schema: Statistics, key: "statistics", lint: false },
  "cohort-fact": { schema: CohortFactSchema, key: "facts", effects: ["item-share", "mean"] },
  linked: { schema: Linked, key: "linked", effects: ["linked"] },
  convert: { schema: Convert, key: "convert" },
  comparison: { schema: Comparison, key: "comparison" },
};

/** A name as an identifier: rank-outcome → rankOutcome. */
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe("every part of the cohort section has its home", () => {
  it("the cohort section is the registry's parts at their keys, in its order", () => {
    expect(Object.keys(CohortSchema.shape)).toEqual(COHORT_PARTS.map((p) => COHORT[p].key));
  });

  for (const name of COHORT_PARTS) {
    it(name, () => {
      const dir = `src/constructs/${name}`;
      const has = (file: string) => existsSync(join(root, dir, file));
      const part = (file: string) => {
        expect(has(file), `${dir}/${file}`).toBe(true);
        return read(`${dir}/${file}`);
      };
      const { schema, key, effects } = COHORT[name];
      // Its schema, under its id's doc comment, is the one the cohort section reads at its key.
      expect(part("schema.ts")).toMatch(/\/\*\* K\d+: .*? \*\/\nexport const \w+ = z/);
      const at = CohortSchema.shape[key as keyof typeof CohortSchema.shape];
      expect(reads(at, schema), `cohort.${key} reads ${dir}/schema.ts`).toBe(true);
      // Its lint, called from src/check/lint-cohort.ts.
      if (COHORT[name].lint === false)
        expect(has("lint.ts"), `${dir} has nothing to lint`).toBe(false);
      else {
        const lints = [
          ...part("lint.ts").matchAll(/export function (lint[A-Z]\w*)\(ctx: LintContext/g),
        ].map((m) => m[1]);
        expect(lints.length, `${dir}/lint.ts exports its lint`).toBeGreaterThan(0);
        for (const fn of lints)
          expect(read("src/check/lint-cohort.ts"), `lint-cohort.ts calls ${fn}`).toContain(
            `  ${fn},`,
          );
      }
      // Its compiled form, and the words of its effect when it records one.
      const compile = part("compile.ts");
      expect(compile).toContain(`export function compile${camel(`-${name}`)}(`);
      // Called (or mapped over the part's list) where the cohort section is compiled.
      expect(read("src/compile/cohort.ts")).toMatch(new RegExp(`compile${camel(`-${name}`)}[()]`));
      const test = part(`${name}.test.ts`);
      if (!effects) {
        expect(has("effect.ts"), `${dir} records no effect`).toBe(false);
        expect(compile).not.toMatch(/export function \w+Words\(/);
        expect(test).toContain(key);
      } else {
        expect(compile, `${dir}/compile.ts exports ${camel(name)}Words`).toContain(
          `export function ${camel(name)}Words(`,
        );
        const effect = part("effect.ts");
        for (const type of effects)
          expect(effect, `an effect type ${type} for ${name}`).toContain(`type: "${type}";`);
        expect(test).toContain(`${camel(name)}Words`);
      }
      expect(cohortDocs, `docs for ${name}`).toContain(`${key}:`);
    });
  }
});
