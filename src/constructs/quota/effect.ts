/**
 * K2: a unit's cohort grade lowered by a quota, as data: the quota's 原文, the group's size, how
 * many may hold the grade, the unit's rank and whether it ties across the line. Its words are the
 * unit's `gradeNote` (quotaWords).
 */
export interface QuotaEffect {
  type: "quota";
  /** The quota's 原文 (优秀比例不超过20%). */
  text: string;
  /** The units of the group the quota counts (the cohort, or the unit's category). */
  units: number;
  grade: string;
  /** How many units of the group may hold the grade. */
  max: number;
  /** The unit's rank in the group. */
  rank: number;
  /** Whether the unit ties with others across the quota's line. */
  tied: boolean;
  demoteTo: string;
}
