import * as z from "zod/mini";
import { Dec, Ref } from "../../schema/parts.js";

/** K7: the final score converted into a larger system, score × to ÷ full points. */
export const Convert = z.strictObject({
  to: Dec.check(z.meta({ description: "The points the score is worth in the larger system (4)." })),
  places: z.int().check(z.minimum(0)).check(z.maximum(10)),
  mode: z.enum(["half-up", "half-even", "half-down", "up", "down", "ceil", "floor"]),
  text: z.string().check(z.minLength(1)).check(z.maxLength(4000)),
  ref: Ref,
});

/** K7: the conversion as the rule set states it. */
export type ConvertInput = z.infer<typeof Convert>;
