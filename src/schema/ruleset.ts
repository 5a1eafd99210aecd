/**
 * The rule language, version 1, as zod schemas. The JSON Schema shipped in `schema/` is generated
 * from these, so editors complete YAML and JSON rule files. Every field documents its default.
 * Each clause type's schema is in its construct's folder, src/constructs/<type>/schema.ts.
 */
import * as z from "zod/mini";
import { CheckClause } from "../constructs/check/schema.js";
import { CohortFactSchema } from "../constructs/cohort-fact/schema.js";
import { type CombinePartInput, CombineSchema } from "../constructs/combine/schema.js";
import { Comparison } from "../constructs/comparison/schema.js";
import { Convert } from "../constructs/convert/schema.js";
import { DeadlineClause } from "../constructs/deadline/schema.js";
import { FixedClause } from "../constructs/fixed/schema.js";
import { Gate } from "../constructs/gate/schema.js";
import { Linked } from "../constructs/linked/schema.js";
import {
  CLAUSE_TYPES,
  type ClauseType,
  COHORT_PARTS,
  type CohortPart,
} from "../constructs/names.js";
import { OverrideClause } from "../constructs/override/schema.js";
import { PerClause } from "../constructs/per/schema.js";
import { PeriodsSchema } from "../constructs/periods/schema.js";
import { Quota } from "../constructs/quota/schema.js";
import { RangeClause } from "../constructs/range/schema.js";
import { RankOutcome } from "../constructs/rank-outcome/schema.js";
import { Ranking } from "../constructs/ranking/schema.js";
import { RatingClause } from "../constructs/rating/schema.js";
import { RescaleSchema } from "../constructs/rescale/schema.js";
import { Statistics } from "../constructs/statistics/schema.js";
import { StepClause } from "../constructs/step/schema.js";
import { Streak } from "../constructs/streak/schema.js";
import { TallyClause } from "../constructs/tally/schema.js";
import { TargetClause } from "../constructs/target/schema.js";
import { Threshold } from "../constructs/threshold/schema.js";
import { ParameterDecl, ReadingClause } from "./parameters.js";
import { type Condition, ConditionSchema, Dec, Id, Ref, Rounding } from "./parts.js";

export { type CombinePartInput, CombineSchema, type Condition, ConditionSchema, Dec, Id, Ref };

const DateStr = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}$/))
  .check(z.meta({ description: "A date YYYY-MM-DD (no time zone)." }));

/** T3: the period whose findings count (考核2008年12月11日至2009年6月30日期间的内容). */
export const WindowSchema = z
  .strictObject({
    from: DateStr.check(z.meta({ description: "First day, inclusive." })),
    to: DateStr.check(z.meta({ description: "Last day, inclusive." })),
    undated: z.enum(["include", "error"]).check(
      z.meta({
        description: "What a finding without a date means here: counted (include) or an error.",
      }),
    ),
    text: z.optional(z.string().check(z.maxLength(4000))),
    ref: z.optional(Ref),
  })
  .check(
    z.meta({
      description:
        "An assessment window: dated findings outside it are excluded, and reported as such.",
    }),
  );

export const Document = z.strictObject({
  id: Id,
  title: z.string().check(z.minLength(1)).check(z.maxLength(400)),
  issuer: z.optional(z.string().check(z.maxLength(200))),
  number: z
    .optional(z.string().check(z.maxLength(100)))
    .check(z.meta({ description: "文号, e.g. 鄂财编发[2009]1号." })),
  date: z
    .optional(z.string().check(z.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)))
    .check(z.meta({ description: "YYYY, YYYY-MM or YYYY-MM-DD." })),
  source: z
    .optional(z.string().check(z.maxLength(400)))
    .check(z.meta({ description: "Where the text was taken from." })),
  note: z.optional(z.string().check(z.maxLength(4000))),
});

/**
 * The schema of each clause type, keyed on the registry (src/constructs/names.ts): a name
 * without its schema, a schema no name lists, or a schema of another type does not build.
 */
const CLAUSE_SCHEMA_OF = {
  check: CheckClause,
  fixed: FixedClause,
  per: PerClause,
  step: StepClause,
  range: RangeClause,
  tally: TallyClause,
  rating: RatingClause,
  deadline: DeadlineClause,
  target: TargetClause,
  override: OverrideClause,
} as const satisfies {
  readonly [T in ClauseType]: { readonly shape: { type: z.ZodMiniLiteral<T> } };
};

