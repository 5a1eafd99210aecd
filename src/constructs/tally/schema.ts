import * as z from "zod/mini";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C12: points by kind and level over a list of findings (采用、批示…), with repeat counting, multipliers and splits. */
export const TallyClause = z.strictObject({
  type: z.literal("tally"),
  ...clauseCommon,
  fact: Id.check(
    z.meta({ description: "A findings fact; each finding's kind selects its amount." }),
  ),
  amounts: z.record(z.string().check(z.minLength(1)).check(z.maxLength(80)), Dec).check(
    z.meta({
      description: "Amount per finding of each kind (被《政务》采用单条信息计10分,简讯每条5分).",
    }),
  ),
  repeat: z.enum(["each", "highest"]).check(
    z.meta({
      description:
        "each: every finding counts, also several of one item (一条信息被多个刊物采用的,可重复计分); highest: findings of the same item count once, at their highest amount (按最高级别计分).",
    }),
  ),
  split: z.optional(z.enum(["none", "shares"])).check(
    z.meta({
      description:
        "shares: a finding's amount is divided by its `shares` (合报信息的分数均分); default none.",
    }),
  ),
  multipliers: z
    .optional(
      z.array(
        z.strictObject({
          tag: z.string().check(z.minLength(1)).check(z.maxLength(80)),
          factor: Dec,
        }),
      ),
    )
    .check(
      z.meta({
        description: "A finding with the tag counts `factor` times (转报…按…计分的2倍计算).",
      }),
    ),
  additions: z
    .optional(
      z.array(
        z.strictObject({
          tag: z.string().check(z.minLength(1)).check(z.maxLength(80)),
          amount: Dec,
        }),
      ),
    )
    .check(
      z.meta({
        description:
          "A finding with the tag earns `amount` more (被市领导批示的另加5分), added after the multipliers, before a split.",
      }),
    ),
  priceBy: z.optional(z.enum(["kind", "linked"])).check(
    z.meta({
      description:
        "kind (default): `amounts` is keyed by each finding's kind; linked: by the kind of the finding it is about (`of`), e.g. a 批示 priced by the outlet that adopted the piece.",
    }),
  ),
  kinds: z
    .optional(
      z.array(z.string().check(z.minLength(1)).check(z.maxLength(80))).check(z.minLength(1)),
    )
    .check(
      z.meta({ description: "With priceBy: linked, only findings of these kinds are priced." }),
    ),
  cap: z.optional(Dec).check(z.meta({ description: "Cap on the clause's total; default none." })),
  noun: z.optional(z.string().check(z.minLength(1)).check(z.maxLength(8))),
});
