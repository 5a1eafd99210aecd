/**
 * What `kaohe serve` shows of a rule set without scoring: its versions, its indicator tree and the
 * facts a unit gives, each with the Chinese title or label the rule file gives it. Plain JSON
 * data, keys in a fixed order.
 */
import type { CompiledRuleSet } from "../compile/compile.js";
import type { ClauseType } from "../constructs/names.js";
import { dstr } from "../decimal.js";
import type { NodeInput } from "../schema/ruleset.js";
import { describeFact } from "../sheets/write/template.js";
import type { Entry, Version } from "./registry.js";

/** The Chinese name of each clause type, keyed on the registry: a new type needs its name here. */
export const CLAUSE_TYPE_LABELS: Readonly<Record<ClauseType, string>> = {
  check: "检查项(符合得分,不符合扣分)",
  fixed: "定额扣分或加分",
  per: "按处(次)扣分或加分",
  step: "按比率分档扣分",
  range: "在幅度内酌情扣分",
  tally: "累计计分",
  rating: "评定档次给分",
  deadline: "按期限扣分",
  target: "按目标数扣分",
  override: "否决或改定(归零、定分、定等次)",
};

/** One version as the listing shows it. */
export function versionView(v: Version): Record<string, unknown> {
  const e = v.crs.source.effective;
  return {
    title: v.crs.title,
    edition: v.crs.edition
      ? {
          id: v.crs.edition.id,
          title: v.crs.edition.title,
          official: v.crs.edition.official,
          ...(v.crs.edition.note !== undefined ? { note: v.crs.edition.note } : {}),
        }
      : null,
    effective: e ? { from: e.from, to: e.to ?? null } : null,
    points: dstr(v.crs.points),
    categories: v.crs.source.categories?.map((c) => ({ id: c.id, label: c.label })) ?? null,
    rules: v.rules,
    params: v.params,
    warnings: v.warnings,
  };
}

/** A rule set as the listing shows it: id and every version. */
export function entryView(e: Entry): Record<string, unknown> {
  return { id: e.id, versions: e.versions.map(versionView) };
}

type Ref = { doc: string; at?: string };
type Clause = { id: string; type: ClauseType; text: string; ref: Ref; note?: string };

const points = (v: number | string | undefined) => (v === undefined ? null : String(v));

function refView(crs: CompiledRuleSet, ref: Ref | undefined): Record<string, unknown> | null {
  if (!ref) return null;
  return {
    doc: ref.doc,
    document: crs.documents.get(ref.doc)?.title ?? null,
    ...(ref.at !== undefined ? { at: ref.at } : {}),
  };
}

function clauseView(crs: CompiledRuleSet, c: Clause): Record<string, unknown> {
  return {
    id: c.id,
    type: c.type,
    typeLabel: CLAUSE_TYPE_LABELS[c.type],
    text: c.text,
    ref: refView(crs, c.ref),
  };
}

function nodeView(crs: CompiledRuleSet, n: NodeInput): Record<string, unknown> {
  return {
    id: n.id,
    title: n.title,
    points: points(n.points),
    ...(n.pointsBy
      ? { pointsBy: Object.fromEntries(Object.entries(n.pointsBy).map(([k, v]) => [k, String(v)])) }
      : {}),
    ...(n.only ? { only: n.only } : {}),
    ...(n.except ? { except: n.except } : {}),
    ...(n.text !== undefined ? { text: n.text } : {}),
    ...(n.ref ? { ref: refView(crs, n.ref) } : {}),
    ...(n.note !== undefined ? { note: n.note } : {}),
    ...(n.given ? { given: n.given.fact } : {}),
    clauses: (n.clauses ?? []).map((c) => clauseView(crs, c as Clause)),
    children: (n.children ?? []).map((c) => nodeView(crs, c)),
  };
}

/** A version's indicator tree, items outside it and vetoes, with 原文 and titles. */
export function treeView(crs: CompiledRuleSet): Record<string, unknown> {
  const src = crs.source;
  return {
    ruleSet: crs.id,
    title: crs.title,
    edition: crs.edition?.id ?? null,
    points: dstr(crs.points),
    measures: crs.measures.map((m) => ({ id: m.id, label: m.label, unit: m.unit })),
    categories: src.categories?.map((c) => ({ id: c.id, label: c.label })) ?? null,
    tree: src.tree.map((n) => nodeView(crs, n)),
    adjustments: (src.adjustments ?? []).map((a) => ({
      id: a.id,
      title: a.title,
      ...(a.text !== undefined ? { text: a.text } : {}),
      ...(a.ref ? { ref: refView(crs, a.ref) } : {}),
      clauses: a.clauses.map((c) => clauseView(crs, c as Clause)),
    })),
    vetoes: (src.vetoes ?? []).map((c) => clauseView(crs, c as Clause)),
  };
}

/**
 * A version's facts: each with its label, type, what to fill in (as the template's comment row
 * says it) and who gives it — the unit, the cohort (K5) or a derivation from other facts.
 */
export function factsView(crs: CompiledRuleSet): Record<string, unknown> {
  return {
    ruleSet: crs.id,
    title: crs.title,
    edition: crs.edition?.id ?? null,
    facts: crs.source.facts.map((f) => ({
      id: f.id,
      label: f.label,
      type: f.type,
      ...(f.unit !== undefined ? { unit: f.unit } : {}),
      ...(f.min !== undefined ? { min: String(f.min) } : {}),
      ...(f.max !== undefined ? { max: String(f.max) } : {}),
      ...(f.options ? { options: f.options } : {}),
      ...(f.kinds ? { kinds: f.kinds } : {}),
      missing: f.missing ?? crs.source.policy.missingFact,
      ...(f.default !== undefined ? { default: f.default } : {}),
      ...(f.note !== undefined ? { note: f.note } : {}),
      source: crs.computedFacts.has(f.id) ? "cohort" : crs.derived.has(f.id) ? "derived" : "unit",
      fill: describeFact(crs, f),
    })),
  };
}
