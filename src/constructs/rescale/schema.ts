import * as z from "zod/mini";
import { Dec, Ref, Rounding } from "../../schema/parts.js";

/** C17: the unit's score rescaled to a stated full score over the items that apply (得分÷适用项总分×100). */
export const RescaleSchema = z.strictObject({
  to: Dec.check(
    z.meta({
      description:
        "The full score the result is stated on (100 for 百分制): score = earned ÷ the points of the items that apply × to. Above 0.",
    }),
  ),
  rounding: z.union([z.literal("policy"), z.omit(Rounding, { at: true })]).check(
    z.meta({
      description:
        "Rounding of the rescaled score, required: { places, mode }, or policy (policy.rounding's places and mode). The quotient is rounded exactly, once.",
    }),
  ),
  adjustments: z.optional(z.enum(["after-rescale", "before-rescale"])).check(
    z.meta({
      description:
        "Where the items outside the tree (adjustments, and vetoes' amounts) come: after-rescale, added to the rescaled score (加减分在换算后的得分上计算); before-rescale, added to the earned points, which are then rescaled. Required when the rule set has such items in the points measure.",
    }),
  ),
  text: z
    .string()
    .check(z.minLength(1))
    .check(z.maxLength(4000))
    .check(z.meta({ description: "原文: the rule, verbatim." })),
  ref: Ref,
});
