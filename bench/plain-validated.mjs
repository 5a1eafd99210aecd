// Plain-JS baseline for rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml that checks a unit's
// facts the way kaohe does before scoring them (src/evaluate/facts.ts and resolveUnitFacts in
// src/evaluate/evaluate.ts), written by hand as a careful programmer would: a table of the 45
// declared facts, then per unit
//
//   - the category required and known (chengzhong, other);
//   - `facts` a plain mapping; every key declared (unknown keys, and __proto__, constructor,
//     prototype, refused);
//   - each declared fact that is given: its type (boolean, count, number, rate, findings, series)
//     and range, in the forms kaohe accepts (true/false or 是/否…, 12 or "12", 87.5 or "87.5%",
//     full-width digits folded); each fact not given: zero, not applicable, or an error, as the
//     rule set says, and an error only if the unit's category reads it;
//   - findings lists item by item: a mapping with known fields, texts as texts, count and shares
//     whole numbers 1–100000, tags a list of texts, amount a number ≥ 0, kind given and one of the
//     declared kinds, date and done real dates (YYYY-MM-DD or YYYY-MM-DDTHH:mm); a bare count;
//   - series: periods YYYY-MM or YYYY-Qn, each once, numbers;
//   - a rate given as a bare value in (0, 1] warned about (W_RATE_SCALE), as kaohe does;
//   - and what kaohe checks while it scores: a sub-unit on every finding that a per-sub-unit cap
//     reads, a date and a done date (not before the date) on every staffing change of (二)'s
//     window, no quarters in the monthly news series;
//
// every problem collected (code and path, as kaohe reports them), and the facts normalised (JS
// numbers, booleans, lists) for scoring. Scoring then uses the item functions of bench/plain.mjs
// in integer hundredths, with the assessment windows of (二) and (三) applied to dated findings.
// No decimals, no explanation, no messages in words: only what checking and scoring need.

import {
  lost2_2,
  lost2_3,
  lost2_4,
  lost2_7,
  lost2_8,
  lost3_1,
  lost4_1,
  lost4_2,
  lost4_3,
  lost5_1,
  lost5_2,
  perSubject,
  workdaysDue30,
} from "./plain.mjs";

const MAX_COUNT = 1_000_000_000;
const MAX_FINDINGS = 100_000;
const DECIMAL_RE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const FINDING_KEYS = new Set([
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
]);
const TEXT_KEYS = ["subject", "person", "kind", "note", "date", "item", "done"];
const TRUE_WORDS = new Set(["true", "是", "有", "√", "✓", "✔"]);
const FALSE_WORDS = new Set(["false", "否", "无", "×", "✗", "✘"]);
const CATEGORIES = new Set(["chengzhong", "other"]);

// The facts of rules.yaml: type, range, and what a missing fact means (policy.missingFact: error
// unless the fact says otherwise). `notFor` lists the categories that never read the fact.
const b = (id, extra = {}) => ({ id, type: "boolean", missing: "error", ...extra });
const c = (id, extra = {}) => ({ id, type: "count", missing: "zero", ...extra });
const fi = (id, extra = {}) => ({ id, type: "findings", missing: "zero", ...extra });
const FACTS = [
  fi("funds_late"),
  fi("funds_publication", { kinds: ["详细公开", "总表说明"] }),
  c("funds_late_by_share", { missing: "not-applicable" }),
  b("funds_reduced_without_approval"),
  b("staffing_info_incomplete"),
  fi("staffing_changes"),
  b("staffing_secrecy_breach"),
  { id: "admin_posts_total", type: "number", min: 0, missing: "error" },
  { id: "admin_posts_approved", type: "number", min: 0, missing: "error" },
  b("staffing_diff_unexplained"),
  b("actual_public_unexplained"),
  c("overview_parts_missing", { max: 2 }),
  b("overview_misplaced"),
  c("overview_defects"),
  c("duties_blank_units"),
  c("duties_irregular_units"),
  c("staffing_table_blanks"),
  c("staffing_table_errors"),
  fi("internal_org_blanks"),
  fi("internal_org_errors"),
  fi("staff_blanks"),
  fi("staff_errors"),
  { id: "realname_rate_admin", type: "rate", missing: "error" },
  { id: "realname_rate_institutions", type: "rate", missing: "error" },
  b("complaints_reported_and_handled"),
  fi("reply_failures", { kinds: ["应回复未回复", "不应公开而公开答复"] }),
  fi("replies_late"),
  fi("replies_perfunctory"),
  fi("password_reply_misuse"),
  b("rural_query_points_active", { notFor: "chengzhong" }),
  b("school_query_activities"),
  b("mobile_query_activities"),
  { id: "news_monthly", type: "series", missing: "error" },
  b("info_timely_updated"),
  b("free_query_point_ok"),
  b("special_staff_in_place"),
  b("half_year_summary_submitted"),
  b("self_assessment_done"),
  b("other_tasks_done"),
  b("exposure_not_reported_48h"),
  b("leads_not_reported"),
  b("tech_staff_and_rules"),
  b("site_distinctive"),
  b("pages_tidy"),
  b("pages_correct"),
  b("free_query_column"),
  b("data_orderly"),
];
const DECLARED = new Set(FACTS.map((f) => f.id));
for (const f of FACTS) f.path = ["facts", f.id];

