import type { CompiledRuleSet } from "../compile/compile.js";
import { type Decimal, dstr, isDecimalLike, roundTo, toDecimal, ZERO } from "../decimal.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { thresholdFlags } from "../evaluate/common.js";
import { type ScoreOptions, scoreUnit } from "../evaluate/evaluate.js";
import { type FactValue, resolveFact } from "../evaluate/facts.js";
import { cohortWarnings } from "../evaluate/scale.js";
import type { Finding, PartInput, TraceEntry, UnitOutcome, UnitResult } from "../evaluate/types.js";
import { normalizeUnitId } from "../load/units.js";
import type { CohortInput } from "../schema/ruleset.js";
import type {
  CohortFigure,
  CohortResult,
  CohortRun,
  CohortStats,
  CohortUnitInput,
  CohortUnitResult,
  PreviousRun,
} from "./types.js";

export interface CohortOptions extends ScoreOptions {
  /** The previous run: totals and ranks for comparison, facts for last year's cohort figures. */
  previous?: PreviousRun;
  /**
   * Called as units are scored, with the number scored so far and the total (every 256 units and
   * once at the end), for a progress display. It cannot change any result.
   */
  onProgress?: (done: number, total: number) => void;
}

const byId = (a: { unit: string }, b: { unit: string }) =>
  a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0;

/**
 * Scores a whole cohort at once (K1–K9): figures computed from the cohort first (K5), then each
 * unit against its category's variant, linked scores (K6), rank-change points (K4), ranks with
 * the stated tie policy (K1), grades with quotas (K2), rank-based outcomes (K9), statistics (K3),
 * comparison with the previous run (K4), conversion (K7) and self-assessment differences (K8).
 * The order of the units in the input never changes any result.
 */
export function scoreCohort(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: CohortOptions = {},
): CohortResult {
  const { ordered, expand: _, ...rest } = runCohort(crs, input, options, false);
  return { units: ordered, ...rest };
}

/**
 * Scores a cohort as scoreCohort does, holding only what the cohort step needs: each unit is
 * scored once without its explanation for the figures, ranks and grades, and kept as a summary
 * (score, grade, rank, flags, the node scores that ties and thresholds read). `units()` then gives
 * the units in the cohort's order, each scored again in full — nodes and explanation — when it is
 * reached, so a caller that writes them out one by one never holds every explanation at once.
 * What it gives is identical to scoreCohort's result (tested); the price is scoring twice.
 */
export function scoreCohortLazily(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: CohortOptions = {},
): CohortRun {
  const { ordered, expand, ...rest } = runCohort(crs, input, options, true);
  return {
    ...rest,
    ranking: ordered,
    count: ordered.length,
    *units() {
      for (const r of ordered) yield expand(r);
    },
  };
}

