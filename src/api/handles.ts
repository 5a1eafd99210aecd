/**
 * The public face of what kaohe hands out and takes back: a compiled rule set as an opaque
 * handle, a loaded rule set as the data of the rule language, the XLSX libraries as a handle.
 * The engine keeps its own types (src/compile/compile.ts); these are what the package's .d.ts
 * shows, so the compiled form can change in any release without breaking users (docs/api.md).
 */
import type { CompiledRuleSet as EngineRuleSet } from "../compile/compile.js";
import type { Decimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import type { LoadResult as EngineLoadResult } from "../load/load.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import type { XlsxLibs as EngineXlsxLibs } from "../sheets/xlsx.js";

/** The brand of a compiled rule set: not exported, so only kaohe can make one. */
declare const compiledRuleSet: unique symbol;
/** The brand of the XLSX libraries handle. */
declare const xlsxLibs: unique symbol;

/**
 * A rule set compiled once, to score any number of units: an opaque handle. Get one from
 * `compileRuleSet`, `compileRuleText` or `compileRuleSetFile` (kaohe/node) and pass it to
 * `scoreUnit`, `scoreCohort`, `renderExplanation` and the kaohe/sheets functions. Only the facts
 * below can be read; what the engine compiled is its own and may change in any release.
 */
export interface CompiledRuleSet {
  /** The brand: a compiled rule set cannot be written by hand. */
  readonly [compiledRuleSet]: true;
  /** The rule set's `id`, e.g. `hubei/caizheng-bianzhi-2009-h1`. */
  readonly id: string;
  /** The rule set's `title`: the assessment's name, as the 扣分说明 and the ranking head it. */
  readonly title: string;
  /**
   * 满分: the full score of the tree (of the first measure, points). A rule set with `rescale`
   * (C17) states its scores on `rescale.to` instead, which the 扣分说明 shows as 满分.
   */
  readonly points: Decimal;
  /** The unit categories (variants) the rule set declares, or null when it has none. */
  readonly categories: readonly string[] | null;
  /** The parameters file a template was composed with (its 分值 edition), or null. */
  readonly edition: {
    readonly id: string;
    readonly title: string;
    readonly official: boolean;
    readonly note?: string;
  } | null;
  /**
   * The readings (解读) in force of a template's ambiguous clauses, in the clauses' order: each
   * reading's id and title, and the clause it resolves (its id, 原文 and reference).
   */
  readonly readings: readonly {
    readonly id: string;
    readonly title: string;
    readonly clause: {
      readonly id: string;
      readonly text: string;
      readonly ref: { readonly doc: string; readonly at?: string };
    };
  }[];
}

/**
 * A rule set as data: a document of the rule language (docs/rule-language.md; its JSON Schema is
 * `kaohe/schema.json`). `loadRuleSet` and `validateRuleSet` return one checked and frozen;
 * `compileRuleSet` also takes one built in code, and checks it. Only the head is typed here: the
 * full shape is the rule language's, versioned by `kaohe`.
 */
export interface RuleSetDocument {
  /** The rule-language version: 1. */
  readonly kaohe: number;
  /** The rule set's id. */
  readonly id: string;
  /** The assessment's name. */
  readonly title: string;
  /** The rest of the document: documents, policy, facts, tree and the other sections. */
  readonly [key: string]: unknown;
}

/** The outcome of loading a rule file: a checked rule set and its warnings, or the reasons there is none. */
export type LoadResult =
  | { ok: true; ruleSet: RuleSetDocument; warnings: KaoheIssue[] }
  | { ok: false; issues: KaoheIssue[] };

/**
 * A rule set checked once at build time and sealed (`kaohe seal`, `sealRuleSet`): the rule set as
 * the validator returned it, the kaohe version that checked it and a SHA-256 digest of both.
 * `kaohe/sealed` opens it with no validator in the bundle (docs/integrate.md, "A sealed rule
 * set"). Written to a file as JSON (`JSON.stringify`), read back with `JSON.parse`.
 */
export interface SealedRuleSet {
  /** The envelope's format: 1. */
  readonly kaoheSealed: 1;
  /** The kaohe version that checked and sealed the rule set; it opens in that version only. */
  readonly engine: string;
  /** `sha256:` and 64 hex digits: the digest of the engine and the rule set's canonical JSON. */
  readonly digest: string;
  /** The rule set, as validateRuleSet returned it. */
  readonly ruleSet: RuleSetDocument;
}

/**
 * The XLSX libraries (fflate and saxes) as kaohe uses them: an opaque handle from `xlsxLibsFrom`,
 * for reading XLSX synchronously with `readFactsSync`.
 */
export interface XlsxLibs {
  /** The brand: made by xlsxLibsFrom only. */
  readonly [xlsxLibs]: true;
}

/** The public handle of a compiled rule set. */
export function handle(crs: EngineRuleSet): CompiledRuleSet {
  return crs as unknown as CompiledRuleSet;
}

/**
 * The engine's rule set behind a handle. Anything else — an object written by hand, a rule set
 * not yet compiled — is refused here with a TypeError naming what to do, rather than failing
 * somewhere inside the engine.
 */
export function engine(crs: CompiledRuleSet): EngineRuleSet {
  const e = crs as unknown as EngineRuleSet | null | undefined;
  if (typeof e !== "object" || e === null || !(e.plans instanceof Map))
    throw new TypeError(
      "kaohe: not a compiled rule set; make one with compileRuleSet, compileRuleText or " +
        "compileRuleSetFile (kaohe/node)",
    );
  return e;
}

/** The public form of a load result. */
export function loadResult(r: EngineLoadResult): LoadResult {
  return r as LoadResult;
}

/** The engine's rule set input behind a rule-set document (compileRuleSet checks it). */
export function ruleSetInput(rs: RuleSetDocument): RuleSetInput {
  return rs as unknown as RuleSetInput;
}

/** The public handle of the XLSX libraries. */
export function xlsxHandle(libs: EngineXlsxLibs): XlsxLibs {
  return libs as unknown as XlsxLibs;
}

/** The XLSX libraries behind a handle. */
export function xlsxOf(libs: XlsxLibs): EngineXlsxLibs {
  return libs as unknown as EngineXlsxLibs;
}
