/**
 * The values compiled rules compute on: facts as the engine holds them after checking, the
 * not-applicable mark, findings. Below compile and evaluate, which both use them.
 */
import type { Decimal } from "../decimal.js";
import { parseDateTime } from "../time/date.js";

/** The largest count accepted: far beyond any real tally, and exact as a JavaScript number. */
export const MAX_COUNT = 1_000_000_000;

/** One occurrence in a findings fact: 一处/一条/一人, optionally of a sub-unit or a person. */
export interface Finding {
  /** The sub-unit the occurrence belongs to (一个单位), for per-subject caps. */
  subject?: string;
  /** The person concerned (每人), for per-person caps. */
  person?: string;
  /** The kind of finding, when a fact lists several kinds. */
  kind?: string;
  /** How many occurrences this entry stands for; default 1. */
  count?: number;
  /** Free text: what was found. */
  note?: string;
  /** The date found, YYYY-MM-DD. */
  date?: string;
  /** The item this finding is about (one piece of information adopted by several outlets). */
  item?: string;
  /** How many units share the finding (合报信息的分数均分); default 1. */
  shares?: number;
  /** Tags a rule can multiply on (转报). */
  tags?: string[];
  /** An amount the assessors chose for this finding, checked against its rule's range. */
  amount?: Decimal;
  /** When the response was made (deadlines): YYYY-MM-DD or YYYY-MM-DDTHH:mm. */
  done?: string;
  /** The period a row of counts is for (YYYY-MM or YYYY-Qn): 栏目 × 月 counts; `count` may then be 0. */
  period?: string;
  /** This finding's own id, unique in its fact, for findings that link to it. */
  id?: string;
  /** The id of the finding this one is about (a 批示 on an adopted piece), in the fact its declaration `links`. */
  of?: string;
}

/** A fact that was absent and whose absence means "not applicable". */
export const NA: unique symbol = Symbol("not-applicable");
/** A series fact: a value per period key (YYYY-MM or YYYY-Qn). */
export type Series = ReadonlyMap<string, Decimal>;
export type FactValue = boolean | Decimal | Finding[] | string | Series | typeof NA;

/** A fact declaration as the compiled rule set holds it. */
export interface CFact {
  id: string;
  label: string;
  type: "boolean" | "count" | "number" | "rate" | "amount" | "findings" | "choice" | "series";
  min?: Decimal;
  max?: Decimal;
  default?: boolean | Decimal | string;
  options?: readonly string[];
  missing: "error" | "zero" | "not-applicable";
  kinds?: readonly string[];
  /**
   * `rate` only: how a facts file writes the value. `percent` (the default): 87.5 is 87.5%;
   * `fraction`: 0.875 is 87.5%. Either way the value the rules see is in percent.
   */
  scale?: "percent" | "fraction";
  /** `findings` only: the tags a finding may carry; when declared, any other is refused. */
  tags?: readonly string[];
  /** `findings` only: the subjects (栏目) a finding may name; when declared, every finding names one. */
  subjects?: readonly string[];
  /**
   * `findings` only: the fact whose findings `of` names (may be this fact), and, per kind of this
   * fact, the kinds of finding it may be linked to.
   */
  links?: { fact: string; kinds?: Readonly<Record<string, readonly string[]>> };
}

/**
 * What the facts check learnt about a finding, kept on the finding under a symbol (not a field of
 * its data: JSON and Object.keys do not see it; a spread copies it, with the same meaning): its place in the facts (a
 * window may leave out the ones before it, so a clause's own index into what it sees is not the
 * place to report) and its times in minutes since 1970-01-01, parsed once — windows and deadlines
 * read them for every clause. A WeakMap cost more than the parsing it saved.
 */
const META: unique symbol = Symbol("kaohe.finding");

interface FindingMeta {
  index: number;
  date: number | null;
  done: number | null;
}

type Noted = Finding & { [META]?: FindingMeta };

/** Records a checked finding's index in its fact and its parsed times (null where it has none). */
export function noteFinding(
  f: Finding,
  index: number,
  date: number | null,
  done: number | null,
): void {
  (f as Noted)[META] = { index, date, done };
}

/**
 * Where a finding stands in its fact as given, for error paths; `seen` (its index in the list a
 * clause sees) for findings not made by the facts check (built in code and handed to a clause).
 */
export function findingIndex(f: Finding, seen: number): number {
  return (f as Noted)[META]?.index ?? seen;
}

/**
 * A finding's date or response time in minutes since 1970-01-01, or null when it has none.
 * Findings not made by the facts check are parsed here.
 */
export function findingTime(f: Finding, which: "date" | "done"): number | null {
  const t = (f as Noted)[META];
  if (t) return t[which];
  const s = f[which];
  return s === undefined ? null : parseDateTime(s);
}

/** The finding a linked finding is about, set once its link is checked (never a field of its data). */
const LINK: unique symbol = Symbol("kaohe.link");

type Linked = Finding & { [LINK]?: Finding };

/** Records the finding `f` is about (its `of`), after the link was checked. */
export function setLink(f: Finding, target: Finding): void {
  (f as Linked)[LINK] = target;
}

/** The finding `f` is about (its checked `of`), or undefined when it links to none. */
export function linkOf(f: Finding): Finding | undefined {
  return (f as Linked)[LINK];
}
