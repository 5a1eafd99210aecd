import * as z from "zod/mini";
import { Dec, Id, sourced } from "./parts.js";

/**
 * Templates: the parameters a template declares, and the readings of its ambiguous clauses.
 * Composition (src/load/params.ts) checks what the shapes here cannot: that a declaration's keys
 * fit its kind, and that every value fits its parameter.
 */

/** A value a `choice` parameter may take: the text the rule language expects there. */
const ChoiceValue = z
  .string()
  .check(z.minLength(1))
  .check(z.maxLength(80))
  .check(z.meta({ description: "A value the parameter may take, e.g. after-floor or half-up." }));

export const ParameterDecl = z.strictObject({
  id: Id,
  label: z.string().check(z.minLength(1)).check(z.maxLength(400)),
  kind: z.optional(z.enum(["decimal", "integer", "choice", "boolean"])).check(
    z.meta({
      description:
        "What the parameter holds: decimal (default; a number, e.g. points), integer (a whole number, e.g. a deadline's length in days), choice (one of `choices`, e.g. after-floor or before-floor), boolean (true or false).",
    }),
  ),
  min: z
    .optional(Dec)
    .check(z.meta({ description: "decimal, integer: the least value (inclusive)." })),
  max: z
    .optional(Dec)
    .check(z.meta({ description: "decimal, integer: the greatest value (inclusive)." })),
  unit: z.optional(z.string().check(z.maxLength(20))),
  choices: z
    .optional(
      z
        .array(
          z.union([
            ChoiceValue,
            z.strictObject({
              value: ChoiceValue,
              label: z
                .string()
                .check(z.minLength(1))
                .check(z.maxLength(200))
                .check(z.meta({ description: "What the value means, in Chinese." })),
            }),
          ]),
        )
        .check(z.minLength(2)),
    )
    .check(
      z.meta({
        description: "choice: the values it may take (at least two), each optionally labelled.",
      }),
    ),
});

/** A value a reading (or a parameters file) gives a parameter. */
export const ParameterValue = z.union([
  Dec,
  z.string().check(z.minLength(1)).check(z.maxLength(80)),
  z.boolean(),
]);

export const ReadingOption = z.strictObject({
  id: Id.check(
    z.meta({
      description: "The reading's name: what a parameters file, a case or --reading picks.",
    }),
  ),
  title: z
    .string()
    .check(z.minLength(1))
    .check(z.maxLength(400))
    .check(z.meta({ description: "The reading, in Chinese (解读)." })),
  values: z.record(Id, ParameterValue).check(
    z.meta({
      description: "The values of the template's parameters under this reading.",
    }),
  ),
  note: z.optional(z.string().check(z.maxLength(4000))),
});

/** An ambiguous clause of the source, and the readings it admits. */
export const ReadingClause = z.strictObject({
  id: Id.check(z.meta({ description: "The ambiguous clause's id." })),
  ...sourced,
  options: z
    .array(ReadingOption)
    .check(z.minLength(2))
    .check(
      z.meta({
        description: "Its readings: at least two, one picked per composition (no default).",
      }),
    ),
});

export type ParameterDeclInput = z.infer<typeof ParameterDecl>;
export type ReadingClauseInput = z.infer<typeof ReadingClause>;
