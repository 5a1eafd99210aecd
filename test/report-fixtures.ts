/**
 * Facts and previous-run files for the 通报 tests, taken from the cohort fixtures' own cases
 * (test/cohort-sets/…/cases): the units of one case as a facts file, its previous run as a file
 * `kaohe report --previous` reads. Every figure the tests compare is worked out in those cases.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";

export const HUBEI_RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
export const HUBEI_XLSX = "examples/hubei-2009-h1.xlsx";
export const HUBEI_UNITS = "examples/hubei-2009-h1-units.yaml";
export const QUOTA_RULES = "test/cohort-sets/quota/rules.yaml";
export const RELATIVE_RULES = "test/cohort-sets/relative/rules.yaml";

interface CohortCase {
  name: string;
  units: unknown[];
  previous?: { units: unknown[] };
  expect: Record<string, unknown>;
}

/** The cases of a cohort fixture's case file. */
export function cohortCases(file: string): CohortCase[] {
  return (parse(readFileSync(file, "utf8")) as { cases: CohortCase[] }).cases;
}

/** Writes a case's units (and previous run, if any) into dir; returns the files and the case. */
export function caseFiles(
  dir: string,
  file: string,
  index: number,
): { facts: string; previous: string | null; expect: CohortCase["expect"] } {
  const c = cohortCases(file)[index] as CohortCase;
  const facts = join(dir, `case-${index}-facts.yaml`);
  writeFileSync(facts, stringify({ units: c.units }));
  let previous: string | null = null;
  if (c.previous) {
    previous = join(dir, `case-${index}-previous.yaml`);
    writeFileSync(previous, stringify(c.previous));
  }
  return { facts, previous, expect: c.expect };
}
