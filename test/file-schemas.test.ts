/*
 * The JSON Schemas kaohe ships (issue 12: 3), checked with a JSON Schema validator (ajv, draft
 * 2020-12) against the files they describe:
 * - schema/kaohe-ruleset.schema.json accepts every bundled rule file, templates included (a
 *   `{ param: … }` stands wherever the parameters file gives a value), and refuses malformed ones;
 * - the facts schema of each bundled rule set (`kaohe schema --facts`) agrees with kaohe on every
 *   unit of every bundled case: a unit the schema accepts passes kaohe's fact checks, and a unit
 *   kaohe accepts passes the schema.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CASE_KEYS, EXPECT_KEYS, parseCases } from "../src/cases/runner.js";
import type { CompiledRuleSet } from "../src/compile/compile.js";
import { scoreUnit } from "../src/evaluate/evaluate.js";
import {
  FINDING_SCHEMA_KEYS,
  factsSchemaOf,
  KAOHE_FINDING_KEYS,
} from "../src/explain/facts-schema.js";
import { PARAM_FILE_KEYS } from "../src/load/params.js";
import { UNIT_KEYS } from "../src/load/units.js";
import { compileRuleSetFile } from "../src/node/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const ruleSetSchema = ajv.compile(
  JSON.parse(readFileSync(join(root, "schema/kaohe-ruleset.schema.json"), "utf8")),
);

const walk = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
  );
const ruleFiles = [...walk("rules"), ...walk("test/cohort-sets")].filter((f) =>
  f.endsWith("/rules.yaml"),
);

describe("the rule-set JSON Schema", () => {
  it.each(ruleFiles)("accepts %s", (f) => {
    const ok = ruleSetSchema(parse(readFileSync(join(root, f), "utf8")));
    expect(ok ? [] : ruleSetSchema.errors?.slice(0, 3)).toEqual([]);
  });

  it("accepts a template's parameter references and refuses what kaohe refuses", () => {
    const base = parse(
      readFileSync(join(root, "rules/guizhou/wudang-2018/rules.yaml"), "utf8"),
    ) as Record<string, unknown>;
    expect(ruleSetSchema(base)).toBe(true);
    // Unknown keys, a parameter reference with a second key, and a reference where an object
    // (not a value) is expected are errors, as they are for kaohe.
    expect(ruleSetSchema({ ...base, colour: "red" })).toBe(false);
    expect(ruleSetSchema({ ...base, title: { param: "p", extra: 1 } })).toBe(false);
    expect(ruleSetSchema({ ...base, policy: { param: "p" } })).toBe(false);
    expect(ruleSetSchema({ ...base, title: { param: "p" } })).toBe(true);
  });
});

/** Codes by which kaohe refuses a fact's value or name: what a facts schema must refuse too. */
const TYPE_CODES = new Set([
  "F_FACT_TYPE",
  "F_FACT_RANGE",
  "F_UNKNOWN_FACT",
  "F_DERIVED_GIVEN",
  "F_UNKNOWN_CATEGORY",
  "F_OPTION",
  "F_UNKNOWN_SUBJECT",
  "F_FINDING_UNDATED",
]);

const casesOf = (ruleFile: string) => {
  const dir = join(root, dirname(ruleFile), "cases");
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    return [];
  }
  return files.map((f) => ({
    file: join(dir, f),
    ...parseCases(readFileSync(join(dir, f), "utf8"), f),
  }));
};

