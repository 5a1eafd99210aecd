import type { CClause, CWindow, Outcome, RunContext } from "../compile/clause.js";
import type { CAdjustment, CNode, CompiledRuleSet, Plan } from "../compile/compile.js";
import type { FactEnv } from "../compile/condition.js";
import { SLOW } from "../compile/fact-reader.js";
import { findingTime } from "../compile/values.js";
import { type Decimal, dmin, dstr, roundTo, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { type Calendar, CN_CALENDAR } from "../time/calendar.js";
import { formatDate, MAX_WINDOW_DAYS, parseDate, periodRange } from "../time/date.js";
import { scoreCombined } from "./combine-parts.js";
import { refOf, thresholdFlags, within } from "./common.js";
import { describe, factText, isPlainObject, resolveFact, unknownFactIssue } from "./facts.js";
import type {
  ExcludedFinding,
  Finding,
  NodeResult,
  PartResult,
  TraceEntry,
  TraceRef,
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
  return env;
}

interface Ctx {
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

function factsOf(ctx: Ctx, c: CClause): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of c.facts) out[f] = factText(ctx.env.get(f), c.kind);
  return out;
}

/** The narrower of two windows (their intersection), or whichever exists. */
function narrow(a: CWindow | null, b: CWindow | null): CWindow | null {
  if (!a) return b;
  if (!b) return a;
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return {
    from,
    to,
    undated: a.undated === "error" || b.undated === "error" ? "error" : "include",
    label: `${formatDate(from)}至${formatDate(to)}`,
  };
}

