/**
 * The bodies `kaohe serve` takes and gives, as zod schemas: the check request is validated with
 * them, and the OpenAPI 3.1 document (`/openapi.json`) is generated from them with zod's
 * toJSONSchema, so the description cannot drift from what the service reads. The responses are
 * the JSON of the CLI (src/explain/json.ts, cohort-json.ts); tests hold real responses to these
 * schemas.
 */
import * as z from "zod";
import { version } from "../../package.json";
import { CLAUSE_TYPES } from "../constructs/names.js";
import { MESSAGES } from "../errors/codes.js";

const Dec = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ description: "An exact decimal as text (no exponent): 93.4, -0.5, 100." });
const Nullable = <T extends z.ZodType>(t: T) => t.nullable();
const codes = Object.keys(MESSAGES).sort() as [string, ...string[]];

export const Issue = z
  .object({
    code: z.enum(codes).meta({ description: "The stable code (docs/errors.md)." }),
    severity: z.enum(["error", "warning"]),
    path: z.array(z.union([z.string(), z.number()])),
    message: z.string().meta({ description: "The message, in Chinese." }),
    file: z.string().optional(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
    sheet: z.string().optional(),
    cell: z.string().optional(),
    unit: z.string().optional(),
  })
  .meta({ description: "A problem as data: kaohe's issue shape, the same as the CLI prints." });

export const ErrorBody = z
  .object({ ok: z.literal(false), issues: z.array(Issue).min(1) })
  .meta({ description: "Why a request was refused: the issues, each with its stable code." });

export const ManifestFile = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const Health = z.object({
  status: z.literal("ok"),
  kaohe: z.string().meta({ description: "The kaohe version." }),
  generation: z
    .number()
    .int()
    .meta({ description: "1 at start; one more after each reload that succeeded." }),
  ruleSets: z.number().int(),
  versions: z.number().int(),
  lastReload: Nullable(
    z.object({
      ok: z.boolean(),
      issues: z.array(Issue).meta({ description: "Why the last reload was refused, if it was." }),
    }),
  ).meta({ description: "The last reload (SIGHUP), or null when there was none." }),
});

const Edition = z.object({
  id: z.string(),
  title: z.string(),
  official: z.boolean(),
  note: z.string().optional(),
});
const Category = z.object({ id: z.string(), label: z.string() });

export const VersionView = z.object({
  title: z.string(),
  edition: Nullable(Edition).meta({ description: "A template's parameters file (分值 edition)." }),
  effective: Nullable(z.object({ from: z.string(), to: Nullable(z.string()) })),
  points: Dec.meta({ description: "满分." }),
  categories: Nullable(z.array(Category)),
  rules: ManifestFile,
  params: Nullable(ManifestFile),
  warnings: z.array(Issue),
});

export const RuleSetView = z.object({ id: z.string(), versions: z.array(VersionView).min(1) });
export const RuleSetList = z.object({ ruleSets: z.array(RuleSetView) });

const Ref = z.object({
  doc: z.string(),
  document: Nullable(z.string()),
  at: z.string().optional(),
});
const ClauseView = z.object({
  id: z.string(),
  type: z.enum(CLAUSE_TYPES),
  typeLabel: z.string().meta({ description: "The clause type's Chinese name." }),
  text: z.string().meta({ description: "原文." }),
  ref: Nullable(Ref),
});

export const TreeNode = z.object({
  id: z.string(),
  title: z.string(),
  points: Nullable(z.string()),
  pointsBy: z.record(z.string(), z.string()).optional(),
  only: z.array(z.string()).optional(),
  except: z.array(z.string()).optional(),
  text: z.string().optional(),
  ref: Ref.optional(),
  note: z.string().optional(),
  given: z.string().optional().meta({ description: "The fact an item scored directly reads." }),
  clauses: z.array(ClauseView),
  get children() {
    return z.array(TreeNode);
  },
});

export const Tree = z.object({
  ruleSet: z.string(),
  title: z.string(),
  edition: Nullable(z.string()),
  points: Dec,
  measures: z.array(z.object({ id: z.string(), label: z.string(), unit: z.string() })),
  categories: Nullable(z.array(Category)),
  tree: z.array(TreeNode),
  adjustments: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      text: z.string().optional(),
      ref: Ref.optional(),
      clauses: z.array(ClauseView),
    }),
  ),
  vetoes: z.array(ClauseView),
});

