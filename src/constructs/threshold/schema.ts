import * as z from "zod/mini";
import { Dec, Id, sourced } from "../../schema/parts.js";

/** C15: a flag raised when a figure (the total, deductions, additions, a node's score, a measure) meets a bound. */
export const Threshold = z.strictObject({
  id: Id,
  ...sourced,
  of: z
    .union([
      z.enum(["total", "deducted", "added"]),
      z.strictObject({ node: Id }),
      z.strictObject({ measure: Id }),
    ])
    .check(
      z.meta({
        description:
          "What is compared: the total, all deductions (扣分), all additions, a node's score, or a measure's total.",
      }),
    ),
  gt: z.optional(Dec),
  gte: z.optional(Dec),
  lt: z.optional(Dec),
  lte: z.optional(Dec),
  flag: Id.check(z.meta({ description: "The flag raised when the comparison holds." })),
});
