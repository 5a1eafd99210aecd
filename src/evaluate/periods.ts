/**
 * T7 periods: a unit scored once per month or quarter of its assessment window, each period on the
 * dated findings that fall in it, and the total the sum (累计积分) or the mean of the periods'
 * scores — no weights involved. Each period's own result is kept and reported.
 */
import type { CWindow } from "../compile/clause.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import type { CPeriods } from "../constructs/periods/compile.js";
import { type Decimal, roundTo, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import {
  civilFromDays,
  formatDate,
  MAX_WINDOW_DAYS,
  monthKey,
  parseDate,
  periodRange,
  quarterKey,
} from "../time/date.js";
import { compositeResult } from "./combine-parts.js";
import type { EngineEffect } from "./effects.js";
import { isPlainObject, resolveFact } from "./facts.js";
import type {
  ExcludedFinding,
  PeriodResult,
  TraceEntry,
  UnitInput,
  UnitOutcome,
  UnitResult,
} from "./types.js";

/** Scores a unit under a period window (the run's window replaced by it). */
export type ScoreInPeriod = (
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: { trace?: boolean },
  period: CWindow,
) => UnitOutcome;

/** One period of the split: its key, its name in Chinese and its days, clipped to the range. */
interface Span {
  id: string;
  label: string;
  from: number;
  to: number;
}

/** The months (quarters) the range touches, each clipped to it, in order. */
export function splitRange(from: number, to: number, each: CPeriods["each"]): Span[] {
  const out: Span[] = [];
  let day = from;
  while (day <= to) {
    const id = each === "month" ? monthKey(day) : quarterKey(day);
    const r = periodRange(id) as { from: number; to: number };
    const { y, m } = civilFromDays(day);
    const label =
      each === "month"
        ? `${y}年${m}月`
        : `${y}年第${["一", "二", "三", "四"][((m - 1) / 3) | 0]}季度`;
    out.push({ id, label, from: day, to: Math.min(r.to, to) });
    day = r.to + 1;
  }
  return out;
}

/** The range the run splits: the rule set's window, narrowed by the run's; or an issue. */
function rangeOf(
  spec: CPeriods,
  run: { from: string; to: string } | undefined,
): { from: number; to: number } | KaoheIssue {
  const own = spec.window;
  if (!run)
    return own
      ? { from: own.from, to: own.to }
      : issue("F_WINDOW_REQUIRED", ["window"], { rule: "periods" });
  const a = parseDate(run.from);
  const b = parseDate(run.to);
  if (a === null || b === null || a > b || b - a > MAX_WINDOW_DAYS)
    return issue("F_OPTION", ["window"], {
      option: "window",
      detail: `须为实际存在的起止日期 YYYY-MM-DD,起日不晚于止日,相隔不超过${MAX_WINDOW_DAYS}天,而不是 "${run.from}..${run.to}"`,
    });
  if (!own) return { from: a, to: b };
  const from = Math.max(own.from, a);
  const to = Math.min(own.to, b);
  if (from > to)
    return issue("F_OPTION", ["window"], {
      option: "window",
      detail: `本次评分的期间 ${run.from}至${run.to} 与规则集的考核期间 ${own.label} 不重叠,没有可以计分的期间`,
    });
  return { from, to };
}

/**
 * How many occurrences without a date the unit gives in the findings facts its rules read, read as
 * scoring reads them: a plain-text finding and a bare count have no date either, an entry stands
 * for its `count`, and a row of counts for a period is dated by its period.
 */
function undatedCount(crs: CompiledRuleSet, unit: UnitInput): number {
  const given = unit.facts;
  const plan = crs.plans.get(unit.category ?? null);
  // Facts that are no mapping, or an unknown category, refuse the unit: nothing to count then.
  if (!isPlainObject(given) || !plan) return 0;
  let n = 0;
  for (const id of plan.facts) {
    const f = crs.facts.get(id);
    if (f?.type !== "findings" || !Object.hasOwn(given, id)) continue;
    // A value that cannot be read refuses the unit too.
    const v = resolveFact(f, given[id], true, ["facts", id], []);
    if (!Array.isArray(v)) continue;
    for (const x of v) if (x.date === undefined && x.period === undefined) n += x.count ?? 1;
  }
  return n;
}

/**
 * Scores each period of the unit's window with the rule set, then sums (or averages) the periods'
 * scores, rounding once at the end. A period that cannot be scored refuses the unit, its issues
 * reported once (the same fact fails in every period).
 */
export function scorePeriods(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: { trace?: boolean; window?: { from: string; to: string } },
  scoreIn: ScoreInPeriod,
): UnitOutcome {
  const spec = crs.periods as CPeriods;
  const refused = (issues: KaoheIssue[]): UnitOutcome => ({
    ok: false,
    unit: unit.id,
    category: unit.category ?? null,
    issues,
  });
  const range = rangeOf(spec, options.window);
  if ("code" in range) return refused([range]);
  const spans = splitRange(range.from, range.to, spec.each);
  const explain = options.trace !== false;
  // Only the explanation says how many undated findings a period counted.
  const undated = spec.undated === "error" || !explain ? 0 : undatedCount(crs, unit);
  const periods: PeriodResult[] = [];
  const trace: TraceEntry[] = [];
  for (const [k, s] of spans.entries()) {
    const window: CWindow = {
      from: s.from,
      to: s.to,
      undated:
        spec.undated === "error"
          ? "error"
          : spec.undated === "every" || k === 0
            ? "include"
            : "exclude",
      label: `${formatDate(s.from)}至${formatDate(s.to)}`,
      split: true,
    };
    const r = scoreIn(crs, unit, options, window);
    if (!r.ok) return refused(r.issues);
    const score = spec.periodRounding === "policy" ? r.total : r.unrounded;
    const counted = spec.undated === "every" || k === 0 ? undated : 0;
    periods.push({
      id: s.id,
      label: s.label,
      from: formatDate(s.from),
      to: formatDate(s.to),
      score,
      result: r,
    });
    if (explain)
      trace.push(
        periodEntry(crs, spec, `periods.${s.id}`, {
          type: "period",
          label: s.label,
          score,
          undated: counted,
        }),
      );
  }
  const result = periodsResult(crs, spec, unit, periods, trace, explain, range);
  // Every period reads the same facts, so each raises the same warnings: said once.
  const warned = periods[0]?.result.warnings;
  if (warned?.length) result.warnings = warned;
  return result;
}

/** A trace entry of the split: a period's score, or the total. */
function periodEntry(
  crs: CompiledRuleSet,
  spec: CPeriods,
  rule: string,
  effect: EngineEffect,
): TraceEntry {
  return {
    kind: "combine",
    rule,
    node: null,
    measure: crs.pointsMeasure,
    text: spec.text,
    ref: {
      doc: spec.ref.doc,
      title: crs.documents.get(spec.ref.doc)?.title ?? spec.ref.doc,
      ...(spec.ref.at ? { at: spec.ref.at } : {}),
    },
    facts: {},
    effect,
  };
}

/** The total of the periods, rounded once; grades, flags and measures carried as combine does. */
function periodsResult(
  crs: CompiledRuleSet,
  spec: CPeriods,
  unit: UnitInput,
  periods: PeriodResult[],
  trace: TraceEntry[],
  explain: boolean,
  range: { from: number; to: number },
): UnitResult {
  const n = toDecimal(periods.length);
  const mean = spec.total === "mean";
  const fold = (pick: (r: UnitResult) => Decimal): Decimal => {
    const sum = periods.reduce((a, p) => a.plus(pick(p.result)), ZERO);
    return mean ? sum.dividedBy(n) : sum;
  };
  const sum = periods.reduce((a, p) => a.plus(p.score), ZERO);
  const exact = mean ? sum.dividedBy(n) : sum;
  const total = roundTo(exact, spec.rounding.places, spec.rounding.mode);
  if (explain) {
    const effect: EngineEffect = {
      type: "periods",
      mode: spec.total,
      terms: periods.map((p) => ({ label: p.label, score: p.score })),
      exact,
      total,
      places: spec.rounding.places,
    };
    trace.push(periodEntry(crs, spec, "periods", effect));
  }
  const leaves = periods.map((p) => p.result);
  const measures: Record<string, Decimal> = { [crs.pointsMeasure]: total };
  for (const m of crs.measures) {
    if (m.id === crs.pointsMeasure) continue;
    const v = fold((r) => r.measures[m.id] ?? ZERO);
    measures[m.id] = m.rounding ? roundTo(v, m.rounding.places, m.rounding.mode) : v;
  }
  return compositeResult(crs, unit, leaves, explain, {
    total,
    unrounded: exact,
    periods,
    measures,
    deducted: fold((r) => r.deducted),
    added: fold((r) => r.added),
    excluded: outsideAll(leaves, range),
    trace,
  });
}

/**
 * The findings no period counted because they lie outside the whole range (by their date, or the
 * day they lapse): each once, with every rule that left it out, under the range's name. A finding
 * inside the range is counted in its period; each period's own result lists what it left out.
 */
function outsideAll(
  leaves: readonly UnitResult[],
  range: { from: number; to: number },
): ExcludedFinding[] {
  const label = `${formatDate(range.from)}至${formatDate(range.to)}`;
  const out = new Map<string, ExcludedFinding>();
  for (const r of leaves)
    for (const x of r.excluded) {
      const day = parseDate((x.lapse ?? x.date).slice(0, 10));
      const period = x.period !== undefined ? periodRange(x.period) : null;
      const outside = period
        ? period.to < range.from || period.from > range.to
        : day !== null && (day < range.from || day > range.to);
      if (!outside) continue;
      const key = `${x.fact}#${x.index}#${x.period ?? ""}`;
      const seen = out.get(key);
      if (seen) {
        for (const rule of x.rules) if (!seen.rules.includes(rule)) seen.rules.push(rule);
      } else out.set(key, { ...x, window: label, rules: [...x.rules] });
    }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...out.values()].sort(
    (a, b) =>
      cmp(a.fact, b.fact) ||
      a.index - b.index ||
      cmp(a.period ?? "", b.period ?? "") ||
      cmp(a.date, b.date),
  );
}
