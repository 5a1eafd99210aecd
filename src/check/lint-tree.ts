import { type Decimal, dstr, toDecimal } from "../decimal.js";
import { issue, type PathSegment } from "../errors/issue.js";
import type { ClauseInput, NodeInput } from "../schema/ruleset.js";
import { appliesTo, type NodeVisit, nodePoints, visitNodes } from "../schema/walk.js";
import { d, type LintContext } from "./lint-context.js";

/** The tree: each node's ids, references and shape, then its points for every category. */
export function lintTree(ctx: LintContext): void {
  visitNodes(ctx.rs, (v) => {
    nodeShape(ctx, v);
    for (const cat of ctx.categories) if (appliesTo(v.node, cat)) nodePointsFor(ctx, v, cat);
    if (v.node.pointsCheck === "exempt" && !v.node.pointsCheckReason)
      ctx.push(issue("E_REQUIRED", v.path, { key: "pointsCheckReason" }));
    if (ctx.categories.every((c) => !appliesTo(v.node, c)))
      ctx.push(issue("W_UNREACHABLE", v.path, { detail: `指标 "${v.node.id}" 不适用于任何类别` }));
  });
}

/** A node's id, source, categories, content and applicability. */
function nodeShape(ctx: LintContext, { node, path, parent }: NodeVisit): void {
  ctx.rule(node, path);
  ctx.checkCats(node, path);
  for (const c of Object.keys(node.pointsBy ?? {}))
    if (!ctx.catIds.has(c))
      ctx.push(issue("E_UNKNOWN_REF", [...path, "pointsBy"], { kind: "类别", id: c }), c);
  if (!node.children?.length && !node.clauses?.length && !node.given)
    ctx.push(issue("E_EMPTY_NODE", path, { node: node.id }));
  if (!node.children?.length && node.points === undefined)
    ctx.push(issue("E_REQUIRED", path, { key: "points" }));
  if (node.applicable !== undefined) {
    ctx.checkCondition(node.applicable, [...path, "applicable"]);
    // With a rescaled total (C17 rescale) the item's points leave the applicable total instead.
    if (!node.ifNotApplicable && !ctx.rs.rescale)
      ctx.push(issue("E_REQUIRED", path, { key: "ifNotApplicable" }));
  }
  // The points of a node that does not apply go to some of its siblings.
  const to = node.ifNotApplicable?.to;
  if (!to) return;
  const siblings = new Set(((parent?.children ?? ctx.rs.tree) as NodeInput[]).map((k) => k.id));
  to.forEach((t, ti) => {
    if (!siblings.has(t) || t === node.id)
      ctx.push(
        issue("E_UNKNOWN_REF", [...path, "ifNotApplicable", "to", ti], {
          kind: "同级指标",
          id: t,
        }),
      );
  });
}

/** A node's points for one category: not negative, above its caps, the sum of its children. */
function nodePointsFor(ctx: LintContext, { node, path, depth }: NodeVisit, cat: string | null) {
  const pts = nodePoints(node, cat);
  const suffix = cat === null ? "" : `(类别 ${cat})`;
  if (pts.isNegative())
    ctx.push(
      issue("E_NEGATIVE", [...path, "points"], {
        what: `分值 points${cat === null ? "" : `(类别 ${cat})`}`,
      }),
    );
  const overdraw = node.overdraw === true || (ctx.rs.policy.capScope === "top-level" && depth > 1);
  if (node.cap !== undefined && d(node.cap).greaterThan(pts) && !overdraw)
    ctx.push(
      issue("E_CAP_ABOVE_POINTS", [...path, "cap"], {
        what: `指标 "${node.id}"${suffix}`,
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
    ctx.push(
      issue("W_UNREACHABLE", [...path, "points"], {
        detail: `指标 "${node.id}" 的分值为 0 且没有写 overdraw,扣分改变不了得分;从 0 分起算的积分制写 overdraw: true`,
      }),
    );
  const kids = (node.children ?? []).filter((k) => appliesTo(k, cat));
  if (
    kids.length &&
    node.pointsCheck !== "exempt" &&
    (node.points !== undefined || node.pointsBy?.[cat ?? ""] !== undefined)
  ) {
    const sum = kids.reduce((a, k) => a.plus(nodePoints(k, cat)), d(0));
    if (!sum.equals(pts))
      ctx.push(
        issue("E_POINTS_SUM", [...path, "points"], {
          node: node.id,
          points: dstr(pts),
          sum: dstr(sum),
          category: suffix,
        }),
      );
  }
  if (!overdraw) clauseLimits(ctx, { node, path, cat, pts, suffix });
}

/** A node's points for one category, and how an issue names the category. */
interface NodeAtCategory {
  node: NodeInput;
  path: PathSegment[];
  cat: string | null;
  pts: Decimal;
  suffix: string;
}

/** A deduction clause that may take more than its node's points. */
function clauseLimits(ctx: LintContext, { node, path, cat, pts, suffix }: NodeAtCategory): void {
  for (const [ci, cl] of (node.clauses ?? []).entries()) {
    if (!appliesTo(cl, cat)) continue;
    const limit = clauseCap(cl);
    if (cl.effect === "add" || !limit || !limit.value.greaterThan(pts)) continue;
    const at = [...path, "clauses", ci, limit.key];
    const what = `条款 "${cl.id}"${suffix}`;
    ctx.push(
      limit.isCap
        ? issue("E_CAP_ABOVE_POINTS", at, { what, cap: dstr(limit.value), points: dstr(pts) })
        : issue("W_AMOUNT_ABOVE_POINTS", at, {
            what,
            amount: dstr(limit.value),
            points: dstr(pts),
          }),
    );
  }
}

/** The most a clause can take: its cap (an error if above the points) or its amount (a warning). */
function clauseCap(cl: ClauseInput): { value: Decimal; isCap: boolean; key: string } | undefined {
  if (cl.type === "check" && cl.points !== undefined)
    return { value: toDecimal(cl.points), isCap: true, key: "points" };
  if ((cl.type === "per" || cl.type === "step" || cl.type === "tally") && cl.cap !== undefined)
    return { value: toDecimal(cl.cap), isCap: true, key: "cap" };
  if (cl.type === "range") return { value: toDecimal(cl.max), isCap: false, key: "max" };
  if (cl.type === "fixed") return { value: toDecimal(cl.amount), isCap: false, key: "amount" };
  if (cl.type === "override" && cl.amount !== undefined)
    return { value: toDecimal(cl.amount), isCap: false, key: "amount" };
  return undefined;
}

/** The full score: the level-1 nodes add up to the stated points, the same for every category. */
export function lintFullScore(ctx: LintContext): void {
  const { rs } = ctx;
  const totals = new Set<string>();
  for (const cat of ctx.categories) {
    const sum = rs.tree
      .filter((n) => appliesTo(n, cat))
      .reduce((a, n) => a.plus(nodePoints(n, cat)), d(0));
    totals.add(dstr(sum));
    if (rs.points !== undefined && !sum.equals(d(rs.points)))
      ctx.push(
        issue("E_POINTS_SUM", ["points"], {
          node: null,
          points: String(rs.points),
          sum: dstr(sum),
          category: cat === null ? "" : `(类别 ${cat})`,
        }),
      );
  }
  if (rs.points === undefined && totals.size > 1)
    ctx.push(
      issue("E_NEEDS_ONE_OF", [], {
        detail: `各类别的满分不同(${[...totals].join("、")}),请写明规则集的 points,以便逐类核对`,
      }),
    );
}
