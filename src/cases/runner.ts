import { scoreCohort } from "../cohort/cohort.js";
import type { CohortUnitInput, CohortUnitResult, PreviousRun } from "../cohort/types.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { Decimal, dstr, isDecimalLike, toDecimal } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import type {
  PartInput,
  PartResult,
  TraceEntry,
  UnitOutcome,
  UnitResult,
} from "../evaluate/types.js";
import { parseSource } from "../load/document.js";
import type { CoverageRecorder } from "./coverage.js";

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
    /** T7: the score of each period of a split run, by its id (2025-01, 2025-Q1). */
    periods?: Record<string, string>;
    /** T3: the excluded findings, as `fact#index`. */
    excluded?: string[];
    /** The grade forced on each listed node (C8 on a node); `null` for none. */
    nodeGrades?: Record<string, string | null>;
    /** Flags that must be among those raised, and flags that must not be. */
    flagsInclude?: string[];
    flagsExclude?: string[];
    /** Whether a veto stopped scoring. */
    stopped?: boolean;
    /** The nodes whose cap bit, and the nodes that do not apply (C17), each as a list. */
    capped?: string[];
    notApplicable?: string[];
    /** Trace entries that must be present: each matched by rule, then by the fields given. */
    effects?: ExpectedEffect[];
    /**
     * C17 `rescale`: the points earned, the points of the items that apply (适用项满分) and the
     * rescaled score, before any item outside the tree is added to it (after-rescale).
     */
    earned?: string;
    applicable?: string;
    rescaled?: string;
    /** Cohort cases: per unit id. */
    ranks?: Record<string, number | null>;
    categoryRanks?: Record<string, number | null>;
    scores?: Record<string, string>;
    grades?: Record<string, string | null>;
    converted?: Record<string, string>;
    selfDiff?: Record<string, string>;
    statistics?: {
      count?: number;
      mean?: string;
      median?: string;
      atOrAbove?: Record<string, number>;
      /** K3 against the previous run: the mean's change, and each line's count's change. */
      meanChange?: string;
      atOrAboveChange?: Record<string, number>;
    };
  };
  /** Run options: as-of date and window (T4, T7). */
  options?: { asOf?: string; window?: { from: string; to: string } };
  /** The readings (解读) of a template's ambiguous clauses the case runs under. */
  reading?: string[];
  /** A cohort case: several units scored together (K1–K9). */
  units?: CohortUnitInput[];
  previous?: PreviousRun;
}

/**
 * An expected trace entry: the rule that made it and, optionally, its kind, node, delta and
 * effect (a part of it: only the keys given are compared, decimals as decimals).
 */
export interface ExpectedEffect {
  rule: string;
  kind?: string;
  node?: string | null;
  delta?: string | number;
  effect?: Record<string, unknown>;
}

/** The outcome of one case: passed, or what differed. */
export interface CaseOutcome {
  /** The case's name. */
  name: string;
  /** Whether every expectation held. */
  passed: boolean;
  /** What differed, one line each. */
  problems: string[];
  /** The unit's outcome, for a unit case. */
  outcome?: UnitOutcome;
  /** The readings the case ran under, when a case, its file or the caller named any. */
  reading?: string[];
}

/** The outcome of one cases file. */
export interface CaseReport {
  /** The cases file, as shown. */
  file?: string;
  /** Problems with the cases file itself. */
  issues: KaoheIssue[];
  /** Each case's outcome, in the file's order. */
  cases: CaseOutcome[];
}

/** What only a single-unit case, or only a cohort case, can check. */
const UNIT_ONLY = new Set([
  "total",
  "nodes",
  "measures",
  "grade",
  "deducted",
  "added",
  "parts",
  "periods",
  "excluded",
  "nodeGrades",
  "flagsInclude",
  "flagsExclude",
  "stopped",
  "capped",
  "notApplicable",
  "effects",
  "earned",
  "applicable",
  "rescaled",
]);
const COHORT_ONLY = new Set([
  "ranks",
  "categoryRanks",
  "scores",
  "grades",
  "converted",
  "selfDiff",
  "statistics",
]);
export const CASE_KEYS: ReadonlySet<string> = new Set([
  "name",
  "unit",
  "units",
  "previous",
  "options",
  "expect",
  "note",
  "reading",
]);
export const EXPECT_KEYS: ReadonlySet<string> = new Set([
  ...UNIT_ONLY,
  ...COHORT_ONLY,
  "flags",
  "error",
]);

