import { defineConfig } from "tsup";
import { stripDocsPlugin } from "./scripts/strip-docs.mjs";

/*
 * One library, one core. `kaohe`, `kaohe/node` and the CLI are entries of ONE build with code
 * splitting in both formats, so the core (the Decimal clone, KaoheError, every symbol) lives in
 * shared chunks that every entry of that format imports, instead of one private copy per entry.
 *
 * That leaves one copy per format. To make it one copy per Node process (the dual-package
 * hazard: an app whose ESM code imports kaohe while a dependency requires it), Node's `import`
 * condition loads a thin ESM wrapper over the CJS build (dist/**\/index.node.mjs, written after
 * tsup by scripts/esm-wrappers.mjs, named exports explicit). The true ESM build stays for
 * bundlers and browsers (the `import` condition without `node`), where the whole app is one
 * module graph anyway. Chosen over making classes cross-copy safe (Symbol.for brands, no
 * instanceof): that would still run two engines side by side, with two Decimal clones to
 * keep isolated and two sets of caches, and every future class or symbol would need the same care.
 */
export default defineConfig({
  // The package entries are the public API files in src/api/ (docs/api.md): each exports what is
  // documented and nothing else, with the compiled rule set as an opaque handle.
  entry: {
    index: "src/api/kaohe.ts",
    // kaohe without the functions that read text. Being an entry of its own is also what keeps
    // yaml out of a browser bundle of `kaohe` that reads no text: the modules it reaches are then
    // reached by a different set of entries than the YAML reader (src/load/document.ts), so
    // esbuild puts them in different chunks, and the chunk that imports yaml is left out whole
    // (sideEffects: false) instead of dragging yaml's side-effectful modules in.
    "core/index": "src/api/core.ts",
    // Rule sets checked at build time and sealed: scored with no validator in the bundle.
    "sealed/index": "src/api/sealed.ts",
    "node/index": "src/api/node.ts",
    "sheets/index": "src/api/sheets.ts",
    // 明细表, diffs and the other reports: browser-safe, apart from the core.
    "report/index": "src/api/report.ts",
    // The HTTP service: its own entry, so nothing of it is reachable from the core.
    "server/index": "src/server/index.ts",
    "cli/main": "src/cli/main.ts",
  },
  format: ["esm", "cjs"],
  dts: {
    entry: {
      index: "src/api/kaohe.ts",
      "core/index": "src/api/core.ts",
      "sealed/index": "src/api/sealed.ts",
      "node/index": "src/api/node.ts",
      "sheets/index": "src/api/sheets.ts",
      "report/index": "src/api/report.ts",
      "server/index": "src/server/index.ts",
    },
  },
  clean: true,
  sourcemap: false,
  target: "node20",
  // Shared chunks for ESM and (tsup's) CJS: see above.
  splitting: true,
  // The schemas' JSON Schema descriptions are for scripts/gen-schema.mjs only: left out of the
  // built library (7.8 KB of a browser bundle's min+gzip; scripts/strip-docs.mjs).
  esbuildPlugins: [stripDocsPlugin()],
});
