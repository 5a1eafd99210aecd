import * as z from "zod";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

const StepBand = z.strictObject({
  below: Dec.meta({ description: "The band starts below this rate (percent)." }),
  per: Dec.meta({ description: "Size of one step in percentage points (每减少5%)." }),
  each: Dec.meta({ description: "Amount per step." }),
});

/** C6: a step deduction on a rate's shortfall from a base. */
export const StepClause = z.strictObject({
  type: z.literal("step"),
  ...clauseCommon,
  fact: Id.meta({ description: "A rate fact (percent, 0–100)." }),
  below: z
    .union([Dec, z.strictObject({ fact: Id })])
    .optional()
    .meta({
      description:
        "The base (以100%为基数): shortfall is base − rate. May name a number fact, e.g. a cohort figure (低于前一年度全省平均数的…).",
    }),
  per: Dec.optional(),
  each: Dec.optional(),
  bands: z.array(StepBand).min(1).optional().meta({
    description: "Several bands (低于96%…每降低1个百分点扣0.25分;低于90%…扣0.5分).",
  }),
  bandMode: z.enum(["marginal", "whole"]).optional().meta({
    description:
      "marginal: each band charges only the shortfall inside it; whole: the lowest band reached prices the whole shortfall, measured from the first band's start. Required with bands.",
  }),
  partial: z.enum(["floor", "ceil", "prorata"]).meta({
    description: "A partial step: ignored (floor), counted whole (ceil), or pro rata.",
  }),
  cap: Dec.optional(),
});
