import { type CCombine, type CCombinePart, compileCombine } from "../constructs/combine/compile.js";
import { type CGate, compileGate } from "../constructs/gate/compile.js";
import { type CPeriods, compilePeriods } from "../constructs/periods/compile.js";
import { type CRescale, compileRescale } from "../constructs/rescale/compile.js";
import { type CStreak, compileStreak } from "../constructs/streak/compile.js";
import { type CThreshold, compileThreshold } from "../constructs/threshold/compile.js";
import { type Decimal, type RoundingMode, toDecimal } from "../decimal.js";
import { isCheckedRuleSet } from "../load/checked.js";
import type { ClauseInput, NodeInput, RuleSetInput } from "../schema/ruleset.js";
import { appliesTo, conditionFacts, nodePoints, ruleSetPoints } from "../schema/walk.js";
import { parseDate } from "../time/date.js";
import type { CBounds } from "./bounds.js";
import { type CClause, type CWindow, compileClause } from "./clause.js";
import { type CCohort, compileCohort } from "./cohort.js";
import { type CompiledCondition, compileCondition } from "./condition.js";
import { type CDerive, compileDerivations, withDerivedInputs } from "./derive.js";
import { type FactReader, factReaders } from "./fact-reader.js";
import { type CGiven, compileGiven } from "./given.js";
import type { CFact } from "./values.js";

export type { CBounds, CCohort, CCombine, CCombinePart, CGate, CRescale, CStreak, CThreshold };

/** A tree node compiled for one category. Nodes are kept in post-order: children first. */
export interface CNode {
  id: string;
  title: string;
  text?: string;
  ref?: { doc: string; at?: string };
  depth: number;
  points: Decimal;
  /** Cap on cumulative deductions, or null for none (倒扣 without a cap). */
  cap: Decimal | null;
  /** Whether the node may go below 0 (倒扣). */
  overdraw: boolean;
  bonusCap: Decimal | null;
  bonusCombine: "sum" | "max";
  /** Indexes of the children in the plan's node array. */
  children: number[];
  deductions: CClause[];
  additions: CClause[];
  overrides: CClause[];
  /** C17: when set, the node applies only where this holds. */
  applicable: CompiledCondition | null;
  /** C17: where the points of this node go when it does not apply. */
  ifNotApplicable: { mode: "rescale" | "spread"; to: number[] | null } | null;
  /** Index of the parent in the plan's node array, or -1 for a level-1 node. */
  parent: number;
  /** How many nodes the subtree holds; its descendants sit just before it (post-order). */
  size: number;
  /** The facts this node's own clauses read (and the fact of its given score). */
  facts: ReadonlySet<string>;
  /** Scored directly: the fact holding the assessors' score, and the places it may have. */
  given: CGiven | null;
}

export interface CAdjustment {
  id: string;
  title: string;
  text?: string;
  ref?: { doc: string; at?: string };
  effect: "deduct" | "add";
  measure: string;
  cap: Decimal | null;
  combine: "sum" | "max";
  clauses: CClause[];
  stage: "main" | "bonus";
}

/** Everything needed to score a unit of one category, prepared once. */
export interface Plan {
  category: string | null;
  nodes: CNode[];
  /** Indexes of the level-1 nodes. */
  top: number[];
  vetoes: CClause[];
  adjustments: CAdjustment[];
  /** The facts this category's rules read: only these must be present. */
  facts: ReadonlySet<string>;
  /** The facts read by rules that apply whatever applies (vetoes, adjustments, applicability). */
  alwaysFacts: ReadonlySet<string>;
  /** The full score for this category. */
  points: Decimal;
  /** Whether any node has an applicability condition. */
  hasApplicability: boolean;
  /** How each declared fact is read for this category, in declaration order. */
  readers: readonly FactReader[];
}

