import * as z from "zod";
import { Dec, Id, sourced } from "../../schema/parts.js";

/** C19: staged gates on the score before the bonus stage. */
export const Gate = z.strictObject({
  id: Id,
  ...sourced,
  gt: Dec.optional(),
  gte: Dec.optional(),
  lt: Dec.optional(),
  lte: Dec.optional(),
  grade: Id.optional().meta({
    description: "The grade forced when the gate holds (低于60分,判定为不合格).",
  }),
  flag: Id.optional(),
  stop: z
    .boolean()
    .optional()
    .meta({ description: "Scoring stops here: no later stage applies. Default false." }),
  opens: z.literal("bonus").optional().meta({
    description: "The gate admits the unit to the bonus stage (高于80分,则进入加分指标评分环节).",
  }),
});
