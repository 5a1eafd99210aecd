// kaohe letters benchmark (issue 13 item 4): the time to compute every unit's fixes — each
// finding group's points regained by scoring the whole cohort again — for the 湖北 example (four
// units) and for cohorts of generated 湖北 units (bench/units.mjs), and to render the letters.
//
//   node bench/letters.mjs                        # the example, then 100 and 300 units
//   node bench/letters.mjs --sizes 100,300,600 --seed 7 --docx
//
// Runs from src/ (bundled with esbuild into a temporary file; the letters are not in dist/ until
// an entry exports them). Progress to stderr; the table to stdout.

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateUnits } from "./units.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const sizes = opt("--sizes", "100,300").split(",").map(Number);
const seed = Number(opt("--seed", "1"));
const docx = args.includes("--docx");

const entry = `
export { compileRuleSetFile, loadUnitsFile } from ${JSON.stringify(join(root, "src/node/index.ts"))};
export * from ${JSON.stringify(join(root, "src/report/letters/index.ts"))};
`;
const tmp = mkdtempSync(join(tmpdir(), "kaohe-bench-letters-"));
const out = join(tmp, "letters.cjs");
const esbuild = createRequire(join(root, "package.json"))("esbuild");
await esbuild.build({
  stdin: { contents: entry, resolveDir: root, loader: "ts" },
  bundle: true,
  platform: "node",
  format: "cjs",
  outfile: out,
  external: ["docx", "fflate", "saxes"],
  logLevel: "error",
});
const req = createRequire(join(root, "package.json"));
const k = req(out);
// The optional docx, resolved from the repository (the bundle lies in a temporary directory).
const docxLib = docx ? req("docx") : undefined;
rmSync(tmp, { recursive: true, force: true });

const crs = k.compileRuleSetFile(join(root, "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"));
const example = k.loadUnitsFile(join(root, "examples/hubei-2009-h1-units.yaml")).units;

async function measure(label, units) {
  const t0 = performance.now();
  const r = k.cohortFixes(crs, units);
  const t1 = performance.now();
  let bytes = 0;
  for (const u of r.units) bytes += k.letterHtml(k.letterOf(crs, u)).length;
  const t2 = performance.now();
  let docxMs = null;
  if (docx) {
    for (const u of r.units) bytes += (await k.letterDocx(k.letterOf(crs, u), docxLib)).length;
    docxMs = performance.now() - t2;
  }
  const groups = r.units.reduce((n, u) => n + u.fixes.length, 0);
  const notComputed = r.units.reduce(
    (n, u) => n + u.fixes.filter((f) => f.regained === null).length,
    0,
  );
  return {
    label,
    units: units.length,
    groups,
    notComputed,
    fixesMs: Math.round(t1 - t0),
    perGroupMs: groups ? +((t1 - t0) / groups).toFixed(2) : 0,
    htmlMs: Math.round(t2 - t1),
    docxMs: docxMs === null ? "—" : Math.round(docxMs),
    kb: Math.round(bytes / 1024),
  };
}

const rows = [await measure("湖北 example", example)];
for (const n of sizes) {
  process.stderr.write(`${n} units…\n`);
  rows.push(await measure(`generated (seed ${seed})`, generateUnits(n, seed)));
}
console.log(
  `node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
console.log(
  "| cohort | units | groups | not computable | fixes ms | ms per group | HTML ms | DOCX ms | letters KB |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows)
  console.log(
    `| ${r.label} | ${r.units} | ${r.groups} | ${r.notComputed} | ${r.fixesMs} | ${r.perGroupMs} | ${r.htmlMs} | ${r.docxMs} | ${r.kb} |`,
  );
