/**
 * T5 target: a series must reach a minimum in every month or quarter of the window (每月不少于1条);
 * or findings counted per period — rows of counts for a period (栏目 × 月) or dated findings — and,
 * per subject, every subject the fact declares in every period (每个栏目每月少于1条的,扣…).
 */

import type { CClause, CWindow, Outcome } from "../../compile/clause.js";
import {
  type ClauseKit,
  type ClauseOf,
  capWords,
  fail,
  found,
  onFact,
} from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { type Finding, findingIndex, findingTime, type Series } from "../../compile/values.js";
import { type Decimal, dstr, toDecimal, ZERO } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import { monthKey, periodRange, quarterKey } from "../../time/date.js";
import type { TargetEffect } from "./effect.js";

/** The subject of findings counted all together (no `perSubject`). */
const ALL = "";

/**
 * Findings counted per subject and period: a row's `count` (0 allowed) under its `period` (a month
 * row under a quarterly target counts in its quarter), or a dated finding under its date's period.
 */
function countPerPeriod(
  list: readonly Finding[],
  named: { fact: string; label?: string },
  quarterly: boolean,
  bySubject: boolean,
): Map<string, Map<string, Decimal>> | Outcome {
  const { fact } = named;
  const out = new Map<string, Map<string, Decimal>>();
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as Finding;
    const at = ["facts", fact, findingIndex(f, i)];
    let key: string;
    if (f.period !== undefined) {
      if (!quarterly && f.period.includes("Q"))
        return fail(
          issue("F_FACT_TYPE", [...at, "period"], {
            ...named,
            expected: "按月计数的期间 YYYY-MM",
            received: f.period,
          }),
        );
      key = quarterly ? quarterKey((periodRange(f.period) as { from: number }).from) : f.period;
    } else {
      const t = findingTime(f, "date");
      if (t === null)
        return fail(
          issue("F_FACT_TYPE", [...at, "period"], {
            ...named,
            expected: `期间 period(${quarterly ? "YYYY-Qn 或 YYYY-MM" : "YYYY-MM"})或日期 date`,
            received: "未填写",
          }),
        );
      const day = Math.floor(t / 1440);
      key = quarterly ? quarterKey(day) : monthKey(day);
    }
    const subject = bySubject ? f.subject : ALL;
    if (subject === undefined)
      return fail(issue("F_FINDING_SUBJECT", [...at], { ...named, by: "subject" }));
    let m = out.get(subject);
    if (!m) {
      m = new Map();
      out.set(subject, m);
    }
    m.set(key, (m.get(key) ?? ZERO).plus(f.count ?? 1));
  }
  return out;
}

