import { dstr } from "../decimal.js";
import { issue, type PathSegment } from "../errors/issue.js";
import type { ClauseInput, FactDeclInput } from "../schema/ruleset.js";
import { appliesTo, type ClauseVisit, nodePoints, visitClauses } from "../schema/walk.js";
import { d, type FactTypes, type LintContext, NUMERIC_FACTS } from "./lint-context.js";

type Owner = ClauseVisit["owner"];
type Clause<T extends ClauseInput["type"]> = Extract<ClauseInput, { type: T }>;

type ClauseCheck<T extends ClauseInput["type"]> = (
  ctx: LintContext,
  cl: Clause<T>,
  path: PathSegment[],
  owner: Owner,
) => void;

/** Every clause, wherever it sits: what all clauses share, then what its type needs. */
export function lintClauses(ctx: LintContext): void {
  visitClauses(ctx.rs, ({ clause: cl, path, owner }) => {
    clauseCommon(ctx, cl, path, owner);
    (BY_TYPE[cl.type] as ClauseCheck<ClauseInput["type"]>)(ctx, cl, path, owner);
  });
}

/** The fact a clause reads, at its `fact` key. */
const readsFact = (
  ctx: LintContext,
  cl: { fact: string },
  path: PathSegment[],
  types: FactTypes,
  use: string,
) => ctx.useFact(cl.fact, [...path, "fact"], types, use);

/** Id, source, categories, the measure it counts in, and a veto that would add. */
function clauseCommon(ctx: LintContext, cl: ClauseInput, path: PathSegment[], owner: Owner) {
  ctx.rule(cl, path);
  ctx.checkCats(cl, path);
  const measure = cl.measure ?? ctx.pointsMeasure;
  if (!ctx.measureIds.includes(measure))
    ctx.push(issue("E_UNKNOWN_REF", [...path, "measure"], { kind: "measure", id: measure }));
  else if (owner.kind !== "adjustment" && measure !== ctx.pointsMeasure)
    ctx.push(
      issue("E_MISPLACED", [...path, "measure"], {
        detail: `only adjustment items may change a measure other than ${ctx.pointsMeasure}`,
      }),
    );
  if (owner.kind === "veto" && cl.effect === "add")
    ctx.push(issue("E_MISPLACED", [...path, "effect"], { detail: "a veto cannot add points" }));
}

function fixedClause(ctx: LintContext, cl: Clause<"fixed">, path: PathSegment[]) {
  ctx.checkCondition(cl.when, [...path, "when"]);
  if (d(cl.amount).isZero())
    ctx.push(issue("W_UNREACHABLE", [...path, "amount"], { detail: "amount is 0" }));
}

function checkClause(ctx: LintContext, cl: Clause<"check">, path: PathSegment[], owner: Owner) {
  ctx.checkCondition(cl.when, [...path, "when"]);
  if (cl.effect === "add")
    ctx.push(
      issue("E_MISPLACED", [...path, "effect"], {
        detail:
          "检查项(check)在未达到要求时扣分,不能加分;条件成立时加分请用 fixed 并写 effect: add",
      }),
    );
  if (owner.kind !== "node" && cl.points === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "points" }));
}

function perClause(ctx: LintContext, cl: Clause<"per">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["count", "findings"], "as an occurrence count");
  if (d(cl.each).isZero())
    ctx.push(issue("W_UNREACHABLE", [...path, "each"], { detail: "each is 0" }));
  if (cl.cap !== undefined && d(cl.cap).isZero())
    ctx.push(issue("W_UNREACHABLE", [...path, "cap"], { detail: "cap is 0" }));
  if (decl && decl.type !== "findings" && (cl.perSubject || cl.kind !== undefined))
    ctx.push(
      issue("E_FACT_KIND", [...path, "fact"], {
        fact: cl.fact,
        type: decl.type,
        use: "with perSubject or kind (these need a findings fact)",
      }),
    );
  ctx.checkKind(decl, cl.fact, cl.kind, [...path, "kind"]);
  if (cl.perSubject && cl.cap !== undefined && d(cl.perSubject.cap).greaterThanOrEqualTo(d(cl.cap)))
    ctx.push(
      issue("W_UNREACHABLE", [...path, "perSubject", "cap"], {
        detail: `the per-subject cap ${cl.perSubject.cap} can never bite under the clause cap ${cl.cap}`,
      }),
    );
}

