/**
 * 整改 letters (issue 13 item 4): each unit's finding groups and what fixing each would regain,
 * computed by scoring the whole cohort again with that unit's facts corrected — caps, rounding,
 * cohort figures (K5), linked scores (K6), ranks, grades and quotas included — never estimated
 * from the deduction's amount.
 *
 * A **finding group** is what one clause counted against one unit: every trace entry of that
 * clause (a clause id) that took points from the unit's points measure, zeroed an item, stopped
 * scoring, fixed the total or forced a grade. Fixing it means correcting the facts the clause
 * reads so that it counts nothing: the findings it counted are removed (only those of its kind
 * when it counts one kind), a count becomes 0, a yes/no answer is turned over, a number or rate
 * takes the first value of a short list (another number the clause compares it with, the
 * declared maximum, 100%, the minimum, 0, the default) under which the clause no longer counts.
 * The fewest facts are changed; the search is bounded (MAX_TRIES). A fact the cohort computes
 * (K5) cannot be corrected by the unit; a derived fact is corrected through the facts it is
 * derived from. A group no correction clears is reported with `changes: null`, never guessed.
 */

import { type CohortOptions, scoreCohort } from "../../cohort/cohort.js";
import { factSources, withFacts } from "../../cohort/cohort-figures.js";
import { prepareCohort, runCohort, type SummaryMemo } from "../../cohort/cohort-run.js";
import type { CohortPlace, CohortResult, CohortUnitInput } from "../../cohort/types.js";
import type { CClause } from "../../compile/clause.js";
import type { CompiledRuleSet, Plan } from "../../compile/compile.js";
import type { Finding } from "../../compile/values.js";
import { type Decimal, dstr, toDecimal, ZERO } from "../../decimal.js";
import { scoreUnit } from "../../evaluate/evaluate.js";
import { resolveFact } from "../../evaluate/facts.js";
import type { TraceEntry, UnitOutcome } from "../../evaluate/types.js";

/** How many corrections are tried for one group before it is reported as not computable. */
export const MAX_TRIES = 64;

/** A unit's standing in the cohort. */
export interface Standing {
  /** The score it is ranked on (null: not scored). */
  score: Decimal | null;
  rank: number | null;
  categoryRank: number | null;
  grade: string | null;
  /** How many units were ranked. */
  of: number;
}

/** What one clause counted against one unit. */
export interface FindingGroup {
  /** The clause's id. */
  rule: string;
  /** The tree node it sits in, or null (a veto, an item outside the tree). */
  node: string | null;
  /** The item's title as a clerk reads it (the node's, the adjustment's), or the clause id. */
  title: string;
  /** The points the clause's own entries took (after its own caps, before the item's cap). */
  deducted: Decimal;
  /** The clause's entries in the unit's trace. */
  entries: TraceEntry[];
}

/** One fact as the correction changes it, in words. */
export interface FactChange {
  fact: string;
  label: string;
  /** What is done: 由3改为0, 整改全部2处, 由"是"改为"否". */
  words: string;
}

/** A group and what fixing it regains. */
export interface Fix {
  group: FindingGroup;
  /** The corrections made, or null when no correction of the unit's facts clears the group. */
  changes: FactChange[] | null;
  /** The unit's standing once corrected (the whole cohort scored again), or null. */
  after: Standing | null;
  /** after.score − before.score, exact; null when not computable. */
  regained: Decimal | null;
  /** The corrected unit, as scored (for checking and for callers who show it). */
  corrected: CohortUnitInput | null;
}

/** One unit's letter data: its result, standing, and fixes ranked by points regained. */
export interface UnitFixes {
  unit: string;
  category: string | null;
  outcome: UnitOutcome;
  before: Standing;
  /** Largest regain first; equal regains in the order of the explanation; not computable last. */
  fixes: Fix[];
}

export interface FixesOptions extends CohortOptions {
  /** Only these units (ids); default every unit. */
  units?: readonly string[];
}

