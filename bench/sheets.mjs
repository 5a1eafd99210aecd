// kaohe sheets benchmark: reading and scoring large fact sheets end to end, in child processes,
// with wall time and peak RSS, and the JSON fast path against JSON.parse in the same process.
//
//   npm run bench:sheets                          # 100000-unit wide CSV, 1,000,000-row long CSV
//   node bench/sheets.mjs --units 10000 --rows 100000 --long-units 5000 --seed 7
//
// Needs the built package (npm run build). Not a test: it prints a table (see bench/README.md).

import { spawnSync } from "node:child_process";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const RULES = join(root, "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
/** The built package is copied here first (a rebuild during the run must not change it). */
let pkg = root;
/** A child that runs longer than this is killed and reported as such. */
const CHILD_TIMEOUT_MS = 5 * 60 * 1000;
/** A child's heap is capped here, so a run that needs more fails instead of swapping. */
const CHILD_HEAP_MB = 8192;

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { units: 100_000, rows: 1_000_000, "long-units": 20_000, "json-units": 5000 };
  opts.seed = 20261122;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(units|rows|long-units|json-units|seed)(?:=(.*))?$/.exec(a);
    if (!m) {
      console.error(
        `unknown argument ${a}\nusage: node bench/sheets.mjs [--units N] [--rows N] [--long-units N] [--json-units N] [--seed S]`,
      );
      process.exit(2);
    }
    const raw = m[2] ?? argv[++i];
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < (m[1] === "seed" ? 0 : 1)) {
      console.error(`--${m[1]} needs a whole number, got ${raw}`);
      process.exit(2);
    }
    opts[m[1]] = n;
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Deterministic facts (the same distributions as bench/run.mjs; findings as counts)

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BOOLEAN_OK = [
  "complaints_reported_and_handled",
  "rural_query_points_active",
  "school_query_activities",
  "mobile_query_activities",
  "info_timely_updated",
  "free_query_point_ok",
  "special_staff_in_place",
  "half_year_summary_submitted",
  "self_assessment_done",
  "other_tasks_done",
  "tech_staff_and_rules",
  "site_distinctive",
  "pages_tidy",
  "pages_correct",
  "free_query_column",
  "data_orderly",
];
const BOOLEAN_BREACH = [
  "funds_reduced_without_approval",
  "staffing_info_incomplete",
  "staffing_secrecy_breach",
  "staffing_diff_unexplained",
  "actual_public_unexplained",
  "overview_misplaced",
  "exposure_not_reported_48h",
  "leads_not_reported",
];
const COUNTS = [
  "overview_parts_missing",
  "overview_defects",
  "duties_blank_units",
  "duties_irregular_units",
  "staffing_table_blanks",
  "staffing_table_errors",
];
/** Findings facts (given as counts in a wide sheet, as rows in a long one). */
const FINDINGS = [
  "funds_late",
  "staffing_changes",
  "internal_org_blanks",
  "internal_org_errors",
  "staff_blanks",
  "staff_errors",
  "reply_failures",
  "replies_late",
  "replies_perfunctory",
  "password_reply_misuse",
];
const WIDE_ZERO = new Set([
  "staffing_changes",
  "internal_org_blanks",
  "internal_org_errors",
  "staff_errors",
]);
const RATES = ["realname_rate_admin", "realname_rate_institutions"];
const MONTHS = ["2009-01", "2009-02", "2009-03", "2009-04", "2009-05", "2009-06"];

