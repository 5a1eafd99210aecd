/**
 * K5: a fact computed from the cohort, compiled once (its line parsed, its categories a set), and
 * the words of the figure it computed. Computing the figure over the cohort and filling it into
 * every unit stays in src/cohort/cohort-figures.ts, the stage that has every unit's facts.
 */

import { type Decimal, dstr, roundTo, toDecimal } from "../../decimal.js";
import type { CohortFigureEffect } from "./effect.js";
import type { CohortFactInput } from "./schema.js";

/** K5: how a cohort fact is computed, its line parsed. */
export type CCohortCompute =
  | { itemShare: { fact: string; kind: string; atLeast: Decimal; unitKind: string } }
  | { mean: string };

/** K5: a fact every unit is given, computed over this run's units or the previous run's. */
export interface CCohortFact {
  id: string;
  text: string;
  ref: { doc: string; at?: string };
  compute: CCohortCompute;
  /** Only units of these categories make up the figure; null: every unit. */
  categories: ReadonlySet<string> | null;
  over: "current" | "previous";
}

/** Compiles a cohort fact: an item share's line parsed once, its categories as a set. */
export function compileCohortFact(cf: CohortFactInput): CCohortFact {
  const c = cf.compute;
  return {
    id: cf.id,
    text: cf.text,
    ref: cf.ref,
    compute:
      "itemShare" in c
        ? { itemShare: { ...c.itemShare, atLeast: toDecimal(c.itemShare.atLeast) } }
        : { mean: c.mean },
    categories: cf.categories ? new Set(cf.categories) : null,
    over: cf.over,
  };
}

/**
 * The explanation of a figure computed over the cohort, rounded for display (the effect keeps it
 * exact): 全体10个单位中详细公开的比例:X:4/10=40%≥40%, or 上一轮2个单位的平均数为92.
 */
export function cohortFactWords(e: CohortFigureEffect): string {
  switch (e.type) {
    case "item-share": {
      const parts = e.items.map(
        (x) =>
          `${x.item}:${x.units}/${e.of}=${dstr(roundTo(x.share, 2, "half-up"))}%${x.over ? `≥${dstr(e.atLeast)}%` : ""}`,
      );
      return `全体${e.of}个单位中${e.kind}的比例:${parts.join(";") || "无"}`;
    }
    case "mean":
      return `${e.over === "previous" ? "上一轮" : "本轮"}${e.of}个单位的平均数为${dstr(roundTo(e.mean, 4, "half-up"))}`;
  }
}
