import * as z from "zod";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C12: points by kind and level over a list of findings (采用、批示…), with repeat counting, multipliers and splits. */
export const TallyClause = z.strictObject({
  type: z.literal("tally"),
  ...clauseCommon,
  fact: Id.meta({ description: "A findings fact; each finding's kind selects its amount." }),
  amounts: z.record(z.string().min(1).max(80), Dec).meta({
    description: "Amount per finding of each kind (被《政务》采用单条信息计10分,简讯每条5分).",
  }),
  repeat: z.enum(["each", "highest"]).meta({
    description:
      "each: every finding counts, also several of one item (一条信息被多个刊物采用的,可重复计分); highest: findings of the same item count once, at their highest amount (按最高级别计分).",
  }),
  split: z.enum(["none", "shares"]).optional().meta({
    description:
      "shares: a finding's amount is divided by its `shares` (合报信息的分数均分); default none.",
  }),
  multipliers: z
    .array(z.strictObject({ tag: z.string().min(1).max(80), factor: Dec }))
    .optional()
    .meta({ description: "A finding with the tag counts `factor` times (转报…按…计分的2倍计算)." }),
  cap: Dec.optional().meta({ description: "Cap on the clause's total; default none." }),
  noun: z.string().min(1).max(8).optional(),
});
