import * as z from "zod/mini";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** T5: a target per month or quarter ("每月至少有两条以上"; "每月…未完成的单位,扣30分"). */
export const TargetClause = z.strictObject({
  type: z.literal("target"),
  ...clauseCommon,
  fact: Id.check(
    z.meta({
      description:
        "A series fact (a value per period, keyed YYYY-MM or YYYY-Qn), or a findings fact counted per period (each finding's `period`, or the period of its `date`).",
    }),
  ),
  period: z.enum(["month", "quarter"]),
  min: Dec.check(z.meta({ description: "The target per period, inclusive (至少)." })),
  each: z.optional(Dec).check(
    z.meta({
      description: "Amount per period below the target (每月…未完成…扣30分).",
    }),
  ),
  amount: z
    .optional(Dec)
    .check(z.meta({ description: "Amount once if any period is below the target." })),
  cap: z.optional(Dec),
  perSubject: z
    .optional(
      z.strictObject({
        cap: z
          .optional(Dec)
          .check(z.meta({ description: "Cap on each subject's amount (每个栏目最多扣…)." })),
        noun: z.optional(z.string().check(z.minLength(1)).check(z.maxLength(8))).check(
          z.meta({
            description: "What a subject is called in the explanation (栏目); default 对象.",
          }),
        ),
      }),
    )
    .check(
      z.meta({
        description:
          "Count each subject the findings fact declares (`subjects`) separately: every subject, every period below the target (每个栏目每月少于1条的,每栏目每月扣…).",
      }),
    ),
});
