import { resolve } from "node:path";
import { type CohortOptions, scoreCohort } from "../cohort/cohort.js";
import { cohortToJSON } from "../cohort/json.js";
import type { PreviousRun } from "../cohort/types.js";
import { type CompiledRuleSet, compileRuleSet } from "../compile/compile.js";
import { formatIssue, issue } from "../errors/issue.js";
import { renderExplanation, renderRanking } from "../explain/render.js";
import { parseSource } from "../load/document.js";
import {
  findRuleFiles,
  loadRuleSetFile,
  loadUnitsFile,
  readTextFile,
  testRuleFile,
} from "../node/index.js";
import { CalendarYearError, CN_CALENDAR } from "../time/calendar.js";
import { formatDate, parseDate } from "../time/date.js";
import { selectVersion } from "../time/versions.js";

const USAGE = `kaohe — 考核 rules as data, scored exactly and explained

Usage:
  kaohe check <rule-file>... [--params <file>]    validate and lint rule files (a template with its parameters)
  kaohe test [path]...                            run the cases of every rule set under path (default: rules)
  kaohe score --rules <file> [--params <file>] --facts <file> [--format json|text] [--no-trace]
              [--as-of DATE] [--window FROM..TO] [--previous <file>]
              [--rules <file> … | --params <file> …] --period DATE   choose the version in force
                                                  score the units of a facts file
  kaohe deadline --from <date> (--workdays N | --days N) [--count-start]
                                                  the due date on China's official working-day calendar
  kaohe help                                      this text

Exit status: 0 success, 1 errors or failed cases, 2 bad usage.`;

/** Output sinks, so that tests can capture what the CLI prints. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const processIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** Every value of a flag that may be given several times (--rules a --rules b). */
function flagValues(args: string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === name && args[i + 1] !== undefined) out.push(args[i + 1] as string);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  });
  return out;
}

function flagValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export function run(argv: string[], io: Io = processIo): number {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case "check":
      return check(args, io);
    case "test":
      return test(args, io);
    case "score":
      return score(args, io);
    case "deadline":
      return deadline(args, io);
    case "help":
    case "--help":
    case "-h":
      io.out(USAGE);
      return 0;
    default:
      io.err(cmd ? `unknown command "${cmd}"\n\n${USAGE}` : USAGE);
      return 2;
  }
}

function check(args: string[], io: Io): number {
  const params = flagValue(args, "--params");
  const files = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--params");
  if (!files.length) {
    io.err("kaohe check: name at least one rule file");
    return 2;
  }
  let failed = 0;
  for (const f of files) {
    const r = loadRuleSetFile(f, f, params ? { params } : {});
    if (!r.ok) {
      failed++;
      for (const i of r.issues) io.err(formatIssue(i));
      continue;
    }
    for (const w of r.warnings) io.err(formatIssue(w));
    // A template's parameters are named, and an unofficial allocation says so.
    const ed = r.ruleSet.edition;
    const edition = ed ? `, parameters ${ed.id}${ed.official ? "" : " (unofficial)"}` : "";
    io.out(
      `${f}: ok (${r.ruleSet.id}${edition}${r.warnings.length ? `, ${r.warnings.length} warning(s)` : ""})`,
    );
  }
  return failed ? 1 : 0;
}

