/**
 * kaohe/node — reading rule sets, facts and cases from files. Node-only.
 *
 * The package entry `kaohe/node`: its public API, on purpose (docs/api.md,
 * etc/api/kaohe-node.api.md). The implementation is src/node/index.ts, which the CLI uses too.
 */
import type { Coverage, CoverageLine, CoverageTarget } from "../cases/coverage.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { ParsedUnits } from "../load/units.js";
import type { RuleSetTestReport } from "../node/index.js";
import * as node from "../node/index.js";
import type { Layout, SheetUnits } from "../sheets/layout.js";
import { type CompiledRuleSet, engine, handle, type LoadResult, loadResult } from "./handles.js";

export type { Coverage, CoverageLine, CoverageTarget, RuleSetTestReport };

/** A text file as kaohe read it: its text and encoding, or the issue that stopped it. */
export interface TextFile {
  /** The decoded text. */
  text?: string;
  /** The encoding it was read in (GB18030 covers GBK). */
  encoding?: "utf-8" | "utf-16le" | "utf-16be" | "gb18030";
  /** Why it was not read: E_FILE, E_TOO_LARGE or E_ENCODING. */
  issue?: KaoheIssue;
}

/**
 * Reads a text file: UTF-8, UTF-16 with a byte-order mark, or GBK/GB18030 (as Excel and WPS save
 * "ANSI" text). Files over the limit (default 8 MiB) are refused before they are read.
 *
 * @example
 * readTextFile("rules.yaml").encoding; //=> "utf-8"
 * readTextFile("missing.yaml").issue?.code; //=> "E_FILE"
 */
export function readTextFile(path: string, maxBytes?: number): TextFile {
  return node.readTextFile(path, maxBytes);
}

/**
 * Loads and checks a rule file (YAML or JSON), as loadRuleSet does its text. A template needs
 * `params`, the parameters file with this year's values, and may be given `readings` (解读).
 *
 * @example
 * loadRuleSetFile("rules/guizhou/wudang-2018/rules.yaml", undefined, {
 *   params: "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml",
 * }).ok; //=> true
 */
export function loadRuleSetFile(
  path: string,
  displayName?: string,
  opts?: { params?: string; paramsName?: string; readings?: readonly string[] },
): LoadResult {
  return loadResult(node.loadRuleSetFile(path, displayName, opts));
}

/**
 * Loads and compiles a rule file (with a template's parameters file); throws a KaoheError listing
 * the problems if it is not a valid rule set.
 *
 * @example
 * compileRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml").id;
 * //=> "hubei/caizheng-bianzhi-2009-h1"
 */
export function compileRuleSetFile(
  path: string,
  params?: string,
  opts?: { readings?: readonly string[] },
): CompiledRuleSet {
  return handle(node.compileRuleSetFile(path, params, opts));
}

/**
 * Reads a facts file of units (YAML or JSON), as parseUnits reads its text.
 *
 * @example
 * loadUnitsFile("examples/hubei-2009-h1-units.yaml").units.length; //=> 4
 */
export function loadUnitsFile(path: string, displayName?: string): ParsedUnits {
  return node.loadUnitsFile(path, displayName);
}

/**
 * Reads facts files of any kind kaohe reads — CSV, XLSX, JSON Lines, JSON, YAML, by extension —
 * for a rule set, as `kaohe score --facts` does; a wide and a long file may be given together.
 * XLSX needs the optional peer dependencies fflate and saxes (S_NEEDS_LIBS when absent).
 *
 * @example
 * loadFactsFiles([{ path: "examples/hubei-2009-h1.xlsx" }], compiled).summary.rowsRejected; //=> 0
 */
export function loadFactsFiles(
  files: readonly { path: string; name?: string }[],
  ruleSet: CompiledRuleSet,
  opts?: { layout?: Layout; sheet?: string; maxRows?: number },
): SheetUnits {
  return node.loadFactsFiles(files, engine(ruleSet), opts);
}

/**
 * Finds the rule files (`rules.yaml`, `rules.yml` or `rules.json`) at or below a path, sorted.
 *
 * @example
 * findRuleFiles("rules/hubei"); //=> ["rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"]
 */
export function findRuleFiles(path: string): string[] {
  return node.findRuleFiles(path);
}

/**
 * Runs every cases file (`cases/*.yaml`, .yml, .json) beside a rule file, as `kaohe test` does;
 * a template is composed once per parameters file and readings its cases name (a case with no
 * reading of its own, or of its file's, runs under `opts.reading`). Paths are shown relative to
 * `base` (default: the working directory).
 *
 * @example
 * const rep = testRuleFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
 * rep.reports.every((r) => r.cases.every((c) => c.passed)); //=> true
 */
export function testRuleFile(
  ruleFile: string,
  base?: string,
  opts?: { reading?: readonly string[] },
): RuleSetTestReport {
  return node.testRuleFile(ruleFile, base, opts);
}
