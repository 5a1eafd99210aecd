import { DECIMAL_RE, type Decimal, dstr, toDecimal } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { parseDateTime } from "../time/date.js";
import type { Finding } from "./types.js";

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
}

/** The largest count accepted: far beyond any real tally, and exact as a JavaScript number. */
export const MAX_COUNT = 1_000_000_000;

/** No findings list may be longer than this; bigger inputs are refused, not truncated. */
export const MAX_FINDINGS = 100_000;
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
const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${JSON.stringify(v)}`;
}

function toNumber(v: unknown): Decimal | null {
  if (typeof v === "number" && Number.isFinite(v)) return toDecimal(v);
  if (typeof v === "string" && DECIMAL_RE.test(v.trim())) return toDecimal(v.trim());
  return null;
}

/**
 * Resolves one declared fact from a unit's facts: type-checked, range-checked, defaulted. A
 * missing fact gives its declared default, or what its missing policy says: an error, a zero,
 * or "not applicable". Never a silent 0.
 */
export function resolveFact(
  f: CFact,
  raw: unknown,
  present: boolean,
  path: (string | number)[],
  errors: KaoheIssue[],
): FactValue | undefined {
  if (!present || raw === undefined || raw === null) {
    if (f.default !== undefined) return f.default;
    if (f.missing === "error") {
      errors.push(issue("F_MISSING_FACT", path, { fact: f.id }));
      return undefined;
    }
    if (f.missing === "not-applicable") return NA;
    if (f.type === "boolean") return false;
    if (f.type === "findings") return [];
    if (f.type === "series") return new Map();
    if (f.type === "choice") {
      errors.push(issue("F_MISSING_FACT", path, { fact: f.id }));
      return undefined;
    }
    return toDecimal(0);
  }
  const bad = (expected: string) => {
    errors.push(issue("F_FACT_TYPE", path, { fact: f.id, expected, received: describe(raw) }));
    return undefined;
  };
  switch (f.type) {
    case "boolean":
      return typeof raw === "boolean" ? raw : bad("true or false");
    case "findings":
      return resolveFindings(f, raw, path, errors);
    case "series": {
      if (!raw || typeof raw !== "object" || Array.isArray(raw))
        return bad("a mapping of period (YYYY-MM or YYYY-Qn) to number");
      const out = new Map<string, Decimal>();
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        const n = toNumber(v);
        if (!PERIOD_RE.test(k) || !n) {
          errors.push(
            issue("F_FACT_TYPE", [...path, k], {
              fact: f.id,
              expected: "a period YYYY-MM or YYYY-Qn with a number",
              received: `${k}: ${describe(v)}`,
            }),
          );
          return undefined;
        }
        if ((f.min && n.lessThan(f.min)) || (f.max && n.greaterThan(f.max))) {
          errors.push(
            issue("F_FACT_RANGE", [...path, k], {
              fact: f.id,
              value: dstr(n),
              min: f.min ? dstr(f.min) : "−∞",
              max: f.max ? dstr(f.max) : "∞",
            }),
          );
          return undefined;
        }
        out.set(k, n);
      }
      return out;
    }
    case "choice":
      return typeof raw === "string" && f.options?.includes(raw)
        ? raw
        : bad(`one of ${(f.options ?? []).join(", ")}`);
    default: {
      const n = toNumber(raw);
      if (!n) return bad("a number");
      if (f.type === "count" && (!n.isInteger() || n.isNegative() || n.greaterThan(MAX_COUNT)))
        return bad(`a whole number of occurrences (0 to ${MAX_COUNT})`);
      const min = f.min ?? (f.type === "rate" || f.type === "count" ? toDecimal(0) : undefined);
      const max = f.max ?? (f.type === "rate" ? toDecimal(100) : undefined);
      if ((min && n.lessThan(min)) || (max && n.greaterThan(max))) {
        errors.push(
          issue("F_FACT_RANGE", path, {
            fact: f.id,
            value: dstr(n),
            min: min ? dstr(min) : "−∞",
            max: max ? dstr(max) : "∞",
          }),
        );
        return undefined;
      }
      return n;
    }
  }
}

function resolveFindings(
  f: CFact,
  raw: unknown,
  path: (string | number)[],
  errors: KaoheIssue[],
): Finding[] | undefined {
  // A bare count is accepted for a findings fact: that many occurrences with no subject.
  const n = toNumber(raw);
  if (n) {
    if (!n.isInteger() || n.isNegative() || n.greaterThan(MAX_FINDINGS)) {
      errors.push(
        issue("F_FACT_TYPE", path, {
          fact: f.id,
          expected: "a list of findings or a whole count",
          received: describe(raw),
        }),
      );
      return undefined;
    }
    return n.isZero() ? [] : [{ count: n.toNumber() }];
  }
  if (!Array.isArray(raw)) {
    errors.push(
      issue("F_FACT_TYPE", path, {
        fact: f.id,
        expected: "a list of findings",
        received: describe(raw),
      }),
    );
    return undefined;
  }
  if (raw.length > MAX_FINDINGS) {
    errors.push(
      issue("F_FACT_TYPE", path, {
        fact: f.id,
        expected: `at most ${MAX_FINDINGS} findings`,
        received: `${raw.length}`,
      }),
    );
    return undefined;
  }
  const out: Finding[] = [];
  let ok = true;
  raw.forEach((item, i) => {
    const p = (): (string | number)[] => [...path, i];
    if (typeof item === "string") {
      if (f.kinds) {
        errors.push(
          issue("F_FACT_TYPE", p(), {
            fact: f.id,
            expected: `a finding with a kind (${f.kinds.join(", ")})`,
            received: describe(item),
          }),
        );
        ok = false;
        return;
      }
      out.push({ note: item });
      return;
    }
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      errors.push(
        issue("F_FACT_TYPE", p(), {
          fact: f.id,
          expected: "a finding (a mapping or a text)",
          received: describe(item),
        }),
      );
      ok = false;
      return;
    }
    const o = item as Record<string, unknown>;
    const fd: Finding = {};
    for (const k of Object.keys(o)) {
      if (!FINDING_KEYS.has(k)) {
        errors.push(
          issue("F_FACT_TYPE", [...p(), k], {
            fact: f.id,
            expected: `one of ${[...FINDING_KEYS].join(", ")}`,
            received: `key "${k}"`,
          }),
        );
        ok = false;
      }
    }
    for (const k of ["subject", "person", "kind", "note", "date", "item", "done"] as const) {
      const v = o[k];
      if (v === undefined || v === null) continue;
      if (typeof v !== "string" && typeof v !== "number") {
        errors.push(
          issue("F_FACT_TYPE", [...p(), k], {
            fact: f.id,
            expected: "a text",
            received: describe(v),
          }),
        );
        ok = false;
      } else fd[k] = String(v);
    }
    for (const k of ["count", "shares"] as const) {
      const c = o[k];
      if (c === undefined) continue;
      if (typeof c !== "number" || !Number.isInteger(c) || c < 1 || c > MAX_FINDINGS) {
        errors.push(
          issue("F_FACT_TYPE", [...p(), k], {
            fact: f.id,
            expected: "a whole number of 1 or more",
            received: describe(c),
          }),
        );
        ok = false;
      } else fd[k] = c;
    }
    if (o.tags !== undefined) {
      if (!Array.isArray(o.tags) || o.tags.some((t) => typeof t !== "string")) {
        errors.push(
          issue("F_FACT_TYPE", [...p(), "tags"], {
            fact: f.id,
            expected: "a list of texts",
            received: describe(o.tags),
          }),
        );
        ok = false;
      } else fd.tags = o.tags as string[];
    }
    if (o.amount !== undefined) {
      const a = toNumber(o.amount);
      if (!a || a.isNegative()) {
        errors.push(
          issue("F_FACT_TYPE", [...p(), "amount"], {
            fact: f.id,
            expected: "an amount (0 or more)",
            received: describe(o.amount),
          }),
        );
        ok = false;
      } else fd.amount = a;
    }
    if (fd.kind === undefined && f.kinds) {
      // A fact that declares kinds classifies every finding: one with no kind would count nowhere.
      errors.push(
        issue("F_FACT_TYPE", [...p(), "kind"], {
          fact: f.id,
          expected: `a kind (${f.kinds.join(", ")})`,
          received: "none",
        }),
      );
      ok = false;
    }
    if (fd.kind !== undefined && f.kinds && !f.kinds.includes(fd.kind)) {
      errors.push(
        issue("F_FACT_TYPE", [...p(), "kind"], {
          fact: f.id,
          expected: `one of ${f.kinds.join(", ")}`,
          received: fd.kind,
        }),
      );
      ok = false;
    }
    for (const k of ["date", "done"] as const) {
      const v = fd[k];
      if (v !== undefined && parseDateTime(v) === null) {
        errors.push(
          issue("F_FACT_TYPE", [...p(), k], {
            fact: f.id,
            expected: "a date YYYY-MM-DD or a time YYYY-MM-DDTHH:mm",
            received: v,
          }),
        );
        ok = false;
      }
    }
    out.push(fd);
  });
  return ok ? out : undefined;
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
