/**
 * What a 通报 shows, taken from a scored cohort: the ranking, the statistics and their change on
 * the previous run, the count of units by grade and by each item they lost points on, and every
 * unit's 扣分说明 as rows. Labels come from the rule set, never its ids (a clerk reads this).
 */
import type {
  CohortResult,
  CohortRun,
  CohortStats,
  CohortUnitResult,
  CohortUnitSummary,
} from "../../cohort/types.js";
import type { CompiledRuleSet } from "../../compile/compile.js";
import { type Decimal, dstr } from "../../decimal.js";
import type { TraceEntry, UnitOutcome, UnitResult } from "../../evaluate/types.js";
import { describeEntry, describeFigure } from "../../explain/describe.js";
import { NO_GRADE } from "../../explain/render.js";

/** A scored cohort as scoreCohort (every unit in full) or scoreCohortLazily (units on demand). */
export type TongbaoCohort = CohortResult | CohortRun;

/** One row of the ranking table. */
export interface RankingRow {
  rank: number | null;
  unit: string;
  /** The category's label (26个城中区), or null. */
  category: string | null;
  categoryRank: number | null;
  score: Decimal | null;
  grade: string | null;
  /** Flags, the grade's note (a quota), the converted score. */
  notes: string[];
  change: CohortUnitResult["change"] | null;
  /** Why a unit was not scored (messages, no codes). */
  reasons: string[];
}

/** One line of a unit's 扣分说明. */
export interface BreakdownRow {
  /** The item: 二.7 行政机关……落实实名制情况, or 总分. */
  item: string;
  /** 扣4分, 加1分, 扣分封顶,退回2分, 不适用; with a grade forced: 直接定为不合格. */
  amount: string;
  /** How the amount was reached, with the facts that triggered it by their labels. */
  detail: string;
  /** The source: 《document》 place:“clause text”, or empty. */
  basis: string;
}

/** One unit's section: its place and its 扣分说明. */
export interface UnitBreakdown {
  unit: string;
  rank: number | null;
  category: string | null;
  score: Decimal | null;
  grade: string | null;
  flags: string[];
  rows: BreakdownRow[];
  /** Findings left out because they fall outside the assessment window. */
  excluded: string[];
  /** Why the unit was not scored; empty when it was. */
  reasons: string[];
  /** Scored without a trace (`trace: false`) and not full marks: its 扣分说明 is unknown. */
  untraced: boolean;
}

/** An item at least one unit lost points on, and how many units did. */
export interface DeductionCount {
  item: string;
  units: number;
}

export interface TongbaoModel {
  /** The rule set's title (the assessment's name). */
  assessment: string;
  /** The unit of the score (分). */
  unit: string;
  /** 满分, or null for an open-ended points system. */
  full: Decimal | null;
  ranking: RankingRow[];
  statistics: CohortStats;
  byCategory: { category: string; stats: CohortStats }[];
  /**
   * Units by grade, in the rule set's order of grades (best first), then 未定 for scored units no
   * clause or band graded; null when the rule set has no grades.
   */
  grades: { grade: string; count: number }[] | null;
  /** Scored units without a grade (when the rule set has grades). */
  ungraded: number;
  unscored: number;
  deductions: DeductionCount[];
  units: UnitBreakdown[];
  /** The cohort's computed figures (全体计算), described. */
  figures: string[];
  /** Whether some unit was scored without a trace, so the items lost on cannot be counted. */
  untraced: boolean;
  /** Whether a previous run was given (the change column and figures are then shown). */
  hasPrevious: boolean;
  /** Notes on what the scores were computed under: an unofficial edition, readings in force. */
  basisNotes: string[];
}

const isRun = (r: TongbaoCohort): r is CohortRun => typeof r.units === "function";

function categoryLabel(crs: CompiledRuleSet, id: string | null): string | null {
  if (id === null) return null;
  return crs.source.categories?.find((c) => c.id === id)?.label ?? id;
}

/**
 * The grade a clerk sees. A rule set whose grades have no band for a score (湖北 2009 only says
 * when a unit is 直接定为不合格) leaves the units no clause graded without one: the report says
 * 未定, as the text ranking does, and never guesses a grade the source does not state.
 */
