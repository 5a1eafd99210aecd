import * as z from "zod/mini";
import { ConditionSchema, clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C8/C9: overrides — a grade, a fixed total, zeroed sections, stop, flags — with an optional amount. */
export const OverrideClause = z.strictObject({
  type: z.literal("override"),
  ...clauseCommon,
  when: ConditionSchema,
  grade: z.optional(Id).check(z.meta({ description: "The grade this forces (直接定为不合格)." })),
  gradeScope: z.optional(z.enum(["unit", "node"])).check(
    z.meta({
      description:
        "unit (default): the unit's grade; node: a grade of the node the clause sits in (日常组织领导直接按不合格处理).",
    }),
  ),
  amount: z.optional(Dec).check(z.meta({ description: "An amount deducted as well (…扣3分)." })),
  total: z.optional(Dec).check(
    z.meta({
      description:
        "Fixes the unit's total (直接归零: 0; 判定为不合格(59分): 59), or caps it (see totalMode).",
    }),
  ),
  totalMode: z.optional(z.enum(["fixed", "at-most"])).check(
    z.meta({
      description:
        "fixed (default): the total becomes `total`; at-most: the total is `total` or less, a lower score standing (不高于59分).",
    }),
  ),
  zero: z
    .optional(z.array(Id))
    .check(z.meta({ description: "Nodes that score 0 (此大项不得分)." })),
  stop: z.optional(z.boolean()).check(
    z.meta({
      description: "Stop scoring: no item scores are reported; total is `total` (default 0).",
    }),
  ),
  flag: z.optional(Id).check(z.meta({ description: "A flag raised, e.g. 取消评选先进资格." })),
});
