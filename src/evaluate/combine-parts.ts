import type { CCombine, CCombinePart, CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, dstr, isDecimalLike, roundTo, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import { thresholdFlags } from "./common.js";
import type { EngineEffect } from "./effects.js";
import { bandFor, forcedStands, worstGrade } from "./grade.js";
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

type CombineSpec = CCombine;

/** One unit's combination: what it reads, and what it gathers part by part. */
interface Combination {
  crs: CompiledRuleSet;
  spec: CombineSpec;
  unit: UnitInput;
  options: { trace?: boolean };
  scoreOne: ScoreOne;
  explain: boolean;
  issues: KaoheIssue[];
  /** The scored parts' results, and each one's weight in the total. */
  leaves: UnitResult[];
  weights: Decimal[];
  /** Deductions and additions of the scored parts, weighted as their scores are. */
  deducted: Decimal;
  added: Decimal;
  trace: TraceEntry[];
}

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
  const spec = crs.combine;
  if (!spec)
    return refused(unit, [
      issue("F_PARTS", ["parts"], {
        detail: "规则中没有 combine(分部分合成)一节,单位不能按部分填报",
      }),
    ]);
  const c: Combination = {
    crs,
    spec,
    unit,
    options,
    scoreOne,
    explain: options.trace !== false,
    issues: [],
    leaves: [],
    weights: [],
    deducted: ZERO,
    added: ZERO,
    trace: [],
  };
  if (Object.keys(unit.facts ?? {}).length)
    c.issues.push(
      issue("F_PARTS", ["facts"], {
        detail: "按部分填报的单位,事实写在各部分里面,不能写在 parts 旁边",
      }),
    );
  const parts = combineParts(c, spec.parts, unit.parts, ["parts"], toDecimal(1));
  if (c.issues.length) return refused(unit, c.issues);
  return combinedResult(c, parts);
}

function refused(unit: UnitInput, issues: KaoheIssue[]): UnitOutcome {
  return { ok: false, unit: unit.id, category: unit.category ?? null, issues };
}

/** A part that cannot be combined: reported at its place (and then left out). */
function partRefused(c: Combination, path: PathSegment[], detail: string): null {
  c.issues.push(issue("F_PARTS", path, { detail }));
  return null;
}

/** The parts at one level, as the rule set lists them; parts it does not list are reported. */
function combineParts(
  c: Combination,
  specs: readonly CCombinePart[],
  input: Record<string, PartInput> | undefined,
  path: PathSegment[],
  weight: Decimal,
): PartResult[] {
  const given = input ?? {};
  // Sorted, so the report does not follow the order the parts were written in.
  for (const k of Object.keys(given).sort())
    if (!specs.some((p) => p.id === k))
      partRefused(c, [...path, k], `规则中没有名为 "${k}" 的部分`);
  return specs.flatMap((p) => {
    const here = [...path, p.id];
    const inp = Object.hasOwn(given, p.id) ? given[p.id] : undefined;
    if (inp) return combinePart(c, p, inp, here, weight);
    partRefused(c, here, `缺少部分 "${p.id}"(${p.label})`);
    return [];
  });
}

/** One part: its score (made of sub-parts, given, or scored), rounded if it says, and weighted. */
function combinePart(
  c: Combination,
  p: CCombinePart,
  inp: PartInput,
  here: PathSegment[],
  weight: Decimal,
): PartResult[] {
  const percent = p.percent;
  // This part's weight in the unit's total.
  const w = weight.times(percent).dividedBy(100);
  const got = p.parts
    ? subParts(c, p.parts, inp, here, w)
    : p.given
      ? givenScore(c, p, inp, here)
      : scoredPart(c, p, inp, here, w);
  if (!got) return [];
  const score = p.rounding ? roundTo(got.score, p.rounding.places, p.rounding.mode) : got.score;
  const weighted = score.times(percent).dividedBy(100);
  if (c.explain) c.trace.push(partEntry(c, p, here, score, percent, weighted, got.out.given));
  return [{ id: p.id, label: p.label, percent, score, weighted, ...got.out } as PartResult];
}

type PartScore = { score: Decimal; out: Partial<PartResult> } | null;

function subParts(
  c: Combination,
  specs: readonly CCombinePart[],
  inp: PartInput,
  here: PathSegment[],
  w: Decimal,
): PartScore {
  const subs = combineParts(c, specs, inp.parts, [...here, "parts"], w);
  return { score: subs.reduce((a, x) => a.plus(x.weighted), ZERO), out: { parts: subs } };
}

/** A score given for the part, within 0 and the full score (a rescaled total's: `rescale.to`). */
function givenScore(
  c: Combination,
  p: CCombinePart,
  inp: PartInput,
  here: PathSegment[],
): PartScore {
  const at = [...here, "score"];
  if (!isDecimalLike(inp.score)) return partRefused(c, at, `部分 "${p.id}" 须给出分数 score`);
  const score = toDecimal(inp.score);
  const full = c.crs.rescale ? c.crs.rescale.to : c.crs.points;
  if (score.isNegative() || score.greaterThan(full)) {
    const range = `0–${dstr(full)}`;
    return partRefused(c, at, `部分 "${p.id}" 给出的分数 ${dstr(score)} 不在 ${range} 之间`);
  }
  return { score, out: { given: true } };
}