function runCohort(
  crs: CompiledRuleSet,
  input: readonly CohortUnitInput[],
  options: CohortOptions,
  lean: boolean,
): Omit<CohortResult, "units"> & {
  ordered: CohortUnitResult[];
  expand: (r: CohortUnitResult) => CohortUnitResult;
} {
  const spec: CohortInput = crs.source.cohort ?? { ranking: { ties: "shared" } };
  const issues: KaoheIssue[] = [];
  if (options.previous) options = { ...options, previous: checkPrevious(options.previous, issues) };
  // Work in id order: nothing below may depend on the order of the input. Ids are compared as
  // normalizeUnitId gives them, so look-alike spellings of one unit count as duplicates.
  const blank: CohortUnitInput[] = [];
  const units = input
    .map((u) => {
      const id = normalizeUnitId(String(u?.id ?? ""));
      return id === u?.id ? u : { ...u, id };
    })
    .filter((u) => {
      if (u.id === "") blank.push(u);
      return u.id !== "";
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (blank.length)
    issues.push(
      issue("F_UNIT_ID", ["units"], {
        detail: `${blank.length}个单位的名称是空的,未计分 (${blank.length} unit(s) with an empty id were not scored)`,
      }),
    );
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const u of units) {
    if (seen.has(u.id)) dupes.add(u.id);
    seen.add(u.id);
  }
  const dupeCategories = new Map<string, Set<string | null>>();
  for (const u of units)
    if (dupes.has(u.id)) {
      const cats = dupeCategories.get(u.id) ?? new Set<string | null>();
      cats.add(u.category ?? null);
      dupeCategories.set(u.id, cats);
    }

  // K5: figures from the whole cohort, filled in as facts before any unit is scored. A unit
  // given twice is in none of them: which copy is right cannot be known, and taking either
  // would make other units' scores depend on the order of the file.
  const pool = dupes.size ? units.filter((u) => !dupes.has(u.id)) : units;
  const figureWarnings: KaoheIssue[] = [];
  const computed = cohortFacts(
    crs,
    spec,
    pool,
    options.previous,
    issues,
    options.strict === true,
    figureWarnings,
  );
  if (dupes.size)
    for (const c of computed)
      issues.push(
        issue("K_FIGURE_DUPLICATES", ["cohort", "facts", c.fact], {
          fact: c.fact,
          units: [...dupes].sort().join(", "),
        }),
      );
  const figures = computed.map((c) => c.figure);
  const extraFor = (u: { facts?: Record<string, unknown>; parts?: Record<string, PartInput> }) =>
    Object.fromEntries(computed.map((c) => [c.fact, c.valueFor(u)]));

  const results = new Map<string, CohortUnitResult>();
  // Lean: the node scores the cohort step reads after scoring (tie-breakers, node thresholds).
  const kept = new Set<string>(spec.ranking.breakBy ?? []);
  for (const t of crs.thresholds)
    if (typeof t.of === "object" && "node" in t.of) kept.add(t.of.node);
  let done = 0;
  for (const u of units) {
    if (options.onProgress && ++done % 256 === 0) options.onProgress(done, units.length);
    if (dupes.has(u.id)) {
      if (!results.has(u.id)) {
        // No copy is preferred: a category is reported only if every copy states the same one.
        const cats = dupeCategories.get(u.id);
        const category = cats?.size === 1 ? (u.category ?? undefined) : undefined;
        results.set(
          u.id,
          failed({ id: u.id, facts: {}, ...(category !== undefined ? { category } : {}) }, [
            issue("F_DUPLICATE_UNIT", ["id"], { id: u.id }),
          ]),
        );
      }
      continue;
    }
    const extra = extraFor(u);
    const given = Object.keys(extra).filter((k) =>
      factSources(u).some((src) => Object.hasOwn(src, k)),
    );
    if (given.length) {
      results.set(
        u.id,
        failed(
          u,
          given.map((k) => issue("K_FACT_GIVEN", ["facts", k], { fact: k })),
        ),
      );
      continue;
    }
    const outcome = scoreUnit(
      crs,
      withFacts(u, extra),
      lean ? { ...options, trace: false } : options,
    );
    if (outcome.ok && options.trace !== false && !lean)
      outcome.trace.unshift(...cohortHead(crs, figures, extra));
    const r: CohortUnitResult = {
      unit: u.id,
      category: u.category ?? null,
      outcome,
      score: outcome.ok ? outcome.total : null,
      rank: null,
      categoryRank: null,
      grade: outcome.ok ? outcome.grade : null,
      flags: outcome.ok ? [...outcome.flags] : [],
    };
    if (u.self && outcome.ok)
      r.self = selfReport(crs, u, withFacts(u.self, extraFor(u.self)), outcome, options);
    if (lean && outcome.ok) r.outcome = summary(outcome, kept);
    results.set(u.id, r);
  }

  options.onProgress?.(units.length, units.length);
  linkScores(crs, spec, units, results, issues);

  // K4: rank change on last year, ranked before its points, then ranked again.
  const prevRank = new Map(
    (options.previous?.units ?? [])
      .filter((p) => p.rank !== undefined)
      .map((p) => [p.id, p.rank as number]),
  );
  if (spec.comparison?.rankChange && prevRank.size) {
    const rc = spec.comparison.rankChange;
    rank(
      spec,
      [...results.values()].filter((r) => r.score !== null),
      "all",
      crs,
    );
    for (const r of results.values()) {
      const before = prevRank.get(r.unit);
      if (r.rank === null || before === undefined || r.score === null) continue;
      const up = before - r.rank;
      const points =
        up >= rc.upAtLeast
          ? toDecimal(rc.add)
          : -up >= rc.downAtLeast
            ? toDecimal(rc.deduct).negated()
            : ZERO;
      r.rankChange = { previousRank: before, rankBefore: r.rank, points };
      if (!points.isZero()) r.score = r.score.plus(points);
    }
  }

  const ranked = [...results.values()].filter((r) => r.score !== null);
  rank(spec, ranked, "all", crs);
  const cats = [...new Set(ranked.map((r) => r.category ?? ""))];
  for (const c of cats)
    rank(
      spec,
      ranked.filter((r) => (r.category ?? "") === c),
      "category",
      crs,
    );

  // Grades follow the final score; a grade forced by a rule keeps precedence as the rule set says.
  for (const r of ranked) {
    const o = r.outcome as UnitResult;
    const band = bandFor(crs, r.score as Decimal);
    if (o.gradeSource === "override" && o.grade !== null) {
      const order = crs.grades?.order ?? [];
      r.grade =
        crs.gradePrecedence === "override" ||
        band === null ||
        order.indexOf(o.grade) >= order.indexOf(band)
          ? o.grade
          : band;
    } else r.grade = band;
  }
  // Thresholds on the total read the final score (linked, rank-change points), as grades do.
  for (const r of ranked) {
    const o = r.outcome as UnitResult;
    if (o.total.equals(r.score as Decimal)) continue;
    const before = thresholdFlags(crs, o).map((x) => x.flag);
    const after = thresholdFlags(crs, { ...o, total: r.score as Decimal }).map((x) => x.flag);
    for (const f of before) {
      const i = r.flags.indexOf(f);
      if (i >= 0) r.flags.splice(i, 1);
    }
    r.flags.push(...after);
  }
  applyQuotas(spec, ranked);

  for (const out of spec.outcomes ?? [])
    for (const r of ranked) {
      if (out.categories && !out.categories.includes(r.category ?? "")) continue;
      const rk = out.scope === "all" ? r.rank : r.categoryRank;
      if (rk !== null && rk <= out.top) r.flags.push(out.flag);
    }

  const prevTotal = new Map((options.previous?.units ?? []).map((p) => [p.id, toDecimal(p.total)]));
  for (const r of ranked) {
    const pt = prevTotal.get(r.unit);
    if (pt === undefined) continue;
    const pr = prevRank.get(r.unit) ?? null;
    const delta = (r.score as Decimal).minus(pt);
    const rankDelta = pr !== null && r.rank !== null ? pr - r.rank : null;
    r.change = { previousTotal: pt, scoreDelta: delta, previousRank: pr, rankDelta };
    const p = spec.comparison?.progress;
    if (
      p &&
      ((p.rankUp !== undefined && rankDelta !== null && rankDelta >= p.rankUp) ||
        (p.scoreUp !== undefined && delta.greaterThanOrEqualTo(toDecimal(p.scoreUp))))
    )
      r.flags.push(p.flag);
  }

  if (spec.convert) {
    const to = toDecimal(spec.convert.to);
    for (const r of ranked)
      r.converted = roundTo(
        (r.score as Decimal).times(to).dividedBy(crs.points),
        spec.convert.places,
        spec.convert.mode,
      );
  }

  const statistics = {
    all: stats(spec, ranked),
    byCategory: Object.fromEntries(
      cats.sort().map((c) => [
        c,
        stats(
          spec,
          ranked.filter((r) => (r.category ?? "") === c),
        ),
      ]),
    ),
  };
  const ordered = [
    ...ranked.sort((a, b) => (a.rank as number) - (b.rank as number) || byId(a, b)),
    ...[...results.values()].filter((r) => r.score === null).sort(byId),
  ];
  const inputs = lean ? new Map(units.map((u) => [u.id, u])) : null;
  // A unit scored again in full, as scoreCohort scores it: the cohort's figures first in its
  // explanation, then its own steps, then what the cohort step added (a linked score).
  const expand = (r: CohortUnitResult): CohortUnitResult => {
    const u = inputs?.get(r.unit);
    if (!u || !r.outcome.ok) return r;
    const extra = extraFor(u);
    const full = scoreUnit(crs, withFacts(u, extra), options);
    if (!full.ok) return r;
    full.trace = [
      ...(options.trace !== false ? cohortHead(crs, figures, extra) : []),
      ...full.trace,
      ...r.outcome.trace,
    ];
    return { ...r, outcome: full };
  };
  return {
    ordered,
    expand,
    statistics,
    figures,
    issues,
    warnings: [...figureWarnings, ...cohortWarnings(crs, units, ordered)],
  };
}

/** The trace entries of the cohort figures a unit was given, as they open its explanation. */
function cohortHead(
  crs: CompiledRuleSet,
  figures: readonly CohortFigure[],
  extra: Record<string, unknown>,
): TraceEntry[] {
  // Figure by figure, each placed before the ones already there (the order results have kept).
  return figures
    .filter((f) => Object.hasOwn(extra, f.fact))
    .map((f) => cohortEntry(crs, f, extra[f.fact]))
    .reverse();
}

/** A unit's outcome without what only its own report needs (explanation, nodes not read later). */
function summary(o: UnitResult, kept: ReadonlySet<string>): UnitResult {
  const nodes: UnitResult["nodes"] = {};
  for (const id of kept) {
    const n = o.nodes[id];
    if (n) nodes[id] = n;
  }
  const { parts: _, ...rest } = o;
  return { ...rest, nodes, excluded: [], trace: [] };
}

/** Keeps the well-formed entries of a previous run and reports the others. */
function checkPrevious(previous: PreviousRun, issues: KaoheIssue[]): PreviousRun {
  const list = (previous as { units?: unknown }).units;
  if (!Array.isArray(list)) {
    issues.push(
      issue("K_PREVIOUS_INVALID", ["previous"], {
        detail: "应为 { units: [{ id, total, rank? }] }",
      }),
    );
    return { units: [] };
  }
  const units: PreviousRun["units"] = [];
  list.forEach((x: unknown, i) => {
    const o = x as Record<string, unknown> | null;
    const ok =
      !!o &&
      typeof o === "object" &&
      typeof o.id === "string" &&
      isDecimalLike(o.total) &&
      (o.rank === undefined ||
        (typeof o.rank === "number" && Number.isInteger(o.rank) && o.rank >= 1)) &&
      (o.category === undefined || typeof o.category === "string") &&
      (o.facts === undefined ||
        (!!o.facts && typeof o.facts === "object" && !Array.isArray(o.facts)));
    if (!ok) {
      issues.push(
        issue("K_PREVIOUS_INVALID", ["previous", "units", i], {
          detail: `第${i + 1}项须有单位名称 id、十进制总分 total,如写名次 rank 须为不小于1的整数`,
        }),
      );
      return;
    }
    units.push({ ...(o as PreviousRun["units"][number]), id: normalizeUnitId(o.id as string) });
  });
  // A unit listed twice in the previous run has no one previous total or rank: it is left out
  // of every comparison and figure, and reported, so that no result depends on the order.
  const count = new Map<string, number>();
  for (const u of units) count.set(u.id, (count.get(u.id) ?? 0) + 1);
  const twice = [...count].filter(([, n]) => n > 1).map(([id]) => id);
  if (twice.length) {
    issues.push(
      issue("K_PREVIOUS_INVALID", ["previous", "units"], {
        detail: `以下单位出现了不止一次,不参加任何比较:${twice.sort().join(", ")}`,
      }),
    );
    return { units: units.filter((u) => (count.get(u.id) ?? 0) === 1) };
  }
  return { units };
}

function failed(u: CohortUnitInput, issues: KaoheIssue[]): CohortUnitResult {
  return {
    unit: u.id,
    category: u.category ?? null,
    outcome: { ok: false, unit: u.id, category: u.category ?? null, issues },
    score: null,
    rank: null,
    categoryRank: null,
    grade: null,
    flags: [],
  };
}

function cohortEntry(crs: CompiledRuleSet, f: CohortFigure, value: unknown): TraceEntry {
  const spec = crs.source.cohort?.facts?.find((x) => x.id === f.fact);
  return {
    kind: "cohort",
    rule: f.fact,
    node: null,
    measure: crs.pointsMeasure,
    text: spec?.text ?? "",
    ...(spec
      ? {
          ref: {
            doc: spec.ref.doc,
            title: crs.documents.get(spec.ref.doc)?.title ?? spec.ref.doc,
            ...(spec.ref.at ? { at: spec.ref.at } : {}),
          },
        }
      : {}),
    facts: { [f.fact]: String(value) },
    detail: f.detail,
  };
}

/** The raw facts a unit states, from its facts or, for a combined unit, from all its scored parts. */
function factSources(u: {
  facts?: Record<string, unknown>;
  parts?: Record<string, PartInput>;
}): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (u.facts && Object.keys(u.facts).length) out.push(u.facts);
  const walk = (parts: Record<string, PartInput> | undefined) => {
    for (const p of Object.values(parts ?? {})) {
      if (!p || typeof p !== "object") continue;
      if (p.facts) out.push(p.facts);
      walk(p.parts);
    }
  };
  walk(u.parts);
  return out;
}

