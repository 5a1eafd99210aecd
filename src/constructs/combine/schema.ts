import * as z from "zod/mini";
import { Dec, Id, Ref, Rounding } from "../../schema/parts.js";

/** A part of a combined score as the rule set states it (its sub-parts, recursively). */
export interface CombinePartInput {
  id: string;
  label: string;
  percent: number | string;
  parts?: CombinePartInput[];
  given?: boolean;
  rounding?: { places: number; mode: z.infer<typeof Rounding>["mode"] };
}

/** T1/T2: a part, with its weight, its sub-parts or a given score, and its rounding. */
const CombinePart: z.ZodMiniType<CombinePartInput> = z.lazy(() =>
  z.strictObject({
    id: Id,
    label: z.string().check(z.minLength(1)).check(z.maxLength(200)),
    percent: Dec.check(
      z.meta({ description: "The part's weight in percent (集中考核分值按70%折算)." }),
    ),
    parts: z.optional(z.array(CombinePart).check(z.minLength(1))).check(
      z.meta({
        description: "Sub-parts combined first (a half-year made of 集中 and 日常).",
      }),
    ),
    given: z.optional(z.boolean()).check(
      z.meta({
        description:
          "The part's score is given in the unit's input rather than scored with these rules (年底考核…具体分值及扣分标准另行制定).",
      }),
    ),
    rounding: z.optional(z.omit(Rounding, { at: true })).check(
      z.meta({
        description: "Rounding of this part's combined score; default: none (exact).",
      }),
    ),
  }),
);

/** T1/T2: weights of the parts an overall score is built from. */
export const CombineSchema = z.strictObject({
  parts: z.array(CombinePart).check(z.minLength(1)),
  partRounding: z.enum(["none", "policy"]).check(
    z.meta({
      description:
        "none: a scored part enters exact; policy: each scored part's total is first rounded as policy.rounding says.",
    }),
  ),
  rounding: z.omit(Rounding, { at: true }).check(
    z.meta({
      description: "Rounding of the overall score, applied once.",
    }),
  ),
  text: z.string().check(z.minLength(1)).check(z.maxLength(4000)),
  ref: Ref,
});
