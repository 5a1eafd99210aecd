import type { CohortResult } from "../cohort/types.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, dstr } from "../decimal.js";
import { formatIssue, type KaoheIssue } from "../errors/issue.js";
import type { TraceEntry, UnitOutcome } from "../evaluate/types.js";
import { describeEntry, describeFigure } from "./describe.js";

function refText(e: TraceEntry): string {
  if (!e.ref) return "";
  return `《${e.ref.title}》${e.ref.at ? ` ${e.ref.at}` : ""}`;
}

/**
 * Renders one unit's result as a Chinese 扣分说明: the total, then for every item that lost or
 * gained points, how much, why, and the source clause — the feedback a unit receives for 整改.
 */
export function renderExplanation(crs: CompiledRuleSet, o: UnitOutcome): string {
  const lines: string[] = [];
  if (!o.ok) {
    lines.push(`【${o.unit}】未能评分:`);
    // The heading names the unit; each line need not say it again.
    for (const i of o.issues)
      lines.push(`  - ${formatIssue(i.unit === o.unit ? withoutUnit(i) : i)}`);
    return lines.join("\n");
  }
  const unit = crs.measures[0]?.unit ?? "分";
  // A rescaled score (C17 rescale) is out of the full score it is stated on.
  const full = crs.rescale ? crs.rescale.to : crs.points;
  const head = [
    `【${o.unit}】${crs.title}`,
    // An open-ended points system (counted from 0) has no 满分 to show.
    full.isZero()
      ? `总分 ${dstr(o.total)}${unit}`
      : `总分 ${dstr(o.total)}${unit}(满分 ${dstr(full)}${unit})`,
  ];
  if (o.grade) head.push(`等次 ${o.grade}`);
  lines.push(head.join("  "));
  for (const m of crs.measures.slice(1)) {
    lines.push(`${m.label} ${dstr(o.measures[m.id] ?? crs.points.minus(crs.points))}${m.unit}`);
  }
  if (o.flags.length) lines.push(`标记:${o.flags.join("、")}`);
  if (crs.edition && !crs.edition.official) lines.push(`分值:${crs.edition.title}(非官方分值)`);
  for (const r of crs.readings) lines.push(`解读:${r.clause.id} 按「${r.title}」(${r.id})`);
  for (const x of o.excluded)
    lines.push(
      x.period !== undefined && x.index < 0
        ? `未计入:${crs.facts.get(x.fact)?.label ?? x.fact}${x.period}的数据不在考核期${x.window}内`
        : `未计入:${crs.facts.get(x.fact)?.label ?? x.fact}第${x.index + 1}条(${x.date}${x.note ? `,${x.note}` : ""}${x.lapse ? `;按逾期日${x.lapse}计` : ""})不在考核期${x.window}内`,
    );
  const unitOf = (m: string) => crs.measures.find((x) => x.id === m)?.unit ?? "";
  // Three kinds of entry, in three parts (issue 13: a clerk's 扣分说明 lists what cost or gave
  // points; a grade a clause set, and a figure computed over the cohort, are not deductions).
  const changes = o.trace.filter(
    (e) =>
      e.delta !== undefined ||
      e.kind === "not-applicable" ||
      e.kind === "gate" ||
      e.kind === "combine",
  );
  const grades = o.trace.filter((e) => e.kind === "grade");
  const cohort = o.trace.filter((e) => e.kind === "cohort" && e.delta === undefined);
  const factsOf = (e: TraceEntry) =>
    Object.entries(e.facts)
      .map(([f, v]) => `${crs.facts.get(f)?.label ?? f}=${v}`)
      .join(",");
  const itemOf = (e: TraceEntry) => {
    const where = e.node ? (o.nodes[e.node]?.title ?? e.node) : "";
    if (where) return `${e.node} ${where}`;
    if (e.kind === "rescale-total") return "总分";
    // An entry outside the tree names its item by the label a clerk knows, not by its id.
    return crs.facts.get(e.rule)?.label ?? e.rule;
  };
  // The number of the deduction line that already quoted a clause, so a grade set by the same
  // clause points to it instead of quoting it twice.
  const quoted = new Map<string, number>();
  if (!changes.length) lines.push("无扣分。");
  else lines.push("扣分说明:");
  let k = 0;
  for (const e of changes) {
    k++;
    const amount =
      e.kind === "not-applicable"
        ? "不适用"
        : e.kind === "rescale-total" && e.delta
          ? e.delta.isZero()
            ? "折算后不变"
            : `折算${e.delta.isNegative() ? "减少" : "增加"}${dstr(e.delta.abs())}${unitOf(e.measure)}`
          : e.kind === "given" && e.delta?.isZero()
            ? "满分"
            : e.delta
              ? e.delta.isNegative()
                ? `扣${dstr(e.delta.negated())}${unitOf(e.measure)}`
                : `${e.kind === "deduct-cap" ? "扣分封顶,退回" : e.kind === "round" ? "舍入" : e.kind === "rescale" ? "折算增加" : "加"}${dstr(e.delta)}${unitOf(e.measure)}`
              : e.kind === "gate"
                ? "评分环节"
                : e.kind === "combine"
                  ? e.effect?.type === "period"
                    ? "本期"
                    : e.effect?.type === "periods"
                      ? e.effect.mode === "sum"
                        ? "累计"
                        : "平均"
                      : "折算"
                  : "不适用";
    const facts = factsOf(e);
    lines.push(`${k}. ${itemOf(e)}:${amount}。${describeEntry(e)}${facts ? `(${facts})` : ""}`);
    if (e.text) {
      lines.push(`   依据[${e.rule}]${refText(e)}:“${e.text}”`);
      if (!quoted.has(e.rule)) quoted.set(e.rule, k);
    }
  }
  if (grades.length) {
    lines.push("等次说明:");
    for (const e of grades) {
      const facts = factsOf(e);
      lines.push(`- ${itemOf(e)}:${describeEntry(e)}${facts ? `(${facts})` : ""}`);
      const at = quoted.get(e.rule);
      if (at !== undefined) lines.push(`  依据同扣分说明第${at}条`);
      else if (e.text) lines.push(`  依据[${e.rule}]${refText(e)}:“${e.text}”`);
    }
  }
  if (cohort.length) {
    lines.push("全体计算:");
    for (const e of cohort) {
      const facts = factsOf(e);
      lines.push(`- ${describeEntry(e)}${facts ? `(本单位${facts})` : ""}`);
      if (e.text) lines.push(`  依据[${e.rule}]${refText(e)}:“${e.text}”`);
    }
  }
  return lines.join("\n");
}

