import * as z from "zod";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** T5: a target per month or quarter ("每月至少有两条以上"; "每月…未完成的单位,扣30分"). */
export const TargetClause = z.strictObject({
  type: z.literal("target"),
  ...clauseCommon,
  fact: Id.meta({ description: "A series fact: a value per period, keyed YYYY-MM or YYYY-Qn." }),
  period: z.enum(["month", "quarter"]),
  min: Dec.meta({ description: "The target per period, inclusive (至少)." }),
  each: Dec.optional().meta({
    description: "Amount per period below the target (每月…未完成…扣30分).",
  }),
  amount: Dec.optional().meta({ description: "Amount once if any period is below the target." }),
  cap: Dec.optional(),
});