type AnyClauseSchema = (typeof CLAUSE_SCHEMA_OF)[ClauseType];

/** The clause union, in the registry's order. */
export const ClauseSchema = z.discriminatedUnion(
  "type",
  CLAUSE_TYPES.map((t) => CLAUSE_SCHEMA_OF[t]) as unknown as readonly [
    AnyClauseSchema,
    ...AnyClauseSchema[],
  ],
);

/** The clause types, in the schema's order: the registry's list. */
export { CLAUSE_TYPES };

export interface NodeInput {
  id: string;
  title: string;
  text?: string;
  ref?: z.infer<typeof Ref>;
  points?: number | string;
  pointsBy?: Record<string, number | string>;
  only?: string[];
  except?: string[];
  cap?: number | string;
  overdraw?: boolean;
  bonusCap?: number | string;
  bonusCombine?: "sum" | "max";
  pointsCheck?: "sum" | "exempt";
  pointsCheckReason?: string;
  clauses?: z.infer<typeof ClauseSchema>[];
  children?: NodeInput[];
  window?: z.infer<typeof WindowSchema>;
  applicable?: Condition;
  ifNotApplicable?: { mode: "rescale" | "spread"; to?: string[] };
  given?: { fact: string; places?: number };
  note?: string;
}

export const NodeSchema: z.ZodMiniType<NodeInput> = z.lazy(() =>
  z.strictObject({
    id: Id,
    title: z.string().check(z.minLength(1)).check(z.maxLength(400)),
    text: z
      .optional(z.string().check(z.maxLength(8000)))
      .check(z.meta({ description: "原文 of the indicator itself." })),
    ref: z.optional(Ref),
    points: z.optional(Dec).check(
      z.meta({
        description:
          "分值: the node's points (for categories not in pointsBy). May be left out on a node with children: it is then the sum of its children's, per category.",
      }),
    ),
    pointsBy: z.optional(z.record(Id, Dec)).check(
      z.meta({
        description: "C20: points for particular categories (本小项对26个城中区,分值为4分).",
      }),
    ),
    only: z
      .optional(z.array(Id))
      .check(z.meta({ description: "The node exists only for these categories." })),
    except: z.optional(z.array(Id)).check(
      z.meta({
        description: "The node does not exist for these categories (不作硬性要求).",
      }),
    ),
    cap: z.optional(Dec).check(
      z.meta({
        description:
          "Cap on the node's cumulative deductions (本项累计扣分不超过13分); default: its points (扣完为止).",
      }),
    ),
    overdraw: z.optional(z.boolean()).check(
      z.meta({
        description:
          "倒扣: deductions may exceed the points, making the score negative; the cap (if any) still applies. Default false.",
      }),
    ),
    bonusCap: z.optional(Dec).check(
      z.meta({
        description: "Cap on the node's additions (加分最高不超过2分); default: none.",
      }),
    ),
    bonusCombine: z.optional(z.enum(["sum", "max"])).check(
      z.meta({
        description:
          "sum (default) adds its add-clauses; max counts only the highest (按最高级别计分).",
      }),
    ),
    pointsCheck: z.optional(z.enum(["sum", "exempt"])).check(
      z.meta({
        description:
          "sum (default): points must equal the sum of the children's; exempt: a declared exception.",
      }),
    ),
    pointsCheckReason: z.optional(z.string().check(z.maxLength(1000))),
    clauses: z.optional(z.array(ClauseSchema)),
    children: z.optional(z.array(NodeSchema)),
    window: z.optional(WindowSchema).check(
      z.meta({
        description: "T3: findings read by this node's clauses count only inside this window.",
      }),
    ),
    applicable: z.optional(ConditionSchema).check(
      z.meta({
        description:
          "C17: the node applies to a unit only when this holds (e.g. the unit has 办事服务).",
      }),
    ),
    ifNotApplicable: z
      .optional(
        z.strictObject({
          mode: z.enum(["rescale", "spread"]).check(
            z.meta({
              description:
                "rescale: the applicable siblings are scaled up in proportion to their points, so the parent still reaches its points; spread: this node's points are shared evenly by `to` (default: the applicable siblings), each scaled to its new points (平均计入其他指标中).",
            }),
          ),
          to: z.optional(z.array(Id)),
        }),
      )
      .check(
        z.meta({
          description:
            "C17: what happens to the points of a node that does not apply. Required with applicable, unless the rule set has `rescale` (then refused: the points leave the applicable total).",
        }),
      ),
    given: z
      .optional(
        z.strictObject({
          fact: Id.check(
            z.meta({
              description:
                "A number (or amount) fact holding the assessors' score for this node (评分人给分), within 0..the node's points.",
            }),
          ),
          places: z.optional(z.int().check(z.minimum(0)).check(z.maximum(10))).check(
            z.meta({
              description:
                "At most this many decimal places in a given score (0.5分 steps: 1); default: policy.rounding.places.",
            }),
          ),
        }),
      )
      .check(
        z.meta({
          description:
            "Scored directly: the node's score is given by the assessors in the unit's facts, not computed from clauses (a given node has no clauses and no children).",
        }),
      ),
    note: z.optional(z.string().check(z.maxLength(4000))),
  }),
);

