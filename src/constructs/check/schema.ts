import * as z from "zod/mini";
import { ConditionSchema, clauseCommon, Dec } from "../../schema/parts.js";

/** C2: full points when met, nothing when not ("专班人员到位,1分"). */
export const CheckClause = z.strictObject({
  type: z.literal("check"),
  ...clauseCommon,
  when: ConditionSchema.check(
    z.meta({
      description: "The requirement; when it does not hold, the clause deducts.",
    }),
  ),
  points: z.optional(Dec).check(
    z.meta({
      description: "Points lost when not met; default: the node's points.",
    }),
  ),
});