/** A rule set compiled once, to score any number of units. */
export interface CompiledRuleSet {
  readonly source: RuleSetInput;
  readonly id: string;
  readonly title: string;
  readonly points: Decimal;
  readonly pointsMeasure: string;
  readonly measures: readonly {
    id: string;
    label: string;
    unit: string;
    rounding?: { places: number; mode: RoundingMode };
  }[];
  readonly rounding: { places: number; mode: RoundingMode; at: "total" | "nodes" | "leaves" };
  readonly bonusFloor: "after-floor" | "before-floor";
  readonly gradePrecedence: "override" | "worse";
  readonly facts: ReadonlyMap<string, CFact>;
  readonly categories: readonly string[] | null;
  readonly plans: ReadonlyMap<string | null, Plan>;
  readonly documents: ReadonlyMap<string, { title: string }>;
  readonly grades: {
    order: readonly string[];
    bands: readonly { grade: string; bound: Decimal | null; inclusive: boolean }[];
  } | null;
  readonly thresholds: readonly CThreshold[];
  readonly gates: readonly CGate[];
  /** The parameters file this rule set was composed with, if it is a template's. */
  readonly edition: { id: string; title: string; official: boolean; note?: string } | null;
  /** The readings of the template's ambiguous clauses in force (解读), in the clauses' order. */
  readonly readings: readonly ReadingInForce[];
  /** K5: the facts computed from the cohort, in percent already (never given by units). */
  readonly computedFacts: ReadonlySet<string>;
  /** Derived facts (`derive:`), each after the derived facts it reads; never given by units. */
  readonly derived: ReadonlyMap<string, CDerive>;
  /** Whether a findings fact declares `links`: each unit's links are then checked. */
  readonly linked: boolean;
  /** T8: the streaks over a series of periods, their conditions compiled. */
  readonly streaks: readonly CStreak[];
  /** T1/T2: how a unit given in parts is combined, weights parsed once; null when not stated. */
  readonly combine: CCombine | null;
  /** K1–K9: how the units are scored as a cohort, every part compiled (defaults when not stated). */
  readonly cohort: CCohort;
  /** C17: the score rescaled to a stated full score over the items that apply; null when not stated. */
  readonly rescale: CRescale | null;
  /** T7: how a run is split into periods and summed; null when not stated. */
  readonly periods: CPeriods | null;
}

/**
 * Compiles a validated rule set: one plan per unit category with every constant parsed and every
 * condition turned into a closure, so that evaluating a unit does no parsing and no lookups by
 * name beyond its facts.
 *
 * The rule set must be one the validator returned (isCheckedRuleSet): compileRuleSet
 * (compile-rule-set.ts) checks any other first. Kept apart from it so that the sealed path
 * (kaohe/sealed) never reaches the validator, the lint or the schemas.
 */
