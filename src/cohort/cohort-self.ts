import type { CompiledRuleSet } from "../compile/compile.js";
import { type ScoreOptions, scoreUnit } from "../evaluate/evaluate.js";
import type { UnitOutcome, UnitResult } from "../evaluate/types.js";
import type { CohortUnitInput, CohortUnitResult } from "./types.js";

/** K8: the self-assessed result beside the verified one, item by item. */
export function selfReport(
  crs: CompiledRuleSet,
  u: CohortUnitInput,
  selfInput: NonNullable<CohortUnitInput["self"]>,
  verified: UnitResult,
  options: ScoreOptions,
): CohortUnitResult["self"] {
  const self: UnitOutcome = scoreUnit(
    crs,
    {
      id: u.id,
      ...(u.category ? { category: u.category } : {}),
      facts: selfInput.facts ?? {},
      ...(selfInput.parts ? { parts: selfInput.parts } : {}),
    },
    { ...options, trace: false },
  );
  // A self-assessment that cannot be scored is reported, not dropped.
  if (!self.ok) return { total: null, differences: [], totalDiff: null, issues: self.issues };
  const differences: NonNullable<CohortUnitResult["self"]>["differences"] = [];
  for (const [id, n] of Object.entries(verified.nodes)) {
    const s = self.nodes[id];
    if (s && !s.score.equals(n.score))
      differences.push({
        node: id,
        title: n.title,
        self: s.score,
        verified: n.score,
        diff: n.score.minus(s.score),
      });
  }
  return {
    total: self.total,
    differences,
    totalDiff: verified.total.minus(self.total),
    issues: [],
  };
}
