import { version } from "../../package.json";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import type { RuleSetInput } from "../schema/ruleset.js";
import { markChecked } from "./checked.js";
import { sha256Hex } from "./sha256.js";
import type { LoadResult } from "./validate.js";

/*
 * Sealed rule sets: a rule set checked once, at build time, by the whole validator (schema and
 * lint), and written with the kaohe version that checked it and a SHA-256 digest of its content.
 * Opening one (openSealedRuleSet) checks the envelope, the version and the digest, and nothing
 * else: no zod, no lint, none of their messages, which is what lets `kaohe/sealed` weigh 20 KB
 * less in a browser than `kaohe/core` (docs/integrate.md, "A sealed rule set").
 *
 * What the digest proves: that the content is byte for byte what that kaohe version checked, so a
 * rule set edited after `kaohe seal` (a point changed by hand, a line lost in a copy) is refused,
 * not scored. It is not a signature: whoever can write the file can recompute it. A sealed rule
 * set is a build output, as trusted as the page's own code; a rule set a user gives goes through
 * validateRuleSet (kaohe/core), which checks everything.
 *
 * This module is on the sealed path: it must not import validate.ts, the lint or the schemas
 * (test/package.test.ts bundles `kaohe/sealed` and fails if their code is in it).
 */

/** The envelope's format number, the value of its `kaoheSealed` key. */
export const SEALED_FORMAT = 1;

/** The kaohe version this build is: a sealed rule set opens only in the version that sealed it. */
export const KAOHE_VERSION: string = version;

/** Largest canonical text a sealed rule set may have: as loadRuleSet's limit on rule text. */
export const MAX_SEALED_CHARS = 8 * 1024 * 1024;

/** A rule set checked and sealed by `kaohe seal` or sealRuleSet. */
export interface SealedRuleSet {
  /** The envelope's format: 1. */
  kaoheSealed: 1;
  /** The kaohe version that checked the rule set, e.g. `0.1.0`. */
  engine: string;
  /** `sha256:` and the digest of the engine and the rule set's canonical JSON. */
  digest: string;
  /** The rule set as the validator returned it. */
  ruleSet: RuleSetInput;
}

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

class SealFault {
  constructor(readonly issue: KaoheIssue) {}
}

/**
 * The canonical JSON of plain data: object keys sorted, no spaces, numbers as JSON writes them.
 * Refuses what JSON cannot carry exactly (a non-finite number, a function, a class instance), a
 * forbidden key, and a text over MAX_SEALED_CHARS.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  let size = 0;
  // The path of the value being written, kept as a stack: copied only into an issue.
  const path: PathSegment[] = [];
  const fault = (code: "E_SEALED_FORM", detail: string) =>
    new SealFault(issue(code, [...path], { detail }));
  const put = (s: string) => {
    size += s.length;
    if (size > MAX_SEALED_CHARS)
      throw new SealFault(issue("E_TOO_LARGE", [], { limit: MAX_SEALED_CHARS }));
    parts.push(s);
  };
  const walk = (v: unknown): void => {
    if (path.length > 64)
      throw new SealFault(
        issue("E_TOO_COMPLEX", [...path], { detail: "嵌套超过 64 层", limit: 64 }),
      );
    if (v === null || typeof v === "boolean" || typeof v === "string") {
      put(JSON.stringify(v));
      return;
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw fault("E_SEALED_FORM", `数字 ${v} 不能写成 JSON`);
      put(JSON.stringify(v));
      return;
    }
    if (Array.isArray(v)) {
      put("[");
      for (let i = 0; i < v.length; i++) {
        if (i) put(",");
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      put("]");
      return;
    }
    const proto = typeof v === "object" ? Object.getPrototypeOf(v) : undefined;
    if (proto !== Object.prototype && proto !== null)
      throw fault("E_SEALED_FORM", `${typeof v} 类型的值不是 JSON 数据`);
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    put("{");
    keys.forEach((k, i) => {
      path.push(k);
      if (FORBIDDEN.has(k)) throw new SealFault(issue("E_FORBIDDEN_KEY", [...path], { key: k }));
      if (i) put(",");
      put(JSON.stringify(k));
      put(":");
      walk(record[k]);
      path.pop();
    });
    put("}");
  };
  walk(value);
  return parts.join("");
}

/** The digest of a rule set sealed by `engine`: over the engine and the canonical JSON. */
export function sealDigest(engine: string, ruleSet: unknown): string {
  return `sha256:${sha256Hex(`kaoheSealed ${SEALED_FORMAT}\n${engine}\n${canonicalJson(ruleSet)}`)}`;
}