type Shape =
  | "decimal"
  | "text"
  | "textOrNull"
  | "texts"
  | "decimals"
  | "rankMap"
  | "gradeMap"
  | "boolean"
  | "effects";
/** The shape each expectation must have; anything else is refused before a case runs. */
const EXPECT_SHAPES: Record<string, Shape> = {
  total: "decimal",
  earned: "decimal",
  applicable: "decimal",
  rescaled: "decimal",
  deducted: "decimal",
  added: "decimal",
  nodes: "decimals",
  measures: "decimals",
  parts: "decimals",
  periods: "decimals",
  scores: "decimals",
  converted: "decimals",
  selfDiff: "decimals",
  grade: "textOrNull",
  error: "text",
  excluded: "texts",
  flagsInclude: "texts",
  flagsExclude: "texts",
  capped: "texts",
  notApplicable: "texts",
  nodeGrades: "gradeMap",
  stopped: "boolean",
  effects: "effects",
  ranks: "rankMap",
  categoryRanks: "rankMap",
  grades: "gradeMap",
};

const isMapping = (v: unknown): v is Record<string, unknown> =>
  !!v &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype;

const EFFECT_KEYS = new Set(["rule", "kind", "node", "delta", "effect"]);

/** Why `expect.effects` is not a list of `{ rule, kind?, node?, delta?, effect? }`, or null. */
function effectsProblem(v: unknown): string | null {
  if (!Array.isArray(v) || v.length === 0)
    return "effects 应为非空列表:[{ rule, kind?, node?, delta?, effect? }]";
  for (const [i, e] of v.entries()) {
    if (!isMapping(e) || typeof e.rule !== "string")
      return `effects[${i}] 应为映射,且有 rule(规则编号)`;
    const unknown = Object.keys(e).filter((k) => !EFFECT_KEYS.has(k));
    if (unknown.length)
      return `effects[${i}] 含未知的键 ${unknown.join(", ")}(可用 rule、kind、node、delta、effect)`;
    if (e.kind !== undefined && typeof e.kind !== "string") return `effects[${i}].kind 应为文字`;
    if (e.node !== undefined && e.node !== null && typeof e.node !== "string")
      return `effects[${i}].node 应为指标编号或 null`;
    if (e.delta !== undefined && !isDecimalLike(e.delta)) return `effects[${i}].delta 应为数字`;
    if (e.effect !== undefined && !isMapping(e.effect)) return `effects[${i}].effect 应为映射`;
  }
  return null;
}

