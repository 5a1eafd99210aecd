/**
 * The JSON Schema (draft 2020-12) of the facts file one rule set reads (issue 12: 3), so that a
 * calling system can validate what it sends before it sends it: every fact a unit may give, with
 * its type, range and Chinese label as the title; facts computed by the rule set (derived, or from
 * the cohort) are not allowed, nor are unknown ones — as kaohe itself refuses them.
 *
 * The schema accepts the canonical forms of docs/facts.md. kaohe reads a little more than a schema
 * can say (full-width digits and signs are folded, 是/否 are trimmed), never less: a file that passes
 * the schema passes kaohe's type checks. Which facts a unit must give is not in the schema: that can
 * depend on its category and on the rule set's missing-fact policy, and kaohe reports a missing fact
 * by name (F_MISSING_FACT).
 */

import type { CompiledRuleSet } from "../compile/compile.js";
import { MAX_COUNT } from "../compile/values.js";
import { FINDING_KEYS, MAX_FINDINGS } from "../evaluate/facts.js";

/** A JSON Schema, as plain data. */
export type JsonSchema = { [key: string]: unknown };

const DECIMAL = "-?(0|[1-9][0-9]*)(\\.[0-9]+)?";
const decimalText = (percent: boolean): JsonSchema => ({
  type: "string",
  pattern: `^\\s*${DECIMAL}${percent ? "\\s*[%％]?" : ""}\\s*$`,
});
/** A real calendar date (leap years included), optionally with a time of day. */
const DATE =
  "^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))" +
  "|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)" +
  "(?:T(?:[01]\\d|2[0-3]):[0-5]\\d)?$";
/** A blank cell: the fact is absent, as if not written (what that means is the rule set's policy). */
const NULL: JsonSchema = { type: "null", description: "空:视同未填写。Blank: as if not given." };
const TEXT_OR_NUMBER: JsonSchema = { type: ["string", "number"] };

/** What each key of a finding means, in both languages (docs/facts.md, `findings`). */
const FINDING_PROPS: Record<string, JsonSchema> = {
  subject: { ...TEXT_OR_NUMBER, description: "所属单位(按单位封顶)。The sub-unit it belongs to." },
  person: { ...TEXT_OR_NUMBER, description: "所涉人员(每人)。The person concerned." },
  kind: { ...TEXT_OR_NUMBER, description: "问题类别。The kind of finding." },
  count: {
    type: "integer",
    minimum: 1,
    maximum: MAX_FINDINGS,
    description: "代表几处(默认1)。How many occurrences this entry stands for (default 1).",
  },
  note: { ...TEXT_OR_NUMBER, description: "说明。What was found." },
  date: {
    type: "string",
    pattern: DATE,
    description: "发现(或事件)日期。When it was found, or when the event happened.",
  },
  done: {
    type: "string",
    pattern: DATE,
    description: "办结日期(时限条款)。When the response was made (deadline clauses).",
  },
  item: { ...TEXT_OR_NUMBER, description: "所涉信息(计分)。The item the finding is about." },
  shares: {
    type: "integer",
    minimum: 1,
    maximum: MAX_FINDINGS,
    description: "合报单位数。How many units share the finding.",
  },
  tags: {
    type: "array",
    items: { type: "string" },
    description: "标签(如转报)。Texts a multiplier can match.",
  },
  amount: {
    anyOf: [{ type: "number", minimum: 0 }, decimalText(false)],
    description: "酌定扣分。The amount the assessors chose for this finding.",
  },
  period: {
    type: "string",
    pattern: "^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$",
    description:
      "所属期间(按期计数的一行:栏目 × 月)。The period a row of counts is for (YYYY-MM or YYYY-Qn).",
  },
  id: { ...TEXT_OR_NUMBER, description: "本条的编号(供 of 指向)。This finding's id, for `of`." },
  of: {
    ...TEXT_OR_NUMBER,
    description:
      "所指的另一条问题的编号(如批示所批的信息)。The id of the finding this one is about.",
  },
};

/** The keys a finding may have that the schema describes (a test holds them to kaohe's). */
export const FINDING_SCHEMA_KEYS: readonly string[] = Object.keys(FINDING_PROPS);

const bounds = (min: unknown, max: unknown): JsonSchema => ({
  ...(min !== undefined ? { minimum: Number(min) } : {}),
  ...(max !== undefined ? { maximum: Number(max) } : {}),
});

type Decl = {
  id: string;
  tags?: readonly string[];
  subjects?: readonly string[];
  links?: { fact: string; kinds?: Readonly<Record<string, readonly string[]>> };
  label: string;
  type: string;
  min?: unknown;
  max?: unknown;
  unit?: string;
  options?: readonly string[];
  kinds?: readonly string[];
  scale?: "percent" | "fraction";
  note?: string;
};

