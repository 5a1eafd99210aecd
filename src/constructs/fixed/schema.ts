import * as z from "zod/mini";
import { ConditionSchema, clauseCommon, Dec } from "../../schema/parts.js";

/** C7: a fixed amount when a condition holds ("…大于省编办核定下达数,扣3分"). */
export const FixedClause = z.strictObject({
  type: z.literal("fixed"),
  ...clauseCommon,
  when: ConditionSchema,
  amount: Dec,
});
