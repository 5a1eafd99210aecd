import * as z from "zod/mini";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** T4: responses due within N working days, calendar days, hours, months or years of an event, or by a day every year. */
export const DeadlineClause = z.strictObject({
  type: z.literal("deadline"),
  ...clauseCommon,
  fact: Id.check(
    z.meta({
      description:
        "A findings fact: each finding is an event with `date` (the event) and `done` (the response), dates or YYYY-MM-DDTHH:mm.",
    }),
  ),
  kind: z
    .optional(z.string().check(z.maxLength(80)))
    .check(z.meta({ description: "Only events of this kind." })),
  within: z
    .union([
      z.strictObject({ workdays: z.int().check(z.minimum(1)).check(z.maximum(366)) }),
      z.strictObject({ days: z.int().check(z.minimum(1)).check(z.maximum(3660)) }),
      z.strictObject({ hours: z.int().check(z.minimum(1)).check(z.maximum(8784)) }),
      z.strictObject({
        months: z
          .int()
          .check(z.minimum(1))
          .check(z.maximum(120))
          .check(
            z.meta({
              description:
                "Calendar months: the same day of the month N months on, or that month's last day (2025-01-31 + 1 month = 2025-02-28).",
            }),
          ),
      }),
      z.strictObject({
        years: z
          .int()
          .check(z.minimum(1))
          .check(z.maximum(10))
          .check(
            z.meta({
              description:
                "Calendar years (12 months each): 2024-02-29 + 1 year = 2025-02-28, the month's last day.",
            }),
          ),
      }),
      z.strictObject({
        annual: z
          .string()
          .check(z.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]|end)$/))
          .check(
            z.meta({
              description:
                "A day every year, MM-DD or MM-end (每年11月底前: 11-end): due on its first occurrence on or after the event.",
            }),
          ),
      }),
    ])
    .check(
      z.meta({
        description:
          "The limit: working days (official calendar), calendar days, hours, calendar months or years, or a day every year.",
      }),
    ),
  startDay: z.optional(z.enum(["excluded", "included"])).check(
    z.meta({
      description:
        "Whether the day of the event counts as the first day (default excluded: 从收到申请之日起 counts from the next day). Not used with hours or annual.",
    }),
  ),
  windowBy: z.optional(z.enum(["event", "lapse"])).check(
    z.meta({
      description:
        "Which day of an event a window reads: its date (event, the default), or the day it lapses, the day after it is due (lapse: 超过一年未更新 counts in the year it goes stale).",
    }),
  ),
  each: Dec.check(z.meta({ description: "Amount per late response." })),
  missing: z.optional(Dec).check(
    z.meta({
      description:
        "Amount per response still missing when its due time has passed at the as-of date; default: each.",
    }),
  ),
  cap: z.optional(Dec),
  noun: z.optional(z.string().check(z.minLength(1)).check(z.maxLength(8))),
});
