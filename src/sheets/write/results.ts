/**
 * A scored cohort as three tables: 得分 (one row per unit: total, grade, rank and every
 * indicator's score), 扣分 (one row per trace entry that changed a score, with its reason and
 * source) and 标记 (one row per flag). The same tables are written as CSV, XLSX or JSON Lines.
 */
import type { CohortResult, CohortUnitResult } from "../../cohort/types.js";
import type { CompiledRuleSet } from "../../compile/compile.js";
import type { KaoheIssue } from "../../errors/issue.js";
import { describeEntry } from "../../explain/describe.js";
import { visitNodes } from "../../schema/walk.js";
import { type Cell, num, type Table } from "./cells.js";

/** The three result tables of a scored cohort. */
export interface ResultTables {
  scores: Table;
  deductions: Table;
  flags: Table;
}

export const NOT_SCORED = "未评分";
export const NOT_APPLICABLE = "不适用";

/** The tree's nodes in rule order (parents before children), each with a distinct header. */
function indicatorColumns(crs: CompiledRuleSet): { id: string; header: string }[] {
  const nodes: { id: string; title: string }[] = [];
  visitNodes(crs.source, ({ node }) => nodes.push({ id: node.id, title: node.title }));
  const count = new Map<string, number>();
  for (const n of nodes) count.set(n.title, (count.get(n.title) ?? 0) + 1);
  // A title used by two nodes (其他, 加分项) is told apart by the node's id.
  return nodes.map((n) => ({
    id: n.id,
    header: (count.get(n.title) ?? 0) > 1 ? `${n.title}(${n.id})` : n.title,
  }));
}

/** 依据: the document's title, the place in it, and the 原文. */
function basis(e: { text: string; ref?: { title: string; at?: string } }): string {
  const ref = e.ref ? `《${e.ref.title}》${e.ref.at ? ` ${e.ref.at}` : ""}` : "";
  if (!e.text) return ref;
  return `${ref}${ref ? ":" : ""}“${e.text}”`;
}

/** The headers of the three tables, and one unit's rows in each. */
export interface ResultRows {
  heads: { scores: string[]; deductions: string[]; flags: string[] };
  /** One unit's rows: one in 得分, one per change of score in 扣分, one per flag in 标记. */
  rows(x: CohortUnitResult): { scores: Cell[]; deductions: Cell[][]; flags: Cell[][] };
}

/**
 * The rows of the result tables, unit by unit, for writing them as units are scored. `issues`
 * are the cohort's own (a unit not scored because of one, K_CHILD_FAILED, says so).
 */
export function resultRows(crs: CompiledRuleSet, issues: readonly KaoheIssue[]): ResultRows {
  const cats = crs.categories !== null;
  const indicators = indicatorColumns(crs);
  const measures = crs.measures.length > 1;
  const heads = {
    scores: [
      "单位",
      ...(cats ? ["类别"] : []),
      "总分",
      "等次",
      "名次",
      ...(cats ? ["类别内名次"] : []),
      "说明",
      ...indicators.map((x) => x.header),
    ],
    deductions: ["单位", "指标", "条款", ...(measures ? ["计量"] : []), "分值变化", "原因", "依据"],
    flags: ["单位", "标记"],
  };
  const scoreRow = (x: CohortUnitResult): Cell[] => {
    const o = x.outcome;
    const notes: string[] = [];
    // Why a unit is not scored: its own issues, or the cohort's that name it (K_CHILD_FAILED).
    const why = o.ok ? issues.filter((i) => i.unit === x.unit) : o.issues;
    if (x.score === null && why.length) notes.push([...new Set(why.map((i) => i.code))].join("、"));
    if (x.gradeNote) notes.push(x.gradeNote);
    if (o.ok && o.stopped) notes.push("否决,停止评分");
    const row: Cell[] = [
      x.unit,
      ...(cats ? [x.category] : []),
      x.score !== null ? num(x.score) : NOT_SCORED,
      x.grade,
      x.rank !== null ? num(x.rank) : null,
      ...(cats ? [x.categoryRank !== null ? num(x.categoryRank) : null] : []),
      notes.length ? notes.join(";") : null,
    ];
    for (const ind of indicators) {
      const n = o.ok ? o.nodes[ind.id] : undefined;
      row.push(n === undefined ? null : n.notApplicable ? NOT_APPLICABLE : num(n.score));
    }
    return row;
  };
  const deductionRows = (x: CohortUnitResult): Cell[][] => {
    const o = x.outcome;
    if (!o.ok) return [];
    const rows: Cell[][] = [];
    for (const e of o.trace) {
      if (e.delta === undefined || e.delta.isZero()) continue;
      const node = e.node ? o.nodes[e.node] : undefined;
      const measure = crs.measures.find((m) => m.id === e.measure);
      rows.push([
        x.unit,
        e.node ? `${e.node} ${node?.title ?? ""}`.trim() : null,
        e.rule,
        ...(measures ? [measure?.label ?? e.measure] : []),
        num(e.delta),
        describeEntry(e) || null,
        basis(e) || null,
      ]);
    }
    return rows;
  };
  return {
    heads,
    rows: (x) => ({
      scores: scoreRow(x),
      deductions: deductionRows(x),
      flags: x.flags.map((f) => [x.unit, f]),
    }),
  };
}

/** The three tables' names, as sheets of a workbook. */
export const TABLE_NAMES = { scores: "得分", deductions: "扣分", flags: "标记" } as const;

/**
 * The result tables of a cohort scored with a rule set. Units keep the cohort's order (ranked
 * units by rank, then units not scored). The 类别 and 类别内名次 columns appear only when the
 * rule set has categories; the 计量 column of 扣分 only when it has several measures.
 */
export function resultTables(
  crs: CompiledRuleSet,
  r: Pick<CohortResult, "issues"> & { units: Iterable<CohortUnitResult> },
): ResultTables {
  const b = resultRows(crs, r.issues);
  const scores: Cell[][] = [];
  const deductions: Cell[][] = [];
  const flags: Cell[][] = [];
  for (const x of r.units) {
    const rows = b.rows(x);
    scores.push(rows.scores);
    deductions.push(...rows.deductions);
    flags.push(...rows.flags);
  }
  const columns = (heads: string[]) => heads.map((header) => ({ header }));
  return {
    scores: { name: TABLE_NAMES.scores, columns: columns(b.heads.scores), rows: scores },
    deductions: {
      name: TABLE_NAMES.deductions,
      columns: columns(b.heads.deductions),
      rows: deductions,
    },
    flags: { name: TABLE_NAMES.flags, columns: columns(b.heads.flags), rows: flags },
  };
}
