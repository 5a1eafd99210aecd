/**
 * kaohe/node — reading rule sets, facts and cases from files. Node-only.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import {
  type Coverage,
  checkCoverage,
  coverageRecorder,
  mergeCoverage,
  parseCoverageRecord,
} from "../cases/coverage.js";
import { type CaseOutcome, type CaseReport, parseCases, runParsedCases } from "../cases/runner.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { formatIssue, issue, KaoheError, type KaoheIssue } from "../errors/issue.js";
import { MAX_INPUT_BYTES } from "../load/document.js";
import { decodeText, type TextEncodingName } from "../load/encoding.js";
import { type LoadResult, loadRuleSet } from "../load/load.js";
import { type ParsedUnits, parseUnits } from "../load/units.js";
import { DEFAULT_LIMITS, SheetFailure } from "../sheets/csv.js";
import { FACTS_JSON_LIMITS, parseUnitsJson } from "../sheets/json.js";
import type { Layout, SheetUnits } from "../sheets/layout.js";
import { type FactsInput, factsFormatOf, readFactsSync, sheetByteLimit } from "../sheets/read.js";
import { type XlsxLibs, xlsxLibsFrom } from "../sheets/xlsx.js";

export const RULE_FILE_NAMES = ["rules.yaml", "rules.yml", "rules.json"] as const;

/**
 * Reads a text file, refusing files over the input limit before reading them. UTF-8, UTF-16 with
 * a byte-order mark and GBK/GB18030 are recognised (see decodeText); anything else is refused.
 */
export function readTextFile(
  path: string,
  maxBytes = MAX_INPUT_BYTES,
): {
  text?: string;
  encoding?: TextEncodingName;
  issue?: KaoheIssue;
} {
  try {
    const st = statSync(path);
    if (!st.isFile())
      return { issue: { ...issue("E_FILE", [], { detail: `${path} is not a file` }), file: path } };
    if (st.size > maxBytes)
      return { issue: { ...issue("E_TOO_LARGE", [], { limit: maxBytes }), file: path } };
    const decoded = decodeText(readFileSync(path));
    if (decoded.issue) return { issue: { ...decoded.issue, file: path } };
    return { text: decoded.text, encoding: decoded.encoding };
  } catch (e) {
    return { issue: { ...issue("E_FILE", [], { detail: (e as Error).message }), file: path } };
  }
}

/**
 * Loads and checks a rule file (YAML or JSON). A template needs `params`, the parameters file
 * giving this year's values, and may be given `readings` (解读) of its ambiguous clauses, which
 * replace the parameters file's clause by clause.
 */
export function loadRuleSetFile(
  path: string,
  displayName = path,
  opts: { params?: string; paramsName?: string; readings?: readonly string[] } = {},
): LoadResult {
  const r = readTextFile(path);
  if (r.issue) return { ok: false, issues: [{ ...r.issue, file: displayName }] };
  const readings = opts.readings?.length ? { readings: opts.readings } : {};
  if (!opts.params) return loadRuleSet(r.text as string, { file: displayName, ...readings });
  const p = readTextFile(opts.params);
  const pname = opts.paramsName ?? opts.params;
  if (p.issue) return { ok: false, issues: [{ ...p.issue, file: pname }] };
  return loadRuleSet(r.text as string, {
    file: displayName,
    parameters: { text: p.text as string, file: pname },
    ...readings,
  });
}

/** Loads and compiles a rule file; throws a KaoheError listing the problems if it is invalid. */
export function compileRuleSetFile(
  path: string,
  params?: string,
  opts: { readings?: readonly string[] } = {},
): CompiledRuleSet {
  const r = loadRuleSetFile(path, path, { ...(params ? { params } : {}), ...opts });
  if (!r.ok) throw new KaoheError(r.issues);
  return compileRuleSet(r.ruleSet);
}

/** Reads a facts file of units. */
export function loadUnitsFile(path: string, displayName = path): ParsedUnits {
  // JSON is read up to 64 MiB (clean JSON, by the fast path); YAML up to 8 MiB.
  const r = readTextFile(path, /\.json$/i.test(path) ? FACTS_JSON_LIMITS.bytes : MAX_INPUT_BYTES);
  if (r.issue) return { units: [], issues: [{ ...r.issue, file: displayName }] };
  // JSON: JSON.parse when the file is clean (same result, a hundred times faster), else as YAML.
  if (/\.json$/i.test(path)) return parseUnitsJson(r.text as string, displayName);
  return parseUnits(r.text as string, displayName);
}

