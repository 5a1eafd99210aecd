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
import { type Finding, findingIndex, linkOf } from "../../compile/values.js";
import { type Decimal, dstr, toDecimal } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import type { TallyEffect } from "./effect.js";

/** One finding valued by the clause. */
interface Valued {
  kind: string;
  /** Priced by the finding it is about (`priceBy: linked`): that finding's kind. */
  on: string | undefined;
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
  /** The fact as a refusal names it (its label too). */
  named: { fact: string; label?: string };
  kinds: string[];
  amounts: Map<string, Decimal>;
  multipliers: { tag: string; factor: Decimal }[];
  additions: { tag: string; amount: Decimal }[];
  split: boolean;
  /** Priced by the linked finding's kind; only findings of `own` kinds (all when null). */
  linked: boolean;
  own: ReadonlySet<string> | null;
}

/** Where a finding's value is read from: its own kind, or the kind of the finding it is about. */
function priceKind(
  f: Finding,
  i: number,
  p: Prices,
): { kind: string; on: string | undefined; item: string | undefined } | Outcome | null {
  const kind = f.kind as string;
  if (!p.linked) return { kind, on: undefined, item: f.item };
  if (p.own && !p.own.has(kind)) return null;
  const to = linkOf(f);
  if (!to)
    return fail(
      issue("F_FACT_TYPE", ["facts", p.fact, findingIndex(f, i), "of"], {
        ...p.named,
        expected: "它所涉及的那一条的编号 of",
        received: f.of === undefined ? "未填写" : `of: ${f.of}`,
      }),
    );
  // A finding about another is about that one's item: its item, or the finding itself.
  const item = to.item ?? (to.id !== undefined ? `编号 ${to.id}` : undefined);
  return { kind, on: to.kind, item };
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
          ...p.named,
          expected: `类别 kind(${p.kinds.join("、")}等)`,
          received: "未填写",
        }),
      );
    // A row that counts none (a period's 0) adds nothing, and is no item of its own.
    if (f.count === 0) continue;
    const by = priceKind(f, i, p);
    if (by === null) continue;
    if (!("kind" in by)) return by;
    const amt = p.amounts.get(by.on ?? by.kind);
    if (!amt) continue;
    let value = amt;
    const notes: string[] = [];
    // Multiply, then add (另加): a tag's addition is never multiplied by another tag's factor.
    for (const m of p.multipliers)
      if (f.tags?.includes(m.tag)) {
        value = value.times(m.factor);
        if (explain) notes.push(`${m.tag}×${dstr(m.factor)}`);
      }
    for (const a of p.additions)
      if (f.tags?.includes(a.tag)) {
        value = value.plus(a.amount);
        if (explain) notes.push(`${a.tag}另加${dstr(a.amount)}`);
      }
    const num = value;
    let den = 1;
    if (p.split && f.shares !== undefined && f.shares > 1) {
      den = f.shares;
      value = shareOf(value, den);
      if (explain) notes.push(`${f.shares}家合报均分`);
    }
    valued.push({
      kind: by.kind,
      on: by.on,
      num,
      den,
      value,
      n: f.count ?? 1,
      item: by.item,
      note: notes.join(","),
    });
  }
  return valued;
}

/** 按最高级别计分: findings of one item count once, at their highest value. */
function highestPerItem(valued: readonly Valued[], kinds: readonly string[]): Valued[] {
  // The kind the rule lists first; between findings priced alike, the own kind in text order.
  const rank = (x: Valued) => kinds.indexOf(x.on ?? x.kind);
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
      (x.value.equals(cur.value) &&
        (rank(x) < rank(cur) || (rank(x) === rank(cur) && x.kind < cur.kind)))
    )
      best.set(x.item, { ...x, n: 1 });
  }
  return [...singles, ...best.values()];
}

/** Per kind, in the order the rule lists them: its count, price, sum and notes. */
function byKind(chosen: readonly Valued[], p: Prices): TallyEffect["kinds"] {
  type Group = {
    kind: string;
    on: string | undefined;
    n: number;
    notes: Set<string>;
    of: Valued[];
  };
  const groups = new Map<string, Group>();
  for (const x of chosen) {
    const key = `${x.on ?? x.kind}\u0000${x.kind}`;
    const g = groups.get(key) ?? { kind: x.kind, on: x.on, n: 0, notes: new Set<string>(), of: [] };
    g.n += x.n;
    g.of.push(x);
    if (x.note) g.notes.add(x.note);
    groups.set(key, g);
  }
  // In the order the rule lists its prices; findings of several own kinds priced alike, by kind.
  const price = (g: Group) => g.on ?? g.kind;
  return [...groups.values()]
    .sort(
      (a, b) =>
        p.kinds.indexOf(price(a)) - p.kinds.indexOf(price(b)) ||
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
    )
    .map((g) => ({
      kind: g.kind,
      ...(g.on !== undefined ? { on: g.on } : {}),
      count: g.n,
      price: p.amounts.get(price(g)) as Decimal,
      sum: sumOfShares(g.of),
      notes: [...g.notes].sort(),
    }));
}

/** The explanation of findings priced by kind. */
export function tallyWords(e: TallyEffect, { unit }: ClauseWords): string {
  const kinds = e.kinds
    .map((g) => {
      const extra = g.notes.length ? `(含${g.notes.join(";")})` : "";
      return `${g.on !== undefined ? `对${g.on}的` : ""}${g.kind}${g.count}${e.noun}×${dstr(g.price)}${unit}${extra}=${dstr(g.sum)}${unit}`;
    })
    .join(";");
  return `${kinds}${e.highestOnly ? `;同一信息按最高级别计${unit ? "分" : ""}` : ""}${e.cap ? `;本条最多${dstr(e.cap)}${unit}` : ""}`;
}

export function compileTally(cl: ClauseOf<"tally">, kit: ClauseKit): CClause {
  const { base } = kit;
  const kinds = Object.keys(cl.amounts);
  const p: Prices = {
    fact: cl.fact,
    named: kit.named(cl.fact),
    kinds,
    amounts: new Map(kinds.map((k) => [k, toDecimal(cl.amounts[k] as number | string)])),
    multipliers: (cl.multipliers ?? []).map((m) => ({ tag: m.tag, factor: toDecimal(m.factor) })),
    additions: (cl.additions ?? []).map((a) => ({ tag: a.tag, amount: toDecimal(a.amount) })),
    split: cl.split === "shares",
    linked: cl.priceBy === "linked",
    own: cl.kinds ? new Set(cl.kinds) : null,
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