/**
 * A rule set with grades but no band that catches every score (湖北 2009 only says when a unit is
 * 直接定为不合格) leaves the other units without a grade. The ranking's 等次 column says so — 未定,
 * with a note under the table — rather than stay blank or guess a grade the source does not state.
 */
export const NO_GRADE = "未定";

function hasGrades(crs: CompiledRuleSet): boolean {
  return crs.source.grades !== undefined;
}

/** A unit category as a clerk knows it: its label (26个城中区), else its id. */
function categoryLabel(crs: CompiledRuleSet, id: string): string {
  return crs.source.categories?.find((c) => c.id === id)?.label ?? id;
}

/** Renders a cohort's ranking, grades and statistics as a Chinese table (排名、等次、统计). */
export function renderRanking(crs: CompiledRuleSet, r: CohortResult): string {
  const lines: string[] = [`${crs.title} 排名`, "名次\t单位\t得分\t等次\t说明"];
  let ungraded = 0;
  for (const x of r.units) {
    if (x.score === null) {
      lines.push(
        `—\t${x.unit}\t未评分\t\t${x.outcome.ok ? "" : x.outcome.issues.map((i) => i.code).join("、")}`,
      );
      continue;
    }
    const notes = [
      ...(x.categoryRank !== null && x.category !== null
        ? [`${categoryLabel(crs, x.category)}中第${x.categoryRank}名`]
        : []),
      ...x.flags,
      ...(x.gradeNote ? [x.gradeNote] : []),
      ...(x.converted ? [`折合${dstr(x.converted)}分`] : []),
      ...(x.change
        ? [`比上次${x.change.scoreDelta.isNegative() ? "" : "+"}${dstr(x.change.scoreDelta)}分`]
        : []),
    ];
    const grade = x.grade ?? (hasGrades(crs) ? NO_GRADE : "");
    if (grade === NO_GRADE) ungraded++;
    lines.push(`${x.rank}\t${x.unit}\t${dstr(x.score)}\t${grade}\t${notes.join(";")}`);
  }
  if (ungraded) {
    lines.push(
      `注:等次“${NO_GRADE}”的${ungraded}个单位,没有条款或分数段为其定等次(本规则集未规定其余单位的等次)。`,
    );
  }
  const s = r.statistics.all;
  if (s.count) {
    const ch = s.previous?.change;
    // K3 against the previous run, in the 通报's words: 比上次提升6分, 增加6个, 持平.
    const moved = (d: number | Decimal | null | undefined, unit: string) => {
      if (d === null || d === undefined) return "";
      const n = typeof d === "number" ? d : d.toNumber();
      const size = typeof d === "number" ? String(Math.abs(d)) : dstr(d.abs());
      if (n === 0) return ",比上次持平";
      return unit === "分"
        ? `,比上次${n > 0 ? "提升" : "下降"}${size}分`
        : `,比上次${n > 0 ? "增加" : "减少"}${size}${unit}`;
    };
    const lines2 = s.atOrAbove.map(
      (x, i) => `${x.line}分以上(含)${x.count}个${moved(ch?.atOrAbove[i]?.count, "个")}`,
    );
    lines.push(
      `统计:共${s.count}个单位${moved(ch?.count, "个")},平均${dstr(s.mean as never)}分${moved(ch?.mean, "分")},中位数${dstr(s.median as never)}分,最高${dstr(s.max as never)}分,最低${dstr(s.min as never)}分${lines2.length ? `,${lines2.join(",")}` : ""}`,
    );
  }
  for (const f of r.figures) lines.push(`全体计算:${describeFigure(f)}`);
  for (const x of r.units) {
    if (!x.self) continue;
    if (x.self.total === null) {
      lines.push(
        `自查:${x.unit}的自查材料未能评分(${x.self.issues.map((i) => i.code).join("、")})`,
      );
      continue;
    }
    const diffs = x.self.differences.map(
      (d) => `${d.node} ${d.title} 自查${dstr(d.self)}分,核定${dstr(d.verified)}分`,
    );
    lines.push(
      `自查与核定:${x.unit}自查${dstr(x.self.total)}分,核定${dstr(x.score as never)}分${diffs.length ? `;${diffs.join(";")}` : ",各项一致"}`,
    );
  }
  return lines.join("\n");
}

function withoutUnit(i: KaoheIssue): KaoheIssue {
  const { unit: _unit, ...rest } = i;
  return rest;
}
