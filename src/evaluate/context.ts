/**
 * One unit's scoring context, and running clauses in it: windows applied to the facts a clause
 * reads, its outcome recorded in the trace, groups of clauses combined (sum or highest), caps on
 * a group, and the trace entries of caps and rounding.
 */
import type { CClause, CWindow, Outcome, RunContext } from "../compile/clause.js";
import type { CAdjustment, CNode, CompiledRuleSet } from "../compile/compile.js";
import type { FactEnv } from "../compile/condition.js";
import { derivedText } from "../compile/derive.js";
import { findingIndex, findingTime } from "../compile/values.js";
import { type Decimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { CalendarYearError } from "../time/calendar.js";
import { formatDate, periodRange } from "../time/date.js";
import { refOf } from "./common.js";
import type { EngineEffect } from "./effects.js";
import { factText } from "./facts.js";
import type { ExcludedFinding, Finding, TraceEntry } from "./types.js";

export interface Ctx {
  crs: CompiledRuleSet;
  /** Whether to record the trace (the explanation); off for bulk scoring of totals only. */
  explain: boolean;
  rc: RunContext;
  excluded: Map<string, ExcludedFinding>;
  env: FactEnv;
  trace: TraceEntry[];
  errors: KaoheIssue[];
  unitGrades: string[];
  flags: string[];
}

export function factsOf(ctx: Ctx, c: CClause): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of c.facts) {
    const dv = ctx.crs.derived.get(f);
    out[f] = dv ? derivedText(dv, ctx.env, ctx.crs.facts) : factText(ctx.env.get(f), c.kind);
  }
  return out;
}

/** The narrower of two windows (their intersection), or whichever exists. */
function narrow(a: CWindow | null, b: CWindow | null): CWindow | null {
  if (!a) return b;
  if (!b) return a;
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  const undated = [a.undated, b.undated];
  return {
    from,
    to,
    undated: undated.includes("error")
      ? "error"
      : undated.includes("exclude")
        ? "exclude"
        : "include",
    label: `${formatDate(from)}至${formatDate(to)}`,
    ...(a.split || b.split ? { split: true as const } : {}),
  };
}

/** Records a finding or period left out by a window, once, with every rule that left it out. */
export function noteExcluded(
  ctx: Ctx,
  c: CClause,
  key: string,
  x: Omit<ExcludedFinding, "rules">,
): void {
  const seen = ctx.excluded.get(key);
  if (seen) {
    if (!seen.rules.includes(c.id)) seen.rules.push(c.id);
  } else ctx.excluded.set(key, { ...x, rules: [c.id] });
}

/**
 * T3: the facts a clause sees inside its window: dated findings outside it are left out and
 * reported as excluded (never silently dropped); undated ones follow the window's rule.
 */
function windowed(ctx: Ctx, c: CClause, w: CWindow): FactEnv | null {
  let env: FactEnv | null = null;
  for (const f of c.facts) {
    const v = ctx.env.get(f);
    if (v instanceof Map) {
      // Periods of a series outside the window are reported like dated findings.
      for (const key of v.keys()) {
        const span = periodRange(key);
        if (!span) continue;
        if (span.to < w.from || span.from > w.to)
          noteExcluded(ctx, c, `${f}#${key}#${w.label}`, {
            fact: f,
            index: -1,
            period: key,
            date: key,
            window: w.label,
          });
      }
      continue;
    }
    if (!Array.isArray(v)) continue;
    const keep: Finding[] = [];
    v.forEach((x, i) => {
      if (x.period !== undefined) {
        // A row of counts for a period: kept when its period meets the window, like a series'.
        const span = periodRange(x.period);
        if (span && span.to >= w.from && span.from <= w.to) keep.push(x);
        else
          noteExcluded(ctx, c, `${f}#${i}#${w.label}`, {
            fact: f,
            index: findingIndex(x, i),
            period: x.period,
            date: x.period,
            window: w.label,
            ...(x.note !== undefined ? { note: x.note } : {}),
          });
        return;
      }
      if (x.date === undefined) {
        if (w.undated === "error")
          ctx.errors.push(
            issue("F_FINDING_UNDATED", ["facts", f, i, "date"], {
              fact: f,
              label: ctx.crs.facts.get(f)?.label,
              window: w.label,
            }),
          );
        // Left out of the periods after the first (T7 periods, undated: first): counted there.
        else if (w.undated === "include") keep.push(x);
        return;
      }
      const day = c.windowDay ? lapseOf(ctx, c, x, f, i) : dayOfFinding(x);
      if (day === null) return;
      if (day >= w.from && day <= w.to) {
        keep.push(x);
        return;
      }
      noteExcluded(ctx, c, `${f}#${i}#${w.label}`, {
        fact: f,
        index: i,
        date: x.date,
        window: w.label,
        ...(c.windowDay ? { lapse: formatDate(day) } : {}),
        ...(x.note !== undefined ? { note: x.note } : {}),
      });
    });
    if (keep.length !== v.length) {
      env ??= new Map(ctx.env);
      env.set(f, keep);
    }
  }
  return env;
}

