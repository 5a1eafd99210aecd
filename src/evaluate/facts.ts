import {
  type CFact,
  type FactValue,
  type Finding,
  findingIndex,
  MAX_COUNT,
  NA,
  noteFinding,
} from "../compile/values.js";
import { DECIMAL_RE, type Decimal, dstr, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { parseDateTime } from "../time/date.js";

export { type CFact, type FactValue, MAX_COUNT, NA, type Series } from "../compile/values.js";

/** No findings list may be longer than this; bigger inputs are refused, not truncated. */
export const MAX_FINDINGS = 100_000;
export const FINDING_KEYS: ReadonlySet<string> = new Set([
  "subject",
  "person",
  "kind",
  "count",
  "note",
  "date",
  "item",
  "shares",
  "tags",
  "amount",
  "done",
  "period",
  "id",
  "of",
]);
const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
const HUNDRED = toDecimal(100);
const ONE = toDecimal(1);

/** Whether a value is a plain mapping (YAML, JSON or an object literal), not a Map, Date or class. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** What a value is, in words a clerk understands; never throws, whatever the value. */
export function describe(v: unknown): string {
  if (v === null) return "空值 null";
  if (v === undefined) return "空值 undefined";
  if (Array.isArray(v)) return "一个列表";
  switch (typeof v) {
    case "string": {
      const s = v.length > 40 ? `${v.slice(0, 40)}…` : v;
      return `文字 ${JSON.stringify(s)}`;
    }
    case "number":
      return `数字 ${Object.is(v, -0) ? "0" : String(v)}`;
    case "bigint":
      return `BigInt ${v.toString()}n`;
    case "boolean":
      return `${v}`;
    case "symbol":
      return "一个 Symbol";
    case "function":
      return "一个函数";
    default: {
      if (isPlainObject(v)) return "一个映射(键值对)";
      if (v instanceof Map) return "一个 Map 对象";
      if (v instanceof Set) return "一个 Set 对象";
      if (v instanceof Date) return "一个日期对象 (Date)";
      const name = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)
        ?.constructor?.name;
      return typeof name === "string" && name ? `一个 ${name} 对象` : "一个对象";
    }
  }
}

/** A text as a facts file means it: full-width forms folded (NFKC: ８５ → 85, ％ → %), trimmed. */
function norm(s: string): string {
  return s.normalize("NFKC").trim();
}

/** A decimal read from a fact value; `percent` when it was written with a % sign. */
type Read = { n: Decimal; percent: boolean } | { hint?: string };

/**
 * Reads a decimal from a number, a BigInt or a text. Texts are folded (full-width digits) and
 * trimmed; "85%" is read as 85 with `percent` set. Anything else is refused, with a hint saying
 * what to write when the mistake is a common one ("7处", "1,234", "1e3").
 */
function readDecimal(v: unknown): Read {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { hint: "请填写一个普通的数字" };
    return { n: toDecimal(v === 0 ? 0 : v), percent: false };
  }
  if (typeof v === "bigint") return { n: toDecimal(v.toString()), percent: false };
  if (typeof v !== "string") return {};
  let s = norm(v);
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (DECIMAL_RE.test(s)) {
    const n = toDecimal(s);
    return { n: n.isZero() ? ZERO : n, percent };
  }
  return { hint: numberHint(s, percent) };
}

/** What to write instead of a text that is almost a number. */
function numberHint(s: string, percent: boolean): string | undefined {
  const pc = percent ? "%" : "";
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s))
    return `不要用逗号分隔千位:写 ${s.replace(/,/g, "")}${pc}`;
  const unit = /^(-?\d+(?:\.\d+)?)\s*([\p{Script=Han}]{1,3})$/u.exec(s);
  if (unit) return `只写数字:写 ${unit[1]},不要带"${unit[2]}"`;
  if (/^[-+]?\d+(\.\d+)?[eE][-+]?\d+$/.test(s)) return "不要用科学计数法,把数字完整写出";
  if (/^\+\d+(\.\d+)?$/.test(s)) return `不要带加号:写 ${s.slice(1)}${pc}`;
  if (/^-?\.\d+$/.test(s)) return `小数点前要写 0:写 ${s.replace(".", "0.")}${pc}`;
  if (/^-?0\d+(\.\d+)?$/.test(s)) return "整数部分不要以 0 开头";
  if (/^-?\d+\.$/.test(s)) return `小数点后要有数字:写 ${s.slice(0, -1)}${pc}`;
  return undefined;
}

