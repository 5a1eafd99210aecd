import * as z from "zod/mini";
import { Dec, Id, sourced } from "../../schema/parts.js";

/** K2: a grade limited to a share of the units, applied by rank (优秀比例不超过20%). */
export const Quota = z.strictObject({
  id: Id,
  ...sourced,
  grade: Id,
  maxPercent: Dec.check(
    z.meta({
      description: "At most this share of the units may have the grade (优秀比例不超过20%).",
    }),
  ),
  scope: z.enum(["all", "category"]),
  count: z
    .enum(["floor", "round", "ceil"])
    .check(z.meta({ description: "How N × percent becomes a number of units." })),
  ties: z.enum(["demote-all", "keep-all"]).check(
    z.meta({
      description: "A tie across the quota line: all tied units lose the grade, or all keep it.",
    }),
  ),
  demoteTo: Id.check(z.meta({ description: "The grade given instead." })),
});

/** K2: a quota as the rule set states it. */
export type QuotaInput = z.infer<typeof Quota>;