/** The scored cohort and the fixes of each unit asked for, in the cohort's order. */
export interface CohortFixes {
  cohort: CohortResult;
  units: UnitFixes[];
}

type Corrector = {
  fact: string;
  apply: (old: unknown) => unknown;
  words: (old: unknown) => string;
};

/**
 * Scores the cohort, then for each unit asked for finds its finding groups and scores the whole
 * cohort again once per group with that unit's facts corrected.
 */
export function cohortFixes(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: FixesOptions = {},
): CohortFixes {
  const { units: only, ...scoring } = options;
  const opts: CohortOptions = { ...scoring, trace: true };
  delete opts.onProgress;
  const cohort = scoreCohort(crs, input, opts);
  // The figures and units as the cohort run took them: ids normalised, units given twice out of
  // the figures, the previous run checked.
  const prepared = prepareCohort(crs, input, opts, { issues: [], warnings: [] });
  const figures = prepared.computed;
  const wanted = only ? new Set(only) : null;
  const rescoring: CohortOptions = { ...opts, trace: false };
  const memo: SummaryMemo = new WeakMap();
  const out: UnitFixes[] = [];
  const byId = new Map(
    prepared.units.filter((u) => !prepared.dupes.has(u.id)).map((u) => [u.id, u]),
  );
  const ranked = cohort.units.filter((x) => x.score !== null).length;
  for (const place of cohort.units) {
    if (wanted && !wanted.has(place.unit)) continue;
    const before = standing(place, ranked);
    const u = byId.get(place.unit);
    const o = place.outcome;
    if (!u || !o.ok) {
      out.push({ unit: place.unit, category: place.category, outcome: o, before, fixes: [] });
      continue;
    }
    const extra = Object.fromEntries(figures.map((f) => [f.fact, f.valueFor(u)]));
    const fixes = findingGroups(crs, o).map((group) => {
      const corrected = correct(crs, u, group, extra, opts);
      if (!corrected) return { group, changes: null, after: null, regained: null, corrected: null };
      // The whole cohort scored again (as scoreCohortSummary does), the corrected unit in place of
      // the unit. Every other unit is the same input object: when the cohort figures it receives
      // are unchanged, its summary is taken from the memo instead of being scored again — the
      // same result (tested against scoring everything), the ranks, grades, quotas, linked scores
      // and rank points all recomputed.
      const again = runCohort(
        crs,
        prepared.units.map((x) => (x === u ? corrected.unit : x)),
        rescoring,
        "summary",
        memo,
      ).ordered;
      const p = again.find((x) => x.unit === u.id) as CohortPlace;
      const n = again.filter((x) => x.score !== null).length;
      const after = standing(p, n);
      const regained =
        after.score !== null && before.score !== null ? after.score.minus(before.score) : null;
      return { group, changes: corrected.changes, after, regained, corrected: corrected.unit };
    });
    out.push({
      unit: place.unit,
      category: place.category,
      outcome: o,
      before,
      fixes: rankFixes(fixes),
    });
  }
  return { cohort, units: out };
}

/** Largest regain first (stable: ties keep the explanation's order), not computable last. */
export function rankFixes(fixes: Fix[]): Fix[] {
  return fixes
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const x = a.f.regained;
      const y = b.f.regained;
      if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;
      return y.comparedTo(x) || a.i - b.i;
    })
    .map((x) => x.f);
}

function standing(p: CohortPlace, of: number): Standing {
  return {
    score: p.score,
    rank: p.rank,
    categoryRank: p.categoryRank,
    grade: p.grade ?? (p.outcome.ok ? p.outcome.grade : null),
    of,
  };
}

