import * as z from "zod/mini";
import { Ref, Rounding } from "../../schema/parts.js";

/** T7: a run split into months or quarters, each scored on its own, their scores summed (累计积分) or averaged. */
export const PeriodsSchema = z.strictObject({
  each: z.enum(["month", "quarter"]).check(
    z.meta({
      description:
        "The periods the assessment window is split into: calendar months or quarters, each clipped to the window.",
    }),
  ),
  total: z.enum(["sum", "mean"]).check(
    z.meta({
      description:
        "How the periods' scores make the total: sum (累计积分) or mean (the sum divided by the number of periods).",
    }),
  ),
  periodRounding: z.enum(["none", "policy"]).check(
    z.meta({
      description:
        "none: each period's score enters exact; policy: each period's total is first rounded as policy.rounding says (the score a monthly 通报 publishes).",
    }),
  ),
  rounding: z.omit(Rounding, { at: true }).check(
    z.meta({
      description: "Rounding of the total, applied once.",
    }),
  ),
  undated: z.optional(z.enum(["every", "first", "error"])).check(
    z.meta({
      description:
        "A finding without a date, which no period can claim: counted in every period (every), in the first period only (first), or refused, naming it (error, the default).",
    }),
  ),
  text: z.string().check(z.minLength(1)).check(z.maxLength(4000)),
  ref: Ref,
});
