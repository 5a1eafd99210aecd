/**
 * The checks of derived facts (`derive:` on a fact's declaration): exactly one operation, the
 * fields that belong to it, inputs declared and numeric, a ratio's division by zero stated, a
 * rate derived in percent, no fact read by itself through other derived facts, and no derived
 * fact where the cohort would need a unit's given value.
 */
import { issue, type PathSegment } from "../errors/issue.js";
import { DERIVE_OPS, deriveInputs, deriveOp } from "../schema/derive.js";
import type { DeriveInput, FactDeclInput } from "../schema/ruleset.js";
import { type LintContext, NUMERIC_FACTS } from "./lint-context.js";

/** What a derived fact's declaration may not carry: it is computed, never given. */
const GIVEN_ONLY = ["default", "missing", "scale", "options", "kinds"] as const;

export function lintDerived(ctx: LintContext): void {
  const derived = new Map<string, { f: FactDeclInput; path: PathSegment[] }>();
  ctx.rs.facts.forEach((f, i) => {
    if (f.derive) derived.set(f.id, { f, path: ["facts", i] });
  });
  if (!derived.size) return;
  for (const { f, path } of derived.values()) declaration(ctx, f, f.derive as DeriveInput, path);
  cycles(ctx, derived);
  // A cohort figure reads what units give: a derived fact is computed later, per unit.
  const typeOf = (id: string) => `${derived.get(id)?.f.type},由 derive 算出`;
  ctx.rs.cohort?.facts?.forEach((cf, i) => {
    const at: PathSegment[] = ["cohort", "facts", i];
    if (derived.has(cf.id))
      ctx.push(
        issue("E_FACT_KIND", [...at, "id"], {
          fact: cf.id,
          type: typeOf(cf.id),
          use: "作为由全体单位算出的事实(cohort.facts)",
        }),
      );
    const read = "mean" in cf.compute ? cf.compute.mean : cf.compute.itemShare.fact;
    if (derived.has(read))
      ctx.push(
        issue("E_FACT_KIND", [...at, "compute"], {
          fact: read,
          type: typeOf(read),
          use: "供全体计算读取;全体计算只读各单位填报的值",
        }),
      );
  });
}

function declaration(ctx: LintContext, f: FactDeclInput, d: DeriveInput, path: PathSegment[]) {
  const at = [...path, "derive"];
  const ops = DERIVE_OPS.filter((op) => d[op] !== undefined);
  if (ops.length === 0)
    ctx.push(
      issue("E_NEEDS_ONE_OF", at, {
        detail: `derive 须写以下运算之一:${DERIVE_OPS.join("、")}`,
      }),
    );
  if (ops.length > 1)
    ctx.push(issue("E_EXCLUSIVE", at, { detail: `derive 写了 ${ops.join("、")},只能写一个` }));
  const op = deriveOp(d);
  for (const k of ["percent", "ifZero", "round"] as const)
    if (d[k] !== undefined && op !== "ratio")
      ctx.push(issue("E_MISPLACED", [...at, k], { detail: `${k} 只用于 ratio` }));
  if (op === "ratio" && d.ifZero === undefined)
    ctx.push(
      issue("E_REQUIRED", at, { key: "ifZero" }),
      // The key to point at is the operation: ifZero is what is missing beside it.
      "ratio",
    );
  if (!NUMERIC_FACTS.has(f.type))
    ctx.push(
      issue("E_FACT_KIND", [...path, "type"], {
        fact: f.id,
        type: f.type,
        use: "由 derive 算出;派生事实只能是数值类型(count、number、rate、amount)",
      }),
    );
  if (f.type === "rate" && op !== undefined && !(op === "ratio" ? d.percent : ratesIn(ctx, d)))
    ctx.push(
      issue("E_FACT_DECLARATION", at, {
        detail:
          op === "ratio"
            ? "比率(rate)以百分数计:用 ratio 算出的比率须写 percent: true"
            : `用 ${op} 算出的比率只能读取比率(rate)事实`,
      }),
    );
  for (const k of GIVEN_ONLY)
    if (f[k] !== undefined)
      ctx.push(
        issue("E_FACT_DECLARATION", [...path, k], {
          detail: `派生事实由其他事实算出,不由单位填报,不能写 ${k}`,
        }),
      );
  deriveInputs(d).forEach((input, j) => {
    const where = op === "shortfall" || op === "excess" ? [op, j === 0 ? "of" : "quota"] : [op, j];
    const decl = ctx.useFact(
      input,
      [...at, ...(where as PathSegment[])],
      NUMERIC_FACTS,
      "用作 derive 的输入",
    );
    if (input === f.id && decl)
      ctx.push(issue("E_DERIVE_CYCLE", [...path, "derive"], { cycle: `${f.id} → ${f.id}` }));
  });
}

/** Whether every input of a derivation is a rate (a min, max, sum or difference of rates). */
function ratesIn(ctx: LintContext, d: DeriveInput): boolean {
  return deriveInputs(d).every((i) => ctx.factById.get(i)?.type === "rate");
}

/** A derived fact reading itself through others: one issue per cycle, at its first fact. */
function cycles(
  ctx: LintContext,
  derived: ReadonlyMap<string, { f: FactDeclInput; path: PathSegment[] }>,
): void {
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id)) return;
    if (onStack.has(id)) {
      const loop = stack.slice(stack.indexOf(id));
      // A fact reading itself directly is reported with its declaration.
      if (loop.length > 1) {
        const first = [...loop].sort()[0] as string;
        const at = derived.get(first)?.path ?? [];
        ctx.push(
          issue("E_DERIVE_CYCLE", [...at, "derive"], {
            cycle: [...loop, id].join(" → "),
          }),
        );
      }
      return;
    }
    const d = derived.get(id);
    if (!d) return;
    stack.push(id);
    onStack.add(id);
    for (const i of deriveInputs(d.f.derive as DeriveInput)) visit(i);
    stack.pop();
    onStack.delete(id);
    done.add(id);
  };
  for (const id of derived.keys()) visit(id);
}