/** Every clause of a category's plan, with the item it belongs to. */
function clausesOf(
  crs: CompiledRuleSet,
  category: string | null,
): Map<string, { clause: CClause; title: string; node: string | null }> {
  const plan = (crs.plans.get(category) ?? crs.plans.get(null)) as Plan | undefined;
  const out = new Map<string, { clause: CClause; title: string; node: string | null }>();
  if (!plan) return out;
  for (const n of plan.nodes)
    for (const c of [...n.deductions, ...n.additions, ...n.overrides])
      out.set(c.id, { clause: c, title: n.title, node: n.id });
  for (const a of plan.adjustments)
    for (const c of a.clauses) out.set(c.id, { clause: c, title: a.title, node: null });
  for (const c of plan.vetoes) out.set(c.id, { clause: c, title: c.id, node: null });
  return out;
}

const HARMS = new Set<TraceEntry["kind"]>(["zero", "stop", "fixed-total"]);

/** Whether an entry of a clause counts against the unit (takes points, zeroes, stops, grades). */
function harms(crs: CompiledRuleSet, e: TraceEntry): boolean {
  if (HARMS.has(e.kind) || e.kind === "grade") return true;
  return e.delta?.isNegative() === true && e.measure === crs.pointsMeasure;
}

/** The trace of a unit and of the parts and periods it was built from. */
function allEntries(o: UnitOutcome): TraceEntry[] {
  if (!o.ok) return [];
  const out = [...o.trace];
  const walk = (parts: typeof o.parts) => {
    for (const p of parts ?? []) {
      if (p.result) out.push(...allEntries(p.result));
      walk(p.parts);
    }
  };
  walk(o.parts);
  for (const p of o.periods ?? []) out.push(...allEntries(p.result));
  return out;
}

/** A unit's finding groups, in the order of its explanation. */
export function findingGroups(crs: CompiledRuleSet, o: UnitOutcome): FindingGroup[] {
  if (!o.ok) return [];
  const clauses = clausesOf(crs, o.category);
  const groups = new Map<string, FindingGroup>();
  for (const e of allEntries(o)) {
    const c = clauses.get(e.rule);
    if (!c || !harms(crs, e)) continue;
    let g = groups.get(e.rule);
    if (!g) {
      g = { rule: e.rule, node: c.node, title: c.title, deducted: ZERO, entries: [] };
      groups.set(e.rule, g);
    }
    g.entries.push(e);
    if (e.delta?.isNegative() && e.measure === crs.pointsMeasure)
      g.deducted = g.deducted.plus(e.delta.negated());
  }
  return [...groups.values()];
}

/** Whether a unit's outcome still holds a harmful entry of the rule. */
function stillCounts(crs: CompiledRuleSet, o: UnitOutcome, rule: string): boolean {
  if (!o.ok) return true;
  return allEntries(o).some((e) => e.rule === rule && harms(crs, e));
}

/** The facts a unit can correct for a clause: its own, derived ones through their inputs. */
function correctable(crs: CompiledRuleSet, facts: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const d = crs.derived.get(f);
    if (d) for (const x of d.inputs) walk(x);
    else if (!crs.computedFacts.has(f) && crs.facts.has(f)) out.push(f);
  };
  for (const f of facts) walk(f);
  return out;
}

/** The first stated value of a fact in a unit's facts or parts. */
function stated(u: CohortUnitInput, fact: string): unknown {
  for (const src of factSources(u)) if (Object.hasOwn(src, fact)) return src[fact];
  return undefined;
}

function findingsCount(v: unknown): number {
  if (!Array.isArray(v)) return 0;
  let n = 0;
  for (const f of v as Finding[])
    n += typeof f?.count === "number" && Number.isFinite(f.count) ? f.count : 1;
  return n;
}

const yesNo = (b: boolean) => (b ? "是" : "否");

/** A stated value read as the engine reads it (是/否, "87.5%", a count for a findings list…). */
function read(crs: CompiledRuleSet, fact: string, raw: unknown): unknown {
  const decl = crs.facts.get(fact);
  if (!decl || raw === undefined) return undefined;
  const v = resolveFact(decl, raw, true, [], [], [], false);
  return typeof v === "symbol" ? undefined : v;
}

