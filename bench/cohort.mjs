// kaohe cohort benchmark: the 湖北 set (rules/hubei/caizheng-bianzhi-2009-h1) — or, with
// `--set toy`, the toy rule of bench/peers (one 3-point item, 0.3 off per miss, 扣完为止, a veto to
// 0) — scored as one cohort of 10,000, 100,000 and 1,000,000 generated units, each size in a fresh
// child process so that its peak RSS is its own. Three ways of scoring:
//
//   full  scoreCohort(compiled, units, { trace: false }): every unit's result held, no explanation
//   lean  scoreCohortSummary(compiled, units): every unit kept as a summary (score, grade, flags,
//         rank…), the same cohort results, no unit's whole result
//   lazy  scoreCohortLazily(compiled, units): the ranking held as summaries, then every unit
//         scored again in full, explanation included, one at a time and dropped (as a writer that
//         streams its output would)
//
//   npm run build && node bench/cohort.mjs                       # 10k, 100k, 1M; every mode
//   node bench/cohort.mjs --sizes 10000,100000 --modes full --seed 7
//   node bench/cohort.mjs --set toy --sizes 1000000 --modes full,lean
//
// Progress goes to stderr; the table to stdout. Not a test: 1M units take minutes and gigabytes.

import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "./units.mjs";

const here = dirname(fileURLToPath(import.meta.url));
/** The rule sets it scores: the rule file and the units generated for it. */
const SETS = {
  hubei: { rules: join(here, "..", "rules", "hubei/caizheng-bianzhi-2009-h1", "rules.yaml") },
  toy: { rules: join(here, "peers", "toy-rules.yaml") },
};
const USAGE =
  "usage: node bench/cohort.mjs [--set hubei|toy] [--sizes 10000,100000,1000000] [--modes full,lean,lazy] [--seed S] [--heap-mb M] [--timeout-min T]";

function parseArgs(argv) {
  const opts = {
    sizes: [10_000, 100_000, 1_000_000],
    modes: ["full", "lean", "lazy"],
    seed: 20261122,
    heapMb: 16_384,
    timeoutMin: 30,
    set: "hubei",
    child: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(set|sizes|modes|seed|heap-mb|timeout-min|child)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      console.error(`unknown argument ${argv[i]}\n${USAGE}`);
      process.exit(2);
    }
    if (m[1] === "child") {
      opts.child = true;
      continue;
    }
    const raw = m[2] ?? argv[++i];
    if (m[1] === "set") {
      if (!Object.hasOwn(SETS, raw)) {
        console.error(`--set takes hubei or toy, got ${raw}`);
        process.exit(2);
      }
      opts.set = raw;
    } else if (m[1] === "sizes") {
      opts.sizes = String(raw).split(",").map(Number);
      if (!opts.sizes.every((n) => Number.isSafeInteger(n) && n >= 1)) {
        console.error(`--sizes needs whole numbers separated by commas, got ${raw}`);
        process.exit(2);
      }
    } else if (m[1] === "modes") {
      opts.modes = String(raw).split(",");
      if (!opts.modes.every((x) => x === "full" || x === "lean" || x === "lazy")) {
        console.error(`--modes takes full, lean and/or lazy, got ${raw}`);
        process.exit(2);
      }
    } else {
      const n = Number(raw);
      if (!Number.isSafeInteger(n) || n < (m[1] === "seed" ? 0 : 1)) {
        console.error(`--${m[1]} needs a whole number, got ${raw}`);
        process.exit(2);
      }
      opts[m[1] === "heap-mb" ? "heapMb" : m[1] === "timeout-min" ? "timeoutMin" : m[1]] = n;
    }
  }
  return opts;
}

const mib = (bytes) => bytes / 1024 / 1024;
const fmt = (x, d = 0) =>
  x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });

// ---------------------------------------------------------------------------------------------
// The child: generates its units, scores them as one cohort, prints one JSON line.

