// Records which sources the dist was built from, so tests of the built package can tell a
// stale dist from a fresh one. `node scripts/build-stamp.mjs --check` exits 0 when dist/ was
// built from the current sources, 1 otherwise; the build writes the stamp (scripts/esm-wrappers.mjs).
// The stamp lives in node_modules/.cache, not in dist/, so it is never published.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const STAMP = join(root, "node_modules", ".cache", "kaohe", "build-inputs.sha256");
const FILES = [
  "package.json",
  "tsconfig.json",
  "tsup.config.ts",
  "scripts/esm-wrappers.mjs",
  "scripts/gen-schema.mjs",
  "scripts/strip-docs.mjs",
  "scripts/build-playground.mjs",
  "scripts/playground-examples.json",
];

/** The rule sets and example facts the playground page inlines (scripts/playground-examples.json). */
function playgroundFiles() {
  const { examples } = JSON.parse(
    readFileSync(join(root, "scripts/playground-examples.json"), "utf8"),
  );
  return examples.flatMap((x) => [x.rules, ...x.facts]);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * A hash of everything the build reads: src/ (tests excluded), the build configuration, and the
 * playground's page template and the rule sets and examples it inlines.
 */
export function inputsHash() {
  const h = createHash("sha256");
  for (const f of inputFiles()) {
    h.update(relative(root, f));
    h.update("\0");
    h.update(existsSync(f) ? readFileSync(f) : "");
    h.update("\0");
  }
  return h.digest("hex");
}

/** The files the build reads, sorted: what inputsHash hashes. */
export function inputFiles() {
  return [
    ...[...FILES, ...playgroundFiles()].map((f) => join(root, f)),
    ...walk(join(root, "src")).filter(
      (f) =>
        (f.endsWith(".ts") && !f.endsWith(".test.ts")) ||
        // The playground's page template and its own tsconfig (scripts/build-playground.mjs).
        (f.startsWith(join(root, "src", "playground")) && !f.endsWith(".test.ts")),
    ),
  ].sort();
}

export function writeStamp(hash) {
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${hash}\n`);
}

export function isFresh() {
  if (!existsSync(join(root, "dist", "index.node.mjs")) || !existsSync(STAMP)) return false;
  if (!existsSync(join(root, "dist", "playground.html"))) return false;
  return readFileSync(STAMP, "utf8").trim() === inputsHash();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--check")) process.exit(isFresh() ? 0 : 1);
}