const isDecimal = (v: unknown): v is Decimal =>
  typeof v === "object" && v !== null && "isFinite" in v && "comparedTo" in v;

/** The corrections to try for one fact, most natural first. */
function correctors(
  crs: CompiledRuleSet,
  u: CohortUnitInput,
  fact: string,
  clause: CClause,
  siblings: readonly string[],
  group: FindingGroup,
): Corrector[] {
  const decl = crs.facts.get(fact);
  const raw = stated(u, fact);
  const v = read(crs, fact, raw);
  if (!decl || v === undefined) return [];
  const out: Corrector[] = [];
  switch (decl.type) {
    case "findings": {
      // Given as a list, its entries are removed as written; given as a number (直接填条数), 0.
      const n = findingsCount(v);
      if (n === 0) return [];
      if (!Array.isArray(raw)) return [{ fact, apply: () => 0, words: () => `由${n}处改为0处` }];
      const kind = clause.kind;
      if (kind !== undefined) {
        const k = findingsCount((v as Finding[]).filter((f) => f?.kind === kind));
        if (k > 0)
          out.push({
            fact,
            apply: (old) =>
              Array.isArray(old) ? old.filter((f: Finding) => f?.kind !== kind) : old,
            words: () => `整改${kind}${k}处`,
          });
      }
      out.push({
        fact,
        apply: (old) => (Array.isArray(old) ? [] : 0),
        words: () => `整改全部${n}处`,
      });
      return out;
    }
    case "boolean":
      if (typeof v !== "boolean") return [];
      return [{ fact, apply: () => !v, words: () => `由“${yesNo(v)}”改为“${yesNo(!v)}”` }];
    case "choice":
      return (decl.options ?? [])
        .filter((x) => x !== v)
        .map((x) => ({ fact, apply: () => x, words: () => `由“${String(v)}”改为“${x}”` }));
    case "count":
    case "number":
    case "rate":
    case "amount": {
      if (!isDecimal(v)) return [];
      const now = v;
      const values: Decimal[] = [];
      for (const s of siblings) {
        if (s === fact) continue;
        const o = read(crs, s, stated(u, s));
        if (isDecimal(o)) values.push(o);
      }
      if (decl.type === "count") values.unshift(ZERO);
      if (decl.max) values.push(decl.max);
      if (decl.type === "rate") values.push(toDecimal(100));
      if (decl.min) values.push(decl.min);
      values.push(ZERO);
      if (isDecimal(decl.default)) values.push(decl.default);
      const seen = new Set<string>([dstr(now)]);
      for (const x of values) {
        const k = dstr(x);
        if (seen.has(k)) continue;
        seen.add(k);
        // Written as a decimal string: exact, and a rate in percent whatever scale it was given in.
        const written = decl.type === "rate" ? `${k}%` : k;
        out.push({ fact, apply: () => written, words: () => `由${dstr(now)}改为${k}` });
      }
      return out;
    }
    case "series":
      return v instanceof Map
        ? [
            ...targetCorrector(fact, v as ReadonlyMap<string, Decimal>, group),
            ...seriesCorrector(fact, v as ReadonlyMap<string, Decimal>),
          ]
        : [];
    default:
      return [];
  }
}

/**
 * A series short of a monthly or quarterly target (T5): each period the clause found short —
 * those not stated among them — brought up to the target's minimum.
 */
function targetCorrector(
  fact: string,
  v: ReadonlyMap<string, Decimal>,
  g: FindingGroup,
): Corrector[] {
  const out: Corrector[] = [];
  for (const e of g.entries) {
    const t = e.effect;
    if (t?.type !== "target" || !t.short.length || !e.facts[fact]) continue;
    const min = t.min;
    const short = t.short;
    out.push({
      fact,
      apply: () => {
        const o: Record<string, string> = {};
        for (const [k, x] of v) o[k] = dstr(x);
        for (const s of short) o[s.period] = dstr(min);
        return o;
      },
      words: () =>
        short
          .map(
            (s) => `${s.period}由${s.value !== undefined ? dstr(s.value) : "未填"}改为${dstr(min)}`,
          )
          .join(","),
    });
  }
  return out;
}

