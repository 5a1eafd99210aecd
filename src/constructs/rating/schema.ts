import * as z from "zod/mini";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C16: partial credit and rating bands (优/良/一般/差 → 10/8/6/0; 可得50%). */
export const RatingClause = z.strictObject({
  type: z.literal("rating"),
  ...clauseCommon,
  fact: Id.check(z.meta({ description: "A choice fact: the rating the assessors gave." })),
  scale: z.optional(z.record(z.string().check(z.minLength(1)).check(z.maxLength(80)), Dec)).check(
    z.meta({
      description: "Points awarded for each rating (优: 10, 良: 8, 一般: 6, 差: 0).",
    }),
  ),
  percent: z.optional(z.record(z.string().check(z.minLength(1)).check(z.maxLength(80)), Dec)).check(
    z.meta({
      description: "Share of the node's points awarded for each rating, in percent (可得50%).",
    }),
  ),
});
