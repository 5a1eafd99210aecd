#!/usr/bin/env node
/**
 * npm run fuzz -- [--cases N] [--seed S] [--workers W] [--timeout-ms MS] [--out DIR]
 *                 [--only N] [--start N] [--no-minimize] [--lib PATH]
 *
 * Mutates the bundled rule sets, parameters, facts and cases files and checks the oracles (see
 * docs/reliability.md). Exit status 1 if any case failed, 2 on bad usage.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT, runFuzz } from "./pool.mjs";

const USAGE =
  "usage: node scripts/fuzz/run.mjs [--cases N] [--seed S] [--workers W] [--timeout-ms MS] [--out DIR] [--only N] [--start N] [--no-minimize] [--lib PATH]";

function parseArgs(argv) {
  const o = {};
  const num = (name, v) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0)
      throw new Error(`${name} needs a whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "--cases":
        o.cases = num(flag, val());
        break;
      case "--seed":
        o.seed = val();
        break;
      case "--workers":
        o.workers = Math.max(1, num(flag, val()));
        break;
      case "--timeout-ms":
        o.timeoutMs = num(flag, val());
        break;
      case "--start":
        o.start = num(flag, val());
        break;
      case "--only":
        o.start = num(flag, val());
        o.cases = 1;
        o.workers = 1;
        o.only = true;
        break;
      case "--out":
        o.out = resolve(val());
        break;
      case "--lib":
        o.lib = resolve(val());
        break;
      case "--no-minimize":
        o.minimize = false;
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return o;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
opts.seed = opts.seed === undefined ? 1 : /^\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
opts.cases ??= 100_000;
// Replaying one case must not wipe the folder of the run it came from.
if (opts.only && !opts.out)
  opts.out = resolve(REPO_ROOT, "fuzz-out", `case-${opts.seed}-${opts.start}`);
const lib = opts.lib ?? resolve(REPO_ROOT, "dist", "index.cjs");
if (!existsSync(lib)) {
  console.error(`fuzz: ${lib} is missing; run npm run build first`);
  process.exit(2);
}
const summary = await runFuzz(opts);
if (opts.only) {
  for (const c of summary.classes)
    console.log(
      `${c.oracle} in ${c.stage}: ${c.message}\n  reproducer: ${resolve(opts.out ?? resolve(REPO_ROOT, "fuzz-out"), c.dir)}`,
    );
}
console.log(summary.line);
process.exitCode = summary.failedCases ? 1 : 0;
