import type { CWindow, RunContext } from "../compile/clause.js";
import type { CNode, CompiledRuleSet, Plan } from "../compile/compile.js";
import type { FactEnv } from "../compile/condition.js";
import { deriveFacts } from "../compile/derive.js";
import { SLOW } from "../compile/fact-reader.js";
import { type Decimal, dstr } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { type Calendar, CN_CALENDAR } from "../time/calendar.js";
import { MAX_WINDOW_DAYS, parseDate } from "../time/date.js";
import { scoreCombined } from "./combine-parts.js";
import { thresholdFlags } from "./common.js";
import type { Ctx } from "./context.js";
import { describe, isPlainObject, named, resolveFact, unknownFactIssue } from "./facts.js";
import { linkFindings } from "./links.js";
import { scorePeriods } from "./periods.js";
import { rescaled, rescaleTotal, rescaling } from "./rescale.js";
import { finalTotal, gradeOf, measuresOf, runVetoes, scoreItems, treeTotals } from "./totals.js";
import { scoreTree } from "./tree.js";
import type {
  ExcludedFinding,
  NodeResult,
  PartResult,
  UnitInput,
  UnitOutcome,
  UnitResult,
} from "./types.js";

/** Options of a scoring run. */
export interface ScoreOptions {
  /**
   * Whether to record the explanation (the trace); default true. Turn it off for bulk runs that
   * need only scores: every score, grade and flag is the same either way, only `trace` is empty.
   */
  trace?: boolean;
  /** The working-day calendar; default: China's official calendar (CN_CALENDAR). */
  calendar?: Calendar;
  /** T4/T7: the as-of date YYYY-MM-DD: responses not made by then and overdue count as missed. */
  asOf?: string;
  /** T3/T7: the run's assessment window; it narrows the rule set's windows (e.g. quarter to date). */
  window?: { from: string; to: string };
  /**
   * Refuse what would otherwise only be warned about: a unit with a value that is probably in
   * the wrong scale (a percent rate given as 0.875, W_RATE_SCALE) is not scored (F_RATE_SCALE).
   */
  strict?: boolean;
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Resolves a unit's facts against the plan for its category, collecting every problem. */
function resolveUnitFacts(
  crs: CompiledRuleSet,
  plan: Plan,
  unit: UnitInput,
  errors: KaoheIssue[],
  missing: KaoheIssue[],
  warnings: KaoheIssue[],
  strict: boolean,
): FactEnv {
  const env: FactEnv = new Map();
  const given = unit.facts ?? {};
  if (!isPlainObject(given)) {
    // A Map, an array or a class instance would read as "no facts given": never silently.
    errors.push(
      issue("F_BAD_UNITS", ["facts"], {
        detail: `facts 应为映射(事实编号: 值),实际是${describe(given)}`,
      }),
    );
    return env;
  }
  const keys = Object.keys(given);
  let known = true;
  for (const key of keys) if (UNSAFE_KEYS.has(key) || !crs.facts.has(key)) known = false;
  // Sorted: the order the keys were written in must not change the report.
  if (!known)
    for (const key of keys.sort()) {
      if (UNSAFE_KEYS.has(key) || !crs.facts.has(key))
        errors.push(unknownFactIssue(crs.facts, key, ["facts", key]));
    }
  for (const r of plan.readers) {
    const present = Object.hasOwn(given, r.id);
    if (r.derived) {
      if (present) errors.push(issue("F_DERIVED_GIVEN", ["facts", r.id], named(r.fact)));
      continue;
    }
    // Facts this category never reads are validated when given but not required.
    if (!present && !r.required) continue;
    const raw = present ? given[r.id] : undefined;
    if (r.fast && raw !== undefined && raw !== null) {
      const v = r.fast(raw);
      if (v !== SLOW) {
        env.set(r.id, v);
        continue;
      }
    }
    // A missing fact is an error only if a rule that applies reads it: held back until the
    // nodes that do not apply to this unit (C17) are known.
    const v = resolveFact(
      r.fact,
      raw,
      present,
      ["facts", r.id],
      present ? errors : missing,
      r.computed ? undefined : warnings,
      strict && !r.computed,
    );
    if (v !== undefined) env.set(r.id, v);
  }
  // Linked findings (`of`), once every findings fact is read.
  if (crs.linked && !errors.length) linkFindings(crs.facts, env, errors);
  // Derived facts, once their inputs are read; a refusal waits like a missing fact (C17).
  if (crs.derived.size) deriveFacts(crs.derived, crs.facts, plan.facts, env, missing);
  return env;
}

/**
 * Scores one unit with a compiled rule set. Never throws for bad facts: a unit whose facts are
 * missing or ill-typed comes back as `{ ok: false, issues }` naming each one.
 *
 * @example
 * // A 1-point item, "每处扣0.1分", three occurrences:
 * const r = scoreUnit(compiled, { id: "A市", facts: { n: 3 } });
 * r.ok && r.total.toFixed(); //=> "0.7"
 */
export function scoreUnit(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions = {},
): UnitOutcome {
  if (unit.parts === undefined)
    return withUnit(
      crs.periods
        ? scorePeriods(crs, unit, options, (c, u, o, period) => scoreSingle(c, u, o, period))
        : scoreSingle(crs, unit, options),
      unit.id,
    );
  const o = scoreCombined(crs, unit, options, scoreSingle);
  // The warnings of the parts scored with the rules, at their place under `parts`.
  if (o.ok && o.parts) {
    const warnings: KaoheIssue[] = [];
    const walk = (parts: readonly PartResult[], at: (string | number)[]) => {
      for (const p of parts) {
        const here = [...at, "parts", p.id];
        for (const w of p.result?.warnings ?? [])
          warnings.push({ ...w, path: [...here, ...w.path] });
        if (p.parts) walk(p.parts, here);
      }
    };
    walk(o.parts, []);
    if (warnings.length) o.warnings = warnings;
  }
  return withUnit(o, unit.id);
}

/** Every issue and warning of a unit's outcome names the unit. */
function withUnit(o: UnitOutcome, unit: string): UnitOutcome {
  const stamp = (i: KaoheIssue): KaoheIssue => (i.unit === undefined ? { ...i, unit } : i);
  if (o.warnings) o.warnings = o.warnings.map(stamp);
  if (!o.ok) o.issues = o.issues.map(stamp);
  return o;
}

/** Scores a unit given with its facts, and attaches the warnings its facts raised. */
function scoreSingle(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions,
  period?: CWindow,
): UnitOutcome {
  const warnings: KaoheIssue[] = [];
  const o = scoreFacts(crs, unit, options, warnings, period);
  if (warnings.length) o.warnings = warnings;
  return o;
}

/** A unit ready to be scored: its plan, its checked facts and the nodes that do not apply. */
interface Prepared {
  plan: Plan;
  env: FactEnv;
  notApplicable: Set<number> | null;
}

/**
 * Checks a unit before scoring: its category, its facts (every problem collected), and which
 * nodes do not apply to it (C17), whose missing facts are then forgiven.
 */
function prepareUnit(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions,
  errors: KaoheIssue[],
  warnings: KaoheIssue[],
): Prepared | null {
  const category = unit.category ?? null;
  if (crs.categories && category === null) {
    errors.push(issue("F_CATEGORY_REQUIRED", ["category"], { allowed: crs.categories.join(", ") }));
    return null;
  }
  if (category !== null && !crs.plans.has(category)) {
    errors.push(
      issue("F_UNKNOWN_CATEGORY", ["category"], {
        category,
        allowed: crs.categories
          ? crs.categories.join(", ")
          : "无(这套规则不分类别,单位不写 category)",
      }),
    );
    return null;
  }
  const plan = crs.plans.get(category) as Plan;
  const missing: KaoheIssue[] = [];
  const env = resolveUnitFacts(crs, plan, unit, errors, missing, warnings, options.strict === true);
  if (errors.length) {
    errors.push(...missing);
    return null;
  }
  const notApplicable = plan.hasApplicability
    ? findNotApplicable(plan, env, missing, errors)
    : null;
  if (!notApplicable) errors.push(...missing);
  return errors.length ? null : { plan, env, notApplicable };
}

/**
 * Scores a unit in phases: check it, run the vetoes, score the tree, the items outside it and the
 * gates, fix and round the total, grade it, and flag it by the thresholds.
 */
function scoreFacts(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions,
  warnings: KaoheIssue[],
  period?: CWindow,
): UnitOutcome {
  const category = unit.category ?? null;
  const errors: KaoheIssue[] = [];
  const fail = (issues: KaoheIssue[]): UnitOutcome => ({
    ok: false,
    unit: unit.id,
    category,
    issues,
  });
  const p = prepareUnit(crs, unit, options, errors, warnings);
  // A bad run option fails every unit, those with bad facts too (every problem at once).
  const explain = options.trace !== false;
  const rc = runContext(options, explain, errors, period);
  if (!p || errors.length) return fail(errors);
  const ctx: Ctx = {
    crs,
    explain,
    rc,
    excluded: new Map(),
    env: p.env,
    trace: [],
    errors,
    unitGrades: [],
    flags: [],
  };
  const vetoes = runVetoes(ctx, p.plan);
  const res = scoreTree(ctx, p.plan, p.notApplicable, vetoes.zeroed);
  // C17 rescale: the points earned over the points of the items that apply, times the stated
  // full score, before or after the items outside the tree as the rule set says.
  const rs = rescaling(crs, p.plan, p.notApplicable);
  if (rs && !rs.applicable.greaterThan(0))
    return fail([issue("F_NO_APPLICABLE_POINTS", ["nodes"], { to: dstr(rs.spec.to) })]);
  const m = treeTotals(p.plan, res, vetoes, crs);
  const before = rs?.spec.adjustments === "before-rescale";
  let rescale = rs && !before ? rescaleTotal(ctx, rs, m, m.tree, null) : undefined;
  scoreItems(ctx, p.plan, m, rs && before ? (x) => rescaled(rs, x) : undefined);
  if (ctx.errors.length) return fail(dedupeIssues(ctx.errors));
  if (rs && before) {
    const earned = m.totals.get(crs.pointsMeasure) as Decimal;
    rescale = rescaleTotal(ctx, rs, m, earned, earned.minus(m.tree));
  }
  const { total, unrounded } = finalTotal(ctx, vetoes, m.totals.get(crs.pointsMeasure) as Decimal);
  const nodes: Record<string, NodeResult> = {};
  if (!vetoes.stopped) for (const r of res) if (r) nodes[r.id] = r;
  const result: UnitResult = {
    ok: true,
    unit: unit.id,
    category,
    total,
    unrounded,
    measures: measuresOf(crs, m.totals, total),
    deducted: m.deducted,
    added: m.added,
    nodes,
    ...gradeOf(crs, total, ctx.unitGrades),
    flags: ctx.flags,
    stopped: vetoes.stopped,
    excluded: sortedExclusions(ctx.excluded),
    ...(rescale ? { rescale } : {}),
    trace: ctx.trace,
  };
  for (const { flag, entry } of thresholdFlags(crs, result)) {
    ctx.flags.push(flag);
    if (ctx.explain) ctx.trace.push(entry);
  }
  return result;
}

/** Sorted on every field that tells two exclusions apart: the input's key order must not show. */
function sortedExclusions(excluded: ReadonlyMap<string, ExcludedFinding>): ExcludedFinding[] {
  return [...excluded.values()].sort(
    (a, b) =>
      cmp(a.fact, b.fact) ||
      a.index - b.index ||
      cmp(a.period ?? "", b.period ?? "") ||
      cmp(a.date, b.date) ||
      cmp(a.note ?? "", b.note ?? ""),
  );
}

/** One issue per code and place: several rules reading one bad finding report it once. */
function dedupeIssues(issues: KaoheIssue[]): KaoheIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}|${i.path.join("/")}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Checks the run options and turns them into the context clauses read. */
function runContext(
  options: ScoreOptions,
  explain: boolean,
  errors: KaoheIssue[],
  period?: CWindow,
): RunContext {
  let asOf: number | null = null;
  // A period of a split run (T7) replaces the run's window, which it already lies in.
  let window: CWindow | null = period ?? null;
  if (options.asOf !== undefined) {
    asOf = parseDate(options.asOf);
    if (asOf === null)
      errors.push(
        issue("F_OPTION", ["asOf"], {
          option: "asOf",
          detail: `须为实际存在的日期 YYYY-MM-DD,而不是 "${options.asOf}"`,
        }),
      );
  }
  if (options.window && !period) {
    const from = parseDate(options.window.from);
    const to = parseDate(options.window.to);
    if (from === null || to === null || from > to || to - from > MAX_WINDOW_DAYS)
      errors.push(
        issue("F_OPTION", ["window"], {
          option: "window",
          detail: `须为实际存在的起止日期 YYYY-MM-DD,起日不晚于止日,相隔不超过${MAX_WINDOW_DAYS}天,而不是 "${options.window.from}..${options.window.to}"`,
        }),
      );
    else
      window = {
        from,
        to,
        undated: "include",
        label: `${options.window.from}至${options.window.to}`,
      };
  }
  return { explain, calendar: options.calendar ?? CN_CALENDAR, asOf, window };
}

