import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "node/index": "src/node/index.ts",
    "cli/main": "src/cli/main.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", "node/index": "src/node/index.ts" } },
  clean: true,
  sourcemap: false,
  target: "node20",
  splitting: false,
});