export const FactView = z.object({
  id: z.string(),
  label: z.string().meta({ description: "The fact's Chinese label." }),
  type: z.enum(["boolean", "count", "number", "rate", "amount", "findings", "choice", "series"]),
  unit: z.string().optional(),
  min: z.string().optional(),
  max: z.string().optional(),
  options: z.array(z.string()).optional(),
  kinds: z.array(z.string()).optional(),
  missing: z.enum(["error", "zero", "not-applicable"]),
  default: z.union([z.boolean(), z.number(), z.string()]).optional(),
  note: z.string().optional(),
  source: z.enum(["unit", "cohort", "derived"]).meta({
    description: "Who gives it: the unit, the cohort (K5, computed) or other facts (derive).",
  }),
  fill: z.string().meta({ description: "What to fill in, as the template's comment row says." }),
});
export const Facts = z.object({
  ruleSet: z.string(),
  title: z.string(),
  edition: Nullable(z.string()),
  facts: z.array(FactView),
});

export const Unit = z
  .object({
    id: z.union([z.string(), z.number()]),
    category: z.string().optional(),
    facts: z.record(z.string(), z.unknown()).optional(),
    parts: z.record(z.string(), z.unknown()).optional(),
    parent: z.union([z.string(), z.number()]).optional(),
    self: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ description: "A unit as a facts file lists it (docs/facts.md)." });

export const FactsDocument = z
  .union([z.object({ units: z.array(Unit) }), z.array(Unit), Unit])
  .meta({ description: "A facts file: { units: [...] }, a list of units, or one unit." });

const NodeResult = z.object({
  title: z.string(),
  points: Dec,
  score: Dec,
  deducted: Dec,
  added: Dec,
  adjust: Dec.optional(),
  shift: Dec.optional(),
  effectivePoints: Dec.optional(),
  notApplicable: z.literal(true).optional(),
  capped: z.literal(true).optional(),
  grade: z.string().optional(),
  given: z.literal(true).optional(),
});

const TraceEntry = z.looseObject({
  kind: z.string(),
  rule: z.string(),
  node: Nullable(z.string()),
  measure: z.string(),
  delta: Dec.optional(),
  detail: z.string().meta({ description: "The entry in words (Chinese)." }),
  text: Nullable(z.string()).meta({ description: "原文 of the rule." }),
});

export const ScoredUnit = z.object({
  unit: z.string(),
  category: Nullable(z.string()),
  ok: z.literal(true),
  total: Dec,
  measures: z.record(z.string(), Dec),
  deducted: Dec,
  added: Dec,
  grade: Nullable(z.string()),
  flags: z.array(z.string()),
  stopped: z.boolean(),
  warnings: z.array(Issue).optional(),
  excluded: z.array(z.looseObject({})).optional(),
  parts: z.array(z.looseObject({})).optional(),
  nodes: z.record(z.string(), NodeResult),
  trace: z
    .array(TraceEntry)
    .optional()
    .meta({ description: "The explanation; absent with trace=false." }),
});
export const FailedUnit = z.object({
  unit: z.string(),
  category: Nullable(z.string()),
  ok: z.literal(false),
  issues: z.array(Issue),
  warnings: z.array(Issue).optional(),
});
export const UnitOutcome = z
  .union([ScoredUnit, FailedUnit])
  .meta({ description: "One unit's outcome: the `units` entry of the CLI's JSON." });

const Stats = z.looseObject({
  count: z.number().int(),
  mean: Nullable(Dec),
  median: Nullable(Dec),
  min: Nullable(Dec),
  max: Nullable(Dec),
  atOrAbove: z.array(z.object({ line: Dec, count: z.number().int() })),
});

export const Manifest = z
  .object({
    kaohe: z.string(),
    ruleSet: z.object({
      id: z.string(),
      edition: Nullable(z.string()),
      file: z.string(),
      sha256: z.string(),
    }),
    rules: z.array(ManifestFile),
    params: z.array(ManifestFile),
    facts: z.array(ManifestFile),
    previous: Nullable(ManifestFile),
    options: z.object({
      asOf: Nullable(z.string()),
      window: Nullable(z.string()),
      period: Nullable(z.string()),
      strict: z.boolean(),
      trace: z.boolean(),
    }),
    calendarYears: z.array(z.number().int()),
    calendars: z.array(ManifestFile).optional(),
  })
  .meta({ description: "What the result was computed from (kaohe verify re-runs it)." });

