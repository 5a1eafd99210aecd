// Generates the JSON Schema of the rule language from the zod schemas, so editors can complete
// and check YAML/JSON rule files. Run by `npm run build`; the output is committed and shipped.
//
// The zod schemas are internal (not exported by `kaohe`: that would pin zod into the public API,
// docs/api.md), so they are read from the source: esbuild bundles src/schema/ruleset.ts, with zod
// left to the package this script resolves, into node_modules/.cache for this one import.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { z } from "zod";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "node_modules", ".cache", "kaohe");
mkdirSync(cache, { recursive: true });
const out = join(cache, "ruleset-schema.mjs");
await build({
  entryPoints: [join(root, "src", "schema", "ruleset.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  external: ["zod"],
  outfile: out,
  logLevel: "error",
});
const { RuleSetSchema } = await import(pathToFileURL(out).href);

const schema = z.toJSONSchema(RuleSetSchema, {
  io: "input",
  unrepresentable: "any",
  target: "draft-2020-12",
});
acceptParams(schema);
inChinese(schema);
schema.$id = "https://kaohe.dev/schema/kaohe-ruleset.schema.json";
schema.title = "kaohe rule set (rule language v1)";
writeFileSync(
  join(root, "schema", "kaohe-ruleset.schema.json"),
  `${JSON.stringify(schema, null, 2)}\n`,
);

/**
 * Every description in Chinese and English (issue 12: 3): the zod schemas' `.meta` descriptions
 * are English, and scripts/schema-zh.json maps each, exactly as written, to its Chinese. A
 * description becomes `<Chinese> <English>`, as in the other files' schemas. A description the
 * table lacks stops the build, so no field ships without Chinese; test/schema-zh.test.ts fails on
 * an entry no description uses any more. Runs before acceptParams, whose `{ param }` description
 * is written in both languages already.
 */
function inChinese(root) {
  const zh = JSON.parse(
    readFileSync(join(dirname(fileURLToPath(import.meta.url)), "schema-zh.json"), "utf8"),
  );
  const missing = new Set();
  const seen = new WeakSet();
  const visit = (s) => {
    if (!s || typeof s !== "object" || seen.has(s)) return;
    seen.add(s);
    if (Array.isArray(s)) return s.forEach(visit);
    for (const [k, v] of Object.entries(s))
      if (k === "description" && typeof v === "string") {
        if (Object.hasOwn(zh, v)) s[k] = `${zh[v]} ${v}`;
        else missing.add(v);
      } else visit(v);
  };
  visit(root);
  if (missing.size) {
    console.error(
      `gen-schema: ${missing.size} description(s) have no Chinese in scripts/schema-zh.json; add them:\n${[...missing].map((d) => `  ${JSON.stringify(d)}`).join("\n")}`,
    );
    process.exit(1);
  }
}

/**
 * A template may write `{ param: id }` wherever its parameters file gives a value (docs/rule-
 * language.md, "Templates and parameters"): composition replaces it by a number, decimal text or
 * word before the rule set is validated. So that an editor checks templates too, every scalar
 * place of the schema also accepts a parameter reference — except the declarations themselves
 * (`parameters`), the language version (`kaohe`) and a clause's or item's `type`, which choose the
 * shape of what surrounds them.
 */
function acceptParams(root) {
  root.$defs ??= {};
  const name = {
    type: "string",
    minLength: 1,
    description: "A template parameter: the parameters file gives the value here.",
  };
  const select = {
    type: "object",
    minProperties: 1,
    description: "The block to use for each value of a choice parameter.",
  };
  root.$defs.param = {
    type: "object",
    properties: { param: name, select },
    required: ["param"],
    additionalProperties: false,
  };
  // `{ param, select }` may stand for a whole mapping too (a band, a deadline's `within`): the
  // parameter's value picks the block (docs/rule-language.md, "Readings").
  root.$defs.paramSelect = {
    type: "object",
    properties: { param: name, select },
    required: ["param", "select"],
    additionalProperties: false,
  };
  const PARAM = { $ref: "#/$defs/param" };
  const SELECT = { $ref: "#/$defs/paramSelect" };
  const SCALAR = new Set(["string", "number", "integer", "boolean"]);
  const isScalar = (s) =>
    !!s &&
    typeof s === "object" &&
    !s.properties &&
    (SCALAR.has(s.type) ||
      (s.type === undefined && (Array.isArray(s.enum) || "const" in s)) ||
      (Array.isArray(s.anyOf) && s.anyOf.every(isScalar)));
  const wrap = (s, alt) => {
    if (Array.isArray(s.anyOf) && !s.type) return { ...s, anyOf: [...s.anyOf, alt] };
    const { description, title, ...rest } = s;
    return {
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
      anyOf: [rest, alt],
    };
  };
  const visit = (s) => {
    if (!s || typeof s !== "object") return s;
    if (isScalar(s)) return wrap(s, PARAM);
    if (s.properties)
      for (const [k, v] of Object.entries(s.properties)) {
        if (s === root && (k === "parameters" || k === "readings" || k === "kaohe")) continue;
        if (k === "type" && v && typeof v === "object" && ("const" in v || v.enum)) continue;
        s.properties[k] = visit(v);
      }
    for (const key of ["items", "additionalProperties", "not"])
      if (s[key] && typeof s[key] === "object") s[key] = visit(s[key]);
    for (const key of ["anyOf", "oneOf", "allOf", "prefixItems"])
      if (Array.isArray(s[key])) s[key] = s[key].map(visit);
    for (const key of ["$defs", "patternProperties"])
      if (s[key])
        for (const [k, v] of Object.entries(s[key]))
          if (k !== "param" && k !== "paramSelect") s[key][k] = visit(v);
    if (s !== root && s.type === "object" && s.properties) return wrap(s, SELECT);
    return s;
  };
  visit(root);
}

// The schemas of the other files (scripts/file-schemas.mjs).
const files = await import("./file-schemas.mjs");
for (const [name, s] of [
  ["kaohe-facts", files.factsFileSchema],
  ["kaohe-cases", files.casesFileSchema],
  ["kaohe-parameters", files.parametersFileSchema],
])
  writeFileSync(join(root, "schema", `${name}.schema.json`), `${JSON.stringify(s, null, 2)}\n`);
