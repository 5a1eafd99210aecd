import type { Decimal } from "../../decimal.js";

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