/** The texts accepted for a boolean fact, besides YAML's true and false. */
const TRUE_WORDS = new Set(["true", "是", "有", "√", "✓", "✔"]);
const FALSE_WORDS = new Set(["false", "否", "无", "×", "✗", "✘"]);

function readBoolean(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return undefined;
  const s = norm(v).toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return undefined;
}

/**
 * How a rate value was written, for the scale check: `percent` with a % sign (unambiguous),
 * `ambiguous` for a bare value above 0 and at most 1 (0.875: 0.875% or 87.5%?), `zero`, `clear`
 * for a bare value above 1, or null when it is not a number at all.
 */
export function rateWriting(raw: unknown): "percent" | "ambiguous" | "zero" | "clear" | null {
  const r = readDecimal(raw);
  if (!("n" in r)) return null;
  if (r.percent) return "percent";
  if (r.n.isZero()) return "zero";
  return r.n.isPositive() && r.n.lessThanOrEqualTo(ONE) ? "ambiguous" : "clear";
}

/** Whether a rate fact is checked for values in the wrong scale (a percent rate that may exceed 1). */
export function checksRateScale(f: CFact): boolean {
  return f.type === "rate" && f.scale !== "fraction" && !f.max?.lessThanOrEqualTo(ONE);
}

/** The parameters fact messages share: the fact's id and, when it says more, its label. */
export function named(f: CFact): { fact: string; label?: string } {
  return f.label && f.label !== f.id ? { fact: f.id, label: f.label } : { fact: f.id };
}

/**
 * Resolves one declared fact from a unit's facts: type-checked, range-checked, defaulted. A
 * missing fact gives its declared default, or what its missing policy says: an error, a zero,
 * or "not applicable". Never a silent 0. A value that is probably in the wrong scale (a percent
 * rate given as 0.875) is accepted as written and reported in `warnings` (W_RATE_SCALE) when the
 * caller passes that list; under `strict` it is refused instead (F_RATE_SCALE in `errors`).
 */