/** A file's bytes in chunks of 1 MiB, read as they are asked for. */
function* fileChunks(path: string): Generator<Uint8Array> {
  const io = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new SheetFailure(issue("E_FILE", [], { detail: (e as Error).message }));
    }
  };
  const fd = io(() => openSync(path, "r"));
  try {
    for (;;) {
      const buf = new Uint8Array(1 << 20);
      const n = io(() => readSync(fd, buf, 0, buf.length, null));
      if (n === 0) return;
      yield n === buf.length ? buf : buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads facts files of any kind kaohe reads — CSV, XLSX, JSON Lines, JSON, YAML, by extension —
 * for a rule set (sheet headers are its facts' labels or ids). A wide and a long file may be given
 * together. XLSX needs the optional peer dependencies fflate and saxes (S_NEEDS_LIBS if absent).
 */
export function loadFactsFiles(
  files: readonly { path: string; name?: string }[],
  ruleSet: CompiledRuleSet,
  opts: { layout?: Layout; sheet?: string; maxRows?: number } = {},
): SheetUnits {
  const inputs: FactsInput[] = [];
  const failed: KaoheIssue[] = [];
  const maxRows = opts.maxRows ?? DEFAULT_LIMITS.maxRows;
  for (const f of files) {
    const name = f.name ?? f.path;
    try {
      const size = statSync(f.path).size;
      const format = factsFormatOf(name) ?? factsFormatOf(f.path);
      if (format === "csv" || format === "jsonl") {
        // Read as it comes, chunk by chunk (the reader applies the byte limit as it goes).
        const limit = sheetByteLimit(maxRows);
        if (size > limit)
          failed.push({ ...issue("S_LIMIT", [], { what: "文件大小(字节)", limit }), file: name });
        else inputs.push({ name, format, chunks: () => fileChunks(f.path) });
        continue;
      }
      // Bounded before reading: the readers' own limits (8 MiB YAML/JSON, 32 MiB XLSX) are below.
      if (size > 64 * 1024 * 1024)
        failed.push({ ...issue("E_TOO_LARGE", [], { limit: 64 * 1024 * 1024 }), file: name });
      else inputs.push({ name, bytes: readFileSync(f.path) });
    } catch (e) {
      failed.push({ ...issue("E_FILE", [], { detail: (e as Error).message }), file: name });
    }
  }
  let xlsx: XlsxLibs | undefined;
  if (inputs.some((x) => /\.xls[xm]$/i.test(x.name))) {
    try {
      xlsx = xlsxLibsSync();
    } catch {
      // Not installed: the reader reports S_NEEDS_LIBS for the XLSX file.
    }
  }
  const r = readFactsSync(inputs, {
    ruleSet,
    ...(opts.layout ? { layout: opts.layout } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    ...(opts.maxRows !== undefined ? { limits: { maxRows: opts.maxRows } } : {}),
    ...(xlsx ? { xlsx } : {}),
  });
  return failed.length ? { ...r, issues: [...failed, ...r.issues] } : r;
}

/**
 * fflate and saxes, loaded synchronously. In Node kaohe runs as its CommonJS build (the ESM
 * wrappers load it too), whose own require resolves them from where kaohe is installed; the true
 * ESM build (bundlers) resolves them from the working directory.
 */
function xlsxLibsSync(): XlsxLibs {
  const req: NodeJS.Require =
    typeof require === "function" ? require : createRequire(`${process.cwd()}/`);
  return xlsxLibsFrom(req("fflate"), req("saxes"));
}

/** Finds rule-set folders (those holding a rules.yaml/json) at or below `path`, sorted. */
export function findRuleFiles(path: string): string[] {
  const out: string[] = [];
  const st = statSync(path);
  if (st.isFile()) return [path];
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    const rule = entries.find(
      (e) => e.isFile() && (RULE_FILE_NAMES as readonly string[]).includes(e.name),
    );
    if (rule) out.push(join(dir, rule.name));
    for (const e of entries)
      if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith("."))
        walk(join(dir, e.name));
  };
  walk(path);
  return out;
}

/** The outcome of running one rule set's cases (testRuleFile). */
export interface RuleSetTestReport {
  /** The rule file, as shown. */
  ruleFile: string;
  /** Problems loading the rule set (then no case runs). */
  issues: KaoheIssue[];
  /** The rule set's warnings, each once. */
  warnings: KaoheIssue[];
  /** One report per cases file. */
  reports: CaseReport[];
  /**
   * Which outcomes of the rules the cases exercise — each clause applied and not, a cap biting and
   * not, each rating, each side of a threshold or gate, each veto — and by which cases
   * (`kaohe test --coverage`).
   */
  coverage: Coverage;
  /** `coverage.yaml` beside the rule file, when there is one. */
  coverageFile?: string;
  /** The coverage held to that file: C_UNCOVERED, C_COVERED_NOW; empty without a file. */
  coverageIssues: KaoheIssue[];
}

/** The coverage file beside a rule file, and the coverage held to it. */
function holdCoverage(
  ruleFile: string,
  show: (f: string) => string,
  coverage: Coverage,
): { coverageFile?: string; coverageIssues: KaoheIssue[] } {
  const f = join(resolve(ruleFile), "..", "coverage.yaml");
  try {
    statSync(f);
  } catch {
    return { coverageIssues: [] };
  }
  const shown = show(f);
  const r = readTextFile(f);
  if (r.issue) return { coverageFile: shown, coverageIssues: [{ ...r.issue, file: shown }] };
  const parsed = parseCoverageRecord(r.text as string, shown);
  if (!parsed.record) return { coverageFile: shown, coverageIssues: parsed.issues };
  return { coverageFile: shown, coverageIssues: checkCoverage(coverage, parsed.record, shown) };
}

/**
 * Runs every `cases/*.yaml` (and .yml/.json) beside a rule file. A cases file of a template names
 * its parameters file (`parameters: ../params/x.yaml`), and it or a case may name readings
 * (`reading:`); the rule set is composed once per parameters file and readings. A case runs under
 * its own readings, else its file's, else `opts.reading` (`kaohe test --reading`).
 */
export function testRuleFile(
  ruleFile: string,
  base = process.cwd(),
  opts: { reading?: readonly string[] } = {},
): RuleSetTestReport {
  const show = (f: string) => relative(base, resolve(f)) || f;
  const name = show(ruleFile);
  const dir = join(resolve(ruleFile), "..", "cases");
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f: string) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    files = [];
  }
  const compiled = new Map<
    string,
    {
      crs?: CompiledRuleSet;
      issues: KaoheIssue[];
      warnings: KaoheIssue[];
      recorder?: ReturnType<typeof coverageRecorder>;
    }
  >();
  const compose = (params: string | null, readings: readonly string[]) => {
    const key = JSON.stringify([params ?? "", readings]);
    let c = compiled.get(key);
    if (!c) {
      const loaded = loadRuleSetFile(ruleFile, name, {
        ...(params ? { params, paramsName: show(params) } : {}),
        readings,
      });
      if (loaded.ok) {
        const crs = compileRuleSet(loaded.ruleSet);
        c = { crs, issues: [], warnings: loaded.warnings, recorder: coverageRecorder(crs) };
      } else c = { issues: loaded.issues, warnings: [] };
      compiled.set(key, c);
    }
    return c;
  };
  const reports: CaseReport[] = [];
  let ruleIssues: KaoheIssue[] = [];
  const warnings = new Map<string, KaoheIssue>();
  for (const f of files) {
    const shown = show(f);
    const r = readTextFile(f);
    if (r.issue) {
      reports.push({ file: shown, issues: [{ ...r.issue, file: shown }], cases: [] });
      continue;
    }
    const parsed = parseCases(r.text as string, shown);
    // A cases file that does not parse says nothing about the rule set: report it alone.
    if (parsed.issues.length && !parsed.cases.length) {
      reports.push({ file: shown, issues: parsed.issues, cases: [] });
      continue;
    }
    const params = parsed.parameters !== undefined ? join(dirname(f), parsed.parameters) : null;
    const report: CaseReport = { file: shown, issues: [...parsed.issues], cases: [] };
    const failed = new Set<string>();
    let ruleSetFails = false;
    for (const kase of parsed.cases) {
      const reading = kase.reading ?? parsed.reading ?? opts.reading ?? [];
      const c = compose(params, reading);
      for (const w of c.warnings) warnings.set(formatIssue(w), w);
      if (!c.crs) {
        // The rule set itself does not load: report that once, not per cases file.
        if (!params && !reading.length) {
          ruleIssues = c.issues;
          ruleSetFails = true;
          break;
        }
        // Composed with this file's parameters or these readings it does not: said once here.
        const key = reading.join("\u0000");
        if (!failed.has(key)) report.issues.push(...c.issues);
        failed.add(key);
        continue;
      }
      const outcome = runParsedCases(c.crs, [kase], [], shown, c.recorder).cases[0] as CaseOutcome;
      report.cases.push(reading.length ? { ...outcome, reading: [...reading] } : outcome);
    }
    if (!ruleSetFails) reports.push(report);
  }
  if (!files.length) {
    const c = compose(null, opts.reading ?? []);
    ruleIssues = c.issues;
    for (const w of c.warnings) warnings.set(formatIssue(w), w);
  }
  const coverage = mergeCoverage(
    [...compiled.values()].flatMap((c) => (c.recorder ? [c.recorder.result()] : [])),
  );
  const held = holdCoverage(ruleFile, show, coverage);
  return {
    ruleFile: name,
    issues: ruleIssues,
    warnings: [...warnings.values()],
    reports,
    coverage,
    ...held,
  };
}