/** Gives a unit (or its self-assessment) the cohort's computed facts, in every part it scores. */
function withFacts<
  T extends { facts?: Record<string, unknown>; parts?: Record<string, PartInput> },
>(u: T, extra: Record<string, unknown>): T {
  if (!Object.keys(extra).length) return u;
  if (!u.parts) return { ...u, facts: { ...(u.facts ?? {}), ...extra } };
  const walk = (parts: Record<string, PartInput>): Record<string, PartInput> =>
    Object.fromEntries(
      Object.entries(parts).map(([k, p]) => [
        k,
        !p || typeof p !== "object"
          ? p
          : {
              ...p,
              ...(p.facts ? { facts: { ...p.facts, ...extra } } : {}),
              ...(p.parts ? { parts: walk(p.parts) } : {}),
            },
      ]),
    );
  return { ...u, parts: walk(u.parts) };
}

/** A cohort fact as computed: the figure, and how one unit's value follows from its own facts. */
interface CohortFact {
  fact: string;
  figure: CohortFigure;
  valueFor(u: { facts?: Record<string, unknown>; parts?: Record<string, PartInput> }): unknown;
}

/** K5: computes each cohort fact from the cohort (this run's or the previous one). */
function cohortFacts(
  crs: CompiledRuleSet,
  spec: CohortInput,
  units: readonly CohortUnitInput[],
  previous: PreviousRun | undefined,
  issues: KaoheIssue[],
  strict: boolean,
  warnings: KaoheIssue[],
): CohortFact[] {
  const out: CohortFact[] = [];
  // Under strict, a value that would not be scored (a rate in the wrong scale, say) is not
  // averaged in either: the unit then counts as not stating it (K_FIGURE_INCOMPLETE).
  const read = (
    src: Record<string, unknown>,
    fact: string,
    previousUnit?: string,
  ): FactValue | undefined => {
    const decl = crs.facts.get(fact);
    if (!decl || !Object.hasOwn(src, fact)) return undefined;
    const errors: KaoheIssue[] = [];
    const warns: KaoheIssue[] = [];
    const v = resolveFact(decl, src[fact], true, ["facts", fact], errors, warns, strict);
    // A unit of this run is warned about when it is scored; a unit of the previous run is
    // never scored, so what it gives is warned about here, once per figure.
    if (previousUnit !== undefined)
      for (const w of [...errors, ...warns])
        warnings.push({
          ...w,
          path: ["previous", "units", previousUnit, ...w.path],
          unit: `上一轮 ${previousUnit}`,
        });
    return errors.length ? undefined : v;
  };
  /** The items a unit has findings of a kind for, across all the facts it states. */
  const itemsOf = (
    u: { facts?: Record<string, unknown>; parts?: Record<string, PartInput> },
    fact: string,
    kind: string,
  ) => {
    const items = new Set<string>();
    for (const src of factSources(u)) {
      const list = read(src, fact);
      if (Array.isArray(list))
        for (const f of list as Finding[])
          if (f.kind === kind && f.item !== undefined) items.add(f.item);
    }
    return items;
  };
  for (const cf of spec.facts ?? []) {
    if (cf.over === "previous" && !previous) {
      issues.push(issue("K_PREVIOUS_REQUIRED", ["cohort", "facts", cf.id], { fact: cf.id }));
      continue;
    }
    // Each unit once, and only the categories the figure is about (全省县市区, say).
    const seenIds = new Set<string>();
    const all: {
      id: string;
      category?: string;
      facts?: Record<string, unknown>;
      parts?: Record<string, PartInput>;
    }[] = cf.over === "previous" ? (previous?.units ?? []) : [...units];
    const pool = all.filter((u) => {
      if (seenIds.has(u.id)) return false;
      seenIds.add(u.id);
      return !cf.categories || (u.category !== undefined && cf.categories.includes(u.category));
    });
    if ("itemShare" in cf.compute) {
      const c = cf.compute.itemShare;
      const count = new Map<string, number>();
      for (const u of pool)
        for (const it of itemsOf(u, c.fact, c.kind)) count.set(it, (count.get(it) ?? 0) + 1);
      const n = pool.length;
      const line = toDecimal(c.atLeast);
      const hot = new Set<string>();
      const parts: string[] = [];
      for (const [it, k] of [...count.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const share = toDecimal(k)
          .times(100)
          .dividedBy(n || 1);
        const over = share.greaterThanOrEqualTo(line);
        if (over) hot.add(it);
        parts.push(
          `${it}:${k}/${n}=${dstr(roundTo(share, 2, "half-up"))}%${over ? `≥${dstr(line)}%` : ""}`,
        );
      }
      out.push({
        fact: cf.id,
        figure: {
          fact: cf.id,
          detail: `全体${n}个单位中${c.kind}的比例:${parts.join(";") || "无"}`,
        },
        // Distinct items: a fund listed twice is still one fund.
        valueFor: (u) => [...itemsOf(u, c.fact, c.unitKind)].filter((it) => hot.has(it)).length,
      });
    } else {
      const fact = cf.compute.mean;
      let sum = ZERO;
      let n = 0;
      const lacking: string[] = [];
      for (const u of pool) {
        // A combined unit's value is the mean over the parts that state it, in any key order.
        const vals = factSources(u)
          .map((src) => read(src, fact, cf.over === "previous" ? u.id : undefined))
          .filter(
            (v): v is Decimal =>
              !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Map),
          );
        if (!vals.length) {
          lacking.push(u.id);
          continue;
        }
        sum = sum.plus(vals.reduce((a, v) => a.plus(v), ZERO).dividedBy(vals.length));
        n++;
      }
      if (lacking.length)
        issues.push(
          issue("K_FIGURE_INCOMPLETE", ["cohort", "facts", cf.id], {
            fact: cf.id,
            units: lacking.sort().join(", "),
          }),
        );
      if (!n) {
        issues.push(issue("K_EMPTY", ["cohort", "facts", cf.id], { fact: cf.id }));
        continue;
      }
      const mean = sum.dividedBy(n).toFixed();
      out.push({
        fact: cf.id,
        figure: {
          fact: cf.id,
          detail: `${cf.over === "previous" ? "上一轮" : "本轮"}${n}个单位的平均数为${dstr(roundTo(toDecimal(mean), 4, "half-up"))}`,
        },
        valueFor: () => mean,
      });
    }
  }
  return out;
}

