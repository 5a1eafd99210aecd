import * as z from "zod/mini";
import { Dec, Id, sourced } from "../../schema/parts.js";

/** T8: a flag raised when a condition on a period's result holds for N consecutive periods. */
export const Streak = z.strictObject({
  id: Id,
  ...sourced,
  when: z.union([
    z.strictObject({ grade: Id }),
    z.strictObject({ flag: Id }),
    z.strictObject({ lt: Dec }),
    z.strictObject({ lte: Dec }),
  ]),
  count: z
    .int()
    .check(z.minimum(2))
    .check(z.maximum(100))
    .check(z.meta({ description: "How many consecutive periods (连续两次)." })),
  flag: Id.check(z.meta({ description: "The flag raised (约谈)." })),
});
