/**
 * The one message table of kaohe. Every problem kaohe reports is data with a stable `code`;
 * tests assert codes, never wording. Codes starting with `E_` concern rule files, `F_` facts
 * and units, `K_` cohorts, `C_` cases; `W_` are warnings (the rule set still loads).
 */
export const MESSAGES = {
  // loading
  E_TOO_LARGE: (p: { limit: number }) => `输入过大 (input too large): more than ${p.limit} bytes`,
  E_SYNTAX: (p: { detail: string }) => `YAML/JSON syntax error: ${p.detail}`,
  E_FORBIDDEN_KEY: (p: { key: string }) =>
    `forbidden key "${p.key}" (keys __proto__, constructor and prototype are never accepted)`,
  E_TYPE: (p: { expected: string; received: string }) =>
    `expected ${p.expected}, received ${p.received}`,
  E_REQUIRED: (p: { key: string }) => `missing required field "${p.key}"`,
  E_UNKNOWN_KEY: (p: { keys: string }) => `unknown field(s): ${p.keys}`,
  E_ENUM: (p: { allowed: string }) => `value not allowed; expected one of ${p.allowed}`,
  E_UNKNOWN_CONSTRUCT: (p: { value: string; allowed: string }) =>
    `unknown construct type "${p.value}"; known types: ${p.allowed}`,
  E_INVALID: (p: { detail: string }) => p.detail,
  E_DUPLICATE_KEY: (p: { key: string; first: string }) =>
    `键 "${p.key}" 重复(第一次出现在${p.first});1 与 "1"、0x10 与 16、~ 与 "" 读出来是同一个键 (duplicate key)`,
  E_KEY: (p: { detail: string }) => `键必须是普通文字 (keys must be plain text): ${p.detail}`,
  E_TAG: (p: { tag: string }) =>
    `不支持的 YAML 类型 ${p.tag}(只接受文字、数字、是非、列表和映射;unsupported YAML type)`,
  E_NUMBER: (p: { text: string; detail: string }) =>
    `数字 ${p.text} 不能按原样精确读取:${p.detail} (number cannot be read exactly)`,
  E_TOO_COMPLEX: (p: { detail: string; limit: number }) =>
    `输入展开后过大或嵌套过深 (input too complex): ${p.detail},上限 ${p.limit}`,
  E_ENCODING: (p: { detail: string }) => `文件编码无法识别 (unreadable encoding): ${p.detail}`,
  E_VERSION: (p: { version: string }) =>
    `unsupported rule language version ${p.version}; this kaohe reads version 1 (the number 1)`,
  // templates and parameters
  E_PARAM_UNSET: (p: { param: string; file: string }) =>
    `parameter "${p.param}" is used here but left unset (${p.file})`,
  E_PARAM_UNDECLARED: (p: { param: string }) =>
    `parameter "${p.param}" is used but not declared in the template's parameters`,
  E_PARAM_UNKNOWN: (p: { param: string }) => `the template declares no parameter "${p.param}"`,
  E_PARAM_RANGE: (p: { param: string; value: string; min: string; max: string }) =>
    `parameter "${p.param}" = ${p.value} is outside its declared range [${p.min}, ${p.max}]`,
  E_PARAM_TEMPLATE: (p: { template: string; expected: string }) =>
    `these parameters are for template "${p.template}", not "${p.expected}"`,
  W_UNUSED_PARAM: (p: { param: string }) => `parameter "${p.param}" is declared but never used`,
  // versions
  E_VERSION_OVERLAP: (p: { ruleSet: string; a: string; b: string }) =>
    `two versions of "${p.ruleSet}" overlap: ${p.a} and ${p.b}`,
  E_VERSION_RANGE: (p: { ruleSet: string; detail: string }) =>
    `rule set "${p.ruleSet}": ${p.detail}`,
  // static checks
  E_DUPLICATE_ID: (p: { id: string; first: string }) =>
    `duplicate id "${p.id}" (first at ${p.first})`,
  E_POINTS_SUM: (p: { node: string; points: string; sum: string; category: string }) =>
    `points of ${p.node} (${p.points}) differ from the sum of its children (${p.sum})${p.category}; fix the points${p.node === "(the rule set)" ? " or leave the total out to have it summed" : ", or declare pointsCheck: exempt with a reason if the document says so"}`,
  E_CAP_ABOVE_POINTS: (p: { what: string; cap: string; points: string }) =>
    `cap ${p.cap} of ${p.what} is above the points it caps (${p.points}); declare overdraw: true (倒扣) if the document allows it`,
  E_UNDECLARED_FACT: (p: { fact: string }) => `fact "${p.fact}" is used but not declared in facts`,
  E_FACT_KIND: (p: { fact: string; type: string; use: string }) =>
    `fact "${p.fact}" is of type ${p.type} and cannot be used ${p.use}`,
  E_UNKNOWN_REF: (p: { kind: string; id: string }) => `unknown ${p.kind} "${p.id}"`,
  E_NEGATIVE: (p: { what: string }) => `${p.what} must not be negative`,
  E_OUT_OF_RANGE: (p: { what: string; min: string; max: string }) =>
    `${p.what} must lie within [${p.min}, ${p.max}]`,
  E_RANGE: (p: { what: string; min: string; max: string }) =>
    `${p.what}: minimum ${p.min} is greater than maximum ${p.max}`,
  E_CONTRADICTION: (p: { detail: string }) => `contradictory condition: ${p.detail}`,
  W_AMOUNT_ABOVE_POINTS: (p: { what: string; amount: string; points: string }) =>
    `${p.what} can take ${p.amount}, more than the points of its item (${p.points}); the item stops at 0 (扣完为止) unless it is declared overdraw: true (倒扣)`,
  W_UNREACHABLE: (p: { detail: string }) => `this can never take effect: ${p.detail}`,
  W_WEIGHTS: (p: { sum: string }) => `the weights of these parts add up to ${p.sum}%, not 100%`,
  W_UNUSED_FACT: (p: { fact: string }) => `fact "${p.fact}" is declared but never used`,
  E_EMPTY_NODE: (p: { node: string }) =>
    `node "${p.node}" has neither children nor clauses, so nothing can ever change its score`,
  // facts and units
  F_MISSING_FACT: (p: { fact: string }) => `fact "${p.fact}" is missing and has no default`,
  F_FACT_TYPE: (p: { fact: string; expected: string; received: string }) =>
    `fact "${p.fact}" must be ${p.expected}, received ${p.received}`,
  F_FACT_RANGE: (p: { fact: string; value: string; min: string; max: string }) =>
    `fact "${p.fact}" = ${p.value} is outside its declared range [${p.min}, ${p.max}]`,
  F_UNKNOWN_FACT: (p: { fact: string }) => `fact "${p.fact}" is not declared by the rule set`,
  F_UNKNOWN_CATEGORY: (p: { category: string; allowed: string }) =>
    `unknown unit category "${p.category}"; the rule set declares ${p.allowed}`,
  F_CATEGORY_REQUIRED: (p: { allowed: string }) =>
    `the rule set has categories (${p.allowed}); each unit must name one`,
  F_DUPLICATE_UNIT: (p: { id: string }) => `unit id "${p.id}" appears more than once`,
  F_DUPLICATE_UNIT_AT: (p: { id: string; first: string; detail: string }) =>
    `单位 "${p.id}" 出现了不止一次(第一次在${p.first}${p.detail});重复的单位都不计分,也不计入全体计算`,
  F_UNIT_ID: (p: { detail: string }) => `单位名称 (unit id) 有误:${p.detail}`,
  F_FINDING_SUBJECT: (p: { fact: string; by: string }) =>
    `a finding of "${p.fact}" has no ${p.by}, which the per-${p.by} cap needs`,
  F_DISCRETION_RANGE: (p: { fact: string; value: string; min: string; max: string }) =>
    `discretionary amount of "${p.fact}" = ${p.value} is outside the stated range [${p.min}, ${p.max}]`,
  F_CALENDAR_YEAR: (p: { year: number; covered: string }) =>
    `the working-day calendar does not cover ${p.year} (covered: ${p.covered}); add that year's 国务院办公厅 notice`,
  F_AS_OF_REQUIRED: (p: { fact: string }) =>
    `an event of "${p.fact}" has no response date; give the run an as-of date to judge whether it is overdue`,
  F_WINDOW_REQUIRED: (p: { rule: string }) =>
    `rule "${p.rule}" counts periods, so the rule set, its node or the run must state an assessment window`,
  F_FINDING_UNDATED: (p: { fact: string; window: string }) =>
    `a finding of "${p.fact}" has no date, and the window ${p.window} does not accept undated findings`,
  F_OPTION: (p: { option: string; detail: string }) => `run option ${p.option}: ${p.detail}`,
  F_NOTHING_APPLIES: (p: { node: string }) =>
    `"${p.node}" does not apply to this unit and no applicable item with points can take its points`,
  F_PARTS: (p: { detail: string }) => `parts of a combined score: ${p.detail}`,
  F_BAD_UNITS: (p: { detail: string }) => `facts file: ${p.detail}`,
  // cohorts
  K_FACT_GIVEN: (p: { fact: string }) =>
    `fact "${p.fact}" is computed from the cohort; a unit must not give it`,
  K_PREVIOUS_REQUIRED: (p: { fact: string }) =>
    `cohort fact "${p.fact}" is computed over the previous run, which was not given`,
  K_FIGURE_INCOMPLETE: (p: { fact: string; units: string }) =>
    `cohort figure "${p.fact}" leaves out units that do not state it: ${p.units}`,
  K_PREVIOUS_INVALID: (p: { detail: string }) => `the previous run: ${p.detail}`,
  K_EMPTY: (p: { fact: string }) => `cohort fact "${p.fact}" has no unit to compute it from`,
  K_MISSING_UNIT: (p: { unit: string; parent: string }) =>
    `unit "${p.unit}" names parent "${p.parent}", which is not in the cohort`,
  K_CYCLE: (p: { cycle: string }) => `the units' hierarchy has a cycle: ${p.cycle}`,
  K_NO_CHILDREN: (p: { unit: string; rule: string }) =>
    `unit "${p.unit}" has a linked score (${p.rule}) but no sub-units in the cohort`,
  K_CHILD_FAILED: (p: { unit: string; children: string }) =>
    `the linked score of "${p.unit}" needs sub-units that could not be scored: ${p.children}`,
  // cases
  C_MISMATCH: (p: { what: string; expected: string; actual: string }) =>
    `${p.what}: expected ${p.expected}, got ${p.actual}`,
  C_EXPECTED_ERROR: (p: { code: string; actual: string }) =>
    `expected error ${p.code}, got ${p.actual}`,
  C_UNKNOWN_NODE: (p: { node: string }) =>
    `case expects node "${p.node}", which the result does not have`,
  // files (node only)
  E_FILE: (p: { detail: string }) => `cannot read file: ${p.detail}`,
} as const;

export type IssueCode = keyof typeof MESSAGES;
export type IssueParams<C extends IssueCode> = Parameters<(typeof MESSAGES)[C]>[0];
