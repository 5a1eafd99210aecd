/**
 * T4 deadline: events that must be answered within hours, days or working days (调休 included);
 * an answer after the due time is late, none by the as-of date is missed, each priced.
 */

import type { CClause, Outcome, RunContext } from "../../compile/clause.js";
import {
  type ClauseKit,
  type ClauseOf,
  capWords,
  fail,
  found,
  onFact,
} from "../../compile/clauses/common.js";
import type { ClauseWords } from "../../compile/clauses/effects.js";
import { type Finding, findingIndex, findingTime } from "../../compile/values.js";
import { dstr, toDecimal } from "../../decimal.js";
import { issue } from "../../errors/issue.js";
import { CalendarYearError } from "../../time/calendar.js";
import {
  type AnnualDay,
  addMonths,
  addYears,
  annualDayText,
  formatDate,
  formatDateTime,
  nextAnnualDay,
  parseAnnualDay,
  parseDate,
} from "../../time/date.js";
import type { DeadlineEffect } from "./effect.js";

type Within = ClauseOf<"deadline">["within"];

/** How one event stands against its deadline. */
interface Judged {
  late: boolean;
  missed: boolean;
  dueText: string;
}

/**
 * The due time of an event: a minute for `hours`, else a day (the last day a response is in
 * time). Throws CalendarYearError when a working-day limit needs a year the calendar lacks.
 */
function dueOf(f: Finding, within: Within, countStart: boolean, rc: RunContext): number {
  const at = findingTime(f, "date") as number;
  if ("hours" in within) return at + within.hours * 60;
  const start = Math.floor(at / 1440);
  const back = countStart ? 1 : 0;
  if ("workdays" in within)
    return parseDate(rc.calendar.addWorkdays(start, within.workdays, { countStart })) as number;
  if ("days" in within) return start + within.days - back;
  if ("months" in within) return addMonths(start, within.months) - back;
  if ("years" in within) return addYears(start, within.years) - back;
  return nextAnnualDay(parseAnnualDay(within.annual) as AnnualDay, start);
}

/**
 * The day an event lapses: the first day its response is late, the day after it is due (for
 * `hours`, the day of the first minute after the due time).
 */
export function lapseDay(f: Finding, within: Within, countStart: boolean, rc: RunContext): number {
  const due = dueOf(f, within, countStart, rc);
  return "hours" in within ? Math.floor((due + 1) / 1440) : due + 1;
}

/** The event's due time and whether it was answered late or not at all by the as-of date. */
function judge(f: Finding, within: Within, countStart: boolean, rc: RunContext): Judged {
  const due = dueOf(f, within, countStart, rc);
  if ("hours" in within)
    return {
      dueText: formatDateTime(due),
      late: f.done !== undefined && (findingTime(f, "done") as number) > due,
      missed: f.done === undefined && rc.asOf !== null && rc.asOf * 1440 + 1439 > due,
    };
  return {
    dueText: formatDate(due),
    late: f.done !== undefined && Math.floor((findingTime(f, "done") as number) / 1440) > due,
    missed: f.done === undefined && rc.asOf !== null && rc.asOf > due,
  };
}

/** How a limit is said: 30个工作日, 15日, 48小时, 3个月, 1年, 每年11月底. */
function limitOf(within: Within): string {
  if ("hours" in within) return `${within.hours}小时`;
  if ("workdays" in within) return `${within.workdays}个工作日`;
  if ("days" in within) return `${within.days}日`;
  if ("months" in within) return `${within.months}个月`;
  if ("years" in within) return `${within.years}年`;
  return `每年${annualDayText(parseAnnualDay(within.annual) as AnnualDay)}`;
}