describe("the facts schema of each bundled rule set agrees with kaohe on every case's units", () => {
  it("describes exactly the finding keys kaohe reads", () => {
    expect([...FINDING_SCHEMA_KEYS].sort()).toEqual([...KAOHE_FINDING_KEYS].sort());
  });

  it.each(ruleFiles)("%s", (ruleFile) => {
    const compiled = new Map<string, CompiledRuleSet>();
    const mismatches: unknown[] = [];
    let units = 0;
    const cases = casesOf(ruleFile);
    for (const cf of cases) {
      const params = cf.parameters ? join(dirname(cf.file), cf.parameters) : undefined;
      const key = params ?? "";
      if (!compiled.has(key)) compiled.set(key, compileRuleSetFile(join(root, ruleFile), params));
      const crs = compiled.get(key) as CompiledRuleSet;
      const validate = ajv.compile(factsSchemaOf(crs));
      for (const c of cf.cases)
        for (const u of c.units ?? [c.unit]) {
          if (!u) continue;
          units++;
          const r = scoreUnit(crs, u);
          // A fact the cohort computes, given by a unit, is refused when the cohort is scored
          // (K_FACT_GIVEN), which scoring the unit alone does not see.
          const kaoheRefuses =
            (!r.ok && r.issues.some((i) => TYPE_CODES.has(i.code))) ||
            Object.keys(u.facts ?? {}).some((k) => crs.computedFacts.has(k));
          const schemaAccepts = validate({ units: [u] });
          if (schemaAccepts === kaoheRefuses)
            mismatches.push({
              where: `${relative(root, cf.file)}: ${c.name} / ${u.id}`,
              kaohe: r.ok ? "ok" : r.issues.map((i) => i.code),
              schema: schemaAccepts ? "accepts" : validate.errors?.slice(0, 2),
            });
        }
    }
    expect(mismatches).toEqual([]);
    if (cases.length) expect(units).toBeGreaterThan(0);
  });
});

describe("the schemas of facts, cases and parameters files", () => {
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const load = (name: string) => {
    if (!compiled.has(name))
      compiled.set(
        name,
        ajv.compile(JSON.parse(readFileSync(join(root, `schema/${name}.schema.json`), "utf8"))),
      );
    return compiled.get(name) as ReturnType<typeof ajv.compile>;
  };
  const files = [...walk("rules"), ...walk("test/cohort-sets"), ...walk("examples")];
  const yamlOf = (f: string) => parse(readFileSync(join(root, f), "utf8"), { maxAliasCount: -1 });

  it("hold the keys kaohe's readers accept, no more and no fewer", () => {
    // The shipped files, as `npm run build` wrote them from scripts/file-schemas.mjs.
    const json = (name: string) =>
      JSON.parse(readFileSync(join(root, `schema/${name}.schema.json`), "utf8"));
    const casesFileSchema = json("kaohe-cases");
    const parametersFileSchema = json("kaohe-parameters");
    const factsFileSchema = json("kaohe-facts");
    const keys = (o: { properties: object }) => Object.keys(o.properties).sort();
    expect(keys(casesFileSchema.$defs.case)).toEqual([...CASE_KEYS].sort());
    expect(keys(casesFileSchema.$defs.case.properties.expect)).toEqual([...EXPECT_KEYS].sort());
    expect(keys(parametersFileSchema)).toEqual([...PARAM_FILE_KEYS].sort());
    expect(keys(factsFileSchema.$defs.unit)).toEqual([...UNIT_KEYS].sort());
  });

  it("accept every bundled cases file", () => {
    const v = load("kaohe-cases");
    const cases = files.filter((f) => /\/cases\/[^/]+\.ya?ml$/.test(f));
    expect(cases.length).toBeGreaterThan(20);
    const bad = cases.flatMap((f) => (v(yamlOf(f)) ? [] : [[f, v.errors?.slice(0, 2)]]));
    expect(bad).toEqual([]);
  });

  it("accept every bundled parameters file", () => {
    const v = load("kaohe-parameters");
    const params = files.filter((f) => /\/params\/[^/]+\.ya?ml$/.test(f));
    expect(params.length).toBeGreaterThan(0);
    const bad = params.flatMap((f) => (v(yamlOf(f)) ? [] : [[f, v.errors?.slice(0, 2)]]));
    expect(bad).toEqual([]);
  });

  it("accept the example facts file and refuse malformed ones", () => {
    const v = load("kaohe-facts");
    expect(v(yamlOf("examples/hubei-2009-h1-units.yaml"))).toBe(true);
    expect(v({ units: [{ id: "甲", facts: {}, colour: 1 }] })).toBe(false);
    expect(v({ units: [{ facts: {} }] })).toBe(false);
    const c = load("kaohe-cases");
    expect(c({ cases: [] })).toBe(false);
    expect(c({ cases: [{ name: "x", expect: { totl: 1 } }] })).toBe(false);
    const p = load("kaohe-parameters");
    expect(
      p({ "kaohe-parameters": 2, template: "t", id: "i", title: "t", official: true, values: {} }),
    ).toBe(false);
  });
});
