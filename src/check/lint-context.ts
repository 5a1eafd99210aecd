import { type Decimal, dstr, toDecimal } from "../decimal.js";
import { formatPath, issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import type { Condition, FactDeclInput, RuleSetInput } from "../schema/ruleset.js";
import { conditionFacts, visitNodes } from "../schema/walk.js";
import { contradiction, operatorlessComparisons } from "./lint-conditions.js";

/** A lint finding, plus the key to point at when it concerns a key rather than a value. */
export interface LintIssue {
  issue: KaoheIssue;
  key?: string;
}

/** The fact types a numeric comparison or amount may read. */
export const NUMERIC_FACTS: ReadonlySet<string> = new Set(["count", "number", "rate", "amount"]);

/** The fact types a use allows. */
export type FactTypes = ReadonlySet<string> | readonly string[];

/** Whether a fact of this type may serve a use. */
export const allows = (types: FactTypes, type: string): boolean =>
  "has" in types ? types.has(type) : types.includes(type);

/** Shorthand: a rule-set number as a Decimal. */
export const d = (v: number | string): Decimal => toDecimal(v);

/** One id namespace: the second use of an id is a duplicate, pointing at the first. */
class IdSpace {
  private readonly seen = new Map<string, PathSegment[]>();
  constructor(private readonly ctx: LintContext) {}
  claim(id: string, path: PathSegment[]): void {
    const first = this.seen.get(id);
    if (first)
      this.ctx.push(issue("E_DUPLICATE_ID", [...path, "id"], { id, first: formatPath(first) }));
    else this.seen.set(id, path);
  }
}

/**
 * What every lint phase shares: the rule set, the names it declares, the issues found so far (in
 * the order found) and the checks of a reference, a category, a grade, a fact and a condition.
 */
export class LintContext {
  readonly issues: LintIssue[] = [];
  readonly docIds: ReadonlySet<string>;
  readonly catIds: ReadonlySet<string>;
  /** The categories the tree is checked for: each declared one, or null when there are none. */
  readonly categories: (string | null)[];
  readonly measureIds: readonly string[];
  /** The first measure: the points every tree clause counts in. */
  readonly pointsMeasure: string;
  readonly grades: readonly string[];
  readonly factById: ReadonlyMap<string, FactDeclInput>;
  readonly nodeIds: ReadonlySet<string>;
  /** The facts some rule reads; what is left at the end is unused. */
  readonly usedFacts = new Set<string>();
  /** One namespace for rules: nodes, clauses, adjustments, thresholds, gates, streaks, … */
  private readonly ruleIds = new IdSpace(this);
  /** Operatorless comparisons already reported (a condition may be checked from two places). */
  private readonly bareSeen = new Set<string>();

  constructor(readonly rs: RuleSetInput) {
    this.docIds = new Set(rs.documents.map((x) => x.id));
    this.catIds = new Set((rs.categories ?? []).map((x) => x.id));
    this.categories = this.catIds.size ? [...this.catIds] : [null];
    this.measureIds = (rs.measures ?? [{ id: "points" }]).map((m) => m.id);
    this.pointsMeasure = this.measureIds[0] as string;
    this.grades = rs.grades?.order ?? [];
    this.factById = new Map(rs.facts.map((f) => [f.id, f]));
    const nodeIds = new Set<string>();
    visitNodes(rs, ({ node }) => nodeIds.add(node.id));
    this.nodeIds = nodeIds;
  }

  push(i: KaoheIssue, key?: string): void {
    this.issues.push(key ? { issue: i, key } : { issue: i });
  }

  /** A fresh id namespace (documents, categories, facts, …). */
  idSpace(): IdSpace {
    return new IdSpace(this);
  }

  /** A rule: its id in the rules' namespace, and the document it cites. */
  rule(x: { id: string; ref?: { doc: string } | undefined }, path: PathSegment[]): void {
    this.ruleIds.claim(x.id, path);
    this.checkRef(x.ref, path);
  }

  checkRef(ref: { doc: string } | undefined, path: PathSegment[]): void {
    if (ref && !this.docIds.has(ref.doc))
      this.push(
        issue("E_UNKNOWN_REF", [...path, "ref", "doc"], {
          kind: "依据文件",
          id: ref.doc,
          hint: "文件须在 documents 中声明",
        }),
      );
  }

  checkCats(x: { only?: string[]; except?: string[] }, path: PathSegment[]): void {
    for (const key of ["only", "except"] as const)
      x[key]?.forEach((c, i) => {
        if (!this.catIds.has(c))
          this.push(issue("E_UNKNOWN_REF", [...path, key, i], { kind: "类别", id: c }));
      });
  }

  checkGrade(g: string, path: PathSegment[]): void {
    if (!this.grades.includes(g))
      this.push(
        issue("E_UNKNOWN_REF", path, { kind: "等次", id: g, hint: "等次须在 grades.order 中声明" }),
      );
  }

  /** A minimum above a maximum. */
  checkRange(
    what: string,
    min: number | string | undefined,
    max: number | string | undefined,
    path: PathSegment[],
  ): void {
    if (min !== undefined && max !== undefined && d(min).greaterThan(d(max)))
      this.push(issue("E_RANGE", path, { what, min: String(min), max: String(max) }));
  }

  /** A percentage outside 0–100. */
  checkPercent(v: number | string, path: PathSegment[], what: string): void {
    if (d(v).isNegative() || d(v).greaterThan(100))
      this.push(issue("E_OUT_OF_RANGE", path, { what, min: "0", max: "100" }));
  }

  /** Weights that do not add up to 100 (a warning: the total is then out of another base). */
  checkWeights(sum: Decimal, path: PathSegment[]): void {
    if (!sum.equals(100)) this.push(issue("W_WEIGHTS", path, { sum: dstr(sum) }));
  }

  /** A kind a rule names that its findings fact does not declare. */
  checkKind(
    decl: FactDeclInput | undefined,
    fact: string,
    kind: string | undefined,
    path: PathSegment[],
    key?: string,
  ): void {
    if (kind !== undefined && decl?.kinds && !decl.kinds.includes(kind))
      this.push(
        issue("E_UNKNOWN_REF", path, { kind: `事实 "${fact}" 的种类(kinds)`, id: kind }),
        key,
      );
  }

  /** Counts a use of a fact; checks it is declared and of a type the use allows. */
  useFact(
    fact: string,
    path: PathSegment[],
    allowed: FactTypes,
    use: string,
  ): FactDeclInput | undefined {
    this.usedFacts.add(fact);
    const decl = this.factById.get(fact);
    if (!decl) {
      this.push(issue("E_UNDECLARED_FACT", path, { fact }));
      return undefined;
    }
    if (!allows(allowed, decl.type))
      this.push(issue("E_FACT_KIND", path, { fact, type: decl.type, use }));
    return decl;
  }

  /** A condition: the facts it reads, comparisons with no operator, and a contradiction. */
  checkCondition(c: Condition, path: PathSegment[]): void {
    for (const u of conditionFacts(c, path)) {
      if (u.use === "boolean") this.useFact(u.fact, u.path, ["boolean"], "用作是非条件");
      else if (u.use === "choice") {
        const decl = this.useFact(u.fact, u.path, ["choice"], "与文字比较(is)");
        if (decl?.options && u.value !== undefined && !decl.options.includes(u.value))
          this.push(
            issue("E_UNKNOWN_REF", u.path, { kind: `事实 "${u.fact}" 的选项`, id: u.value }),
          );
      } else this.useFact(u.fact, u.path, NUMERIC_FACTS, "用于数值比较");
    }
    // `{ fact: rate }` with the operator forgotten would hold for every unit.
    for (const { fact, path: at } of operatorlessComparisons(c, path)) {
      const key = JSON.stringify(at);
      if (!this.bareSeen.has(key)) this.push(issue("E_NO_OPERATOR", at, { fact }));
      this.bareSeen.add(key);
    }
    const why = contradiction(c, (id) => this.factById.get(id));
    if (why) this.push(issue("E_CONTRADICTION", path, { detail: why }));
  }
}

/** A comparison (a threshold, a gate) that states no bound at all. */
export const unbounded = (x: { gt?: unknown; gte?: unknown; lt?: unknown; lte?: unknown }) =>
  [x.gt, x.gte, x.lt, x.lte].every((v) => v === undefined);
