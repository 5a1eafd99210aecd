import * as z from "zod/mini";
import { Dec } from "../../schema/parts.js";

/** K3: the cohort's mean, median and counts at or above lines, per category and overall. */
export const Statistics = z.strictObject({
  lines: z
    .optional(z.array(Dec))
    .check(z.meta({ description: "Count units at or above each line (90分以上,含90分)." })),
  places: z
    .int()
    .check(z.minimum(0))
    .check(z.maximum(10))
    .check(z.meta({ description: "Places the mean and median are rounded to (half-up)." })),
});

/** K3: the statistics as the rule set states them. */
export type StatisticsInput = z.infer<typeof Statistics>;
