import { Decimal, dstr } from "../decimal.js";
import type { PartResult, PeriodResult, TraceEntry, UnitOutcome } from "../evaluate/types.js";
import { describeEntry } from "./describe.js";

/**
 * A unit's result as plain JSON data: every decimal as a string, keys in a fixed order. Warnings
 * (W_RATE_SCALE) are listed as `warnings` when there are any.
 */
export function outcomeToJSON(
  o: UnitOutcome,
  opts: { trace?: boolean } = {},
): Record<string, unknown> {
  const warnings = o.warnings?.length ? { warnings: o.warnings } : {};
  if (!o.ok)
    return { unit: o.unit, category: o.category, ok: false, issues: o.issues, ...warnings };
  const nodes: Record<string, unknown> = {};
  for (const [id, n] of Object.entries(o.nodes)) {
    nodes[id] = {
      title: n.title,
      points: dstr(n.points),
      score: dstr(n.score),
      deducted: dstr(n.deducted),
      added: dstr(n.added),
      ...(n.adjust.isZero() ? {} : { adjust: dstr(n.adjust) }),
      ...(n.shift.isZero() ? {} : { shift: dstr(n.shift) }),
      ...(n.effectivePoints ? { effectivePoints: dstr(n.effectivePoints) } : {}),
      ...(n.notApplicable ? { notApplicable: true } : {}),
      ...(n.capped ? { capped: true } : {}),
      ...(n.grade ? { grade: n.grade } : {}),
      ...(n.given ? { given: true } : {}),
    };
  }
  const measures: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.measures)) measures[k] = dstr(v);
  const out: Record<string, unknown> = {
    unit: o.unit,
    category: o.category,
    ok: true,
    total: dstr(o.total),
    measures,
    deducted: dstr(o.deducted),
    added: dstr(o.added),
    grade: o.grade,
    flags: o.flags,
    stopped: o.stopped,
    ...warnings,
    ...(o.excluded.length ? { excluded: o.excluded } : {}),
    ...(o.parts ? { parts: o.parts.map(partToJSON) } : {}),
    ...(o.rescale
      ? {
          rescale: {
            earned: dstr(o.rescale.earned),
            applicable: dstr(o.rescale.applicable),
            to: dstr(o.rescale.to),
            score: dstr(o.rescale.score),
          },
        }
      : {}),
    ...(o.periods ? { periods: o.periods.map(periodToJSON) } : {}),
    nodes,
  };
  if (opts.trace !== false) out.trace = o.trace.map(traceToJSON);
  return out;
}

function periodToJSON(p: PeriodResult): Record<string, unknown> {
  return {
    id: p.id,
    label: p.label,
    from: p.from,
    to: p.to,
    score: dstr(p.score),
    total: dstr(p.result.total),
    grade: p.result.grade,
    flags: p.result.flags,
  };
}

function partToJSON(p: PartResult): Record<string, unknown> {
  return {
    id: p.id,
    label: p.label,
    percent: dstr(p.percent),
    score: dstr(p.score),
    weighted: dstr(p.weighted),
    ...(p.given ? { given: true } : {}),
    ...(p.result ? { grade: p.result.grade, flags: p.result.flags } : {}),
    ...(p.parts ? { parts: p.parts.map(partToJSON) } : {}),
  };
}

export function traceToJSON(e: TraceEntry): Record<string, unknown> {
  return {
    kind: e.kind,
    rule: e.rule,
    node: e.node,
    measure: e.measure,
    ...(e.delta ? { delta: dstr(e.delta) } : {}),
    detail: describeEntry(e),
    text: e.text,
    ...(e.ref ? { ref: e.ref } : {}),
    facts: e.facts,
    ...(e.effect ? { effect: effectToJSON(e.effect) } : {}),
  };
}

/** An effect as plain JSON data: decimals as strings (canonical, no exponent), keys as recorded. */
function effectToJSON(v: unknown): unknown {
  if (Decimal.isDecimal(v)) return dstr(v as Decimal);
  if (Array.isArray(v)) return v.map(effectToJSON);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, effectToJSON(x)]));
  return v;
}
