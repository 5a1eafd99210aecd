// Takes the JSON Schema descriptions out of the built library (issue 12: 2).
//
// The rule language's zod schemas carry an English description on most fields
// (`.check(z.meta({ description: "…" }))`), for scripts/gen-schema.mjs, which turns them into the
// shipped JSON Schema (schema/*.json, Chinese added from scripts/schema-zh.json). Nothing in the
// library reads them when it runs: a description changes no parse, no issue and no message. Yet
// they were 22 KB minified, 7.8 KB min+gzip, of every browser bundle of the core.
//
// So `npm run build` (tsup.config.ts) passes the schema sources through `stripDocs`: with the
// TypeScript parser, every `.check(…)` call whose arguments are all `z.meta(…)` calls is removed,
// the schema before it kept as it is. The descriptions stay in the source beside their fields,
// where they are written and reviewed; gen-schema.mjs bundles the source without this step, so the
// JSON Schema keeps them. test/strip-docs.test.ts holds that the built files carry none of them
// and that this function removes exactly those calls.
import { readFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import ts from "typescript";

/** Whether `node` is a call of `z.meta(…)`. */
const isMeta = (node) =>
  ts.isCallExpression(node) &&
  ts.isPropertyAccessExpression(node.expression) &&
  ts.isIdentifier(node.expression.expression) &&
  node.expression.expression.text === "z" &&
  node.expression.name.text === "meta";

/**
 * `text` (a TypeScript module) with every `.check(z.meta(…), …)` call whose arguments are all
 * `z.meta` calls removed; `{ text, removed }` where `removed` counts the calls. A `z.meta` call
 * anywhere else is left alone (and counted in `kept`): the test on the built files then names it.
 */
export function stripDocs(text, fileName = "schema.ts") {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const cuts = [];
  let kept = 0;
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "check" &&
      node.arguments.length > 0 &&
      node.arguments.every(isMeta)
    ) {
      // From the end of the schema the check is called on to the end of the call: `.check(…)`.
      cuts.push([node.expression.expression.end, node.end]);
      // What it is called on may itself hold a `.check(z.meta(…))`.
      visit(node.expression.expression);
      return;
    }
    if (isMeta(node)) kept++;
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = text;
  for (const [from, to] of cuts.sort((a, b) => b[0] - a[0]))
    out = out.slice(0, from) + out.slice(to);
  return { text: out, removed: cuts.length, kept };
}

/** An esbuild plugin applying `stripDocs` to the TypeScript files under `<root>/src/` that call `z.meta`. */
export function stripDocsPlugin(root = process.cwd()) {
  const src = join(resolve(root), "src") + sep;
  return {
    name: "kaohe-strip-docs",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(src)) return undefined;
        const text = await readFile(args.path, "utf8");
        if (!text.includes("z.meta(")) return undefined;
        return { contents: stripDocs(text, args.path).text, loader: "ts" };
      });
    },
  };
}
