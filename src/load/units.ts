import { issue, type KaoheIssue } from "../errors/issue.js";
import { parseSource } from "./document.js";
import type { CohortUnitInput, PartInput } from "./inputs.js";
import { normalizeUnitId } from "./unit-id.js";

export { normalizeUnitId } from "./unit-id.js";

/** No facts file may list more units than this. */
export const MAX_UNITS = 1_000_000;
export const UNIT_KEYS: ReadonlySet<string> = new Set([
  "id",
  "category",
  "facts",
  "parts",
  "parent",
  "self",
]);

/** Checks that `parts` (of a unit or of its self-assessment) are mappings all the way down. */
function partsProblem(parts: unknown, where: string): string | null {
  if (parts === undefined) return null;
  if (!parts || typeof parts !== "object" || Array.isArray(parts))
    return `${where} 应为映射:部分名称: { facts: … } 或 { score: … }`;
  for (const [k, v] of Object.entries(parts as Record<string, unknown>)) {
    if (!v || typeof v !== "object" || Array.isArray(v))
      return `${where}.${k} 是空的或不是映射(应写 { facts: … }、{ score: … } 或 { parts: … })`;
    const sub = partsProblem((v as { parts?: unknown }).parts, `${where}.${k}.parts`);
    if (sub) return sub;
  }
  return null;
}

/** What parseUnits returns: the units, the problems, and a way to place a unit's issues in the file. */
export interface ParsedUnits {
  units: CohortUnitInput[];
  issues: KaoheIssue[];
  /**
   * Fills in file, line and column of an issue about one unit whose path is relative to the unit
   * (`["facts", "x"]`), from the unit's position in the facts file.
   */
  locate?: (unitId: string, i: KaoheIssue) => KaoheIssue;
}

/**
 * Reads a facts file (YAML or JSON): `{ units: [{ id, category?, facts }] }`, a bare list of
 * units, or one unit. Every unit that is malformed is reported with its path and line; the others
 * are returned, so nothing is lost silently.
 */
