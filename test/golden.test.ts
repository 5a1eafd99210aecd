import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCases } from "../src/cases/runner.js";
import { scoreCohort } from "../src/cohort/cohort.js";
import { compileRuleSet } from "../src/compile/compile-rule-set.js";
import { dstr } from "../src/decimal.js";
import { scoreUnit } from "../src/evaluate/evaluate.js";
import type { UnitOutcome } from "../src/evaluate/types.js";
import { describeEntry } from "../src/explain/describe.js";
import { renderExplanation } from "../src/explain/render.js";
import { findRuleFiles, loadRuleSetFile } from "../src/node/index.js";

// Golden explanations: the 扣分说明 a clerk reads, and the trace it is made from (kind, rule, node,
// delta, detail), for every case of every bundled rule set and cohort fixture, one file per cases
// file under test/golden/. The tests of each construct assert effects; these pin the words, so
// that moving how explanations are made (issue 10: a structured trace rendered by explain/) cannot
// change a character a clerk reads without the diff showing it.
//
//   UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts    # rewrite, then review `git diff test/golden`

const ROOT = resolve(__dirname, "..");
const GOLDEN = join(ROOT, "test", "golden");
const update = process.env.UPDATE_GOLDEN === "1";

function traceLines(o: UnitOutcome): string[] {
  if (!o.ok) return [];
  return o.trace.map(
    (e) =>
      `  ${e.kind} ${e.rule}${e.node && e.node !== e.rule ? ` @${e.node}` : ""}${e.delta ? ` ${dstr(e.delta)}` : ""}: ${describeEntry(e)}`,
  );
}

function golden(ruleFile: string, casesFile: string): string {
  const dir = dirname(casesFile);
  const parsed = parseCases(readFileSync(casesFile, "utf8"), casesFile);
  const params = parsed.parameters ? resolve(dir, parsed.parameters) : undefined;
  // A template's case runs under its readings, or its file's (the explanation names them).
  const load = (readings: readonly string[]) =>
    loadRuleSetFile(ruleFile, ruleFile, { ...(params ? { params } : {}), readings });
  const loaded = load(parsed.reading ?? []);
  if (!loaded.ok) return `rule set not loaded: ${loaded.issues.map((i) => i.code).join(", ")}\n`;
  const out: string[] = [];
  for (const c of parsed.cases) {
    out.push(`=== ${c.name}`);
    const mine = c.reading ? load(c.reading) : loaded;
    if (!mine.ok) {
      out.push(`rule set not loaded: ${mine.issues.map((i) => i.code).join(", ")}`);
      continue;
    }
    const crs = compileRuleSet(mine.ruleSet);
    const outcomes = c.units
      ? scoreCohort(crs, c.units, {
          ...(c.options ?? {}),
          ...(c.previous ? { previous: c.previous } : {}),
        }).units.map((u) => u.outcome)
      : [scoreUnit(crs, c.unit, c.options ?? {})];
    for (const o of outcomes) {
      out.push(renderExplanation(crs, o));
      out.push("  -- trace");
      out.push(...traceLines(o));
    }
  }
  return `${out.join("\n")}\n`;
}

const sets = [
  ...findRuleFiles(join(ROOT, "rules")),
  ...findRuleFiles(join(ROOT, "test", "cohort-sets")),
];

describe("golden explanations of every bundled case", () => {
  for (const ruleFile of sets) {
    const casesDir = join(dirname(ruleFile), "cases");
    if (!existsSync(casesDir)) continue;
    for (const f of readdirSync(casesDir)
      .filter((x) => /\.ya?ml$/.test(x))
      .sort()) {
      const casesFile = join(casesDir, f);
      const rel = relative(ROOT, casesFile);
      const file = join(GOLDEN, `${relative(ROOT, dirname(ruleFile))}`, `${f}.txt`);
      it(rel, () => {
        const text = golden(ruleFile, casesFile);
        if (update || !existsSync(file)) {
          if (!update)
            throw new Error(`no golden file ${relative(ROOT, file)}: run with UPDATE_GOLDEN=1`);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
          return;
        }
        expect(text).toBe(readFileSync(file, "utf8"));
      });
    }
  }
});