function test(paths: string[], io: Io): number {
  const roots = paths.length ? paths : ["rules"];
  let passed = 0;
  let failed = 0;
  for (const root of roots) {
    let files: string[];
    try {
      files = findRuleFiles(root);
    } catch (e) {
      io.err(`kaohe test: ${(e as Error).message}`);
      failed++;
      continue;
    }
    if (!files.length) io.err(`kaohe test: no rule set under ${root}`);
    for (const f of files) {
      const rep = testRuleFile(f);
      if (rep.issues.length) {
        failed++;
        io.err(`FAIL ${rep.ruleFile} (rule set does not load)`);
        for (const i of rep.issues) io.err(`  ${formatIssue(i)}`);
        continue;
      }
      for (const w of rep.warnings) io.err(`  ${formatIssue(w)}`);
      for (const r of rep.reports) {
        for (const i of r.issues) {
          failed++;
          io.err(`FAIL ${formatIssue(i)}`);
        }
        for (const c of r.cases) {
          if (c.passed) {
            passed++;
            io.out(`ok   ${r.file} › ${c.name}`);
          } else {
            failed++;
            io.out(`FAIL ${r.file} › ${c.name}`);
            for (const p of c.problems) io.out(`     ${p}`);
          }
        }
      }
    }
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed || passed === 0 ? 1 : 0;
}

function deadline(args: string[], io: Io): number {
  const from = flagValue(args, "--from");
  const wd = flagValue(args, "--workdays");
  const days = flagValue(args, "--days");
  const countStart = args.includes("--count-start");
  const n = Number(wd ?? days);
  if (
    !from ||
    parseDate(from) === null ||
    (wd === undefined) === (days === undefined) ||
    !Number.isInteger(n) ||
    n < 0
  ) {
    io.err("usage: kaohe deadline --from YYYY-MM-DD (--workdays N | --days N) [--count-start]");
    return 2;
  }
  try {
    if (wd !== undefined) io.out(CN_CALENDAR.addWorkdays(from, n, { countStart }));
    else io.out(formatDate((parseDate(from) as number) + n - (countStart ? 1 : 0)));
    return 0;
  } catch (e) {
    if (e instanceof CalendarYearError) {
      io.err(
        formatIssue(
          issue("F_CALENDAR_YEAR", [], { year: e.year, covered: CN_CALENDAR.years.join(", ") }),
        ),
      );
      return 1;
    }
    throw e;
  }
}

function score(args: string[], io: Io): number {
  const rules = flagValue(args, "--rules");
  const facts = flagValue(args, "--facts");
  const format = flagValue(args, "--format") ?? "json";
  if (!rules || !facts || (format !== "json" && format !== "text")) {
    io.err(
      "usage: kaohe score --rules <file> [--params <file>] --facts <file> [--format json|text] [--no-trace] [--as-of YYYY-MM-DD] [--window FROM..TO] [--previous <file>]",
    );
    return 2;
  }
  // T6: several versions (rule files, or parameters files of one template) may be given; the
  // one in force on --period is chosen, and overlapping versions are an error.
  const ruleFiles = flagValues(args, "--rules");
  const paramFiles = flagValues(args, "--params");
  const candidates: { rules: string; params?: string }[] =
    paramFiles.length > 1
      ? paramFiles.map((p) => ({ rules, params: p }))
      : ruleFiles.map((r) => ({ rules: r, ...(paramFiles[0] ? { params: paramFiles[0] } : {}) }));
  const compiled: CompiledRuleSet[] = [];
  for (const c of candidates) {
    const loaded = loadRuleSetFile(c.rules, c.rules, c.params ? { params: c.params } : {});
    if (!loaded.ok) {
      for (const i of loaded.issues) io.err(formatIssue(i));
      return 1;
    }
    compiled.push(compileRuleSet(loaded.ruleSet));
  }
  let crs = compiled[0] as CompiledRuleSet;
  if (compiled.length > 1) {
    const period = flagValue(args, "--period");
    if (!period) {
      io.err(
        "kaohe score: several versions were given; name the assessment date with --period YYYY-MM-DD",
      );
      return 2;
    }
    const pick = selectVersion(compiled, period);
    if (!pick.ok) {
      for (const i of pick.issues) io.err(formatIssue(i));
      return 1;
    }
    crs = pick.ruleSet;
    io.err(
      `kaohe score: using ${crs.id}${crs.edition ? ` with ${crs.edition.id}` : ""} (in force on ${period})`,
    );
  }
  const { units, issues } = loadUnitsFile(resolve(facts), facts);
  for (const i of issues) io.err(formatIssue(i));
  const trace = format === "text" || !args.includes("--no-trace");
  const options: CohortOptions = { trace };
  const asOf = flagValue(args, "--as-of");
  if (asOf) options.asOf = asOf;
  const window = flagValue(args, "--window");
  if (window) {
    const [from, to] = window.split("..");
    options.window = { from: from ?? "", to: to ?? "" };
  }
  const previousFile = flagValue(args, "--previous");
  if (previousFile) {
    const p = readTextFile(previousFile);
    const data = p.text !== undefined ? parseSource(p.text, previousFile) : null;
    if (!data || data.issues.length || !data.data || typeof data.data !== "object") {
      io.err(`kaohe score: cannot read the previous run ${previousFile}`);
      for (const i of data?.issues ?? (p.issue ? [p.issue] : [])) io.err(formatIssue(i));
      return 1;
    }
    options.previous = data.data as PreviousRun;
  }
  const cohort = scoreCohort(crs, units, options);
  for (const i of cohort.issues) io.err(formatIssue(i));
  if (format === "json") {
    io.out(JSON.stringify({ ruleSet: crs.id, ...cohortToJSON(cohort, { trace }) }, null, 2));
  } else {
    cohort.units.forEach((x, i) => {
      if (i) io.out("");
      io.out(renderExplanation(crs, x.outcome));
    });
    io.out("");
    io.out(renderRanking(crs, cohort));
    const ok = cohort.units.filter((x) => x.score !== null).length;
    io.out("");
    io.out(
      `${ok} unit(s) scored, ${cohort.units.length - ok} not scored${issues.length ? `, ${issues.length} problem(s) in the facts file` : ""}`,
    );
  }
  return issues.length || cohort.issues.length || cohort.units.some((x) => x.score === null)
    ? 1
    : 0;
}
