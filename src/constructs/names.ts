/**
 * The registry of the rule language's constructs, by name: the one list the stages' tables are
 * keyed on. Each name has its folder, src/constructs/<name>/, holding one file per stage —
 * schema.ts (its zod schema), lint.ts (what its lint checks beyond what all share), compile.ts
 * (its compiler and the words of its explanation), effect.ts (what it did, as data) — and its
 * test. The schema's union, the lint dispatch, the compilers and the renderers are tables keyed
 * on this list, typed so that a name without its entry does not build. This file sits below every
 * stage and imports nothing. Adding a construct: its folder, and its name here (docs/guide-encoding.md).
 */

/** The clause types, in the order the schema's union lists them. */
export const CLAUSE_TYPES = [
  "check",
  "fixed",
  "per",
  "step",
  "range",
  "tally",
  "rating",
  "deadline",
  "target",
  "override",
] as const;

/** The name of a clause type. */
export type ClauseType = (typeof CLAUSE_TYPES)[number];

/**
 * The constructs that are sections of a rule set rather than clauses (C19 gates, …), in the order
 * the reference documents them. Each has its folder like a clause type, with the files its stages
 * have; its evaluation stays in src/evaluate/, the stage that has the unit's scores.
 */
export const SECTION_CONSTRUCTS = [
  "gate",
  "threshold",
  "streak",
  "combine",
  "rescale",
  "periods",
] as const;

/** The name of a section construct. */
export type SectionConstruct = (typeof SECTION_CONSTRUCTS)[number];

/**
 * The parts of a rule set's cohort section (K1–K9), in the order its schema lists their keys (the
 * JSON Schema keeps that order). Each has its folder like a section construct, with the files its
 * stages have: its schema (read at its key: `outcomes`, `quotas`, `facts`, …), its lint, its
 * compiled form, and, where it records what it did as data, its effect and the words made from
 * it. Their evaluation stays in src/cohort/, the stage that has every unit's score (ranks in
 * cohort-rank.ts, quotas, outcomes and conversion in cohort-grades.ts, statistics in
 * cohort-stats.ts, computed facts in cohort-figures.ts, linked scores in cohort-link.ts, the
 * comparison in cohort-previous.ts). K8, self-assessment, is no part: it is what a unit gives
 * (`self`), not what the rule set states, and has nothing to check or compile (cohort-self.ts).
 */
export const COHORT_PARTS = [
  "ranking",
  "rank-outcome",
  "quota",
  "statistics",
  "cohort-fact",
  "linked",
  "convert",
  "comparison",
] as const;

/** The name of a part of the cohort section. */
export type CohortPart = (typeof COHORT_PARTS)[number];
