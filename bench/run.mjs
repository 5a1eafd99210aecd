// kaohe benchmark: compile time, scoring throughput against a hand-written plain-JS baseline
// (bench/plain.mjs) measured in the same run, and a differential check of every total.
//
//   npm run bench                      # 100000 units, seed 20261122
//   node bench/run.mjs --units 20000 --seed 7
//
// Needs the built package (npm run build).

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileRuleSet, loadRuleSet, scoreUnit } from "../dist/index.js";
import { breakdownPlain, scorePlain } from "./plain.mjs";

const RULES = "hubei/caizheng-bianzhi-2009-h1";
const WARMUP_UNITS = 2000;
const REPEATS = 3;
const COMPILE_RUNS = 20;
const SHOW_MISMATCHES = 5;

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { units: 100_000, seed: 20261122 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(units|seed)(?:=(.*))?$/.exec(a);
    if (!m) {
      console.error(`unknown argument ${a}\nusage: node bench/run.mjs [--units N] [--seed S]`);
      process.exit(2);
    }
    const raw = m[2] ?? argv[++i];
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < (m[1] === "units" ? 1 : 0)) {
      console.error(`--${m[1]} needs a whole number, got ${raw}`);
      process.exit(2);
    }
    opts[m[1]] = n;
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Deterministic unit generator

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

function makeGenerator(seed) {
  const rnd = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p) => rnd() < p;
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  /** A requirement met (检查项): mostly true. */
  const ok = () => chance(0.85);
  /** A breach (违规情形): mostly false. */
  const breach = () => chance(0.12);
  /** A count of occurrences: mostly 0–3, sometimes large enough that the caps bite. */
  const count = () => (chance(0.88) ? pick([0, 0, 0, 1, 1, 2, 3]) : int(4, 40));
  /**
   * A rate in %: 60–100 with one decimal, often exactly 100; a 3% tail down to 20% so that the
   * 5-point cap of 二.8 (reached only below 55%) is exercised too.
   */
  const rate = () => (chance(0.3) ? 100 : chance(0.97) ? int(600, 1000) / 10 : int(200, 599) / 10);
  const subjects = ["单位1", "单位2", "单位3", "单位4", "单位5"];
  /** Findings by sub-unit (每处/每人, 一个单位最多扣…): counts that sometimes pass 5 per unit. */
  const findings = () => {
    if (chance(0.45)) return [];
    const n = chance(0.9) ? int(1, 4) : int(5, 12);
    const out = [];
    for (let i = 0; i < n; i++) {
      const f = { subject: pick(subjects) };
      if (chance(0.5)) f.count = chance(0.85) ? int(1, 3) : int(4, 9);
      out.push(f);
    }
    return out;
  };
  const funds = () => {
    const n = chance(0.65) ? 0 : chance(0.9) ? int(1, 3) : int(4, 25);
    const out = [];
    for (let i = 0; i < n; i++) out.push({ note: `专项资金${int(1, 60)}` });
    return out;
  };
  const replyKinds = ["应回复未回复", "不应公开而公开答复"];
  const replyFailures = () => {
    const n = chance(0.6) ? 0 : chance(0.85) ? int(1, 3) : int(4, 12);
    const out = [];
    for (let i = 0; i < n; i++) {
      const f = { kind: pick(replyKinds) };
      if (chance(0.3)) f.count = int(1, 4);
      out.push(f);
    }
    return out;
  };

  const pad = (n) => String(n).padStart(2, "0");
  /** A date between 2008-11-20 and 2009-07-10, so that some fall outside (二)'s window. */
  const dateIn = () => {
    const t = Date.UTC(2008, 10, 20) + int(0, 232) * 86_400_000;
    return new Date(t).toISOString().slice(0, 10);
  };
  const plusDays = (d, n) =>
    new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  /** Staffing changes and their updates: mostly prompt, some after the 30 working days. */
  const changes = () => {
    const n = chance(0.5) ? 0 : int(1, 3);
    const out = [];
    for (let i = 0; i < n; i++) {
      const date = dateIn();
      out.push({ date, done: plusDays(date, chance(0.8) ? int(0, 40) : int(41, 70)) });
    }
    return out;
  };
  /** News items per month: mostly two or more, now and then a month short or not given. */
  const news = () => {
    const out = {};
    for (let m = 1; m <= 6; m++)
      if (!chance(0.03)) out[`2009-${pad(m)}`] = chance(0.93) ? int(2, 6) : int(0, 1);
    if (chance(0.2)) out["2008-12"] = int(0, 3);
    return out;
  };

  return (i) => {
    const approved = int(100, 3000);
    const facts = {
      funds_late: funds(),
      funds_reduced_without_approval: chance(0.03),
      staffing_info_incomplete: breach(),
      staffing_changes: changes(),
      staffing_secrecy_breach: chance(0.05),
      admin_posts_total: chance(0.15) ? approved + int(1, 40) : approved - int(0, 60),
      admin_posts_approved: approved,
      staffing_diff_unexplained: breach(),
      actual_public_unexplained: breach(),
      overview_parts_missing: chance(0.8) ? 0 : int(1, 2),
      overview_misplaced: breach(),
      overview_defects: count(),
      duties_blank_units: count(),
      duties_irregular_units: count(),
      staffing_table_blanks: count(),
      staffing_table_errors: count(),
      internal_org_blanks: findings(),
      internal_org_errors: findings(),
      staff_blanks: findings(),
      staff_errors: findings(),
      realname_rate_admin: rate(),
      realname_rate_institutions: rate(),
      complaints_reported_and_handled: ok(),
      reply_failures: replyFailures(),
      replies_late: count(),
      replies_perfunctory: count(),
      password_reply_misuse: count(),
      rural_query_points_active: ok(),
      school_query_activities: ok(),
      mobile_query_activities: ok(),
      news_monthly: news(),
      info_timely_updated: ok(),
      free_query_point_ok: ok(),
      special_staff_in_place: ok(),
      half_year_summary_submitted: ok(),
      self_assessment_done: ok(),
      other_tasks_done: ok(),
      exposure_not_reported_48h: chance(0.06),
      leads_not_reported: chance(0.06),
      tech_staff_and_rules: ok(),
      site_distinctive: ok(),
      pages_tidy: ok(),
      pages_correct: ok(),
      free_query_column: ok(),
      data_orderly: ok(),
    };
    return { id: `U${i + 1}`, category: chance(0.2) ? "chengzhong" : "other", facts };
  };
}

