import type { CClause, Outcome } from "../compile/clause.js";
import type { CAdjustment, CBounds, CNode, CompiledRuleSet, Plan } from "../compile/compile.js";
import type { FactEnv } from "../compile/condition.js";
import { type Decimal, dmax, dmin, dstr, roundTo, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { factText, resolveFact } from "./facts.js";
import type {
  NodeResult,
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
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Resolves a unit's facts against the plan for its category, collecting every problem. */
function resolveUnitFacts(
  crs: CompiledRuleSet,
  plan: Plan,
  unit: UnitInput,
  errors: KaoheIssue[],
): FactEnv {
  const env: FactEnv = new Map();
  const given = unit.facts ?? {};
  for (const key of Object.keys(given)) {
    if (UNSAFE_KEYS.has(key) || !crs.facts.has(key))
      errors.push(issue("F_UNKNOWN_FACT", ["facts", key], { fact: key }));
  }
  for (const [id, f] of crs.facts) {
    const present = Object.hasOwn(given, id);
    // Facts this category never reads are validated when given but not required.
    if (!present && !plan.facts.has(id)) continue;
    const v = resolveFact(f, present ? given[id] : undefined, present, ["facts", id], errors);
    if (v !== undefined) env.set(id, v);
  }
  return env;
}

interface Ctx {
  crs: CompiledRuleSet;
  /** Whether to record the trace (the explanation); off for bulk scoring of totals only. */
  explain: boolean;
  env: FactEnv;
  trace: TraceEntry[];
  errors: KaoheIssue[];
  unitGrades: string[];
  flags: string[];
}

function refOf(
  crs: CompiledRuleSet,
  ref: { doc: string; at?: string } | undefined,
): TraceRef | undefined {
  if (!ref) return undefined;
  const title = crs.documents.get(ref.doc)?.title ?? ref.doc;
  return ref.at !== undefined ? { doc: ref.doc, title, at: ref.at } : { doc: ref.doc, title };
}

function factsOf(ctx: Ctx, c: CClause): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of c.facts) out[f] = factText(ctx.env.get(f));
  return out;
}

