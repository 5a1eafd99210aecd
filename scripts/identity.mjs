// The identity check of issue 10's acceptance: the scores, grades and flags of every bundled
// case must be byte-identical before and after a change to the engine. This script writes what
// every case produces — each single-unit case's outcome and each cohort case's results, as the
// JSON output gives them, with the explanation (trace) left out — from a built copy of kaohe, and
// compares two such dumps.
//
//   npm run build && node scripts/identity.mjs dump /tmp/after.jsonl
//   node scripts/identity.mjs dump /tmp/before.jsonl --root /path/to/an/older/checkout   (built)
//   node scripts/identity.mjs compare /tmp/before.jsonl /tmp/after.jsonl
//
// `--with-trace` keeps the explanation too (then any change to the wording shows up). Every case
// is scored twice, with the trace on and off, and the two results must agree with each other as
// well: a difference there is reported as an error of the dump itself.
//
// Exit status: 0 when identical, 1 when anything differs, 2 on a usage error.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const USAGE =
  "usage: node scripts/identity.mjs dump <out.jsonl> [--root <checkout>] [--with-trace]\n" +
  "       node scripts/identity.mjs compare <before.jsonl> <after.jsonl>";

const here = dirname(fileURLToPath(import.meta.url));

/** Drops the explanation: trace entries and the fields rendered from them. */
function withoutTrace(value) {
  if (Array.isArray(value)) return value.map(withoutTrace);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "trace" || k === "explanation") continue;
    out[k] = withoutTrace(v);
  }
  return out;
}

function caseFiles(dir) {
  try {
    return readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort();
  } catch {
    return [];
  }
}

async function dump(out, root, keepTrace) {
  const core = await import(pathToFileURL(join(root, "dist/index.js")).href);
  const node = await import(pathToFileURL(join(root, "dist/node/index.js")).href);
  const ruleFiles = [
    ...node.findRuleFiles(join(root, "rules")),
    ...node.findRuleFiles(join(root, "test/cohort-sets")),
  ];
  const lines = [];
  let problems = 0;
  for (const rf of ruleFiles) {
    const dir = join(dirname(rf), "cases");
    for (const cf of caseFiles(dir)) {
      const parsed = core.parseCases(readFileSync(join(dir, cf), "utf8"), cf);
      const params = parsed.parameters ? resolve(dir, parsed.parameters) : null;
      const where = `${relative(root, rf)} ${cf}`;
      // A template is composed with the readings each case (or its file) names, once per set.
      const composed = new Map();
      const compose = (readings) => {
        const k = readings.join("\u0000");
        if (!composed.has(k)) {
          const opts = { ...(params ? { params, paramsName: params } : {}), readings };
          const loaded = node.loadRuleSetFile(rf, rf, opts);
          composed.set(k, loaded.ok ? core.compileRuleSet(loaded.ruleSet) : null);
        }
        return composed.get(k);
      };
      if (!compose(parsed.reading ?? [])) {
        lines.push(`${where} <rule set does not load>`);
        continue;
      }
      for (const c of parsed.cases) {
        const compiled = compose(c.reading ?? parsed.reading ?? []);
        if (!compiled) {
          lines.push(`${where} ${c.name} <rule set does not load under its readings>`);
          continue;
        }
        const run = (trace) => {
          const options = { ...(c.options ?? {}), trace };
          if (c.units) {
            const cohortOptions = c.previous ? { ...options, previous: c.previous } : options;
            return core.cohortToJSON(core.scoreCohort(compiled, c.units, cohortOptions));
          }
          return core.outcomeToJSON(core.scoreUnit(compiled, c.unit, options));
        };
        const on = run(true);
        const off = run(false);
        const a = JSON.stringify(withoutTrace(on));
        if (a !== JSON.stringify(withoutTrace(off))) {
          problems++;
          console.error(`${where} ${c.name}: the trace changes the result`);
        }
        lines.push(`${where} ${c.name} ${keepTrace ? JSON.stringify(on) : a}`);
      }
    }
  }
  writeFileSync(out, `${lines.join("\n")}\n`);
  console.log(`${lines.length} cases from ${ruleFiles.length} rule files written to ${out}`);
  return problems === 0 ? 0 : 1;
}

function compare(a, b) {
  const before = readFileSync(a, "utf8").split("\n");
  const after = readFileSync(b, "utf8").split("\n");
  const key = (line) => line.slice(0, line.indexOf(" {") < 0 ? line.length : line.indexOf(" {"));
  const index = (lines) => new Map(lines.filter(Boolean).map((l) => [key(l), l]));
  const x = index(before);
  const y = index(after);
  let differ = 0;
  for (const [k, line] of x) {
    const other = y.get(k);
    if (other === undefined) console.log(`only before: ${k}`);
    else if (other !== line) {
      if (differ < 5)
        console.log(
          `differs: ${k}\n  before ${line.slice(k.length, k.length + 300)}\n  after  ${other.slice(k.length, k.length + 300)}`,
        );
    } else continue;
    differ++;
  }
  for (const k of y.keys()) {
    if (!x.has(k)) {
      console.log(`only after: ${k}`);
      differ++;
    }
  }
  console.log(differ === 0 ? `identical: ${x.size} cases` : `${differ} of ${x.size} cases differ`);
  return differ === 0 ? 0 : 1;
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "dump" && rest[0]) {
  const r = rest.indexOf("--root");
  const root = resolve(r >= 0 ? rest[r + 1] : join(here, ".."));
  process.exitCode = await dump(resolve(rest[0]), root, rest.includes("--with-trace"));
} else if (cmd === "compare" && rest.length === 2) {
  process.exitCode = compare(rest[0], rest[1]);
} else {
  console.error(USAGE);
  process.exitCode = 2;
}