/** Why an event cannot be judged (no date, a calendar year not covered, …), or null. */
function unjudgeable(
  f: Finding,
  path: (string | number)[],
  named: { fact: string; label?: string },
  rc: RunContext,
): Outcome | null {
  if (f.date === undefined)
    return fail(
      issue("F_FACT_TYPE", [...path, "date"], {
        ...named,
        expected: "事项发生的日期 date",
        received: "未填写",
      }),
    );
  if (
    f.done !== undefined &&
    (findingTime(f, "done") as number) < (findingTime(f, "date") as number)
  )
    return fail(
      issue("F_FACT_TYPE", [...path, "done"], {
        ...named,
        expected: `不早于事项发生日期(${f.date})的办结日期 done`,
        received: f.done,
      }),
    );
  if (f.done === undefined && rc.asOf === null)
    return fail(issue("F_AS_OF_REQUIRED", [...path, "done"], named));
  return null;
}

export function compileDeadline(cl: ClauseOf<"deadline">, kit: ClauseKit): CClause {
  const { base } = kit;
  const { fact, kind, within } = cl;
  const each = toDecimal(cl.each);
  const missAmount = cl.missing !== undefined ? toDecimal(cl.missing) : each;
  const cap = cl.cap !== undefined ? toDecimal(cl.cap) : null;
  const countStart = cl.startDay === "included";
  const noun = cl.noun ?? "件";
  const limitText = limitOf(within);
  const annual = "annual" in within;
  const named = kit.named(fact);
  const c = onFact(base, fact, (v, rc) => {
    const explain = rc.explain;
    const list = v as Finding[];
    let late = 0;
    let missed = 0;
    const events: DeadlineEffect["events"] = [];
    for (let i = 0; i < list.length; i++) {
      const f = list[i] as Finding;
      if (kind !== undefined && f.kind !== kind) continue;
      const path = ["facts", fact, findingIndex(f, i)];
      if (f.date === undefined) return unjudgeable(f, path, named, rc) as Outcome;
      let j: Judged;
      try {
        j = judge(f, within, countStart, rc);
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
      const bad = unjudgeable(f, path, named, rc);
      if (bad) return bad;
      const n = f.count ?? 1;
      if (j.late) late += n;
      if (j.missed) missed += n;
      if (explain && (j.late || j.missed))
        events.push({
          label: f.note ?? f.subject ?? "事项",
          date: f.date,
          due: j.dueText,
          ...(j.late ? { done: f.done as string } : {}),
        });
    }
    if (late + missed === 0) return null;
    const raw = each.times(late).plus(missAmount.times(missed));
    // In the order of their text, so the input's order of findings never shows.
    const sorted = () =>
      events
        .map((x) => ({ x, t: eventText(x) }))
        .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
        .map((y) => y.x);
    return found(raw, cap, explain, () => ({
      type: "deadline",
      limit: limitText,
      ...(annual ? { annual: true } : {}),
      noun,
      late,
      missed,
      each,
      missAmount,
      raw,
      events: sorted(),
    }));
  });
  // windowBy lapse: a window reads the day the event lapses, not the day it happened.
  return cl.windowBy === "lapse"
    ? { ...c, windowDay: (f, rc) => lapseDay(f, within, countStart, rc) }
    : c;
}

/** One event answered late or not at all. */
function eventText(x: DeadlineEffect["events"][number]): string {
  return `${x.label}(${x.date})应于${x.due}前完成,${x.done !== undefined ? `实际${x.done},逾期` : "至今未完成"}`;
}

/** The explanation of events answered late or not at all, each listed. */
export function deadlineWords(e: DeadlineEffect, { verb, unit: u }: ClauseWords): string {
  return `限${e.limit}${e.annual ? "前" : "内"}完成:${[e.late ? `逾期${e.late}${e.noun}×${dstr(e.each)}${u}` : "", e.missed ? `未完成${e.missed}${e.noun}×${dstr(e.missAmount)}${u}` : ""].filter(Boolean).join(",")}=${dstr(e.raw)}${u}。${e.events.map(eventText).join(";")}${capWords(e.cap, verb, u)}`;
}
