/**
 * C11/C12 tally: findings priced by their kind (每篇…分), times the multipliers of their tags (转报),
 * split in shares (合报信息的分数均分), counted once per item at the highest kind when the rule
 * says so (按最高级别计分), and capped.
 */

import type { CClause, Outcome } from "../../compile/clause.js";
import {
  type ClauseKit,
  type ClauseOf,
  fail,
  found,
  onFact,
  shareOf,
  sumOfShares,
} from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { type Finding, findingIndex } from "../../compile/values.js";
import { type Decimal, dstr, toDecimal } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import type { TallyEffect } from "./effect.js";

/** One finding valued by the clause. */
interface Valued {
  kind: string;
  /** The value before the split (amount × multipliers) and the shares it is split in. */
  num: Decimal;
  den: number;
  value: Decimal;
  n: number;
  item: string | undefined;
  note: string;
}

/** The clause's prices, prepared once. */
interface Prices {
  fact: string;
  kinds: string[];
  amounts: Map<string, Decimal>;
  multipliers: { tag: string; factor: Decimal }[];
  split: boolean;
}

/**
 * The value of each finding: its kind's amount, times its multipliers, over its shares. Findings
 * of kinds the clause gives no amount for are counted by another clause, or by none.
 */
function valueFindings(list: readonly Finding[], p: Prices, explain: boolean): Valued[] | Outcome {
  const valued: Valued[] = [];
  for (let i = 0; i < list.length; i++) {
    const f = list[i] as Finding;
    if (f.kind === undefined)
      return fail(
        issue("F_FACT_TYPE", ["facts", p.fact, findingIndex(f, i), "kind"], {
          fact: p.fact,
          expected: `a kind (${p.kinds.join(", ")}, …)`,
          received: "none",
        }),
      );
    const amt = p.amounts.get(f.kind);
    if (!amt) continue;
    let value = amt;
    const notes: string[] = [];
    for (const m of p.multipliers)
      if (f.tags?.includes(m.tag)) {
        value = value.times(m.factor);
        if (explain) notes.push(`${m.tag}×${dstr(m.factor)}`);
      }
    const num = value;
    let den = 1;
    if (p.split && f.shares !== undefined && f.shares > 1) {
      den = f.shares;
      value = shareOf(value, den);
      if (explain) notes.push(`${f.shares}家合报均分`);
    }
    valued.push({
      kind: f.kind,
      num,
      den,
      value,
      n: f.count ?? 1,
      item: f.item,
      note: notes.join(","),
    });
  }
  return valued;
}

/** 按最高级别计分: findings of one item count once, at their highest value. */
function highestPerItem(valued: readonly Valued[], kinds: readonly string[]): Valued[] {
  const best = new Map<string, Valued>();
  const singles: Valued[] = [];
  for (const x of valued) {
    if (x.item === undefined) {
      // A finding with no item is its own item: each of its `count` occurrences counts.
      singles.push(x);
      continue;
    }
    const cur = best.get(x.item);
    // On equal values the kind the rule lists first wins, so that the finding order of the
    // input never changes the explanation.
    if (
      !cur ||
      x.value.greaterThan(cur.value) ||
      (x.value.equals(cur.value) && kinds.indexOf(x.kind) < kinds.indexOf(cur.kind))
    )
      best.set(x.item, { ...x, n: 1 });
  }
  return [...singles, ...best.values()];
}

/** Per kind, in the order the rule lists them: its count, price, sum and notes. */
function byKind(chosen: readonly Valued[], p: Prices): TallyEffect["kinds"] {
  const groups = new Map<string, { n: number; notes: Set<string>; of: Valued[] }>();
  for (const x of chosen) {
    const g = groups.get(x.kind) ?? { n: 0, notes: new Set<string>(), of: [] };
    g.n += x.n;
    g.of.push(x);
    if (x.note) g.notes.add(x.note);
    groups.set(x.kind, g);
  }
  return p.kinds
    .filter((k) => groups.has(k))
    .map((k) => {
      const g = groups.get(k) as { n: number; notes: Set<string>; of: Valued[] };
      return {
        kind: k,
        count: g.n,
        price: p.amounts.get(k) as Decimal,
        sum: sumOfShares(g.of),
        notes: [...g.notes].sort(),
      };
    });
}

/** The explanation of findings priced by kind. */
export function tallyWords(e: TallyEffect, { unit }: ClauseWords): string {
  const kinds = e.kinds
    .map((g) => {
      const extra = g.notes.length ? `(含${g.notes.join(";")})` : "";
      return `${g.kind}${g.count}${e.noun}×${dstr(g.price)}${unit}${extra}=${dstr(g.sum)}${unit}`;
    })
    .join(";");
  return `${kinds}${e.highestOnly ? `;同一信息按最高级别计${unit ? "分" : ""}` : ""}${e.cap ? `;本条最多${dstr(e.cap)}${unit}` : ""}`;
}

export function compileTally(cl: ClauseOf<"tally">, kit: ClauseKit): CClause {
  const { base } = kit;
  const kinds = Object.keys(cl.amounts);
  const p: Prices = {
    fact: cl.fact,
    kinds,
    amounts: new Map(kinds.map((k) => [k, toDecimal(cl.amounts[k] as number | string)])),
    multipliers: (cl.multipliers ?? []).map((m) => ({ tag: m.tag, factor: toDecimal(m.factor) })),
    split: cl.split === "shares",
  };
  const highest = cl.repeat === "highest";
  const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
  const noun = cl.noun ?? "条";
  return onFact(base, p.fact, (v, rc) => {
    const explain = rc.explain;
    const valued = valueFindings(v as Finding[], p, explain);
    if (!Array.isArray(valued)) return valued;
    const chosen = highest ? highestPerItem(valued, kinds) : valued;
    const total = sumOfShares(chosen);
    if (total.isZero()) return null;
    return found(total, cap, explain, () => ({
      type: "tally",
      noun,
      kinds: byKind(chosen, p),
      highestOnly: highest && chosen.length < valued.length,
    }));
  });
}