/** Why an expectation does not have the shape its key needs, or null. */
function shapeProblem(key: string, v: unknown, cohort: boolean): string | null {
  if (key === "flags") {
    if (!cohort)
      return Array.isArray(v) && v.every((x) => typeof x === "string")
        ? null
        : "flags 应为标记名称的列表";
    return isMapping(v) &&
      Object.values(v).every((l) => Array.isArray(l) && l.every((x) => typeof x === "string"))
      ? null
      : "多单位用例的 flags 应为映射:单位编号 → 标记名称列表";
  }
  if (key === "statistics") {
    if (!isMapping(v)) return "statistics 应为映射";
    const { count, mean, median, atOrAbove, meanChange, atOrAboveChange } = v as Record<
      string,
      unknown
    >;
    const known = ["count", "mean", "median", "atOrAbove", "meanChange", "atOrAboveChange"];
    const unknown = Object.keys(v).filter((k) => !known.includes(k));
    if (unknown.length)
      return `statistics 含未知的键 ${unknown.join(", ")}(可用 ${known.join("、")})`;
    if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 0))
      return "statistics.count 应为整数";
    for (const [k, x] of [
      ["mean", mean],
      ["median", median],
      ["meanChange", meanChange],
    ] as const)
      if (x !== undefined && !isDecimalLike(x)) return `statistics.${k} 应为数字`;
    for (const [k, m] of [
      ["atOrAbove", atOrAbove],
      ["atOrAboveChange", atOrAboveChange],
    ] as const) {
      if (m === undefined) continue;
      if (!isMapping(m)) return `statistics.${k} 应为映射:分数线 → 单位数`;
      if (Object.keys(m).some((l) => !isDecimalLike(l)))
        return `statistics.${k} 的键应为分数线,如 "90"`;
      if (Object.values(m).some((n) => !Number.isInteger(n)))
        return `statistics.${k} 的单位数应为整数`;
    }
    return null;
  }
  const shape = EXPECT_SHAPES[key];
  const mapOf = (ok: (x: unknown) => boolean) => isMapping(v) && Object.values(v).every(ok);
  switch (shape) {
    case "decimal":
      return isDecimalLike(v) ? null : `${key} 应为数字`;
    case "text":
      return typeof v === "string" ? null : `${key} 应为文字`;
    case "textOrNull":
      return typeof v === "string" || v === null ? null : `${key} 应为文字或 null`;
    case "texts":
      return Array.isArray(v) && v.every((x) => typeof x === "string")
        ? null
        : `${key} 应为文字列表`;
    case "decimals":
      return mapOf(isDecimalLike) ? null : `${key} 应为映射:编号 → 数字`;
    case "rankMap":
      return mapOf((x) => x === null || (Number.isInteger(x) && (x as number) >= 1))
        ? null
        : `${key} 应为映射:单位编号 → 名次(1、2…)或 null`;
    case "gradeMap":
      return mapOf((x) => x === null || typeof x === "string")
        ? null
        : `${key} 应为映射:${key === "nodeGrades" ? "指标编号" : "单位编号"} → 等次或 null`;
    case "boolean":
      return typeof v === "boolean" ? null : `${key} 应为 true 或 false`;
    case "effects":
      return effectsProblem(v);
    default:
      return null;
  }
}

/** A reading as a cases file writes it: a name, or a list of names; null when it is neither. */
function readingList(v: unknown): string[] | null {
  if (typeof v === "string" && v) return [v];
  if (Array.isArray(v) && v.length && v.every((x) => typeof x === "string" && x)) return v;
  return null;
}

const READING_SHAPE = "reading 应为解读的名称,或名称的列表";

/**
 * Parses a cases file: `{ parameters?, reading?, cases: [{ name, reading?, unit: { category?,
 * facts }, expect }] }`.
 */
