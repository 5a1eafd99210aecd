// The JSON Schemas (draft 2020-12) of kaohe's other files — facts files in general, cases files and
// parameters files (issue 12: 3) — written by scripts/gen-schema.mjs into schema/ and shipped
// (`kaohe/schema/…`). Descriptions are in Chinese and English. test/file-schemas.test.ts holds
// each schema's keys to the sets kaohe's own readers accept (src/cases/runner.ts,
// src/load/params.ts, src/load/units.ts) and validates every bundled file against it. The facts
// schema of ONE rule set, with its facts and their types, is `kaohe schema --facts <rule-file>`.

const S = "https://json-schema.org/draft/2020-12/schema";
const d = (zh, en) => ({ description: `${zh} ${en}` });
const DECIMAL = {
  anyOf: [
    { type: "number" },
    { type: "string", pattern: "^\\s*-?(0|[1-9][0-9]*)(\\.[0-9]+)?\\s*$" },
  ],
};
const DATE = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const TEXTS = { type: "array", items: { type: "string" } };
const mapOf = (value, desc) => ({ type: "object", additionalProperties: value, ...desc });

/** A unit as a facts file gives it (src/load/units.ts UNIT_KEYS); facts are any values here. */
const unit = {
  type: "object",
  properties: {
    id: { type: ["string", "number"], ...d("单位名称。", "The unit's name.") },
    category: { type: "string", ...d("单位类别。", "The unit's category.") },
    facts: mapOf({}, d("事实:事实编号 → 值。", "Facts: fact id → value.")),
    parts: { $ref: "#/$defs/parts" },
    parent: { type: ["string", "number"], ...d("上级单位。", "The unit it belongs to (K6).") },
    self: {
      type: "object",
      properties: {
        facts: mapOf({}, d("自评事实。", "Self-assessed facts.")),
        parts: { $ref: "#/$defs/parts" },
      },
      additionalProperties: false,
      ...d("自评(K8)。", "The unit's self-assessment (K8)."),
    },
  },
  required: ["id"],
  additionalProperties: false,
};
const parts = mapOf(
  {
    type: "object",
    properties: { facts: mapOf({}), score: DECIMAL, parts: { $ref: "#/$defs/parts" } },
    additionalProperties: false,
  },
  d("分项(合成计分,T1/T2)。", "Parts scored separately, then combined (T1/T2)."),
);

export const factsFileSchema = {
  $schema: S,
  $id: "https://kaohe.dev/schema/kaohe-facts.schema.json",
  title: "kaohe 事实文件 (facts file)",
  ...d(
    "{ units: [...] }、单位列表或一个单位;各事实的类型见 kaohe schema --facts。",
    "{ units: [...] }, a list of units, or one unit; each fact's type: kaohe schema --facts.",
  ),
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
  $defs: { unit, parts },
};

const caseUnit = {
  type: "object",
  properties: {
    id: unit.properties.id,
    category: unit.properties.category,
    facts: unit.properties.facts,
    parts: unit.properties.parts,
  },
  additionalProperties: false,
};
const effect = {
  type: "object",
  properties: {
    rule: { type: "string", ...d("条款或指标编号。", "The rule or node id.") },
    kind: { type: "string" },
    node: { type: "string" },
    delta: DECIMAL,
    effect: { type: "object", ...d("效果的字段。", "Fields of the effect.") },
  },
  required: ["rule"],
  additionalProperties: false,
};
const decimals = mapOf(DECIMAL, d("编号 → 数字。", "id → number."));
const ranks = mapOf(
  { anyOf: [{ type: "integer", minimum: 1 }, { type: "null" }] },
  d("单位 → 名次。", "unit → rank."),
);
const grades = mapOf({ type: ["string", "null"] }, d("编号 → 等次。", "id → grade."));

/** What a case may expect (src/cases/runner.ts EXPECT_KEYS), each with its shape. */
const expectProps = {
  total: { ...DECIMAL, ...d("总分。", "The total.") },
  deducted: { ...DECIMAL, ...d("扣分合计。", "Points deducted.") },
  added: { ...DECIMAL, ...d("加分合计。", "Points added.") },
  earned: {
    ...DECIMAL,
    ...d("适用项实得分(rescale)。", "Points earned over the items that apply (rescale)."),
  },
  applicable: {
    ...DECIMAL,
    ...d("适用项满分(rescale)。", "The full points of the items that apply (rescale)."),
  },
  rescaled: { ...DECIMAL, ...d("换算后得分(rescale)。", "The rescaled score (rescale).") },
  periods: {
    ...decimals,
    ...d("各期得分(periods):期间 → 得分。", "Each period's score (periods): period → score."),
  },
  nodes: decimals,
  measures: decimals,
  parts: decimals,
  grade: { type: ["string", "null"], ...d("等次。", "The grade.") },
  error: { type: "string", ...d("预期的错误代码。", "The error code expected.") },
  excluded: TEXTS,
  nodeGrades: grades,
  flags: {
    anyOf: [TEXTS, mapOf(TEXTS)],
    ...d("标记(多单位用例:单位 → 标记)。", "Flags (cohort cases: unit → flags)."),
  },
  flagsInclude: TEXTS,
  flagsExclude: TEXTS,
  stopped: { type: "boolean" },
  capped: TEXTS,
  notApplicable: TEXTS,
  effects: { type: "array", items: effect },
  ranks,
  categoryRanks: ranks,
  scores: decimals,
  grades,
  converted: decimals,
  selfDiff: decimals,
  statistics: {
    type: "object",
    properties: {
      count: { type: "integer", minimum: 0 },
      mean: DECIMAL,
      median: DECIMAL,
      atOrAbove: mapOf({ type: "integer" }),
      meanChange: DECIMAL,
      atOrAboveChange: mapOf({ type: "integer" }),
    },
    additionalProperties: false,
    ...d("全体统计(K3)。", "Cohort statistics (K3)."),
  },
};

