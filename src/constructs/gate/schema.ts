import * as z from "zod/mini";
import { Dec, Id, sourced } from "../../schema/parts.js";

/** C19: staged gates on the score before the bonus stage. */
export const Gate = z.strictObject({
  id: Id,
  ...sourced,
  gt: z.optional(Dec),
  gte: z.optional(Dec),
  lt: z.optional(Dec),
  lte: z.optional(Dec),
  grade: z.optional(Id).check(
    z.meta({
      description: "The grade forced when the gate holds (低于60分,判定为不合格).",
    }),
  ),
  flag: z.optional(Id),
  stop: z
    .optional(z.boolean())
    .check(z.meta({ description: "Scoring stops here: no later stage applies. Default false." })),
  opens: z.optional(z.literal("bonus")).check(
    z.meta({
      description: "The gate admits the unit to the bonus stage (高于80分,则进入加分指标评分环节).",
    }),
  ),
});