export function parseCases(
  text: string,
  file?: string,
): { cases: Case[]; issues: KaoheIssue[]; parameters?: string; reading?: string[] } {
  const src = parseSource(text, file);
  if (src.issues.length) return { cases: [], issues: src.issues };
  const top = src.data as { cases?: unknown; parameters?: unknown; reading?: unknown } | null;
  const list = top?.cases;
  // A template's cases name the parameters file they run against, relative to the cases file,
  // and may name the readings they run under (each case may name its own).
  const parameters = typeof top?.parameters === "string" ? top.parameters : undefined;
  const fileReading = top?.reading === undefined ? undefined : readingList(top.reading);
  if (fileReading === null)
    return {
      cases: [],
      issues: [src.locate(issue("C_SHAPE", ["reading"], { detail: READING_SHAPE }))],
    };
  if (!Array.isArray(list))
    return { cases: [], issues: [src.locate(issue("E_REQUIRED", [], { key: "cases" }))] };
  // An empty list asserts nothing, like a case that expects nothing: it must not pass silently.
  if (list.length === 0)
    return {
      cases: [],
      issues: [
        src.locate(
          issue("C_EXPECTS_NOTHING", ["cases"], {
            detail: "用例文件中没有任何用例(cases: [])",
          }),
        ),
      ],
    };
  const cases: Case[] = [];
  const issues: KaoheIssue[] = [];
  list.forEach((c, i) => {
    const path = ["cases", i];
    const bad = (
      code: "E_REQUIRED" | "E_UNKNOWN_KEY" | "E_MISPLACED" | "C_EXPECTS_NOTHING" | "C_SHAPE",
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
    if (!c || typeof c !== "object")
      return bad("C_SHAPE", "", "每个用例应为映射(name、unit、expect…)");
    const o = c as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!CASE_KEYS.has(k)) bad("E_UNKNOWN_KEY", k);
    if (typeof o.name !== "string") return bad("E_REQUIRED", "name");
    const reading = o.reading === undefined ? undefined : readingList(o.reading);
    if (reading === null) return bad("C_SHAPE", "", READING_SHAPE);
    const withReading = reading ? { reading } : {};
    if (Array.isArray(o.units)) {
      const expect = o.expect as Record<string, unknown> | undefined;
      if (!expect || typeof expect !== "object") return bad("E_REQUIRED", "expect");
      for (const k of Object.keys(expect))
        if (!EXPECT_KEYS.has(k)) bad("E_UNKNOWN_KEY", `expect.${k}`);
      // A case must assert something, and only what a cohort case can assert.
      const misplaced = Object.keys(expect).filter((k) => UNIT_ONLY.has(k));
      if (misplaced.length)
        return bad(
          "E_MISPLACED",
          "",
          `多单位用例(units)按单位核对(scores、grades…),不能写 ${misplaced.join(", ")}`,
        );
      if (!Object.keys(expect).some((k) => COHORT_ONLY.has(k) || k === "error" || k === "flags"))
        return bad("C_EXPECTS_NOTHING", "", "expect 中没有多单位用例能核对的内容");
      for (const [k, v] of Object.entries(expect)) {
        const why = shapeProblem(k, v, true);
        if (why) return bad("C_SHAPE", "", why);
      }
      if ((o.units as unknown[]).some((u) => !isMapping(u)))
        return bad("C_SHAPE", "", "units 中的每个单位应为映射(id、facts…)");
      if (o.previous !== undefined && !isMapping(o.previous))
        return bad("C_SHAPE", "", "previous 应为映射 { units: [...] }");
      cases.push({
        name: o.name,
        unit: { id: o.name, facts: {} },
        units: o.units as CohortUnitInput[],
        ...(o.previous ? { previous: o.previous as unknown as PreviousRun } : {}),
        ...(o.options ? { options: o.options as Case["options"] } : {}),
        ...withReading,
        expect: expect as Case["expect"],
      });
      return;
    }
    const unit = o.unit as Record<string, unknown> | undefined;
    if (!unit || typeof unit !== "object") return bad("E_REQUIRED", "unit");
    const expect = o.expect as Record<string, unknown> | undefined;
    if (!expect || typeof expect !== "object") return bad("E_REQUIRED", "expect");
    for (const k of Object.keys(expect))
      if (!EXPECT_KEYS.has(k)) bad("E_UNKNOWN_KEY", `expect.${k}`);
    const misplaced = Object.keys(expect).filter((k) => COHORT_ONLY.has(k));
    if (misplaced.length)
      return bad("E_MISPLACED", "", `${misplaced.join(", ")} 只能用于多单位用例(units: [...])`);
    if (!Object.keys(expect).length) return bad("C_EXPECTS_NOTHING", "", "expect 是空的");
    for (const [k, v] of Object.entries(expect)) {
      const why = shapeProblem(k, v, false);
      if (why) return bad("C_SHAPE", "", why);
    }
    if (unit.facts !== undefined && !isMapping(unit.facts))
      return bad("C_SHAPE", "", "unit.facts 应为映射(事实编号: 值)");
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
      ...(o.options ? { options: o.options as NonNullable<Case["options"]> } : {}),
      ...withReading,
      expect: expect as Case["expect"],
    });
  });
  return {
    cases,
    issues,
    ...(parameters !== undefined ? { parameters } : {}),
    ...(fileReading ? { reading: fileReading } : {}),
  };
}

/**
 * A value as a mismatch shows it: text as it is, a decimal in its canonical form, anything else
 * as JSON (decimals as strings) — never `[object Object]`.
 */
export function show(v: unknown): string {
  if (typeof v === "string") return v;
  if (Decimal.isDecimal(v)) return dstr(v as Decimal);
  const json = JSON.stringify(v, (_k, x: unknown) =>
    Decimal.isDecimal(x) ? dstr(x as Decimal) : typeof x === "bigint" ? String(x) : x,
  );
  return json ?? String(v);
}

