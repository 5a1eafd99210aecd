import * as z from "zod";
import { ConditionSchema, clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C8/C9: overrides — a grade, a fixed total, zeroed sections, stop, flags — with an optional amount. */
export const OverrideClause = z.strictObject({
  type: z.literal("override"),
  ...clauseCommon,
  when: ConditionSchema,
  grade: Id.optional().meta({ description: "The grade this forces (直接定为不合格)." }),
  gradeScope: z.enum(["unit", "node"]).optional().meta({
    description:
      "unit (default): the unit's grade; node: a grade of the node the clause sits in (日常组织领导直接按不合格处理).",
  }),
  amount: Dec.optional().meta({ description: "An amount deducted as well (…扣3分)." }),
  total: Dec.optional().meta({
    description:
      "Fixes the unit's total (直接归零: 0; 判定为不合格(59分): 59), or caps it (see totalMode).",
  }),
  totalMode: z.enum(["fixed", "at-most"]).optional().meta({
    description:
      "fixed (default): the total becomes `total`; at-most: the total is `total` or less, a lower score standing (不高于59分).",
  }),
  zero: z.array(Id).optional().meta({ description: "Nodes that score 0 (此大项不得分)." }),
  stop: z.boolean().optional().meta({
    description: "Stop scoring: no item scores are reported; total is `total` (default 0).",
  }),
  flag: Id.optional().meta({ description: "A flag raised, e.g. 取消评选先进资格." }),
});