export function resolveFact(
  f: CFact,
  raw: unknown,
  present: boolean,
  path: (string | number)[],
  errors: KaoheIssue[],
  warnings?: KaoheIssue[],
  strict = false,
): FactValue | undefined {
  if (!present || raw === undefined || raw === null) {
    if (f.default !== undefined) return f.default;
    if (f.missing === "error") {
      errors.push(issue("F_MISSING_FACT", path, named(f)));
      return undefined;
    }
    if (f.missing === "not-applicable") return NA;
    if (f.type === "boolean") return false;
    if (f.type === "findings") return [];
    if (f.type === "series") return new Map();
    if (f.type === "choice") {
      errors.push(issue("F_MISSING_FACT", path, named(f)));
      return undefined;
    }
    return toDecimal(0);
  }
  const bad = (expected: string, hint?: string, at = path, value: unknown = raw) => {
    errors.push(
      issue("F_FACT_TYPE", at, {
        ...named(f),
        expected,
        received: describe(value),
        ...(hint ? { hint } : {}),
      }),
    );
    return undefined;
  };
  const range = (n: Decimal, min?: Decimal, max?: Decimal, at = path, hint?: string) => {
    if ((min && n.lessThan(min)) || (max && n.greaterThan(max))) {
      errors.push(
        issue("F_FACT_RANGE", at, {
          ...named(f),
          value: dstr(n),
          min: min ? dstr(min) : "−∞",
          max: max ? dstr(max) : "∞",
          ...(hint ? { hint } : {}),
        }),
      );
      return false;
    }
    return true;
  };
  switch (f.type) {
    case "boolean": {
      const b = readBoolean(raw);
      return b ?? bad("true 或 false", "也可写 是/否、有/无、√/×");
    }
    case "findings":
      return resolveFindings(f, raw, path, errors);
    case "series": {
      // A Map with text keys is read like a mapping (YAML's !!omap gives one); never as empty.
      let entries: [unknown, unknown][];
      if (isPlainObject(raw)) entries = Object.entries(raw);
      else if (raw instanceof Map) entries = [...raw.entries()];
      else return bad("按期间(YYYY-MM 或 YYYY-Qn)填写数字的映射");
      // Periods are checked in their own order, so that which problem is reported first never
      // depends on the order the keys were written in.
      entries.sort((a, b) => {
        const x = String(a[0]);
        const y = String(b[0]);
        return x < y ? -1 : x > y ? 1 : 0;
      });
      const out = new Map<string, Decimal>();
      for (const [key, v] of entries) {
        const k = typeof key === "string" ? key.trim() : key;
        const r = readDecimal(v);
        if (typeof k !== "string" || !PERIOD_RE.test(k) || !("n" in r) || r.percent) {
          const shown = typeof k === "string" ? k : describe(k);
          errors.push(
            issue("F_FACT_TYPE", [...path, typeof k === "string" ? k : String(k)], {
              ...named(f),
              expected: "期间 YYYY-MM 或 YYYY-Qn 对应一个数字",
              received: `${shown}: ${describe(v)}`,
              ...("hint" in r && r.hint ? { hint: r.hint } : {}),
            }),
          );
          return undefined;
        }
        if (out.has(k)) {
          errors.push(
            issue("F_FACT_TYPE", [...path, k], {
              ...named(f),
              expected: "每个期间只出现一次",
              received: `期间 ${k} 出现两次`,
            }),
          );
          return undefined;
        }
        if (!range(r.n, f.min, f.max, [...path, k])) return undefined;
        out.set(k, r.n);
      }
      // Periods in order, whatever the order they were given in: explanations are the same bytes.
      return new Map([...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    }
    case "choice": {
      const options = f.options ?? [];
      if (typeof raw === "string") {
        const s = norm(raw);
        const hit = options.find((o) => norm(o) === s);
        if (hit !== undefined) return hit;
      }
      return bad(`以下之一:${options.join("、")}`);
    }
    default: {
      const r = readDecimal(raw);
      const what = f.type === "count" ? `整数(0 到 ${MAX_COUNT})` : "一个数字";
      if (!("n" in r)) return bad(what, r.hint);
      let n = r.n;
      if (r.percent && f.type !== "rate")
        return bad(what, `这个事实不是比率,不要带 %:写 ${dstr(n)}`);
      if (f.type === "count" && (!n.isInteger() || n.isNegative() || n.greaterThan(MAX_COUNT)))
        return bad(what);
      let min = f.min ?? (f.type === "rate" || f.type === "count" ? ZERO : undefined);
      let max = f.max ?? (f.type === "rate" ? HUNDRED : undefined);
      if (f.type === "rate" && !r.percent) {
        if (f.scale === "fraction") {
          // Written as a fraction (0.875); the rules read percent (87.5). The range is shown
          // in the scale the value was written in.
          const fmin = min?.dividedBy(HUNDRED);
          const fmax = max?.dividedBy(HUNDRED);
          if (
            !range(n, fmin, fmax, path, `这个比率按小数填写(0.875 即 87.5%),也可写 "${dstr(n)}%"`)
          )
            return undefined;
          n = n.times(HUNDRED);
          min = undefined;
          max = undefined;
        } else if ((warnings || strict) && checksRateScale(f) && rateWriting(raw) === "ambiguous") {
          const params = { ...named(f), value: dstr(n), percent: dstr(n.times(HUNDRED)) };
          if (strict) {
            errors.push(issue("F_RATE_SCALE", path, params));
            return undefined;
          }
          warnings?.push(issue("W_RATE_SCALE", path, params));
        }
      }
      if (!range(n, min, max)) return undefined;
      return n;
    }
  }
}

/** Reports a problem with a findings fact or one of its findings (F_FACT_TYPE). */
type Report = (at: (string | number)[], expected: string, received: string, hint?: string) => void;

/** A bare count for a findings fact: that many occurrences with no subject. */
function countAsFindings(raw: unknown, path: (string | number)[], report: Report) {
  const r = readDecimal(raw);
  if (!("n" in r)) {
    report(path, "问题清单(列表)或一个整数", describe(raw), r.hint);
    return undefined;
  }
  const n = r.n;
  if (r.percent || !n.isInteger() || n.isNegative() || n.greaterThan(MAX_FINDINGS)) {
    report(path, `问题清单(列表)或一个整数(0 到 ${MAX_FINDINGS})`, describe(raw));
    return undefined;
  }
  return n.isZero() ? [] : [{ count: n.toNumber() }];
}

function resolveFindings(
  f: CFact,
  raw: unknown,
  path: (string | number)[],
  errors: KaoheIssue[],
): Finding[] | undefined {
  const report: Report = (at, expected, received, hint) =>
    errors.push(
      issue("F_FACT_TYPE", at, {
        ...named(f),
        expected,
        received,
        ...(hint ? { hint } : {}),
      }),
    );
  if (typeof raw === "number" || typeof raw === "bigint" || typeof raw === "string") {
    const counted = countAsFindings(raw, path, report);
    // A bare count names no subject: where subjects are declared, only 0 can be given so.
    if (counted?.length && f.subjects) {
      report(path, `逐条写明对象的问题清单(${f.subjects.join("、")})`, describe(raw));
      return undefined;
    }
    return counted;
  }
  if (!Array.isArray(raw)) {
    report(path, "问题清单(列表)", describe(raw));
    return undefined;
  }
  if (raw.length > MAX_FINDINGS) {
    report(path, `不超过 ${MAX_FINDINGS} 条问题`, `${raw.length} 条`);
    return undefined;
  }
  const out: Finding[] = [];
  let ok = true;
  for (let i = 0; i < raw.length; i++) {
    const at = [...path, i];
    if (!Object.hasOwn(raw, i)) {
      // A hole in a list built in code: one finding would silently vanish. Reported like an
      // explicit undefined, which is what the same list copied element by element holds.
      report(at, "一条问题(映射或文字)", describe(undefined));
      ok = false;
      continue;
    }
    const item: unknown = raw[i];
    if (typeof item === "string") {
      if (f.kinds || f.subjects) {
        report(
          at,
          f.kinds
            ? `写明种类的一条问题(${f.kinds.join("、")})`
            : `写明对象的一条问题(${(f.subjects as readonly string[]).join("、")})`,
          describe(item),
        );
        ok = false;
        continue;
      }
      const fd: Finding = { note: item };
      noteFinding(fd, i, null, null);
      out.push(fd);
      continue;
    }
    if (!isPlainObject(item)) {
      report(at, "一条问题(映射或文字)", describe(item));
      ok = false;
      continue;
    }
    const fd = readFinding(f, item, i, at, report, errors);
    if (fd) out.push(fd);
    else ok = false;
  }
  if (ok && !idsUnique(f, out, path, errors)) ok = false;
  return ok ? out : undefined;
}

/** One finding given as a mapping: every field checked, every problem reported. */
function readFinding(
  f: CFact,
  o: Record<string, unknown>,
  index: number,
  at: (string | number)[],
  report: Report,
  errors: KaoheIssue[],
): Finding | undefined {
  const fd: Finding = {};
  let ok = unknownFields(o, at, report);
  for (const k of [
    "subject",
    "person",
    "kind",
    "note",
    "date",
    "item",
    "done",
    "period",
    "id",
    "of",
  ] as const) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (typeof v === "string") fd[k] = v.trim();
    else if (typeof v === "number" && Number.isFinite(v)) fd[k] = String(v === 0 ? 0 : v);
    else {
      report([...at, k], "文字", describe(v));
      ok = false;
    }
  }
  for (const k of ["count", "shares"] as const) {
    const c = o[k];
    if (c === undefined) continue;
    // A row of counts for a period (栏目 × 月) may say that the period had none.
    const whole = k === "count" && c === 0 && o.period !== undefined ? 0 : wholeOf(c);
    if (whole === null) {
      const hint = typeof c === "string" ? readDecimal(c) : null;
      report(
        [...at, k],
        `1 到 ${MAX_FINDINGS} 的整数(不加引号)`,
        describe(c),
        hint && "hint" in hint ? hint.hint : undefined,
      );
      ok = false;
    } else fd[k] = whole;
  }
  if (o.tags !== undefined) {
    const tags = o.tags;
    // Every index, holes included (`some` would skip a hole).
    const texts =
      Array.isArray(tags) &&
      Array.from({ length: tags.length }, (_, j) => j).every(
        (j) => Object.hasOwn(tags, j) && typeof tags[j] === "string",
      );
    if (!texts) {
      report([...at, "tags"], "文字列表", describe(o.tags));
      ok = false;
    } else {
      fd.tags = o.tags as string[];
      // Declared tags: a tag no rule knows (a typo) would silently change nothing.
      const allowed = f.tags;
      fd.tags.forEach((t, j) => {
        if (allowed && !allowed.includes(t)) {
          report([...at, "tags", j], `以下标签之一:${allowed.join("、")}`, t);
          ok = false;
        }
      });
    }
  }
  if (o.amount !== undefined) {
    const a = readDecimal(o.amount);
    if (!("n" in a) || a.percent || a.n.isNegative()) {
      report(
        [...at, "amount"],
        "金额(0 或以上的数字)",
        describe(o.amount),
        "hint" in a ? a.hint : undefined,
      );
      ok = false;
    } else fd.amount = a.n;
  }
  if (!kindOk(f, fd, at, report)) ok = false;
  if (!subjectOk(f, fd, at, report, errors)) ok = false;
  if (!periodOk(fd, at, report)) ok = false;
  if (fd.of !== undefined && !f.links) {
    report([...at, "of"], "不写 of(这项事实不关联其他问题)", `of: ${fd.of}`);
    ok = false;
  } else if (fd.of !== undefined && fd.item !== undefined) {
    report([...at, "item"], "不写 item(关联的那一条决定它是哪一项信息)", `item: ${fd.item}`);
    ok = false;
  }
  if (!timesOk(fd, index, at, report)) ok = false;
  return ok ? fd : undefined;
}

/**
 * A row of counts names its period as YYYY-MM or YYYY-Qn; a finding is dated or for a period, not
 * both (which would say where it counts twice).
 */
function periodOk(fd: Finding, at: (string | number)[], report: Report): boolean {
  if (fd.period === undefined) return true;
  if (!PERIOD_RE.test(fd.period)) {
    report([...at, "period"], "期间 YYYY-MM 或 YYYY-Qn", fd.period);
    return false;
  }
  if (fd.date !== undefined) {
    report([...at, "date"], "日期 date 与期间 period 只填一个", `date: ${fd.date}`);
    return false;
  }
  return true;
}

/**
 * A fact that declares subjects (栏目) places every finding under one of them: one with no subject
 * or an unknown one would count nowhere (F_UNKNOWN_SUBJECT names it).
 */
function subjectOk(
  f: CFact,
  fd: Finding,
  at: (string | number)[],
  report: Report,
  errors: KaoheIssue[],
): boolean {
  if (!f.subjects) return true;
  if (fd.subject === undefined) {
    report([...at, "subject"], `对象(${f.subjects.join("、")})`, "未填写");
    return false;
  }
  if (!f.subjects.includes(fd.subject)) {
    errors.push(
      issue("F_UNKNOWN_SUBJECT", [...at, "subject"], {
        ...named(f),
        subject: fd.subject,
        allowed: f.subjects.join("、"),
      }),
    );
    return false;
  }
  return true;
}

/** Each finding's `id` names one finding of its fact (F_DUPLICATE_FINDING at the second). */
function idsUnique(
  f: CFact,
  list: readonly Finding[],
  path: (string | number)[],
  errors: KaoheIssue[],
): boolean {
  const first = new Map<string, number>();
  let ok = true;
  list.forEach((fd, i) => {
    if (fd.id === undefined) return;
    const at = findingIndex(fd, i);
    const seen = first.get(fd.id);
    if (seen === undefined) first.set(fd.id, at);
    else {
      errors.push(
        issue("F_DUPLICATE_FINDING", [...path, at, "id"], { ...named(f), id: fd.id, first: seen }),
      );
      ok = false;
    }
  });
  return ok;
}

/** Fields a finding may not have, reported in sorted order (not the order they were written). */
function unknownFields(o: Record<string, unknown>, at: (string | number)[], report: Report) {
  const keys = Object.keys(o);
  let ok = true;
  for (const k of keys) if (!FINDING_KEYS.has(k)) ok = false;
  if (!ok)
    for (const k of keys.sort())
      if (!FINDING_KEYS.has(k))
        report([...at, k], `以下字段之一:${[...FINDING_KEYS].join(", ")}`, `字段 "${k}"`);
  return ok;
}

/** A count or share count: a whole number from 1 to MAX_FINDINGS (not a text), or null. */
function wholeOf(c: unknown): number | null {
  if (typeof c === "bigint" && c >= 1n && c <= BigInt(MAX_FINDINGS))
    return toDecimal(c.toString()).toNumber();
  if (typeof c === "number" && Number.isInteger(c) && c >= 1 && c <= MAX_FINDINGS) return c;
  return null;
}

/** A fact that declares kinds classifies every finding: one with no kind would count nowhere. */
function kindOk(f: CFact, fd: Finding, at: (string | number)[], report: Report): boolean {
  if (!f.kinds) return true;
  if (fd.kind === undefined) {
    report([...at, "kind"], `种类(${f.kinds.join("、")})`, "未填写");
    return false;
  }
  if (!f.kinds.includes(fd.kind)) {
    report([...at, "kind"], `以下之一:${f.kinds.join("、")}`, fd.kind);
    return false;
  }
  return true;
}

/** Dates parsed once here (windows and deadlines read them for every clause), and the index noted. */
function timesOk(fd: Finding, index: number, at: (string | number)[], report: Report): boolean {
  const date = fd.date !== undefined ? parseDateTime(fd.date) : null;
  const done = fd.done !== undefined ? parseDateTime(fd.done) : null;
  let ok = true;
  if (date === null && fd.date !== undefined) {
    report([...at, "date"], "日期 YYYY-MM-DD 或时间 YYYY-MM-DDTHH:mm", fd.date);
    ok = false;
  }
  if (done === null && fd.done !== undefined) {
    report([...at, "done"], "日期 YYYY-MM-DD 或时间 YYYY-MM-DDTHH:mm", fd.done);
    ok = false;
  }
  noteFinding(fd, index, date, done);
  return ok;
}

/**
 * Edit distance between two texts, by code point, or `limit + 1` as soon as it must exceed
 * `limit` (a band around the diagonal: the work is bounded by the texts' length times the limit).
 */
function distance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const far = limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => (j <= limit ? j : far));
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(far);
    if (i <= limit) cur[0] = i;
    const lo = Math.max(1, i - limit);
    const hi = Math.min(b.length, i + limit);
    let best = cur[0] as number;
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur[j] = Math.min(v, far);
      if (v < best) best = v;
    }
    if (best > limit) return far;
    prev = cur;
  }
  return Math.min(prev[b.length] as number, far);
}