const dayOfFinding = (x: Finding): number => Math.floor((findingTime(x, "date") as number) / 1440);

/**
 * The day a window reads for a finding of a clause that says which (a deadline's `windowBy:
 * lapse`), or null when it cannot be computed (a year the calendar lacks: F_CALENDAR_YEAR).
 */
function lapseOf(ctx: Ctx, c: CClause, x: Finding, fact: string, i: number): number | null {
  try {
    return (c.windowDay as NonNullable<CClause["windowDay"]>)(x, ctx.rc);
  } catch (e) {
    if (!(e instanceof CalendarYearError)) throw e;
    ctx.errors.push(
      issue("F_CALENDAR_YEAR", ["facts", fact, i, "date"], {
        year: e.year,
        covered: ctx.rc.calendar.years.join(", "),
      }),
    );
    return null;
  }
}

/** Runs a clause and records what it did; returns its outcome when it changed something. */
export function runClause(ctx: Ctx, c: CClause, node: string | null): Outcome | null {
  const w = narrow(c.window, ctx.rc.window);
  let env = ctx.env;
  let rc = ctx.rc;
  // A period of a split run that this rule's window does not reach: nothing of it counts here.
  if (w && w.from > w.to && w.split) return null;
  if (w && w.from > w.to) {
    // The run's window and this rule's do not overlap: nothing could count, so say so.
    ctx.errors.push(
      issue("F_OPTION", ["window"], {
        option: "window",
        detail: `本次评分期间 ${ctx.rc.window?.label ?? ""} 与条款 "${c.id}" 的考核期间 ${c.window?.label ?? ""} 没有重叠,这一条没有可计入的问题`,
      }),
    );
    return null;
  }
  if (w) {
    if (w !== ctx.rc.window) rc = { ...ctx.rc, window: w };
    const before = ctx.errors.length;
    env = windowed(ctx, c, w) ?? env;
    if (ctx.errors.length > before) return null;
  }
  const o = c.run(env, rc);
  if (!o) return null;
  if (o.error) {
    ctx.errors.push(o.error);
    return null;
  }
  const entry = (kind: TraceEntry["kind"], delta?: Decimal): TraceEntry => {
    const e: TraceEntry = {
      kind,
      rule: c.id,
      node,
      measure: c.measure,
      text: c.text,
      facts: factsOf(ctx, c),
      words: c.words,
    };
    const ref = refOf(ctx.crs, c.ref);
    if (ref) e.ref = ref;
    if (delta) e.delta = delta;
    if (o.effect) e.effect = o.effect;
    return e;
  };
  if (o.na) {
    if (ctx.explain) ctx.trace.push(entry("not-applicable"));
    return null;
  }
  if (o.override) {
    const ov = o.override;
    if (ov.grade && ov.gradeScope === "unit") {
      ctx.unitGrades.push(ov.grade);
      if (ctx.explain) ctx.trace.push(entry("grade"));
    }
    if (ov.flag) {
      ctx.flags.push(ov.flag);
      if (ctx.explain) ctx.trace.push(entry("flag"));
    }
  }
  if (ctx.explain && !o.amount.isZero()) {
    const add = c.effect === "add";
    ctx.trace.push(entry(add ? "add" : "deduct", add ? o.amount : o.amount.negated()));
  }
  return o;
}