export const Adjustment = z.strictObject({
  id: Id,
  title: z.string().check(z.minLength(1)).check(z.maxLength(400)),
  text: z.optional(z.string().check(z.maxLength(8000))),
  ref: z.optional(Ref),
  cap: z
    .optional(Dec)
    .check(z.meta({ description: "Cap on this item's total effect; default: none." })),
  combine: z.optional(z.enum(["sum", "max"])).check(
    z.meta({
      description: "sum (default) or max (同项内容按最高级别计分).",
    }),
  ),
  clauses: z.array(ClauseSchema).check(z.minLength(1)),
  stage: z.optional(z.enum(["main", "bonus"])).check(
    z.meta({
      description:
        "bonus: applied only when a gate opening the bonus stage holds (C19); default main.",
    }),
  ),
  note: z.optional(z.string().check(z.maxLength(4000))),
});

export const GradeBand = z.strictObject({
  grade: Id,
  gte: z.optional(Dec).check(z.meta({ description: "Lower bound, inclusive (90分以上,含90分)." })),
  gt: z.optional(Dec).check(z.meta({ description: "Lower bound, exclusive." })),
  text: z.optional(z.string().check(z.maxLength(1000))),
});

export const Measure = z.strictObject({
  id: Id,
  label: z.string().check(z.minLength(1)).check(z.maxLength(80)),
  unit: z.string().check(z.maxLength(20)),
  rounding: z.optional(z.omit(Rounding, { at: true })).check(
    z.meta({
      description: "Rounding of this measure's total; default: none.",
    }),
  ),
});

export const Category = z.strictObject({
  id: Id,
  label: z.string().check(z.minLength(1)).check(z.maxLength(200)),
  text: z.optional(z.string().check(z.maxLength(4000))),
});

/** A quota a shortfall or excess is measured against: a constant, or a numeric fact. */
const DeriveQuota = z.strictObject({
  of: Id.check(z.meta({ description: "The numeric fact measured (a count, say)." })),
  quota: z.union([Dec, z.strictObject({ fact: Id })]).check(
    z.meta({
      description: "The quota (应报数): a constant, or a numeric fact read per unit.",
    }),
  ),
});

/**
 * Derived facts (issue 11 item 2): declared arithmetic over other facts, exact. Exactly one
 * operation; `percent`, `ifZero` and `round` belong to `ratio` only (checked by the lint).
 */
export const Derive = z
  .strictObject({
    sum: z
      .optional(z.array(Id).check(z.minLength(1)).check(z.maxLength(1000)))
      .check(z.meta({ description: "Σ of the facts named." })),
    difference: z.optional(z.tuple([Id, Id])).check(z.meta({ description: "[a, b]: a − b." })),
    ratio: z.optional(z.tuple([Id, Id])).check(
      z.meta({
        description: "[numerator, denominator]: numerator ÷ denominator (× 100 with percent).",
      }),
    ),
    percent: z.optional(z.boolean()).check(
      z.meta({
        description:
          "ratio: the quotient × 100, in percent (what a rate fact holds). Default false.",
      }),
    ),
    ifZero: z.optional(z.union([Dec, z.enum(["error", "not-applicable"])])).check(
      z.meta({
        description:
          "ratio, required: the value when the denominator is 0 (in percent with percent: true), error (the unit is refused, F_DERIVED) or not-applicable.",
      }),
    ),
    round: z.optional(z.omit(Rounding, { at: true })).check(
      z.meta({
        description:
          "ratio: round the quotient to places with mode. Without it the quotient must be exact (19 ÷ 20); one that is not (2 ÷ 3) is refused (F_DERIVED).",
      }),
    ),
    shortfall: z
      .optional(DeriveQuota)
      .check(z.meta({ description: "max(0, quota − of): 每少1篇…" })),
    excess: z.optional(DeriveQuota).check(z.meta({ description: "max(0, of − quota): 每超1篇…" })),
    min: z
      .optional(z.array(Id).check(z.minLength(2)).check(z.maxLength(1000)))
      .check(z.meta({ description: "The least of the facts." })),
    max: z
      .optional(z.array(Id).check(z.minLength(2)).check(z.maxLength(1000)))
      .check(z.meta({ description: "The greatest of the facts." })),
  })
  .check(
    z.meta({
      description:
        "A fact computed from other facts of the same unit (sum, difference, ratio, shortfall, excess, min, max), exact; a unit may not give it.",
    }),
  );

