import type { CCohortFact } from "../compile/cohort.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import type { CohortFigureEffect } from "../evaluate/cohort-effects.js";
import { type FactValue, resolveFact } from "../evaluate/facts.js";
import type { Finding, PartInput, TraceEntry } from "../evaluate/types.js";
import type { CohortFigure, CohortUnitInput, PreviousRun } from "./types.js";

/** What a unit (or its self-assessment) states: facts, or parts that state them. */
export interface UnitFacts {
  facts?: Record<string, unknown>;
  parts?: Record<string, PartInput>;
}

/** A cohort fact as computed: the figure, and how one unit's value follows from its own facts. */
export interface CohortFact {
  fact: string;
  figure: CohortFigure;
  valueFor(u: UnitFacts): unknown;
}

/** A unit a figure is computed over: one of this run's or of the previous run. */
type FigureUnit = UnitFacts & { id: string; category?: string };
/** A fact's value as a unit states it; `previousUnit` names a unit of the previous run. */
type FactReader = (
  src: Record<string, unknown>,
  fact: string,
  previousUnit?: string,
) => FactValue | undefined;

/** Where a figure's problems go: the cohort's issues and the warnings about the previous run. */
export interface FigureReport {
  issues: KaoheIssue[];
  warnings: KaoheIssue[];
  strict: boolean;
}

/** K5: computes each cohort fact from the cohort (this run's or the previous one). */
export function cohortFacts(
  crs: CompiledRuleSet,
  units: readonly CohortUnitInput[],
  previous: PreviousRun | undefined,
  report: FigureReport,
): CohortFact[] {
  const out: CohortFact[] = [];
  const read = factReader(crs, report);
  for (const cf of crs.cohort.facts) {
    if (cf.over === "previous" && !previous) {
      report.issues.push(issue("K_PREVIOUS_REQUIRED", ["cohort", "facts", cf.id], { fact: cf.id }));
      continue;
    }
    const pool = figurePool(cf, cf.over === "previous" ? (previous?.units ?? []) : [...units]);
    const figure =
      "itemShare" in cf.compute
        ? itemShare(cf, cf.compute.itemShare, pool, read)
        : mean(cf, cf.compute.mean, pool, read, report.issues);
    if (figure) out.push(figure);
  }
  return out;
}

/**
 * Reads a fact as scoring would. Under strict, a value that would not be scored (a rate in the
 * wrong scale, say) is not counted either: the unit then counts as not stating it.
 */
function factReader(crs: CompiledRuleSet, { strict, warnings }: FigureReport): FactReader {
  return (src, fact, previousUnit) => {
    const decl = crs.facts.get(fact);
    if (!decl || !Object.hasOwn(src, fact)) return undefined;
    const errors: KaoheIssue[] = [];
    const warns: KaoheIssue[] = [];
    const v = resolveFact(decl, src[fact], true, ["facts", fact], errors, warns, strict);
    // A unit of this run is warned about when it is scored; a unit of the previous run is
    // never scored, so what it gives is warned about here, once per figure.
    if (previousUnit !== undefined)
      for (const w of [...errors, ...warns])
        warnings.push({
          ...w,
          path: ["previous", "units", previousUnit, ...w.path],
          unit: `上一轮 ${previousUnit}`,
        });
    return errors.length ? undefined : v;
  };
}

/** Each unit once, and only the categories the figure is about (全省县市区, say). */
function figurePool(cf: CCohortFact, all: readonly FigureUnit[]): FigureUnit[] {
  const seenIds = new Set<string>();
  return all.filter((u) => {
    if (seenIds.has(u.id)) return false;
    seenIds.add(u.id);
    return !cf.categories || (u.category !== undefined && cf.categories.has(u.category));
  });
}

/**
 * The items a unit has findings of a kind for, across all the facts it states; `previousUnit`
 * names a unit of the previous run, warned about as the mean warns about it.
 */
function itemsOf(
  read: FactReader,
  u: UnitFacts,
  fact: string,
  kind: string,
  previousUnit?: string,
): Set<string> {
  const items = new Set<string>();
  for (const src of factSources(u)) {
    const list = read(src, fact, previousUnit);
    if (Array.isArray(list))
      for (const f of list as Finding[])
        if (f.kind === kind && f.item !== undefined) items.add(f.item);
  }
  return items;
}