function stepClause(ctx: LintContext, cl: Clause<"step">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["rate"], "in a step deduction");
  const simple = cl.below !== undefined || cl.per !== undefined || cl.each !== undefined;
  if (simple && cl.bands)
    ctx.push(
      issue("E_EXCLUSIVE", path, { detail: "give either below/per/each or bands, not both" }),
    );
  else if (!cl.bands && (cl.below === undefined || cl.per === undefined || cl.each === undefined))
    ctx.push(
      issue("E_REQUIRED", path, {
        key: cl.below === undefined ? "below" : cl.per === undefined ? "per" : "each",
      }),
    );
  if (cl.bands && !cl.bandMode) ctx.push(issue("E_REQUIRED", path, { key: "bandMode" }));
  if (typeof cl.below === "object")
    ctx.useFact(
      cl.below.fact,
      [...path, "below", "fact"],
      NUMERIC_FACTS,
      "as the base of a step deduction",
    );
  // A base read from a fact is checked at run time; 100 stands in for it here.
  const bands =
    cl.bands ??
    (simple
      ? [
          {
            below: typeof cl.below === "object" ? 100 : (cl.below ?? 0),
            per: cl.per ?? 1,
            each: cl.each ?? 0,
          },
        ]
      : []);
  const at = (bi: number) => (cl.bands ? [...path, "bands", bi] : path);
  stepBands(ctx, bands, at, decl);
}

/** A step's bands: steps above 0, going downwards, each below the lowest rate the fact allows. */
function stepBands(
  ctx: LintContext,
  bands: readonly { below: number | string; per: number | string }[],
  at: (i: number) => PathSegment[],
  decl: FactDeclInput | undefined,
) {
  const min = decl?.min !== undefined ? d(decl.min) : d(0);
  bands.forEach((b, bi) => {
    const bp = at(bi);
    if (!d(b.per).greaterThan(0))
      ctx.push(issue("E_NOT_POSITIVE", [...bp, "per"], { what: "每档的百分点数 per" }));
    const prev = bands[bi - 1];
    if (prev && !d(b.below).lessThan(d(prev.below)))
      ctx.push(
        issue("E_ORDER", [...bp, "below"], {
          detail: "bands must go downwards (each below the one before)",
        }),
      );
    if (d(b.below).lessThanOrEqualTo(min))
      ctx.push(
        issue("W_UNREACHABLE", [...bp, "below"], {
          detail: `a rate can never be below ${b.below} (its minimum is ${dstr(min)})`,
        }),
      );
  });
}

function rangeClause(ctx: LintContext, cl: Clause<"range">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["amount", "findings"], "as a discretionary amount");
  ctx.checkRange(`clause "${cl.id}"`, cl.min, cl.max, path);
  if (decl?.max !== undefined && d(cl.max).greaterThan(d(decl.max)))
    ctx.push(
      issue("E_BEYOND_FACT", [...path, "max"], {
        clause: cl.id,
        max: String(cl.max),
        fact: cl.fact,
        factMax: String(decl.max),
      }),
    );
}

function tallyClause(ctx: LintContext, cl: Clause<"tally">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["findings"], "in a tally");
  if (decl && !decl.kinds)
    ctx.push(issue("E_REQUIRED", ["facts", ctx.rs.facts.indexOf(decl)], { key: "kinds" }));
  for (const k of Object.keys(cl.amounts)) ctx.checkKind(decl, cl.fact, k, [...path, "amounts"], k);
}

function deadlineClause(ctx: LintContext, cl: Clause<"deadline">, path: PathSegment[]) {
  const decl = readsFact(ctx, cl, path, ["findings"], "as a list of events");
  ctx.checkKind(decl, cl.fact, cl.kind, [...path, "kind"]);
  if ("hours" in cl.within && cl.startDay !== undefined)
    ctx.push(
      issue("E_EXCLUSIVE", [...path, "startDay"], {
        detail: "按小时计的时限从事件发生的时刻起算,不能再写 startDay",
      }),
    );
}

