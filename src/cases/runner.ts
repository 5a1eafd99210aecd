import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, dstr, isDecimalLike, toDecimal } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import type { PartInput, PartResult, UnitOutcome } from "../evaluate/types.js";
import { parseSource } from "../load/document.js";

/** One case: a unit's facts in, the expected outcome out. */
export interface Case {
  name: string;
  unit: {
    id: string;
    category?: string;
    facts: Record<string, unknown>;
    parts?: Record<string, PartInput>;
  };
  expect: {
    total?: string;
    nodes?: Record<string, string>;
    measures?: Record<string, string>;
    flags?: string[];
    grade?: string | null;
    deducted?: string;
    added?: string;
    error?: string;
    /** T1/T2: the score of each part, by dotted part id (上半年.集中). */
    parts?: Record<string, string>;
    /** T3: the excluded findings, as `fact#index`. */
    excluded?: string[];
  };
}

export interface CaseOutcome {
  name: string;
  passed: boolean;
  /** What differed, one line each. */
  problems: string[];
  outcome?: UnitOutcome;
}

export interface CaseReport {
  file?: string;
  /** Problems with the cases file itself. */
  issues: KaoheIssue[];
  cases: CaseOutcome[];
}

const CASE_KEYS = new Set(["name", "unit", "expect", "note"]);
const EXPECT_KEYS = new Set([
  "total",
  "nodes",
  "measures",
  "flags",
  "grade",
  "deducted",
  "added",
  "error",
  "parts",
  "excluded",
]);

/** Parses a cases file: `{ cases: [{ name, unit: { category?, facts }, expect }] }`. */
export function parseCases(
  text: string,
  file?: string,
): { cases: Case[]; issues: KaoheIssue[]; parameters?: string } {
  const src = parseSource(text, file);
  if (src.issues.length) return { cases: [], issues: src.issues };
  const top = src.data as { cases?: unknown; parameters?: unknown } | null;
  const list = top?.cases;
  // A template's cases name the parameters file they run against, relative to the cases file.
  const parameters = typeof top?.parameters === "string" ? top.parameters : undefined;
  if (!Array.isArray(list))
    return { cases: [], issues: [src.locate(issue("E_REQUIRED", [], { key: "cases" }))] };
  const cases: Case[] = [];
  const issues: KaoheIssue[] = [];
  list.forEach((c, i) => {
    const path = ["cases", i];
    const bad = (
      code: "E_REQUIRED" | "E_UNKNOWN_KEY" | "E_INVALID",
      key: string,
      detail?: string,
    ) =>
      issues.push(
        src.locate(
          code === "E_REQUIRED"
            ? issue(code, path, { key })
            : code === "E_UNKNOWN_KEY"
              ? issue(code, path, { keys: key })
              : issue(code, path, { detail: detail ?? key }),
          code === "E_UNKNOWN_KEY" ? { key } : undefined,
        ),
      );
    if (!c || typeof c !== "object") return bad("E_INVALID", "", "a case must be a mapping");
    const o = c as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!CASE_KEYS.has(k)) bad("E_UNKNOWN_KEY", k);
    if (typeof o.name !== "string") return bad("E_REQUIRED", "name");
    const unit = o.unit as Record<string, unknown> | undefined;
    if (!unit || typeof unit !== "object") return bad("E_REQUIRED", "unit");
    const expect = o.expect as Record<string, unknown> | undefined;
    if (!expect || typeof expect !== "object") return bad("E_REQUIRED", "expect");
    for (const k of Object.keys(expect))
      if (!EXPECT_KEYS.has(k)) bad("E_UNKNOWN_KEY", `expect.${k}`);
    cases.push({
      name: o.name,
      unit: {
        id: typeof unit.id === "string" ? unit.id : o.name,
        ...(typeof unit.category === "string" ? { category: unit.category } : {}),
        facts: (unit.facts as Record<string, unknown>) ?? {},
        ...(unit.parts && typeof unit.parts === "object"
          ? { parts: unit.parts as Record<string, PartInput> }
          : {}),
      },
      expect: expect as Case["expect"],
    });
  });
  return { cases, issues, ...(parameters !== undefined ? { parameters } : {}) };
}

