import * as z from "zod/mini";
import { Id } from "../../schema/parts.js";

/** K1: ranking by final score, within the cohort and each category, under a stated tie policy. */
export const Ranking = z
  .strictObject({
    ties: z.enum(["shared", "dense", "break"]).check(
      z.meta({
        description:
          "shared: tied units share a rank and the next rank is skipped (并列, 1,1,3); dense: 1,1,2; break: ties are broken on `breakBy` sub-scores, then shared.",
      }),
    ),
    breakBy: z
      .optional(z.array(Id))
      .check(z.meta({ description: "Node ids whose scores break ties, in order, higher first." })),
    places: z.optional(z.int().check(z.minimum(0)).check(z.maximum(10))).check(
      z.meta({
        description:
          "Totals are compared at this many places (rounded as policy says); default: the totals as reported.",
      }),
    ),
  })
  .check(
    z.meta({
      description: "K1: ranking by final score, within the cohort and within each category.",
    }),
  );

/** K1: the ranking as the rule set states it. */
export type RankingInput = z.infer<typeof Ranking>;