/**
 * The envelope of a rule set the validator returned (the caller has checked it). Throws a
 * SealFault only for data JSON cannot carry, which a checked rule set never holds.
 */
export function sealChecked(ruleSet: RuleSetInput): SealedRuleSet {
  const digest = sealDigest(KAOHE_VERSION, ruleSet);
  return { kaoheSealed: SEALED_FORMAT, engine: KAOHE_VERSION, digest, ruleSet };
}

/** `issues` of a sealing that failed, for sealRuleSet's caller. */
export function sealFault(e: unknown): KaoheIssue | undefined {
  return e instanceof SealFault ? e.issue : undefined;
}

/** A copy of plain JSON data that canonicalJson accepted, keys in their order. */
function copyPlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyPlain);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = copyPlain(x);
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Opens a sealed rule set: checks that it is an envelope of this format, sealed by this kaohe
 * version, with a digest that matches its content. The rule set it returns is a copy, frozen and
 * counted as checked, so compiling it does not check it again; `data` is left as it was.
 */
export function openSealedRuleSet(data: unknown): LoadResult {
  const fail = (i: KaoheIssue): LoadResult => ({ ok: false, issues: [i] });
  if (!isRecord(data))
    return fail(
      issue("E_SEALED_FORM", [], { detail: "应为一个对象(kaoheSealed、engine、digest、ruleSet)" }),
    );
  const unknown = Object.keys(data).filter(
    (k) => !["kaoheSealed", "engine", "digest", "ruleSet"].includes(k),
  );
  if (unknown.length)
    return fail(
      issue("E_SEALED_FORM", [unknown[0] as string], {
        detail: `多出了字段 ${unknown.join("、")}`,
      }),
    );
  if (data.kaoheSealed !== SEALED_FORMAT)
    return fail(
      issue("E_SEALED_FORM", ["kaoheSealed"], {
        detail: `kaoheSealed 应为 ${SEALED_FORMAT},实际是 ${JSON.stringify(data.kaoheSealed) ?? "未填写"}`,
      }),
    );
  if (typeof data.engine !== "string")
    return fail(issue("E_SEALED_FORM", ["engine"], { detail: "engine 应为封存它的 kaohe 版本号" }));
  if (typeof data.digest !== "string" || !/^sha256:[0-9a-f]{64}$/.test(data.digest))
    return fail(
      issue("E_SEALED_FORM", ["digest"], { detail: "digest 应为 sha256: 加 64 位小写十六进制数" }),
    );
  if (!isRecord(data.ruleSet))
    return fail(issue("E_SEALED_FORM", ["ruleSet"], { detail: "ruleSet 应为一个规则集对象" }));
  if (data.engine !== KAOHE_VERSION)
    return fail(
      issue("E_SEALED_ENGINE", ["engine"], { engine: data.engine, version: KAOHE_VERSION }),
    );
  let digest: string;
  try {
    digest = sealDigest(data.engine, data.ruleSet);
  } catch (e) {
    const i = sealFault(e);
    if (!i) throw e;
    return fail({ ...i, path: ["ruleSet", ...i.path] });
  }
  if (digest !== data.digest) return fail(issue("E_SEALED_DIGEST", ["digest"], {}));
  // A copy is frozen and marked, not the caller's object: opening changes nothing it was given.
  const ruleSet = markChecked(copyPlain(data.ruleSet) as RuleSetInput);
  return { ok: true, ruleSet, warnings: [] };
}
