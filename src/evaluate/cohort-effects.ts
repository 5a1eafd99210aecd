/**
 * What the cohort did to a unit's score or facts, as data (issue 10: a structured trace), and the
 * one place its Chinese words are made from that data: a figure computed over the whole cohort
 * (K5) and a score linked to its sub-units' (K6). Rounding for display happens here, in the
 * words; the effect keeps the exact figures. It sits beside the engine's effects, not in cohort/,
 * because the trace entry's type (evaluate/types.ts) names it and stages import downwards only.
 */
import { type Decimal, dstr, roundTo } from "../decimal.js";

/** K5: a figure computed over the cohort, with its inputs and arithmetic. */
export type CohortFigureEffect =
  /**
   * The share of units with findings of `kind` for each item (`units` of `of`, in percent), and
   * whether it reaches the line (`atLeast`, in percent), items in name order.
   */
  | {
      type: "item-share";
      kind: string;
      of: number;
      atLeast: Decimal;
      items: { item: string; units: number; share: Decimal; over: boolean }[];
    }
  /** The mean of a fact over `of` units of this run (`over: "current"`) or the previous one. */
  | { type: "mean"; over: "current" | "previous"; of: number; mean: Decimal };

/** K6: own score and the sub-units' mean, each weighted (percent), summed and rounded. */
export interface LinkedEffect {
  type: "linked";
  own: Decimal;
  ownPercent: Decimal;
  children: number;
  childrenMean: Decimal;
  childrenPercent: Decimal;
  exact: Decimal;
  score: Decimal;
}

/** What the cohort did, as data: a figure (K5) or a linked score (K6). */
export type CohortEffect = CohortFigureEffect | LinkedEffect;

/** The explanation of what the cohort did, in the words a 通报 uses. */
export function cohortWords(e: CohortEffect): string {
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
    case "linked":
      return `本级${dstr(e.own)}分×${dstr(e.ownPercent)}%+所属${e.children}个单位平均${dstr(roundTo(e.childrenMean, 4, "half-up"))}分×${dstr(e.childrenPercent)}%=${dstr(e.exact)}分,计${dstr(e.score)}分`;
  }
}