function makeGenerator(seed) {
  const rnd = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p) => rnd() < p;
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const count = () => (chance(0.88) ? pick([0, 0, 0, 1, 1, 2, 3]) : int(4, 40));
  const rate = () => (chance(0.3) ? 100 : chance(0.97) ? int(600, 1000) / 10 : int(200, 599) / 10);
  const yesNo = (b) => (b ? "是" : "否");
  const pad = (n) => String(n).padStart(2, "0");
  const dateIn = () =>
    new Date(Date.UTC(2008, 10, 20) + int(0, 232) * 86_400_000).toISOString().slice(0, 10);
  const plusDays = (d, n) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  /** One unit's facts other than findings, as cells by fact id (series by period). */
  const unit = () => {
    const f = {};
    const approved = int(100, 3000);
    f.admin_posts_approved = String(approved);
    f.admin_posts_total = String(chance(0.15) ? approved + int(1, 40) : approved - int(0, 60));
    for (const k of BOOLEAN_OK) f[k] = yesNo(chance(0.85));
    for (const k of BOOLEAN_BREACH) f[k] = yesNo(chance(0.08));
    for (const k of COUNTS) f[k] = String(count());
    f.overview_parts_missing = String(chance(0.8) ? 0 : int(1, 2));
    for (const k of RATES) {
      const r = rate();
      f[k] = chance(0.5) ? `${r}%` : String(r);
    }
    for (const m of MONTHS) f[`news_monthly[${m}]`] = String(chance(0.93) ? int(2, 6) : int(0, 1));
    return f;
  };
  /**
   * Findings as counts for a wide sheet: mostly 0, sometimes many. Those whose rules need a
   * sub-unit (一个单位最多扣…) or dates (30 working days) can only be 0 there (F_FINDING_SUBJECT,
   * F_FACT_TYPE otherwise): their findings come from the long sheet.
   */
  const findingCounts = () => {
    const f = {};
    for (const k of FINDINGS)
      f[k] = WIDE_ZERO.has(k)
        ? "0"
        : String(chance(0.55) ? 0 : chance(0.9) ? int(1, 4) : int(5, 12));
    return f;
  };
  /** One row of a long findings sheet for unit u: [单位, 事实, 种类, 数量, 对象, 日期, 完成日期]. */
  const finding = (u) => {
    const fact = pick(FINDINGS);
    let kind = "";
    let date = "";
    let done = "";
    if (fact === "reply_failures") kind = pick(["应回复未回复", "不应公开而公开答复"]);
    if (fact === "staffing_changes") {
      date = dateIn();
      done = plusDays(date, chance(0.8) ? int(0, 40) : int(41, 70));
    }
    const n = chance(0.7) ? "" : String(chance(0.85) ? int(1, 3) : int(4, 9));
    const subject = /^(internal_org|staff_)/.test(fact) ? `单位${int(1, 5)}` : "";
    return [u, fact, kind, n, subject, date, done];
  };
  return { unit, findingCounts, finding, chance, int, pad };
}

const unitId = (i) => `U${i + 1}`;

/** Writes a CSV in pieces (a million rows are not joined into one string at once). */
function writeCsv(path, header, rows) {
  const parts = [];
  let buf = `${header.join(",")}\n`;
  for (const r of rows) {
    buf += `${r.join(",")}\n`;
    if (buf.length > 1 << 20) {
      parts.push(buf);
      buf = "";
    }
  }
  parts.push(buf);
  writeFileSync(path, parts.join(""));
  return statSync(path).size;
}

/** A wide CSV of n units; with findings as count columns unless `withFindings` is false. */
function wideCsv(path, n, seed, withFindings) {
  const g = makeGenerator(seed);
  let header = null;
  const rows = function* () {
    for (let i = 0; i < n; i++) {
      const f = { ...g.unit(), ...(withFindings ? g.findingCounts() : {}) };
      const cat = g.chance(0.2) ? "chengzhong" : "other";
      yield [unitId(i), cat, ...Object.values(f)];
    }
  };
  // The header from one generated unit (the key order is fixed).
  const probe = makeGenerator(seed);
  const keys = Object.keys({ ...probe.unit(), ...(withFindings ? probe.findingCounts() : {}) });
  header = ["单位", "类别", ...keys];
  return writeCsv(path, header, rows());
}

/** A long CSV of `rows` findings spread over n units. */
function longCsv(path, n, rowCount, seed) {
  const g = makeGenerator(seed ^ 0x5eed);
  const rows = function* () {
    for (let k = 0; k < rowCount; k++) yield g.finding(unitId(g.int(0, n - 1)));
  };
  return writeCsv(path, ["单位", "事实", "种类", "数量", "对象", "日期", "完成日期"], rows());
}

// ---------------------------------------------------------------------------------------------
// Children: one node process per measurement, its wall time and peak RSS

const HAS_TIME = existsSync("/usr/bin/time");

/**
 * Runs `node args` in a child, stdout into `outFile`; wall time measured here, peak RSS from
 * GNU time (%M, KiB) when present, else from the child's own report (library children print
 * process.resourceUsage().maxRSS on their last stderr line as `maxRSS=<KiB>`).
 */
