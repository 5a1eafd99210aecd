import * as z from "zod/mini";
import { Id, sourced } from "../../schema/parts.js";

/** K9: a flag for the units ranked at or above a place (排名前6名…为先进单位). */
export const RankOutcome = z.strictObject({
  id: Id,
  ...sourced,
  top: z
    .int()
    .check(z.minimum(1))
    .check(
      z.meta({
        description:
          "Units ranked at or above this rank (排名前6名); ties at the line are included.",
      }),
    ),
  scope: z.enum(["all", "category"]),
  categories: z.optional(z.array(Id)).check(
    z.meta({
      description: "Only units of these categories can get the outcome (县考核得分排名前6名).",
    }),
  ),
  flag: Id,
});

/** K9: a rank-based outcome as the rule set states it. */
export type RankOutcomeInput = z.infer<typeof RankOutcome>;
