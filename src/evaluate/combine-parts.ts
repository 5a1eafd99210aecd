import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, dstr, isDecimalLike, roundTo, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import type { CombinePartInput } from "../schema/ruleset.js";
import { thresholdFlags } from "./common.js";
import type {
  PartInput,
  PartResult,
  TraceEntry,
  UnitInput,
  UnitOutcome,
  UnitResult,
} from "./types.js";

type ScoreOne = (
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: { trace?: boolean },
) => UnitOutcome;

/**
 * T1/T2: scores each part of a unit with the rule set (or takes its given score), then combines
 * the parts by their weights exactly, rounding only where the rule set says — once at the top,
 * and at a part only if that part states a rounding.
 */
export function scoreCombined(
  crs: CompiledRuleSet,
  unit: UnitInput,
  options: { trace?: boolean },
  scoreOne: ScoreOne,
): UnitOutcome {
  const category = unit.category ?? null;
  const spec = crs.source.combine;
  if (!spec)
    return {
      ok: false,
      unit: unit.id,
      category,
      issues: [
        issue("F_PARTS", ["parts"], {
          detail: "规则中没有 combine(分部分合成)一节,单位不能按部分填报",
        }),
      ],
    };
  const issues: KaoheIssue[] = [];
  if (Object.keys(unit.facts ?? {}).length)
    issues.push(
      issue("F_PARTS", ["facts"], {
        detail: "按部分填报的单位,事实写在各部分里面,不能写在 parts 旁边",
      }),
    );
  const leaves: UnitResult[] = [];
  const weights: Decimal[] = [];
  // Deductions and additions of the scored parts, weighted as their scores are.
  let deducted = ZERO;
  let added = ZERO;
  const trace: TraceEntry[] = [];
  const explain = options.trace !== false;
  const pm = crs.pointsMeasure;

  const combine = (
    specs: readonly CombinePartInput[],
    input: Record<string, PartInput> | undefined,
    path: PathSegment[],
    weight: Decimal,
  ): PartResult[] => {
    const given = input ?? {};
    // Sorted, so the report does not follow the order the parts were written in.
    for (const k of Object.keys(given).sort())
      if (!specs.some((p) => p.id === k))
        issues.push(issue("F_PARTS", [...path, k], { detail: `规则中没有名为 "${k}" 的部分` }));
    return specs.flatMap((p): PartResult[] => {
      const here = [...path, p.id];
      const inp = Object.hasOwn(given, p.id) ? given[p.id] : undefined;
      if (!inp) {
        issues.push(issue("F_PARTS", here, { detail: `缺少部分 "${p.id}"(${p.label})` }));
        return [];
      }
      const percent = toDecimal(p.percent);
      let score: Decimal;
      const out: Partial<PartResult> = {};
      if (p.parts) {
        const subs = combine(
          p.parts,
          inp.parts,
          [...here, "parts"],
          weight.times(percent).dividedBy(100),
        );
        score = subs.reduce((a, x) => a.plus(x.weighted), ZERO);
        out.parts = subs;
      } else if (p.given) {
        if (!isDecimalLike(inp.score)) {
          issues.push(
            issue("F_PARTS", [...here, "score"], {
              detail: `部分 "${p.id}" 须给出分数 score`,
            }),
          );
          return [];
        }
        score = toDecimal(inp.score);
        if (score.isNegative() || score.greaterThan(crs.points)) {
          issues.push(
            issue("F_PARTS", [...here, "score"], {
              detail: `部分 "${p.id}" 给出的分数 ${dstr(score)} 不在 0–${dstr(crs.points)} 之间`,
            }),
          );
          return [];
        }
        out.given = true;
      } else {
        if (!inp.facts) {
          issues.push(
            issue("F_PARTS", [...here, "facts"], { detail: `部分 "${p.id}" 须给出事实 facts` }),
          );
          return [];
        }
        const r = scoreOne(
          crs,
          { id: unit.id, ...(unit.category ? { category: unit.category } : {}), facts: inp.facts },
          options,
        );
        if (!r.ok) {
          for (const i of r.issues) issues.push({ ...i, path: [...here, ...i.path] });
          return [];
        }
        leaves.push(r);
        out.result = r;
        const w = weight.times(percent).dividedBy(100);
        weights.push(w);
        deducted = deducted.plus(r.deducted.times(w));
        added = added.plus(r.added.times(w));
        score = spec.partRounding === "policy" ? r.total : r.unrounded;
      }
      if (p.rounding) score = roundTo(score, p.rounding.places, p.rounding.mode);
      const weighted = score.times(percent).dividedBy(100);
      if (explain)
        trace.push({
          kind: "combine",
          rule: here.filter((x) => x !== "parts").join("."),
          node: null,
          measure: pm,
          text: spec.text,
          ref: {
            doc: spec.ref.doc,
            title: crs.documents.get(spec.ref.doc)?.title ?? spec.ref.doc,
            ...(spec.ref.at ? { at: spec.ref.at } : {}),
          },
          facts: {},
          detail: `${p.label}${dstr(score)}分×${dstr(percent)}%=${dstr(weighted)}分${out.given ? "(给定分数)" : ""}`,
        });
      return [{ id: p.id, label: p.label, percent, score, weighted, ...out } as PartResult];
    });
  };

  const parts = combine(spec.parts, unit.parts, ["parts"], toDecimal(1));
  if (issues.length) return { ok: false, unit: unit.id, category, issues };
  const exact = parts.reduce((a, x) => a.plus(x.weighted), ZERO);
  const total = roundTo(exact, spec.rounding.places, spec.rounding.mode);
  if (explain)
    trace.push({
      kind: "combine",
      rule: "combine",
      node: null,
      measure: pm,
      text: spec.text,
      facts: {},
      detail: `合计${dstr(exact)}分${total.equals(exact) ? "" : `,保留${spec.rounding.places}位小数为${dstr(total)}分`}`,
    });
  // Grades forced in any scored part carry over (the worst wins); bands read the combined total.
  const order = crs.grades?.order ?? [];
  let forced: string | null = null;
  for (const r of leaves)
    if (
      r.gradeSource === "override" &&
      r.grade &&
      (forced === null || order.indexOf(r.grade) > order.indexOf(forced))
    )
      forced = r.grade;
  let band: string | null = null;
  for (const b of crs.grades?.bands ?? [])
    if (
      b.bound === null ||
      (b.inclusive ? total.greaterThanOrEqualTo(b.bound) : total.greaterThan(b.bound))
    ) {
      band = b.grade;
      break;
    }
  const useForced =
    forced !== null &&
    (crs.gradePrecedence === "override" ||
      band === null ||
      order.indexOf(forced) >= order.indexOf(band));
  // Flags raised by rules in any part carry over; thresholds are read again on the combined score.
  const thresholdNames = new Set(crs.thresholds.map((t) => t.flag));
  const flags = [...new Set(leaves.flatMap((r) => r.flags.filter((f) => !thresholdNames.has(f))))];
  const result: UnitResult = {
    ok: true,
    unit: unit.id,
    category,
    total,
    unrounded: exact,
    parts,
    measures: combinedMeasures(crs, leaves, weights, total),
    deducted,
    added,
    nodes: {},
    grade: useForced ? forced : band,
    gradeSource: useForced ? "override" : band !== null ? "band" : null,
    flags,
    stopped: false,
    excluded: leaves.flatMap((r) => r.excluded),
    trace,
  };
  for (const { flag, entry } of thresholdFlags(crs, result)) {
    result.flags.push(flag);
    if (explain) result.trace.push(entry);
  }
  return result;
}

/** Measures other than points, weighted like the scores of the parts they come from. */
function combinedMeasures(
  crs: CompiledRuleSet,
  leaves: readonly UnitResult[],
  weights: readonly Decimal[],
  total: Decimal,
): Record<string, Decimal> {
  const out: Record<string, Decimal> = { [crs.pointsMeasure]: total };
  for (const m of crs.measures) {
    if (m.id === crs.pointsMeasure) continue;
    let v = ZERO;
    leaves.forEach((r, i) => {
      v = v.plus((r.measures[m.id] ?? ZERO).times(weights[i] as Decimal));
    });
    out[m.id] = m.rounding ? roundTo(v, m.rounding.places, m.rounding.mode) : v;
  }
  return out;
}