export function compileTarget(cl: ClauseOf<"target">, kit: ClauseKit): CClause {
  const { base } = kit;
  const fact = cl.fact;
  const min = toDecimal(cl.min);
  const each = cl.each !== undefined ? toDecimal(cl.each) : null;
  const once = cl.amount !== undefined ? toDecimal(cl.amount) : null;
  const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
  const quarterly = cl.period === "quarter";
  const key = quarterly ? quarterKey : monthKey;
  const subjects = cl.perSubject ? (kit.subjects.get(fact) ?? []) : null;
  const subjectCap = cl.perSubject?.cap !== undefined ? toDecimal(cl.perSubject.cap) : null;
  const noun = cl.perSubject?.noun ?? "对象";
  // The periods a window covers, worked out once per window rather than once per unit.
  const periodCache = new Map<string, string[]>();
  const periodsOf = (w: CWindow): string[] => {
    const hit = periodCache.get(w.label);
    if (hit) return hit;
    const out: string[] = [];
    for (let d = w.from; d <= w.to; d++) {
      const k = key(d);
      if (out[out.length - 1] !== k) out.push(k);
    }
    periodCache.set(w.label, out);
    return out;
  };
  const word = quarterly ? "季度" : "月";
  /** The periods of `periods` below the minimum in one subject's counts. */
  const shortOf = (
    periods: readonly string[],
    counts: ReadonlyMap<string, Decimal> | undefined,
  ) => {
    const short: TargetEffect["short"] = [];
    for (const p of periods) {
      const x = counts?.get(p);
      if (!x || x.lessThan(min)) short.push(x ? { period: p, value: x } : { period: p });
    }
    return short;
  };
  return onFact(base, fact, (v, rc) => {
    const explain = rc.explain;
    if (!rc.window) return fail(issue("F_WINDOW_REQUIRED", ["facts", fact], { rule: cl.id }));
    const periods = periodsOf(rc.window);
    let table: ReadonlyMap<string, ReadonlyMap<string, Decimal>>;
    if (Array.isArray(v)) {
      const counted = countPerPeriod(v as Finding[], kit.named(fact), quarterly, subjects !== null);
      if (!(counted instanceof Map)) return counted;
      table = counted;
    } else {
      const series = v as Series;
      const wrongKind = [...series.keys()].find((k) => k.includes("Q") !== quarterly);
      if (wrongKind !== undefined)
        return fail(
          issue("F_FACT_TYPE", ["facts", fact, wrongKind], {
            ...kit.named(fact),
            expected: quarterly ? "按季度计的期间 YYYY-Qn" : "按月计的期间 YYYY-MM",
            received: wrongKind,
          }),
        );
      table = new Map([[ALL, series]]);
    }
    if (subjects === null) {
      const short = shortOf(periods, table.get(ALL));
      if (!short.length) return null;
      const raw = each ? each.times(short.length) : (once ?? ZERO);
      if (raw.isZero()) return null;
      return found(raw, cap, explain, () => ({
        type: "target",
        periods: periods.length,
        word,
        min,
        short,
        ...(each ? { each } : {}),
        raw,
      }));
    }
    // Every declared subject, in the order declared, every period: 每个栏目每月.
    const bySubject: NonNullable<TargetEffect["subjects"]> = [];
    let raw = ZERO;
    for (const s of subjects) {
      const short = shortOf(periods, table.get(s));
      if (!short.length) continue;
      const full = (each as Decimal).times(short.length);
      const amount = subjectCap && full.greaterThan(subjectCap) ? subjectCap : full;
      raw = raw.plus(amount);
      bySubject.push({
        subject: s,
        short,
        amount: full,
        ...(amount !== full ? { cap: subjectCap as Decimal } : {}),
      });
    }
    if (raw.isZero()) return null;
    return found(raw, cap, explain, () => ({
      type: "target",
      periods: periods.length,
      word,
      min,
      short: [],
      each: each as Decimal,
      raw,
      subjects: bySubject,
      noun,
      of: subjects.length,
    }));
  });
}

const periodList = (short: TargetEffect["short"]) =>
  short.map((x) => `${x.period}:${x.value ? dstr(x.value) : "无记录"}`).join(";");

/** The explanation of periods below the minimum, each listed with its value; per subject, each subject's. */
export function targetWords(e: TargetEffect, { verb, unit: u }: ClauseWords): string {
  const word = e.word;
  if (e.subjects) {
    const parts = e.subjects.map(
      (s) =>
        `${s.subject}${s.short.length}个${word}未达到(${periodList(s.short)}),${verb}${dstr(s.amount)}${u}${s.cap ? `,以${dstr(s.cap)}${u}为限` : ""}`,
    );
    return `考核期${e.periods}个${word}、${e.of}个${e.noun},每个${e.noun}每${word}不少于${dstr(e.min)}:${parts.join(";")};每个${e.noun}每${word}${verb}${dstr(e.each as Decimal)}${u},共${verb}${dstr(e.raw)}${u}${capWords(e.cap, verb, u)}`;
  }
  return `考核期${e.periods}个${word},${e.short.length}个${word}未达到${dstr(e.min)}(${periodList(e.short)})${e.each ? `,每个${word}${verb}${dstr(e.each)}${u}` : ""},${verb}${dstr(e.raw)}${u}${capWords(e.cap, verb, u)}`;
}