export function compileCheckedRuleSet(rs: RuleSetInput): CompiledRuleSet {
  if (!isCheckedRuleSet(rs))
    throw new TypeError("compileCheckedRuleSet: the rule set was not checked");
  const measures = (rs.measures ?? [{ id: "points", label: "得分", unit: "分" }]).map((m) => ({
    id: m.id,
    label: m.label,
    unit: m.unit,
    ...(m.rounding ? { rounding: m.rounding } : {}),
  }));
  const pointsMeasure = (measures[0] as { id: string }).id;
  const facts = new Map<string, CFact>();
  for (const f of rs.facts) {
    facts.set(f.id, {
      id: f.id,
      label: f.label,
      type: f.type,
      missing: f.missing ?? rs.policy.missingFact,
      ...(f.min !== undefined ? { min: toDecimal(f.min) } : {}),
      ...(f.max !== undefined ? { max: toDecimal(f.max) } : {}),
      ...(f.default !== undefined
        ? {
            default:
              typeof f.default === "boolean" || f.type === "choice"
                ? (f.default as boolean | string)
                : toDecimal(f.default),
          }
        : {}),
      ...(f.kinds ? { kinds: f.kinds } : {}),
      ...(f.subjects ? { subjects: f.subjects } : {}),
      ...(f.tags ? { tags: f.tags } : {}),
      ...(f.links ? { links: f.links } : {}),
      ...(f.options ? { options: f.options } : {}),
      ...(f.type === "rate" && f.scale === "fraction" ? { scale: "fraction" as const } : {}),
    });
  }
  const categories = rs.categories?.length ? rs.categories.map((c) => c.id) : null;
  const plans = new Map<string | null, Plan>();
  const cohort = compileCohort(rs.cohort);
  // Facts computed from the cohort (K5) are in percent already: no scale check for them.
  const computed = new Set(cohort.facts.map((c) => c.id));
  const derived = compileDerivations(rs.facts);
  for (const cat of categories ?? [null]) {
    // A rule reading a derived fact reads its inputs too: they must be present (or defaulted).
    const plan = withDerivedInputs(buildPlan(rs, cat, pointsMeasure), derived);
    plans.set(cat, { ...plan, readers: factReaders(facts, plan.facts, computed, derived) });
  }
  return {
    source: rs,
    id: rs.id,
    title: rs.title,
    points: ruleSetPoints(rs, categories?.[0] ?? null),
    pointsMeasure,
    measures,
    rounding: rs.policy.rounding,
    bonusFloor: rs.policy.bonusFloor ?? "after-floor",
    gradePrecedence: rs.policy.gradePrecedence ?? "override",
    facts,
    categories,
    plans,
    documents: new Map(rs.documents.map((d) => [d.id, { title: d.title }])),
    grades: rs.grades
      ? {
          order: rs.grades.order,
          bands: (rs.grades.bands ?? []).map((b) => {
            const bound = b.gte ?? b.gt;
            return {
              grade: b.grade,
              bound: bound !== undefined ? toDecimal(bound) : null,
              inclusive: b.gt === undefined,
            };
          }),
        }
      : null,
    thresholds: (rs.thresholds ?? []).map(compileThreshold),
    gates: (rs.gates ?? []).map(compileGate),
    edition: rs.edition ?? null,
    readings: readingsInForce(rs),
    computedFacts: computed,
    derived,
    linked: rs.facts.some((f) => f.links !== undefined),
    streaks: (rs.streaks ?? []).map(compileStreak),
    combine: rs.combine ? compileCombine(rs.combine) : null,
    cohort,
    rescale: rs.rescale ? compileRescale(rs.rescale, rs.policy.rounding) : null,
    periods: compilePeriods(rs),
  };
}

/** A reading in force: the reading, and the ambiguous clause it resolves. */
export interface ReadingInForce {
  id: string;
  title: string;
  clause: { id: string; text: string; ref: { doc: string; at?: string } };
}

function readingsInForce(rs: RuleSetInput): ReadingInForce[] {
  const inForce = new Set(rs.reading ?? []);
  return (rs.readings ?? []).flatMap((c) =>
    c.options
      .filter((o) => inForce.has(o.id))
      .map((o) => ({ id: o.id, title: o.title, clause: { id: c.id, text: c.text, ref: c.ref } })),
  );
}

/** Compiles a window; the schema guarantees real dates, and the lint that from ≤ to. */
export function compileWindow(w: {
  from: string;
  to: string;
  undated: "include" | "error";
}): CWindow {
  return {
    from: parseDate(w.from) as number,
    to: parseDate(w.to) as number,
    undated: w.undated,
    label: `${w.from}至${w.to}`,
  };
}

