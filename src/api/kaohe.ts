/**
 * kaohe — Chinese government assessment rules as data, scored exactly and explained.
 *
 * The package entry `kaohe`, browser-safe (no Node APIs; files are in `kaohe/node`). This file is
 * the public API, on purpose: what it exports is documented in docs/api.md, recorded in
 * etc/api/kaohe.api.md and kept under semver. The engine behind it (src/) is free to change.
 *
 * It is `kaohe/core` (src/api/core.ts: rule sets given as data) and the functions that read text
 * (YAML or JSON, with line and column in every issue). They are apart so that the core can be
 * bundled without the YAML parser (docs/performance.md).
 */

import * as runner from "../cases/runner.js";
import { compileRuleSet as compileRuleSetAny } from "../compile/compile-rule-set.js";
import type { KaoheIssue } from "../errors/issue.js";
import { KaoheError } from "../errors/issue.js";
import * as document from "../load/document.js";
import * as load from "../load/load.js";
import * as units from "../load/units.js";
import { type CompiledRuleSet, engine, handle, type LoadResult, loadResult } from "./handles.js";

export type { Case, CaseOutcome, CaseReport, ExpectedEffect } from "../cases/runner.js";
export type { ParsedUnits } from "../load/units.js";
export * from "./core.js";

// ---------------------------------------------------------------------------------------------
// Reading text

/**
 * Loads rule text (YAML or JSON): parses it, checks it against the rule language and runs the
 * static checks; a template is composed with its parameters file first, and with `readings` (the
 * 解读 of its ambiguous clauses, replacing the parameters file's clause by clause). Never throws for bad
 * text: every problem comes back with a stable code and file:line:column.
 *
 * @example
 * const r = loadRuleSet("kaohe: 1\nid: x", { file: "rules.yaml" });
 * r.ok; //=> false
 * r.ok || r.issues[0].code; //=> "E_REQUIRED"
 */
export function loadRuleSet(
  text: string,
  opts?: {
    file?: string;
    parameters?: { text: string; file?: string };
    readings?: readonly string[];
  },
): LoadResult {
  return loadResult(load.loadRuleSet(text, opts));
}

/**
 * Loads and compiles rule text in one step; throws a KaoheError listing every issue if the text
 * is not a valid rule set.
 *
 * @example
 * compileRuleText(yamlText, "rules.yaml").points.toFixed(); //=> "100"
 */
export function compileRuleText(text: string, file?: string): CompiledRuleSet {
  const r = load.loadRuleSet(text, file !== undefined ? { file } : {});
  if (!r.ok) throw new KaoheError(r.issues);
  return handle(compileRuleSetAny(r.ruleSet));
}

/**
 * Reads a facts file's text (YAML or JSON): `{ units: [{ id, category?, facts }] }`, a list of
 * units, or one unit. Every malformed unit is reported with its path and line; the others are
 * returned.
 *
 * @example
 * parseUnits("units:\n  - { id: 江岸区, facts: { n: 3 } }\n").units[0].id; //=> "江岸区"
 */
export function parseUnits(text: string, file?: string): units.ParsedUnits {
  return units.parseUnits(text, file);
}

/**
 * The largest rule, facts or cases text read (8 MiB); larger input is refused with E_TOO_LARGE
 * before it is parsed.
 */
export const MAX_INPUT_BYTES: number = document.MAX_INPUT_BYTES;

// ---------------------------------------------------------------------------------------------
// Cases

/**
 * Parses a cases file: `{ parameters?, reading?, cases: [{ name, reading?, unit, expect }] }`,
 * reporting what is malformed.
 *
 * @example
 * parseCases("cases:\n  - { name: 两处, unit: { facts: { n: 2 } }, expect: { total: 8 } }\n").cases.length;
 * //=> 1
 */
export function parseCases(
  text: string,
  file?: string,
): { cases: runner.Case[]; issues: KaoheIssue[]; parameters?: string; reading?: string[] } {
  return runner.parseCases(text, file);
}

/**
 * Runs every case of a cases file's text against a compiled rule set.
 *
 * @example
 * runCases(compiled, casesText, "cases/01-full-marks.yaml").cases.every((c) => c.passed); //=> true
 */
export function runCases(ruleSet: CompiledRuleSet, text: string, file?: string): runner.CaseReport {
  return runner.runCases(engine(ruleSet), text, file);
}