/** Records a finding or period left out by a window, once, with every rule that left it out. */
function noteExcluded(ctx: Ctx, c: CClause, key: string, x: Omit<ExcludedFinding, "rules">): void {
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
      if (x.date === undefined) {
        if (w.undated === "error")
          ctx.errors.push(
            issue("F_FINDING_UNDATED", ["facts", f, i, "date"], { fact: f, window: w.label }),
          );
        else keep.push(x);
        return;
      }
      const day = Math.floor((findingTime(x, "date") as number) / 1440);
      if (day >= w.from && day <= w.to) {
        keep.push(x);
        return;
      }
      noteExcluded(ctx, c, `${f}#${i}#${w.label}`, {
        fact: f,
        index: i,
        date: x.date,
        window: w.label,
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

/** Runs a clause and records what it did; returns its outcome when it changed something. */
function runClause(ctx: Ctx, c: CClause, node: string | null): Outcome | null {
  const w = narrow(c.window, ctx.rc.window);
  let env = ctx.env;
  let rc = ctx.rc;
  if (w && w.from > w.to) {
    // The run's window and this rule's do not overlap: nothing could count, so say so.
    ctx.errors.push(
      issue("F_OPTION", ["window"], {
        option: "window",
        detail: `the run's window ${ctx.rc.window?.label ?? ""} does not overlap rule "${c.id}"'s window ${c.window?.label ?? ""}`,
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
  const entry = (kind: TraceEntry["kind"], detail: string, delta?: Decimal): TraceEntry => {
    const e: TraceEntry = {
      kind,
      rule: c.id,
      node,
      measure: c.measure,
      text: c.text,
      facts: factsOf(ctx, c),
      detail,
    };
    const ref = refOf(ctx.crs, c.ref);
    if (ref) e.ref = ref;
    if (delta) e.delta = delta;
    return e;
  };
  if (o.na) {
    if (ctx.explain) ctx.trace.push(entry("not-applicable", o.detail));
    return null;
  }
  if (o.override) {
    const ov = o.override;
    if (ov.grade && ov.gradeScope === "unit") {
      ctx.unitGrades.push(ov.grade);
      if (ctx.explain) ctx.trace.push(entry("grade", `直接定为${ov.grade}`));
    }
    if (ov.flag) {
      ctx.flags.push(ov.flag);
      if (ctx.explain) ctx.trace.push(entry("flag", `标记:${ov.flag}`));
    }
  }
  if (ctx.explain && !o.amount.isZero()) {
    const add = c.effect === "add";
    ctx.trace.push(entry(add ? "add" : "deduct", o.detail, add ? o.amount : o.amount.negated()));
  }
  return o;
}

/** Records a cap that bit. The detail is built only when the trace is wanted. */
function capEntry(
  ctx: Ctx,
  kind: "deduct-cap" | "add-cap",
  rule: string,
  node: string | null,
  text: string,
  ref: { doc: string; at?: string } | undefined,
  delta: Decimal,
  detail: () => string,
  measure: string = ctx.crs.pointsMeasure,
): void {
  if (!ctx.explain) return;
  const e: TraceEntry = { kind, rule, node, measure, delta, text, facts: {}, detail: detail() };
  const r = refOf(ctx.crs, ref);
  if (r) e.ref = r;
  ctx.trace.push(e);
}

/** Combines a node's additions (sum or highest only) and applies its bonus cap. */
/**
 * Runs a group of clauses and combines their amounts: all of them (sum), or only the highest
 * (按最高级别计分), the others staying in the trace with no effect.
 */
function combineClauses(
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
    x.entry.detail = `${x.entry.detail}(同项按最高级别计分,不累加)`;
  }
  return best ? best.o.amount : ZERO;
}

function applyAdditions(ctx: Ctx, n: CNode): Decimal {
  let total = combineClauses(ctx, n.additions, n.id, n.bonusCombine);
  if (total.isZero()) return ZERO;
  if (n.bonusCap && total.greaterThan(n.bonusCap)) {
    capEntry(
      ctx,
      "add-cap",
      n.id,
      n.id,
      n.text ?? n.title,
      n.ref,
      n.bonusCap.minus(total),
      () => `本项加分最高${dstr(n.bonusCap as Decimal)}分`,
    );
    total = n.bonusCap;
  }
  return total;
}

function roundEntry(
  ctx: Ctx,
  rule: string,
  node: string | null,
  delta: Decimal,
  places: number,
): void {
  if (!ctx.explain) return;
  ctx.trace.push({
    kind: "round",
    rule,
    node,
    measure: ctx.crs.pointsMeasure,
    delta,
    text: "",
    facts: {},
    detail: `按规定保留${places}位小数`,
  });
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
  if (unit.parts === undefined) return withUnit(scoreSingle(crs, unit, options), unit.id);
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
function scoreSingle(crs: CompiledRuleSet, unit: UnitInput, options: ScoreOptions): UnitOutcome {
  const warnings: KaoheIssue[] = [];
  const o = scoreFacts(crs, unit, options, warnings);
  if (warnings.length) o.warnings = warnings;
  return o;
}

function scoreFacts(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions,
  warnings: KaoheIssue[],
): UnitOutcome {
  const category = unit.category ?? null;
  const errors: KaoheIssue[] = [];
  if (crs.categories && category === null) {
    errors.push(issue("F_CATEGORY_REQUIRED", ["category"], { allowed: crs.categories.join(", ") }));
  } else if (category !== null && !crs.plans.has(category)) {
    errors.push(
      issue("F_UNKNOWN_CATEGORY", ["category"], {
        category,
        allowed: crs.categories ? crs.categories.join(", ") : "no categories",
      }),
    );
  }
  if (errors.length) return { ok: false, unit: unit.id, category, issues: errors };
  const plan = crs.plans.get(category) as Plan;
  const missing: KaoheIssue[] = [];
  const env = resolveUnitFacts(crs, plan, unit, errors, missing, warnings, options.strict === true);
  if (errors.length) return { ok: false, unit: unit.id, category, issues: [...errors, ...missing] };
  const notApplicable = plan.hasApplicability
    ? findNotApplicable(plan, env, missing, errors)
    : null;
  if (!notApplicable) errors.push(...missing);
  if (errors.length) return { ok: false, unit: unit.id, category, issues: errors };

  const explain = options.trace !== false;
  const rc = runContext(options, explain, errors);
  if (errors.length) return { ok: false, unit: unit.id, category, issues: errors };
  const ctx: Ctx = {
    crs,
    explain,
    rc,
    excluded: new Map(),
    env,
    trace: [],
    errors,
    unitGrades: [],
    flags: [],
  };
  const pm = crs.pointsMeasure;

  // Vetoes first: they read only facts, and decide what the tree may do.
  let fixedTotal: Decimal | null = null;
  let ceiling: Decimal | null = null;
  let stopped = false;
  const zeroed = new Set<string>();
  let vetoDeducted = ZERO;
  for (const v of plan.vetoes) {
    const o = runClause(ctx, v, null);
    const ov = o?.override;
    if (!o || !ov) continue;
    vetoDeducted = vetoDeducted.plus(o.amount);
    if (ov.total && ov.totalMode === "fixed")
      fixedTotal = fixedTotal ? dmin(fixedTotal, ov.total) : ov.total;
    if (ov.total && ov.totalMode === "at-most")
      ceiling = ceiling ? dmin(ceiling, ov.total) : ov.total;
    if (ov.stop) stopped = true;
    for (const z of ov.zero ?? []) zeroed.add(z);
  }

  // The tree, children before parents.
  const { places, mode, at } = crs.rounding;
  const res: NodeResult[] = new Array(plan.nodes.length);
  // The part of each node's adjust that is rounding (its own and its subtree's), as opposed to
  // zeroing: rounding changes what a node lost, so its parent's cap counts it (below).
  const roundPart = new WeakMap<NodeResult, Decimal>();
  const roundNode = (n: CNode, r: NodeResult) => {
    if (at === "nodes" || (at === "leaves" && n.children.length === 0)) {
      const x = roundTo(r.score, places, mode);
      if (!x.equals(r.score)) {
        roundEntry(ctx, n.id, n.id, x.minus(r.score), places);
        r.adjust = r.adjust.plus(x.minus(r.score));
        roundPart.set(r, (roundPart.get(r) ?? ZERO).plus(x.minus(r.score)));
        r.score = x;
      }
    }
  };
  for (let i = 0; i < plan.nodes.length; i++) {
    const n = plan.nodes[i] as CNode;
    if (notApplicable?.has(i)) {
      // Only the top-most node that does not apply is reported; its points leave the tree here
      // and reach the applicable siblings in redistribute().
      const parentNA = n.parent >= 0 && notApplicable.has(n.parent);
      if (!parentNA) {
        res[i] = {
          id: n.id,
          title: n.title,
          points: n.points,
          deducted: ZERO,
          added: ZERO,
          adjust: ZERO,
          shift: n.points.negated(),
          score: ZERO,
          capped: false,
          notApplicable: true,
        };
        if (ctx.explain && !n.points.isZero())
          ctx.trace.push({
            kind: "not-applicable",
            rule: n.id,
            node: n.id,
            measure: pm,
            delta: n.points.negated(),
            text: n.text ?? n.title,
            facts: {},
            detail: `本项不适用于该单位,分值${dstr(n.points)}分${n.ifNotApplicable?.mode === "spread" ? "平均计入其他指标" : "按比例计入其他指标"}`,
          });
      }
      continue;
    }
    if (notApplicable && n.children.some((k) => notApplicable.has(k)))
      redistribute(ctx, plan, n.children, res, notApplicable, roundNode);
    let lost = ZERO;
    let added = ZERO;
    let shift = ZERO;
    // Zeroing and rounding below pass through as adjustments: they are not deductions, so this
    // node's cap does not give them back.
    let childAdjust = ZERO;
    // Rounding below: it passes through as an adjustment too, but a child rounded up lost that
    // much less, so the cap weighs the loss after it (a node 扣完为止 stays at 0 however its
    // overdrawn children rounded).
    let childRound = ZERO;
    // Most nodes lose nothing: skipping arithmetic on zeros keeps a unit's scoring cheap.
    for (const k of n.children) {
      const r = res[k] as NodeResult;
      if (!r.deducted.isZero()) lost = lost.plus(r.deducted);
      if (!r.adjust.isZero()) {
        childAdjust = childAdjust.plus(r.adjust);
        const rp = roundPart.get(r);
        if (rp) childRound = childRound.plus(rp);
      }
      if (!r.added.isZero()) added = added.plus(r.added);
      if (!r.shift.isZero()) shift = shift.plus(r.shift);
    }
    let grade: string | undefined;
    for (const c of n.deductions) {
      const o = runClause(ctx, c, n.id);
      if (o) lost = lost.plus(o.amount);
    }
    for (const c of n.overrides) {
      const o = runClause(ctx, c, n.id);
      if (!o) continue;
      if (o.override?.grade && o.override.gradeScope === "node") {
        grade = o.override.grade;
        if (ctx.explain)
          ctx.trace.push({
            kind: "grade",
            rule: c.id,
            node: n.id,
            measure: pm,
            text: c.text,
            facts: factsOf(ctx, c),
            detail: `本项直接定为${grade}`,
            ...(c.ref ? { ref: refOf(crs, c.ref) as TraceRef } : {}),
          });
      }
      if (c.effect === "add") added = added.plus(o.amount);
      else lost = lost.plus(o.amount);
    }
    if (n.additions.length) added = added.plus(applyAdditions(ctx, n));
    let relief = ZERO;
    // The children's rounding a binding cap takes in: the node then loses exactly its cap.
    let absorbed = ZERO;
    const net = childRound.isZero() ? lost : lost.minus(childRound);
    if (n.cap && !lost.isZero()) {
      const over = crs.bonusFloor === "before-floor" ? net.minus(added) : net;
      if (over.greaterThan(n.cap)) {
        relief = over.minus(n.cap);
        absorbed = childRound;
        capEntry(
          ctx,
          "deduct-cap",
          n.id,
          n.id,
          n.text ?? n.title,
          n.ref,
          relief,
          () => `本项扣分${dstr(net)}分,以${dstr(n.cap as Decimal)}分为限(扣完为止)`,
        );
      }
    }
    let deducted = relief.isZero() ? lost : lost.minus(relief).minus(absorbed);
    let adjust = absorbed.isZero() ? childAdjust : childAdjust.minus(absorbed);
    let score = n.points;
    if (!deducted.isZero()) score = score.minus(deducted);
    if (!added.isZero()) score = score.plus(added);
    if (!shift.isZero()) score = score.plus(shift);
    if (!adjust.isZero()) score = score.plus(adjust);
    // A node that may not go below 0 (扣完为止) stops there, whatever its children were cut by.
    if (!n.overdraw && score.isNegative() && !deducted.isZero()) {
      const back = dmin(score.negated(), deducted);
      relief = relief.plus(back);
      deducted = deducted.minus(back);
      score = score.plus(back);
      capEntry(
        ctx,
        "deduct-cap",
        n.id,
        n.id,
        n.text ?? n.title,
        n.ref,
        back,
        () => "本项得分扣完为止",
      );
    }
    if (zeroed.size && zeroed.has(n.id) && !score.isZero()) {
      const cut = score.negated();
      adjust = adjust.plus(cut);
      if (ctx.explain)
        ctx.trace.push({
          kind: "zero",
          rule: n.id,
          node: n.id,
          measure: pm,
          delta: cut,
          text: n.text ?? n.title,
          facts: {},
          detail: "此项不得分",
        });
      score = ZERO;
    }
    const nr: NodeResult = {
      id: n.id,
      title: n.title,
      points: n.points,
      deducted,
      added,
      adjust,
      shift,
      score,
      capped: !relief.isZero(),
    };
    if (!childRound.equals(absorbed)) roundPart.set(nr, childRound.minus(absorbed));
    roundNode(n, nr);
    if (grade) nr.grade = grade;
    res[i] = nr;
  }
  if (notApplicable && plan.top.some((k) => notApplicable.has(k)))
    redistribute(ctx, plan, plan.top, res, notApplicable, roundNode);
  let treeScore = ZERO;
  let deductedAll = vetoDeducted;
  let addedAll = ZERO;
  for (const k of plan.top) {
    const r = res[k] as NodeResult;
    treeScore = treeScore.plus(r.score);
    // Deductions after caps only: zeroing and rounding are adjustments at every depth.
    deductedAll = deductedAll.plus(r.deducted);
    addedAll = addedAll.plus(r.added);
  }
  treeScore = treeScore.minus(vetoDeducted);

  // Items outside the tree: 特别减分项, 特别加分项, and the other measures.
  const measureTotals = new Map<string, Decimal>(crs.measures.map((m) => [m.id, ZERO]));
  measureTotals.set(pm, treeScore);
  const applyAdjustments = (stage: "main" | "bonus") => {
    for (const a of plan.adjustments) {
      if (a.stage !== stage) continue;
      const amt = adjustment(ctx, a);
      if (amt.isZero()) continue;
      measureTotals.set(
        a.measure,
        (measureTotals.get(a.measure) ?? ZERO).plus(a.effect === "add" ? amt : amt.negated()),
      );
      if (a.measure === pm) {
        if (a.effect === "add") addedAll = addedAll.plus(amt);
        else deductedAll = deductedAll.plus(amt);
      }
    }
  };
  applyAdjustments("main");
  // C19: gates on the score so far decide whether the unit fails and whether it enters the
  // bonus stage.
  let bonusOpen = false;
  let gateStop = false;
  for (const g of crs.gates) {
    // Gates read the score as it would be reported: rounded as the policy says.
    const v = roundTo(measureTotals.get(pm) as Decimal, places, mode);
    if (!within(v, g.bounds)) continue;
    if (g.grade) ctx.unitGrades.push(g.grade);
    if (g.flag) ctx.flags.push(g.flag);
    if (g.stop) gateStop = true;
    if (g.opensBonus) bonusOpen = true;
    if (ctx.explain) {
      const words = [
        ...(g.grade ? [`判定为${g.grade}`] : []),
        ...(g.flag ? [`标记:${g.flag}`] : []),
        ...(g.opensBonus ? ["进入加分环节"] : []),
        ...(g.stop ? ["不再进入后续环节"] : []),
      ];
      const e: TraceEntry = {
        kind: "gate",
        rule: g.id,
        node: null,
        measure: pm,
        text: g.text,
        facts: {},
        detail: `得分${dstr(v)}分:${words.join(",")}`,
      };
      const ref = refOf(crs, g.ref);
      if (ref) e.ref = ref;
      ctx.trace.push(e);
    }
    if (g.stop) break;
  }
  if (bonusOpen && !gateStop) applyAdjustments("bonus");
  if (ctx.errors.length)
    return { ok: false, unit: unit.id, category, issues: dedupeIssues(ctx.errors) };

  let total = measureTotals.get(pm) as Decimal;
  if (stopped || fixedTotal) {
    const fixed = fixedTotal ?? ZERO;
    if (ctx.explain && !fixed.equals(total)) {
      ctx.trace.push({
        kind: stopped ? "stop" : "fixed-total",
        rule: "vetoes",
        node: null,
        measure: pm,
        delta: fixed.minus(total),
        text: "",
        facts: {},
        detail: stopped ? `其他项目不再评分,总分记为${dstr(fixed)}分` : `总分记为${dstr(fixed)}分`,
      });
    }
    total = fixed;
  }
  if (ceiling && total.greaterThan(ceiling)) {
    if (ctx.explain)
      ctx.trace.push({
        kind: "fixed-total",
        rule: "vetoes",
        node: null,
        measure: pm,
        delta: ceiling.minus(total),
        text: "",
        facts: {},
        detail: `总分不高于${dstr(ceiling)}分`,
      });
    total = ceiling;
  }
  const unrounded = total;
  let rounded = roundTo(total, places, mode);
  if (!rounded.equals(total)) roundEntry(ctx, "total", null, rounded.minus(total), places);
  // A ceiling finer than the rounding (不高于0.55分, one place): rounding up must not pass it; the
  // total is then the highest value at the stated places that is not above it.
  if (ceiling && rounded.greaterThan(ceiling)) {
    const held = roundTo(ceiling, places, "floor");
    if (ctx.explain)
      ctx.trace.push({
        kind: "fixed-total",
        rule: "vetoes",
        node: null,
        measure: pm,
        delta: held.minus(rounded),
        text: "",
        facts: {},
        detail: `总分不高于${dstr(ceiling)}分,保留${places}位小数计${dstr(held)}分`,
      });
    rounded = held;
  }
  total = rounded;
  const measures: Record<string, Decimal> = {};
  for (const m of crs.measures) {
    let v = m.id === pm ? total : (measureTotals.get(m.id) as Decimal);
    if (m.id !== pm && m.rounding) v = roundTo(v, m.rounding.places, m.rounding.mode);
    measures[m.id] = v;
  }

  // Grade: bands on the final total, then forced grades by the stated precedence.
  let grade: string | null = null;
  let gradeSource: UnitResult["gradeSource"] = null;
  if (crs.grades) {
    const order = crs.grades.order;
    let band: string | null = null;
    for (const b of crs.grades.bands) {
      if (
        b.bound === null ||
        (b.inclusive ? total.greaterThanOrEqualTo(b.bound) : total.greaterThan(b.bound))
      ) {
        band = b.grade;
        break;
      }
    }
    let forced: string | null = null;
    for (const g of ctx.unitGrades)
      if (forced === null || order.indexOf(g) > order.indexOf(forced)) forced = g;
    if (
      forced !== null &&
      (crs.gradePrecedence === "override" ||
        band === null ||
        order.indexOf(forced) >= order.indexOf(band))
    ) {
      grade = forced;
      gradeSource = "override";
    } else if (band !== null) {
      grade = band;
      gradeSource = "band";
    }
  }

  const nodes: Record<string, NodeResult> = {};
  if (!stopped) for (const r of res) if (r) nodes[r.id] = r;
  const result: UnitResult = {
    ok: true,
    unit: unit.id,
    category,
    total,
    unrounded,
    measures,
    deducted: deductedAll,
    added: addedAll,
    nodes,
    grade,
    gradeSource,
    flags: ctx.flags,
    stopped,
    // Sorted on every field that tells two exclusions apart: the input's key order must not show.
    excluded: [...ctx.excluded.values()].sort(
      (a, b) =>
        cmp(a.fact, b.fact) ||
        a.index - b.index ||
        cmp(a.period ?? "", b.period ?? "") ||
        cmp(a.date, b.date) ||
        cmp(a.note ?? "", b.note ?? ""),
    ),
    trace: ctx.trace,
  };
  for (const { flag, entry } of thresholdFlags(crs, result)) {
    ctx.flags.push(flag);
    if (ctx.explain) ctx.trace.push(entry);
  }
  return result;
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
function runContext(options: ScoreOptions, explain: boolean, errors: KaoheIssue[]): RunContext {
  let asOf: number | null = null;
  let window: CWindow | null = null;
  if (options.asOf !== undefined) {
    asOf = parseDate(options.asOf);
    if (asOf === null)
      errors.push(
        issue("F_OPTION", ["asOf"], {
          option: "asOf",
          detail: `not a date YYYY-MM-DD: ${options.asOf}`,
        }),
      );
  }
  if (options.window) {
    const from = parseDate(options.window.from);
    const to = parseDate(options.window.to);
    if (from === null || to === null || from > to || to - from > MAX_WINDOW_DAYS)
      errors.push(
        issue("F_OPTION", ["window"], {
          option: "window",
          detail: `needs dates from ≤ to: ${options.window.from}..${options.window.to}`,
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

/**
 * C17: moves the points of siblings that do not apply to the applicable ones — in proportion to
 * their points (rescale) or evenly among `to` (spread) — and scales each receiver's score to its
 * new points, so that a unit is never marked down for an item it cannot have.
 */
function redistribute(
  ctx: Ctx,
  plan: Plan,
  siblings: readonly number[],
  res: NodeResult[],
  na: ReadonlySet<number>,
  roundNode: (n: CNode, r: NodeResult) => void,
): void {
  const live = siblings.filter((k) => !na.has(k) && !(plan.nodes[k] as CNode).points.isZero());
  const livePoints = live.reduce((a, k) => a.plus((plan.nodes[k] as CNode).points), ZERO);
  // Shares are kept as fractions (num / den) and divided once, at the end, so that a share of
  // 10 over three items does not lose a trailing digit: a unit with full marks keeps them exactly.
  const extra = new Map<number, { num: Decimal; den: Decimal }>();
  const from = new Map<number, string[]>();
  for (const k of siblings) {
    if (!na.has(k)) continue;
    const n = plan.nodes[k] as CNode;
    if (n.points.isZero()) continue;
    const spread = n.ifNotApplicable?.mode === "spread";
    const named =
      spread && n.ifNotApplicable?.to ? n.ifNotApplicable.to.filter((t) => live.includes(t)) : [];
    // Named receivers that do not apply either hand over to the applicable siblings.
    const receivers = named.length ? named : live;
    if (!receivers.length) {
      ctx.errors.push(issue("F_NOTHING_APPLIES", ["nodes", n.id], { node: n.id }));
      continue;
    }
    const den =
      spread && named.length
        ? toDecimal(receivers.length)
        : spread
          ? toDecimal(receivers.length)
          : livePoints;
    for (const r of receivers) {
      const rn = plan.nodes[r] as CNode;
      const num = spread ? n.points : n.points.times(rn.points);
      const cur = extra.get(r);
      extra.set(
        r,
        cur
          ? { num: cur.num.times(den).plus(num.times(cur.den)), den: cur.den.times(den) }
          : { num, den },
      );
      from.set(r, [...(from.get(r) ?? []), n.title]);
    }
  }
  // Each receiver's new score is score × newNum / scaledDen. Their sum is computed as one
  // fraction and the last receiver takes what is left, so the sum is as exact as the true value.
  const entries = [...extra.entries()].map(([k, share]) => {
    const n = plan.nodes[k] as CNode;
    const r = res[k] as NodeResult;
    const scaledDen = n.points.times(share.den);
    const newNum = scaledDen.plus(share.num);
    return { k, n, r, share, num: r.score.times(newNum), den: scaledDen, newNum };
  });
  let NUM = ZERO;
  let DEN = toDecimal(1);
  for (const e of entries) {
    NUM = NUM.times(e.den).plus(e.num.times(DEN));
    DEN = DEN.times(e.den);
  }
  const trueSum = NUM.dividedBy(DEN);
  let soFar = ZERO;
  entries.forEach((e, i) => {
    const { k, n, r, share, newNum } = e;
    const newPoints = newNum.dividedBy(share.den);
    const scaled = i === entries.length - 1 ? trueSum.minus(soFar) : e.num.dividedBy(e.den);
    soFar = soFar.plus(scaled);
    const delta = scaled.minus(r.score);
    r.shift = r.shift.plus(delta);
    r.score = scaled;
    r.effectivePoints = newPoints;
    if (ctx.explain && !delta.isZero())
      ctx.trace.push({
        kind: "rescale",
        rule: n.id,
        node: n.id,
        measure: ctx.crs.pointsMeasure,
        delta,
        text: n.text ?? n.title,
        facts: {},
        detail: `${(from.get(k) ?? []).join("、")}不适用,本项满分由${dstr(n.points)}分调整为${dstr(roundTo(newPoints, 4, "half-up"))}分,得分按比例折算`,
      });
    roundNode(n, r);
  });
}

/** Scores one item outside the tree: sum or highest of its clauses, then its cap. */
function adjustment(ctx: Ctx, a: CAdjustment): Decimal {
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
      () =>
        `本项${a.effect === "add" ? "加" : "扣"}分最高${dstr(a.cap as Decimal)}${a.measure === ctx.crs.pointsMeasure ? "分" : ""}`,
      a.measure,
    );
    total = a.cap;
  }
  return total;
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
          issues: [issue("F_DUPLICATE_UNIT", ["id"], { id: u.id })],
        }
      : scoreUnit(crs, u, options),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
