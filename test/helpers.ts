import type { CohortFigure } from "../src/cohort/types.js";
import type { TraceEntry } from "../src/evaluate/types.js";
import { describeEntry, describeFigure } from "../src/explain/describe.js";
import {
  type CompiledRuleSet,
  compileRuleSet,
  type RuleSetInput,
  scoreUnit,
  type UnitInput,
  type UnitResult,
} from "../src/index.js";

/** A minimal valid rule set; tests override what they exercise. */
export function ruleSet(
  over: Partial<RuleSetInput> & Pick<RuleSetInput, "tree" | "facts" | "points">,
): RuleSetInput {
  return {
    kaohe: 1,
    id: "test/set",
    title: "测试",
    documents: [{ id: "doc", title: "测试文件" }],
    policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "error" },
    ...over,
  } as RuleSetInput;
}

export const ref = { doc: "doc", at: "第一条" };

export function compile(over: Parameters<typeof ruleSet>[0]): CompiledRuleSet {
  return compileRuleSet(ruleSet(over));
}

/** Scores and asserts the unit was scored. */
export function score(
  crs: CompiledRuleSet,
  facts: Record<string, unknown>,
  extra: Partial<UnitInput> = {},
): UnitResult {
  const r = scoreUnit(crs, { id: "u", facts, ...extra });
  if (!r.ok) throw new Error(`not scored: ${r.issues.map((i) => i.code).join(", ")}`);
  return r;
}

/** Decimals as their text, recursively, so that effects and results compare as plain data. */
export function plain(v: unknown): unknown {
  if (v && typeof v === "object" && "toFixed" in v && "isZero" in v)
    return (v as { toFixed(): string }).toFixed();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** The words of a trace entry or a cohort figure, as explain/ renders them; undefined for none. */
export function said(x: TraceEntry | CohortFigure | undefined | false | null): string | undefined {
  if (!x) return undefined;
  return "kind" in x ? describeEntry(x) : describeFigure(x);
}