export const FactDecl = z
  .strictObject({
    id: Id,
    label: z.string().check(z.minLength(1)).check(z.maxLength(400)),
    type: z
      .enum(["boolean", "count", "number", "rate", "amount", "findings", "choice", "series"])
      .check(
        z.meta({
          description:
            "boolean; count (integer ≥ 0); number; rate (percent, 0–100; see scale); amount (a decimal within min–max, required); findings (a list of occurrences); choice (one of `options`, e.g. a rating); series (a number per month YYYY-MM or quarter YYYY-Qn).",
        }),
      ),
    options: z
      .optional(
        z.array(z.string().check(z.minLength(1)).check(z.maxLength(80))).check(z.minLength(1)),
      )
      .check(
        z.meta({
          description: "choice: the values allowed (优, 良, 一般, 差).",
        }),
      ),
    min: z.optional(Dec),
    max: z.optional(Dec),
    unit: z.optional(z.string().check(z.maxLength(20))),
    default: z
      .optional(
        z.union([z.boolean(), Dec, z.string().check(z.minLength(1)).check(z.maxLength(80))]),
      )
      .check(
        z.meta({
          description: "Value used when the fact is absent (overrides policy.missingFact).",
        }),
      ),
    missing: z.optional(z.enum(["error", "zero", "not-applicable"])).check(
      z.meta({
        description: "What an absent fact means, overriding policy.missingFact.",
      }),
    ),
    kinds: z.optional(z.array(z.string().check(z.maxLength(80)))).check(
      z.meta({
        description: "findings: the kinds a finding may have.",
      }),
    ),
    tags: z
      .optional(
        z
          .array(z.string().check(z.minLength(1)).check(z.maxLength(80)))
          .check(z.minLength(1))
          .check(z.maxLength(1000)),
      )
      .check(
        z.meta({
          description:
            "findings: the tags a finding may carry (转报, 市领导批示); when declared, any other tag is refused.",
        }),
      ),
    subjects: z
      .optional(
        z
          .array(z.string().check(z.minLength(1)).check(z.maxLength(80)))
          .check(z.minLength(1))
          .check(z.maxLength(1000)),
      )
      .check(
        z.meta({
          description:
            "findings: the subjects (栏目, 单位) a finding may name; when declared, every finding names one of them, and a per-subject target counts each.",
        }),
      ),
    links: z
      .optional(
        z.strictObject({
          fact: Id.check(
            z.meta({
              description: "The findings fact whose findings `of` names (may be this fact).",
            }),
          ),
          kinds: z
            .optional(
              z.record(
                z.string().check(z.minLength(1)).check(z.maxLength(80)),
                z
                  .array(z.string().check(z.minLength(1)).check(z.maxLength(80)))
                  .check(z.minLength(1)),
              ),
            )
            .check(
              z.meta({
                description:
                  "Per kind of this fact, the kinds of the linked fact a finding of it may be linked to; a finding of such a kind must link.",
              }),
            ),
        }),
      )
      .check(
        z.meta({
          description:
            "findings: a finding may name another by id (`of`), e.g. a 批示 on an adopted piece; unknown, circular or disallowed links are refused.",
        }),
      ),
    scale: z.optional(z.enum(["percent", "fraction"])).check(
      z.meta({
        description:
          'rate only: how facts files write the value. percent (default): 87.5 means 87.5%; fraction: 0.875 means 87.5%. "87.5%" is accepted either way. min, max and every clause still speak percent.',
      }),
    ),
    note: z.optional(z.string().check(z.maxLength(4000))),
    derive: z.optional(Derive),
  })
  .check(
    z.superRefine((f, ctx) => {
      if (f.scale !== undefined && f.type !== "rate")
        ctx.addIssue({
          code: "custom",
          path: ["scale"],
          message: `scale 只用于比率(rate)事实;事实 "${f.id}" 的类型是 ${f.type}`,
        });
    }),
  );

