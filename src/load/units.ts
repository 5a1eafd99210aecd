import type { CohortUnitInput } from "../cohort/types.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import type { PartInput } from "../evaluate/types.js";
import { parseSource } from "./document.js";

/** No facts file may list more units than this. */
export const MAX_UNITS = 1_000_000;
const UNIT_KEYS = new Set(["id", "category", "facts", "parts", "parent", "self"]);

/**
 * Reads a facts file (YAML or JSON): `{ units: [{ id, category?, facts }] }`, a bare list of
 * units, or one unit. Every unit that is malformed is reported with its path and line; the others
 * are returned, so nothing is lost silently.
 */
export function parseUnits(
  text: string,
  file?: string,
): { units: CohortUnitInput[]; issues: KaoheIssue[] } {
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
            detail: "expected { units: [...] }, a list of units, or one unit",
          }),
        ),
      ],
    };
  }
  if (!Array.isArray(list))
    return {
      units: [],
      issues: [src.locate(issue("F_BAD_UNITS", base, { detail: "units must be a list" }))],
    };
  if (list.length > MAX_UNITS)
    return {
      units: [],
      issues: [src.locate(issue("F_BAD_UNITS", base, { detail: `more than ${MAX_UNITS} units` }))],
    };
  const units: CohortUnitInput[] = [];
  const issues: KaoheIssue[] = [];
  list.forEach((u, i) => {
    const path = [...base, i];
    const before = issues.length;
    const bad = (detail: string, key?: string) =>
      issues.push(src.locate(issue("F_BAD_UNITS", path, { detail }), key ? { key } : undefined));
    if (!u || typeof u !== "object" || Array.isArray(u))
      return bad(`unit ${i + 1} is not a mapping`);
    const o = u as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!UNIT_KEYS.has(k))
        bad(`unknown field "${k}" (a unit has id, category, facts, parts, parent, self)`, k);
    if (typeof o.id !== "string" && typeof o.id !== "number") return bad(`unit ${i + 1} has no id`);
    if (o.category !== undefined && typeof o.category !== "string")
      return bad("category must be a text", "category");
    if (o.parent !== undefined && typeof o.parent !== "string" && typeof o.parent !== "number")
      bad("parent must be a unit id", "parent");
    for (const k of ["parts", "self"] as const)
      if (o[k] !== undefined && (!o[k] || typeof o[k] !== "object" || Array.isArray(o[k])))
        bad(`${k} must be a mapping`, k);
    const facts = o.facts ?? {};
    if (!facts || typeof facts !== "object" || Array.isArray(facts))
      return bad("facts must be a mapping", "facts");
    // A unit with any problem is reported, not scored: never half-read.
    if (issues.length > before) return;
    units.push({
      id: String(o.id),
      ...(typeof o.category === "string" ? { category: o.category } : {}),
      facts: facts as Record<string, unknown>,
      ...(o.parts && typeof o.parts === "object" && !Array.isArray(o.parts)
        ? { parts: o.parts as Record<string, PartInput> }
        : {}),
      ...(o.parent !== undefined ? { parent: String(o.parent) } : {}),
      ...(o.self && typeof o.self === "object" && !Array.isArray(o.self)
        ? { self: o.self as NonNullable<CohortUnitInput["self"]> }
        : {}),
    });
  });
  return { units, issues };
}
