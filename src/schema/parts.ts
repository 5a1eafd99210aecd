import * as z from "zod";
import { DECIMAL_RE } from "../decimal.js";

/**
 * The pieces of the rule language every construct's schema is made of: decimals, ids, references
 * to the source, conditions over facts, and the keys every clause has. The constructs'
 * schemas (src/constructs/<name>/schema.ts) and the rule set's (ruleset.ts) build on these.
 */

export const Dec = z
  .union([z.number(), z.string().regex(DECIMAL_RE)])
  .meta({ description: 'A decimal number, e.g. 0.5 or "0.5". Arithmetic on it is exact.' });

export const Id = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[\p{L}\p{N}_.\-()（）]+$/u)
  .refine((s) => s !== "__proto__" && s !== "constructor" && s !== "prototype", {
    message: "the ids __proto__, constructor and prototype are not allowed",
  })
  .meta({ description: "An identifier: letters (汉字 included), digits, _ . - and brackets." });

export const Ref = z
  .strictObject({
    doc: Id.meta({ description: "The id of a document listed in `documents`." }),
    at: z.string().max(200).optional().meta({
      description: "Where in the document, e.g. 篇9 二(二)2 or 第十四条.",
    }),
  })
  .meta({ description: "The reference of a rule to its source document." });

/** Every rule carries its 原文 and where it comes from. */
export const sourced = {
  text: z.string().min(1).max(4000).meta({ description: "原文: the clause's text, verbatim." }),
  ref: Ref,
};

const compareOps = {
  gt: z.union([Dec, z.strictObject({ fact: Id })]).optional(),
  gte: z.union([Dec, z.strictObject({ fact: Id })]).optional(),
  lt: z.union([Dec, z.strictObject({ fact: Id })]).optional(),
  lte: z.union([Dec, z.strictObject({ fact: Id })]).optional(),
  eq: z.union([Dec, z.strictObject({ fact: Id })]).optional(),
  ne: z.union([Dec, z.strictObject({ fact: Id })]).optional(),
};

/**
 * A condition over facts. A bare string names a boolean fact that must be true. `{fact, is}`
 * tests a boolean; `{fact, gt|gte|lt|lte|eq|ne}` compares a number with a constant or another fact
 * (several comparisons all hold); `all`, `any` and `not` combine conditions.
 */
export type Condition =
  | string
  | { fact: string; is: boolean | string }
  | {
      fact: string;
      gt?: number | string | { fact: string };
      gte?: number | string | { fact: string };
      lt?: number | string | { fact: string };
      lte?: number | string | { fact: string };
      eq?: number | string | { fact: string };
      ne?: number | string | { fact: string };
    }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    Id,
    z.strictObject({ fact: Id, is: z.union([z.boolean(), z.string().min(1).max(80)]) }),
    z.strictObject({ fact: Id, ...compareOps }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

/** The keys every clause has, whatever its type. */
export const clauseCommon = {
  id: Id,
  ...sourced,
  effect: z.enum(["deduct", "add"]).optional().meta({
    description: "deduct (扣分, the default) or add (加分).",
  }),
  measure: Id.optional().meta({
    description: "The measure this clause changes; default: the first measure (points).",
  }),
  only: z.array(Id).optional().meta({ description: "Applies only to these unit categories." }),
  except: z.array(Id).optional().meta({ description: "Does not apply to these categories." }),
  note: z.string().max(4000).optional(),
};

/** Rounding: places, mode (half-up is 四舍五入) and where it happens. */
export const Rounding = z.strictObject({
  places: z.number().int().min(0).max(10),
  mode: z.enum(["half-up", "half-even", "half-down", "up", "down", "ceil", "floor"]).meta({
    description: "half-up is 四舍五入.",
  }),
  at: z.enum(["total", "nodes", "leaves"]).meta({
    description: "Where rounding happens: only the total; every node score; or leaf scores only.",
  }),
});
