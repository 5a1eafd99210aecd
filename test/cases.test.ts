import { describe, expect, it } from "vitest";
import { findRuleFiles, testRuleFile } from "../src/node/index.js";

// The data-driven suite: every case file beside every rule set under rules/ (the jurisdictions)
// and test/cohort-sets/ (engine fixtures for cohort constructs), one test per case.
const ruleFiles = [...findRuleFiles("rules"), ...findRuleFiles("test/cohort-sets")];

describe("rule sets under rules/ and test/cohort-sets/", () => {
  it("finds the bundled rule sets", () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
  });
  for (const file of ruleFiles) {
    const report = testRuleFile(file);
    describe(report.ruleFile, () => {
      it("loads with no errors and no warnings", () => {
        expect(report.issues).toEqual([]);
        expect(report.warnings).toEqual([]);
      });
      it("has cases", () => {
        expect(report.reports.reduce((a, r) => a + r.cases.length, 0)).toBeGreaterThan(0);
      });
      for (const r of report.reports) {
        it(`${r.file} parses`, () => expect(r.issues).toEqual([]));
        for (const c of r.cases) it(c.name, () => expect(c.problems).toEqual([]));
      }
    });
  }
});