/**
 * A series (a value per month or quarter) falling short of a target: the periods below a value
 * the unit itself stated raised to it, the smallest such value first. Periods not stated are not
 * invented.
 */
function seriesCorrector(fact: string, v: ReadonlyMap<string, Decimal>): Corrector[] {
  const entries = [...v.entries()];
  const levels = [...new Map(entries.map(([, x]) => [dstr(x), x])).values()]
    .sort((a, b) => a.comparedTo(b))
    .slice(1);
  return levels.map((level) => ({
    fact,
    apply: () =>
      Object.fromEntries(entries.map(([k, x]) => [k, dstr(x.lessThan(level) ? level : x)])),
    words: () =>
      entries
        .filter(([, x]) => x.lessThan(level))
        .map(([k, x]) => `${k}由${dstr(x)}改为${dstr(level)}`)
        .join(","),
  }));
}

/** Applies corrections to every facts object of a unit (its facts and its parts'). */
function applyAll(u: CohortUnitInput, cs: readonly Corrector[]): CohortUnitInput {
  const fix = (facts: Record<string, unknown> | undefined) => {
    if (!facts) return facts;
    const out = { ...facts };
    for (const c of cs) if (Object.hasOwn(out, c.fact)) out[c.fact] = c.apply(out[c.fact]);
    return out;
  };
  const walk = (parts: CohortUnitInput["parts"]): CohortUnitInput["parts"] =>
    parts &&
    Object.fromEntries(
      Object.entries(parts).map(([k, p]) => [
        k,
        !p || typeof p !== "object"
          ? p
          : {
              ...p,
              ...(p.facts ? { facts: fix(p.facts) } : {}),
              ...(p.parts ? { parts: walk(p.parts) } : {}),
            },
      ]),
    );
  const facts = fix(u.facts) ?? {};
  return { ...u, facts, ...(u.parts ? { parts: walk(u.parts) } : {}) };
}

/** Combinations of one corrector per fact (or none), fewest changes first, at most MAX_TRIES. */
function* combinations(lists: Corrector[][]): Generator<Corrector[]> {
  let tries = 0;
  for (let size = 1; size <= lists.length; size++) {
    const pick = (from: number, left: number, acc: Corrector[]): Corrector[][] => {
      if (left === 0) return [acc];
      const res: Corrector[][] = [];
      for (let i = from; i < lists.length; i++)
        for (const c of lists[i] as Corrector[]) {
          res.push(...pick(i + 1, left - 1, [...acc, c]));
          if (res.length > MAX_TRIES) return res;
        }
      return res;
    };
    for (const combo of pick(0, size, [])) {
      if (++tries > MAX_TRIES) return;
      yield combo;
    }
  }
}

/** The corrected unit that clears a group, with its corrections in words, or null. */
function correct(
  crs: CompiledRuleSet,
  u: CohortUnitInput,
  g: FindingGroup,
  extra: Record<string, unknown>,
  opts: CohortOptions,
): { unit: CohortUnitInput; changes: FactChange[] } | null {
  const clause = clausesOf(crs, u.category ?? null).get(g.rule)?.clause;
  if (!clause) return null;
  const facts = correctable(crs, clause.facts);
  const lists = facts
    .map((f) => correctors(crs, u, f, clause, facts, g))
    .filter((l) => l.length > 0);
  for (const combo of combinations(lists)) {
    const unit = applyAll(u, combo);
    const o = scoreUnit(crs, withFacts(unit, extra), { ...opts, trace: true });
    if (!o.ok || stillCounts(crs, o, g.rule)) continue;
    return {
      unit,
      changes: combo.map((c) => ({
        fact: c.fact,
        label: crs.facts.get(c.fact)?.label ?? c.fact,
        words: c.words(stated(u, c.fact)),
      })),
    };
  }
  return null;
}
