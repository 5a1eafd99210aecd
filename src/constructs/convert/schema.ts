import * as z from "zod";
import { Dec, Ref } from "../../schema/parts.js";

/** K7: the final score converted into a larger system, score × to ÷ full points. */
export const Convert = z.strictObject({
  to: Dec.meta({ description: "The points the score is worth in the larger system (4)." }),
  places: z.number().int().min(0).max(10),
  mode: z.enum(["half-up", "half-even", "half-down", "up", "down", "ceil", "floor"]),
  text: z.string().min(1).max(4000),
  ref: Ref,
});

/** K7: the conversion as the rule set states it. */
export type ConvertInput = z.infer<typeof Convert>;
