import { type Decimal, dstr, isDecimalLike, toDecimal } from "../decimal.js";
import { formatPath, issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import type {
  ClauseInput,
  CombinePartInput,
  Condition,
  NodeInput,
  RuleSetInput,
} from "../schema/ruleset.js";
import {
  appliesTo,
  conditionFacts,
  nodePoints,
  ruleSetPoints,
  visitClauses,
  visitNodes,
} from "../schema/walk.js";
import { MAX_WINDOW_DAYS, parseDate } from "../time/date.js";

/** A lint finding, plus the key to point at when it concerns a key rather than a value. */
export interface LintIssue {
  issue: KaoheIssue;
  key?: string;
}

const COMPARE_OPS = ["gt", "gte", "lt", "lte", "eq", "ne"] as const;
const NUMERIC_FACTS = new Set(["count", "number", "rate", "amount"]);

/**
 * The static checks run on every validated rule set: ids, references, facts, ranges, the points
 * arithmetic of the tree for every category, caps, and conditions that contradict themselves.
 */
export function lintRuleSet(rs: RuleSetInput): LintIssue[] {
  const out: LintIssue[] = [];
  const push = (i: KaoheIssue, key?: string) => out.push(key ? { issue: i, key } : { issue: i });
  const d = (v: number | string) => toDecimal(v);

  // Ids: one namespace for rules (nodes, clauses, adjustments, thresholds), one per other kind.
  const uniq = (kind: string) => {
    const seen = new Map<string, PathSegment[]>();
    return (id: string, path: PathSegment[]) => {
      const first = seen.get(`${kind}:${id}`);
      if (first) push(issue("E_DUPLICATE_ID", [...path, "id"], { id, first: formatPath(first) }));
      else seen.set(`${kind}:${id}`, path);
    };
  };
  const ruleId = uniq("rule");
  const docIds = new Set(rs.documents.map((x) => x.id));
  const catIds = new Set((rs.categories ?? []).map((x) => x.id));
  const measureIds = (rs.measures ?? [{ id: "points" }]).map((m) => m.id);
  const pointsMeasure = measureIds[0] as string;
  if (rs.measures?.[0]?.rounding)
    push(
      issue("W_UNREACHABLE", ["measures", 0, "rounding"], {
        detail: "the points measure is rounded as policy.rounding says; this rounding is not read",
      }),
    );
  const grades = rs.grades?.order ?? [];
  const factById = new Map(rs.facts.map((f) => [f.id, f]));
  {
    const u = uniq("doc");
    rs.documents.forEach((x, i) => u(x.id, ["documents", i]));
    const c = uniq("cat");
    (rs.categories ?? []).forEach((x, i) => c(x.id, ["categories", i]));
    const f = uniq("fact");
    rs.facts.forEach((x, i) => f(x.id, ["facts", i]));
    const m = uniq("measure");
    (rs.measures ?? []).forEach((x, i) => m(x.id, ["measures", i]));
    const g = uniq("grade");
    grades.forEach((x, i) => g(x, ["grades", "order", i]));
  }
  const checkRef = (ref: { doc: string } | undefined, path: PathSegment[]) => {
    if (ref && !docIds.has(ref.doc))
      push(issue("E_UNKNOWN_REF", [...path, "ref", "doc"], { kind: "document", id: ref.doc }));
  };
  const checkCats = (x: { only?: string[]; except?: string[] }, path: PathSegment[]) => {
    for (const key of ["only", "except"] as const)
      x[key]?.forEach((c, i) => {
        if (!catIds.has(c))
          push(issue("E_UNKNOWN_REF", [...path, key, i], { kind: "category", id: c }));
      });
  };
  const checkGrade = (g: string, path: PathSegment[]) => {
    if (!grades.includes(g))
      push(issue("E_UNKNOWN_REF", path, { kind: "grade (declare it in grades.order)", id: g }));
  };

  // Facts: declared ranges, and each use of a fact matches its type.
  const usedFacts = new Set<string>();
  rs.facts.forEach((f, i) => {
    const path = ["facts", i];
    if (f.min !== undefined && f.max !== undefined && d(f.min).greaterThan(d(f.max)))
      push(
        issue("E_RANGE", path, { what: `fact "${f.id}"`, min: String(f.min), max: String(f.max) }),
      );
    if (f.type === "amount" && (f.min === undefined || f.max === undefined))
      push(issue("E_REQUIRED", path, { key: f.min === undefined ? "min" : "max" }));
    if (
      (f.min !== undefined || f.max !== undefined) &&
      (f.type === "boolean" || f.type === "findings")
    )
      push(issue("E_FACT_DECLARATION", path, { detail: `a ${f.type} fact has no min or max` }));
    if (f.kinds && f.type !== "findings")
      push(
        issue("E_FACT_DECLARATION", path, { detail: "only findings facts have kinds" }),
        "kinds",
      );
    if (
      f.default !== undefined &&
      typeof f.default !== "boolean" &&
      isDecimalLike(f.default) &&
      f.type !== "choice" &&
      (f.min !== undefined || f.max !== undefined)
    ) {
      const v = d(f.default as number | string);
      if (
        (f.min !== undefined && v.lessThan(d(f.min))) ||
        (f.max !== undefined && v.greaterThan(d(f.max)))
      )
        push(
          issue("E_FACT_DECLARATION", [...path, "default"], {
            detail: `default ${String(f.default)} lies outside the fact's range`,
          }),
        );
    }
    if (
      f.type === "choice" &&
      f.default !== undefined &&
      !(f.options ?? []).includes(String(f.default))
    )
      push(
        issue("E_FACT_DECLARATION", [...path, "default"], {
          detail: `default ${String(f.default)} is not one of the options`,
        }),
      );
    if (f.type === "choice" && !f.options) push(issue("E_REQUIRED", path, { key: "options" }));
    if (f.default !== undefined && (f.type === "series" || f.type === "findings"))
      push(
        issue("E_FACT_DECLARATION", [...path, "default"], {
          detail: `a ${f.type} fact has no default; use missing: zero`,
        }),
      );
    else if (f.default !== undefined && NUMERIC_FACTS.has(f.type) && !isDecimalLike(f.default))
      push(
        issue("E_TYPE", [...path, "default"], {
          expected: "a decimal number",
          received: JSON.stringify(f.default),
        }),
      );
    if (f.default !== undefined) {
      const isBool = typeof f.default === "boolean";
      if (isBool !== (f.type === "boolean") || f.type === "findings")
        push(
          issue("E_FACT_DECLARATION", [...path, "default"], {
            detail: `default does not fit type ${f.type}`,
          }),
        );
    }
  });
  const useFact = (
    fact: string,
    path: PathSegment[],
    allowed: ReadonlySet<string> | string[],
    use: string,
  ) => {
    usedFacts.add(fact);
    const decl = factById.get(fact);
    if (!decl) {
      push(issue("E_UNDECLARED_FACT", path, { fact }));
      return undefined;
    }
    const ok = Array.isArray(allowed) ? allowed.includes(decl.type) : allowed.has(decl.type);
    if (!ok) push(issue("E_FACT_KIND", path, { fact, type: decl.type, use }));
    return decl;
  };
  const bareSeen = new Set<string>();
  const checkCondition = (c: Condition, path: PathSegment[]) => {
    for (const u of conditionFacts(c, path)) {
      if (u.use === "boolean") useFact(u.fact, u.path, ["boolean"], "as a yes/no condition");
      else if (u.use === "choice") {
        const decl = useFact(u.fact, u.path, ["choice"], "compared with a text");
        if (decl?.options && u.value !== undefined && !decl.options.includes(u.value))
          push(issue("E_UNKNOWN_REF", u.path, { kind: `option of ${u.fact}`, id: u.value }));
      } else useFact(u.fact, u.path, NUMERIC_FACTS, "in a numeric comparison");
    }
    // `{ fact: rate }` with the operator forgotten would hold for every unit.
    const bare = (x: Condition, at: PathSegment[]): void => {
      if (typeof x !== "object" || x === null) return;
      if ("all" in x) x.all.forEach((y, i) => bare(y, [...at, "all", i]));
      else if ("any" in x) x.any.forEach((y, i) => bare(y, [...at, "any", i]));
      else if ("not" in x) bare(x.not, [...at, "not"]);
      else if (!("is" in x) && !COMPARE_OPS.some((op) => op in x)) {
        // A condition can be checked from more than one place (a clause and its node): once.
        const key = JSON.stringify(at);
        if (!bareSeen.has(key)) push(issue("E_NO_OPERATOR", at, { fact: x.fact }));
        bareSeen.add(key);
      }
    };
    bare(c, path);
    const why = contradiction(c, (id) => factById.get(id));
    if (why) push(issue("E_CONTRADICTION", path, { detail: why }));
  };

  // The tree: ids, references, and the points arithmetic for every category.
  const categories: (string | null)[] = catIds.size ? [...catIds] : [null];
  const pointsFor = nodePoints;
  visitNodes(rs, ({ node, path, depth, parent }) => {
    ruleId(node.id, path);
    checkRef(node.ref, path);
    checkCats(node, path);
    for (const c of Object.keys(node.pointsBy ?? {}))
      if (!catIds.has(c))
        push(issue("E_UNKNOWN_REF", [...path, "pointsBy"], { kind: "category", id: c }), c);
    if (!node.children?.length && !node.clauses?.length)
      push(issue("E_EMPTY_NODE", path, { node: node.id }));
    if (!node.children?.length && node.points === undefined)
      push(issue("E_REQUIRED", path, { key: "points" }));
    if (node.applicable !== undefined) {
      checkCondition(node.applicable, [...path, "applicable"]);
      if (!node.ifNotApplicable) push(issue("E_REQUIRED", path, { key: "ifNotApplicable" }));
    }
    if (node.ifNotApplicable?.to) {
      const siblings = new Set(((parent?.children ?? rs.tree) as NodeInput[]).map((k) => k.id));
      node.ifNotApplicable.to.forEach((t, ti) => {
        if (!siblings.has(t) || t === node.id)
          push(
            issue("E_UNKNOWN_REF", [...path, "ifNotApplicable", "to", ti], {
              kind: "sibling node",
              id: t,
            }),
          );
      });
    }
    for (const cat of categories) {
      if (!appliesTo(node, cat)) continue;
      const pts = pointsFor(node, cat);
      const suffix = cat === null ? "" : ` for category ${cat}`;
      if (pts.isNegative())
        push(issue("E_INVALID", [...path, "points"], { detail: `points are negative${suffix}` }));
      const overdraw = node.overdraw === true || (rs.policy.capScope === "top-level" && depth > 1);
      if (node.cap !== undefined && d(node.cap).greaterThan(pts) && !overdraw)
        push(
          issue("E_CAP_ABOVE_POINTS", [...path, "cap"], {
            what: `node "${node.id}"${suffix}`,
            cap: String(node.cap),
            points: dstr(pts),
          }),
        );
      // A node of 0 points that may not go below 0 gives every deduction back: almost surely a
      // missing overdraw (an open-ended points system) rather than an intent.
      if (
        pts.isZero() &&
        !overdraw &&
        node.cap === undefined &&
        (node.clauses ?? []).some((c) => c.effect !== "add" && appliesTo(c, cat))
      )
        push(
          issue("W_UNREACHABLE", [...path, "points"], {
            detail: `node "${node.id}" has 0 points and no overdraw, so its deductions can never change a score; declare overdraw: true for a system counted from 0`,
          }),
        );
      const kids = (node.children ?? []).filter((k) => appliesTo(k, cat));
      if (
        kids.length &&
        node.pointsCheck !== "exempt" &&
        (node.points !== undefined || node.pointsBy?.[cat ?? ""] !== undefined)
      ) {
        const sum = kids.reduce((a, k) => a.plus(pointsFor(k, cat)), d(0));
        if (!sum.equals(pts))
          push(
            issue("E_POINTS_SUM", [...path, "points"], {
              node: node.id,
              points: dstr(pts),
              sum: dstr(sum),
              category: suffix,
            }),
          );
      }
      for (const [ci, cl] of (node.clauses ?? []).entries()) {
        if (!appliesTo(cl, cat)) continue;
        const cpath = [...path, "clauses", ci];
        const limit = clauseCap(cl);
        if (cl.effect !== "add" && limit && limit.value.greaterThan(pts) && !overdraw) {
          const what = `clause "${cl.id}"${suffix}`;
          push(
            limit.isCap
              ? issue("E_CAP_ABOVE_POINTS", [...cpath, limit.key], {
                  what,
                  cap: dstr(limit.value),
                  points: dstr(pts),
                })
              : issue("W_AMOUNT_ABOVE_POINTS", [...cpath, limit.key], {
                  what,
                  amount: dstr(limit.value),
                  points: dstr(pts),
                }),
          );
        }
      }
    }
    if (node.pointsCheck === "exempt" && !node.pointsCheckReason)
      push(issue("E_REQUIRED", path, { key: "pointsCheckReason" }));
    if (categories.every((c) => !appliesTo(node, c)))
      push(issue("W_UNREACHABLE", path, { detail: `node "${node.id}" applies to no category` }));
  });
  const totals = new Set<string>();
  for (const cat of categories) {
    const sum = rs.tree
      .filter((n) => appliesTo(n, cat))
      .reduce((a, n) => a.plus(pointsFor(n, cat)), d(0));
    totals.add(dstr(sum));
    if (rs.points !== undefined && !sum.equals(d(rs.points)))
      push(
        issue("E_POINTS_SUM", ["points"], {
          node: "(the rule set)",
          points: String(rs.points),
          sum: dstr(sum),
          category: cat === null ? "" : ` for category ${cat}`,
        }),
      );
  }
  if (rs.points === undefined && totals.size > 1)
    push(
      issue("E_INVALID", [], {
        detail: `the categories reach different full scores (${[...totals].join(", ")}); state points to check them`,
      }),
    );

  // Clauses wherever they sit.
  const nodeIds = new Set<string>();
  visitNodes(rs, ({ node }) => nodeIds.add(node.id));
  // Amounts are magnitudes: the clause's effect (deduct or add) gives the sign.
  const notNegative = (v: unknown, path: PathSegment[]) => {
    if ((typeof v === "number" || typeof v === "string") && d(v).isNegative())
      push(
        issue("E_NEGATIVE", path, {
          what: "an amount (its sign comes from effect: deduct or add)",
        }),
      );
  };
  visitNodes(rs, ({ node, path }) => {
    notNegative(node.cap, [...path, "cap"]);
    notNegative(node.bonusCap, [...path, "bonusCap"]);
  });
  rs.adjustments?.forEach((a, i) => notNegative(a.cap, ["adjustments", i, "cap"]));
  visitClauses(rs, ({ clause: cl, path }) => {
    const c = cl as Record<string, unknown>;
    for (const k of ["each", "amount", "cap", "points", "min", "max", "missing"])
      notNegative(c[k], [...path, k]);
    if (cl.type === "per" && cl.perSubject)
      notNegative(cl.perSubject.cap, [...path, "perSubject", "cap"]);
    if (cl.type === "tally") {
      for (const [k, v] of Object.entries(cl.amounts)) notNegative(v, [...path, "amounts", k]);
      cl.multipliers?.forEach((m, i) =>
        notNegative(m.factor, [...path, "multipliers", i, "factor"]),
      );
    }
    if (cl.type === "rating")
      for (const [k, v] of Object.entries(cl.scale ?? {})) notNegative(v, [...path, "scale", k]);
    if (cl.type === "step")
      for (const [i, b] of (cl.bands ?? []).entries())
        notNegative(b.each, [...path, "bands", i, "each"]);
  });
  visitClauses(rs, ({ clause: cl, path, owner }) => {
    ruleId(cl.id, path);
    checkRef(cl.ref, path);
    checkCats(cl, path);
    const measure = cl.measure ?? pointsMeasure;
    if (!measureIds.includes(measure))
      push(issue("E_UNKNOWN_REF", [...path, "measure"], { kind: "measure", id: measure }));
    else if (owner.kind !== "adjustment" && measure !== pointsMeasure)
      push(
        issue("E_MISPLACED", [...path, "measure"], {
          detail: `only adjustment items may change a measure other than ${pointsMeasure}`,
        }),
      );
    if (owner.kind === "veto" && cl.effect === "add")
      push(issue("E_MISPLACED", [...path, "effect"], { detail: "a veto cannot add points" }));
    switch (cl.type) {
      case "check":
        checkCondition(cl.when, [...path, "when"]);
        if (cl.effect === "add")
          push(
            issue("E_INVALID", [...path, "effect"], {
              detail:
                "a check deducts when its requirement is not met; for points when a condition holds, use fixed with effect: add",
            }),
          );
        if (owner.kind !== "node" && cl.points === undefined)
          push(issue("E_REQUIRED", path, { key: "points" }));
        break;
      case "fixed":
        checkCondition(cl.when, [...path, "when"]);
        if (d(cl.amount).isZero())
          push(issue("W_UNREACHABLE", [...path, "amount"], { detail: "amount is 0" }));
        break;
      case "per": {
        const decl = useFact(
          cl.fact,
          [...path, "fact"],
          ["count", "findings"],
          "as an occurrence count",
        );
        if (d(cl.each).isZero())
          push(issue("W_UNREACHABLE", [...path, "each"], { detail: "each is 0" }));
        if (cl.cap !== undefined && d(cl.cap).isZero())
          push(issue("W_UNREACHABLE", [...path, "cap"], { detail: "cap is 0" }));
        if (decl && decl.type !== "findings" && (cl.perSubject || cl.kind !== undefined))
          push(
            issue("E_FACT_KIND", [...path, "fact"], {
              fact: cl.fact,
              type: decl.type,
              use: "with perSubject or kind (these need a findings fact)",
            }),
          );
        if (cl.kind !== undefined && decl?.kinds && !decl.kinds.includes(cl.kind))
          push(
            issue("E_UNKNOWN_REF", [...path, "kind"], { kind: `kind of ${cl.fact}`, id: cl.kind }),
          );
        if (
          cl.perSubject &&
          cl.cap !== undefined &&
          d(cl.perSubject.cap).greaterThanOrEqualTo(d(cl.cap))
        )
          push(
            issue("W_UNREACHABLE", [...path, "perSubject", "cap"], {
              detail: `the per-subject cap ${cl.perSubject.cap} can never bite under the clause cap ${cl.cap}`,
            }),
          );
        break;
      }
      case "step": {
        const decl = useFact(cl.fact, [...path, "fact"], ["rate"], "in a step deduction");
        const simple = cl.below !== undefined || cl.per !== undefined || cl.each !== undefined;
        if (simple && cl.bands)
          push(
            issue("E_EXCLUSIVE", path, { detail: "give either below/per/each or bands, not both" }),
          );
        else if (
          !cl.bands &&
          (cl.below === undefined || cl.per === undefined || cl.each === undefined)
        )
          push(
            issue("E_REQUIRED", path, {
              key: cl.below === undefined ? "below" : cl.per === undefined ? "per" : "each",
            }),
          );
        if (cl.bands && !cl.bandMode) push(issue("E_REQUIRED", path, { key: "bandMode" }));
        if (typeof cl.below === "object")
          useFact(
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
        bands.forEach((b, bi) => {
          const bp = cl.bands ? [...path, "bands", bi] : path;
          if (!d(b.per).greaterThan(0))
            push(issue("E_INVALID", [...bp, "per"], { detail: "a step must be greater than 0" }));
          const prev = bands[bi - 1];
          if (prev && !d(b.below).lessThan(d(prev.below)))
            push(
              issue("E_ORDER", [...bp, "below"], {
                detail: "bands must go downwards (each below the one before)",
              }),
            );
          const min = decl?.min !== undefined ? d(decl.min) : d(0);
          if (d(b.below).lessThanOrEqualTo(min))
            push(
              issue("W_UNREACHABLE", [...bp, "below"], {
                detail: `a rate can never be below ${b.below} (its minimum is ${dstr(min)})`,
              }),
            );
        });
        break;
      }
      case "range": {
        const decl = useFact(
          cl.fact,
          [...path, "fact"],
          ["amount", "findings"],
          "as a discretionary amount",
        );
        if (d(cl.min).greaterThan(d(cl.max)))
          push(
            issue("E_RANGE", path, {
              what: `clause "${cl.id}"`,
              min: String(cl.min),
              max: String(cl.max),
            }),
          );
        if (decl?.max !== undefined && d(cl.max).greaterThan(d(decl.max)))
          push(
            issue("E_INVALID", [...path, "max"], {
              detail: `clause "${cl.id}" allows up to ${cl.max}, but fact "${cl.fact}" is declared to stop at ${decl.max}`,
            }),
          );
        break;
      }
      case "tally": {
        const decl = useFact(cl.fact, [...path, "fact"], ["findings"], "in a tally");
        if (decl && !decl.kinds)
          push(issue("E_REQUIRED", ["facts", rs.facts.indexOf(decl)], { key: "kinds" }));
        for (const k of Object.keys(cl.amounts))
          if (decl?.kinds && !decl.kinds.includes(k))
            push(
              issue("E_UNKNOWN_REF", [...path, "amounts"], { kind: `kind of ${cl.fact}`, id: k }),
              k,
            );
        break;
      }
      case "deadline": {
        const decl = useFact(cl.fact, [...path, "fact"], ["findings"], "as a list of events");
        if (cl.kind !== undefined && decl?.kinds && !decl.kinds.includes(cl.kind))
          push(
            issue("E_UNKNOWN_REF", [...path, "kind"], { kind: `kind of ${cl.fact}`, id: cl.kind }),
          );
        if ("hours" in cl.within && cl.startDay !== undefined)
          push(
            issue("E_INVALID", [...path, "startDay"], {
              detail: "a limit in hours counts from the time of the event; startDay does not apply",
            }),
          );
        break;
      }
      case "target": {
        useFact(cl.fact, [...path, "fact"], ["series"], "as a per-period target");
        if ((cl.each === undefined) === (cl.amount === undefined))
          push(
            issue("E_EXCLUSIVE", path, {
              detail: "give either each (per period missed) or amount (once), not both",
            }),
          );
        break;
      }
      case "rating": {
        const decl = useFact(cl.fact, [...path, "fact"], ["choice"], "as a rating");
        const table = cl.scale ?? cl.percent;
        if (cl.scale !== undefined && cl.percent !== undefined)
          push(
            issue("E_EXCLUSIVE", path, {
              detail: "give either scale (points) or percent, not both",
            }),
          );
        else if (cl.scale === undefined && cl.percent === undefined)
          push(issue("E_REQUIRED", path, { key: "scale" }));
        if (owner.kind !== "node")
          push(
            issue("E_MISPLACED", [...path, "type"], { detail: "a rating belongs in a tree node" }),
          );
        if (table && decl?.options) {
          for (const o of decl.options)
            if (!(o in table))
              push(issue("E_REQUIRED", [...path, cl.scale ? "scale" : "percent"], { key: o }));
          for (const k of Object.keys(table))
            if (!decl.options.includes(k))
              push(
                issue("E_UNKNOWN_REF", [...path, cl.scale ? "scale" : "percent"], {
                  kind: `option of ${cl.fact}`,
                  id: k,
                }),
                k,
              );
        }
        if (cl.percent)
          for (const [k, v] of Object.entries(cl.percent))
            if (d(v).isNegative() || d(v).greaterThan(100))
              push(
                issue("E_OUT_OF_RANGE", [...path, "percent", k], {
                  what: `percent for ${k}`,
                  min: "0",
                  max: "100",
                }),
              );
        if (cl.scale && owner.kind === "node" && cl.effect !== "add")
          for (const cat of categories) {
            if (!appliesTo(owner.node, cat)) continue;
            const pts = pointsFor(owner.node, cat);
            for (const [k, v] of Object.entries(cl.scale))
              if (d(v).greaterThan(pts) || d(v).isNegative())
                push(
                  issue("E_OUT_OF_RANGE", [...path, "scale", k], {
                    what: `the points for rating ${k} (${String(v)})`,
                    min: "0",
                    max: dstr(pts),
                  }),
                );
          }
        break;
      }
      case "override": {
        checkCondition(cl.when, [...path, "when"]);
        const effects = [cl.grade, cl.amount, cl.total, cl.zero, cl.stop, cl.flag].filter(
          (x) => x !== undefined,
        );
        if (effects.length === 0)
          push(
            issue("E_NEEDS_ONE_OF", path, {
              detail: "an override needs at least one of grade, amount, total, zero, stop, flag",
            }),
          );
        if (cl.grade !== undefined) checkGrade(cl.grade, [...path, "grade"]);
        if (cl.gradeScope === "node" && owner.kind !== "node")
          push(
            issue("E_MISPLACED", [...path, "gradeScope"], {
              detail: "gradeScope node needs the clause to sit in a node",
            }),
          );
        if (cl.totalMode !== undefined && cl.total === undefined)
          push(issue("E_REQUIRED", path, { key: "total" }));
        if (owner.kind !== "veto")
          for (const k of ["total", "totalMode", "zero", "stop"] as const)
            if (cl[k] !== undefined)
              push(
                issue("E_MISPLACED", [...path, k], {
                  detail: `"${k}" acts on the whole unit: put this clause in vetoes`,
                }),
              );
        cl.zero?.forEach((z, zi) => {
          if (!nodeIds.has(z))
            push(issue("E_UNKNOWN_REF", [...path, "zero", zi], { kind: "node", id: z }));
        });
        break;
      }
    }
  });

  rs.adjustments?.forEach((a, i) => {
    const path = ["adjustments", i];
    ruleId(a.id, path);
    checkRef(a.ref, path);
    const effects = new Set(a.clauses.map((c) => c.effect ?? "deduct"));
    const measures = new Set(a.clauses.map((c) => c.measure ?? pointsMeasure));
    if (effects.size > 1 || measures.size > 1)
      push(
        issue("E_INVALID", path, {
          detail: "an adjustment item's clauses must all deduct or all add, in one measure",
        }),
      );
    a.clauses.forEach((c, ci) => {
      if (c.type === "check" || (c.type === "override" && c.gradeScope === "node"))
        push(
          issue("E_MISPLACED", [...path, "clauses", ci, "type"], {
            detail: `a ${c.type} clause belongs in a tree node`,
          }),
        );
    });
  });
  rs.thresholds?.forEach((t, i) => {
    const path = ["thresholds", i];
    ruleId(t.id, path);
    checkRef(t.ref, path);
    if ([t.gt, t.gte, t.lt, t.lte].every((x) => x === undefined))
      push(issue("E_REQUIRED", path, { key: "gte" }));
    if (typeof t.of === "object" && "node" in t.of && !nodeIds.has(t.of.node))
      push(issue("E_UNKNOWN_REF", [...path, "of", "node"], { kind: "node", id: t.of.node }));
    if (typeof t.of === "object" && "measure" in t.of && !measureIds.includes(t.of.measure))
      push(
        issue("E_UNKNOWN_REF", [...path, "of", "measure"], { kind: "measure", id: t.of.measure }),
      );
    const lo = t.gte ?? t.gt;
    const hi = t.lte ?? t.lt;
    if (lo !== undefined && hi !== undefined && d(lo).greaterThan(d(hi)))
      push(
        issue("E_RANGE", path, { what: `threshold "${t.id}"`, min: String(lo), max: String(hi) }),
      );
  });
  // T8 streaks: rules like the others (one id namespace, a source), reading a declared grade or
  // a flag some rule raises.
  if (rs.streaks?.length) {
    const raised = new Set<string>();
    const collect = (v: unknown, inStreaks: boolean): void => {
      if (Array.isArray(v)) for (const x of v) collect(x, inStreaks);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          if (k === "flag" && typeof x === "string" && !inStreaks) raised.add(x);
          else if (k !== "when") collect(x, inStreaks);
        }
    };
    for (const [k, v] of Object.entries(rs)) if (k !== "streaks") collect(v, false);
    // A streak's own flag may be read by a later streak (连续两次约谈…).
    rs.streaks.forEach((st) => raised.add(st.flag));
    rs.streaks.forEach((st, i) => {
      const path = ["streaks", i];
      ruleId(st.id, path);
      checkRef(st.ref, path);
      if ("grade" in st.when) checkGrade(st.when.grade, [...path, "when", "grade"]);
      if ("flag" in st.when && !raised.has(st.when.flag))
        push(
          issue("W_UNREACHABLE", [...path, "when", "flag"], {
            detail: `no rule raises the flag "${st.when.flag}", so this streak never counts a period`,
          }),
        );
    });
  }
  const checkWindow = (w: { from: string; to: string } | undefined, path: PathSegment[]) => {
    if (!w) return;
    const from = parseDate(w.from);
    const to = parseDate(w.to);
    if (from === null)
      push(issue("E_DATE", [...path, "from"], { detail: `${w.from} is not a real date` }));
    if (to === null)
      push(issue("E_DATE", [...path, "to"], { detail: `${w.to} is not a real date` }));
    if (from !== null && to !== null && from > to)
      push(issue("E_RANGE", path, { what: "window", min: w.from, max: w.to }));
    if (from !== null && to !== null && to - from > MAX_WINDOW_DAYS)
      push(
        issue("E_INVALID", path, {
          detail: `a window may span at most ${MAX_WINDOW_DAYS} days (about 30 years)`,
        }),
      );
  };
  checkWindow(rs.window, ["window"]);
  visitNodes(rs, ({ node, path }) => checkWindow(node.window, [...path, "window"]));
  if (rs.effective) {
    if (parseDate(rs.effective.from) === null)
      push(
        issue("E_DATE", ["effective", "from"], {
          detail: `${rs.effective.from} is not a real date`,
        }),
      );
    else if (rs.effective.to !== undefined) {
      const to = parseDate(rs.effective.to);
      if (to === null)
        push(
          issue("E_DATE", ["effective", "to"], {
            detail: `${rs.effective.to} is not a real date`,
          }),
        );
      else if (to < (parseDate(rs.effective.from) as number))
        push(
          issue("E_RANGE", ["effective"], {
            what: "effective",
            min: rs.effective.from,
            max: rs.effective.to,
          }),
        );
    }
  }
  if (rs.combine) {
    const walkParts = (parts: readonly CombinePartInput[], path: PathSegment[]) => {
      const seen = new Set<string>();
      let sum = d(0);
      parts.forEach((p, i) => {
        if (seen.has(p.id))
          push(issue("E_DUPLICATE_ID", [...path, i, "id"], { id: p.id, first: "an earlier part" }));
        seen.add(p.id);
        sum = sum.plus(d(p.percent));
        if (d(p.percent).isNegative())
          push(
            issue("E_OUT_OF_RANGE", [...path, i, "percent"], {
              what: "a weight",
              min: "0",
              max: "100",
            }),
          );
        if (p.parts && p.given)
          push(
            issue("E_EXCLUSIVE", [...path, i], {
              detail: "a part is either given or made of sub-parts",
            }),
          );
        if (p.parts) walkParts(p.parts, [...path, i, "parts"]);
      });
      if (!sum.equals(100)) push(issue("W_WEIGHTS", path, { sum: dstr(sum) }));
    };
    walkParts(rs.combine.parts, ["combine", "parts"]);
    checkRef(rs.combine.ref, ["combine"]);
  }
  let opensBonus = false;
  rs.gates?.forEach((g, i) => {
    const path = ["gates", i];
    ruleId(g.id, path);
    checkRef(g.ref, path);
    if ([g.gt, g.gte, g.lt, g.lte].every((x) => x === undefined))
      push(issue("E_REQUIRED", path, { key: "lt" }));
    if (g.grade !== undefined) checkGrade(g.grade, [...path, "grade"]);
    if (g.opens === "bonus") opensBonus = true;
    if (g.opens === undefined && g.grade === undefined && g.flag === undefined && g.stop !== true)
      push(
        issue("E_NEEDS_ONE_OF", path, {
          detail: "a gate needs at least one of grade, flag, stop, opens",
        }),
      );
  });
  rs.adjustments?.forEach((a, i) => {
    if (a.stage === "bonus" && !opensBonus)
      push(
        issue("W_UNREACHABLE", ["adjustments", i, "stage"], {
          detail: "no gate opens the bonus stage",
        }),
      );
  });
  rs.parameters?.forEach((p, i) => {
    if (p.min !== undefined && p.max !== undefined && d(p.min).greaterThan(d(p.max)))
      push(
        issue("E_RANGE", ["parameters", i], {
          what: `parameter "${p.id}"`,
          min: String(p.min),
          max: String(p.max),
        }),
      );
  });
  rs.grades?.bands?.forEach((b, i) => {
    const path = ["grades", "bands", i];
    checkGrade(b.grade, [...path, "grade"]);
    if (b.gte !== undefined && b.gt !== undefined)
      push(issue("E_EXCLUSIVE", path, { detail: "give gte or gt, not both" }));
    const bound = b.gte ?? b.gt;
    const prevBand = rs.grades?.bands?.[i - 1];
    const prev = prevBand ? (prevBand.gte ?? prevBand.gt) : undefined;
    if (prevBand && prev === undefined)
      push(
        issue("W_UNREACHABLE", path, {
          detail: "an earlier band with no bound catches every total",
        }),
      );
    else if (bound !== undefined && prev !== undefined && d(bound).greaterThan(d(prev)))
      push(issue("E_ORDER", path, { detail: "bands must go downwards (best first)" }));
  });
  // The cohort section: what it computes and reads must exist, and count as used.
  const co = rs.cohort;
  if (co) {
    const cp = ["cohort"];
    co.facts?.forEach((cf, i) => {
      const path = [...cp, "facts", i];
      checkRef(cf.ref, path);
      const decl = factById.get(cf.id);
      if (!decl) push(issue("E_UNDECLARED_FACT", [...path, "id"], { fact: cf.id }));
      if ("itemShare" in cf.compute) {
        const c = cf.compute.itemShare;
        const src = useFact(
          c.fact,
          [...path, "compute", "itemShare", "fact"],
          ["findings"],
          "as a cohort share",
        );
        for (const k of [c.kind, c.unitKind])
          if (src?.kinds && !src.kinds.includes(k))
            push(
              issue("E_UNKNOWN_REF", [...path, "compute", "itemShare"], {
                kind: `kind of ${c.fact}`,
                id: k,
              }),
            );
        if (decl && decl.type !== "count")
          push(
            issue("E_FACT_KIND", [...path, "id"], {
              fact: cf.id,
              type: decl.type,
              use: "to receive a count of items (declare it a count)",
            }),
          );
      } else {
        useFact(cf.compute.mean, [...path, "compute", "mean"], NUMERIC_FACTS, "as a cohort mean");
        if (decl && !NUMERIC_FACTS.has(decl.type))
          push(
            issue("E_FACT_KIND", [...path, "id"], {
              fact: cf.id,
              type: decl.type,
              use: "to receive a mean (declare it a number)",
            }),
          );
      }
    });
    co.ranking.breakBy?.forEach((id, i) => {
      if (!nodeIds.has(id))
        push(issue("E_UNKNOWN_REF", [...cp, "ranking", "breakBy", i], { kind: "node", id }));
    });
    if (co.ranking.breakBy?.length && co.ranking.ties !== "break")
      push(
        issue("W_UNREACHABLE", [...cp, "ranking", "breakBy"], {
          detail: "breakBy is read only with ties: break",
        }),
      );
    co.outcomes?.forEach((o, i) => {
      ruleId(o.id, [...cp, "outcomes", i]);
      checkRef(o.ref, [...cp, "outcomes", i]);
      checkCats({ only: o.categories ?? [] }, [...cp, "outcomes", i]);
    });
    co.facts?.forEach((cf, i) => checkCats({ only: cf.categories ?? [] }, [...cp, "facts", i]));
    co.quotas?.forEach((q, i) => {
      const path = [...cp, "quotas", i];
      ruleId(q.id, path);
      checkRef(q.ref, path);
      checkGrade(q.grade, [...path, "grade"]);
      checkGrade(q.demoteTo, [...path, "demoteTo"]);
      if (d(q.maxPercent).isNegative() || d(q.maxPercent).greaterThan(100))
        push(
          issue("E_OUT_OF_RANGE", [...path, "maxPercent"], {
            what: "a quota",
            min: "0",
            max: "100",
          }),
        );
    });
    co.linked?.forEach((l, i) => {
      const path = [...cp, "linked", i];
      ruleId(l.id, path);
      checkRef(l.ref, path);
      if (!catIds.has(l.category))
        push(issue("E_UNKNOWN_REF", [...path, "category"], { kind: "category", id: l.category }));
      const sum = d(l.own).plus(d(l.children));
      if (!sum.equals(100)) push(issue("W_WEIGHTS", path, { sum: dstr(sum) }));
    });
    if (co.convert) {
      checkRef(co.convert.ref, [...cp, "convert"]);
      if (ruleSetPoints(rs, categories[0] ?? null).lessThanOrEqualTo(0))
        push(
          issue("E_INVALID", [...cp, "convert"], {
            detail:
              "a score out of 0 points (an open-ended system) cannot be converted in proportion",
          }),
        );
    }
    if (co.comparison?.rankChange)
      checkRef(co.comparison.rankChange.ref, [...cp, "comparison", "rankChange"]);
  }
  rs.facts.forEach((f, i) => {
    if (!usedFacts.has(f.id)) push(issue("W_UNUSED_FACT", ["facts", i], { fact: f.id }));
  });
  return out;
}

/** The most a clause can take: its cap (an error if above the points) or its amount (a warning). */
function clauseCap(cl: ClauseInput): { value: Decimal; isCap: boolean; key: string } | undefined {
  if (cl.type === "check" && cl.points !== undefined)
    return { value: toDecimal(cl.points), isCap: true, key: "points" };
  if ((cl.type === "per" || cl.type === "step") && cl.cap !== undefined)
    return { value: toDecimal(cl.cap), isCap: true, key: "cap" };
  if (cl.type === "range") return { value: toDecimal(cl.max), isCap: false, key: "max" };
  if (cl.type === "tally" && cl.cap !== undefined)
    return { value: toDecimal(cl.cap), isCap: true, key: "cap" };
  if (cl.type === "fixed") return { value: toDecimal(cl.amount), isCap: false, key: "amount" };
  if (cl.type === "override" && cl.amount !== undefined)
    return { value: toDecimal(cl.amount), isCap: false, key: "amount" };
  return undefined;
}

type FactLookup = (
  id: string,
) => { type: string; min?: number | string; max?: number | string } | undefined;

/**
 * Finds a conjunction that can never hold: a number bounded to an empty interval (also against
 * the fact's declared range), or a boolean required both true and false.
 */
function contradiction(c: Condition, fact: FactLookup): string | null {
  const lo = new Map<string, { v: Decimal; strict: boolean }>();
  const hi = new Map<string, { v: Decimal; strict: boolean }>();
  const bools = new Map<string, boolean | string>();
  const eqs = new Map<string, Decimal>();
  const conj: Condition[] = [];
  const flatten = (x: Condition) => {
    if (typeof x === "object" && "all" in x) x.all.forEach(flatten);
    else conj.push(x);
  };
  flatten(c);
  const tighten = (
    m: typeof lo,
    id: string,
    v: Decimal,
    strict: boolean,
    better: (a: Decimal, b: Decimal) => boolean,
  ) => {
    const cur = m.get(id);
    if (!cur || better(v, cur.v) || (v.equals(cur.v) && strict)) m.set(id, { v, strict });
  };
  for (const x of conj) {
    if (typeof x === "string" || "is" in x) {
      const id = typeof x === "string" ? x : x.fact;
      const want = typeof x === "string" ? true : x.is;
      if (bools.has(id) && bools.get(id) !== want)
        return `"${id}" must be both ${String(bools.get(id))} and ${String(want)}`;
      bools.set(id, want);
      continue;
    }
    if (!("fact" in x)) continue;
    const id = x.fact;
    const decl = fact(id);
    if (decl?.min !== undefined)
      tighten(lo, id, toDecimal(decl.min), false, (a, b) => a.greaterThan(b));
    if (decl?.max !== undefined)
      tighten(hi, id, toDecimal(decl.max), false, (a, b) => a.lessThan(b));
    if (decl?.type === "rate") {
      tighten(lo, id, toDecimal(0), false, (a, b) => a.greaterThan(b));
      tighten(hi, id, toDecimal(100), false, (a, b) => a.lessThan(b));
    }
    if (decl?.type === "count") tighten(lo, id, toDecimal(0), false, (a, b) => a.greaterThan(b));
    const num = (v: unknown) =>
      typeof v === "number" || typeof v === "string" ? toDecimal(v) : null;
    const gt = num(x.gt);
    const gte = num(x.gte);
    const lt = num(x.lt);
    const lte = num(x.lte);
    const eq = num(x.eq);
    if (gt) tighten(lo, id, gt, true, (a, b) => a.greaterThan(b));
    if (gte) tighten(lo, id, gte, false, (a, b) => a.greaterThan(b));
    if (lt) tighten(hi, id, lt, true, (a, b) => a.lessThan(b));
    if (lte) tighten(hi, id, lte, false, (a, b) => a.lessThan(b));
    if (eq) {
      const prev = eqs.get(id);
      if (prev && !prev.equals(eq)) return `"${id}" must equal both ${dstr(prev)} and ${dstr(eq)}`;
      eqs.set(id, eq);
      tighten(lo, id, eq, false, (a, b) => a.greaterThan(b));
      tighten(hi, id, eq, false, (a, b) => a.lessThan(b));
    }
  }
  for (const [id, l] of lo) {
    const h = hi.get(id);
    if (!h) continue;
    if (l.v.greaterThan(h.v) || (l.v.equals(h.v) && (l.strict || h.strict)))
      return `no value of "${id}" is ${l.strict ? "above" : "at least"} ${dstr(l.v)} and ${h.strict ? "below" : "at most"} ${dstr(h.v)}`;
  }
  return null;
}