function shownGrade(crs: CompiledRuleSet, x: { score: Decimal | null; grade: string | null }) {
  if (x.grade !== null || x.score === null || !crs.grades) return x.grade;
  return NO_GRADE;
}

function failureReasons(o: UnitOutcome | CohortUnitSummary["outcome"]): string[] {
  return o.ok ? [] : o.issues.map((i) => i.message);
}

function nodeLabel(id: string, title: string | undefined): string {
  if (!title || title === id) return id;
  return title.startsWith(id) ? title : `${id} ${title}`;
}

/** The item an entry belongs to, by the rule set's words. */
function itemOf(crs: CompiledRuleSet, o: UnitResult, e: TraceEntry): string {
  if (e.node) return nodeLabel(e.node, o.nodes[e.node]?.title);
  const adj = crs.source.adjustments?.find(
    (a) => a.id === e.rule || a.clauses.some((c) => c.id === e.rule),
  );
  if (adj) return adj.title;
  return "总分";
}

function amountOf(crs: CompiledRuleSet, e: TraceEntry): string {
  const unit = crs.measures.find((m) => m.id === e.measure)?.unit ?? "";
  if (e.kind === "not-applicable") return "不适用";
  if (e.kind === "gate") return "评分环节";
  if (e.kind === "combine")
    return e.effect?.type === "period"
      ? "本期"
      : e.effect?.type === "periods"
        ? e.effect.mode === "sum"
          ? "累计"
          : "平均"
        : "折算";
  const d = e.delta as Decimal;
  if (e.kind === "rescale-total")
    return `折算${d.isNegative() ? "减少" : "增加"}${dstr(d.abs())}${unit}`;
  if (d.isNegative()) return `扣${dstr(d.negated())}${unit}`;
  const verb =
    e.kind === "deduct-cap"
      ? "扣分封顶,退回"
      : e.kind === "round"
        ? "舍入"
        : e.kind === "rescale"
          ? "折算增加"
          : "加";
  return `${verb}${dstr(d)}${unit}`;
}

function basisOf(e: TraceEntry): string {
  const ref = e.ref ? `《${e.ref.title}》${e.ref.at ? ` ${e.ref.at}` : ""}` : "";
  const text = e.text ? `“${e.text}”` : "";
  return ref && text ? `${ref}:${text}` : ref || text;
}

/** Whether an entry is a line of the 扣分说明 (others are said elsewhere or change nothing). */
function shown(e: TraceEntry): boolean {
  if (e.kind === "not-applicable" || e.kind === "gate" || e.kind === "combine") return true;
  // A cohort figure is stated once for all units, under the statistics; flags head the section.
  if (e.kind === "cohort" || e.kind === "flag" || e.kind === "info" || e.kind === "grade")
    return false;
  return e.delta !== undefined && !e.delta.isZero();
}

/** A unit's 扣分说明 as rows: a grade forced by a clause joins that clause's row. */
export function breakdownRows(crs: CompiledRuleSet, o: UnitResult): BreakdownRow[] {
  const rows: BreakdownRow[] = [];
  const byRule = new Map<string, BreakdownRow>();
  for (const e of o.trace) {
    const facts = Object.entries(e.facts)
      .map(([f, v]) => `${crs.facts.get(f)?.label ?? f}=${v}`)
      .join(",");
    if (e.kind === "grade") {
      const said = describeEntry(e);
      const row = byRule.get(`${e.node}\u0000${e.rule}`);
      if (row) row.amount += `,${said.replace(/^本项/, "")}`;
      else
        rows.push({
          item: itemOf(crs, o, e),
          amount: said.replace(/^本项/, ""),
          detail: facts ? `(${facts})` : "",
          basis: basisOf(e),
        });
      continue;
    }
    if (!shown(e)) continue;
    const row: BreakdownRow = {
      item: itemOf(crs, o, e),
      amount: amountOf(crs, e),
      detail: `${describeEntry(e)}${facts ? `(${facts})` : ""}`,
      basis: basisOf(e),
    };
    rows.push(row);
    byRule.set(`${e.node}\u0000${e.rule}`, row);
  }
  return rows;
}

