/**
 * A 整改 letter as data: what one unit is told — its score, rank and grade, each deduction with
 * its reason and source clause, and the fixes ranked by the points each would regain. Both the
 * HTML and the DOCX letter are rendered from it, so they say the same words.
 */
import type { CompiledRuleSet } from "../../compile/compile.js";
import { type Decimal, dstr } from "../../decimal.js";
import type { PartResult, TraceEntry, UnitResult } from "../../evaluate/types.js";
import { describeEntry } from "../../explain/describe.js";
import type { Fix, Standing, UnitFixes } from "./fixes.js";

/** One line of the deductions table. */
export interface LetterDeduction {
  /** 序号, from 1. */
  no: number;
  /** The item: its number and title (三.2 有效咨询投诉建议按时合格答复). */
  item: string;
  /** 扣1.5分, 扣分封顶,退回2分, 等次 不合格. */
  amount: string;
  /** Why, in the 通报's words, with the facts by their labels. */
  reason: string;
  /** The clause: its id and where it stands in the source document. */
  clause: string;
  /** The clause's 原文. */
  text: string;
}

/** One fix, ranked by the points it regains (largest first; not computable last). */
export interface LetterFix {
  /** 序号, from 1, in ranked order. */
  no: number;
  /** The item the fix concerns: its number and title. */
  item: string;
  /** The clause the finding group is counted by. */
  clause: string;
  /** What to correct, in words (事实名称由3改为0). */
  action: string;
  /** 若整改此项,可多得 X 分(名次 N→M). */
  outcome: string;
  /** The points regained as a decimal string, or null when not computable. */
  regained: string | null;
}

/**
 * One unit's 整改 letter as data, every field text a clerk reads: the unit's score, rank and
 * grade, its deductions with reasons and source clauses, and the fixes ranked by points regained.
 */
export interface Letter {
  /** The rule set's title. */
  title: string;
  /** The unit, as named in the facts. */
  unit: string;
  /** The category as a clerk knows it (its label), or null. */
  category: string | null;
  /** 93.4分(满分100分), or 未能评分. */
  score: string;
  /** 第3名(共4个单位);类别内 26个城中区中第1名. */
  rank: string;
  /** The grade, or null when the rule set gives none. */
  grade: string | null;
  /** Every deduction, in the order of the 扣分说明. */
  deductions: LetterDeduction[];
  /** The fixes, ranked. */
  fixes: LetterFix[];
  /** Notes to the reader: why a unit was not scored, how fixes were computed. */
  notes: string[];
  /** The letter's date as given (YYYY-MM-DD), or null. */
  date: string | null;
}

export interface LetterOptions {
  /** The date the letter bears (YYYY-MM-DD); none by default, so the bytes depend on nothing else. */
  date?: string;
}

const refText = (e: TraceEntry) =>
  e.ref ? `《${e.ref.title}》${e.ref.at ? ` ${e.ref.at}` : ""}` : "";

/** A category id as a clerk knows it. */
function categoryLabel(crs: CompiledRuleSet, id: string | null): string | null {
  if (id === null) return null;
  return crs.source.categories?.find((c) => c.id === id)?.label ?? id;
}

function measureUnit(crs: CompiledRuleSet, m: string): string {
  return crs.measures.find((x) => x.id === m)?.unit ?? "";
}

/** The trace entries a letter lists: every change of a score, and grades, zeroing, stopping. */
function listed(e: TraceEntry): boolean {
  if (e.delta !== undefined) return !e.delta.isZero();
  return e.kind === "grade" || e.kind === "zero" || e.kind === "stop" || e.kind === "fixed-total";
}

function amountOf(crs: CompiledRuleSet, e: TraceEntry): string {
  const u = measureUnit(crs, e.measure);
  if (e.delta === undefined) {
    const grade = e.effect?.type === "override" ? e.effect.grade : undefined;
    if (e.kind === "grade") return grade ? `定为${grade}` : "定等次";
    return e.kind === "stop" ? "停止评分" : e.kind === "zero" ? "不得分" : "定总分";
  }
  if (e.delta.isNegative()) return `扣${dstr(e.delta.negated())}${u}`;
  if (e.kind === "deduct-cap") return `扣分封顶,退回${dstr(e.delta)}${u}`;
  if (e.kind === "round") return `舍入${dstr(e.delta)}${u}`;
  return `加${dstr(e.delta)}${u}`;
}

function itemOf(o: { nodes: Record<string, { title: string }> }, e: TraceEntry): string {
  if (!e.node) return e.kind === "rescale-total" ? "总分" : e.rule;
  return `${e.node} ${o.nodes[e.node]?.title ?? ""}`.trim();
}

function rankText(crs: CompiledRuleSet, s: Standing, category: string | null): string {
  if (s.rank === null) return "未排名";
  const cat = categoryLabel(crs, category);
  return `第${s.rank}名(共${s.of}个单位)${s.categoryRank !== null && cat ? `;${cat}中第${s.categoryRank}名` : ""}`;
}