/** Keys longer than this get no suggestion; labels are compared on their first 80 characters. */
const MAX_SUGGEST_KEY = 64;
/** Suggestions already worked out, per rule set: one misspelt column costs once, not per unit. */
const suggestCache = new WeakMap<ReadonlyMap<string, CFact>, Map<string, CFact[]>>();

/**
 * The declared facts nearest to an unknown key, by edit distance over ids and labels (a label
 * written as the key, or containing it, counts as near): at most three, nearest first, ties in
 * declaration order. Empty when nothing is close.
 */
export function nearestFacts(facts: ReadonlyMap<string, CFact>, key: string): CFact[] {
  const k = norm(key).toLowerCase();
  const kc = Array.from(k);
  if (!kc.length || kc.length > MAX_SUGGEST_KEY) return [];
  let cache = suggestCache.get(facts);
  if (!cache) {
    cache = new Map();
    suggestCache.set(facts, cache);
  }
  const known = cache.get(k);
  if (known) return known;
  const limit = Math.max(2, Math.floor(kc.length / 3));
  const scored: { f: CFact; d: number; i: number }[] = [];
  let i = 0;
  for (const f of facts.values()) {
    const label = norm(f.label).toLowerCase();
    let d = Math.min(
      distance(kc, Array.from(f.id.toLowerCase()), limit),
      distance(kc, Array.from(label).slice(0, 80), limit),
    );
    if (d > limit && kc.length >= 2 && label.includes(k)) d = limit;
    if (d <= limit) scored.push({ f, d, i });
    i++;
  }
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  const best = scored[0]?.d;
  const out = scored
    .filter((x) => x.d === best)
    .slice(0, 3)
    .map((x) => x.f);
  if (cache.size < 1000) cache.set(k, out);
  return out;
}

/** F_UNKNOWN_FACT for a key the rule set does not declare, suggesting the nearest declared facts. */
export function unknownFactIssue(
  facts: ReadonlyMap<string, CFact>,
  key: string,
  path: (string | number)[],
): KaoheIssue {
  const near = nearestFacts(facts, key);
  const suggestion = near
    .map((f) => (f.label && f.label !== f.id ? `${f.id}(${f.label})` : f.id))
    .join(" 或 ");
  return issue("F_UNKNOWN_FACT", path, { fact: key, ...(suggestion ? { suggestion } : {}) });
}

/** Renders a fact value for an explanation. */
export function factText(v: FactValue | undefined, kind?: string): string {
  if (v === undefined) return "";
  if (v === NA) return "(不适用)";
  if (typeof v === "boolean") return v ? "是" : "否";
  if (typeof v === "string") return v;
  if (Array.isArray(v))
    return `${v.reduce((a, x) => a + (kind === undefined || x.kind === kind ? (x.count ?? 1) : 0), 0)}处${kind !== undefined ? `(${kind})` : ""}`;
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => `${k}:${dstr(x)}`).join(",");
  return dstr(v as Decimal);
}
