import { defineConfig } from "vitest/config";

// The tests Stryker runs against each mutant (npm run mutate): everything in-process. The tests
// that start child processes on the built dist (the packed library, the command in a subprocess)
// cannot see a mutant of src/ and only slow each run down.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/package.test.ts", "src/cli/main.test.ts", "test/fuzz-harness.test.ts"],
    testTimeout: 60_000,
  },
});