/** K6: a unit's score built from its own and its sub-units' scores, bottom-up. */
function linkScores(
  crs: CompiledRuleSet,
  spec: CohortInput,
  units: readonly CohortUnitInput[],
  results: Map<string, CohortUnitResult>,
  issues: KaoheIssue[],
): void {
  const rules = spec.linked ?? [];
  const parentOf = new Map<string, string>();
  for (const u of units) {
    if (u.parent === undefined) continue;
    if (!results.has(u.parent)) {
      issues.push(
        issue("K_MISSING_UNIT", ["units", u.id, "parent"], { unit: u.id, parent: u.parent }),
      );
      continue;
    }
    parentOf.set(u.id, u.parent);
  }
  // A cycle in the hierarchy would make a linked score depend on itself.
  const inCycle = new Set<string>();
  for (const u of units) {
    const path: string[] = [];
    let cur: string | undefined = u.id;
    while (cur !== undefined && !path.includes(cur)) {
      path.push(cur);
      cur = parentOf.get(cur);
    }
    if (cur !== undefined) {
      const cycle = path.slice(path.indexOf(cur));
      if (!cycle.some((c) => inCycle.has(c)))
        issues.push(issue("K_CYCLE", ["units"], { cycle: [...cycle, cur].join(" → ") }));
      for (const c of cycle) inCycle.add(c);
    }
  }
  if (!rules.length) return;
  const children = new Map<string, string[]>();
  for (const [c, p] of parentOf) children.set(p, [...(children.get(p) ?? []), c].sort());
  const done = new Set<string>();
  const compute = (id: string): Decimal | null => {
    const r = results.get(id) as CohortUnitResult;
    if (done.has(id)) return r.score;
    done.add(id);
    const rule = rules.find((x) => x.category === r.category);
    if (!rule || r.score === null) return r.score;
    if (inCycle.has(id)) {
      // Its linked score would depend on itself: reported, not ranked on a partial score.
      r.outcome = {
        ok: false,
        unit: id,
        category: r.category,
        issues: [issue("K_CYCLE", ["units", id, "parent"], { cycle: `${id} → … → ${id}` })],
      };
      r.score = null;
      return null;
    }
    const kids = children.get(id) ?? [];
    if (!kids.length) {
      r.outcome = {
        ok: false,
        unit: id,
        category: r.category,
        issues: [issue("K_NO_CHILDREN", ["units", id], { unit: id, rule: rule.id })],
      };
      r.score = null;
      return null;
    }
    const scores = kids.map(compute);
    if (scores.some((s) => s === null)) {
      const bad = kids.filter((_, i) => scores[i] === null);
      r.outcome = {
        ok: false,
        unit: id,
        category: r.category,
        issues: [issue("K_CHILD_FAILED", ["units", id], { unit: id, children: bad.join(", ") })],
      };
      r.score = null;
      return null;
    }
    const mean = (scores as Decimal[]).reduce((a, s) => a.plus(s), ZERO).dividedBy(kids.length);
    const own = r.score;
    const exact = own
      .times(toDecimal(rule.own))
      .plus(mean.times(toDecimal(rule.children)))
      .dividedBy(100);
    const score = roundTo(exact, crs.rounding.places, crs.rounding.mode);
    r.linked = { own, childrenMean: mean, children: kids, score };
    r.score = score;
    if (r.outcome.ok)
      r.outcome.trace.push({
        kind: "combine",
        rule: rule.id,
        node: null,
        measure: crs.pointsMeasure,
        text: rule.text,
        facts: {},
        detail: `本级${dstr(own)}分×${dstr(toDecimal(rule.own))}%+所属${kids.length}个单位平均${dstr(roundTo(mean, 4, "half-up"))}分×${dstr(toDecimal(rule.children))}%=${dstr(exact)}分,计${dstr(score)}分`,
      });
    return score;
  };
  for (const u of units) compute(u.id);
}