/** A part scored with the rule set from its facts; its problems are reported at its place. */
function scoredPart(
  c: Combination,
  p: CCombinePart,
  inp: PartInput,
  here: PathSegment[],
  w: Decimal,
): PartScore {
  if (!inp.facts) return partRefused(c, [...here, "facts"], `部分 "${p.id}" 须给出事实 facts`);
  const { unit } = c;
  const r = c.scoreOne(
    c.crs,
    { id: unit.id, ...(unit.category ? { category: unit.category } : {}), facts: inp.facts },
    c.options,
  );
  if (!r.ok) {
    for (const i of r.issues) c.issues.push({ ...i, path: [...here, ...i.path] });
    return null;
  }
  c.leaves.push(r);
  c.weights.push(w);
  c.deducted = c.deducted.plus(r.deducted.times(w));
  c.added = c.added.plus(r.added.times(w));
  const score = c.spec.partRounding === "policy" ? r.total : r.unrounded;
  return { score, out: { result: r } };
}

/** How a part's weighted score is explained. */
function partEntry(
  c: Combination,
  p: CCombinePart,
  here: PathSegment[],
  score: Decimal,
  percent: Decimal,
  weighted: Decimal,
  given: boolean | undefined,
): TraceEntry {
  const { spec } = c;
  const effect: EngineEffect = {
    type: "part",
    label: p.label,
    score,
    percent,
    weighted,
    given: given === true,
  };
  return {
    kind: "combine",
    rule: here.filter((x) => x !== "parts").join("."),
    node: null,
    measure: c.crs.pointsMeasure,
    text: spec.text,
    ref: {
      doc: spec.ref.doc,
      title: c.crs.documents.get(spec.ref.doc)?.title ?? spec.ref.doc,
      ...(spec.ref.at ? { at: spec.ref.at } : {}),
    },
    facts: {},
    effect,
  };
}

/** The combined total, rounded once; grades and flags carried over from the scored parts. */
function combinedResult(c: Combination, parts: PartResult[]): UnitResult {
  const { crs, spec, unit, leaves } = c;
  const exact = parts.reduce((a, x) => a.plus(x.weighted), ZERO);
  const total = roundTo(exact, spec.rounding.places, spec.rounding.mode);
  if (c.explain) {
    const effect: EngineEffect = {
      type: "combined",
      exact,
      total,
      places: spec.rounding.places,
    };
    c.trace.push({
      kind: "combine",
      rule: "combine",
      node: null,
      measure: crs.pointsMeasure,
      text: spec.text,
      facts: {},
      effect,
    });
  }
  return compositeResult(crs, unit, leaves, c.explain, {
    total,
    unrounded: exact,
    parts,
    measures: combinedMeasures(crs, leaves, c.weights, total),
    deducted: c.deducted,
    added: c.added,
    excluded: leaves.flatMap((r) => r.excluded),
    trace: c.trace,
  });
}

/**
 * The result of a unit made of results (its parts, T1/T2, or its periods, T7): grades forced in
 * any of them carry over and bands read the total; their flags carry over, and thresholds are
 * read again on the total. `own` holds what the composition itself computed, with `parts` or
 * `periods`.
 */
export function compositeResult(
  crs: CompiledRuleSet,
  unit: UnitInput,
  leaves: readonly UnitResult[],
  explain: boolean,
  own: Pick<
    UnitResult,
    "total" | "unrounded" | "measures" | "deducted" | "added" | "excluded" | "trace"
  > &
    Pick<Partial<UnitResult>, "parts" | "periods">,
): UnitResult {
  const { total, unrounded, measures, deducted, added, excluded, trace, ...made } = own;
  const result: UnitResult = {
    ok: true,
    unit: unit.id,
    category: unit.category ?? null,
    total,
    unrounded,
    ...made,
    measures,
    deducted,
    added,
    nodes: {},
    ...combinedGrade(crs, leaves, total),
    flags: carriedFlags(crs, leaves),
    stopped: false,
    excluded,
    trace,
  };
  for (const { flag, entry } of thresholdFlags(crs, result)) {
    result.flags.push(flag);
    if (explain) result.trace.push(entry);
  }
  return result;
}

/** Grades forced in any scored part carry over (the worst wins); bands read the combined total. */
export function combinedGrade(
  crs: CompiledRuleSet,
  leaves: readonly UnitResult[],
  total: Decimal,
): Pick<UnitResult, "grade" | "gradeSource"> {
  const forced = worstGrade(
    crs,
    leaves.flatMap((r) => (r.gradeSource === "override" && r.grade ? [r.grade] : [])),
  );
  const band = bandFor(crs, total);
  if (forcedStands(crs, forced, band)) return { grade: forced, gradeSource: "override" };
  return { grade: band, gradeSource: band !== null ? "band" : null };
}

/** Flags raised by rules in any part carry over, once each; threshold flags do not. */
export function carriedFlags(crs: CompiledRuleSet, leaves: readonly UnitResult[]): string[] {
  const thresholdNames = new Set(crs.thresholds.map((t) => t.flag));
  return [...new Set(leaves.flatMap((r) => r.flags.filter((f) => !thresholdNames.has(f))))];
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
