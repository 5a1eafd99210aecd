import * as z from "zod/mini";
import { DECIMAL_RE } from "../decimal.js";

/**
 * The pieces of the rule language every construct's schema is made of: decimals, ids, references
 * to the source, conditions over facts, and the keys every clause has. The constructs'
 * schemas (src/constructs/<name>/schema.ts) and the rule set's (ruleset.ts) build on these.
 */

export const Dec = z
  .union([z.number(), z.string().check(z.regex(DECIMAL_RE))])
  .check(
    z.meta({ description: 'A decimal number, e.g. 0.5 or "0.5". Arithmetic on it is exact.' }),
  );

export const Id = z
  .string()
  .check(z.minLength(1))
  .check(z.maxLength(80))
  .check(z.regex(/^[\p{L}\p{N}_.\-()（）]+$/u))
  .check(
    z.refine((s) => s !== "__proto__" && s !== "constructor" && s !== "prototype", {
      message: '编号不能是 "__proto__"、"constructor" 或 "prototype"',
    }),
  )
  .check(
    z.meta({ description: "An identifier: letters (汉字 included), digits, _ . - and brackets." }),
  );

export const Ref = z
  .strictObject({
    doc: Id.check(z.meta({ description: "The id of a document listed in `documents`." })),
    at: z.optional(z.string().check(z.maxLength(200))).check(
      z.meta({
        description: "Where in the document, e.g. 篇9 二(二)2 or 第十四条.",
      }),
    ),
  })
  .check(z.meta({ description: "The reference of a rule to its source document." }));

/** Every rule carries its 原文 and where it comes from. */
export const sourced = {
  text: z
    .string()
    .check(z.minLength(1))
    .check(z.maxLength(4000))
    .check(z.meta({ description: "原文: the clause's text, verbatim." })),
  ref: Ref,
};

const compareOps = {
  gt: z.optional(z.union([Dec, z.strictObject({ fact: Id })])),
  gte: z.optional(z.union([Dec, z.strictObject({ fact: Id })])),
  lt: z.optional(z.union([Dec, z.strictObject({ fact: Id })])),
  lte: z.optional(z.union([Dec, z.strictObject({ fact: Id })])),
  eq: z.optional(z.union([Dec, z.strictObject({ fact: Id })])),
  ne: z.optional(z.union([Dec, z.strictObject({ fact: Id })])),
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

export const ConditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    Id,
    z.strictObject({
      fact: Id,
      is: z.union([z.boolean(), z.string().check(z.minLength(1)).check(z.maxLength(80))]),
    }),
    z.strictObject({ fact: Id, ...compareOps }),
    z.strictObject({ all: z.array(ConditionSchema).check(z.minLength(1)) }),
    z.strictObject({ any: z.array(ConditionSchema).check(z.minLength(1)) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

/** The keys every clause has, whatever its type. */
export const clauseCommon = {
  id: Id,
  ...sourced,
  effect: z.optional(z.enum(["deduct", "add"])).check(
    z.meta({
      description: "deduct (扣分, the default) or add (加分).",
    }),
  ),
  measure: z.optional(Id).check(
    z.meta({
      description: "The measure this clause changes; default: the first measure (points).",
    }),
  ),
  only: z
    .optional(z.array(Id))
    .check(z.meta({ description: "Applies only to these unit categories." })),
  except: z
    .optional(z.array(Id))
    .check(z.meta({ description: "Does not apply to these categories." })),
  note: z.optional(z.string().check(z.maxLength(4000))),
};

/** Rounding: places, mode (half-up is 四舍五入) and where it happens. */
export const Rounding = z.strictObject({
  places: z.int().check(z.minimum(0)).check(z.maximum(10)),
  mode: z.enum(["half-up", "half-even", "half-down", "up", "down", "ceil", "floor"]).check(
    z.meta({
      description: "half-up is 四舍五入.",
    }),
  ),
  at: z.enum(["total", "nodes", "leaves"]).check(
    z.meta({
      description: "Where rounding happens: only the total; every node score; or leaf scores only.",
    }),
  ),
});