export const Policy = z.strictObject({
  rounding: Rounding.check(
    z.meta({
      description: "Rounding of the points measure: places, mode and where.",
    }),
  ),
  missingFact: z.enum(["error", "zero", "not-applicable"]).check(
    z.meta({
      description:
        "What an absent fact means: error (the unit is reported, not scored); zero (0, false or no findings); not-applicable (clauses using it do not apply, and say so).",
    }),
  ),
  capScope: z.optional(z.enum(["every-level", "top-level"])).check(
    z.meta({
      description:
        "every-level (default): each node's deductions stop at its points (扣完为止) unless overdraw; top-level: only level-1 nodes cap, lower levels may overshoot (C18).",
    }),
  ),
  bonusFloor: z.optional(z.enum(["after-floor", "before-floor"])).check(
    z.meta({
      description:
        "after-floor (default): a node's additions are added after its deductions are floored at the cap; before-floor: additions offset deductions first, then the floor applies.",
    }),
  ),
  gradePrecedence: z.optional(z.enum(["override", "worse"])).check(
    z.meta({
      description:
        "override (default): a grade forced by a clause wins; worse: the worse of band and forced grade.",
    }),
  ),
});

/**
 * Each part of the cohort section (K1–K9), keyed on the registry (COHORT_PARTS): the key the
 * section reads it at and its schema there, from its folder, src/constructs/<part>/schema.ts. A
 * part without its field, or a field no part lists, does not build.
 */
const COHORT_FIELD_OF = {
  ranking: { key: "ranking", schema: Ranking },
  "rank-outcome": {
    key: "outcomes",
    schema: z
      .optional(z.array(RankOutcome))
      .check(z.meta({ description: "K9: rank-based outcomes (为先进单位)." })),
  },
  quota: {
    key: "quotas",
    schema: z
      .optional(z.array(Quota))
      .check(z.meta({ description: "K2: quotas on a grade, applied by rank." })),
  },
  statistics: {
    key: "statistics",
    schema: z.optional(Statistics).check(
      z.meta({
        description: "K3: average, median, counts at or above lines, per category and overall.",
      }),
    ),
  },
  "cohort-fact": {
    key: "facts",
    schema: z.optional(z.array(CohortFactSchema)).check(
      z.meta({
        description: "K5: facts computed from the whole cohort before units are scored.",
      }),
    ),
  },
  linked: {
    key: "linked",
    schema: z.optional(z.array(Linked)).check(
      z.meta({
        description:
          "K6: a unit's final score linked to its sub-units' (declared by each unit's parent).",
      }),
    ),
  },
  convert: {
    key: "convert",
    schema: z.optional(Convert).check(
      z.meta({
        description: "K7: score × to ÷ full points (以不低于4%的分值权重纳入…年度目标绩效考核).",
      }),
    ),
  },
  comparison: { key: "comparison", schema: z.optional(Comparison) },
} as const satisfies {
  readonly [P in CohortPart]: { readonly key: string; readonly schema: z.ZodMiniType };
};

/** The cohort section's fields: each part's schema at its key. */
type CohortShape = {
  -readonly [P in CohortPart as (typeof COHORT_FIELD_OF)[P]["key"]]: (typeof COHORT_FIELD_OF)[P]["schema"];
};

/** K1–K9: how a cohort of units scored together is ranked, graded, counted and linked. */
export const CohortSchema = z.strictObject(
  Object.fromEntries(
    COHORT_PARTS.map((p) => [COHORT_FIELD_OF[p].key, COHORT_FIELD_OF[p].schema]),
  ) as CohortShape,
);

