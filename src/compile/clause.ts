import { type Decimal, dmin, dstr, roundTo, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import type { ClauseInput } from "../schema/ruleset.js";
import { conditionFacts } from "../schema/walk.js";
import { type Calendar, CalendarYearError } from "../time/calendar.js";
import { formatDate, formatDateTime, monthKey, parseDate, quarterKey } from "../time/date.js";
import { type CompiledCondition, compileCondition, type FactEnv } from "./condition.js";
import { type Finding, findingTime, NA, type Series } from "./values.js";

/** An assessment window as day numbers. */
export interface CWindow {
  from: number;
  to: number;
  undated: "include" | "error";
  /** `YYYY-MM-DD至YYYY-MM-DD`, for explanations. */
  label: string;
}

/** What a clause may need from the run besides facts. */
export interface RunContext {
  /** Whether to build explanation text. */
  explain: boolean;
  /** The working-day calendar. */
  calendar: Calendar;
  /** The as-of day number (deadlines still open at this date are missed), or null. */
  asOf: number | null;
  /** The assessment window in force (the run's, narrowed by the clause's), or null. */
  window: CWindow | null;
}

/** The effects of an override clause beyond its amount. */
export interface OverrideEffect {
  grade?: string;
  gradeScope: "unit" | "node";
  total?: Decimal;
  totalMode: "fixed" | "at-most";
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
  /** T3: the window its dated findings must fall in (its node's, or the rule set's), or null. */
  window: CWindow | null;
  /** The kind of findings the clause counts, when it counts one kind only. */
  kind?: string;
  /** Runs the clause; with `rc.explain` false, the detail text is left empty (bulk scoring). */
  run(env: FactEnv, rc: RunContext): Outcome | null;
}

const NOT_APPLICABLE: Outcome = { amount: ZERO, detail: "所需事实不适用,本条不计", na: true };

/** The outcome of a clause that cannot judge a unit's facts: the unit is reported, not scored. */
const fail = (error: KaoheIssue): Outcome => ({ amount: ZERO, detail: "", error });

/** A clause total held to its own cap (扣完…为止), saying so in the explanation. */
function capAt(
  raw: Decimal,
  cap: Decimal | null,
  detail: string,
  explain: boolean,
  verb: string,
  unit: string,
): Outcome {
  if (cap && raw.greaterThan(cap))
    return { amount: cap, detail: explain ? `${detail};本条${verb}满${dstr(cap)}${unit}为止` : "" };
  return { amount: raw, detail };
}

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
  window: CWindow | null = null,
  unitLabel = "分",
): CClause {
  // The unit of the clause's measure, for explanations (分, 元…).
  const u = unitLabel;
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
    window,
    ...("kind" in cl && cl.kind !== undefined ? { kind: cl.kind } : {}),
  } as const;
  const cond = (c: Parameters<typeof compileCondition>[0]): CompiledCondition =>
    compileCondition(c);
  switch (cl.type) {
    case "check": {
      const when = cond(cl.when);
      const pts = cl.points !== undefined ? toDecimal(cl.points) : (nodePoints ?? ZERO);
      const detail = `未达到要求,${verb}${dstr(pts)}${u}`;
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
      const detail = `情形成立,${verb}${dstr(amount)}${u}`;
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
        run(env, rc) {
          const explain = rc.explain;
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
        },
      };
    }
    case "step": {
      // A base naming a fact (a cohort figure, say) is read per unit; a constant is parsed once.
      const baseFact = typeof cl.below === "object" ? cl.below.fact : null;
      const constBands = (
        cl.bands ?? [
          {
            below: typeof cl.below === "object" ? 0 : (cl.below ?? 0),
            per: cl.per ?? 1,
            each: cl.each ?? 0,
          },
        ]
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
        run(env, rc) {
          const explain = rc.explain;
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          const rate = v as Decimal;
          let bands = constBands;
          if (baseFact) {
            const b = env.get(baseFact);
            if (b === NA || b === undefined) return NOT_APPLICABLE;
            bands = [{ ...(constBands[0] as (typeof constBands)[number]), below: b as Decimal }];
          }
          let raw = ZERO;
          const parts: string[] = [];
          if (mode === "marginal") {
            bands.forEach((b, i) => {
              if (!rate.lessThan(b.below)) return;
              // The lowest band has no floor: a rate of −40% is 50 points below 10%, not 10
              // (a fall in revenue, say, is a negative rate and must lose more than 0% does).
              const floorOfBand = bands[i + 1]?.below;
              const bottom =
                floorOfBand === undefined || rate.greaterThan(floorOfBand) ? rate : floorOfBand;
              const short = b.below.minus(bottom);
              const n = steps(short.dividedBy(b.per));
              const amt = n.times(b.each);
              raw = raw.plus(amt);
              if (explain)
                parts.push(
                  `低于${dstr(b.below)}%的${dstr(short)}个百分点,每${dstr(b.per)}个百分点${verb}${dstr(b.each)}${u}(${partialWord}),计${dstr(n)}档,${verb}${dstr(amt)}${u}`,
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
                  `低于${dstr(top)}%共${dstr(short)}个百分点,按低于${dstr(lowest.below)}%档每${dstr(lowest.per)}个百分点${verb}${dstr(lowest.each)}${u}(${partialWord}),计${dstr(n)}档,${verb}${dstr(raw)}${u}`,
                );
            }
          }
          if (raw.isZero()) return null;
          const detail = explain ? `比率${dstr(rate)}%:${parts.join(";")}` : "";
          return capAt(raw, cap, detail, explain, verb, u);
        },
      };
    }
    case "range": {
      const min = toDecimal(cl.min);
      const max = toDecimal(cl.max);
      const fact = cl.fact;
      const outOfRange = (amt: Decimal, path: (string | number)[]): Outcome =>
        fail(
          issue("F_DISCRETION_RANGE", path, {
            fact,
            value: dstr(amt),
            min: dstr(min),
            max: dstr(max),
          }),
        );
      return {
        ...base,
        run(env, rc) {
          const explain = rc.explain;
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          if (Array.isArray(v)) {
            // Each finding carries the amount the assessors chose for it (每次扣50-100分).
            let total = ZERO;
            const parts: string[] = [];
            for (let i = 0; i < v.length; i++) {
              const f = v[i] as Finding;
              if (f.amount === undefined)
                return fail(
                  issue("F_FACT_TYPE", ["facts", fact, i, "amount"], {
                    fact,
                    expected: "an amount on every finding",
                    received: "none",
                  }),
                );
              // An amount of 0 means not applied, as for a single amount.
              if (f.amount.isZero()) continue;
              if (f.amount.lessThan(min) || f.amount.greaterThan(max))
                return outOfRange(f.amount, ["facts", fact, i, "amount"]);
              const n = f.count ?? 1;
              total = total.plus(f.amount.times(n));
              if (explain) parts.push(`${n > 1 ? `${n}×` : ""}${dstr(f.amount)}${u}`);
            }
            if (total.isZero()) return null;
            return {
              amount: total,
              detail: explain
                ? `在${dstr(min)}-${dstr(max)}${u}内酌情${verb}${u}:${parts.sort().join("+")}=${dstr(total)}${u}`
                : "",
            };
          }
          const amt = v as Decimal;
          if (amt.isZero()) return null;
          if (amt.lessThan(min) || amt.greaterThan(max)) return outOfRange(amt, ["facts", fact]);
          return {
            amount: amt,
            detail: `在${dstr(min)}-${dstr(max)}${u}内酌情${verb}${dstr(amt)}${u}`,
          };
        },
      };
    }
    case "tally": {
      const fact = cl.fact;
      const kinds = Object.keys(cl.amounts);
      const amounts = new Map(kinds.map((k) => [k, toDecimal(cl.amounts[k] as number | string)]));
      const multipliers = (cl.multipliers ?? []).map((m) => ({
        tag: m.tag,
        factor: toDecimal(m.factor),
      }));
      const highest = cl.repeat === "highest";
      const split = cl.split === "shares";
      const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
      const noun = cl.noun ?? "条";
      const unit = u;
      return {
        ...base,
        run(env, rc) {
          const explain = rc.explain;
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          const list = v as Finding[];
          // The value of one finding: its kind's amount, times its multipliers, over its shares.
          const valued: {
            kind: string;
            /** The value before the split (amount × multipliers) and the shares it is split in. */
            num: Decimal;
            den: number;
            value: Decimal;
            n: number;
            item: string | undefined;
            note: string;
          }[] = [];
          for (let i = 0; i < list.length; i++) {
            const f = list[i] as Finding;
            if (f.kind === undefined)
              return fail(
                issue("F_FACT_TYPE", ["facts", fact, i, "kind"], {
                  fact,
                  expected: `a kind (${kinds.join(", ")}, …)`,
                  received: "none",
                }),
              );
            // A kind this clause gives no amount for is counted by another clause, or by none.
            const amt = amounts.get(f.kind);
            if (!amt) continue;
            let value = amt;
            const notes: string[] = [];
            for (const m of multipliers)
              if (f.tags?.includes(m.tag)) {
                value = value.times(m.factor);
                if (explain) notes.push(`${m.tag}×${dstr(m.factor)}`);
              }
            const num = value;
            let den = 1;
            if (split && f.shares !== undefined && f.shares > 1) {
              den = f.shares;
              value = shareOf(value, den);
              if (explain) notes.push(`${f.shares}家合报均分`);
            }
            valued.push({
              kind: f.kind as string,
              num,
              den,
              value,
              n: f.count ?? 1,
              item: f.item,
              note: notes.join(","),
            });
          }
          let chosen = valued;
          if (highest) {
            // 按最高级别计分: findings of one item count once, at their highest value.
            const best = new Map<string, (typeof valued)[number]>();
            const singles: typeof valued = [];
            for (const x of valued) {
              if (x.item === undefined) {
                // A finding with no item is its own item: each of its `count` occurrences counts.
                singles.push(x);
                continue;
              }
              const cur = best.get(x.item);
              // On equal values the kind the rule lists first wins, so that the finding order
              // of the input never changes the explanation.
              if (
                !cur ||
                x.value.greaterThan(cur.value) ||
                (x.value.equals(cur.value) && kinds.indexOf(x.kind) < kinds.indexOf(cur.kind))
              )
                best.set(x.item, { ...x, n: 1 });
            }
            chosen = [...singles, ...best.values()];
          }
          const total = sumOfShares(chosen);
          if (total.isZero()) return null;
          let detail = "";
          if (explain) {
            const byKind = new Map<
              string,
              { n: number; sum: Decimal; notes: Set<string>; of: typeof chosen }
            >();
            for (const x of chosen) {
              const g = byKind.get(x.kind) ?? {
                n: 0,
                sum: ZERO,
                notes: new Set<string>(),
                of: [],
              };
              g.n += x.n;
              g.of.push(x);
              if (x.note) g.notes.add(x.note);
              byKind.set(x.kind, g);
            }
            for (const g of byKind.values()) g.sum = sumOfShares(g.of);
            detail = kinds
              .filter((k) => byKind.has(k))
              .map((k) => {
                const g = byKind.get(k) as { n: number; sum: Decimal; notes: Set<string> };
                const extra = g.notes.size ? `(含${[...g.notes].sort().join(";")})` : "";
                return `${k}${g.n}${noun}×${dstr(amounts.get(k) as Decimal)}${unit}${extra}=${dstr(g.sum)}${unit}`;
              })
              .join(";");
            if (highest && chosen.length < valued.length)
              detail += `;同一信息按最高级别计${unit ? "分" : ""}`;
          }
          if (cap && total.greaterThan(cap))
            return { amount: cap, detail: explain ? `${detail};本条最多${dstr(cap)}${unit}` : "" };
          return { amount: total, detail };
        },
      };
    }
    case "deadline": {
      const fact = cl.fact;
      const kind = cl.kind;
      const each = toDecimal(cl.each);
      const missAmount = cl.missing !== undefined ? toDecimal(cl.missing) : each;
      const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
      const within = cl.within;
      const countStart = cl.startDay === "included";
      const noun = cl.noun ?? "件";
      const limitText =
        "hours" in within
          ? `${within.hours}小时`
          : "workdays" in within
            ? `${within.workdays}个工作日`
            : `${within.days}日`;
      return {
        ...base,
        run(env, rc) {
          const explain = rc.explain;
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          const list = v as Finding[];
          let late = 0;
          let missed = 0;
          const parts: string[] = [];
          for (let i = 0; i < list.length; i++) {
            const f = list[i] as Finding;
            if (kind !== undefined && f.kind !== kind) continue;
            const path = ["facts", fact, i];
            if (f.date === undefined)
              return fail(
                issue("F_FACT_TYPE", [...path, "date"], {
                  fact,
                  expected: "the date of the event",
                  received: "none",
                }),
              );
            let dueText: string;
            let isLate = false;
            let isMissed = false;
            try {
              if ("hours" in within) {
                const start = findingTime(f, "date") as number;
                const due = start + within.hours * 60;
                dueText = formatDateTime(due);
                if (f.done !== undefined) isLate = (findingTime(f, "done") as number) > due;
                else if (rc.asOf !== null) isMissed = rc.asOf * 1440 + 1439 > due;
              } else {
                const start = Math.floor((findingTime(f, "date") as number) / 1440);
                const due =
                  "workdays" in within
                    ? (parseDate(
                        rc.calendar.addWorkdays(start, within.workdays, { countStart }),
                      ) as number)
                    : start + within.days - (countStart ? 1 : 0);
                dueText = formatDate(due);
                if (f.done !== undefined)
                  isLate = Math.floor((findingTime(f, "done") as number) / 1440) > due;
                else if (rc.asOf !== null) isMissed = rc.asOf > due;
              }
            } catch (e) {
              if (e instanceof CalendarYearError)
                return fail(
                  issue("F_CALENDAR_YEAR", [...path, "date"], {
                    year: e.year,
                    covered: rc.calendar.years.join(", "),
                  }),
                );
              throw e;
            }
            if (
              f.done !== undefined &&
              (findingTime(f, "done") as number) < (findingTime(f, "date") as number)
            )
              return fail(
                issue("F_FACT_TYPE", [...path, "done"], {
                  fact,
                  expected: `a response on or after the event (${f.date})`,
                  received: f.done,
                }),
              );
            if (f.done === undefined && rc.asOf === null)
              return fail(issue("F_AS_OF_REQUIRED", [...path, "done"], { fact }));
            const n = f.count ?? 1;
            if (isLate) late += n;
            if (isMissed) missed += n;
            if (explain && (isLate || isMissed))
              parts.push(
                `${f.note ?? f.subject ?? "事项"}(${f.date})应于${dueText}前完成,${isLate ? `实际${f.done},逾期` : "至今未完成"}`,
              );
          }
          if (late + missed === 0) return null;
          const raw = each.times(late).plus(missAmount.times(missed));
          const head = explain
            ? `限${limitText}内完成:${[late ? `逾期${late}${noun}×${dstr(each)}${u}` : "", missed ? `未完成${missed}${noun}×${dstr(missAmount)}${u}` : ""].filter(Boolean).join(",")}=${dstr(raw)}${u}。${parts.sort().join(";")}`
            : "";
          return capAt(raw, cap, head, explain, verb, u);
        },
      };
    }
    case "target": {
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
      return {
        ...base,
        run(env, rc) {
          const explain = rc.explain;
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          if (!rc.window) return fail(issue("F_WINDOW_REQUIRED", ["facts", fact], { rule: cl.id }));
          const series = v as Series;
          const wrongKind = [...series.keys()].find(
            (k) => k.includes("Q") !== (cl.period === "quarter"),
          );
          if (wrongKind !== undefined)
            return fail(
              issue("F_FACT_TYPE", ["facts", fact, wrongKind], {
                fact,
                expected: cl.period === "month" ? "months YYYY-MM" : "quarters YYYY-Qn",
                received: wrongKind,
              }),
            );
          const periods = periodsOf(rc.window);
          const short: string[] = [];
          for (const p of periods) {
            const x = series.get(p);
            if (!x || x.lessThan(min)) short.push(explain ? `${p}:${x ? dstr(x) : "无记录"}` : p);
          }
          if (!short.length) return null;
          const raw = each ? each.times(short.length) : (once ?? ZERO);
          const detail = explain
            ? `考核期${periods.length}个${word},${short.length}个${word}未达到${dstr(min)}(${short.join(";")})${each ? `,每个${word}${verb}${dstr(each)}${u}` : ""},${verb}${dstr(raw)}${u}`
            : "";
          return raw.isZero() ? null : capAt(raw, cap, detail, explain, verb, u);
        },
      };
    }
    case "rating": {
      const fact = cl.fact;
      const full = nodePoints ?? ZERO;
      const award = new Map<string, Decimal>();
      if (cl.scale) for (const [k, x] of Object.entries(cl.scale)) award.set(k, toDecimal(x));
      if (cl.percent)
        for (const [k, x] of Object.entries(cl.percent))
          award.set(k, full.times(toDecimal(x)).dividedBy(100));
      const add = cl.effect === "add";
      return {
        ...base,
        run(env, rc) {
          const explain = rc.explain;
          const v = env.get(fact);
          if (v === NA || v === undefined) return NOT_APPLICABLE;
          const got = award.get(v as string) as Decimal;
          const amount = add ? got : full.minus(got);
          if (amount.isZero()) return null;
          return {
            amount,
            detail: explain
              ? add
                ? `评为${String(v)},加${dstr(got)}${u}`
                : `评为${String(v)},得${dstr(got)}${u}(满分${dstr(full)}${u}),扣${dstr(amount)}${u}`
              : "",
          };
        },
      };
    }
    case "override": {
      const when = cond(cl.when);
      const amount = cl.amount !== undefined ? toDecimal(cl.amount) : ZERO;
      const effect: OverrideEffect = {
        gradeScope: cl.gradeScope ?? "unit",
        totalMode: cl.totalMode ?? "fixed",
        stop: cl.stop === true,
        ...(cl.grade !== undefined ? { grade: cl.grade } : {}),
        ...(cl.total !== undefined ? { total: toDecimal(cl.total) } : {}),
        ...(cl.zero !== undefined ? { zero: cl.zero } : {}),
        ...(cl.flag !== undefined ? { flag: cl.flag } : {}),
      };
      const words: string[] = [];
      if (effect.grade) words.push(`直接定为${effect.grade}`);
      if (effect.total)
        words.push(
          effect.totalMode === "at-most"
            ? `总分不高于${dstr(effect.total)}${u}`
            : `总分记为${dstr(effect.total)}${u}`,
        );
      if (effect.zero) words.push(`${effect.zero.join("、")}不得分`);
      if (effect.stop) words.push("其他项目不再评分");
      if (effect.flag) words.push(`标记:${effect.flag}`);
      if (!amount.isZero()) words.push(`${verb}${dstr(amount)}${u}`);
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
  if (cl.type === "step" && typeof cl.below === "object") return [cl.fact, cl.below.fact];
  if ("fact" in cl) return [cl.fact];
  if ("when" in cl) return [...new Set(conditionFacts(cl.when, []).map((u) => u.fact))];
  return [];
}

/**
 * The places a share of a split value is kept to (合报信息的分数均分: 1 ÷ 3). A third cannot be
 * held exactly; kept to 20 places, every later sum of shares is exact, so no total depends on the
 * order it was added in. Far below any score's places.
 */
export const SHARE_PLACES = 20;

/** num ÷ den, to SHARE_PLACES places (half-even). */
function shareOf(num: Decimal, den: number): Decimal {
  return roundTo(num.dividedBy(den), SHARE_PLACES, "half-even");
}

/**
 * Σ num × n / den over findings split in shares, independent of their order: the numerators of
 * equal shares are added exactly, and each share count divides once (to SHARE_PLACES places).
 * Adding ⅓ + ⅓ + ⅓ + 10 one by one gave 10.99…9 in one order and 11 in another.
 */
function sumOfShares(xs: readonly { num: Decimal; den: number; n: number }[]): Decimal {
  const byDen = new Map<number, Decimal>();
  for (const x of xs) byDen.set(x.den, (byDen.get(x.den) ?? ZERO).plus(x.num.times(x.n)));
  let total = ZERO;
  for (const [den, sum] of byDen) total = total.plus(den === 1 ? sum : shareOf(sum, den));
  return total;
}