const isPlainObject = (v) => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};
const norm = (s) => s.normalize("NFKC").trim();

/** A number from a number, a BigInt or a decimal text ("87.5", "87.5%"); null if none. */
function readNumber(v) {
  if (typeof v === "number") return Number.isFinite(v) ? { n: v === 0 ? 0 : v, pc: false } : null;
  if (typeof v === "bigint") return { n: Number(v), pc: false };
  if (typeof v !== "string") return null;
  let s = norm(v);
  let pc = false;
  if (s.endsWith("%")) {
    pc = true;
    s = s.slice(0, -1).trim();
  }
  if (!DECIMAL_RE.test(s)) return null;
  const n = Number(s);
  return { n: n === 0 ? 0 : n, pc };
}

function readBoolean(v) {
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return undefined;
  const s = norm(v).toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return undefined;
}

/** A real calendar date (proleptic Gregorian, years 0000–9999). */
function realDate(y, m, d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
function validDateTime(s) {
  let m = DATE_RE.exec(s);
  if (m) return realDate(+m[1], +m[2], +m[3]);
  m = DATETIME_RE.exec(s);
  return m !== null && realDate(+m[1], +m[2], +m[3]) && +m[4] <= 23 && +m[5] <= 59;
}

/** A findings fact: a bare count or a list of findings; the list normalised, or undefined. */
function readFindings(f, raw, path, errors) {
  const bad = (at) => errors.push({ code: "F_FACT_TYPE", path: at });
  if (typeof raw === "number" || typeof raw === "bigint" || typeof raw === "string") {
    const r = readNumber(raw);
    if (!r || r.pc || !Number.isInteger(r.n) || r.n < 0 || r.n > MAX_FINDINGS) {
      bad(path);
      return undefined;
    }
    return r.n === 0 ? [] : [{ count: r.n }];
  }
  if (!Array.isArray(raw) || raw.length > MAX_FINDINGS) {
    bad(path);
    return undefined;
  }
  const out = [];
  let ok = true;
  for (let i = 0; i < raw.length; i++) {
    if (!Object.hasOwn(raw, i)) {
      bad([...path, i]);
      ok = false;
      continue;
    }
    const item = raw[i];
    if (typeof item === "string") {
      if (f.kinds) {
        bad([...path, i]);
        ok = false;
      } else out.push({ note: item });
      continue;
    }
    if (!isPlainObject(item)) {
      bad([...path, i]);
      ok = false;
      continue;
    }
    const fd = {};
    for (const k in item) {
      if (Object.hasOwn(item, k) && !FINDING_KEYS.has(k)) {
        bad([...path, i, k]);
        ok = false;
      }
    }
    for (const k of TEXT_KEYS) {
      const v = item[k];
      if (v === undefined || v === null) continue;
      if (typeof v === "string") fd[k] = v.trim();
      else if (typeof v === "number" && Number.isFinite(v)) fd[k] = String(v === 0 ? 0 : v);
      else {
        bad([...path, i, k]);
        ok = false;
      }
    }
    for (const k of ["count", "shares"]) {
      const v = item[k];
      if (v === undefined) continue;
      if (typeof v === "bigint" && v >= 1n && v <= BigInt(MAX_FINDINGS)) fd[k] = Number(v);
      else if (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= MAX_FINDINGS)
        fd[k] = v;
      else {
        bad([...path, i, k]);
        ok = false;
      }
    }
    if (item.tags !== undefined) {
      const t = item.tags;
      let texts = Array.isArray(t);
      for (let j = 0; texts && j < t.length; j++)
        texts = Object.hasOwn(t, j) && typeof t[j] === "string";
      if (texts) fd.tags = t;
      else {
        bad([...path, i, "tags"]);
        ok = false;
      }
    }
    if (item.amount !== undefined) {
      const a = readNumber(item.amount);
      if (!a || a.pc || a.n < 0) {
        bad([...path, i, "amount"]);
        ok = false;
      } else fd.amount = a.n;
    }
    if (f.kinds && (fd.kind === undefined || !f.kinds.includes(fd.kind))) {
      bad([...path, i, "kind"]);
      ok = false;
    }
    if (fd.date !== undefined && !validDateTime(fd.date)) {
      bad([...path, i, "date"]);
      ok = false;
    }
    if (fd.done !== undefined && !validDateTime(fd.done)) {
      bad([...path, i, "done"]);
      ok = false;
    }
    out.push(fd);
  }
  return ok ? out : undefined;
}

/** A series: a mapping (or Map) of periods to numbers, normalised to a null-prototype object. */
function readSeries(f, raw, path, errors) {
  let entries;
  if (isPlainObject(raw)) entries = Object.entries(raw);
  else if (raw instanceof Map) entries = [...raw.entries()];
  else {
    errors.push({ code: "F_FACT_TYPE", path });
    return undefined;
  }
  entries.sort((x, y) => (String(x[0]) < String(y[0]) ? -1 : String(x[0]) > String(y[0]) ? 1 : 0));
  const out = Object.create(null);
  for (const [key, v] of entries) {
    const k = typeof key === "string" ? key.trim() : key;
    const r = readNumber(v);
    if (typeof k !== "string" || !PERIOD_RE.test(k) || !r || r.pc) {
      errors.push({ code: "F_FACT_TYPE", path: [...path, String(k)] });
      return undefined;
    }
    if (k in out) {
      errors.push({ code: "F_FACT_TYPE", path: [...path, k] });
      return undefined;
    }
    if ((f.min !== undefined && r.n < f.min) || (f.max !== undefined && r.n > f.max)) {
      errors.push({ code: "F_FACT_RANGE", path: [...path, k] });
      return undefined;
    }
    out[k] = r.n;
  }
  return out;
}

/** One given fact, checked and normalised; undefined (with an error pushed) if refused. */
function readFact(f, raw, path, errors, warnings) {
  switch (f.type) {
    case "boolean": {
      const v = readBoolean(raw);
      if (v === undefined) errors.push({ code: "F_FACT_TYPE", path });
      return v;
    }
    case "findings":
      return readFindings(f, raw, path, errors);
    case "series":
      return readSeries(f, raw, path, errors);
    default: {
      const r = readNumber(raw);
      if (
        !r ||
        (r.pc && f.type !== "rate") ||
        (f.type === "count" && (!Number.isInteger(r.n) || r.n < 0 || r.n > MAX_COUNT))
      ) {
        errors.push({ code: "F_FACT_TYPE", path });
        return undefined;
      }
      const min = f.min ?? (f.type === "number" ? undefined : 0);
      const max = f.max ?? (f.type === "rate" ? 100 : undefined);
      if (f.type === "rate" && !r.pc && r.n > 0 && r.n <= 1)
        warnings.push({ code: "W_RATE_SCALE", path });
      if ((min !== undefined && r.n < min) || (max !== undefined && r.n > max)) {
        errors.push({ code: "F_FACT_RANGE", path });
        return undefined;
      }
      return r.n;
    }
  }
}

/**
 * Checks a unit's category and facts. Returns { ok: true, category, facts, warnings } with the
 * facts normalised, or { ok: false, issues } with every problem found ({ code, path }).
 */
export function checkUnit(unit) {
  const category = unit.category ?? null;
  if (category === null)
    return { ok: false, issues: [{ code: "F_CATEGORY_REQUIRED", path: ["category"] }] };
  if (!CATEGORIES.has(category))
    return { ok: false, issues: [{ code: "F_UNKNOWN_CATEGORY", path: ["category"] }] };
  const given = unit.facts ?? {};
  if (!isPlainObject(given))
    return { ok: false, issues: [{ code: "F_BAD_UNITS", path: ["facts"] }] };
  const errors = [];
  const missing = [];
  const warnings = [];
  for (const key of Object.keys(given))
    if (UNSAFE_KEYS.has(key) || !DECLARED.has(key))
      errors.push({ code: "F_UNKNOWN_FACT", path: ["facts", key] });
  const facts = {};
  for (const f of FACTS) {
    const present = Object.hasOwn(given, f.id);
    const raw = present ? given[f.id] : undefined;
    if (raw === undefined || raw === null) {
      if (!present && f.notFor === category) continue;
      if (f.missing === "error")
        (present ? errors : missing).push({ code: "F_MISSING_FACT", path: f.path });
      else if (f.missing === "zero")
        facts[f.id] = f.type === "boolean" ? false : f.type === "findings" ? [] : 0;
      // not-applicable: left out of `facts`
      continue;
    }
    const v = readFact(f, raw, f.path, errors, warnings);
    if (v !== undefined) facts[f.id] = v;
  }
  if (errors.length || missing.length) return { ok: false, issues: [...errors, ...missing] };
  return { ok: true, category, facts, warnings };
}

// ---------------------------------------------------------------------------------------------
// Scoring the normalised facts, in hundredths of a point

const occurrences = (list) => {
  let n = 0;
  for (const x of list) n += x.count ?? 1;
  return n;
};
/** The findings of a list inside a window [from, to] (YYYY-MM-DD); undated ones are kept. */
function within(list, from, to) {
  let dated = false;
  for (const x of list) if (x.date !== undefined) dated = true;
  if (!dated) return list;
  return list.filter((x) => {
    if (x.date === undefined) return true;
    const d = x.date.slice(0, 10);
    return d >= from && d <= to;
  });
}
const W2 = ["2008-12-11", "2009-06-30"];
const W3 = ["2008-12-01", "2009-06-30"];

/** Whether every finding names a subject (一个单位最多扣…: F_FINDING_SUBJECT otherwise). */
const allHaveSubject = (list) => list.every((x) => x.subject !== undefined);

/**
 * Checks and scores a unit: { ok: true, total, warnings } with the total in points (2 decimals
 * exact), or { ok: false, issues }. Besides the facts, it checks what kaohe checks while scoring:
 * a sub-unit on every finding of a per-sub-unit rule, a date and a done date (not before it) on
 * every staffing change, no quarters in the monthly news series.
 */
export function scoreValidated(unit) {
  const r = checkUnit(unit);
  if (!r.ok) return r;
  const f = r.facts;
  const cz = r.category === "chengzhong";
  const issues = [];
  // (二) and (三) count only the dated findings inside their windows.
  const changes = within(f.staffing_changes, ...W2);
  const orgBlanks = within(f.internal_org_blanks, ...W2);
  const orgErrors = within(f.internal_org_errors, ...W2);
  const staffErrors = within(f.staff_errors, ...W2);
  for (const [id, list] of [
    ["internal_org_blanks", orgBlanks],
    ["internal_org_errors", orgErrors],
    ["staff_errors", staffErrors],
  ])
    if (!allHaveSubject(list)) issues.push({ code: "F_FINDING_SUBJECT", path: ["facts", id] });
  // 二.1: 30 working days from each change (kaohe names the change by its place in the window).
  let late = false;
  for (let i = 0; i < changes.length; i++) {
    const x = changes[i];
    const at = ["facts", "staffing_changes", i];
    if (x.date === undefined) {
      issues.push({ code: "F_FACT_TYPE", path: [...at, "date"] });
      break;
    }
    if (x.done !== undefined && x.done < x.date) {
      issues.push({ code: "F_FACT_TYPE", path: [...at, "done"] });
      break;
    }
    if (x.done === undefined) {
      issues.push({ code: "F_AS_OF_REQUIRED", path: [...at, "done"] });
      break;
    }
    if (x.done.slice(0, 10) > workdaysDue30(x.date.slice(0, 10))) late = true;
  }
  for (const k in f.news_monthly)
    if (k.includes("Q")) {
      issues.push({ code: "F_FACT_TYPE", path: ["facts", "news_monthly", k] });
      break;
    }
  if (issues.length) return { ok: false, issues };

  const lost1 = Math.min(200 * (occurrences(f.funds_late) + (f.funds_late_by_share ?? 0)), 3600);
  let lost2_1 = 0;
  if (f.staffing_info_incomplete) lost2_1 += 100;
  if (late) lost2_1 += 100;
  if (f.staffing_secrecy_breach) lost2_1 += 200;
  const lost2_5 = Math.min(perSubject(orgBlanks, 10, 50) + perSubject(orgErrors, 10, 50), 100);
  const lost2_6 = Math.min(
    20 * occurrences(within(f.staff_blanks, ...W2)) + perSubject(staffErrors, 10, 50),
    400,
  );
  const lost3_2 = Math.min(
    Math.min(100 * occurrences(within(f.reply_failures, ...W3)), 1300) +
      Math.min(50 * occurrences(within(f.replies_late, ...W3)), 500) +
      Math.min(100 * occurrences(within(f.replies_perfunctory, ...W3)), 1300) +
      Math.min(50 * occurrences(within(f.password_reply_misuse, ...W3)), 300),
    1300,
  );
  const lost =
    lost1 +
    Math.min(lost2_1, 200) +
    lost2_2(f) +
    lost2_3(f) +
    lost2_4(f) +
    lost2_5 +
    lost2_6 +
    lost2_7(f) +
    lost2_8(f) +
    lost3_1(f) +
    lost3_2 +
    lost4_1(f, cz) +
    lost4_2(f) +
    lost4_3(f) +
    lost5_1(f) +
    lost5_2(f);
  return { ok: true, total: (10000 - lost) / 100, warnings: r.warnings };
}