/** The items enough units have findings of a kind for; a unit's value counts its own of them. */
function itemShare(
  cf: CCohortFact,
  c: Extract<CCohortFact["compute"], { itemShare: unknown }>["itemShare"],
  pool: readonly FigureUnit[],
  read: FactReader,
): CohortFact {
  const count = new Map<string, number>();
  for (const u of pool) {
    const previousUnit = cf.over === "previous" ? u.id : undefined;
    for (const it of itemsOf(read, u, c.fact, c.kind, previousUnit))
      count.set(it, (count.get(it) ?? 0) + 1);
  }
  const n = pool.length;
  const line = c.atLeast;
  const hot = new Set<string>();
  const items: Extract<CohortFigureEffect, { type: "item-share" }>["items"] = [];
  for (const [it, k] of [...count.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const share = toDecimal(k)
      .times(100)
      .dividedBy(n || 1);
    const over = share.greaterThanOrEqualTo(line);
    if (over) hot.add(it);
    items.push({ item: it, units: k, share, over });
  }
  return {
    fact: cf.id,
    figure: figureOf(cf.id, { type: "item-share", kind: c.kind, of: n, atLeast: line, items }),
    // Distinct items: a fund listed twice is still one fund.
    valueFor: (u) => [...itemsOf(read, u, c.fact, c.unitKind)].filter((it) => hot.has(it)).length,
  };
}

/** The mean of a number fact over the units that state it; none at all is an issue. */
function mean(
  cf: CCohortFact,
  fact: string,
  pool: readonly FigureUnit[],
  read: FactReader,
  issues: KaoheIssue[],
): CohortFact | undefined {
  let sum = ZERO;
  let n = 0;
  const lacking: string[] = [];
  for (const u of pool) {
    // A combined unit's value is the mean over the parts that state it, in any key order.
    const vals = factSources(u)
      .map((src) => read(src, fact, cf.over === "previous" ? u.id : undefined))
      .filter(
        (v): v is Decimal =>
          !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Map),
      );
    if (!vals.length) {
      lacking.push(u.id);
      continue;
    }
    sum = sum.plus(vals.reduce((a, v) => a.plus(v), ZERO).dividedBy(vals.length));
    n++;
  }
  const at = ["cohort", "facts", cf.id];
  if (lacking.length)
    issues.push(
      issue("K_FIGURE_INCOMPLETE", at, { fact: cf.id, units: lacking.sort().join(", ") }),
    );
  if (!n) {
    issues.push(issue("K_EMPTY", at, { fact: cf.id }));
    return undefined;
  }
  const value = sum.dividedBy(n).toFixed();
  const over = cf.over === "previous" ? "previous" : "current";
  return {
    fact: cf.id,
    figure: figureOf(cf.id, { type: "mean", over, of: n, mean: toDecimal(value) }),
    valueFor: () => value,
  };
}

/** The raw facts a unit states, from its facts or, for a combined unit, from all its scored parts. */
export function factSources(u: UnitFacts): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (u.facts && Object.keys(u.facts).length) out.push(u.facts);
  const walk = (parts: Record<string, PartInput> | undefined) => {
    for (const p of Object.values(parts ?? {})) {
      if (!p || typeof p !== "object") continue;
      if (p.facts) out.push(p.facts);
      walk(p.parts);
    }
  };
  walk(u.parts);
  return out;
}

/** Gives a unit (or its self-assessment) the cohort's computed facts, in every part it scores. */
export function withFacts<T extends UnitFacts>(u: T, extra: Record<string, unknown>): T {
  if (!Object.keys(extra).length) return u;
  if (!u.parts) return { ...u, facts: { ...(u.facts ?? {}), ...extra } };
  const walk = (parts: Record<string, PartInput>): Record<string, PartInput> =>
    Object.fromEntries(
      Object.entries(parts).map(([k, p]) => [
        k,
        !p || typeof p !== "object"
          ? p
          : {
              ...p,
              ...(p.facts ? { facts: { ...p.facts, ...extra } } : {}),
              ...(p.parts ? { parts: walk(p.parts) } : {}),
            },
      ]),
    );
  return { ...u, parts: walk(u.parts) };
}

/** The trace entries of the cohort figures a unit was given, as they open its explanation. */
export function cohortHead(
  crs: CompiledRuleSet,
  figures: readonly CohortFigure[],
  extra: Record<string, unknown>,
): TraceEntry[] {
  // Figure by figure, each placed before the ones already there (the order results have kept).
  return figures
    .filter((f) => Object.hasOwn(extra, f.fact))
    .map((f) => cohortEntry(crs, f, extra[f.fact]))
    .reverse();
}

function cohortEntry(crs: CompiledRuleSet, f: CohortFigure, value: unknown): TraceEntry {
  const spec = crs.cohort.facts.find((x) => x.id === f.fact);
  return {
    kind: "cohort",
    rule: f.fact,
    node: null,
    measure: crs.pointsMeasure,
    text: spec?.text ?? "",
    ...(spec
      ? {
          ref: {
            doc: spec.ref.doc,
            title: crs.documents.get(spec.ref.doc)?.title ?? spec.ref.doc,
            ...(spec.ref.at ? { at: spec.ref.at } : {}),
          },
        }
      : {}),
    facts: { [f.fact]: String(value) },
    effect: f.effect,
  };
}

/** A figure and how it was computed. */
function figureOf(fact: string, effect: CohortFigureEffect): CohortFigure {
  return { fact, effect };
}
