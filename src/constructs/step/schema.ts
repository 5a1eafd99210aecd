import * as z from "zod/mini";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

const StepBand = z.strictObject({
  below: Dec.check(z.meta({ description: "The band starts below this rate (percent)." })),
  per: Dec.check(z.meta({ description: "Size of one step in percentage points (每减少5%)." })),
  each: Dec.check(z.meta({ description: "Amount per step." })),
});

/** C6: a step deduction on a rate's shortfall from a base. */
export const StepClause = z.strictObject({
  type: z.literal("step"),
  ...clauseCommon,
  fact: Id.check(z.meta({ description: "A rate fact (percent, 0–100)." })),
  below: z.optional(z.union([Dec, z.strictObject({ fact: Id })])).check(
    z.meta({
      description:
        "The base (以100%为基数): shortfall is base − rate. May name a number fact, e.g. a cohort figure (低于前一年度全省平均数的…).",
    }),
  ),
  per: z.optional(Dec),
  each: z.optional(Dec),
  bands: z.optional(z.array(StepBand).check(z.minLength(1))).check(
    z.meta({
      description: "Several bands (低于96%…每降低1个百分点扣0.25分;低于90%…扣0.5分).",
    }),
  ),
  bandMode: z.optional(z.enum(["marginal", "whole"])).check(
    z.meta({
      description:
        "marginal: each band charges only the shortfall inside it; whole: the lowest band reached prices the whole shortfall, measured from the first band's start. Required with bands.",
    }),
  ),
  partial: z.enum(["floor", "ceil", "prorata"]).check(
    z.meta({
      description: "A partial step: ignored (floor), counted whole (ceil), or pro rata.",
    }),
  ),
  cap: z.optional(Dec),
});