async function child(size, mode, seed, set) {
  const { compileRuleText, scoreCohort, scoreCohortLazily, scoreCohortSummary } = await import(
    "../dist/index.js"
  );
  const { generateUnits, generateToyUnits } = await import("./units.mjs");
  const file = SETS[set].rules;
  const compiled = compileRuleText(readFileSync(file, "utf8"), file);
  const born = performance.now();
  // Progress with the time since the child started and the RSS now, so that a run that is killed
  // still says how far it got and at what cost.
  const say = (what) =>
    process.stderr.write(
      `  ${size} ${mode}: ${what} — ${fmt((performance.now() - born) / 1000, 1)} s, RSS ${fmt(mib(process.memoryUsage.rss()))} MiB\n`,
    );
  const progress = (label) => {
    let next = 0;
    return (done, total) => {
      if (done >= next || done === total) {
        say(`${label} ${fmt(done)} / ${fmt(total)}`);
        next = done + Math.max(256, Math.ceil(total / 10));
      }
    };
  };

  const t0 = performance.now();
  const units = set === "toy" ? generateToyUnits(size, seed) : generateUnits(size, seed);
  // The publication of each fund (funds_publication), so that the cohort's own figure (K5: funds
  // that 40% of the units published in detail) has work to do; bench/run.mjs scores units one by
  // one and does not need it. Its own PRNG: the other facts stay those of bench/run.mjs.
  const rnd = mulberry32(seed ^ 0xf00d);
  for (const u of set === "hubei" ? units : []) {
    const list = [];
    for (let k = 1; k <= 8; k++) {
      const r = rnd();
      if (r < 0.45) list.push({ item: `专项资金${k}`, kind: "详细公开" });
      else if (r < 0.6) list.push({ item: `专项资金${k}`, kind: "总表说明" });
    }
    u.facts.funds_publication = list;
  }
  const generateMs = performance.now() - t0;
  globalThis.gc?.();
  const heapAfterGenerate = process.memoryUsage().heapUsed;
  say(
    `generated ${fmt(size)} units in ${fmt(generateMs / 1000, 1)} s, heap ${fmt(mib(heapAfterGenerate))} MiB`,
  );

  const t1 = performance.now();
  let stats;
  let scored = 0;
  let explained = 0;
  let issues = 0;
  if (mode === "full") {
    const r = scoreCohort(compiled, units, { trace: false, onProgress: progress("scored") });
    stats = r.statistics.all;
    issues = r.issues.length;
    for (const u of r.units) if (u.score !== null) scored++;
  } else if (mode === "lean") {
    const r = scoreCohortSummary(compiled, units, { onProgress: progress("scored") });
    stats = r.statistics.all;
    issues = r.issues.length;
    for (const u of r.units) if (u.score !== null) scored++;
  } else {
    const run = scoreCohortLazily(compiled, units, { onProgress: progress("ranked") });
    stats = run.statistics.all;
    issues = run.issues.length;
    for (const u of run.ranking) if (u.score !== null) scored++;
    const tick = progress("explained");
    let i = 0;
    for (const u of run.units()) {
      if (u.outcome.ok && u.outcome.trace.length > 0) explained++;
      if (++i % 256 === 0 || i === run.count) tick(i, run.count);
    }
  }
  const scoreMs = performance.now() - t1;
  const out = {
    size,
    mode,
    generateMs,
    scoreMs,
    maxRssKb: process.resourceUsage().maxRSS,
    heapAfterGenerate,
    scored,
    explained,
    issues,
    mean: stats.mean?.toString() ?? null,
    median: stats.median?.toString() ?? null,
    atOrAbove: stats.atOrAbove.map((a) => `${a.line}:${a.count}`).join(" "),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------------------------------------
// The parent: one child per size and mode, in turn.

function runChild(size, mode, opts) {
  return new Promise((resolve) => {
    const args = [
      `--max-old-space-size=${opts.heapMb}`,
      "--expose-gc",
      fileURLToPath(import.meta.url),
      "--child",
      "--sizes",
      String(size),
      "--modes",
      mode,
      "--seed",
      String(opts.seed),
      "--set",
      opts.set,
    ];
    const t0 = performance.now();
    const p = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let lastErr = "";
    p.stdout.on("data", (d) => {
      stdout += d;
    });
    p.stderr.on("data", (d) => {
      process.stderr.write(d);
      const lines = String(d).trim().split("\n");
      lastErr = lines[lines.length - 1] ?? lastErr;
    });
    const timer = setTimeout(() => p.kill("SIGKILL"), opts.timeoutMin * 60_000);
    p.on("close", (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const line = stdout.trim().split("\n").pop();
      let result = null;
      try {
        result = line ? JSON.parse(line) : null;
      } catch {
        result = null;
      }
      resolve({ size, mode, wallMs, code, signal, result, lastErr });
    });
  });
}

async function parent(opts) {
  const load0 = loadavg()[0];
  const started = Date.now();
  const rows = [];
  for (const size of opts.sizes)
    for (const mode of opts.modes) {
      process.stderr.write(`${fmt(size)} units, ${mode}: child started\n`);
      rows.push(await runChild(size, mode, opts));
    }
  console.log(
    `kaohe cohort bench — rules: ${opts.set} (${SETS[opts.set].rules.slice(join(here, "..").length + 1)}), seed ${opts.seed}, sizes ${opts.sizes.map((n) => fmt(n)).join(", ")}`,
  );
  console.log(
    `node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, ${fmt(mib(totalmem()) / 1024, 0)} GiB; load average ${load0.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end; ${((Date.now() - started) / 1000).toFixed(0)} s; each child --max-old-space-size=${opts.heapMb}`,
  );
  console.log("");
  console.log(
    "| units | mode | wall s | generate s | score s | units/s (score) | peak RSS MiB | heap after generate MiB | scored | status | mean / median / ≥90 ≥80 |",
  );
  console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
  for (const r of rows) {
    const x = r.result;
    const status =
      r.code === 0 && x
        ? "ok"
        : `failed (${r.signal ?? `exit ${r.code}`}): ${String(r.lastErr).slice(0, 120)}`;
    if (!x) {
      console.log(
        `| ${fmt(r.size)} | ${r.mode} | ${fmt(r.wallMs / 1000, 1)} | | | | | | | ${status} | |`,
      );
      continue;
    }
    console.log(
      `| ${fmt(r.size)} | ${r.mode} | ${fmt(r.wallMs / 1000, 1)} | ${fmt(x.generateMs / 1000, 1)} | ${fmt(x.scoreMs / 1000, 1)} | ${fmt(r.size / (x.scoreMs / 1000))} | ${fmt(x.maxRssKb / 1024)} | ${fmt(mib(x.heapAfterGenerate))} | ${fmt(x.scored)}${x.mode === "lazy" ? ` (${fmt(x.explained)} explained)` : ""} | ${status} | ${x.mean} / ${x.median} / ${x.atOrAbove.replaceAll(/\d+:/g, "")} |`,
    );
  }
  // The lean and lazy runs beside the full one of the same size, in this run.
  const ratios = rows.filter((r) => r.mode !== "full" && r.result);
  for (const r of ratios) {
    const full = rows.find((x) => x.size === r.size && x.mode === "full" && x.result);
    if (!full) continue;
    console.log(
      `${fmt(r.size)} ${r.mode} ÷ full: score time ${(r.result.scoreMs / full.result.scoreMs).toFixed(2)}×, peak RSS ${(r.result.maxRssKb / full.result.maxRssKb).toFixed(2)}×`,
    );
  }
  for (const million of rows.filter((r) => r.size === 1_000_000 && r.mode !== "lazy")) {
    if (!million.result) continue;
    const s = million.result.scoreMs / 1000;
    const gb = (million.result.maxRssKb * 1024) / 1e9;
    const verdict = (ok) => (ok ? "met" : "NOT met");
    console.log("");
    console.log(
      `target (${million.mode}): 1,000,000 units in ≤ 60 s: ${fmt(s, 1)} s scoring (${fmt(million.wallMs / 1000, 1)} s wall with generation) — ${verdict(s <= 60)}; ≤ 2 GB peak RSS: ${fmt(gb, 2)} GB — ${verdict(gb <= 2)} (the units themselves: ${fmt(mib(million.result.heapAfterGenerate))} MiB of heap)`,
    );
  }
  process.exit(rows.every((r) => r.code === 0 && r.result) ? 0 : 1);
}

const opts = parseArgs(process.argv.slice(2));
if (opts.child) await child(opts.sizes[0], opts.modes[0], opts.seed, opts.set);
else await parent(opts);