/**
 * C17: the nodes that do not apply to this unit — those whose condition fails, their
 * descendants, and parents all of whose children do not apply. Missing facts read only by such
 * nodes are forgiven; the others become errors.
 */
function findNotApplicable(
  plan: Plan,
  env: FactEnv,
  missing: KaoheIssue[],
  errors: KaoheIssue[],
): Set<number> {
  const missingFact = (i: KaoheIssue) => String(i.path[1]);
  const pending = new Set(missing.map(missingFact));
  const na = new Set<number>();
  for (const f of plan.alwaysFacts)
    if (pending.has(f)) errors.push(...missing.filter((m) => missingFact(m) === f));
  if (errors.length) return na;
  for (let i = plan.nodes.length - 1; i >= 0; i--) {
    const n = plan.nodes[i] as CNode;
    if (na.has(i)) continue;
    if (n.applicable && n.applicable(env) !== true) {
      for (let d = i - n.size + 1; d <= i; d++) na.add(d);
    }
  }
  // A parent none of whose children applies does not apply either.
  for (let i = 0; i < plan.nodes.length; i++) {
    const n = plan.nodes[i] as CNode;
    if (n.children.length && n.children.every((k) => na.has(k))) na.add(i);
  }
  const needed = new Set<string>();
  plan.nodes.forEach((n, i) => {
    if (!na.has(i)) for (const f of n.facts) needed.add(f);
  });
  for (const m of missing) if (needed.has(missingFact(m))) errors.push(m);
  return na;
}

/** Scores many units; the results come back in input order, and each unit is scored on its own. */
export function scoreUnits(
  crs: CompiledRuleSet,
  units: readonly UnitInput[],
  options: ScoreOptions = {},
): UnitOutcome[] {
  // Every unit sharing an id is reported: which of them is meant cannot depend on input order.
  const count = new Map<string, number>();
  for (const u of units) count.set(u.id, (count.get(u.id) ?? 0) + 1);
  return units.map((u) =>
    (count.get(u.id) ?? 0) > 1
      ? {
          ok: false,
          unit: u.id,
          category: u.category ?? null,
          issues: [{ ...issue("F_DUPLICATE_UNIT", ["id"], { id: u.id }), unit: u.id }],
        }
      : scoreUnit(crs, u, options),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
