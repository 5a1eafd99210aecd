/**
 * Clause coverage (`kaohe test --coverage`): which clauses of a rule set, and which of their
 * outcomes, the cases exercise — each clause applied and not, a clause's or a node's cap biting and
 * not, each rating on a scale, each side of a threshold and a gate, each veto — read from the
 * results the cases produced (the trace, the node results, the facts given).
 */
import type { CohortUnitInput } from "../cohort/types.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import type { UnitOutcome, UnitResult } from "../evaluate/types.js";
import { parseSource } from "../load/document.js";
import type { ClauseInput } from "../schema/ruleset.js";
import { visitClauses, visitNodes } from "../schema/walk.js";

/** One outcome a case can exercise. */
export interface CoverageTarget {
  /** Stable and readable: `<rule id> <outcome>`, e.g. `一.1.未公开 上限触及`. */
  key: string;
  /** The rule (clause, node, threshold, gate) it belongs to. */
  rule: string;
  /** The outcome, in Chinese. */
  outcome: string;
}

/** A target with the cases that exercised it. */
export interface CoverageLine extends CoverageTarget {
  /** The names of the cases that exercised it (the first five). */
  cases: string[];
}

/** Coverage of one rule set. */
export interface Coverage {
  covered: number;
  total: number;
  lines: CoverageLine[];
}

/** What the coverage of a rule set is built from, as cases are run. */
export interface CoverageRecorder {
  /** Records what a scored unit exercised; `facts` are the unit's facts as given. */
  record(caseName: string, unit: CohortUnitInput | undefined, outcome: UnitOutcome): void;
  /** The coverage so far. */
  result(): Coverage;
}

type Check = (r: UnitResult, facts: Record<string, unknown>) => boolean;

const ownCap = (cl: ClauseInput): boolean =>
  ("cap" in cl && cl.cap !== undefined) || ("perSubject" in cl && cl.perSubject !== undefined);

/** Every outcome of a rule set's rules, each with how a scored unit shows it. */
function targets(crs: CompiledRuleSet): { target: CoverageTarget; hit: Check }[] {
  const out: { target: CoverageTarget; hit: Check }[] = [];
  const add = (rule: string, outcome: string, hit: Check) =>
    out.push({ target: { key: `${rule} ${outcome}`, rule, outcome }, hit });
  const entries = (r: UnitResult, id: string) => r.trace.filter((t) => t.rule === id);
  // Whether a rule could have acted on the unit: scoring was not stopped by a veto, and for a
  // rule in the tree, the unit's category has its node.
  const inPlay = (r: UnitResult, node: string | null) =>
    !r.stopped && (node === null || Object.hasOwn(r.nodes, node));
  visitClauses(crs.source, ({ clause, owner }) => {
    const node = owner.kind === "node" ? owner.node.id : null;
    const id = clause.id;
    const applied = owner.kind === "veto" ? "触发" : "命中";
    add(id, applied, (r) => entries(r, id).length > 0);
    add(id, `未${applied}`, (r) =>
      owner.kind === "veto"
        ? r.trace.every((t) => t.rule !== id)
        : inPlay(r, node) && entries(r, id).length === 0,
    );
    if (ownCap(clause)) {
      const capped = (r: UnitResult) =>
        entries(r, id).some((t) => {
          const e = t.effect as { cap?: unknown; subjects?: { cap?: unknown }[] } | undefined;
          return e?.cap !== undefined || (e?.subjects ?? []).some((s) => s.cap !== undefined);
        });
      add(id, "本条上限触及", capped);
      add(id, "本条上限未触及", (r) => entries(r, id).length > 0 && !capped(r));
    }
    if (clause.type === "rating") {
      const ratings = [
        ...new Set([...Object.keys(clause.scale ?? {}), ...Object.keys(clause.percent ?? {})]),
      ];
      for (const k of ratings)
        add(id, `评为${k}`, (r, facts) => inPlay(r, node) && facts[clause.fact] === k);
    }
  });
  visitNodes(crs.source, ({ node }) => {
    if (node.cap === undefined) return;
    const id = node.id;
    add(id, "扣分上限触及", (r) => Object.hasOwn(r.nodes, id) && r.nodes[id]?.capped === true);
    add(id, "扣分上限未触及", (r) => {
      const n = Object.hasOwn(r.nodes, id) ? r.nodes[id] : undefined;
      return !!n && !n.capped && !n.deducted.isZero();
    });
  });
  for (const t of crs.source.thresholds ?? []) {
    add(t.id, "达到", (r) => entries(r, t.id).length > 0);
    add(t.id, "未达到", (r) => inPlay(r, null) && entries(r, t.id).length === 0);
  }
  for (const g of crs.source.gates ?? []) {
    add(g.id, "触发", (r) => entries(r, g.id).length > 0);
    add(g.id, "未触发", (r) => inPlay(r, null) && entries(r, g.id).length === 0);
  }
  return out;
}