function generateUnits(n, seed) {
  const gen = makeGenerator(seed);
  const units = new Array(n);
  for (let i = 0; i < n; i++) units[i] = gen(i);
  return units;
}

// ---------------------------------------------------------------------------------------------
// Timing helpers

const now = () => process.hrtime.bigint();
const ms = (ns) => Number(ns) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Keeps results observable so that no loop can be optimised away. */
let sink = 0;

function runKaohe(compiled, units, options) {
  let okCount = 0;
  for (let i = 0; i < units.length; i++) {
    const r = scoreUnit(compiled, units[i], options);
    if (r.ok) okCount++;
  }
  sink += okCount;
  return okCount;
}

function runPlain(units) {
  let acc = 0;
  for (let i = 0; i < units.length; i++) acc += scorePlain(units[i]);
  sink += acc;
  return acc;
}

function timeIt(fn) {
  const t0 = now();
  fn();
  return ms(now() - t0);
}

// ---------------------------------------------------------------------------------------------
// Main

const opts = parseArgs(process.argv.slice(2));
const here = dirname(fileURLToPath(import.meta.url));
const rulesFile = join(here, "..", "rules", RULES, "rules.yaml");
const text = readFileSync(rulesFile, "utf8");

const loaded = loadRuleSet(text, { file: rulesFile });
if (!loaded.ok) {
  console.error("the rule set does not load:");
  for (const i of loaded.issues) console.error(`  ${i.code} ${i.message}`);
  process.exit(1);
}
let compiled = compileRuleSet(loaded.ruleSet);

// (a) Load (parse YAML + validate) and compile, each the mean of several runs after a warm-up.
for (let i = 0; i < 3; i++) compileRuleSet(loadRuleSet(text).ruleSet);
let loadMs = 0;
let compileMs = 0;
for (let i = 0; i < COMPILE_RUNS; i++) {
  const t0 = now();
  const r = loadRuleSet(text, { file: rulesFile });
  const t1 = now();
  compiled = compileRuleSet(r.ruleSet);
  const t2 = now();
  loadMs += ms(t1 - t0);
  compileMs += ms(t2 - t1);
}
loadMs /= COMPILE_RUNS;
compileMs /= COMPILE_RUNS;

const units = generateUnits(opts.units, opts.seed);
const warm = generateUnits(WARMUP_UNITS, opts.seed ^ 0x5eed);

// Warm up both implementations so that both are measured optimised.
const NO_TRACE = { trace: false };
for (let i = 0; i < 3; i++) {
  runKaohe(compiled, warm);
  runKaohe(compiled, warm, NO_TRACE);
  runPlain(warm);
}

// (b), (c): each measured REPEATS times, interleaved, median reported.
const kaoheTimes = [];
const bulkTimes = [];
const plainTimes = [];
for (let rep = 0; rep < REPEATS; rep++) {
  kaoheTimes.push(timeIt(() => runKaohe(compiled, units)));
  bulkTimes.push(timeIt(() => runKaohe(compiled, units, NO_TRACE)));
  plainTimes.push(timeIt(() => runPlain(units)));
}
const kaoheMs = median(kaoheTimes);
const bulkMs = median(bulkTimes);
const plainMs = median(plainTimes);

