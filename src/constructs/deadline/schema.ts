import * as z from "zod";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** T4: responses due within N working days, calendar days, hours, months or years of an event, or by a day every year. */
export const DeadlineClause = z.strictObject({
  type: z.literal("deadline"),
  ...clauseCommon,
  fact: Id.meta({
    description:
      "A findings fact: each finding is an event with `date` (the event) and `done` (the response), dates or YYYY-MM-DDTHH:mm.",
  }),
  kind: z.string().max(80).optional().meta({ description: "Only events of this kind." }),
  within: z
    .union([
      z.strictObject({ workdays: z.number().int().min(1).max(366) }),
      z.strictObject({ days: z.number().int().min(1).max(3660) }),
      z.strictObject({ hours: z.number().int().min(1).max(8784) }),
      z.strictObject({
        months: z.number().int().min(1).max(120).meta({
          description:
            "Calendar months: the same day of the month N months on, or that month's last day (2025-01-31 + 1 month = 2025-02-28).",
        }),
      }),
      z.strictObject({
        years: z.number().int().min(1).max(10).meta({
          description:
            "Calendar years (12 months each): 2024-02-29 + 1 year = 2025-02-28, the month's last day.",
        }),
      }),
      z.strictObject({
        annual: z
          .string()
          .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]|end)$/)
          .meta({
            description:
              "A day every year, MM-DD or MM-end (每年11月底前: 11-end): due on its first occurrence on or after the event.",
          }),
      }),
    ])
    .meta({
      description:
        "The limit: working days (official calendar), calendar days, hours, calendar months or years, or a day every year.",
    }),
  startDay: z.enum(["excluded", "included"]).optional().meta({
    description:
      "Whether the day of the event counts as the first day (default excluded: 从收到申请之日起 counts from the next day). Not used with hours or annual.",
  }),
  windowBy: z.enum(["event", "lapse"]).optional().meta({
    description:
      "Which day of an event a window reads: its date (event, the default), or the day it lapses, the day after it is due (lapse: 超过一年未更新 counts in the year it goes stale).",
  }),
  each: Dec.meta({ description: "Amount per late response." }),
  missing: Dec.optional().meta({
    description:
      "Amount per response still missing when its due time has passed at the as-of date; default: each.",
  }),
  cap: Dec.optional(),
  noun: z.string().min(1).max(8).optional(),
});