/**
 * Whether an actual value has everything an expected one gives: a mapping's listed keys (others
 * ignored), a list element by element (same length), decimals as decimals (`0.6`, `"0.60"` and
 * a recorded Decimal 0.6 are equal), anything else exactly.
 */
function hasAll(want: unknown, got: unknown): boolean {
  if (Decimal.isDecimal(got)) return isDecimalLike(want) && toDecimal(want).equals(got as Decimal);
  if (typeof got === "number" && isDecimalLike(want) && Number.isFinite(got))
    return toDecimal(want).equals(toDecimal(got));
  if (Array.isArray(want))
    return (
      Array.isArray(got) && got.length === want.length && want.every((w, i) => hasAll(w, got[i]))
    );
  if (isMapping(want)) {
    if (!got || typeof got !== "object" || Array.isArray(got)) return false;
    const o = got as Record<string, unknown>;
    return Object.entries(want).every(([k, w]) => Object.hasOwn(o, k) && hasAll(w, o[k]));
  }
  return want === got;
}

/** The part of a trace entry an `effects` expectation can name, for a mismatch. */
function entryShown(t: TraceEntry): Record<string, unknown> {
  return {
    rule: t.rule,
    kind: t.kind,
    node: t.node,
    ...(t.delta ? { delta: t.delta } : {}),
    ...(t.effect ? { effect: t.effect } : {}),
  };
}

/** The unit's trace against `expect.effects`: each expected entry must match one recorded. */
function checkEffects(
  want: readonly ExpectedEffect[],
  o: UnitResult,
  problems: string[],
  mismatch: (what: string, expected: unknown, actual: unknown) => void,
): void {
  for (const e of want) {
    const mine = o.trace.filter((t) => t.rule === e.rule);
    if (mine.length === 0) {
      const rules = [...new Set(o.trace.map((t) => t.rule))];
      problems.push(
        issue("C_MISMATCH", [], {
          what: `规则 ${e.rule} 的说明条目`,
          expected: show(e),
          actual: `无此规则的条目(说明中的规则:${rules.join("、") || "无"})`,
        }).message,
      );
      continue;
    }
    const { rule: _rule, ...fields } = e;
    if (!mine.some((t) => hasAll(fields, entryShown(t))))
      mismatch(`规则 ${e.rule} 的说明条目`, e, mine.map(entryShown));
  }
}

/** A list compared as a set of names: order ignored, duplicates count. */
function sameList(want: readonly string[], got: readonly string[]): boolean {
  return [...want].sort().join("\u0000") === [...got].sort().join("\u0000");
}

function same(expected: unknown, actual: Decimal | undefined): boolean {
  return actual !== undefined && isDecimalLike(expected) && toDecimal(expected).equals(actual);
}

