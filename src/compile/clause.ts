import { type Decimal, dmin, dstr, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { NA } from "../evaluate/facts.js";
import type { Finding } from "../evaluate/types.js";
import type { ClauseInput } from "../schema/ruleset.js";
import { conditionFacts } from "../schema/walk.js";
import { type CompiledCondition, compileCondition, type FactEnv } from "./condition.js";

/** The effects of an override clause beyond its amount. */
export interface OverrideEffect {
  grade?: string;
  gradeScope: "unit" | "node";
  total?: Decimal;
  zero?: readonly string[];
  stop: boolean;
  flag?: string;
}

/** What a clause did for one unit. */
export interface Outcome {
  /** The amount after the clause's own caps (always ≥ 0; `effect` says its sign). */
  amount: Decimal;
  /** A short Chinese account of the arithmetic. */
  detail: string;
  /** Set when the clause did not apply because a fact it reads is not applicable. */
  na?: boolean;
  override?: OverrideEffect;
  error?: KaoheIssue;
}

/** A clause compiled for one category: constants parsed, conditions turned into closures. */
export interface CClause {
  id: string;
  type: ClauseInput["type"];
  effect: "deduct" | "add";
  measure: string;
  text: string;
  ref: { doc: string; at?: string };
  /** The facts the clause reads, for its explanation. */
  facts: readonly string[];
  /** Runs the clause; with `explain` false, the detail text is left empty (bulk scoring). */
  run(env: FactEnv, explain: boolean): Outcome | null;
}

const NOT_APPLICABLE: Outcome = { amount: ZERO, detail: "所需事实不适用,本条不计", na: true };

function countOf(list: Finding[], kind: string | undefined): number {
  let n = 0;
  for (const f of list) if (kind === undefined || f.kind === kind) n += f.count ?? 1;
  return n;
}

/** Compiles one clause. `nodePoints` is the points of the node it sits in, for this category. */
export function compileClause(
  cl: ClauseInput,
  nodePoints: Decimal | null,
  pointsMeasure: string,
): CClause {
  const verb = cl.effect === "add" ? "加" : "扣";
  const facts = clauseFacts(cl);
  const base = {
    id: cl.id,
    type: cl.type,
    effect: cl.effect ?? "deduct",
    measure: cl.measure ?? pointsMeasure,
    text: cl.text,
    ref: cl.ref,
    facts,
  } as const;
  const cond = (c: Parameters<typeof compileCondition>[0]): CompiledCondition =>
    compileCondition(c);
  switch (cl.type) {
    case "check": {
      const when = cond(cl.when);
      const pts = cl.points !== undefined ? toDecimal(cl.points) : (nodePoints ?? ZERO);
      const detail = `未达到要求,${verb}${dstr(pts)}分`;
      return {
        ...base,
        run(env) {
          const r = when(env);
          if (r === NA) return NOT_APPLICABLE;
          return r ? null : { amount: pts, detail };
        },
      };
    }
    case "fixed": {
      const when = cond(cl.when);
      const amount = toDecimal(cl.amount);
      const detail = `情形成立,${verb}${dstr(amount)}分`;
      return {
        ...base,
        run(env) {
          const r = when(env);
          if (r === NA) return NOT_APPLICABLE;
          return r ? { amount, detail } : null;
        },
      };
    }
    case "per": {
      const each = toDecimal(cl.each);
      const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
      const per = cl.perSubject
        ? { by: cl.perSubject.by ?? "subject", cap: toDecimal(cl.perSubject.cap) }
        : null;
      const { fact, kind } = cl;
      const unitWord = cl.noun ?? (per?.by === "person" ? "人" : "处");
      return {
        ...base,
        run(env, explain) {
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          let raw: Decimal;
          let detail: string;
          if (Array.isArray(v) && per) {
            const groups = new Map<string, number>();
            for (const f of v) {
              if (kind !== undefined && f.kind !== kind) continue;
              const key = per.by === "person" ? f.person : f.subject;
              if (key === undefined)
                return {
                  amount: ZERO,
                  detail: "",
                  error: issue("F_FINDING_SUBJECT", ["facts", fact], { fact, by: per.by }),
                };
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
                  `${key}:${n}${unitWord}×${dstr(each)}分=${dstr(sub)}分${sub.greaterThan(per.cap) ? `,以${dstr(per.cap)}分为限` : ""}`,
                );
            }
            detail = parts.join(";");
          } else {
            const n = Array.isArray(v) ? countOf(v, kind) : (v as Decimal).toNumber();
            if (n === 0) return null;
            raw = each.times(n);
            detail = explain ? `${n}${unitWord}×${dstr(each)}分=${dstr(raw)}分` : "";
          }
          if (cap && raw.greaterThan(cap)) {
            return {
              amount: cap,
              detail: explain ? `${detail};本条${verb}满${dstr(cap)}分为止` : "",
            };
          }
          return raw.isZero() ? null : { amount: raw, detail };
        },
      };
    }
    case "step": {
      const bands = (
        cl.bands ?? [{ below: cl.below ?? 0, per: cl.per ?? 1, each: cl.each ?? 0 }]
      ).map((b) => ({ below: toDecimal(b.below), per: toDecimal(b.per), each: toDecimal(b.each) }));
      const mode = cl.bandMode ?? "marginal";
      const partial = cl.partial;
      const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
      const fact = cl.fact;
      const steps = (x: Decimal): Decimal =>
        partial === "floor" ? x.floor() : partial === "ceil" ? x.ceil() : x;
      const partialWord = { floor: "不足一档不计", ceil: "不足一档按一档计", prorata: "按比例计" }[
        partial
      ];
      return {
        ...base,
        run(env, explain) {
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          const rate = v as Decimal;
          let raw = ZERO;
          const parts: string[] = [];
          if (mode === "marginal") {
            bands.forEach((b, i) => {
              if (!rate.lessThan(b.below)) return;
              const floorOfBand = bands[i + 1]?.below ?? ZERO;
              const bottom = rate.greaterThan(floorOfBand) ? rate : floorOfBand;
              const short = b.below.minus(bottom);
              const n = steps(short.dividedBy(b.per));
              const amt = n.times(b.each);
              raw = raw.plus(amt);
              if (explain)
                parts.push(
                  `低于${dstr(b.below)}%的${dstr(short)}个百分点,每${dstr(b.per)}个百分点${verb}${dstr(b.each)}分(${partialWord}),计${dstr(n)}档,${verb}${dstr(amt)}分`,
                );
            });
          } else {
            const top = bands[0]?.below ?? ZERO;
            let lowest: (typeof bands)[number] | undefined;
            for (const b of bands) if (rate.lessThan(b.below)) lowest = b;
            if (lowest) {
              const short = top.minus(rate);
              const n = steps(short.dividedBy(lowest.per));
              raw = n.times(lowest.each);
              if (explain)
                parts.push(
                  `低于${dstr(top)}%共${dstr(short)}个百分点,按低于${dstr(lowest.below)}%档每${dstr(lowest.per)}个百分点${verb}${dstr(lowest.each)}分(${partialWord}),计${dstr(n)}档,${verb}${dstr(raw)}分`,
                );
            }
          }
          if (raw.isZero()) return null;
          const detail = explain ? `比率${dstr(rate)}%:${parts.join(";")}` : "";
          if (cap && raw.greaterThan(cap))
            return {
              amount: cap,
              detail: explain ? `${detail};本条${verb}满${dstr(cap)}分为止` : "",
            };
          return { amount: raw, detail };
        },
      };
    }
    case "range": {
      const min = toDecimal(cl.min);
      const max = toDecimal(cl.max);
      const fact = cl.fact;
      return {
        ...base,
        run(env) {
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          const amt = v as Decimal;
          if (amt.isZero()) return null;
          if (amt.lessThan(min) || amt.greaterThan(max))
            return {
              amount: ZERO,
              detail: "",
              error: issue("F_DISCRETION_RANGE", ["facts", fact], {
                fact,
                value: dstr(amt),
                min: dstr(min),
                max: dstr(max),
              }),
            };
          return {
            amount: amt,
            detail: `在${dstr(min)}-${dstr(max)}分内酌情${verb}${dstr(amt)}分`,
          };
        },
      };
    }
    case "override": {
      const when = cond(cl.when);
      const amount = cl.amount !== undefined ? toDecimal(cl.amount) : ZERO;
      const effect: OverrideEffect = {
        gradeScope: cl.gradeScope ?? "unit",
        stop: cl.stop === true,
        ...(cl.grade !== undefined ? { grade: cl.grade } : {}),
        ...(cl.total !== undefined ? { total: toDecimal(cl.total) } : {}),
        ...(cl.zero !== undefined ? { zero: cl.zero } : {}),
        ...(cl.flag !== undefined ? { flag: cl.flag } : {}),
      };
      const words: string[] = [];
      if (effect.grade) words.push(`直接定为${effect.grade}`);
      if (effect.total) words.push(`总分记为${dstr(effect.total)}分`);
      if (effect.zero) words.push(`${effect.zero.join("、")}不得分`);
      if (effect.stop) words.push("其他项目不再评分");
      if (effect.flag) words.push(`标记:${effect.flag}`);
      if (!amount.isZero()) words.push(`${verb}${dstr(amount)}分`);
      const detail = words.join(",");
      return {
        ...base,
        run(env) {
          const r = when(env);
          if (r === NA) return NOT_APPLICABLE;
          return r ? { amount, detail, override: effect } : null;
        },
      };
    }
  }
}

function clauseFacts(cl: ClauseInput): string[] {
  if ("fact" in cl) return [cl.fact];
  if ("when" in cl) return [...new Set(conditionFacts(cl.when, []).map((u) => u.fact))];
  return [];
}
