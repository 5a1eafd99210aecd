/**
 * The rule sets `kaohe serve` answers for: every rule file at or below a directory, loaded,
 * checked and compiled once, grouped by id into versions. A template is loaded once per
 * parameters file in its `params/` folder (each an edition). Read-only: nothing here writes.
 */
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CompiledRuleSet } from "../compile/compile.js";
import { compileRuleSet } from "../compile/compile-rule-set.js";
import { checkVersions } from "../compile/versions.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { findRuleFiles, loadRuleSetFile } from "../node/index.js";
import { type ManifestFile, manifestFile } from "../node/manifest.js";

/** One version of a rule set: compiled, with the files it came from and their SHA-256. */
export interface Version {
  readonly crs: CompiledRuleSet;
  readonly rules: ManifestFile;
  readonly params: ManifestFile | null;
  readonly warnings: readonly KaoheIssue[];
}

/** A rule set by id, with its versions (one, or several told apart by `effective` or edition). */
export interface Entry {
  readonly id: string;
  readonly versions: readonly Version[];
}

/** The rule sets loaded at one time, by id, sorted. */
export interface Registry {
  readonly entries: ReadonlyMap<string, Entry>;
  /** Counts 1, 2, … as reloads succeed. */
  readonly generation: number;
}

const PARAMS = /\.(ya?ml|json)$/i;

/** The parameters files of a template: `params/*.yaml|yml|json` beside the rule file, sorted. */
function paramsFiles(ruleFile: string): string[] {
  const dir = join(dirname(ruleFile), "params");
  try {
    if (!statSync(dir).isDirectory()) return [];
    return readdirSync(dir)
      .filter((f) => PARAMS.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Loads one version; its hashes are taken before it is read. */
function loadVersion(rules: string, params: string | null): Version | { issues: KaoheIssue[] } {
  let hashes: { rules: ManifestFile; params: ManifestFile | null };
  try {
    hashes = { rules: manifestFile(rules), params: params ? manifestFile(params) : null };
  } catch (e) {
    const file = params ?? rules;
    return { issues: [{ ...issue("E_FILE", [], { detail: (e as Error).message }), file }] };
  }
  const loaded = loadRuleSetFile(rules, rules, params ? { params } : {});
  if (!loaded.ok) return { issues: loaded.issues };
  return { crs: compileRuleSet(loaded.ruleSet), ...hashes, warnings: loaded.warnings };
}

/**
 * Loads every rule set at or below `root`. Any problem — a rule file that does not load, two
 * versions of one id that overlap or do not say when each is in force, no rule file at all — and
 * nothing is returned but the problems: a service never starts (or reloads) half its rule sets.
 */
export function loadRegistry(
  root: string,
  generation: number,
): { ok: true; registry: Registry; warnings: KaoheIssue[] } | { ok: false; issues: KaoheIssue[] } {
  let files: string[];
  try {
    files = findRuleFiles(root);
  } catch (e) {
    return {
      ok: false,
      issues: [{ ...issue("E_FILE", [], { detail: (e as Error).message }), file: root }],
    };
  }
  if (!files.length)
    return {
      ok: false,
      issues: [
        {
          ...issue("E_FILE", [], {
            detail: `${root} 下没有规则集(rules.yaml、rules.yml 或 rules.json)`,
          }),
          file: root,
        },
      ],
    };
  const issues: KaoheIssue[] = [];
  const warnings: KaoheIssue[] = [];
  const byId = new Map<string, Version[]>();
  for (const f of files) {
    const params = paramsFiles(f);
    for (const p of params.length ? params : [null]) {
      const v = loadVersion(f, p);
      if ("issues" in v) {
        issues.push(...v.issues);
        continue;
      }
      warnings.push(...v.warnings);
      const list = byId.get(v.crs.id) ?? [];
      list.push(v);
      byId.set(v.crs.id, list);
    }
  }
  const entries = new Map<string, Entry>();
  for (const id of [...byId.keys()].sort()) {
    const versions = byId.get(id) as Version[];
    if (versions.length > 1) {
      // Several versions of one id are told apart by the dates each is in force on, which must not
      // overlap, or as editions of a template (a request names one); editions that all state
      // dates must not overlap either, so that a period picks one.
      const editions = new Set(versions.map((v) => v.crs.edition?.id));
      const byEdition = !editions.has(undefined) && editions.size === versions.length;
      const dated = versions.every((v) => v.crs.source.effective);
      const problems = byEdition && !dated ? [] : checkVersions(versions.map((v) => v.crs));
      for (const p of problems)
        issues.push({ ...p, file: versions.map((v) => where(v)).join("、") });
    }
    versions.sort((a, b) => cmp(fromOf(a), fromOf(b)) || cmp(where(a), where(b)));
    entries.set(id, { id, versions });
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, registry: { entries, generation }, warnings };
}

const fromOf = (v: Version) => v.crs.source.effective?.from ?? "";
const where = (v: Version) => (v.params ? `${v.rules.file}(${v.params.file})` : v.rules.file);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
