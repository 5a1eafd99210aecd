import * as z from "zod";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C3/C5: an amount per occurrence, capped, optionally capped per subject. */
export const PerClause = z.strictObject({
  type: z.literal("per"),
  ...clauseCommon,
  fact: Id.meta({ description: "A count fact or a findings fact." }),
  kind: z.string().max(80).optional().meta({
    description: "Count only findings of this kind (findings facts only).",
  }),
  each: Dec.meta({ description: "Amount per occurrence (每处/每条/每人)." }),
  noun: z.string().min(1).max(8).optional().meta({
    description: "The counting word used in explanations: 处 (default), 条, 人, 次, 项, 个单位….",
  }),
  cap: Dec.optional().meta({
    description: "Cap on this clause's total (扣完…为止); default: none.",
  }),
  perSubject: z
    .strictObject({
      by: z.enum(["subject", "person"]).optional().meta({
        description: "Group findings by their subject (default, e.g. 一个单位) or person.",
      }),
      cap: Dec,
    })
    .optional()
    .meta({ description: "C5: cap per subject, e.g. 一个单位最多扣0.5分." }),
});