/** Records a cap that bit. Its effect (and the words made from it) only when the trace is wanted. */
export function capEntry(
  ctx: Ctx,
  kind: "deduct-cap" | "add-cap",
  rule: string,
  node: string | null,
  text: string,
  ref: { doc: string; at?: string } | undefined,
  delta: Decimal,
  effect: () => EngineEffect,
  measure: string = ctx.crs.pointsMeasure,
): void {
  if (!ctx.explain) return;
  const e: TraceEntry = { kind, rule, node, measure, delta, text, facts: {}, effect: effect() };
  const r = refOf(ctx.crs, ref);
  if (r) e.ref = r;
  ctx.trace.push(e);
}

/**
 * Runs a group of clauses and combines their amounts: all of them (sum), or only the highest
 * (按最高级别计分), the others staying in the trace with no effect.
 */
export function combineClauses(
  ctx: Ctx,
  clauses: readonly CClause[],
  node: string | null,
  mode: "sum" | "max",
): Decimal {
  const outs: { o: Outcome; entry: TraceEntry | undefined }[] = [];
  for (const c of clauses) {
    const before = ctx.trace.length;
    const o = runClause(ctx, c, node);
    // The clause's scoring entry is the last one it wrote (grades and flags come first).
    if (o && !o.amount.isZero())
      outs.push({
        o,
        entry: ctx.trace.length > before ? ctx.trace[ctx.trace.length - 1] : undefined,
      });
  }
  if (mode === "sum") return outs.reduce((a, x) => a.plus(x.o.amount), ZERO);
  let best = outs[0];
  for (const x of outs) if (best && x.o.amount.greaterThan(best.o.amount)) best = x;
  for (const x of outs) {
    if (x === best || !x.entry) continue;
    x.entry.kind = "info";
    delete x.entry.delta;
  }
  return best ? best.o.amount : ZERO;
}

/** Combines a node's additions (sum or highest only) and applies its bonus cap. */
export function applyAdditions(ctx: Ctx, n: CNode): Decimal {
  let total = combineClauses(ctx, n.additions, n.id, n.bonusCombine);
  if (total.isZero()) return ZERO;
  if (n.bonusCap && total.greaterThan(n.bonusCap)) {
    capEntry(ctx, "add-cap", n.id, n.id, n.text ?? n.title, n.ref, n.bonusCap.minus(total), () => ({
      type: "bonus-cap",
      cap: n.bonusCap as Decimal,
    }));
    total = n.bonusCap;
  }
  return total;
}

export function roundEntry(
  ctx: Ctx,
  rule: string,
  node: string | null,
  delta: Decimal,
  places: number,
): void {
  if (!ctx.explain) return;
  const effect: EngineEffect = { type: "round", places };
  ctx.trace.push({
    kind: "round",
    rule,
    node,
    measure: ctx.crs.pointsMeasure,
    delta,
    text: "",
    facts: {},
    effect,
  });
}

/** Scores one item outside the tree: sum or highest of its clauses, then its cap. */
export function adjustment(ctx: Ctx, a: CAdjustment): Decimal {
  let total = combineClauses(ctx, a.clauses, null, a.combine);
  if (total.isZero()) return ZERO;
  if (a.cap && total.greaterThan(a.cap)) {
    const relief = total.minus(a.cap);
    capEntry(
      ctx,
      a.effect === "add" ? "add-cap" : "deduct-cap",
      a.id,
      null,
      a.text ?? a.title,
      a.ref,
      a.effect === "add" ? relief.negated() : relief,
      () => {
        const m = ctx.crs.measures.find((x) => x.id === a.measure);
        return {
          type: "item-cap",
          add: a.effect === "add",
          cap: a.cap as Decimal,
          points: a.measure === ctx.crs.pointsMeasure,
          label: m?.label ?? a.measure,
          unit: m?.unit ?? "",
        };
      },
      a.measure,
    );
    total = a.cap;
  }
  return total;
}