/** How the clauses read a findings fact: whether some need each entry's date, or its kind. */
interface Use {
  dated: boolean;
  kinded: boolean;
  amounted: boolean;
  /** The period a target reads the fact by: months or quarters (both when targets differ). */
  period?: "month" | "quarter" | "both";
}

/**
 * How clauses read each fact: deadline clauses need each finding's date, tallies its kind, and
 * a range over findings its amount.
 */
function findingUses(source: unknown): Map<string, Use> {
  const uses = new Map<string, Use>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.type === "target" && typeof o.fact === "string" && typeof o.period === "string") {
        const u = uses.get(o.fact) ?? { ...NO_USE };
        const p = o.period === "quarter" ? "quarter" : "month";
        u.period = u.period === undefined || u.period === p ? p : "both";
        uses.set(o.fact, u);
      }
      if (typeof o.fact === "string" && ["deadline", "tally", "range"].includes(o.type as string)) {
        const u = uses.get(o.fact) ?? { ...NO_USE };
        if (o.type === "deadline") u.dated = true;
        else if (o.type === "tally") u.kinded = true;
        else u.amounted = true;
        uses.set(o.fact, u);
      }
      for (const x of Object.values(o)) visit(x);
    }
  };
  visit(source);
  return uses;
}

/** A schema that holds when `a` does not, or `b` does. */
const implies = (a: JsonSchema, b: JsonSchema): JsonSchema => ({ anyOf: [{ not: a }, b] });

const NO_USE: Use = { dated: false, kinded: false, amounted: false };

/** The periods a fact may be keyed by: what its targets read (a monthly target refuses quarters). */
const periodPattern = (use: Use): string =>
  use.period === "month"
    ? "^\\d{4}-(0[1-9]|1[0-2])$"
    : use.period === "quarter"
      ? "^\\d{4}-Q[1-4]$"
      : "^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$";

/** The schema of one declared fact's value. */
function valueSchema(f: Decl, use: Use): JsonSchema {
  switch (f.type) {
    case "boolean":
      return {
        anyOf: [
          { type: "boolean" },
          { enum: ["是", "有", "√", "✓", "✔", "否", "无", "×", "✗", "✘"] },
          { type: "string", pattern: "^\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\\s*$" },
        ],
      };
    case "count": {
      const b = bounds(f.min ?? 0, f.max ?? MAX_COUNT);
      return {
        anyOf: [
          { type: "integer", ...b },
          { type: "string", pattern: "^\\s*\\d+\\s*$" },
        ],
      };
    }
    case "number":
    case "amount":
      return { anyOf: [{ type: "number", ...bounds(f.min, f.max) }, decimalText(false)] };
    case "rate": {
      const fraction = f.scale === "fraction";
      const b = bounds(f.min ?? 0, f.max ?? (fraction ? 1 : 100));
      return {
        anyOf: [{ type: "number", ...(fraction ? bounds(0, 1) : b) }, decimalText(true)],
      };
    }
    case "choice":
      return { type: "string", enum: [...(f.options ?? [])] };
    case "series":
      return {
        type: "object",
        propertyNames: { pattern: periodPattern(use) },
        additionalProperties: {
          anyOf: [{ type: "number", ...bounds(f.min, f.max) }, decimalText(false)],
        },
      };
    case "findings": {
      // Entries need a kind when kinds are declared or a tally prices them, and a date when a
      // deadline reads them; a bare count or a plain text has neither, so is then refused.
      const props = { ...FINDING_PROPS };
      if (f.kinds?.length) props.kind = { ...props.kind, enum: [...f.kinds] };
      if (f.subjects?.length) props.subject = { ...props.subject, enum: [...f.subjects] };
      if (f.tags?.length) props.tags = { ...props.tags, items: { enum: [...f.tags] } };
      props.period = { ...props.period, pattern: periodPattern(use) };
      // Kinds that must name the finding they are about (a 批示 names its piece).
      const mustLink = Object.keys(f.links?.kinds ?? {});
      // A row of counts for a period (栏目 × 月) may say it had none; any other entry is at
      // least one occurrence.
      props.count = { ...props.count, minimum: 0 };
      // Entries written as mappings need a kind when kinds are declared. A clause that needs
      // something of every entry (a tally its kind, a deadline its date, a range its amount)
      // refuses a bare count and a plain text, which have none of these.
      const required = [
        ...(f.kinds?.length || use.kinded ? ["kind"] : []),
        ...(f.subjects?.length ? ["subject"] : []),
        ...(use.dated ? ["date"] : []),
        ...(use.amounted ? ["amount"] : []),
      ];
      const entry: JsonSchema = {
        type: "object",
        properties: props,
        additionalProperties: false,
        ...(required.length ? { required } : {}),
        // Dated or for a period, not both; a count of 0 only on a period's row.
        not: { required: ["date", "period"] },
        // "if A then B", written as "not A, or B" (a `then` key would make the object thenable).
        allOf: [
          implies(
            { properties: { count: { const: 0 } }, required: ["count"] },
            { required: ["period"] },
          ),
          // A target counts findings per period: each needs its period or its date.
          ...(use.period ? [{ anyOf: [{ required: ["period"] }, { required: ["date"] }] }] : []),
          ...(mustLink.length
            ? [
                implies(
                  { properties: { kind: { enum: mustLink } }, required: ["kind"] },
                  { required: ["of"] },
                ),
              ]
            : []),
        ],
      };
      // Declared subjects: every finding names one, so a bare count can only be 0.
      const strict =
        use.kinded || use.dated || use.amounted || !!use.period || !!f.subjects?.length;
      const list: JsonSchema = {
        type: "array",
        maxItems: MAX_FINDINGS,
        items: strict ? entry : { anyOf: [entry, { type: "string" }] },
      };
      if (f.subjects?.length) return { anyOf: [{ const: 0 }, list] };
      return strict
        ? list
        : { anyOf: [{ type: "integer", minimum: 0, maximum: MAX_FINDINGS }, list] };
    }
    default:
      return {};
  }
}