function buildPlan(
  rs: RuleSetInput,
  cat: string | null,
  pointsMeasure: string,
): Omit<Plan, "readers"> {
  const units = new Map((rs.measures ?? []).map((m) => [m.id, m.unit]));
  const subjects = new Map(
    rs.facts.flatMap((f) => (f.subjects ? [[f.id, f.subjects] as const] : [])),
  );
  const labels = new Map(rs.facts.flatMap((f) => (f.label ? [[f.id, f.label] as const] : [])));
  const compileOne = (c: ClauseInput, points: Decimal | null, window: CWindow | null) =>
    compileClause(
      c,
      points,
      pointsMeasure,
      window,
      units.get(c.measure ?? pointsMeasure) ?? "分",
      subjects,
      labels,
    );
  const nodes: CNode[] = [];
  const facts = new Set<string>();
  const alwaysFacts = new Set<string>();
  const topLevelOnly = rs.policy.capScope === "top-level";
  const keep = (c: CClause, also?: Set<string>) => {
    for (const f of c.facts) {
      facts.add(f);
      also?.add(f);
    }
    return c;
  };
  const idsToIndex = new Map<string, number>();
  const pendingTo: { node: CNode; to: string[] }[] = [];
  const add = (n: NodeInput, depth: number, inherited: CWindow | null): number => {
    const start = nodes.length;
    const window = n.window ? compileWindow(n.window) : inherited;
    const children = (n.children ?? [])
      .filter((k) => appliesTo(k, cat))
      .map((k) => add(k, depth + 1, window));
    const points = nodePoints(n, cat);
    const overdraw = n.overdraw === true || (topLevelOnly && depth > 1);
    const own = new Set<string>();
    const clauses = (n.clauses ?? [])
      .filter((c) => appliesTo(c, cat))
      .map((c) => keep(compileOne(c, points, window), own));
    const given = n.given ? compileGiven(n.given, rs.policy.rounding.places) : null;
    if (given) {
      own.add(given.fact);
      facts.add(given.fact);
    }
    if (n.applicable !== undefined)
      for (const u of conditionFacts(n.applicable, [])) {
        facts.add(u.fact);
        alwaysFacts.add(u.fact);
      }
    const node: CNode = {
      id: n.id,
      title: n.title,
      ...(n.text !== undefined ? { text: n.text } : {}),
      ...(n.ref ? { ref: n.ref } : {}),
      depth,
      points,
      cap: n.cap !== undefined ? toDecimal(n.cap) : overdraw ? null : points,
      overdraw,
      bonusCap: n.bonusCap !== undefined ? toDecimal(n.bonusCap) : null,
      bonusCombine: n.bonusCombine ?? "sum",
      children,
      deductions: clauses.filter((c) => c.type !== "override" && c.effect === "deduct"),
      additions: clauses.filter((c) => c.type !== "override" && c.effect === "add"),
      overrides: clauses.filter((c) => c.type === "override"),
      applicable: n.applicable !== undefined ? compileCondition(n.applicable) : null,
      ifNotApplicable: n.ifNotApplicable ? { mode: n.ifNotApplicable.mode, to: null } : null,
      parent: -1,
      size: nodes.length - start + 1,
      facts: own,
      given,
    };
    if (n.ifNotApplicable?.to) pendingTo.push({ node, to: n.ifNotApplicable.to });
    nodes.push(node);
    const index = nodes.length - 1;
    for (const k of children) (nodes[k] as CNode).parent = index;
    idsToIndex.set(n.id, index);
    return index;
  };
  const setWindow = rs.window ? compileWindow(rs.window) : null;
  const top = rs.tree.filter((n) => appliesTo(n, cat)).map((n) => add(n, 1, setWindow));
  for (const p of pendingTo) {
    if (p.node.ifNotApplicable)
      p.node.ifNotApplicable.to = p.to.flatMap((id) => {
        const i = idsToIndex.get(id);
        return i === undefined ? [] : [i];
      });
  }
  const vetoes = (rs.vetoes ?? [])
    .filter((c) => appliesTo(c, cat))
    .map((c) => keep(compileOne(c, null, setWindow), alwaysFacts));
  const adjustments: CAdjustment[] = (rs.adjustments ?? []).map((a) => {
    const clauses = a.clauses
      .filter((c) => appliesTo(c, cat))
      .map((c) => keep(compileOne(c, null, setWindow), alwaysFacts));
    const first = a.clauses[0];
    return {
      id: a.id,
      title: a.title,
      ...(a.text !== undefined ? { text: a.text } : {}),
      ...(a.ref ? { ref: a.ref } : {}),
      effect: first?.effect ?? "deduct",
      measure: first?.measure ?? pointsMeasure,
      cap: a.cap !== undefined ? toDecimal(a.cap) : null,
      combine: a.combine ?? "sum",
      clauses,
      stage: a.stage ?? "main",
    };
  });
  return {
    category: cat,
    nodes,
    top,
    vetoes,
    adjustments,
    facts,
    alwaysFacts,
    points: ruleSetPoints(rs, cat),
    hasApplicability: nodes.some((n) => n.applicable !== null),
  };
}
