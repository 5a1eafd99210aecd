/**
 * T5 target: a series must reach a minimum in every month or quarter of the window (每月不少于1条).
 */

import type { CClause, CWindow } from "../../compile/clause.js";
import {
  type ClauseKit,
  type ClauseOf,
  capWords,
  fail,
  found,
  onFact,
} from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import type { Series } from "../../compile/values.js";
import { dstr, toDecimal, ZERO } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import { monthKey, quarterKey } from "../../time/date.js";
import type { TargetEffect } from "./effect.js";

export function compileTarget(cl: ClauseOf<"target">, kit: ClauseKit): CClause {
  const { base } = kit;
  const fact = cl.fact;
  const min = toDecimal(cl.min);
  const each = cl.each !== undefined ? toDecimal(cl.each) : null;
  const once = cl.amount !== undefined ? toDecimal(cl.amount) : null;
  const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
  const key = cl.period === "month" ? monthKey : quarterKey;
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
  const word = cl.period === "month" ? "月" : "季度";
  return onFact(base, fact, (v, rc) => {
    const explain = rc.explain;
    if (!rc.window) return fail(issue("F_WINDOW_REQUIRED", ["facts", fact], { rule: cl.id }));
    const series = v as Series;
    const wrongKind = [...series.keys()].find((k) => k.includes("Q") !== (cl.period === "quarter"));
    if (wrongKind !== undefined)
      return fail(
        issue("F_FACT_TYPE", ["facts", fact, wrongKind], {
          fact,
          expected: cl.period === "month" ? "months YYYY-MM" : "quarters YYYY-Qn",
          received: wrongKind,
        }),
      );
    const periods = periodsOf(rc.window);
    const short: TargetEffect["short"] = [];
    for (const p of periods) {
      const x = series.get(p);
      if (!x || x.lessThan(min)) short.push(x ? { period: p, value: x } : { period: p });
    }
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
  });
}

/** The explanation of periods below the minimum, each listed with its value. */
export function targetWords(e: TargetEffect, { verb, unit: u }: ClauseWords): string {
  const word = e.word;
  return `考核期${e.periods}个${word},${e.short.length}个${word}未达到${dstr(e.min)}(${e.short.map((x) => `${x.period}:${x.value ? dstr(x.value) : "无记录"}`).join(";")})${e.each ? `,每个${word}${verb}${dstr(e.each)}${u}` : ""},${verb}${dstr(e.raw)}${u}${capWords(e.cap, verb, u)}`;
}
