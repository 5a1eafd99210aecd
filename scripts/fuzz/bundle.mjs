/**
 * Reproducers: a failing case written out as files a person can read (rules.yaml, params.yaml,
 * facts.yaml/json, cases.yaml), a case.json describing it, and repro.mjs, a script that rebuilds
 * the case exactly (also the values no text can hold: bigints, NaN, cycles) and runs the oracles.
 */
import YAML from "yaml";
import { factsText } from "./oracles.mjs";

const isIdent = (k) => /^[A-Za-z_$][\w$]*$/.test(k);

/** A JavaScript expression that rebuilds `v`, bigints, −0, undefined, Maps and cycles included. */
export function toJs(v) {
  const counts = new Map();
  const count = (x) => {
    if (x === null || typeof x !== "object") return;
    counts.set(x, (counts.get(x) ?? 0) + 1);
    if (counts.get(x) > 1) return;
    for (const k of Reflect.ownKeys(x)) {
      const d = Object.getOwnPropertyDescriptor(x, k);
      if (d && "value" in d) count(d.value);
    }
  };
  count(v);
  const shared = [...counts].filter(([, n]) => n > 1).map(([x]) => x);
  if (!shared.length) return expr(v, null);
  // Shared or cyclic objects: build them as variables first, then fill them in.
  const names = new Map(shared.map((x, i) => [x, `$${i}`]));
  const lines = shared.map((x) => `const ${names.get(x)} = ${shell(x)};`);
  for (const x of shared)
    for (const k of Object.keys(x))
      lines.push(`${names.get(x)}[${JSON.stringify(k)}] = ${expr(x[k], names)};`);
  return `(() => {\n  ${lines.join("\n  ")}\n  return ${expr(v, names)};\n})()`;
}

function shell(x) {
  if (Array.isArray(x)) return "[]";
  if (Object.getPrototypeOf(x) === null) return "Object.create(null)";
  return "{}";
}

function expr(v, names) {
  if (names?.has(v)) return names.get(v);
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  switch (typeof v) {
    case "number":
      if (Object.is(v, -0)) return "-0";
      if (Number.isNaN(v)) return "NaN";
      if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
      return String(v);
    case "bigint":
      return `${v}n`;
    case "string":
      return JSON.stringify(v);
    case "boolean":
      return String(v);
    case "symbol":
      return `Symbol(${JSON.stringify(v.description ?? "")})`;
    case "function":
      return "() => 1";
  }
  const sub = (x) => expr(x, names);
  if (v instanceof Date)
    return `new Date(${Number.isNaN(v.getTime()) ? "NaN" : JSON.stringify(v.toISOString())})`;
  if (v instanceof Map) return `new Map(${sub([...v])})`;
  if (v instanceof Set) return `new Set(${sub([...v])})`;
  if (v instanceof Uint8Array) return `new Uint8Array(${JSON.stringify([...v])})`;
  if (v instanceof Number) return `new Number(${sub(v.valueOf())})`;
  if (v instanceof String) return `new String(${sub(v.valueOf())})`;
  if (Array.isArray(v)) {
    const items = [];
    for (let i = 0; i < v.length; i++) items.push(i in v ? sub(v[i]) : "");
    return `[${items.join(", ")}${v.length && !(v.length - 1 in v) ? "," : ""}]`;
  }
  const entries = Object.keys(v).map((k) => {
    const key = k === "__proto__" ? '["__proto__"]' : isIdent(k) ? k : JSON.stringify(k);
    return `${key}: ${sub(v[k])}`;
  });
  const body = `{ ${entries.join(", ")} }`;
  if (Object.getPrototypeOf(v) === null) return `Object.assign(Object.create(null), ${body})`;
  return entries.length ? body : "{}";
}

/** The files of a reproducer: name → content. */
export function bundleFiles(c, failures, { repoFromBundle }) {
  const files = {};
  const meta = {
    seed: c.seed,
    case: c.no,
    kind: c.kind,
    set: c.set,
    source: c.source,
    mutations: c.mutations,
    failures,
    reproduce: `npm run fuzz -- --seed ${c.seed} --only ${c.no}`,
  };
  if (c.rules?.text !== undefined) files["rules.yaml"] = c.rules.text;
  if (c.rules?.params !== undefined) files["params.yaml"] = c.rules.params;
  if (c.rules?.data !== undefined) {
    try {
      files["rules.yaml"] = YAML.stringify(c.rules.data);
    } catch {
      // exotic data: repro.mjs has it
    }
  }
  if (c.facts?.text !== undefined) files["facts.yaml"] = c.facts.text;
  if (c.facts?.data !== undefined)
    files[`facts.${c.facts.format === "json" ? "json" : "yaml"}`] = factsText(c);
  if (c.cases) files["cases.yaml"] = c.cases.text;
  files["case.json"] = `${JSON.stringify(meta, null, 2)}\n`;
  const up = repoFromBundle.replace(/\\/g, "/");
  files["repro.mjs"] =
    `// kaohe fuzz reproducer: seed ${c.seed}, case ${c.no} (${c.kind}; rule set ${c.set}).
// Run from anywhere: node repro.mjs   (uses the built library, dist/index.cjs)
// Failures when written: ${failures
      .map((f) => `${f.oracle} in ${f.stage}: ${f.message}`)
      .join(" | ")
      .replace(/\n/g, " ")}
import { createRequire } from "node:module";
import { runCase } from "${up}/scripts/fuzz/oracles.mjs";
import { loadCorpus } from "${up}/scripts/fuzz/corpus.mjs";
import { prepareEnv } from "${up}/scripts/fuzz/generate.mjs";

const require = createRequire(import.meta.url);
const lib = require("${up}/dist/index.cjs");
const root = new URL("${up}/", import.meta.url).pathname;
const env = prepareEnv(lib, loadCorpus(root));
const c = ${toJs({ ...c, seed: c.seed, no: c.no })};
const failures = runCase(lib, c, env);
for (const f of failures) console.log(\`\${f.oracle} in \${f.stage}: \${f.message}\`);
if (failures.length && failures[0].error) console.log(failures[0].error.frames.join("\\n"));
console.log(failures.length ? \`\${failures.length} failure(s)\` : "no failure");
process.exitCode = failures.length ? 1 : 0;
`;
  return files;
}