/** A recorder for one rule set; the same one may take the cases of several compilations. */
export function coverageRecorder(crs: CompiledRuleSet): CoverageRecorder {
  const list = targets(crs);
  const hits = new Map<string, string[]>(list.map((t) => [t.target.key, []]));
  const visit = (caseName: string, facts: Record<string, unknown>, r: UnitResult) => {
    for (const { target, hit } of list) {
      if (!hit(r, facts)) continue;
      const names = hits.get(target.key) as string[];
      if (names.length < 5 && !names.includes(caseName)) names.push(caseName);
    }
    // The parts of a combined unit (T1/T2) are scored with the same rules.
    for (const p of r.parts ?? []) walkParts(caseName, p);
    // So are the periods of a split run (T7), each on the same facts.
    for (const p of r.periods ?? []) visit(caseName, facts, p.result);
  };
  const walkParts = (caseName: string, p: NonNullable<UnitResult["parts"]>[number]): void => {
    if (p.result?.ok) visit(caseName, {}, p.result);
    for (const q of p.parts ?? []) walkParts(caseName, q);
  };
  return {
    record(caseName, unit, outcome) {
      if (!outcome.ok) return;
      const facts =
        unit?.facts && typeof unit.facts === "object"
          ? (unit.facts as Record<string, unknown>)
          : {};
      visit(caseName, facts, outcome);
    },
    result() {
      const lines = list.map(({ target }) => ({
        ...target,
        cases: [...(hits.get(target.key) as string[])],
      }));
      return {
        covered: lines.filter((l) => l.cases.length > 0).length,
        total: lines.length,
        lines,
      };
    },
  };
}

/** Merges the coverage of the same rule file compiled more than once (a template's editions). */
export function mergeCoverage(all: readonly Coverage[]): Coverage {
  const by = new Map<string, CoverageLine>();
  for (const c of all)
    for (const l of c.lines) {
      const had = by.get(l.key);
      if (!had) by.set(l.key, { ...l, cases: [...l.cases] });
      else
        for (const n of l.cases)
          if (had.cases.length < 5 && !had.cases.includes(n)) had.cases.push(n);
    }
  const lines = [...by.values()];
  return { covered: lines.filter((l) => l.cases.length > 0).length, total: lines.length, lines };
}

/** The recorded coverage of a rule set (`coverage.yaml` beside its rule file). */
export interface CoverageRecord {
  /** Each outcome no case exercises, with why (a reason a reviewer can check). */
  uncovered: { outcome: string; why: string; line?: number; column?: number }[];
}

/**
 * Reads a coverage record: `uncovered: [{ outcome: "<rule id> <outcome>", why: "…" }]`, every
 * problem located at its line and column.
 */
export function parseCoverageRecord(
  text: string,
  file?: string,
): { record?: CoverageRecord; issues: KaoheIssue[] } {
  const src = parseSource(text, file);
  if (src.issues.length) return { issues: src.issues };
  const top = src.data as Record<string, unknown> | null;
  const bad = (path: PathSegment[], detail: string) =>
    src.locate(issue("C_SHAPE", path, { detail }));
  if (!top || typeof top !== "object" || Array.isArray(top))
    return { issues: [bad([], "覆盖记录应为映射:uncovered: [{ outcome, why }]")] };
  const issues: KaoheIssue[] = [];
  for (const k of Object.keys(top))
    if (k !== "uncovered")
      issues.push(src.locate(issue("E_UNKNOWN_KEY", [k], { keys: k }), { key: k }));
  const list = top.uncovered ?? [];
  if (!Array.isArray(list))
    return { issues: [...issues, bad(["uncovered"], "uncovered 应为列表")] };
  const uncovered: CoverageRecord["uncovered"] = [];
  const seen = new Set<string>();
  list.forEach((x, i) => {
    const o = x as Record<string, unknown> | null;
    if (
      !o ||
      typeof o !== "object" ||
      typeof o.outcome !== "string" ||
      typeof o.why !== "string" ||
      !o.why.trim()
    )
      return issues.push(
        bad(["uncovered", i], "每一项应为 { outcome: 规则编号 结果, why: 未覆盖的原因 }"),
      );
    if (seen.has(o.outcome)) return issues.push(bad(["uncovered", i], `重复列出 ${o.outcome}`));
    seen.add(o.outcome);
    const at = src.locate(issue("C_SHAPE", ["uncovered", i, "outcome"], { detail: "" }));
    uncovered.push({
      outcome: o.outcome,
      why: o.why,
      ...(at.line !== undefined ? { line: at.line } : {}),
      ...(at.column !== undefined ? { column: at.column } : {}),
    });
  });
  return issues.length ? { issues } : { record: { uncovered }, issues };
}

/**
 * Holds a rule set's coverage to its record: an outcome no case exercises must be listed with
 * why (C_UNCOVERED), and a listed one that a case now exercises, or that the rules no longer have,
 * must leave the list (C_COVERED_NOW) — so coverage can only fall with a reason written down.
 */
export function checkCoverage(
  coverage: Coverage,
  record: CoverageRecord,
  file?: string,
): KaoheIssue[] {
  const listed = new Map(record.uncovered.map((u, i) => [u.outcome, { i, u }]));
  const where = file ? { file } : {};
  const out: KaoheIssue[] = [];
  for (const l of coverage.lines)
    if (l.cases.length === 0 && !listed.has(l.key))
      out.push({ ...issue("C_UNCOVERED", [], { outcome: l.key }), ...where });
  const lines = new Map(coverage.lines.map((l) => [l.key, l]));
  for (const [outcome, { i, u }] of listed) {
    const l = lines.get(outcome);
    if (!l || l.cases.length > 0)
      out.push({
        ...issue("C_COVERED_NOW", ["uncovered", i], {
          outcome,
          detail: l ? `用例 ${l.cases.join("、")} 已覆盖` : "规则集中没有这一项",
        }),
        ...where,
        ...(u.line !== undefined ? { line: u.line } : {}),
        ...(u.column !== undefined ? { column: u.column } : {}),
      });
  }
  return out;
}
