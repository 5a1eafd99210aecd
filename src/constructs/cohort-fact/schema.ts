import * as z from "zod/mini";
import { Dec, Id, sourced } from "../../schema/parts.js";

/** K5: a fact every unit is given, computed from the whole cohort before units are scored. */
export const CohortFactSchema = z.strictObject({
  id: Id.check(
    z.meta({
      description: "A fact declared in facts, filled for every unit from the cohort.",
    }),
  ),
  ...sourced,
  compute: z.union([
    z.strictObject({
      itemShare: z.strictObject({
        fact: Id.check(
          z.meta({
            description: "A findings fact whose findings name an item and a kind.",
          }),
        ),
        kind: z
          .string()
          .check(z.minLength(1))
          .check(z.maxLength(80))
          .check(z.meta({ description: "The kind counted across the cohort (详细公开)." })),
        atLeast: Dec.check(
          z.meta({
            description: "Share of units, percent, inclusive (全省40%以上).",
          }),
        ),
        unitKind: z
          .string()
          .check(z.minLength(1))
          .check(z.maxLength(80))
          .check(
            z.meta({
              description:
                "This unit's findings of this kind on those items are counted (公开了资金总表并说明了原因).",
            }),
          ),
      }),
    }),
    z.strictObject({
      mean: Id.check(z.meta({ description: "The cohort mean of this number fact (全省平均数)." })),
    }),
  ]),
  categories: z.optional(z.array(Id)).check(
    z.meta({
      description:
        "Only units of these categories make up the figure (全省…县市区); default: all units.",
    }),
  ),
  over: z.enum(["current", "previous"]).check(
    z.meta({
      description:
        "The cohort it is computed over: this run's units, or the previous run's (前一年度).",
    }),
  ),
});

/** K5: a cohort fact as the rule set states it. */
export type CohortFactInput = z.infer<typeof CohortFactSchema>;
