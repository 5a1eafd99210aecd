// kaohe benchmark: compile time, scoring throughput against two hand-written plain-JS baselines
// measured in the same run (bench/plain.mjs: no validation; bench/plain-validated.mjs: the same
// checks of the facts as kaohe), trace on and off, a differential check of every total, and a
// refusal check of broken units against the validating baseline.
//
//   npm run bench                      # 100000 units, seed 20261122, 5 repeats
//   node bench/run.mjs --units 20000 --seed 7 --repeats 3 --refusals 500
//
// Needs the built package (npm run build).

import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileRuleSet, loadRuleSet, scoreUnit } from "../dist/index.js";
import { breakdownPlain, scorePlain } from "./plain.mjs";
import { scoreValidated } from "./plain-validated.mjs";
import { generateUnits } from "./units.mjs";

const RULES = "hubei/caizheng-bianzhi-2009-h1";
const WARMUP_UNITS = 2000;
const COMPILE_RUNS = 20;
const SHOW_MISMATCHES = 5;

// ---------------------------------------------------------------------------------------------
// Arguments

const USAGE = "usage: node bench/run.mjs [--units N] [--seed S] [--repeats R] [--refusals M]";

function parseArgs(argv) {
  const opts = { units: 100_000, seed: 20261122, repeats: 5, refusals: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(units|seed|repeats|refusals)(?:=(.*))?$/.exec(a);
    if (!m) {
      console.error(`unknown argument ${a}\n${USAGE}`);
      process.exit(2);
    }
    const raw = m[2] ?? argv[++i];
    const n = Number(raw);
    const least = m[1] === "units" || m[1] === "repeats" ? 1 : 0;
    if (!Number.isSafeInteger(n) || n < least) {
      console.error(`--${m[1]} needs a whole number of at least ${least}, got ${raw}`);
      process.exit(2);
    }
    opts[m[1]] = n;
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Timing helpers

const now = () => process.hrtime.bigint();
const ms = (ns) => Number(ns) / 1e6;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

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

function runValidated(units) {
  let acc = 0;
  for (let i = 0; i < units.length; i++) {
    const r = scoreValidated(units[i]);
    acc += r.ok ? r.total : -1;
  }
  sink += acc;
  return acc;
}

function timeIt(fn) {
  globalThis.gc?.();
  const t0 = now();
  fn();
  return ms(now() - t0);
}

// ---------------------------------------------------------------------------------------------
// Broken units for the refusal check: each takes a clone of a generated unit and changes it, so
// that kaohe and the validating baseline must both refuse it with the same problems, or both
// score it the same way (the forms kaohe accepts: 是/否, "3", "87.5%", full-width digits, …).

const MUTATIONS = [
  [
    "misspelt fact",
    (u) => {
      delete u.facts.pages_tidy;
      u.facts.pages_tid = true;
    },
  ],
  [
    "unknown fact",
    (u) => {
      u.facts.remarks = "见附件";
    },
  ],
  [
    "key constructor",
    (u) => {
      u.facts.constructor = 1;
    },
  ],
  [
    "boolean as 1",
    (u) => {
      u.facts.info_timely_updated = 1;
    },
  ],
  [
    "boolean as 是/否",
    (u) => {
      u.facts.pages_correct = "是";
      u.facts.leads_not_reported = " 否 ";
    },
  ],
  [
    "boolean as yes",
    (u) => {
      u.facts.site_distinctive = "yes";
    },
  ],
  [
    "boolean null",
    (u) => {
      u.facts.data_orderly = null;
    },
  ],
  [
    "required fact missing",
    (u) => {
      delete u.facts.free_query_column;
    },
  ],
  [
    "rural query points missing",
    (u) => {
      delete u.facts.rural_query_points_active;
    },
  ],
  [
    "count -1",
    (u) => {
      u.facts.overview_defects = -1;
    },
  ],
  [
    "count 1.5",
    (u) => {
      u.facts.staffing_table_errors = 1.5;
    },
  ],
  [
    "count as text",
    (u) => {
      u.facts.staffing_table_blanks = "3";
      u.facts.duties_blank_units = "２";
    },
  ],
  [
    "count 3%",
    (u) => {
      u.facts.duties_irregular_units = "3%";
    },
  ],
  [
    "count over its max",
    (u) => {
      u.facts.overview_parts_missing = 3;
    },
  ],
  [
    "rate 120",
    (u) => {
      u.facts.realname_rate_admin = 120;
    },
  ],
  [
    "rate -1",
    (u) => {
      u.facts.realname_rate_institutions = -1;
    },
  ],
  [
    "rate as 87.5%",
    (u) => {
      u.facts.realname_rate_admin = "87.5%";
    },
  ],
  [
    "rate 0.9 (scale warning)",
    (u) => {
      u.facts.realname_rate_institutions = 0.9;
    },
  ],
  [
    "rate as text",
    (u) => {
      u.facts.realname_rate_admin = "八十";
    },
  ],
  [
    "number -5",
    (u) => {
      u.facts.admin_posts_total = -5;
    },
  ],
  [
    "number 12%",
    (u) => {
      u.facts.admin_posts_approved = "12%";
    },
  ],
  [
    "findings as text",
    (u) => {
      u.facts.funds_late = "abc";
    },
  ],
  [
    "findings as a count",
    (u) => {
      u.facts.funds_late = 3;
    },
  ],
  [
    "impossible date",
    (u) => {
      u.facts.staffing_changes = [{ date: "2009-02-30", done: "2009-03-02" }];
    },
  ],
  [
    "badly written done",
    (u) => {
      u.facts.staffing_changes = [{ date: "2009-02-03", done: "2009-3-2" }];
    },
  ],
  [
    "done before date",
    (u) => {
      u.facts.staffing_changes = [{ date: "2009-02-03", done: "2009-02-01" }];
    },
  ],
  [
    "change not done",
    (u) => {
      u.facts.staffing_changes = [{ date: "2009-02-03", note: "增设科室" }];
    },
  ],
  [
    "undated change",
    (u) => {
      u.facts.staffing_changes = [{ done: "2009-02-03" }];
    },
  ],
  [
    "finding field unknown",
    (u) => {
      u.facts.internal_org_blanks = [{ subject: "单位1", where: "表二" }];
    },
  ],
  [
    "finding count 0",
    (u) => {
      u.facts.staff_errors = [{ subject: "单位2", count: 0 }];
    },
  ],
  [
    "finding count as text",
    (u) => {
      u.facts.staff_blanks = [{ subject: "单位2", count: "2" }];
    },
  ],
  [
    "finding tags",
    (u) => {
      u.facts.staff_blanks = [{ subject: "单位1", tags: ["a", 1] }];
    },
  ],
  [
    "finding amount -1",
    (u) => {
      u.facts.funds_late = [{ note: "专项资金1", amount: "-1" }];
    },
  ],
  [
    "finding subject missing",
    (u) => {
      u.facts.internal_org_errors = [{ count: 2 }];
    },
  ],
  [
    "bare count, per sub-unit",
    (u) => {
      u.facts.internal_org_blanks = 2;
    },
  ],
  [
    "finding without kind",
    (u) => {
      u.facts.reply_failures = [{ count: 1 }];
    },
  ],
  [
    "finding of another kind",
    (u) => {
      u.facts.reply_failures = [{ kind: "其他" }];
    },
  ],
  [
    "finding as text, kinds declared",
    (u) => {
      u.facts.reply_failures = ["未回复"];
    },
  ],
  [
    "findings outside (三)'s window",
    (u) => {
      u.facts.replies_late = [{ count: 2 }, { date: "2009-07-15" }];
    },
  ],
  [
    "findings inside (二)'s window",
    (u) => {
      u.facts.staff_errors = [{ subject: "单位3", count: 7, date: "2009-03-01" }];
    },
  ],
  [
    "period 2009-13",
    (u) => {
      u.facts.news_monthly = { ...u.facts.news_monthly, "2009-13": 2 };
    },
  ],
  [
    "period value 3%",
    (u) => {
      u.facts.news_monthly = { ...u.facts.news_monthly, "2009-02": "3%" };
    },
  ],
  [
    "quarter among months",
    (u) => {
      u.facts.news_monthly = { ...u.facts.news_monthly, "2009-Q1": 6 };
    },
  ],
  [
    "series as a list",
    (u) => {
      u.facts.news_monthly = [2, 2, 2];
    },
  ],
  [
    "category unknown",
    (u) => {
      u.category = "xian";
    },
  ],
  [
    "category missing",
    (u) => {
      delete u.category;
    },
  ],
  [
    "facts a list",
    (u) => {
      u.facts = [];
    },
  ],
  [
    "cohort fact given",
    (u) => {
      u.facts.funds_late_by_share = 1;
    },
  ],
  [
    "three problems",
    (u) => {
      u.facts.overview_defects = "x";
      u.facts.realname_rate_admin = 101;
      delete u.facts.pages_tidy;
    },
  ],
];

const issueKeys = (list) =>
  (list ?? [])
    .map((i) => `${i.code}@${i.path.join(".")}`)
    .sort()
    .join(" ");

/** Scores M broken units with kaohe and the validating baseline; returns the disagreements. */
function refusalCheck(compiled, units, m) {
  const out = { tried: 0, refused: 0, scored: 0, disagree: [] };
  for (let i = 0; i < m; i++) {
    const [name, mutate] = MUTATIONS[i % MUTATIONS.length];
    const unit = structuredClone(units[i % units.length]);
    mutate(unit);
    const k = scoreUnit(compiled, unit, { trace: false });
    const p = scoreValidated(unit);
    out.tried++;
    const kk = k.ok
      ? `scored ${k.total.toFixed(2)} ${issueKeys(k.warnings)}`
      : `refused ${issueKeys(k.issues)}`;
    const pk = p.ok
      ? `scored ${p.total.toFixed(2)} ${issueKeys(p.warnings)}`
      : `refused ${issueKeys(p.issues)}`;
    if (kk !== pk) out.disagree.push({ name, unit: unit.id, kaohe: kk, plain: pk });
    else if (k.ok) out.scored++;
    else out.refused++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

const opts = parseArgs(process.argv.slice(2));
const here = dirname(fileURLToPath(import.meta.url));
const rulesFile = join(here, "..", "rules", RULES, "rules.yaml");
const text = readFileSync(rulesFile, "utf8");
const load0 = loadavg()[0];
const started = Date.now();

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

// Warm up every implementation so that each is measured optimised.
const TRACE_ON = { trace: true };
const TRACE_OFF = { trace: false };
for (let i = 0; i < 3; i++) {
  runKaohe(compiled, warm, TRACE_ON);
  runKaohe(compiled, warm, TRACE_OFF);
  runValidated(warm);
  runPlain(warm);
}

// (b) Each line measured `repeats` times; each repeat starts one line later, so that no line
// always runs after the same one; medians reported.
const LINES = [
  { name: "kaohe, trace on", run: () => runKaohe(compiled, units, TRACE_ON) },
  { name: "kaohe, trace off", run: () => runKaohe(compiled, units, TRACE_OFF) },
  { name: "plain JS, validating", run: () => runValidated(units) },
  { name: "plain JS, no validation", run: () => runPlain(units) },
];
const times = new Map(LINES.map((l) => [l.name, []]));
for (let rep = 0; rep < opts.repeats; rep++) {
  for (let k = 0; k < LINES.length; k++) {
    const line = LINES[(rep + k) % LINES.length];
    times.get(line.name).push(timeIt(line.run));
  }
  process.stderr.write(`repeat ${rep + 1}/${opts.repeats} done\n`);
}
const med = (name) => median(times.get(name));

// (c) Differential check, outside the timed loops: every kaohe total against both baselines.
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
  const v = scoreValidated(u);
  const vt = v.ok ? v.total.toFixed(2) : "(refused)";
  if (r.ok && r.total.toFixed(2) === p && vt === p) {
    agree++;
    continue;
  }
  mismatches.push({ unit: u, result: r, plain: p, validated: v });
}

// (d) Refusal check: broken units, kaohe against the validating baseline.
const refusals = refusalCheck(compiled, units, opts.refusals);

// Report: one table.
const n = opts.units;
const fmt = (x, d = 0) =>
  x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
const plainMs = med("plain JS, no validation");
const validMs = med("plain JS, validating");
console.log(`kaohe bench — rules: ${RULES}, units: ${fmt(n)} (seed ${opts.seed})`);
console.log(
  `node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}; load average ${load0.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end; ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(
  `median of ${opts.repeats} alternating repeats; warm-up 3 × ${fmt(WARMUP_UNITS)} units; load (parse+check) ${loadMs.toFixed(2)} ms, compile ${compileMs.toFixed(2)} ms (means of ${COMPILE_RUNS})`,
);
console.log("");
console.log("| line | ms | units/s | × plain, validating | × plain, no validation | runs (ms) |");
console.log("| --- | ---: | ---: | ---: | ---: | --- |");
for (const line of LINES) {
  const t = med(line.name);
  console.log(
    `| ${line.name} | ${fmt(t, 1)} | ${fmt(n / (t / 1000))} | ${fmt(t / validMs, 2)}× | ${fmt(t / plainMs, 2)}× | ${times
      .get(line.name)
      .map((x) => x.toFixed(0))
      .join(", ")} |`,
  );
}
console.log("");
const on = med("kaohe, trace on");
const off = med("kaohe, trace off");
const verdict = (ok) => (ok ? "met" : "NOT met");
console.log(
  `target: trace on ≤ 1.5× trace off: ${fmt(on / off, 2)}× — ${verdict(on / off <= 1.5)}`,
);
console.log(
  `target: kaohe ≤ 10× plain JS doing the same validation: trace off ${fmt(off / validMs, 1)}× — ${verdict(off / validMs <= 10)}; trace on ${fmt(on / validMs, 1)}× — ${verdict(on / validMs <= 10)}`,
);
const unfired = clauseIds.filter((id) => fired.get(id) === 0);
console.log(
  `clauses fired: ${clauseIds.length - unfired.length} / ${clauseIds.length}` +
    (unfired.length ? ` (never: ${unfired.join(", ")})` : "") +
    `; caps bitten: ${[...capsBit.keys()].length} rules`,
);
console.log(
  `differential check: ${fmt(agree)} / ${fmt(n)} totals agree (kaohe, plain, plain validating)`,
);
console.log(
  `refusal check: ${fmt(refusals.tried - refusals.disagree.length)} / ${fmt(refusals.tried)} broken units agree with the validating baseline ` +
    `(${fmt(refusals.refused)} refused by both with the same problems, ${fmt(refusals.scored)} scored by both alike; ${MUTATIONS.length} kinds of change)`,
);

if (mismatches.length) {
  console.log(`\n${mismatches.length} mismatches; the first ${SHOW_MISMATCHES}:`);
  for (const m of mismatches.slice(0, SHOW_MISMATCHES)) {
    const { unit, result, plain, validated } = m;
    const vt = validated.ok ? validated.total.toFixed(2) : `refused ${issueKeys(validated.issues)}`;
    console.log(`\n  unit ${unit.id} (${unit.category}): plain ${plain}, plain validating ${vt}`);
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
if (refusals.disagree.length) {
  console.log(`\n${refusals.disagree.length} refusal disagreements; the first ${SHOW_MISMATCHES}:`);
  for (const d of refusals.disagree.slice(0, SHOW_MISMATCHES))
    console.log(`  ${d.unit} (${d.name}):\n    kaohe: ${d.kaohe}\n    plain: ${d.plain}`);
}
if (sink === -1) console.log(sink); // never true; keeps `sink` live
process.exit(mismatches.length || refusals.disagree.length ? 1 : 0);
