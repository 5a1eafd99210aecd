import { type Decimal, toDecimal } from "../decimal.js";
import type { PathSegment } from "../errors/issue.js";
import type { ClauseInput, Condition, NodeInput, RuleSetInput } from "./ruleset.js";

/** A node of the tree with where it sits. */
export interface NodeVisit {
  node: NodeInput;
  path: PathSegment[];
  depth: number;
  parent: NodeInput | null;
}

/** Visits every tree node, parents before children. */
export function visitNodes(rs: RuleSetInput, fn: (v: NodeVisit) => void): void {
  const go = (nodes: NodeInput[], path: PathSegment[], depth: number, parent: NodeInput | null) => {
    nodes.forEach((node, i) => {
      const p = [...path, i];
      fn({ node, path: p, depth, parent });
      if (node.children) go(node.children, [...p, "children"], depth + 1, node);
    });
  };
  go(rs.tree, ["tree"], 1, null);
}

/** A clause with where it sits: in a node, in an adjustment item or among the vetoes. */
export interface ClauseVisit {
  clause: ClauseInput;
  path: PathSegment[];
  owner: { kind: "node"; node: NodeInput } | { kind: "adjustment"; id: string } | { kind: "veto" };
}

export function visitClauses(rs: RuleSetInput, fn: (v: ClauseVisit) => void): void {
  visitNodes(rs, ({ node, path }) => {
    node.clauses?.forEach((clause, i) =>
      fn({ clause, path: [...path, "clauses", i], owner: { kind: "node", node } }),
    );
  });
  rs.adjustments?.forEach((a, ai) => {
    a.clauses.forEach((clause, i) =>
      fn({
        clause,
        path: ["adjustments", ai, "clauses", i],
        owner: { kind: "adjustment", id: a.id },
      }),
    );
  });
  rs.vetoes?.forEach((clause, i) => fn({ clause, path: ["vetoes", i], owner: { kind: "veto" } }));
}

/** The facts a condition reads, with the path of each use. */
export function conditionFacts(
  c: Condition,
  path: PathSegment[],
  out: {
    fact: string;
    path: PathSegment[];
    use: "boolean" | "number" | "choice";
    value?: string;
  }[] = [],
) {
  if (typeof c === "string") out.push({ fact: c, path, use: "boolean" });
  else if ("all" in c) c.all.forEach((x, i) => conditionFacts(x, [...path, "all", i], out));
  else if ("any" in c) c.any.forEach((x, i) => conditionFacts(x, [...path, "any", i], out));
  else if ("not" in c) conditionFacts(c.not, [...path, "not"], out);
  else if ("is" in c)
    out.push(
      typeof c.is === "string"
        ? { fact: c.fact, path: [...path, "fact"], use: "choice", value: c.is }
        : { fact: c.fact, path: [...path, "fact"], use: "boolean" },
    );
  else {
    out.push({ fact: c.fact, path: [...path, "fact"], use: "number" });
    for (const op of ["gt", "gte", "lt", "lte", "eq", "ne"] as const) {
      const v = c[op];
      if (v !== undefined && typeof v === "object")
        out.push({ fact: v.fact, path: [...path, op, "fact"], use: "number" });
    }
  }
  return out;
}

/** Whether a node or clause with `only`/`except` exists for a category (null: no categories). */
export function appliesTo(
  x: { only?: string[]; except?: string[] },
  category: string | null,
): boolean {
  if (category === null) return true;
  if (x.only && !x.only.includes(category)) return false;
  if (x.except?.includes(category)) return false;
  return true;
}

/**
 * A node's points for a category: its own, its category's (pointsBy), or — when it states none —
 * the sum of its applicable children's.
 */
export function nodePoints(n: NodeInput, category: string | null): Decimal {
  const own =
    category !== null && n.pointsBy?.[category] !== undefined ? n.pointsBy[category] : n.points;
  if (own !== undefined) return toDecimal(own);
  let sum = toDecimal(0);
  for (const k of n.children ?? [])
    if (appliesTo(k, category)) sum = sum.plus(nodePoints(k, category));
  return sum;
}

/** The full score for a category: the stated one, or the sum of the level-1 nodes. */
export function ruleSetPoints(rs: RuleSetInput, category: string | null): Decimal {
  if (rs.points !== undefined) return toDecimal(rs.points);
  let sum = toDecimal(0);
  for (const n of rs.tree) if (appliesTo(n, category)) sum = sum.plus(nodePoints(n, category));
  return sum;
}
