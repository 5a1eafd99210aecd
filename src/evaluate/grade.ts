/**
 * Grades read on a final score: the band it reaches, and a forced grade weighed against it. One
 * place for a unit, a combined score and a cohort's grades.
 */
import type { CompiledRuleSet } from "../compile/compile.js";
import type { Decimal } from "../decimal.js";

/** The grade band a total reaches: the first whose bound it meets (a band with none takes all). */
export function bandFor(crs: CompiledRuleSet, total: Decimal): string | null {
  for (const b of crs.grades?.bands ?? [])
    if (
      b.bound === null ||
      (b.inclusive ? total.greaterThanOrEqualTo(b.bound) : total.greaterThan(b.bound))
    )
      return b.grade;
  return null;
}

/** The worst of some forced grades (the latest in the order), or null for none. */
export function worstGrade(crs: CompiledRuleSet, grades: Iterable<string>): string | null {
  const order = crs.grades?.order ?? [];
  let worst: string | null = null;
  for (const g of grades) if (worst === null || order.indexOf(g) > order.indexOf(worst)) worst = g;
  return worst;
}

/**
 * Whether a forced grade stands against the band: always when the rule set gives forced grades
 * precedence, else only when it is no better than the band.
 */
export function forcedStands(
  crs: CompiledRuleSet,
  forced: string | null,
  band: string | null,
): forced is string {
  const order = crs.grades?.order ?? [];
  return (
    forced !== null &&
    (crs.gradePrecedence === "override" ||
      band === null ||
      order.indexOf(forced) >= order.indexOf(band))
  );
}
