import * as z from "zod/mini";
import { Dec, Id, Ref } from "../../schema/parts.js";

/** K4: comparison with the previous run: a progress flag, and points for a change of rank. */
export const Comparison = z.strictObject({
  progress: z
    .optional(
      z.strictObject({
        rankUp: z.optional(z.int().check(z.minimum(1))),
        scoreUp: z.optional(Dec),
        flag: Id,
      }),
    )
    .check(
      z.meta({
        description: "K4: a flag for progress by rank places or points gained (进步明显).",
      }),
    ),
  rankChange: z
    .optional(
      z.strictObject({
        upAtLeast: z.int().check(z.minimum(1)),
        add: Dec,
        downAtLeast: z.int().check(z.minimum(1)),
        deduct: Dec,
        text: z.string().check(z.minLength(1)).check(z.maxLength(4000)),
        ref: Ref,
      }),
    )
    .check(
      z.meta({
        description:
          "K4: points for rank change on the previous run (后退5位以上的扣1分…进步5位以上的加0.5分); ranks are compared before these points, then the cohort is ranked again.",
      }),
    ),
});

/** K4: the comparison as the rule set states it. */
export type ComparisonInput = z.infer<typeof Comparison>;
