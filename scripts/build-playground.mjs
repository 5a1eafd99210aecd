// Builds dist/playground.html (issue 13: 5): one static page that works opened from a file, with
// no server and no network. The page's script is src/playground/main.ts bundled by esbuild with
// the BUILT browser entries — dist/index.js and dist/sheets/index.js, the true ESM builds a
// bundler gets for `kaohe` and `kaohe/sheets` (the `import` condition without `node`) — and
// fflate and saxes for XLSX, inlined into one <script>; the bundled rule sets and example facts of
// scripts/playground-examples.json go in as JSON data. A Content-Security-Policy allows that one
// script (by its SHA-256) and nothing to fetch. Same sources, same bytes.
//
// Run by `npm run build` after tsup (it needs dist/index.js). `--out <file>` writes the page
// elsewhere than dist/playground.html (the tests build it twice to see the same bytes);
// `--meta <file>` writes the list of files bundled into the page's script.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const read = (f) => readFileSync(join(root, f), "utf8");
const fail = (msg) => {
  console.error(`build-playground: ${msg}`);
  process.exit(1);
};

if (!existsSync(join(dist, "index.js")) || !existsSync(join(dist, "sheets", "index.js")))
  fail("dist/index.js or dist/sheets/index.js is missing: run tsup first (npm run build)");

// The playground's sources import the public API files (src/api/kaohe.ts, src/api/sheets.ts) so
// that they type-check without a build; the page gets the built package instead.
const BUILT = { kaohe: join(dist, "index.js"), sheets: join(dist, "sheets", "index.js") };
const builtEntries = {
  name: "kaohe-built-entries",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/api\/(kaohe|sheets)\.js$/ }, (a) => {
      if (!a.importer.startsWith(join(root, "src", "playground") + sep)) return undefined;
      return { path: BUILT[/(kaohe|sheets)\.js$/.exec(a.path)[1]] };
    });
  },
};

const r = await build({
  entryPoints: [join(root, "src", "playground", "main.ts")],
  bundle: true,
  platform: "browser",
  format: "iife",
  target: ["chrome100", "firefox100", "safari15"],
  minify: true,
  charset: "utf8",
  legalComments: "eof",
  write: false,
  metafile: true,
  logLevel: "silent",
  plugins: [builtEntries],
});
if (r.errors.length) fail(r.errors.map((e) => e.text).join("\n"));

// Only the playground's own files, the built package and the libraries may be in the page: no
// source file of the core (that would not be the build users get) and nothing of Node.
const inputs = Object.keys(r.metafile.inputs);
const stray = inputs.filter(
  (i) => !i.startsWith("src/playground/") && !i.startsWith("dist/") && !i.includes("node_modules/"),
);
if (stray.length) fail(`the page would bundle ${stray.join(", ")}`);
if (!inputs.some((i) => i === "dist/index.js") || !inputs.some((i) => i === "dist/sheets/index.js"))
  fail("the page does not bundle dist/index.js and dist/sheets/index.js");

// Inline, `</script` would end the element early; in the code it can only be in a string, a
// template, a regular expression or a comment, where `<\/script` means the same.
let script = r.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1");
if (/<\/script|<!--/i.test(script))
  fail("the bundle holds </script or <!-- that cannot be escaped");
script = script.trimEnd();

const { examples } = JSON.parse(read("scripts/playground-examples.json"));
const data = examples.map((x) => ({
  id: x.id,
  label: x.label,
  rules: { name: x.rules.split("/").pop(), text: read(x.rules) },
  facts: x.facts.map((f) => ({ name: f.split("/").pop(), text: read(f) })),
}));
// JSON inside <script type="application/json">: `<` escaped so no text can close the element.
const json = JSON.stringify(data).replace(/</g, "\\u003c");

const hash = createHash("sha256").update(script, "utf8").digest("base64");
const csp = [
  "default-src 'none'",
  `script-src 'sha256-${hash}'`,
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
const version = JSON.parse(read("package.json")).version;

// The template's marks: {{CSP}} and {{VERSION}} in place, and the comment holding {{SCRIPTS}}
// replaced whole by the two <script> elements (a mark inside a <script> would not survive Biome).
const scripts =
  `<script type="application/json" id="kaohe-examples">${json}</script>\n` +
  `<script>${script}</script>`;
let html = read("src/playground/page.html");
const once = (mark) => {
  if (html.split(mark).length !== 2) fail(`src/playground/page.html must hold ${mark} once`);
};
once("{{SCRIPTS}}");
html = html.replace(/<!-- \{\{SCRIPTS\}\}[^>]*-->/, () => scripts);
for (const [k, v] of Object.entries({ CSP: csp, VERSION: version })) {
  once(`{{${k}}}`);
  html = html.split(`{{${k}}}`).join(v);
}
if (!html.includes(script))
  fail("src/playground/page.html: the {{SCRIPTS}} comment was not replaced");
const outAt = process.argv.indexOf("--out");
const out = outAt > 0 ? process.argv[outAt + 1] : join(dist, "playground.html");
if (!out) fail("--out needs a file");
writeFileSync(out, html);

const metaAt = process.argv.indexOf("--meta");
if (metaAt > 0)
  writeFileSync(process.argv[metaAt + 1], `${JSON.stringify(inputs.sort(), null, 2)}\n`);

const kb = (n) => Math.round((n / 1024) * 10) / 10;
const bytes = Buffer.byteLength(html);
const gz = gzipSync(html, { level: 9 }).length;
// The script's parts, minified: kaohe (the built dist), the playground's own code, each library.
const parts = {};
for (const [file, { bytesInOutput }] of Object.entries(
  Object.values(r.metafile.outputs)[0].inputs,
)) {
  const part = file.includes("node_modules/")
    ? file.split("node_modules/").pop().split("/")[0]
    : file.startsWith("dist/")
      ? "kaohe"
      : "playground";
  parts[part] = (parts[part] ?? 0) + bytesInOutput;
}
const partsText = Object.entries(parts)
  .sort((a, b) => b[1] - a[1])
  .map(([k, v]) => `${k} ${kb(v)}`)
  .join(", ");
console.log(
  `build-playground: ${relative(root, out)} ${kb(bytes)} KB, ${kb(gz)} KB gzip ` +
    `(script ${kb(Buffer.byteLength(script))} KB: ${partsText}; examples ${kb(Buffer.byteLength(json))} KB)`,
);
