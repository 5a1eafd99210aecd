import type { Decimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { ClauseInput } from "../schema/ruleset.js";
import { conditionFacts } from "../schema/walk.js";
import type { Calendar } from "../time/calendar.js";
import type { ClauseKit } from "./clauses/common.js";
import type { ClauseEffect, ClauseWords } from "./clauses/effects.js";
import { CLAUSE_COMPILERS } from "./clauses/index.js";
import type { FactEnv } from "./condition.js";
import type { Finding } from "./values.js";

/** An assessment window as day numbers. */
export interface CWindow {
  from: number;
  to: number;
  /**
   * A finding without a date: counted, refused, or (`exclude`) left out — in the periods after
   * the first of a split run whose rule is to count it in the first only.
   */
  undated: "include" | "error" | "exclude";
  /** Set on a period of a split run (T7 `periods`): a rule whose window misses it counts nothing. */
  split?: true;
  /** `YYYY-MM-DD至YYYY-MM-DD`, for explanations. */
  label: string;
}

/** What a clause may need from the run besides facts. */
export interface RunContext {
  /** Whether to record effects for the trace. */
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
  /** What the clause did, as data (explain/ renders its words from it); only with the trace. */
  effect?: ClauseEffect;
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
  /** What its explanation is said in besides its effect: 扣 or 加, and its measure's unit. */
  words: ClauseWords;
  /**
   * The day a window reads for one of its findings, when it is not the finding's date (a
   * deadline's `windowBy: lapse`: the day the event lapses). May throw CalendarYearError.
   */
  windowDay?: (f: Finding, rc: RunContext) => number;
  /** Runs the clause; with `rc.explain` false, no effect is recorded (bulk scoring). */
  run(env: FactEnv, rc: RunContext): Outcome | null;
}

/** Compiles one clause. `nodePoints` is the points of the node it sits in, for this category. */
export function compileClause(
  cl: ClauseInput,
  nodePoints: Decimal | null,
  pointsMeasure: string,
  window: CWindow | null = null,
  unitLabel = "分",
  subjects: ReadonlyMap<string, readonly string[]> = new Map(),
  labels: ReadonlyMap<string, string> = new Map(),
): CClause {
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
    words: { verb: cl.effect === "add" ? "加" : "扣", unit: unitLabel },
    ...("kind" in cl && cl.kind !== undefined ? { kind: cl.kind } : {}),
  } as const;
  const named = (fact: string) => {
    const label = labels.get(fact);
    return label === undefined ? { fact } : { fact, label };
  };
  const kit: ClauseKit = { base, u: unitLabel, nodePoints, subjects, named };
  // Each clause type compiles in its own module (src/constructs/<type>/compile.ts).
  return (CLAUSE_COMPILERS[cl.type] as (c: ClauseInput, k: ClauseKit) => CClause)(cl, kit);
}

function clauseFacts(cl: ClauseInput): string[] {
  if (cl.type === "step" && typeof cl.below === "object") return [cl.fact, cl.below.fact];
  if ("fact" in cl) return [cl.fact];
  if ("when" in cl) return [...new Set(conditionFacts(cl.when, []).map((u) => u.fact))];
  return [];
}

export { SHARE_PLACES } from "./clauses/common.js";