function same(expected: unknown, actual: Decimal | undefined): boolean {
  return actual !== undefined && isDecimalLike(expected) && toDecimal(expected).equals(actual);
}

/** Runs one case against a compiled rule set and lists every difference. */
export function runCase(crs: CompiledRuleSet, c: Case): CaseOutcome {
  const o = scoreUnit(crs, c.unit);
  const problems: string[] = [];
  const e = c.expect;
  if (e.error !== undefined) {
    const codes = o.ok ? [] : o.issues.map((i) => i.code);
    if (!codes.includes(e.error as never))
      problems.push(
        issue("C_EXPECTED_ERROR", [], {
          code: e.error,
          actual: o.ok ? `a score of ${dstr(o.total)}` : codes.join(", "),
        }).message,
      );
    return { name: c.name, passed: problems.length === 0, problems, outcome: o };
  }
  if (!o.ok) {
    problems.push(`not scored: ${o.issues.map((i) => `${i.code} ${i.message}`).join("; ")}`);
    return { name: c.name, passed: false, problems, outcome: o };
  }
  const mismatch = (what: string, expected: unknown, actual: string) =>
    problems.push(issue("C_MISMATCH", [], { what, expected: String(expected), actual }).message);
  if (e.total !== undefined && !same(e.total, o.total)) mismatch("total", e.total, dstr(o.total));
  if (e.deducted !== undefined && !same(e.deducted, o.deducted))
    mismatch("deducted", e.deducted, dstr(o.deducted));
  if (e.added !== undefined && !same(e.added, o.added)) mismatch("added", e.added, dstr(o.added));
  for (const [id, v] of Object.entries(e.nodes ?? {})) {
    const n = o.nodes[id];
    if (!n) problems.push(issue("C_UNKNOWN_NODE", [], { node: id }).message);
    else if (!same(v, n.score)) mismatch(`node ${id}`, v, dstr(n.score));
  }
  for (const [id, v] of Object.entries(e.measures ?? {})) {
    const m = o.measures[id];
    if (!same(v, m)) mismatch(`measure ${id}`, v, m ? dstr(m) : "(none)");
  }
  if (e.flags !== undefined) {
    const want = [...e.flags].sort().join(", ");
    const got = [...o.flags].sort().join(", ");
    if (want !== got) mismatch("flags", `[${want}]`, `[${got}]`);
  }
  if (e.grade !== undefined && e.grade !== o.grade) mismatch("grade", e.grade, String(o.grade));
  if (e.parts) {
    const flat = new Map<string, Decimal>();
    const walk = (ps: readonly PartResult[], prefix: string) => {
      for (const p of ps) {
        flat.set(prefix + p.id, p.score);
        if (p.parts) walk(p.parts, `${prefix}${p.id}.`);
      }
    };
    walk(o.parts ?? [], "");
    for (const [id, v] of Object.entries(e.parts)) {
      const got = flat.get(id);
      if (!same(v, got)) mismatch(`part ${id}`, v, got ? dstr(got) : "(none)");
    }
  }
  if (e.excluded !== undefined) {
    const want = [...e.excluded].sort().join(", ");
    const got = o.excluded
      .map((x) => `${x.fact}#${x.index}`)
      .sort()
      .join(", ");
    if (want !== got) mismatch("excluded", `[${want}]`, `[${got}]`);
  }
  return { name: c.name, passed: problems.length === 0, problems, outcome: o };
}

/** Runs every case of a cases file. */
export function runCases(crs: CompiledRuleSet, text: string, file?: string): CaseReport {
  const { cases, issues } = parseCases(text, file);
  return runParsedCases(crs, cases, issues, file);
}

/** Runs cases already parsed. */
export function runParsedCases(
  crs: CompiledRuleSet,
  cases: Case[],
  issues: KaoheIssue[] = [],
  file?: string,
): CaseReport {
  return { ...(file ? { file } : {}), issues, cases: cases.map((c) => runCase(crs, c)) };
}