function excludedLines(crs: CompiledRuleSet, o: UnitResult): string[] {
  return o.excluded.map((x) => {
    const label = crs.facts.get(x.fact)?.label ?? x.fact;
    return x.period !== undefined && x.index < 0
      ? `${label}${x.period}的数据不在考核期${x.window}内`
      : `${label}第${x.index + 1}条(${x.date}${x.note ? `,${x.note}` : ""}${x.lapse ? `;按逾期日${x.lapse}计` : ""})不在考核期${x.window}内`;
  });
}

/** The items a unit lost points on (a deduction that stood), in the order they were applied. */
function deductedItems(crs: CompiledRuleSet, o: UnitResult): string[] {
  const items: string[] = [];
  for (const e of o.trace) {
    if (e.kind !== "deduct" || !e.delta?.isNegative()) continue;
    const item = itemOf(crs, o, e);
    if (!items.includes(item)) items.push(item);
  }
  return items;
}

/** Everything a 通报 shows, from a rule set and the cohort scored with it. */
export function tongbaoModel(crs: CompiledRuleSet, result: TongbaoCohort): TongbaoModel {
  const places = isRun(result) ? result.ranking : result.units;
  const full = crs.rescale ? crs.rescale.to : crs.points;
  const ranking: RankingRow[] = places.map((x) => ({
    rank: x.rank,
    unit: x.unit,
    category: categoryLabel(crs, x.category),
    categoryRank: x.categoryRank,
    score: x.score,
    grade: shownGrade(crs, x),
    notes: [
      ...x.flags,
      ...(x.gradeNote ? [x.gradeNote] : []),
      ...(x.converted ? [`折合${dstr(x.converted)}分`] : []),
    ],
    change: x.change ?? null,
    reasons: failureReasons(x.outcome),
  }));
  const units: UnitBreakdown[] = [];
  const deductions = new Map<string, number>();
  for (const x of isRun(result) ? result.units() : result.units) {
    const o = x.outcome;
    if (o.ok)
      for (const item of deductedItems(crs, o))
        deductions.set(item, (deductions.get(item) ?? 0) + 1);
    units.push({
      unit: x.unit,
      rank: x.rank,
      category: categoryLabel(crs, x.category),
      score: x.score,
      grade: shownGrade(crs, x),
      flags: x.flags,
      rows: o.ok ? breakdownRows(crs, o) : [],
      excluded: o.ok ? excludedLines(crs, o) : [],
      reasons: failureReasons(o),
      untraced: o.ok && o.trace.length === 0 && !o.total.equals(full),
    });
  }
  const scored = ranking.filter((r) => r.score !== null);
  // The rule set's grades in order, then 未定 when some scored unit has none.
  const ungraded = scored.filter((r) => r.grade === NO_GRADE).length;
  const grades = crs.grades
    ? [
        ...crs.grades.order.map((g) => ({
          grade: g,
          count: scored.filter((r) => r.grade === g).length,
        })),
        ...(ungraded ? [{ grade: NO_GRADE, count: ungraded }] : []),
      ]
    : null;
  const stats = result.statistics;
  return {
    assessment: crs.title,
    unit: crs.measures[0]?.unit ?? "分",
    full: full.isZero() ? null : full,
    ranking,
    statistics: stats.all,
    byCategory: Object.entries(stats.byCategory).map(([c, s]) => ({
      category: categoryLabel(crs, c) ?? c,
      stats: s,
    })),
    grades,
    ungraded: grades ? scored.filter((r) => r.grade === null).length : 0,
    unscored: ranking.length - scored.length,
    // Most units first; items with as many units keep the order they were first met in.
    deductions: [...deductions]
      .map(([item, n]) => ({ item, units: n }))
      .sort((a, b) => b.units - a.units),
    units,
    figures: result.figures.map(describeFigure),
    untraced: units.some((u) => u.untraced),
    hasPrevious: stats.all.previous !== undefined || places.some((x) => x.change !== undefined),
    basisNotes: [
      ...(crs.edition && !crs.edition.official ? [`分值:${crs.edition.title}(非官方分值)`] : []),
      ...crs.readings.map((r) => `解读:按「${r.title}」`),
    ],
  };
}