const TYPE_WORDS: Record<string, string> = {
  boolean: "是否 (boolean)",
  count: "整数 (count)",
  number: "数值 (number)",
  rate: "比率 (rate)",
  amount: "酌定分值 (amount)",
  findings: "问题清单 (findings)",
  choice: "选项 (choice)",
  series: "逐期数值 (series)",
};

/**
 * The JSON Schema of the facts file a compiled rule set reads: `{ units: [...] }`, a list of
 * units, or one unit, each `{ id, category?, facts, parts?, parent?, self? }`.
 */
export function factsSchemaOf(crs: CompiledRuleSet): JsonSchema {
  const given = (crs.source.facts ?? []).filter(
    (f) => !crs.derived.has(f.id) && !crs.computedFacts.has(f.id),
  ) as Decl[];
  const uses = findingUses(crs.source);
  const properties: Record<string, JsonSchema> = {};
  for (const f of given) {
    const range =
      f.type === "rate" && f.scale === "fraction"
        ? ";以小数填写,0.875 即 87.5% (written as a fraction)"
        : f.type === "rate"
          ? ";以百分数填写,87.5 即 87.5% (written in percent)"
          : "";
    properties[f.id] = {
      title: f.label,
      description: `${f.label}:${TYPE_WORDS[f.type] ?? f.type}${f.unit ? `,单位 ${f.unit}` : ""}${range}${f.note ? `。${f.note}` : ""}`,
      anyOf: [valueSchema(f, uses.get(f.id) ?? NO_USE), NULL],
    };
  }
  const facts: JsonSchema = {
    type: "object",
    description: "事实:事实编号 → 值。Facts: fact id → value.",
    properties,
    additionalProperties: false,
  };
  const parts: JsonSchema = {
    type: "object",
    description: "分项(合成计分)。Parts of a unit scored separately, then combined.",
    additionalProperties: {
      type: "object",
      properties: {
        facts,
        score: { anyOf: [{ type: "number" }, decimalText(false)] },
        parts: { $ref: "#/$defs/parts" },
      },
      additionalProperties: false,
    },
  };
  const category: JsonSchema = crs.categories
    ? { type: "string", enum: [...crs.categories], description: "单位类别。The unit's category." }
    : { type: "string", description: "单位类别。The unit's category." };
  const unit: JsonSchema = {
    type: "object",
    properties: {
      id: { type: ["string", "number"], description: "单位名称。The unit's name." },
      category,
      facts: { $ref: "#/$defs/facts" },
      parts: { $ref: "#/$defs/parts" },
      parent: { type: ["string", "number"], description: "上级单位。The unit it belongs to." },
      self: {
        type: "object",
        description: "自评。The unit's self-assessment.",
        properties: { facts: { $ref: "#/$defs/facts" }, parts: { $ref: "#/$defs/parts" } },
        additionalProperties: false,
      },
    },
    required: ["id"],
    additionalProperties: false,
  };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `${crs.title}:事实文件 (facts file of ${crs.id})`,
    description:
      "kaohe 事实文件:{ units: [...] }、单位列表或一个单位。A kaohe facts file: { units: [...] }, a list of units, or one unit.",
    anyOf: [
      {
        type: "object",
        properties: { units: { type: "array", items: { $ref: "#/$defs/unit" } } },
        required: ["units"],
        additionalProperties: false,
      },
      { type: "array", items: { $ref: "#/$defs/unit" } },
      { $ref: "#/$defs/unit" },
    ],
    $defs: { unit, facts, parts },
  };
}

/** The finding keys kaohe reads, for the test that holds the schema to them. */
export const KAOHE_FINDING_KEYS: readonly string[] = [...FINDING_KEYS];