export const CohortResult = z
  .object({
    ruleSet: z.string(),
    manifest: Manifest,
    ranking: z.array(
      z.looseObject({
        unit: z.string(),
        category: Nullable(z.string()),
        rank: Nullable(z.number().int()),
        categoryRank: Nullable(z.number().int()),
        score: Nullable(Dec),
        grade: Nullable(z.string()),
        flags: z.array(z.string()),
      }),
    ),
    statistics: z.object({ all: Stats, byCategory: z.record(z.string(), Stats) }),
    figures: z.array(z.object({ fact: z.string(), detail: z.string() })),
    issues: z.array(Issue),
    warnings: z.array(Issue),
    units: z.array(UnitOutcome),
  })
  .meta({ description: "A cohort's result: byte for byte the JSON of kaohe score --format json." });

export const CheckRequest = z
  .strictObject({
    text: z.string().meta({ description: "The rule file's text (YAML or JSON)." }),
    file: z.string().max(400).optional().meta({ description: "Its name, for issue locations." }),
    params: z
      .strictObject({ text: z.string(), file: z.string().max(400).optional() })
      .optional()
      .meta({ description: "A template's parameters file." }),
  })
  .meta({ description: "A rule text to check, as kaohe check checks a file." });

export const CheckResult = z.union([
  z.object({
    ok: z.literal(true),
    ruleSet: z.string(),
    title: z.string(),
    edition: Nullable(z.string()),
    warnings: z.array(Issue),
  }),
  ErrorBody,
]);

/** The components of the OpenAPI document, by name. */
const COMPONENTS = {
  Issue,
  ErrorBody,
  ManifestFile,
  Health,
  VersionView,
  RuleSetView,
  RuleSetList,
  TreeNode,
  Tree,
  FactView,
  Facts,
  Unit,
  FactsDocument,
  ScoredUnit,
  FailedUnit,
  UnitOutcome,
  Manifest,
  CohortResult,
  CheckRequest,
  CheckResult,
} as const;

type Schema = Record<string, unknown>;

/** The components as JSON Schema 2020-12 (OpenAPI 3.1's dialect), referring to each other. */
function components(io: "input" | "output"): Record<string, Schema> {
  const reg = z.registry<{ id: string }>();
  for (const [id, s] of Object.entries(COMPONENTS)) reg.add(s as z.ZodType, { id });
  const out = z.toJSONSchema(reg, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, Schema>;
  // Inside an OpenAPI document a schema's refs resolve against the document: no $id, no $schema.
  for (const s of Object.values(out)) {
    delete s.$id;
    delete s.$schema;
  }
  return out;
}

const ref = (id: keyof typeof COMPONENTS) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: keyof typeof COMPONENTS) => ({ "application/json": { schema: ref(id) } });
const error = (description: string) => ({ description, content: json("ErrorBody") });