/** Runs a cohort case: the units scored together, ranks, grades, scores and statistics checked. */
function runCohortCase(crs: CompiledRuleSet, c: Case, recorder?: CoverageRecorder): CaseOutcome {
  const r = scoreCohort(crs, c.units ?? [], {
    ...(c.options ?? {}),
    ...(c.previous ? { previous: c.previous } : {}),
  });
  if (recorder) {
    const inputs = new Map((c.units ?? []).map((u) => [u.id, u]));
    for (const x of r.units) recorder.record(c.name, inputs.get(x.unit), x.outcome);
  }
  const problems: string[] = [];
  const e = c.expect;
  const by = new Map(r.units.map((x) => [x.unit, x]));
  const mismatch = (what: string, expected: unknown, actual: string) =>
    problems.push(issue("C_MISMATCH", [], { what, expected: show(expected), actual }).message);
  if (e.error !== undefined) {
    const codes = [
      ...r.issues.map((i) => i.code),
      ...r.units.flatMap((x) => (x.outcome.ok ? [] : x.outcome.issues.map((i) => i.code))),
    ];
    if (!codes.includes(e.error as never))
      problems.push(
        issue("C_EXPECTED_ERROR", [], { code: e.error, actual: codes.join(", ") || "没有报错" })
          .message,
      );
  }
  const each = <T>(
    m: Record<string, T> | undefined,
    get: (x: CohortUnitResult) => string,
    eq: (want: T, got: string) => boolean,
    what: string,
  ) => {
    for (const [id, want] of Object.entries(m ?? {})) {
      const x = by.get(id);
      if (!x) {
        problems.push(issue("C_UNKNOWN_NODE", [], { node: `unit ${id}` }).message);
        continue;
      }
      const got = get(x);
      if (!eq(want, got)) mismatch(`${what} of ${id}`, want, got);
    }
  };
  const dec = (d: Decimal | null | undefined) => (d ? dstr(d) : "null");
  const decEq = (want: unknown, got: string) =>
    got !== "null" && isDecimalLike(want) && toDecimal(want).equals(got);
  each(
    e.ranks,
    (x) => String(x.rank),
    (w, g) => String(w) === g,
    "rank",
  );
  each(
    e.categoryRanks,
    (x) => String(x.categoryRank),
    (w, g) => String(w) === g,
    "category rank",
  );
  each(e.scores, (x) => dec(x.score), decEq, "score");
  each(
    e.grades,
    (x) => String(x.grade),
    (w, g) => String(w) === g,
    "grade",
  );
  each(e.converted, (x) => dec(x.converted), decEq, "converted score");
  each(e.selfDiff, (x) => dec(x.self?.totalDiff), decEq, "self-assessment difference");
  if (e.flags && !Array.isArray(e.flags))
    each(
      e.flags as unknown as Record<string, string[]>,
      (x) => [...x.flags].sort().join(", "),
      (w, g) => [...w].sort().join(", ") === g,
      "flags",
    );
  if (e.statistics) {
    const s = r.statistics.all;
    if (e.statistics.count !== undefined && e.statistics.count !== s.count)
      mismatch("statistics.count", e.statistics.count, String(s.count));
    if (e.statistics.mean !== undefined && !decEq(e.statistics.mean, dec(s.mean)))
      mismatch("statistics.mean", e.statistics.mean, dec(s.mean));
    if (e.statistics.median !== undefined && !decEq(e.statistics.median, dec(s.median)))
      mismatch("statistics.median", e.statistics.median, dec(s.median));
    for (const [line, n] of Object.entries(e.statistics.atOrAbove ?? {})) {
      const got = s.atOrAbove.find((x) => x.line === dstr(toDecimal(line)))?.count;
      if (got !== n) mismatch(`statistics.atOrAbove ${line}`, n, String(got));
    }
    const ch = s.previous?.change;
    if (e.statistics.meanChange !== undefined && !decEq(e.statistics.meanChange, dec(ch?.mean)))
      mismatch(
        "statistics.meanChange",
        e.statistics.meanChange,
        ch ? dec(ch.mean) : "(无上次结果)",
      );
    for (const [line, n] of Object.entries(e.statistics.atOrAboveChange ?? {})) {
      const got = ch?.atOrAbove.find((x) => x.line === dstr(toDecimal(line)))?.count;
      if (got !== n)
        mismatch(`statistics.atOrAboveChange ${line}`, n, String(got ?? "(无上次结果)"));
    }
  }
  return { name: c.name, passed: problems.length === 0, problems };
}