/** The grade band a score reaches. */
function bandFor(crs: CompiledRuleSet, score: Decimal): string | null {
  for (const b of crs.grades?.bands ?? [])
    if (
      b.bound === null ||
      (b.inclusive ? score.greaterThanOrEqualTo(b.bound) : score.greaterThan(b.bound))
    )
      return b.grade;
  return null;
}

/** The sub-scores that break ties, in order. */
function breakers(spec: CohortInput, r: CohortUnitResult): Decimal[] {
  const nodes = r.outcome.ok ? r.outcome.nodes : {};
  return (spec.ranking.breakBy ?? []).map((id) => nodes[id]?.score ?? ZERO);
}

/** K1: ranks a group by final score under the stated tie policy. */
function rank(
  spec: CohortInput,
  group: CohortUnitResult[],
  field: "all" | "category",
  crs: CompiledRuleSet,
): void {
  const places = spec.ranking.places;
  // Compared at the stated places, rounded as the rule set's policy rounds.
  const key = (r: CohortUnitResult) =>
    places !== undefined
      ? roundTo(r.score as Decimal, places, crs.rounding.mode)
      : (r.score as Decimal);
  const ties = spec.ranking.ties;
  const cmp = (a: CohortUnitResult, b: CohortUnitResult): number => {
    const c = key(b).comparedTo(key(a));
    if (c !== 0 || ties !== "break") return c;
    const ba = breakers(spec, a);
    const bb = breakers(spec, b);
    for (let i = 0; i < ba.length; i++) {
      const d = (bb[i] as Decimal).comparedTo(ba[i] as Decimal);
      if (d !== 0) return d;
    }
    return 0;
  };
  const sorted = [...group].sort((a, b) => cmp(a, b) || byId(a, b));
  let rankNo = 0;
  let dense = 0;
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    if (!prev || cmp(prev, r) !== 0) {
      rankNo = i + 1;
      dense++;
    }
    const v = ties === "dense" ? dense : rankNo;
    if (field === "all") r.rank = v;
    else r.categoryRank = v;
  });
}