export const RuleSetSchema = z.strictObject({
  kaohe: z.literal(1).check(z.meta({ description: "The rule-language version: 1." })),
  id: z.string().check(z.minLength(1)).check(z.maxLength(200)),
  title: z.string().check(z.minLength(1)).check(z.maxLength(400)),
  jurisdiction: z.optional(z.string().check(z.maxLength(200))),
  description: z.optional(z.string().check(z.maxLength(8000))),
  documents: z.array(Document).check(z.minLength(1)),
  policy: Policy,
  measures: z.optional(z.array(Measure).check(z.minLength(1))).check(
    z.meta({
      description:
        "Measures; the first is the points measure. Default: [{id: points, label: 得分, unit: 分}].",
    }),
  ),
  categories: z
    .optional(z.array(Category))
    .check(z.meta({ description: "C20: unit categories (variants)." })),
  facts: z.array(FactDecl),
  points: z.optional(Dec).check(
    z.meta({
      description:
        "The full score (满分): must equal the sum of the level-1 nodes; default: that sum.",
    }),
  ),
  parameters: z.optional(z.array(ParameterDecl)).check(
    z.meta({
      description:
        "Template parameters: values written { param: id } where a value goes (a number, an enum value, a boolean), or { param: id, select: { <value>: … } } to pick a whole value by a choice, given by a parameters file or a reading (考核内容具体项目分值和标准实行动态调整).",
    }),
  ),
  readings: z.optional(z.array(ReadingClause)).check(
    z.meta({
      description:
        "Templates: the ambiguous clauses of the source and their readings (解读), each a named set of parameter values; a parameters file, a case or --reading picks one per clause.",
    }),
  ),
  reading: z.optional(z.array(Id)).check(
    z.meta({
      description: "Set by composition: the readings in force (ids of readings options).",
    }),
  ),
  edition: z
    .optional(
      z.strictObject({
        id: z.string().check(z.minLength(1)).check(z.maxLength(200)),
        title: z.string().check(z.minLength(1)).check(z.maxLength(400)),
        official: z.boolean(),
        note: z.optional(z.string().check(z.maxLength(4000))),
      }),
    )
    .check(
      z.meta({
        description: "Set by composition: the parameters file this rule set was built with.",
      }),
    ),
  tree: z.array(NodeSchema).check(z.minLength(1)),
  adjustments: z.optional(z.array(Adjustment)).check(
    z.meta({
      description:
        "C10/C11: special penalty and bonus items outside the tree (特别减分项/特别加分项).",
    }),
  ),
  vetoes: z.optional(z.array(OverrideClause)).check(
    z.meta({
      description: "C9: zero-out and veto clauses (直接归零, 一票否决).",
    }),
  ),
  grades: z.optional(
    z.strictObject({
      order: z
        .array(Id)
        .check(z.minLength(1))
        .check(z.meta({ description: "All grades, best first." })),
      bands: z.optional(z.array(GradeBand)).check(
        z.meta({
          description: "Bands, checked in order; a band with no bound catches the rest.",
        }),
      ),
    }),
  ),
  thresholds: z
    .optional(z.array(Threshold))
    .check(z.meta({ description: "C15: flags from thresholds." })),
  window: z.optional(WindowSchema).check(
    z.meta({
      description: "T3: the assessment window of the whole rule set.",
    }),
  ),
  effective: z.optional(z.strictObject({ from: DateStr, to: z.optional(DateStr) })).check(
    z.meta({
      description:
        "T6: the assessment periods this version applies to (from, to inclusive; no to: open).",
    }),
  ),
  combine: z.optional(CombineSchema).check(
    z.meta({
      description:
        "T1/T2: the same rule set scored over several parts (kinds of assessment, periods) and combined by weight. Applies to units that give `parts`.",
    }),
  ),
  periods: z.optional(PeriodsSchema).check(
    z.meta({
      description:
        "T7: every unit scored once per month or quarter of the window (its dated findings split by date), each period's score reported, and the total their sum (累计积分) or mean.",
    }),
  ),
  cohort: z.optional(CohortSchema).check(z.meta({ description: "K1–K9: cohort scoring." })),
  streaks: z
    .optional(z.array(Streak))
    .check(
      z.meta({ description: "T8: flags raised when a condition holds for N consecutive periods." }),
    ),
  gates: z.optional(z.array(Gate)).check(
    z.meta({
      description:
        "C19: gates on the score after the tree and the main-stage adjustments, in order.",
    }),
  ),
  rescale: z.optional(RescaleSchema).check(
    z.meta({
      description:
        "C17: the unit's score rescaled to a stated full score over the items that apply (得分÷适用项总分×100); items that do not apply leave the applicable total.",
    }),
  ),
});

export type RuleSetInput = z.infer<typeof RuleSetSchema>;
export type ClauseInput = z.infer<typeof ClauseSchema>;
export type FactDeclInput = z.infer<typeof FactDecl>;
export type DeriveInput = z.infer<typeof Derive>;
export type OverrideInput = z.infer<typeof OverrideClause>;
export type ThresholdInput = z.infer<typeof Threshold>;
export type AdjustmentInput = z.infer<typeof Adjustment>;
export type GateInput = z.infer<typeof Gate>;
export type CohortInput = z.infer<typeof CohortSchema>;