/** Runs one case against a compiled rule set and lists every difference. */
export function runCase(crs: CompiledRuleSet, c: Case, recorder?: CoverageRecorder): CaseOutcome {
  if (c.units) return runCohortCase(crs, c, recorder);
  const o = scoreUnit(crs, c.unit, c.options ?? {});
  recorder?.record(c.name, c.unit as CohortUnitInput, o);
  const problems: string[] = [];
  const e = c.expect;
  if (e.error !== undefined) {
    const codes = o.ok ? [] : o.issues.map((i) => i.code);
    if (!codes.includes(e.error as never))
      problems.push(
        issue("C_EXPECTED_ERROR", [], {
          code: e.error,
          actual: o.ok ? `得分 ${dstr(o.total)}` : codes.join(", "),
        }).message,
      );
    return { name: c.name, passed: problems.length === 0, problems, outcome: o };
  }
  if (!o.ok) {
    problems.push(`not scored: ${o.issues.map((i) => `${i.code} ${i.message}`).join("; ")}`);
    return { name: c.name, passed: false, problems, outcome: o };
  }
  const mismatch = (what: string, expected: unknown, actual: unknown) =>
    problems.push(
      issue("C_MISMATCH", [], { what, expected: show(expected), actual: show(actual) }).message,
    );
  if (e.total !== undefined && !same(e.total, o.total)) mismatch("total", e.total, dstr(o.total));
  if (e.deducted !== undefined && !same(e.deducted, o.deducted))
    mismatch("deducted", e.deducted, dstr(o.deducted));
  if (e.added !== undefined && !same(e.added, o.added)) mismatch("added", e.added, dstr(o.added));
  for (const [id, v] of Object.entries(e.nodes ?? {})) {
    const n = Object.hasOwn(o.nodes, id) ? o.nodes[id] : undefined;
    if (!n) problems.push(issue("C_UNKNOWN_NODE", [], { node: id }).message);
    else if (!same(v, n.score)) mismatch(`node ${id}`, v, dstr(n.score));
  }
  for (const [id, v] of Object.entries(e.measures ?? {})) {
    const m = Object.hasOwn(o.measures, id) ? o.measures[id] : undefined;
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
  for (const [id, v] of Object.entries(e.periods ?? {})) {
    const got = o.periods?.find((p) => p.id === id)?.score;
    if (!same(v, got)) mismatch(`period ${id}`, v, got ? dstr(got) : "(none)");
  }
  if (e.excluded !== undefined) {
    const want = [...e.excluded].sort().join(", ");
    const got = o.excluded
      .map((x) => `${x.fact}#${x.index >= 0 ? x.index : x.period}`)
      .sort()
      .join(", ");
    if (want !== got) mismatch("excluded", `[${want}]`, `[${got}]`);
  }
  for (const [id, want] of Object.entries(e.nodeGrades ?? {})) {
    const n = Object.hasOwn(o.nodes, id) ? o.nodes[id] : undefined;
    if (!n) problems.push(issue("C_UNKNOWN_NODE", [], { node: id }).message);
    else if ((n.grade ?? null) !== want)
      mismatch(`指标 ${id} 的等次`, want, String(n.grade ?? null));
  }
  for (const f of e.flagsInclude ?? [])
    if (!o.flags.includes(f))
      mismatch(`标记 ${f}`, "触发", `未触发(触发的标记:${o.flags.join("、") || "无"})`);
  for (const f of e.flagsExclude ?? [])
    if (o.flags.includes(f)) mismatch(`标记 ${f}`, "不触发", "触发");
  if (e.stopped !== undefined && e.stopped !== o.stopped)
    mismatch("stopped(一票否决停止计分)", e.stopped, String(o.stopped));
  const nodeList = (pick: (n: UnitResult["nodes"][string]) => boolean) =>
    Object.values(o.nodes)
      .filter(pick)
      .map((n) => n.id);
  for (const [key, pick] of [
    ["capped", (n: UnitResult["nodes"][string]) => n.capped],
    ["notApplicable", (n: UnitResult["nodes"][string]) => n.notApplicable === true],
  ] as const) {
    const want = e[key];
    if (want === undefined) continue;
    const got = nodeList(pick);
    if (!sameList(want, got)) mismatch(key, [...want].sort(), [...got].sort());
  }
  for (const [key, field] of [
    ["earned", "earned"],
    ["applicable", "applicable"],
    ["rescaled", "score"],
  ] as const) {
    const want = e[key];
    if (want === undefined) continue;
    const got = o.rescale?.[field];
    if (!same(want, got)) mismatch(key, want, got ? dstr(got) : "(规则集未按得分率换算)");
  }
  if (e.effects) checkEffects(e.effects, o, problems, mismatch);
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
  recorder?: CoverageRecorder,
): CaseReport {
  return {
    ...(file ? { file } : {}),
    issues,
    cases: cases.map((c) => runCase(crs, c, recorder)),
  };
}
