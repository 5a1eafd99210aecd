import * as z from "zod";
import { Dec, Id, sourced } from "../../schema/parts.js";

/** K6: a unit's final score linked to its sub-units' (各占50%), by the unit's category. */
export const Linked = z.strictObject({
  id: Id,
  ...sourced,
  category: Id.meta({ description: "Units of this category have a linked score." }),
  own: Dec.meta({ description: "Weight of the unit's own score, percent." }),
  children: Dec.meta({
    description: "Weight of the mean of its sub-units' scores, percent (各占50%).",
  }),
});

/** K6: a linked score's rule as the rule set states it. */
export type LinkedInput = z.infer<typeof Linked>;
