import * as z from "zod";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C16: partial credit and rating bands (优/良/一般/差 → 10/8/6/0; 可得50%). */
export const RatingClause = z.strictObject({
  type: z.literal("rating"),
  ...clauseCommon,
  fact: Id.meta({ description: "A choice fact: the rating the assessors gave." }),
  scale: z.record(z.string().min(1).max(80), Dec).optional().meta({
    description: "Points awarded for each rating (优: 10, 良: 8, 一般: 6, 差: 0).",
  }),
  percent: z.record(z.string().min(1).max(80), Dec).optional().meta({
    description: "Share of the node's points awarded for each rating, in percent (可得50%).",
  }),
});