/** A reading's name, or several (one per ambiguous clause). */
const READING = {
  anyOf: [{ type: "string" }, { type: "array", items: { type: "string" }, minItems: 1 }],
  ...d(
    "所采用的解读(模板 readings 中的名称)。",
    "The reading(s) to use, by name (a template's readings).",
  ),
};

/** A case's keys (src/cases/runner.ts CASE_KEYS). */
const caseProps = {
  name: { type: "string", ...d("用例名称。", "The case's name.") },
  reading: READING,
  note: { type: "string" },
  unit: caseUnit,
  units: {
    type: "array",
    items: { $ref: "#/$defs/unit" },
    ...d("多单位用例的各单位。", "A cohort case's units."),
  },
  previous: {
    type: "object",
    properties: {
      units: {
        type: "array",
        items: {
          type: "object",
          properties: {
            id: { type: ["string", "number"] },
            category: { type: "string" },
            total: DECIMAL,
            rank: { type: "integer", minimum: 1 },
            facts: mapOf({}),
          },
          required: ["id", "total"],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
    ...d("上一轮结果(K3/K4)。", "The previous run (K3/K4)."),
  },
  options: {
    type: "object",
    properties: {
      asOf: DATE,
      window: {
        type: "object",
        properties: { from: DATE, to: DATE },
        required: ["from", "to"],
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    ...d("运行选项(T4、T7)。", "Run options (T4, T7)."),
  },
  expect: {
    type: "object",
    properties: expectProps,
    additionalProperties: false,
    ...d("预期结果。", "What the case expects."),
  },
};

export const casesFileSchema = {
  $schema: S,
  $id: "https://kaohe.dev/schema/kaohe-cases.schema.json",
  title: "kaohe 用例文件 (cases file)",
  ...d(
    "规则集的用例:每个用例给出单位和预期结果。",
    "A rule set's cases: units and what each must give.",
  ),
  type: "object",
  properties: {
    parameters: {
      type: "string",
      ...d(
        "模板的参数文件(相对于本文件)。",
        "A template's parameters file, relative to this file.",
      ),
    },
    reading: READING,
    cases: { type: "array", minItems: 1, items: { $ref: "#/$defs/case" } },
  },
  required: ["cases"],
  // Other top-level keys are ignored by kaohe: they hold YAML anchors the cases reuse (base: &base).
  additionalProperties: true,
  $defs: {
    unit,
    parts,
    case: {
      type: "object",
      properties: caseProps,
      required: ["name", "expect"],
      additionalProperties: false,
    },
  },
};

/** A parameters file's keys (src/load/params.ts PARAM_FILE_KEYS). */
export const parametersFileSchema = {
  $schema: S,
  $id: "https://kaohe.dev/schema/kaohe-parameters.schema.json",
  title: "kaohe 参数文件 (parameters file)",
  ...d("模板某一年的分值。", "One year's values for a template."),
  type: "object",
  properties: {
    "kaohe-parameters": { const: 1, ...d("参数文件格式版本。", "The format's version.") },
    template: { type: "string", ...d("模板规则集的编号。", "The template's id.") },
    id: { type: "string" },
    title: { type: "string" },
    official: {
      type: "boolean",
      ...d("是否为官方印发的分值。", "Whether the values are the official ones."),
    },
    note: { type: "string" },
    reading: READING,
    effective: {
      type: "object",
      properties: { from: DATE, to: DATE },
      required: ["from"],
      additionalProperties: false,
      ...d("生效期间(T6)。", "The period the values are in force for (T6)."),
    },
    values: mapOf(
      { anyOf: [{ type: ["number", "string", "boolean"] }] },
      d("参数编号 → 值。", "parameter id → value."),
    ),
  },
  required: ["kaohe-parameters", "template", "id", "title", "official", "values"],
  additionalProperties: false,
};
