/**
 * A scored cohort as three tables: 得分 (one row per unit: total, grade, rank and every
 * indicator's score), 扣分 (one row per trace entry that changed a score, with its reason and
 * source) and 标记 (one row per flag). The same tables are written as CSV, XLSX or JSON Lines.
 */
import type { CohortResult } from "../../cohort/types.js";
import type { CompiledRuleSet } from "../../compile/compile.js";
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

/**
 * The result tables of a cohort scored with a rule set. Units keep the cohort's order (ranked
 * units by rank, then units not scored). The 类别 and 类别内名次 columns appear only when the
 * rule set has categories; the 计量 column of 扣分 only when it has several measures.
 */
export function resultTables(crs: CompiledRuleSet, r: CohortResult): ResultTables {
  const cats = crs.categories !== null;
  const indicators = indicatorColumns(crs);
  const scoreHeads = [
    "单位",
    ...(cats ? ["类别"] : []),
    "总分",
    "等次",
    "名次",
    ...(cats ? ["类别内名次"] : []),
    "说明",
    ...indicators.map((x) => x.header),
  ];
  const scoreRows: Cell[][] = r.units.map((x) => {
    const o = x.outcome;
    const notes: string[] = [];
    // Why a unit is not scored: its own issues, or the cohort's that name it (K_CHILD_FAILED).
    const why = o.ok ? r.issues.filter((i) => i.unit === x.unit) : o.issues;
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
  });

  const measures = crs.measures.length > 1;
  const deductionHeads = [
    "单位",
    "指标",
    "条款",
    ...(measures ? ["计量"] : []),
    "分值变化",
    "原因",
    "依据",
  ];
  const deductionRows: Cell[][] = [];
  for (const x of r.units) {
    const o = x.outcome;
    if (!o.ok) continue;
    for (const e of o.trace) {
      if (e.delta === undefined || e.delta.isZero()) continue;
      const node = e.node ? o.nodes[e.node] : undefined;
      const measure = crs.measures.find((m) => m.id === e.measure);
      deductionRows.push([
        x.unit,
        e.node ? `${e.node} ${node?.title ?? ""}`.trim() : null,
        e.rule,
        ...(measures ? [measure?.label ?? e.measure] : []),
        num(e.delta),
        e.detail || null,
        basis(e) || null,
      ]);
    }
  }

  const flagRows: Cell[][] = [];
  for (const x of r.units) for (const f of x.flags) flagRows.push([x.unit, f]);

  const columns = (heads: string[]) => heads.map((header) => ({ header }));
  return {
    scores: { name: "得分", columns: columns(scoreHeads), rows: scoreRows },
    deductions: { name: "扣分", columns: columns(deductionHeads), rows: deductionRows },
    flags: { name: "标记", columns: columns(["单位", "标记"]), rows: flagRows },
  };
}
