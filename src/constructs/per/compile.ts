/**
 * C3/C5 per: an amount per occurrence (每处扣0.2分), capped per clause and per sub-unit or
 * person (一个单位最多扣0.5分).
 */

import type { CClause } from "../../compile/clause.js";
import {
  type ClauseKit,
  type ClauseOf,
  capWords,
  countOf,
  fail,
  found,
  onFact,
} from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { type Decimal, dmin, dstr, toDecimal, ZERO } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import type { PerEffect } from "./effect.js";

export function compilePer(cl: ClauseOf<"per">, kit: ClauseKit): CClause {
  const { base } = kit;
  const each = toDecimal(cl.each);
  const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
  const per = cl.perSubject
    ? { by: cl.perSubject.by ?? "subject", cap: toDecimal(cl.perSubject.cap) }
    : null;
  const { fact, kind } = cl;
  const unitWord = cl.noun ?? (per?.by === "person" ? "人" : "处");
  return onFact(base, fact, (v, rc) => {
    const explain = rc.explain;
    let raw: Decimal;
    if (Array.isArray(v) && per) {
      const groups = new Map<string, number>();
      for (const f of v) {
        if (kind !== undefined && f.kind !== kind) continue;
        const key = per.by === "person" ? f.person : f.subject;
        if (key === undefined)
          return fail(
            issue("F_FINDING_SUBJECT", ["facts", fact], { ...kit.named(fact), by: per.by }),
          );
        groups.set(key, (groups.get(key) ?? 0) + (f.count ?? 1));
      }
      if (groups.size === 0) return null;
      raw = ZERO;
      const subjects: NonNullable<PerEffect["subjects"]> = [];
      // Sorted so that the explanation does not depend on the order of the findings.
      const keys = explain ? [...groups.keys()].sort() : groups.keys();
      for (const key of keys) {
        const n = groups.get(key) as number;
        const sub = each.times(n);
        raw = raw.plus(dmin(sub, per.cap));
        if (explain)
          subjects.push({
            subject: key,
            count: n,
            raw: sub,
            ...(sub.greaterThan(per.cap) ? { cap: per.cap } : {}),
          });
      }
      if (raw.isZero()) return null;
      return found(raw, cap, explain, () => ({ type: "per", each, noun: unitWord, subjects }));
    }
    const n = Array.isArray(v) ? countOf(v, kind) : (v as Decimal).toNumber();
    if (n === 0) return null;
    raw = each.times(n);
    if (raw.isZero()) return null;
    const r = raw;
    return found(raw, cap, explain, () => ({
      type: "per",
      each,
      noun: unitWord,
      count: n,
      raw: r,
    }));
  });
}

/** The explanation of occurrences × an amount each, subject by subject when capped per subject. */
export function perWords(e: PerEffect, { verb, unit: u }: ClauseWords): string {
  return (
    (e.subjects
      ? e.subjects
          .map(
            (g) =>
              `${g.subject}:${g.count}${e.noun}×${dstr(e.each)}${u}=${dstr(g.raw)}${u}${g.cap ? `,以${dstr(g.cap)}${u}为限` : ""}`,
          )
          .join(";")
      : `${e.count}${e.noun}×${dstr(e.each)}${u}=${dstr(e.raw as Decimal)}${u}`) +
    capWords(e.cap, verb, u)
  );
}