function targetClause(ctx: LintContext, cl: Clause<"target">, path: PathSegment[]) {
  readsFact(ctx, cl, path, ["series"], "as a per-period target");
  if ((cl.each === undefined) === (cl.amount === undefined))
    ctx.push(
      issue("E_EXCLUSIVE", path, {
        detail: "give either each (per period missed) or amount (once), not both",
      }),
    );
}

/** A rating: one table (points or percent), an entry for each option, each within range. */
function ratingClause(ctx: LintContext, cl: Clause<"rating">, path: PathSegment[], owner: Owner) {
  const decl = readsFact(ctx, cl, path, ["choice"], "as a rating");
  const table = cl.scale ?? cl.percent;
  const tableKey = cl.scale ? "scale" : "percent";
  if (cl.scale !== undefined && cl.percent !== undefined)
    ctx.push(
      issue("E_EXCLUSIVE", path, { detail: "give either scale (points) or percent, not both" }),
    );
  else if (cl.scale === undefined && cl.percent === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "scale" }));
  if (owner.kind !== "node")
    ctx.push(
      issue("E_MISPLACED", [...path, "type"], { detail: "a rating belongs in a tree node" }),
    );
  if (table && decl?.options) {
    for (const o of decl.options)
      if (!(o in table)) ctx.push(issue("E_REQUIRED", [...path, tableKey], { key: o }));
    for (const k of Object.keys(table))
      if (!decl.options.includes(k))
        ctx.push(
          issue("E_UNKNOWN_REF", [...path, tableKey], { kind: `option of ${cl.fact}`, id: k }),
          k,
        );
  }
  for (const [k, v] of Object.entries(cl.percent ?? {}))
    ctx.checkPercent(v, [...path, "percent", k], `percent for ${k}`);
  if (cl.scale && owner.kind === "node" && cl.effect !== "add")
    for (const cat of ctx.categories) {
      if (!appliesTo(owner.node, cat)) continue;
      const pts = nodePoints(owner.node, cat);
      for (const [k, v] of Object.entries(cl.scale))
        if (d(v).greaterThan(pts) || d(v).isNegative())
          ctx.push(
            issue("E_OUT_OF_RANGE", [...path, "scale", k], {
              what: `the points for rating ${k} (${String(v)})`,
              min: "0",
              max: dstr(pts),
            }),
          );
    }
}

/** An override: some effect, a declared grade, and unit-wide effects only among the vetoes. */
function overrideClause(
  ctx: LintContext,
  cl: Clause<"override">,
  path: PathSegment[],
  owner: Owner,
) {
  ctx.checkCondition(cl.when, [...path, "when"]);
  if ([cl.grade, cl.amount, cl.total, cl.zero, cl.stop, cl.flag].every((x) => x === undefined))
    ctx.push(
      issue("E_NEEDS_ONE_OF", path, {
        detail: "an override needs at least one of grade, amount, total, zero, stop, flag",
      }),
    );
  if (cl.grade !== undefined) ctx.checkGrade(cl.grade, [...path, "grade"]);
  if (cl.gradeScope === "node" && owner.kind !== "node")
    ctx.push(
      issue("E_MISPLACED", [...path, "gradeScope"], {
        detail: "gradeScope node needs the clause to sit in a node",
      }),
    );
  if (cl.totalMode !== undefined && cl.total === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "total" }));
  if (owner.kind !== "veto")
    for (const k of ["total", "totalMode", "zero", "stop"] as const)
      if (cl[k] !== undefined)
        ctx.push(
          issue("E_MISPLACED", [...path, k], {
            detail: `"${k}" acts on the whole unit: put this clause in vetoes`,
          }),
        );
  cl.zero?.forEach((z, zi) => {
    if (!ctx.nodeIds.has(z))
      ctx.push(issue("E_UNKNOWN_REF", [...path, "zero", zi], { kind: "node", id: z }));
  });
}

/** What each type of clause needs beyond what all share. */
const BY_TYPE: { [T in ClauseInput["type"]]: ClauseCheck<T> } = {
  check: checkClause,
  fixed: fixedClause,
  per: perClause,
  step: stepClause,
  range: rangeClause,
  tally: tallyClause,
  deadline: deadlineClause,
  target: targetClause,
  rating: ratingClause,
  override: overrideClause,
};