function measure(args, outFile) {
  const nodeArgs = [`--max-old-space-size=${CHILD_HEAP_MB}`, ...args];
  const cmd = HAS_TIME ? "/usr/bin/time" : process.execPath;
  const cmdArgs = HAS_TIME ? ["-f", "TIME_MAXRSS=%M", process.execPath, ...nodeArgs] : nodeArgs;
  // Straight into the file: the JSON of 100,000 units is longer than any one string can be.
  const fd = outFile ? openSync(outFile, "w") : null;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, {
    cwd: pkg,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    timeout: CHILD_TIMEOUT_MS,
    stdio: ["ignore", fd ?? "pipe", "pipe"],
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (fd !== null) closeSync(fd);
  const stderr = r.stderr ?? "";
  const rss =
    Number(/TIME_MAXRSS=(\d+)/.exec(stderr)?.[1] ?? /maxRSS=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
  const timedOut = r.error?.code === "ETIMEDOUT" || r.signal === "SIGTERM";
  return {
    wall,
    rssMiB: rss,
    status: timedOut ? `killed after ${CHILD_TIMEOUT_MS / 1000} s` : `exit ${r.status}`,
    stdout: r.stdout ?? "",
    stderr,
    outBytes: outFile ? statSync(outFile).size : r.stdout ? Buffer.byteLength(r.stdout) : 0,
  };
}

/** The library child: reads the files from chunks with readFactsSync (row limit raised), scores them lazily and builds every unit's explanation. */
const LIB_CHILD = `
const { readFileSync } = require("node:fs");
const k = require("./dist/index.cjs");
const s = require("./dist/sheets/index.cjs");
const [rules, maxRows, ...files] = process.argv.slice(1);
const t = () => Number(process.hrtime.bigint()) / 1e6;
const t0 = t();
const crs = k.compileRuleSet(k.loadRuleSet(readFileSync(rules, "utf8")).ruleSet);
const t1 = t();
// Each file in chunks of 1 MiB, as the command reads it; the cohort scored lazily, and every
// unit then scored in full (with its explanation) and dropped, as the command writes it out.
const { openSync, readSync, closeSync } = require("node:fs");
function* chunks(f) {
  const fd = openSync(f, "r");
  for (;;) {
    const b = new Uint8Array(1 << 20);
    const n = readSync(fd, b, 0, b.length, null);
    if (!n) break;
    yield b.subarray(0, n);
  }
  closeSync(fd);
}
const inputs = files.map((f) => ({ name: f, chunks: () => chunks(f) }));
const read = s.readFactsSync(inputs, { ruleSet: crs, limits: { maxRows: Number(maxRows) } });
const t2 = t();
const cohort = k.scoreCohortLazily(crs, read.units, { trace: true });
let scored = 0;
let traced = 0;
for (const u of cohort.units()) if (u.outcome.ok) { scored++; traced += u.outcome.trace.length; }
const t3 = t();
const codes = {};
for (const u of cohort.ranking)
  if (!u.outcome.ok) for (const i of u.outcome.issues ?? []) codes[i.code + " " + (i.path ?? []).join(".")] = (codes[i.code + " " + (i.path ?? []).join(".")] ?? 0) + 1;
console.log(JSON.stringify({
  compileMs: t1 - t0, readMs: t2 - t1, scoreMs: t3 - t2,
  units: read.units.length, scored, traced, issues: read.issues.length + cohort.issues.length,
  firstIssue: (read.issues[0] ?? cohort.issues[0])?.code ?? null,
  rows: read.summary ?? null, codes,
}));
console.error("maxRSS=" + process.resourceUsage().maxRSS);
`;

function libRun(files, maxRows) {
  const r = measure(["-e", LIB_CHILD, RULES, String(maxRows), ...files]);
  let info = null;
  try {
    info = JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
  } catch {}
  return { ...r, info };
}

/** Units scored in a JSON result file, counted in chunks (the file may pass the string limit). */
function countScored(file) {
  const needle = Buffer.from('\n      "ok": true,');
  const fd = openSync(file, "r");
  const buf = Buffer.alloc(1 << 24);
  let n = 0;
  let carry = Buffer.alloc(0);
  for (;;) {
    const got = readSync(fd, buf, 0, buf.length, null);
    if (!got) break;
    const chunk = Buffer.concat([carry, buf.subarray(0, got)]);
    for (let i = chunk.indexOf(needle); i !== -1; i = chunk.indexOf(needle, i + 1)) n++;
    carry = chunk.subarray(Math.max(0, chunk.length - needle.length + 1));
  }
  closeSync(fd);
  return n;
}

function cliRun(files, outFile, format = ["--format", "json", "--no-trace"]) {
  const args = [join(pkg, "bin/kaohe.cjs"), "score", "--rules", RULES, ...format];
  for (const f of files) args.push("--facts", f);
  const r = measure(args, outFile);
  let scored = null;
  if (outFile && r.outBytes) scored = countScored(outFile);
  const errs = r.stderr
    .split("\n")
    .filter((l) => l.trim() && !/TIME_MAXRSS|non-zero status/.test(l));
  const firstErr =
    errs.find((l) => /[A-Z]_[A-Z_]+|^\w*Error\b/.test(l.trim()))?.trim() ??
    (r.status === "exit 0" ? null : errs.at(-1));
  return { ...r, scored, firstErr: firstErr?.slice(0, 140) ?? null };
}

// ---------------------------------------------------------------------------------------------
// (c) the JSON fast path against JSON.parse, in this process

async function jsonRatios(n, seed) {
  const { parseUnitsJson } = createRequire(join(pkg, "x.cjs"))("./dist/sheets/index.cjs");
  const g = makeGenerator(seed);
  const units = [];
  for (let i = 0; i < n; i++) {
    // The facts other than findings, as in earlier runs (comparable figures).
    const cells = g.unit();
    const facts = {};
    for (const [k, v] of Object.entries(cells)) {
      const m = /^(.*)\[(.*)\]$/.exec(k);
      const val = v === "是" ? true : v === "否" ? false : v.endsWith("%") ? v : Number(v);
      if (m) {
        facts[m[1]] ??= {};
        facts[m[1]][m[2]] = val;
      } else facts[k] = val;
    }
    units.push({ id: unitId(i), category: g.chance(0.2) ? "chengzhong" : "other", facts });
  }
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const out = [];
  for (const [name, indent] of [
    ["compact", 0],
    ["pretty-printed", 2],
  ]) {
    const text = JSON.stringify({ units }, null, indent);
    if (Buffer.byteLength(text) > 64 * 1024 * 1024) {
      out.push({ name: `${name}: over the 64 MiB limit of a JSON facts file, not measured` });
      continue;
    }
    const parse = [];
    const fast = [];
    // Alternating, after warm-up; CPU time, best and median of 30.
    for (let r = 0; r < 35; r++) {
      let t = cpu();
      JSON.parse(text);
      const a = cpu() - t;
      t = cpu();
      const o = parseUnitsJson(text, "units.json");
      const b = cpu() - t;
      if (o.units.length !== n || o.issues.length)
        throw new Error(
          `JSON read went the slow way: ${JSON.stringify(o.issues[0]).slice(0, 300)}`,
        );
      if (r >= 5) {
        parse.push(a);
        fast.push(b);
      }
    }
    const best = (xs) => Math.min(...xs);
    const med = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    out.push({
      name,
      mb: Buffer.byteLength(text) / 1e6,
      parseBest: best(parse),
      fastBest: best(fast),
      parseMed: med(parse),
      fastMed: med(fast),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const opts = parseArgs(process.argv.slice(2));
if (!existsSync(join(root, "dist/cli/main.cjs"))) {
  console.error("bench/sheets.mjs needs the build: npm run build");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "kaohe-bench-sheets-"));
pkg = join(dir, "kaohe");
mkdirSync(join(pkg, "bin"), { recursive: true });
cpSync(join(root, "dist"), join(pkg, "dist"), { recursive: true });
cpSync(join(root, "bin/kaohe.cjs"), join(pkg, "bin/kaohe.cjs"));
cpSync(join(root, "package.json"), join(pkg, "package.json"));
symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"), "dir");
const f1 = (x) => x.toFixed(1);
const mib = (b) => `${f1(b / 1048576)} MiB`;
const lines = [];
const row = (...c) => {
  const l = `| ${c.join(" | ")} |`;
  lines.push(l);
  console.log(l);
};

try {
  console.log(
    `kaohe sheets bench: ${new Date().toISOString()}, node ${process.version}, load ${loadavg()
      .map(f1)
      .join(" ")}, seed ${opts.seed}, temp ${dir}`,
  );

  // (a) a wide CSV of N units, every fact given (findings as counts).
  let t = Date.now();
  const wideA = join(dir, "wide.csv");
  const sizeA = wideCsv(wideA, opts.units, opts.seed, true);
  console.log(`(a) wrote ${opts.units} units, ${mib(sizeA)} in ${Date.now() - t} ms`);

  // (b) a long CSV of R rows over M units, with a wide CSV of their other facts.
  t = Date.now();
  const wideB = join(dir, "wide-b.csv");
  const longB = join(dir, "findings.csv");
  const sizeBw = wideCsv(wideB, opts["long-units"], opts.seed + 1, false);
  const sizeBl = longCsv(longB, opts["long-units"], opts.rows, opts.seed);
  console.log(
    `(b) wrote ${opts["long-units"]} units (${mib(sizeBw)}) and ${opts.rows} findings (${mib(sizeBl)}) in ${Date.now() - t} ms`,
  );

  console.log("");
  row("run", "wall s", "peak RSS MiB", "status", "units scored", "notes");
  row("---", "---:", "---:", "---", "---:", "---");
  const report = (name, r, scored, note) =>
    row(name, f1(r.wall), f1(r.rssMiB), r.status, scored ?? "-", note);

  const a1 = cliRun([wideA], join(dir, "a-cli.json"));
  report(
    `(a) CLI score, ${opts.units} units wide`,
    a1,
    a1.scored,
    a1.firstErr ?? `stdout ${mib(a1.outBytes)}`,
  );
  // The CSV writer: three files (scores, deductions, flags), the trace on (deductions need it).
  const a1c = cliRun([wideA], null, ["--format", "csv", "--out", join(dir, "a-out/")]);
  const written = a1c.stdout.split("\n").filter((f) => f && existsSync(f));
  const outSize = written.reduce((t, f) => t + statSync(f).size, 0);
  report(
    `(a) CLI score --format csv --out`,
    a1c,
    "-",
    a1c.firstErr ?? `${written.length} files, ${mib(outSize)}`,
  );
  const a2 = libRun([wideA], Math.max(200_000, opts.units + 10));
  report(
    `(a) library readFactsSync (chunks) + scoreCohortLazily, every unit explained`,
    a2,
    a2.info?.scored,
    a2.info
      ? `read ${Math.round(a2.info.readMs)} ms, score ${Math.round(a2.info.scoreMs)} ms, ${a2.info.issues} issues${Object.keys(a2.info.codes).length ? ` ${JSON.stringify(a2.info.codes).slice(0, 200)}` : ""}`
      : a2.stderr.slice(-200),
  );

  const b1 = cliRun([wideB, longB], join(dir, "b-cli.json"), [
    ...["--format", "json", "--no-trace"],
    ...["--max-rows", String(opts.rows + 10)],
  ]);
  report(
    `(b) CLI score, ${opts["long-units"]} units + ${opts.rows} rows`,
    b1,
    b1.scored,
    b1.firstErr ?? `stdout ${mib(b1.outBytes)}`,
  );
  const b2 = libRun([wideB, longB], opts.rows + 10);
  report(
    `(b) library, row limit raised to ${opts.rows + 10}`,
    b2,
    b2.info?.scored,
    b2.info
      ? `read ${Math.round(b2.info.readMs)} ms, score ${Math.round(b2.info.scoreMs)} ms, ${b2.info.issues} issues${b2.info.firstIssue ? ` (first ${b2.info.firstIssue})` : ""}`
      : b2.stderr.slice(-200),
  );

  // (c)
  console.log("");
  const j = await jsonRatios(opts["json-units"], opts.seed);
  row(
    `(c) JSON, ${opts["json-units"]} units`,
    "MB",
    "JSON.parse ms",
    "fast path ms",
    "ratio (best)",
    "ratio (median)",
  );
  row("---", "---:", "---:", "---:", "---:", "---:");
  for (const x of j)
    if (x.mb === undefined) console.log(x.name);
    else
      row(
        x.name,
        f1(x.mb),
        `${f1(x.parseBest)} (median ${f1(x.parseMed)})`,
        `${f1(x.fastBest)} (median ${f1(x.fastMed)})`,
        `${(x.fastBest / x.parseBest).toFixed(2)}×`,
        `${(x.fastMed / x.parseMed).toFixed(2)}×`,
      );
  console.log(`\nload after: ${loadavg().map(f1).join(" ")}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