/** K2: a grade limited to a share of the units, applied by rank. */
function applyQuotas(spec: CohortInput, ranked: CohortUnitResult[]): void {
  for (const q of spec.quotas ?? []) {
    const groups =
      q.scope === "all"
        ? [ranked]
        : [...new Set(ranked.map((r) => r.category ?? ""))]
            .sort()
            .map((c) => ranked.filter((r) => (r.category ?? "") === c));
    for (const g of groups) {
      const n = g.length;
      const exact = toDecimal(n).times(toDecimal(q.maxPercent)).dividedBy(100);
      const max = (
        q.count === "floor"
          ? exact.floor()
          : q.count === "ceil"
            ? exact.ceil()
            : roundTo(exact, 0, "half-up")
      ).toNumber();
      const rankOf = (r: CohortUnitResult) =>
        (q.scope === "all" ? r.rank : r.categoryRank) as number;
      const holders = g
        .filter((r) => r.grade === q.grade)
        .sort((a, b) => rankOf(a) - rankOf(b) || byId(a, b));
      if (holders.length <= max) continue;
      const lastIn = holders[max - 1];
      const firstOut = holders[max] as CohortUnitResult;
      const tieAtLine = lastIn !== undefined && rankOf(lastIn) === rankOf(firstOut);
      holders.forEach((r, i) => {
        const tied = tieAtLine && rankOf(r) === rankOf(firstOut);
        const out = i >= max ? !(tied && q.ties === "keep-all") : tied && q.ties === "demote-all";
        if (!out) return;
        r.grade = q.demoteTo;
        r.gradeNote = `${q.text}:共${n}个单位,${q.grade}限${max}个;本单位排名第${rankOf(r)}${tied ? "(与他单位并列,跨越名额线)" : ""},等次由${q.grade}调整为${q.demoteTo}`;
      });
    }
  }
}