// (e) Differential check, outside the timed loops: every kaohe total against the baseline.
// Also records which clauses and caps fired, to show that the generated units exercise them all.
const clauseIds = [];
const walk = (nodes) => {
  for (const nd of nodes) {
    for (const c of nd.clauses ?? []) clauseIds.push(c.id);
    walk(nd.children ?? []);
  }
};
walk(compiled.source.tree);
const fired = new Map(clauseIds.map((id) => [id, 0]));
const capsBit = new Map();
let agree = 0;
const mismatches = [];
for (const u of units) {
  const r = scoreUnit(compiled, u);
  if (r.ok) {
    for (const e of r.trace) {
      if (fired.has(e.rule) && e.kind !== "not-applicable")
        fired.set(e.rule, fired.get(e.rule) + 1);
      if (e.kind === "deduct-cap" || e.detail.includes("为止") || e.detail.includes("为限"))
        capsBit.set(e.rule, (capsBit.get(e.rule) ?? 0) + 1);
    }
  }
  const p = scorePlain(u).toFixed(2);
  if (r.ok && r.total.toFixed(2) === p) {
    agree++;
    continue;
  }
  mismatches.push({ unit: u, result: r, plain: p });
}

// Report.
const n = opts.units;
const rate = (t) => Math.round(n / (t / 1000));
const col = (label, value, extra = "") =>
  `${label.padEnd(20)}${value.padStart(12)}${extra ? `   ${extra}` : ""}`;
console.log(`kaohe bench — rules: ${RULES}, units: ${n} (seed ${opts.seed})`);
console.log(`node ${process.version}, ${REPEATS} runs each, median; warm-up ${WARMUP_UNITS} units`);
console.log(col("load (parse+check)", `${loadMs.toFixed(2)} ms`, `mean of ${COMPILE_RUNS}`));
console.log(col("compile", `${compileMs.toFixed(2)} ms`, `mean of ${COMPILE_RUNS}`));
console.log(
  col("kaohe scoreUnit", `${kaoheMs.toFixed(0)} ms`, `${rate(kaoheMs)} units/s`) +
    `   runs: ${kaoheTimes.map((t) => t.toFixed(0)).join(", ")} ms`,
);
console.log(
  col("plain JS baseline", `${plainMs.toFixed(0)} ms`, `${rate(plainMs)} units/s`) +
    `   runs: ${plainTimes.map((t) => t.toFixed(1)).join(", ")} ms`,
);
console.log(
  col("kaohe, trace off", `${bulkMs.toFixed(0)} ms`, `${rate(bulkMs)} units/s`) +
    `   runs: ${bulkTimes.map((t) => t.toFixed(0)).join(", ")} ms`,
);
console.log(
  col("ratio kaohe / plain", `${(kaoheMs / plainMs).toFixed(1)}×`, "with the explanation"),
);
console.log(
  col("ratio trace off", `${(bulkMs / plainMs).toFixed(1)}×`, "scores, grades, flags only"),
);
const unfired = clauseIds.filter((id) => fired.get(id) === 0);
console.log(
  `clauses fired: ${clauseIds.length - unfired.length} / ${clauseIds.length}` +
    (unfired.length ? ` (never: ${unfired.join(", ")})` : "") +
    `; caps bitten: ${[...capsBit.keys()].length} rules`,
);
console.log(`differential check: ${agree} / ${n} totals agree`);

if (mismatches.length) {
  console.log(`\n${mismatches.length} mismatches; the first ${SHOW_MISMATCHES}:`);
  for (const m of mismatches.slice(0, SHOW_MISMATCHES)) {
    const { unit, result, plain } = m;
    console.log(`\n  unit ${unit.id} (${unit.category}): plain ${plain}`);
    if (!result.ok) {
      console.log("    kaohe could not score it:");
      for (const i of result.issues)
        console.log(`      ${i.code} ${i.path.join(".")}: ${i.message}`);
    } else {
      console.log(`    kaohe ${result.total.toFixed(2)}`);
      const mine = breakdownPlain(unit);
      for (const [id, s] of Object.entries(mine)) {
        const k = result.nodes[id]?.score;
        const kt = k === undefined ? "(absent)" : k.toFixed(2);
        if (kt !== s.toFixed(2)) console.log(`    node ${id}: kaohe ${kt}, plain ${s.toFixed(2)}`);
      }
    }
    console.log(`    facts ${JSON.stringify(unit.facts)}`);
  }
}
if (sink === -1) console.log(sink); // never true; keeps `sink` live
process.exit(mismatches.length ? 1 : 0);
