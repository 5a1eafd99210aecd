import * as z from "zod";
import { clauseCommon, Dec, Id } from "../../schema/parts.js";

/** T4: responses due within N working days, calendar days or hours of an event. */
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
    ])
    .meta({ description: "The limit: working days (official calendar), calendar days, or hours." }),
  startDay: z.enum(["excluded", "included"]).optional().meta({
    description:
      "Whether the day of the event counts as the first day (default excluded: 从收到申请之日起 counts from the next day). Not used with hours.",
  }),
  each: Dec.meta({ description: "Amount per late response." }),
  missing: Dec.optional().meta({
    description:
      "Amount per response still missing when its due time has passed at the as-of date; default: each.",
  }),
  cap: Dec.optional(),
  noun: z.string().min(1).max(8).optional(),
});
