import type { CBounds, CompiledRuleSet } from "../compile/compile.js";
import type { Decimal } from "../decimal.js";
import type { EngineEffect } from "./effects.js";
import type { TraceEntry, TraceRef, UnitResult } from "./types.js";

/** Pieces shared by single, combined and cohort scoring. */

export function refOf(
  crs: CompiledRuleSet,
  ref: { doc: string; at?: string } | undefined,
): TraceRef | undefined {
  if (!ref) return undefined;
  const title = crs.documents.get(ref.doc)?.title ?? ref.doc;
  return ref.at !== undefined ? { doc: ref.doc, title, at: ref.at } : { doc: ref.doc, title };
}

export function within(v: Decimal, b: CBounds): boolean {
  if (b.gt && !v.greaterThan(b.gt)) return false;
  if (b.gte && !v.greaterThanOrEqualTo(b.gte)) return false;
  if (b.lt && !v.lessThan(b.lt)) return false;
  if (b.lte && !v.lessThanOrEqualTo(b.lte)) return false;
  return true;
}

/**
 * C15: the flags a result's thresholds raise, each with its trace entry. Shared by single,
 * combined and cohort scores, which each read their own totals.
 */
export function thresholdFlags(
  crs: CompiledRuleSet,
  r: Pick<UnitResult, "total" | "deducted" | "added" | "measures"> & {
    nodes: Readonly<Record<string, { score: Decimal }>>;
  },
): { flag: string; entry: TraceEntry }[] {
  const out: { flag: string; entry: TraceEntry }[] = [];
  for (const t of crs.thresholds) {
    const v =
      t.of === "total"
        ? r.total
        : t.of === "deducted"
          ? r.deducted
          : t.of === "added"
            ? r.added
            : "node" in t.of
              ? r.nodes[t.of.node]?.score
              : r.measures[t.of.measure];
    if (v === undefined || !within(v, t.bounds)) continue;
    const effect: EngineEffect = { type: "threshold", value: v, flag: t.flag };
    const e: TraceEntry = {
      kind: "flag",
      rule: t.id,
      node: null,
      measure: crs.pointsMeasure,
      text: t.text,
      facts: {},
      effect,
    };
    const ref = refOf(crs, t.ref);
    if (ref) e.ref = ref;
    out.push({ flag: t.flag, entry: e });
  }
  return out;
}