/** Runs a clause and records what it did; returns its outcome when it changed something. */
function runClause(ctx: Ctx, c: CClause, node: string | null): Outcome | null {
  const o = c.run(ctx.env, ctx.explain);
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
function applyAdditions(ctx: Ctx, n: CNode): Decimal {
  const outs: { c: CClause; o: Outcome; at: number }[] = [];
  for (const c of n.additions) {
    const at = ctx.trace.length;
    const o = runClause(ctx, c, n.id);
    if (o && !o.amount.isZero()) outs.push({ c, o, at });
  }
  if (!outs.length) return ZERO;
  let total = ZERO;
  if (n.bonusCombine === "max") {
    // 按最高级别计分: only the highest counts; the others are kept in the trace with no effect.
    let best = outs[0] as (typeof outs)[number];
    for (const x of outs) if (x.o.amount.greaterThan(best.o.amount)) best = x;
    for (const x of outs) {
      const e = ctx.trace[x.at];
      if (e && x !== best) {
        e.kind = "info";
        delete e.delta;
        e.detail = `${e.detail}(同项按最高级别计分,不累加)`;
      }
    }
    total = best.o.amount;
  } else for (const x of outs) total = total.plus(x.o.amount);
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
 * const r = scoreUnit(compiled, { id: "A市", facts: { late_funds: 1 } });
 * if (r.ok) r.total.toFixed(); //=> "98"
 */
export function scoreUnit(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: ScoreOptions = {},
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
  const env = resolveUnitFacts(crs, plan, unit, errors);
  if (errors.length) return { ok: false, unit: unit.id, category, issues: errors };

  const ctx: Ctx = {
    crs,
    explain: options.trace !== false,
    env,
    trace: [],
    errors,
    unitGrades: [],
    flags: [],
  };
  const pm = crs.pointsMeasure;

  // Vetoes first: they read only facts, and decide what the tree may do.
  let fixedTotal: Decimal | null = null;
  let stopped = false;
  const zeroed = new Set<string>();
  let vetoDeducted = ZERO;
  for (const v of plan.vetoes) {
    const o = runClause(ctx, v, null);
    const ov = o?.override;
    if (!o || !ov) continue;
    vetoDeducted = vetoDeducted.plus(o.amount);
    if (ov.total) fixedTotal = fixedTotal ? dmin(fixedTotal, ov.total) : ov.total;
    if (ov.stop) stopped = true;
    for (const z of ov.zero ?? []) zeroed.add(z);
  }

  // The tree, children before parents.
  const { places, mode, at } = crs.rounding;
  const res: NodeResult[] = new Array(plan.nodes.length);
  for (let i = 0; i < plan.nodes.length; i++) {
    const n = plan.nodes[i] as CNode;
    let lost = ZERO;
    let added = ZERO;
    // Most nodes lose nothing: skipping arithmetic on zeros keeps a unit's scoring cheap.
    for (const k of n.children) {
      const r = res[k] as NodeResult;
      if (!r.deducted.isZero()) lost = lost.plus(r.deducted);
      if (!r.adjust.isZero()) lost = lost.minus(r.adjust);
      if (!r.added.isZero()) added = added.plus(r.added);
    }
    let grade: string | undefined;
    for (const c of n.deductions) {
      const o = runClause(ctx, c, n.id);
      if (o) lost = lost.plus(o.amount);
    }
    for (const c of n.overrides) {
      const o = runClause(ctx, c, n.id);
      if (!o) continue;
      if (o.override?.grade && o.override.gradeScope === "node") grade = o.override.grade;
      if (c.effect === "add") added = added.plus(o.amount);
      else lost = lost.plus(o.amount);
    }
    if (n.additions.length) added = added.plus(applyAdditions(ctx, n));
    let relief = ZERO;
    if (n.cap && !lost.isZero()) {
      const over = crs.bonusFloor === "before-floor" ? lost.minus(added) : lost;
      if (over.greaterThan(n.cap)) {
        relief = over.minus(n.cap);
        capEntry(
          ctx,
          "deduct-cap",
          n.id,
          n.id,
          n.text ?? n.title,
          n.ref,
          relief,
          () => `本项扣分${dstr(lost)}分,以${dstr(n.cap as Decimal)}分为限(扣完为止)`,
        );
      }
    }
    const deducted = relief.isZero() ? lost : lost.minus(relief);
    let adjust = ZERO;
    let score = n.points;
    if (!deducted.isZero()) score = score.minus(deducted);
    if (!added.isZero()) score = score.plus(added);
    if (zeroed.size && zeroed.has(n.id) && !score.isZero()) {
      adjust = score.negated();
      if (ctx.explain)
        ctx.trace.push({
          kind: "zero",
          rule: n.id,
          node: n.id,
          measure: pm,
          delta: adjust,
          text: n.text ?? n.title,
          facts: {},
          detail: "此项不得分",
        });
      score = ZERO;
    }
    if (at === "nodes" || (at === "leaves" && n.children.length === 0)) {
      const r = roundTo(score, places, mode);
      if (!r.equals(score)) {
        roundEntry(ctx, n.id, n.id, r.minus(score), places);
        adjust = adjust.plus(r.minus(score));
        score = r;
      }
    }
    const nr: NodeResult = {
      id: n.id,
      title: n.title,
      points: n.points,
      deducted,
      added,
      adjust,
      score,
      capped: !relief.isZero(),
    };
    if (grade) nr.grade = grade;
    res[i] = nr;
  }
  let treeScore = ZERO;
  let deductedAll = vetoDeducted;
  let addedAll = ZERO;
  for (const k of plan.top) {
    const r = res[k] as NodeResult;
    treeScore = treeScore.plus(r.score);
    deductedAll = deductedAll.plus(r.deducted);
    addedAll = addedAll.plus(r.added);
  }
  treeScore = treeScore.minus(vetoDeducted);

  // Items outside the tree: 特别减分项, 特别加分项, and the other measures.
  const measureTotals = new Map<string, Decimal>(crs.measures.map((m) => [m.id, ZERO]));
  measureTotals.set(pm, treeScore);
  for (const a of plan.adjustments) {
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
  if (ctx.errors.length) return { ok: false, unit: unit.id, category, issues: ctx.errors };

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
  const rounded = roundTo(total, places, mode);
  if (!rounded.equals(total)) roundEntry(ctx, "total", null, rounded.minus(total), places);
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
  if (!stopped) for (const r of res) nodes[r.id] = r;
  const result: UnitResult = {
    ok: true,
    unit: unit.id,
    category,
    total,
    measures,
    deducted: deductedAll,
    added: addedAll,
    nodes,
    grade,
    gradeSource,
    flags: ctx.flags,
    stopped,
    trace: ctx.trace,
  };
  for (const t of crs.thresholds) {
    const v =
      t.of === "total"
        ? total
        : t.of === "deducted"
          ? deductedAll
          : t.of === "added"
            ? addedAll
            : "node" in t.of
              ? nodes[t.of.node]?.score
              : measures[t.of.measure];
    if (v === undefined || !within(v, t.bounds)) continue;
    ctx.flags.push(t.flag);
    const e: TraceEntry = {
      kind: "flag",
      rule: t.id,
      node: null,
      measure: pm,
      text: t.text,
      facts: {},
      detail: `${dstr(v)}:${t.flag}`,
    };
    const ref = refOf(crs, t.ref);
    if (ref) e.ref = ref;
    if (ctx.explain) ctx.trace.push(e);
  }
  return result;
}

function within(v: Decimal, b: CBounds): boolean {
  if (b.gt && !v.greaterThan(b.gt)) return false;
  if (b.gte && !v.greaterThanOrEqualTo(b.gte)) return false;
  if (b.lt && !v.lessThan(b.lt)) return false;
  if (b.lte && !v.lessThanOrEqualTo(b.lte)) return false;
  return true;
}

/** Scores one item outside the tree: sum or highest of its clauses, then its cap. */
function adjustment(ctx: Ctx, a: CAdjustment): Decimal {
  let total = ZERO;
  const outs: Outcome[] = [];
  const firstEntry = ctx.trace.length;
  for (const c of a.clauses) {
    const o = runClause(ctx, c, null);
    if (o && !o.amount.isZero()) outs.push(o);
  }
  if (!outs.length) return ZERO;
  if (a.combine === "max") {
    let best = ZERO;
    for (const o of outs) best = dmax(best, o.amount);
    let kept = false;
    for (let i = firstEntry; i < ctx.trace.length; i++) {
      const e = ctx.trace[i] as TraceEntry;
      if (e.delta === undefined) continue;
      if (!kept && e.delta.abs().equals(best)) kept = true;
      else {
        e.kind = "info";
        delete e.delta;
        e.detail = `${e.detail}(同项按最高级别计分,不累加)`;
      }
    }
    total = best;
  } else for (const o of outs) total = total.plus(o.amount);
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
  const seen = new Set<string>();
  return units.map((u) => {
    if (seen.has(u.id))
      return {
        ok: false,
        unit: u.id,
        category: u.category ?? null,
        issues: [issue("F_DUPLICATE_UNIT", ["id"], { id: u.id })],
      };
    seen.add(u.id);
    return scoreUnit(crs, u, options);
  });
}
