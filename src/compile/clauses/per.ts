/**
 * C3/C5 per: an amount per occurrence (每处扣0.2分), capped per clause and per sub-unit or
 * person (一个单位最多扣0.5分).
 */
import { type Decimal, dmin, dstr, toDecimal, ZERO } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import type { CClause } from "../clause.js";
import { type ClauseKit, type ClauseOf, capAt, countOf, fail, onFact } from "./common.js";

export function compilePer(cl: ClauseOf<"per">, kit: ClauseKit): CClause {
  const { base, verb, u } = kit;
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
    let detail: string;
    if (Array.isArray(v) && per) {
      const groups = new Map<string, number>();
      for (const f of v) {
        if (kind !== undefined && f.kind !== kind) continue;
        const key = per.by === "person" ? f.person : f.subject;
        if (key === undefined)
          return fail(issue("F_FINDING_SUBJECT", ["facts", fact], { fact, by: per.by }));
        groups.set(key, (groups.get(key) ?? 0) + (f.count ?? 1));
      }
      if (groups.size === 0) return null;
      raw = ZERO;
      const parts: string[] = [];
      // Sorted so that the explanation does not depend on the order of the findings.
      const keys = explain ? [...groups.keys()].sort() : groups.keys();
      for (const key of keys) {
        const n = groups.get(key) as number;
        const sub = each.times(n);
        const got = dmin(sub, per.cap);
        raw = raw.plus(got);
        if (explain)
          parts.push(
            `${key}:${n}${unitWord}×${dstr(each)}${u}=${dstr(sub)}${u}${sub.greaterThan(per.cap) ? `,以${dstr(per.cap)}${u}为限` : ""}`,
          );
      }
      detail = parts.join(";");
    } else {
      const n = Array.isArray(v) ? countOf(v, kind) : (v as Decimal).toNumber();
      if (n === 0) return null;
      raw = each.times(n);
      detail = explain ? `${n}${unitWord}×${dstr(each)}${u}=${dstr(raw)}${u}` : "";
    }
    return raw.isZero() ? null : capAt(raw, cap, detail, explain, verb, u);
  });
}
