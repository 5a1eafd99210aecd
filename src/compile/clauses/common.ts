/**
 * What every clause compiler shares: the compile kit, outcomes for "not applicable" and for a
 * unit the clause cannot judge, a clause's own cap (扣完…为止), counting findings, and exact sums
 * of findings split in shares.
 */
import { type Decimal, dstr, roundTo, ZERO } from "../../decimal.js";
import type { KaoheIssue } from "../../errors/issue.js";
import type { ClauseInput } from "../../schema/ruleset.js";
import type { CClause, Outcome, RunContext } from "../clause.js";
import type { CompiledCondition, FactEnv } from "../condition.js";
import { type FactValue, type Finding, NA } from "../values.js";
import type { ClauseEffect } from "./effects.js";

/** The clause input of one type. */
export type ClauseOf<T extends ClauseInput["type"]> = Extract<ClauseInput, { type: T }>;

/** What a clause compiler is given besides its clause. */
export interface ClauseKit {
  /** The fields every compiled clause carries (id, effect, measure, text, ref, facts, window). */
  base: Omit<CClause, "run">;
  /** The unit of the clause's measure (分, 元…), where the order of an explanation's parts depends on it. */
  u: string;
  /** The points of the node the clause sits in, for this category, or null outside the tree. */
  nodePoints: Decimal | null;
  /** The subjects (栏目) each findings fact declares, for clauses that count every one of them. */
  subjects: ReadonlyMap<string, readonly string[]>;
  /**
   * A fact as a refusal names it: its id and, where the rule set gives one, its label (the words
   * a clerk knows it by; the message then reads 事实「label」(id)).
   */
  named(fact: string): { fact: string; label?: string };
}

export const NOT_APPLICABLE: Outcome = { amount: ZERO, na: true };

/** The explanation of a clause that did not apply for want of a fact (its entry has no effect). */
export const NOT_APPLICABLE_WORDS = "所需事实不适用,本条不计";

/** The outcome of a clause that cannot judge a unit's facts: the unit is reported, not scored. */
export const fail = (error: KaoheIssue): Outcome => ({ amount: ZERO, error });

/** The words a clause's own cap adds to its explanation when it bit (本条扣满3分为止). */
export function capWords(cap: Decimal | undefined, verb: string, unit: string): string {
  return cap ? `;本条${verb}满${dstr(cap)}${unit}为止` : "";
}

/**
 * The outcome of a clause that found something: its amount after its own cap and, when the trace
 * is wanted, its effect as data (explain/ renders its words when output is made).
 */
export function found<E extends ClauseEffect & { cap?: Decimal }>(
  raw: Decimal,
  cap: Decimal | null,
  explain: boolean,
  effect: () => E,
): Outcome {
  // The clause's own cap (扣完…为止).
  const bit = cap !== null && raw.greaterThan(cap);
  const amount = bit ? cap : raw;
  if (!explain) return { amount };
  const e = effect();
  if (bit) e.cap = cap;
  return { amount, effect: e };
}

export function countOf(list: Finding[], kind: string | undefined): number {
  let n = 0;
  for (const f of list) if (kind === undefined || f.kind === kind) n += f.count ?? 1;
  return n;
}

/**
 * The places a share of a split value is kept to (合报信息的分数均分: 1 ÷ 3). A third cannot be
 * held exactly; kept to 20 places, every later sum of shares is exact, so no total depends on the
 * order it was added in. Far below any score's places.
 */
export const SHARE_PLACES = 20;

/** num ÷ den, to SHARE_PLACES places (half-even). */
export function shareOf(num: Decimal, den: number): Decimal {
  return roundTo(num.dividedBy(den), SHARE_PLACES, "half-even");
}

/**
 * Σ num × n / den over findings split in shares, independent of their order: the numerators of
 * equal shares are added exactly, and each share count divides once (to SHARE_PLACES places).
 * Adding ⅓ + ⅓ + ⅓ + 10 one by one gave 10.99…9 in one order and 11 in another.
 */
export function sumOfShares(xs: readonly { num: Decimal; den: number; n: number }[]): Decimal {
  const byDen = new Map<number, Decimal>();
  for (const x of xs) byDen.set(x.den, (byDen.get(x.den) ?? ZERO).plus(x.num.times(x.n)));
  let total = ZERO;
  for (const [den, sum] of byDen) total = total.plus(den === 1 ? sum : shareOf(sum, den));
  return total;
}

/**
 * A clause decided by a condition: `onTrue` when it holds, `onFalse` when it does not (each an
 * outcome, or null for nothing found), not applicable when the condition reads a fact that is not.
 */
export function onCondition(
  base: Omit<CClause, "run">,
  when: CompiledCondition,
  onTrue: Outcome | null,
  onFalse: Outcome | null,
): CClause {
  return {
    ...base,
    run(env) {
      const r = when(env);
      if (r === NA) return NOT_APPLICABLE;
      return r ? onTrue : onFalse;
    },
  };
}

/**
 * A clause that reads one fact: not applicable when that fact is (or is absent); otherwise
 * `judge` decides from its value.
 */
export function onFact(
  base: Omit<CClause, "run">,
  fact: string,
  judge: (v: FactValue, rc: RunContext, env: FactEnv) => Outcome | null,
): CClause {
  return {
    ...base,
    run(env, rc) {
      const v = env.get(fact);
      if (v === NA || v === undefined) return NOT_APPLICABLE;
      return judge(v, rc, env);
    },
  };
}