/** 若整改此项,可多得 X 分(名次 N→M), and what else changes. */
export function fixOutcome(before: Standing, f: Fix, unit = "分"): string {
  if (f.regained === null || f.after === null)
    return "无法计算:该项所依据的事实不能由本单位改正后重新评分(如由全体单位计算的事实),未列可多得分数";
  const r = f.regained;
  const rank =
    before.rank !== null && f.after.rank !== null
      ? before.rank === f.after.rank
        ? `名次不变,第${before.rank}名`
        : `名次${before.rank}→${f.after.rank}`
      : "";
  const b = before.grade;
  const a = f.after.grade;
  const grade =
    b === a ? "" : a === null ? `不再定为${b}` : b === null ? `等次定为${a}` : `等次${b}→${a}`;
  const tail = [rank, grade].filter(Boolean).join(",");
  const head = r.isZero()
    ? "若整改此项,得分不变"
    : r.isNegative()
      ? `若整改此项,得分反而减少 ${dstr(r.negated())} ${unit}`
      : `若整改此项,可多得 ${dstr(r)} ${unit}`;
  const capped =
    r.lessThan(f.group.deducted) && !r.isNegative()
      ? `。本项扣${dstr(f.group.deducted)}${unit},受扣分上限、权重折算等规则影响,整改后实得${dstr(r)}${unit}`
      : "";
  return `${head}${tail ? `(${tail})` : ""}${capped}`;
}

/**
 * The entries a letter lists: the unit's own, then those of the parts (集中, 日常…) and periods
 * it was combined from, each with the part's name (上半年考核·集中考核) and the result it belongs to.
 */
function entriesOf(o: UnitResult): { e: TraceEntry; part: string | null; result: UnitResult }[] {
  const out: { e: TraceEntry; part: string | null; result: UnitResult }[] = [];
  const add = (r: UnitResult, part: string | null) => {
    for (const e of r.trace) if (listed(e)) out.push({ e, part, result: r });
  };
  add(o, null);
  const walk = (parts: readonly PartResult[] | undefined, prefix: string | null) => {
    for (const p of parts ?? []) {
      const name = prefix ? `${prefix}·${p.label}` : p.label;
      if (p.result) add(p.result, name);
      walk(p.parts, name);
    }
  };
  walk(o.parts, null);
  for (const p of o.periods ?? []) add(p.result, p.label);
  return out;
}

/** The letter of one unit. */
export function letterOf(crs: CompiledRuleSet, uf: UnitFixes, opts: LetterOptions = {}): Letter {
  const o = uf.outcome;
  const category = categoryLabel(crs, uf.category);
  const unitWord = crs.measures[0]?.unit ?? "分";
  const full = crs.rescale ? crs.rescale.to : crs.points;
  const notes: string[] = [];
  const base = {
    title: crs.title,
    unit: uf.unit,
    category,
    grade: uf.before.grade,
    date: opts.date ?? null,
  };
  if (!o.ok) {
    for (const i of o.issues) notes.push(i.message);
    return {
      ...base,
      score: "未能评分",
      rank: "未排名",
      deductions: [],
      fixes: [],
      notes,
    };
  }
  const score = uf.before.score ?? o.total;
  const deductions: LetterDeduction[] = entriesOf(o).map(({ e, part, result }, i) => {
    const facts = Object.entries(e.facts)
      .map(([f, v]) => `${crs.facts.get(f)?.label ?? f}=${v}`)
      .join(",");
    return {
      no: i + 1,
      item: part ? `【${part}】${itemOf(result, e)}` : itemOf(result, e),
      amount: amountOf(crs, e),
      reason: `${describeEntry(e)}${facts ? `(${facts})` : ""}`,
      clause: `[${e.rule}]${refText(e)}`,
      text: e.text,
    };
  });
  const fixes: LetterFix[] = uf.fixes.map((f, i) => ({
    no: i + 1,
    item: f.group.node ? `${f.group.node} ${f.group.title}` : f.group.title,
    clause: f.group.rule,
    action: f.changes ? f.changes.map((c) => `${c.label}${c.words}`).join(";") : "—",
    outcome: fixOutcome(uf.before, f, unitWord),
    regained: f.regained === null ? null : dstr(f.regained),
  }));
  if (fixes.length)
    notes.push(
      "可多得分数按整改后重新评定全体单位得出(含扣分上限、舍入、全体计算、名次与等次),不是按扣分数估算;每项单独整改,各项所得不能简单相加。",
    );
  return {
    ...base,
    score: full.isZero()
      ? `${dstr(score as Decimal)}${unitWord}`
      : `${dstr(score as Decimal)}${unitWord}(满分${dstr(full)}${unitWord})`,
    rank: rankText(crs, uf.before, uf.category),
    deductions,
    fixes,
    notes,
  };
}
