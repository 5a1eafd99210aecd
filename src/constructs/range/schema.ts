import * as z from "zod/mini";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** C13: an amount the assessors choose within a stated range ("扣50-100分"). */
export const RangeClause = z.strictObject({
  type: z.literal("range"),
  ...clauseCommon,
  fact: Id.check(
    z.meta({
      description:
        "An amount fact holding the chosen amount (0 or absent: not applied), or a findings fact whose every finding carries its amount, which must lie within min..max (0 too, unless min is 0).",
    }),
  ),
  min: Dec,
  max: Dec,
});