/** K3: statistics of a group of ranked units. */
function stats(spec: CohortInput, group: CohortUnitResult[]): CohortStats {
  const scores = group.map((r) => r.score as Decimal).sort((a, b) => a.comparedTo(b));
  const places = spec.statistics?.places ?? 2;
  const n = scores.length;
  // A list, not an object: object keys that look like integers would be reordered ascending.
  const atOrAbove = (spec.statistics?.lines ?? []).map((line) => {
    const l = toDecimal(line);
    return { line: dstr(l), count: scores.filter((s) => s.greaterThanOrEqualTo(l)).length };
  });
  if (!n) return { count: 0, mean: null, median: null, min: null, max: null, atOrAbove };
  const mean = scores.reduce((a, s) => a.plus(s), ZERO).dividedBy(n);
  const mid = Math.floor(n / 2);
  const median =
    n % 2
      ? (scores[mid] as Decimal)
      : (scores[mid - 1] as Decimal).plus(scores[mid] as Decimal).dividedBy(2);
  return {
    count: n,
    mean: roundTo(mean, places, "half-up"),
    median: roundTo(median, places, "half-up"),
    min: scores[0] as Decimal,
    max: scores[n - 1] as Decimal,
    atOrAbove,
  };
}

/** K8: the self-assessed result beside the verified one, item by item. */
function selfReport(
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
