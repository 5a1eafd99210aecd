// The browser core's size, min+gzip, against the budget in size-budget.json (issue 12: 2).
// Bundles what an application imports from the built `kaohe` (dist/index.js, the true ESM build
// a bundler gets) for the browser with esbuild, minified, and gzips it (level 9). Each entry is
// one way to use the core; the budget is the most each may weigh. `--check` exits 1 when an entry
// is over its budget; `--json` prints the figures as JSON. Run by `npm test` after the build.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const budget = JSON.parse(readFileSync(join(root, "size-budget.json"), "utf8"));
const ENTRIES = {
  // A rule set given as an object (JSON already parsed): validated, compiled, units scored.
  "core-object": `export { validateRuleSet, compileRuleSet, scoreUnit } from "kaohe";`,
  // The same from rule text (YAML with positions).
  "core-text": `export { compileRuleText, scoreUnit } from "kaohe";`,
  // A rule set checked at build time and sealed (kaohe seal): opened, compiled, units scored,
  // with no validator in the bundle (kaohe/sealed).
  sealed: `export { compileSealedRuleSet, scoreUnit } from "kaohe/sealed";`,
  // Everything `kaohe/core` exports: kaohe without the functions that read text.
  core: `export * from "kaohe/core";`,
  // Everything `kaohe` exports.
  all: `export * from "kaohe";`,
};

const kb = (n) => Math.round((n / 1024) * 10) / 10;
const rows = [];
for (const [name, contents] of Object.entries(ENTRIES)) {
  const r = await build({
    stdin: { contents, resolveDir: root },
    bundle: true,
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = r.outputFiles[0].contents;
  const inputs = Object.values(r.metafile.outputs)[0].inputs;
  const by = {};
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const pkg = file.includes("node_modules/")
      ? file.split("node_modules/").pop().split("/")[0]
      : "kaohe";
    by[pkg] = (by[pkg] ?? 0) + bytesInOutput;
  }
  const gzip = kb(gzipSync(code, { level: 9 }).length);
  rows.push({
    entry: name,
    minKB: kb(code.length),
    gzipKB: gzip,
    budgetKB: budget[name] ?? null,
    parts: Object.fromEntries(
      Object.entries(by)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => [k, kb(v)]),
    ),
  });
}

const over = rows.filter((r) => r.budgetKB !== null && r.gzipKB > r.budgetKB);
const unbudgeted = Object.keys(budget).filter((k) => !k.startsWith("_") && !(k in ENTRIES));
if (process.argv.includes("--json")) console.log(JSON.stringify(rows, null, 2));
else {
  console.log("entry        min KB  gzip KB  budget KB  parts (min KB)");
  for (const r of rows)
    console.log(
      `${r.entry.padEnd(12)} ${String(r.minKB).padStart(6)}  ${String(r.gzipKB).padStart(7)}  ${String(r.budgetKB ?? "-").padStart(9)}  ${Object.entries(
        r.parts,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
}
if (process.argv.includes("--check")) {
  for (const r of over)
    console.error(
      `size: ${r.entry} is ${r.gzipKB} KB min+gzip, over its budget of ${r.budgetKB} KB`,
    );
  for (const k of unbudgeted) console.error(`size: size-budget.json names an unknown entry ${k}`);
  if (over.length || unbudgeted.length) process.exit(1);
}
