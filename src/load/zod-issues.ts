import type * as z from "zod/mini";
import { DECIMAL_RE } from "../decimal.js";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";

type ZIssue = z.core.$ZodIssue;

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    if (!Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<PathSegment, unknown>)[seg];
  }
  return cur;
}

/** What a value is, in the words of the messages (文字 "…", 数字 5, 列表, 映射). */
function kindOf(v: unknown): string {
  if (v === null) return "空值 null";
  if (Array.isArray(v)) return "列表";
  if (typeof v === "object") return "映射";
  if (typeof v === "string") return `文字 "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === "number") return `数字 ${String(v)}`;
  if (typeof v === "boolean") return `是非值 ${String(v)}`;
  return `${typeof v} ${String(v)}`;
}

/** The types zod names (`expected`), as the messages say them. */
const EXPECTED: Readonly<Record<string, string>> = {
  string: "文字",
  number: "数字",
  int: "整数",
  boolean: "是非值(true 或 false)",
  array: "列表",
  object: "映射",
  null: "空值",
};
const expectedWord = (e: string): string => EXPECTED[e] ?? e;

/** A decimal, as E_TYPE asks for it. */
const DECIMAL_EXPECTED = '十进制数字(如 0.5 或 "0.5")';

/** zod's word for a fault beyond a bound (too_big, too_small), for a text, a list or a number. */
function boundDetail(iss: z.core.$ZodRawIssue): string | null {
  if (iss.code !== "too_big" && iss.code !== "too_small") return null;
  const big = iss.code === "too_big";
  const limit = String(big ? iss.maximum : iss.minimum);
  if (iss.origin === "string")
    return big
      ? `文字不能超过 ${limit} 个字符`
      : limit === "1"
        ? "不能是空的文字"
        : `文字至少要有 ${limit} 个字符`;
  if (iss.origin === "array" || iss.origin === "set")
    return big
      ? `列表不能超过 ${limit} 项`
      : limit === "1"
        ? "列表不能是空的"
        : `列表至少要有 ${limit} 项`;
  const incl = iss.inclusive !== false;
  const bound = big ? (incl ? "不大于" : "小于") : incl ? "不小于" : "大于";
  return `应为${bound} ${limit} 的数,实际是 ${kindOf(iss.input)}`;
}

/**
 * The words of a fault zod finds that kaohe does not map to a code of its own: the `detail` of an
 * E_INVALID. A schema's own message (a refine's) comes first; zod's locales are English.
 */
function zhIssue(iss: z.core.$ZodRawIssue): string {
  const bound = boundDetail(iss);
  if (bound) return bound;
  if (iss.code === "not_multiple_of")
    return `应为 ${String(iss.divisor)} 的整数倍,实际是 ${kindOf(iss.input)}`;
  if (iss.code === "invalid_key") return `键 ${kindOf(iss.input)} 的写法不对`;
  if (iss.code === "invalid_element") return `${kindOf(iss.input)} 中有写法不对的值`;
  return `${kindOf(iss.input)} 不合要求`;
}

function toPath(p: PropertyKey[]): PathSegment[] {
  return p.map((s) => (typeof s === "number" ? s : String(s)));
}

/**
 * Parse options giving kaohe's own words for zod's faults (the `detail` of an E_INVALID), in
 * Chinese: zod/mini installs no locale, and setting one globally (z.config) would be the
 * application's choice, not kaohe's. Every parse of a rule-language schema passes these, so the
 * words never depend on whether some other module happened to load zod's classic API first.
 */
export const ZOD_PARSE: { error: z.core.$ZodErrorMap } = { error: zhIssue };

/** A located issue plus, when it concerns a key rather than a value, the key to point at. */
export interface MappedIssue {
  issue: KaoheIssue;
  key?: string;
}

/**
 * Maps zod's issues onto kaohe's codes. A union's failure is reported through the branch that
 * got furthest, so "expected a decimal" or "unknown construct" is said instead of zod's generic
 * "invalid input".
 */
export function mapZodIssues(
  issues: readonly ZIssue[],
  data: unknown,
  base: PathSegment[] = [],
  knownTypes: readonly string[] = [],
): MappedIssue[] {
  const out: MappedIssue[] = [];
  for (const zi of issues) {
    const path = [...base, ...toPath(zi.path)];
    const value = valueAt(data, path);
    switch (zi.code) {
      case "invalid_type": {
        if (value === undefined) {
          const key = String(path[path.length - 1] ?? "");
          out.push({ issue: issue("E_REQUIRED", path.slice(0, -1), { key }) });
        } else {
          const expected = expectedWord(zi.expected);
          out.push({ issue: issue("E_TYPE", path, { expected, received: kindOf(value) }) });
        }
        break;
      }
      case "unrecognized_keys":
        out.push({
          issue: issue("E_UNKNOWN_KEY", path, { keys: zi.keys.join(", ") }),
          key: zi.keys[0],
        });
        break;
      case "invalid_value":
        if (value === undefined) {
          out.push({
            issue: issue("E_REQUIRED", path.slice(0, -1), {
              key: String(path[path.length - 1] ?? ""),
            }),
          });
        } else if (path.length === 1 && path[0] === "kaohe") {
          out.push({ issue: issue("E_VERSION", path, { version: JSON.stringify(value) }) });
        } else {
          out.push({
            issue: issue("E_ENUM", path, { allowed: zi.values.map((v) => String(v)).join(", ") }),
          });
        }
        break;
      case "invalid_union": {
        if (zi.discriminator) {
          // zod puts the discriminator's own key at the end of the path.
          if (path[path.length - 1] === zi.discriminator) path.pop();
          const disc = valueAt(data, [...path, zi.discriminator]);
          if (disc === undefined) {
            out.push({ issue: issue("E_REQUIRED", path, { key: zi.discriminator }) });
          } else {
            out.push({
              issue: issue("E_UNKNOWN_CONSTRUCT", [...path, zi.discriminator], {
                // Not String(disc): a null-prototype object from code has no toString.
                value: typeof disc === "string" ? disc : kindOf(disc),
                allowed: knownTypes.join(", "),
              }),
            });
          }
          break;
        }
        if (value === undefined) {
          // A missing field that may take several forms (a number or { param }, say).
          out.push({
            issue: issue("E_REQUIRED", path.slice(0, -1), {
              key: String(path[path.length - 1] ?? ""),
            }),
          });
          break;
        }
        const branches = zi.errors ?? [];
        // All branches rejected the value's type: say what would have been accepted.
        const typeOnly = branches.every(
          (b) =>
            b.length === 1 && b[0] && b[0].path.length === 0 && b[0].code !== "unrecognized_keys",
        );
        if (typeOnly || branches.length === 0) {
          const isDecimal = branches.some((b) => b[0]?.code === "invalid_format");
          const expected = isDecimal
            ? DECIMAL_EXPECTED
            : [...new Set(branches.map((b) => describeExpected(b[0])))].join(" 或 ");
          out.push({ issue: issue("E_TYPE", path, { expected, received: kindOf(value) }) });
          break;
        }
        // Otherwise report the branch that matched the value's shape best (deepest, fewest).
        const score = (b: ZIssue[]): number =>
          Math.max(...b.map((x) => x.path.length)) * 1000 -
          b.length -
          (b.some((x) => x.code === "unrecognized_keys") ? 500 : 0);
        const best = [...branches].sort((a, b) => score(b) - score(a))[0] ?? [];
        out.push(...mapZodIssues(best, data, path, knownTypes));
        break;
      }
      case "invalid_format":
        if (
          zi.pattern === DECIMAL_RE.source ||
          (zi.pattern && String(zi.pattern) === String(DECIMAL_RE))
        ) {
          out.push({
            issue: issue("E_TYPE", path, {
              expected: DECIMAL_EXPECTED,
              received: kindOf(value),
            }),
          });
        } else {
          out.push({
            issue: issue("E_INVALID", path, {
              detail: `${kindOf(value)} 的写法不对(编号只用文字、数字、_ . - 和括号;日期写 YYYY-MM-DD)`,
            }),
          });
        }
        break;
      default:
        out.push({
          issue: issue("E_INVALID", path, { detail: zi.message }),
        });
    }
  }
  return out;
}

function describeExpected(zi: ZIssue | undefined): string {
  if (!zi) return "合乎要求的值";
  if (zi.code === "invalid_type") return expectedWord(zi.expected);
  if (zi.code === "invalid_value") return zi.values.map((v) => JSON.stringify(v)).join(" | ");
  if (zi.code === "invalid_format") return "写法合乎要求的文字";
  return "合乎要求的值";
}
