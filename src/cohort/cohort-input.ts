import { isDecimalLike } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { normalizeUnitId } from "../load/unit-id.js";
import type { CohortUnitInput, PreviousRun } from "./types.js";

/**
 * The units in id order, each id as normalizeUnitId gives it: nothing after this may depend on
 * the order of the input, and look-alike spellings of one unit count as duplicates. Units with
 * an empty id are left out and reported.
 */
export function unitsInIdOrder(
  input: readonly CohortUnitInput[],
  issues: KaoheIssue[],
): CohortUnitInput[] {
  const blank: CohortUnitInput[] = [];
  const units = input
    .map((u) => {
      const id = normalizeUnitId(String(u?.id ?? ""));
      return id === u?.id ? u : { ...u, id };
    })
    .filter((u) => {
      if (u.id === "") blank.push(u);
      return u.id !== "";
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (blank.length)
    issues.push(
      issue("F_UNIT_ID", ["units"], {
        detail: `${blank.length}个单位的名称是空的,未计分`,
      }),
    );
  return units;
}

/** Ids given more than once, each with the categories its copies state. */
export function duplicateIds(units: readonly CohortUnitInput[]): Map<string, Set<string | null>> {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const u of units) {
    if (seen.has(u.id)) dupes.add(u.id);
    seen.add(u.id);
  }
  const categories = new Map<string, Set<string | null>>();
  for (const u of units)
    if (dupes.has(u.id)) {
      const cats = categories.get(u.id) ?? new Set<string | null>();
      cats.add(u.category ?? null);
      categories.set(u.id, cats);
    }
  return categories;
}

/** Whether an entry of a previous run has an id, a decimal total and, if any, a rank from 1. */
function wellFormed(o: Record<string, unknown> | null): boolean {
  return (
    !!o &&
    typeof o === "object" &&
    typeof o.id === "string" &&
    isDecimalLike(o.total) &&
    (o.rank === undefined ||
      (typeof o.rank === "number" && Number.isInteger(o.rank) && o.rank >= 1)) &&
    (o.category === undefined || typeof o.category === "string") &&
    (o.facts === undefined || (!!o.facts && typeof o.facts === "object" && !Array.isArray(o.facts)))
  );
}

/** Keeps the well-formed entries of a previous run and reports the others. */
export function checkPrevious(previous: PreviousRun, issues: KaoheIssue[]): PreviousRun {
  const list = (previous as { units?: unknown }).units;
  if (!Array.isArray(list)) {
    issues.push(
      issue("K_PREVIOUS_INVALID", ["previous"], {
        detail: "应为 { units: [{ id, total, rank? }] }",
      }),
    );
    return { units: [] };
  }
  const units: PreviousRun["units"] = [];
  list.forEach((x: unknown, i) => {
    const o = x as Record<string, unknown> | null;
    if (wellFormed(o))
      units.push({ ...(o as PreviousRun["units"][number]), id: normalizeUnitId(o?.id as string) });
    else
      issues.push(
        issue("K_PREVIOUS_INVALID", ["previous", "units", i], {
          detail: `第${i + 1}项须有单位名称 id、十进制总分 total,如写名次 rank 须为不小于1的整数`,
        }),
      );
  });
  // A unit listed twice in the previous run has no one previous total or rank: it is left out
  // of every comparison and figure, and reported, so that no result depends on the order.
  const count = new Map<string, number>();
  for (const u of units) count.set(u.id, (count.get(u.id) ?? 0) + 1);
  const twice = [...count].filter(([, n]) => n > 1).map(([id]) => id);
  if (!twice.length) return { units };
  issues.push(
    issue("K_PREVIOUS_INVALID", ["previous", "units"], {
      detail: `以下单位出现了不止一次,不参加任何比较:${twice.sort().join(", ")}`,
    }),
  );
  return { units: units.filter((u) => (count.get(u.id) ?? 0) === 1) };
}