const ID = {
  name: "id",
  in: "path",
  required: true,
  description:
    "The rule set's id; it may hold slashes (hubei/caizheng-bianzhi-2009-h1), unescaped.",
  schema: { type: "string" },
};
const query = (name: string, description: string, schema: Schema = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const VERSION_QUERY = [
  query("edition", "Which edition (a template's parameters file id) to use."),
  query("period", "The date YYYY-MM-DD whose version is in force (T6)."),
];
const SCORE_QUERY = [
  ...VERSION_QUERY,
  query("asOf", "--as-of: responses not made by then and overdue count as missed (T4, T7)."),
  query("window", "--window FROM..TO: narrows the rule set's assessment window (T3, T7)."),
  query("strict", "--strict: warnings (a rate written 0.875) refuse the unit.", {
    type: "string",
    enum: ["true", "false"],
  }),
];
const TRACE = query("trace", "false: no `trace` (the explanation) in each outcome.", {
  type: "string",
  enum: ["true", "false"],
});
/** A request body of one schema, as JSON or YAML. */
const bodyOf = (name: Parameters<typeof ref>[0]) => ({
  required: true,
  content: {
    "application/json": { schema: ref(name) },
    "application/yaml": { schema: ref(name) },
  },
});
const FACTS_BODY = bodyOf("FactsDocument");
const COMMON_ERRORS = {
  "400": error("A malformed body or query (E_SYNTAX, F_BAD_UNITS, F_OPTION, H_VERSION…)."),
  "401": error("No or a wrong bearer token (H_UNAUTHORIZED), when the service has one."),
  "404": error("No such rule set or path (H_NOT_FOUND)."),
  "413": error(
    "The body is over the size limit (E_TOO_LARGE) or has too many units (H_TOO_MANY_UNITS).",
  ),
  "415": error("The body's Content-Type is not accepted (H_MEDIA_TYPE)."),
  "503": error("Too many requests at once (H_BUSY) or over the time limit (H_TIMEOUT)."),
};

/** The OpenAPI 3.1 document of `kaohe serve`, generated from the zod schemas above. */
export function openApiDocument(): Record<string, unknown> {
  const output = components("output");
  const input = components("input");
  // Request bodies are described as the service reads them, responses as it writes them.
  for (const id of ["Unit", "FactsDocument", "CheckRequest"] as const)
    output[id] = input[id] as Schema;
  const get = (summary: string, id: keyof typeof COMPONENTS, parameters: unknown[] = []) => ({
    get: {
      summary,
      parameters,
      responses: { "200": { description: "OK", content: json(id) }, ...COMMON_ERRORS },
    },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "kaohe serve",
      version,
      description:
        "考核规则评分服务:read-only scoring over a directory of rule sets. Errors are JSON with kaohe's stable issue codes (docs/errors.md). With KAOHE_TOKEN set, every path but /health needs `Authorization: Bearer <token>`.",
    },
    components: {
      schemas: output,
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
    security: [{ bearer: [] }, {}],
    paths: {
      "/health": get("Health: version, rule sets loaded, the last reload", "Health"),
      "/openapi.json": {
        get: {
          summary: "This document",
          responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": {} } } },
        },
      },
      "/rulesets": get("Every rule set and its versions", "RuleSetList"),
      "/rulesets/{id}": get("One rule set and its versions", "RuleSetView", [ID]),
      "/rulesets/{id}/tree": get("The indicator tree, with titles and 原文", "Tree", [
        ID,
        ...VERSION_QUERY,
      ]),
      "/rulesets/{id}/facts": get("The facts a unit gives, with labels", "Facts", [
        ID,
        ...VERSION_QUERY,
      ]),
      "/rulesets/{id}/score": {
        post: {
          summary: "Score one unit (scoreUnit)",
          parameters: [ID, ...SCORE_QUERY, TRACE],
          requestBody: bodyOf("Unit"),
          responses: {
            "200": { description: "The unit's outcome", content: json("UnitOutcome") },
            ...COMMON_ERRORS,
          },
        },
      },
      "/rulesets/{id}/cohort": {
        post: {
          summary: "Score a cohort, as kaohe score --format json",
          parameters: [
            ID,
            ...SCORE_QUERY,
            TRACE,
            query("file", "The facts file's name, as the manifest and issue locations show it."),
          ],
          requestBody: FACTS_BODY,
          responses: {
            "200": { description: "The cohort's result", content: json("CohortResult") },
            "422": error("The facts document has malformed units (F_BAD_UNITS, F_UNIT_ID…)."),
            ...COMMON_ERRORS,
          },
        },
      },
      "/rulesets/{id}/explain": {
        post: {
          summary: "A unit's 扣分说明 as text",
          parameters: [ID, ...SCORE_QUERY],
          requestBody: bodyOf("Unit"),
          responses: {
            "200": {
              description: "The explanation (Chinese text)",
              content: { "text/plain": { schema: { type: "string" } } },
            },
            ...COMMON_ERRORS,
          },
        },
      },
      "/check": {
        post: {
          summary: "Check a rule text, as kaohe check checks a file",
          requestBody: { required: true, content: json("CheckRequest") },
          responses: {
            "200": { description: "ok, or the rule text's issues", content: json("CheckResult") },
            ...COMMON_ERRORS,
          },
        },
      },
    },
  };
}
