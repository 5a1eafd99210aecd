// Generates the JSON Schema of the rule language from the zod schemas, so editors can complete
// and check YAML/JSON rule files. Run by `npm run build`; the output is committed and shipped.
//
// The zod schemas are internal (not exported by `kaohe`: that would pin zod into the public API,
// docs/api.md), so they are read from the source: esbuild bundles src/schema/ruleset.ts, with zod
// left to the package this script resolves, into node_modules/.cache for this one import.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { z } from "zod";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "node_modules", ".cache", "kaohe");
mkdirSync(cache, { recursive: true });
const out = join(cache, "ruleset-schema.mjs");
await build({
  entryPoints: [join(root, "src", "schema", "ruleset.ts")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  external: ["zod"],
  outfile: out,
  logLevel: "error",
});
const { RuleSetSchema } = await import(pathToFileURL(out).href);

const schema = z.toJSONSchema(RuleSetSchema, {
  io: "input",
  unrepresentable: "any",
  target: "draft-2020-12",
});
schema.$id = "https://kaohe.dev/schema/kaohe-ruleset.schema.json";
schema.title = "kaohe rule set (rule language v1)";
writeFileSync(
  join(root, "schema", "kaohe-ruleset.schema.json"),
  `${JSON.stringify(schema, null, 2)}\n`,
);
