import * as z from "zod";
import { Dec, Id, sourced } from "./parts.js";

/**
 * Templates: the parameters a template declares, and the readings of its ambiguous clauses.
 * Composition (src/load/params.ts) checks what the shapes here cannot: that a declaration's keys
 * fit its kind, and that every value fits its parameter.
 */

/** A value a `choice` parameter may take: the text the rule language expects there. */
const ChoiceValue = z
  .string()
  .min(1)
  .max(80)
  .meta({ description: "A value the parameter may take, e.g. after-floor or half-up." });

export const ParameterDecl = z.strictObject({
  id: Id,
  label: z.string().min(1).max(400),
  kind: z.enum(["decimal", "integer", "choice", "boolean"]).optional().meta({
    description:
      "What the parameter holds: decimal (default; a number, e.g. points), integer (a whole number, e.g. a deadline's length in days), choice (one of `choices`, e.g. after-floor or before-floor), boolean (true or false).",
  }),
  min: Dec.optional().meta({ description: "decimal, integer: the least value (inclusive)." }),
  max: Dec.optional().meta({ description: "decimal, integer: the greatest value (inclusive)." }),
  unit: z.string().max(20).optional(),
  choices: z
    .array(
      z.union([
        ChoiceValue,
        z.strictObject({
          value: ChoiceValue,
          label: z
            .string()
            .min(1)
            .max(200)
            .meta({ description: "What the value means, in Chinese." }),
        }),
      ]),
    )
    .min(2)
    .optional()
    .meta({
      description: "choice: the values it may take (at least two), each optionally labelled.",
    }),
});

/** A value a reading (or a parameters file) gives a parameter. */
export const ParameterValue = z.union([Dec, z.string().min(1).max(80), z.boolean()]);

export const ReadingOption = z.strictObject({
  id: Id.meta({
    description: "The reading's name: what a parameters file, a case or --reading picks.",
  }),
  title: z.string().min(1).max(400).meta({ description: "The reading, in Chinese (解读)." }),
  values: z.record(Id, ParameterValue).meta({
    description: "The values of the template's parameters under this reading.",
  }),
  note: z.string().max(4000).optional(),
});

/** An ambiguous clause of the source, and the readings it admits. */
export const ReadingClause = z.strictObject({
  id: Id.meta({ description: "The ambiguous clause's id." }),
  ...sourced,
  options: z
    .array(ReadingOption)
    .min(2)
    .meta({ description: "Its readings: at least two, one picked per composition (no default)." }),
});

export type ParameterDeclInput = z.infer<typeof ParameterDecl>;
export type ReadingClauseInput = z.infer<typeof ReadingClause>;
