/**
 * What a caller gives to be scored: units, their facts and parts, and a cohort's units. Plain
 * data shapes, read by the loaders and by every later stage (evaluate, cohort re-export them).
 */

/** One unit to be scored: its id, its category (variant), and its facts. */
export interface UnitInput {
  /** The unit's id, unique in a run. */
  id: string;
  /** The unit's category, when the rule set has categories (C20). */
  category?: string;
  /** Facts by id: booleans, numbers (or decimal strings), findings lists. */
  facts: Record<string, unknown>;
  /**
   * T1/T2: instead of one set of facts, the parts of a combined score (集中/日常, 上半年/下半年),
   * each with its facts, a given score, or sub-parts, as the rule set's `combine` declares.
   */
  parts?: Record<string, PartInput>;
}

/** The input for one part of a combined score. */
export interface PartInput {
  facts?: Record<string, unknown>;
  score?: number | string;
  parts?: Record<string, PartInput>;
}

/** A unit of a cohort: its own input, its parent unit (K6), and its self-assessment (K8). */
export interface CohortUnitInput extends UnitInput {
  /** The unit this one belongs to (所属县、市、区 → 市州), for linked scores. */
  parent?: string;
  /** K8: the unit's self-assessed facts (自查), scored beside the verified ones. */
  self?: { facts?: Record<string, unknown>; parts?: Record<string, PartInput> };
}
