import { type IssueCode, type IssueParams, MESSAGES } from "./codes.js";

/** One path step in a document: an object key or an array index. */
export type PathSegment = string | number;

/** A problem as data: a stable code, where it is, and a message from the message table. */
export interface KaoheIssue {
  /** The stable code, e.g. `E_POINTS_SUM`. */
  code: IssueCode;
  /** The severity; warnings never stop a rule set from loading. */
  severity: "error" | "warning";
  /** The path of the offending value in its document. */
  path: PathSegment[];
  /** The human-readable message. */
  message: string;
  /** The file, when the document came from one. */
  file?: string;
  /** The 1-based line of the offending value, when known. */
  line?: number;
  /** The 1-based column of the offending value, when known. */
  column?: number;
  /** The worksheet of the offending cell, for an XLSX file. */
  sheet?: string;
  /** The offending cell in A1 form (`B7`; `A3` for a whole row), for a sheet (XLSX or CSV). */
  cell?: string;
  /** The unit (被考核单位) the problem concerns, for problems with a unit's facts. */
  unit?: string;
}

export function issue<C extends IssueCode>(
  code: C,
  path: PathSegment[],
  params: IssueParams<C>,
): KaoheIssue {
  const fn = MESSAGES[code] as (p: IssueParams<C>) => string;
  return { code, severity: code.startsWith("W_") ? "warning" : "error", path, message: fn(params) };
}

/**
 * Renders an issue as `file:line:column: CODE 【unit】message (at path)`; an issue in a sheet as
 * `file[sheet]!B7: …` (XLSX) or `file!B7: …` (CSV).
 */
export function formatIssue(i: KaoheIssue): string {
  const sheet = i.sheet !== undefined ? `[${i.sheet}]` : "";
  const place =
    i.cell !== undefined
      ? `${sheet}!${i.cell}`
      : i.line !== undefined
        ? `${sheet}:${i.line}:${i.column ?? 1}`
        : sheet;
  const where = i.file ? `${i.file}${place}: ` : place ? `${place.replace(/^:/, "")}: ` : "";
  const at = i.path.length ? ` (at ${formatPath(i.path)})` : "";
  const unit = i.unit !== undefined ? `【${i.unit}】` : "";
  return `${where}${i.severity === "warning" ? "warning" : "error"} ${i.code} ${unit}${i.message}${at}`;
}

export function formatPath(path: PathSegment[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** The brand of a KaoheError; `Symbol.for`, so it is one symbol however many copies are loaded. */
const KAOHE_ERROR = Symbol.for("kaohe.KaoheError");

/**
 * Thrown by the convenience APIs that cannot return a list of issues.
 *
 * In Node every entry point and format shares one copy of this class (see docs/packaging.md).
 * `instanceof KaoheError` also holds across copies a bundler may still make (an app bundling both
 * the ESM and the CJS build, or two installed versions): it checks a `Symbol.for` brand.
 */
export class KaoheError extends Error {
  readonly issues: KaoheIssue[];
  constructor(issues: KaoheIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "KaoheError";
    this.issues = issues;
  }

  static {
    Object.defineProperty(KaoheError.prototype, KAOHE_ERROR, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): value is KaoheError {
    // A subclass keeps the ordinary prototype check: `this` is the class `instanceof` names.
    // biome-ignore lint/complexity/noThisInStatic: the subclass, not KaoheError, is meant here
    if (this !== KaoheError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (
      typeof value === "object" &&
      value !== null &&
      (value as { [KAOHE_ERROR]?: unknown })[KAOHE_ERROR] === true
    );
  }
}
