import { isDecimalLike } from "../decimal.js";
import { issue, type PathSegment } from "../errors/issue.js";
import type { FactDeclInput } from "../schema/ruleset.js";
import { d, type LintContext, NUMERIC_FACTS } from "./lint-context.js";

/** Each fact's declaration: its range, options and kinds, and a default that fits them. */
export function lintFactDeclarations(ctx: LintContext): void {
  ctx.rs.facts.forEach((f, i) => {
    const path = ["facts", i];
    factRange(ctx, f, path);
    factDefault(ctx, f, path);
  });
}

/** The range (min, max) a fact may declare, and the options and kinds its type needs. */
function factRange(ctx: LintContext, f: FactDeclInput, path: PathSegment[]): void {
  ctx.checkRange(`事实 "${f.id}"`, f.min, f.max, path);
  if (f.type === "amount" && (f.min === undefined || f.max === undefined))
    ctx.push(issue("E_REQUIRED", path, { key: f.min === undefined ? "min" : "max" }));
  if (
    (f.min !== undefined || f.max !== undefined) &&
    (f.type === "boolean" || f.type === "findings")
  )
    ctx.push(
      issue("E_FACT_DECLARATION", path, { detail: `${f.type} 类型的事实不能写 min 或 max` }),
    );
  for (const key of ["kinds", "subjects", "links", "tags"] as const)
    if (f[key] && f.type !== "findings")
      ctx.push(
        issue("E_FACT_DECLARATION", path, { detail: `只有问题清单(findings)事实才能写 ${key}` }),
        key,
      );
  if (f.subjects && new Set(f.subjects).size !== f.subjects.length)
    ctx.push(
      issue("E_FACT_DECLARATION", [...path, "subjects"], { detail: "subjects 中有对象重复列出" }),
    );
  if (f.links && f.type === "findings") factLinks(ctx, f, f.links, [...path, "links"]);
}

/**
 * A findings fact whose findings link to another's (`of`): the fact linked to is a declared
 * findings fact, and the kinds allowed per kind are kinds of the two facts.
 */
function factLinks(
  ctx: LintContext,
  f: FactDeclInput,
  links: NonNullable<FactDeclInput["links"]>,
  path: PathSegment[],
): void {
  const target = ctx.useFact(
    links.fact,
    [...path, "fact"],
    ["findings"],
    "作为关联的事实(links.fact)",
  );
  if (!links.kinds) return;
  if (!f.kinds) ctx.push(issue("E_REQUIRED", path.slice(0, -1), { key: "kinds" }));
  if (target && target.type === "findings" && !target.kinds)
    ctx.push(issue("E_REQUIRED", ["facts", ctx.rs.facts.indexOf(target)], { key: "kinds" }));
  for (const [kind, to] of Object.entries(links.kinds)) {
    ctx.checkKind(f, f.id, kind, [...path, "kinds"], kind);
    for (const k of to) ctx.checkKind(target, links.fact, k, [...path, "kinds", kind]);
  }
}

/** A default within the fact's range, among its options, and of its type. */
function factDefault(ctx: LintContext, f: FactDeclInput, path: PathSegment[]): void {
  const at = [...path, "default"];
  const wrong = (detail: string) => ctx.push(issue("E_FACT_DECLARATION", at, { detail }));
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
      wrong(`default ${String(f.default)} 超出了事实的范围(min、max)`);
  }
  if (
    f.type === "choice" &&
    f.default !== undefined &&
    !(f.options ?? []).includes(String(f.default))
  )
    wrong(`default "${String(f.default)}" 不在 options 之中`);
  if (f.type === "choice" && !f.options) ctx.push(issue("E_REQUIRED", path, { key: "options" }));
  if (f.default === undefined) return;
  if (f.type === "series" || f.type === "findings")
    wrong(`${f.type} 类型的事实不能写 default;没有填写时按 0 计,请写 missing: zero`);
  else if (NUMERIC_FACTS.has(f.type) && !isDecimalLike(f.default))
    ctx.push(issue("E_TYPE", at, { expected: "十进制数字", received: JSON.stringify(f.default) }));
  if ((typeof f.default === "boolean") !== (f.type === "boolean") || f.type === "findings")
    wrong(`default 与事实的类型 ${f.type} 不符`);
}

/** Parameters declare their range like facts. */
export function lintParameterRanges(ctx: LintContext): void {
  ctx.rs.parameters?.forEach((p, i) => {
    ctx.checkRange(`参数 "${p.id}"`, p.min, p.max, ["parameters", i]);
  });
}

/**
 * The readings in force (`reading`, set by composition) are readings the rule set declares, at
 * most one per ambiguous clause.
 */
export function lintReadingsInForce(ctx: LintContext): void {
  const clauseOf = new Map<string, string>();
  for (const c of ctx.rs.readings ?? []) for (const o of c.options) clauseOf.set(o.id, c.id);
  const seen = new Map<string, string>();
  ctx.rs.reading?.forEach((id, i) => {
    const clause = clauseOf.get(id);
    if (clause === undefined)
      ctx.push(
        issue("E_READING_UNKNOWN", ["reading", i], {
          reading: id,
          allowed: [...clauseOf.keys()].join("、") || "(没有声明解读)",
        }),
      );
    else if (seen.has(clause))
      ctx.push(
        issue("E_READING_CONFLICT", ["reading", i], {
          detail: `"${seen.get(clause)}" 与 "${id}" 都是对 ${clause} 的解读,只能选一个`,
        }),
      );
    else seen.set(clause, id);
  });
}

/** A fact no rule reads. */
export function lintUnusedFacts(ctx: LintContext): void {
  ctx.rs.facts.forEach((f, i) => {
    if (!ctx.usedFacts.has(f.id)) ctx.push(issue("W_UNUSED_FACT", ["facts", i], { fact: f.id }));
  });
}
