import * as z from "zod/mini";
import { Dec, Id, sourced } from "../../schema/parts.js";

/** K6: a unit's final score linked to its sub-units' (各占50%), by the unit's category. */
export const Linked = z.strictObject({
  id: Id,
  ...sourced,
  category: Id.check(z.meta({ description: "Units of this category have a linked score." })),
  own: Dec.check(z.meta({ description: "Weight of the unit's own score, percent." })),
  children: Dec.check(
    z.meta({
      description: "Weight of the mean of its sub-units' scores, percent (各占50%).",
    }),
  ),
});

/** K6: a linked score's rule as the rule set states it. */
export type LinkedInput = z.infer<typeof Linked>;