export function parseUnits(text: string, file?: string): ParsedUnits {
  const src = parseSource(text, file);
  if (src.issues.length) return { units: [], issues: src.issues };
  const data = src.data;
  let list: unknown;
  let base: (string | number)[] = [];
  if (Array.isArray(data)) list = data;
  else if (data && typeof data === "object" && "units" in data) {
    list = (data as { units: unknown }).units;
    base = ["units"];
  } else if (data && typeof data === "object" && "id" in data) list = [data];
  else {
    return {
      units: [],
      issues: [
        src.locate(
          issue("F_BAD_UNITS", [], {
            detail: "应为 { units: [...] }、单位列表或一个单位",
          }),
        ),
      ],
    };
  }
  if (!Array.isArray(list))
    return {
      units: [],
      issues: [src.locate(issue("F_BAD_UNITS", base, { detail: "units 应为列表" }))],
    };
  if (list.length > MAX_UNITS)
    return {
      units: [],
      issues: [
        src.locate(
          issue("F_BAD_UNITS", base, {
            detail: `单位超过 ${MAX_UNITS} 个`,
          }),
        ),
      ],
    };
  const units: CohortUnitInput[] = [];
  const issues: KaoheIssue[] = [];
  const where = new Map<string, (string | number)[]>();
  const firstAt = new Map<string, { index: number; raw: string; passed: boolean }>();
  list.forEach((u, i) => {
    const path = [...base, i];
    const before = issues.length;
    const bad = (detail: string, key?: string) =>
      issues.push(src.locate(issue("F_BAD_UNITS", path, { detail }), key ? { key } : undefined));
    if (!u || typeof u !== "object" || Array.isArray(u)) return bad(`第${i + 1}个单位不是映射`);
    const o = u as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!UNIT_KEYS.has(k))
        bad(`未知字段 "${k}";单位只有 id、category、facts、parts、parent、self 这几项`, k);
    if (typeof o.id !== "string" && typeof o.id !== "number") {
      issues.push(
        src.locate(
          issue("F_UNIT_ID", path, {
            detail: `第${i + 1}个单位没有名称`,
          }),
          "id" in o ? { key: "id" } : undefined,
        ),
      );
      return;
    }
    const rawId = String(o.id);
    const id = normalizeUnitId(rawId);
    if (id === "") {
      issues.push(
        src.locate(
          issue("F_UNIT_ID", [...path, "id"], {
            detail: `第${i + 1}个单位的名称是空的`,
          }),
        ),
      );
      return;
    }
    // The same unit twice (or two spellings of one unit): every copy is passed on, so that the
    // cohort refuses to score any of them and leaves them all out of its figures, whatever their
    // order. A malformed copy is passed on as a bare id, which is never scored either.
    const first = firstAt.get(id);
    if (first) {
      const firstLoc = src.locate(issue("F_UNIT_ID", [...base, first.index], { detail: "" }));
      issues.push(
        src.locate(
          issue("F_DUPLICATE_UNIT_AT", [...path, "id"], {
            id,
            first:
              firstLoc.line !== undefined ? `第${firstLoc.line}行` : `第${first.index + 1}个单位`,
            detail:
              first.raw !== rawId
                ? `,写法不同但去掉不可见字符、统一字形后相同:${JSON.stringify(first.raw)} 与 ${JSON.stringify(rawId)}`
                : "",
          }),
        ),
      );
      if (!first.passed) {
        units.push({ id, facts: {} });
        first.passed = true;
      }
    } else {
      firstAt.set(id, { index: i, raw: rawId, passed: false });
      where.set(id, path);
    }
    const own = issues.length;
    if (o.category !== undefined && typeof o.category !== "string")
      bad("category(类别)应为文字", "category");
    if (o.parent !== undefined && typeof o.parent !== "string" && typeof o.parent !== "number")
      bad("parent(上级单位)应为单位名称", "parent");
    const pp = partsProblem(o.parts, "parts");
    if (pp) bad(pp, "parts");
    if (o.self !== undefined) {
      if (!o.self || typeof o.self !== "object" || Array.isArray(o.self))
        bad("self(自评)应为映射", "self");
      else {
        const sp = partsProblem((o.self as { parts?: unknown }).parts, "self.parts");
        if (sp) bad(sp, "self");
        const sf = (o.self as { facts?: unknown }).facts;
        if (sf !== undefined && (!sf || typeof sf !== "object" || Array.isArray(sf)))
          bad("self.facts(自评事实)应为映射", "self");
      }
    }
    const facts = o.facts ?? {};
    if (!facts || typeof facts !== "object" || Array.isArray(facts))
      bad("facts(事实)应为映射:事实编号: 值", "facts");
    // A unit with any problem of its own is reported, not scored: never half-read.
    const malformed = issues.length > own || issues.length > before + (first ? 1 : 0);
    if (malformed) {
      if (first) units.push({ id, facts: {} });
      return;
    }
    const entry = firstAt.get(id);
    if (entry && !first) entry.passed = true;
    units.push({
      id,
      ...(typeof o.category === "string" ? { category: o.category } : {}),
      facts: facts as Record<string, unknown>,
      ...(o.parts !== undefined ? { parts: o.parts as Record<string, PartInput> } : {}),
      ...(o.parent !== undefined ? { parent: normalizeUnitId(String(o.parent)) } : {}),
      ...(o.self !== undefined ? { self: o.self as NonNullable<CohortUnitInput["self"]> } : {}),
    });
  });
  const locate = (unitId: string, i: KaoheIssue): KaoheIssue => {
    const at = where.get(unitId);
    if (!at || i.line !== undefined) return i;
    const placed = src.locate({ ...i, path: [...at, ...i.path] });
    return {
      ...i,
      ...(placed.file ? { file: placed.file } : {}),
      ...(placed.line !== undefined ? { line: placed.line, column: placed.column ?? 1 } : {}),
    };
  };
  return { units, issues, locate };
}
