import * as z from "zod/mini";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C3/C5: an amount per occurrence, capped, optionally capped per subject. */
export const PerClause = z.strictObject({
  type: z.literal("per"),
  ...clauseCommon,
  fact: Id.check(z.meta({ description: "A count fact or a findings fact." })),
  kind: z.optional(z.string().check(z.maxLength(80))).check(
    z.meta({
      description: "Count only findings of this kind (findings facts only).",
    }),
  ),
  each: Dec.check(z.meta({ description: "Amount per occurrence (每处/每条/每人)." })),
  noun: z.optional(z.string().check(z.minLength(1)).check(z.maxLength(8))).check(
    z.meta({
      description: "The counting word used in explanations: 处 (default), 条, 人, 次, 项, 个单位….",
    }),
  ),
  cap: z.optional(Dec).check(
    z.meta({
      description: "Cap on this clause's total (扣完…为止); default: none.",
    }),
  ),
  perSubject: z
    .optional(
      z.strictObject({
        by: z.optional(z.enum(["subject", "person"])).check(
          z.meta({
            description: "Group findings by their subject (default, e.g. 一个单位) or person.",
          }),
        ),
        cap: Dec,
      }),
    )
    .check(z.meta({ description: "C5: cap per subject, e.g. 一个单位最多扣0.5分." })),
});
