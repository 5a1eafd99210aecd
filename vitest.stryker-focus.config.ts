import { defineConfig } from "vitest/config";

// A focused mutation run (stryker.focus.json, docs/reliability.md): only the test files named in
// KAOHE_MUTATE_TESTS (comma-separated globs) run against each mutant. A mutant then costs seconds
// instead of the minutes the bundled cases and golden files take on a loaded machine; the score
// is a lower bound (a mutant only a left-out test would kill counts as a survivor).
const focus = (process.env.KAOHE_MUTATE_TESTS ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
if (!focus.length) throw new Error("KAOHE_MUTATE_TESTS: name the test files to run");

export default defineConfig({
  test: {
    include: focus,
    testTimeout: 60_000,
  },
});
