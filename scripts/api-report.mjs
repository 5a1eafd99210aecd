// The API report: what each package entry exports, as its built .d.ts declares it, normalized —
// etc/api/kaohe.api.md, kaohe-core.api.md, kaohe-sealed.api.md, kaohe-node.api.md, kaohe-sheets.api.md,
// kaohe-report.api.md and kaohe-server.api.md. Checked in, so that a change to the public API is
// seen in review; test/api-report.test.ts fails when the build differs.
//
//   npm run api:update                    (re)writes the reports from dist/ (build first)
//   node scripts/api-report.mjs --check   exit 1, saying what differs, when they are not current
//
// It reads the .d.ts with the project's own TypeScript, in one program for the five entries:
// each export is printed from its declaration (doc comments dropped, private members dropped,
// every name as the public API spells it, whichever chunk file tsup put it in), sorted by name.
// A type an entry uses but does not export is listed under its entry, or, when no entry exports
// it, under "Not exported" — a problem, except for the brands of opaque handles (unique symbols).
// Also problems: an export without a doc comment, a function without an `@example` showing a
// result (`//=>`), and zod anywhere in the API (docs/api.md says why). Why this script and not
// API Extractor: docs/api.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ENTRIES = [
  { name: "kaohe", dts: "dist/index.d.ts", report: "etc/api/kaohe.api.md" },
  { name: "kaohe/core", dts: "dist/core/index.d.ts", report: "etc/api/kaohe-core.api.md" },
  { name: "kaohe/sealed", dts: "dist/sealed/index.d.ts", report: "etc/api/kaohe-sealed.api.md" },
  { name: "kaohe/node", dts: "dist/node/index.d.ts", report: "etc/api/kaohe-node.api.md" },
  { name: "kaohe/sheets", dts: "dist/sheets/index.d.ts", report: "etc/api/kaohe-sheets.api.md" },
  { name: "kaohe/report", dts: "dist/report/index.d.ts", report: "etc/api/kaohe-report.api.md" },
  { name: "kaohe/server", dts: "dist/server/index.d.ts", report: "etc/api/kaohe-server.api.md" },
];

/** The reports, by path relative to the repository, and the problems found. */
export function apiReports() {
  const program = ts.createProgram(
    ENTRIES.map((e) => join(root, e.dts)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts"],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
  );
  const checker = program.getTypeChecker();
  const dist = join(root, "dist") + sep;
  const target = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const inDist = (s) => s.declarations?.some((d) => d.getSourceFile().fileName.startsWith(dist));
  const packageOf = (s) => {
    const f = s.declarations?.[0]?.getSourceFile().fileName ?? "";
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    return m && m[1] !== "typescript" ? m[1] : null;
  };

  // Every export of every entry, and the public name of each declaration (first entry wins).
  const exported = new Map(); // entry name -> [{ name, symbol }]
  const publicName = new Map(); // target symbol -> { entry, name }
  for (const e of ENTRIES) {
    const sf = program.getSourceFile(join(root, e.dts));
    if (!sf) throw new Error(`api-report: ${e.dts} is missing; run npm run build first`);
    const list = checker
      .getExportsOfModule(checker.getSymbolAtLocation(sf))
      .map((s) => ({ name: s.name, symbol: target(s) }))
      .sort((a, b) => cmp(a.name, b.name));
    exported.set(e.name, list);
    for (const x of list)
      if (!publicName.has(x.symbol)) publicName.set(x.symbol, { entry: e.name, name: x.name });
  }
  // A type alias of the engine that is the very type a public alias names (the engine's Decimal
  // and the public Decimal, a union both spell out) is written with the public name.
  // Unions are compared by their members: each alias of a union gets its own union type object.
  const typeKey = (sym) => {
    const t = checker.getDeclaredTypeOfSymbol(sym);
    return t.isUnion() ? `U${t.types.map((x) => x.id).sort((a, b) => a - b)}` : `T${t.id}`;
  };
  const publicByType = new Map(); // type key -> { entry, name }
  for (const [sym, pub] of publicName)
    if (sym.flags & ts.SymbolFlags.TypeAlias && !publicByType.has(typeKey(sym)))
      publicByType.set(typeKey(sym), pub);

  const problems = [];
  const reports = new Map();
  const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
  for (const e of ENTRIES) {
    const elsewhere = new Map(); // name -> entry
    // What this entry exports itself is not from elsewhere, though an earlier entry exports it too
    // (kaohe/core's names are kaohe's).
    // Type aliases are compared as types: each entry's .d.ts may declare its own copy.
    const own = new Set((exported.get(e.name) ?? []).map((x) => x.symbol));
    const ownTypes = new Set(
      [...own].filter((x) => x.flags & ts.SymbolFlags.TypeAlias).map((x) => typeKey(x)),
    );
    const hidden = new Map(); // symbol -> printed
    const deps = new Set();

    /** The name a referenced symbol is written with, noting where it comes from. */
    const nameOf = (sym, id) => {
      if (sym.flags & ts.SymbolFlags.TypeParameter) return id.text;
      const asType = ts.isTypeReferenceNode(id.parent) && sym.flags & ts.SymbolFlags.TypeAlias;
      const pub = publicName.get(sym) ?? (asType ? publicByType.get(typeKey(sym)) : undefined);
      if (pub) {
        const mine =
          own.has(sym) || (sym.flags & ts.SymbolFlags.TypeAlias && ownTypes.has(typeKey(sym)));
        if (pub.entry !== e.name && !mine) elsewhere.set(pub.name, pub.entry);
        return pub.name;
      }
      const pkg = packageOf(sym);
      if (pkg) {
        deps.add(`${pkg}: ${sym.name}`);
        return `import("${pkg}").${sym.name}`;
      }
      if (inDist(sym) && !hidden.has(sym)) {
        hidden.set(sym, null);
        hidden.set(sym, print(sym, sym.name, false));
      }
      return inDist(sym) ? sym.name : id.text;
    };

    /** A declaration with names resolved, modifiers and private members dropped. */
    const clean = (node) =>
      ts.transform(node, [
        (ctx) => {
          const visit = (n) => {
            if (ts.isIdentifier(n) && isReference(n)) {
              const s = checker.getSymbolAtLocation(n);
              return s ? ts.factory.createIdentifier(nameOf(target(s), n)) : n;
            }
            if (
              (ts.isPropertyDeclaration(n) || ts.isMethodDeclaration(n) || ts.isAccessor(n)) &&
              (n.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) ||
                ts.isPrivateIdentifier(n.name))
            )
              return undefined;
            return ts.visitEachChild(n, visit, ctx);
          };
          return (n) => ts.visitNode(n, visit);
        },
      ]).transformed[0];

    const text = (node, sf) => printer.printNode(ts.EmitHint.Unspecified, node, sf);
    const KEEP = new Set([
      ts.SyntaxKind.ReadonlyKeyword,
      ts.SyntaxKind.AbstractKeyword,
      ts.SyntaxKind.ConstKeyword,
    ]);
    const mods = (d) => d.modifiers?.filter((m) => KEEP.has(m.kind)) ?? undefined;

    /** Every declaration of a symbol, as `export …` (or without export, for hidden ones). */
    function print(sym, name, isExport) {
      const out = [];
      const id = ts.factory.createIdentifier(name);
      for (const d0 of sym.declarations ?? []) {
        const sf = d0.getSourceFile();
        let s;
        if (ts.isVariableDeclaration(d0)) {
          const d = clean(d0);
          const decl = ts.factory.updateVariableDeclaration(d, id, undefined, d.type, undefined);
          const flags = d0.parent.flags & ts.NodeFlags.Const ? "const" : "let";
          s = `${flags} ${text(decl, sf)};`;
        } else if (ts.isTypeAliasDeclaration(d0) && queriesHiddenValue(d0)) {
          // A type defined through a value kaohe keeps to itself (IssueCode = keyof typeof
          // MESSAGES): written out, so that the report shows what the type is.
          s = `type ${name} = ${expand(checker.getDeclaredTypeOfSymbol(sym))};`;
        } else if (
          ts.isFunctionDeclaration(d0) ||
          ts.isInterfaceDeclaration(d0) ||
          ts.isTypeAliasDeclaration(d0) ||
          ts.isClassDeclaration(d0) ||
          ts.isEnumDeclaration(d0) ||
          ts.isModuleDeclaration(d0)
        ) {
          const d = clean(d0);
          const f = ts.factory;
          const m = mods(d);
          const node = ts.isFunctionDeclaration(d)
            ? f.updateFunctionDeclaration(
                d,
                m,
                d.asteriskToken,
                id,
                d.typeParameters,
                d.parameters,
                d.type,
                undefined,
              )
            : ts.isInterfaceDeclaration(d)
              ? f.updateInterfaceDeclaration(
                  d,
                  m,
                  id,
                  d.typeParameters,
                  d.heritageClauses,
                  d.members,
                )
              : ts.isTypeAliasDeclaration(d)
                ? f.updateTypeAliasDeclaration(d, m, id, d.typeParameters, d.type)
                : ts.isClassDeclaration(d)
                  ? f.updateClassDeclaration(
                      d,
                      m,
                      id,
                      d.typeParameters,
                      d.heritageClauses,
                      d.members,
                    )
                  : ts.isEnumDeclaration(d)
                    ? f.updateEnumDeclaration(d, m, id, d.members)
                    : f.updateModuleDeclaration(d, m, id, d.body);
          s = text(node, sf);
        } else {
          s = `/* ${ts.SyntaxKind[d0.kind]} */ ${name}`;
        }
        out.push(isExport ? `export ${s}` : s);
      }
      return out.join("\n");
    }

    /** Whether a type alias reads a value through `typeof` that no entry exports. */
    function queriesHiddenValue(decl) {
      let found = false;
      const walk = (n) => {
        if (ts.isTypeQueryNode(n)) {
          const first = ts.isIdentifier(n.exprName) ? n.exprName : leftmost(n.exprName);
          const s = checker.getSymbolAtLocation(first);
          if (s && !publicName.has(target(s)) && inDist(target(s))) found = true;
        }
        ts.forEachChild(n, walk);
      };
      walk(decl.type);
      return found;
    }

    /** A type written out; a union of literals one per line, sorted. */
    function expand(type) {
      const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias;
      if (type.isUnion() && type.types.every((t) => t.isLiteral()))
        return `\n${type.types
          .map((t) => checker.typeToString(t, undefined, flags))
          .sort(cmp)
          .map((t) => `    | ${t}`)
          .join("\n")}`;
      return checker.typeToString(type, undefined, flags);
    }

    const body = [];
    for (const x of exported.get(e.name)) {
      body.push(print(x.symbol, x.name, true));
      checkDocs(x, e.name);
    }
    const hiddenList = [...hidden.entries()]
      .map(([sym, s]) => ({ sym, s }))
      .sort((a, b) => cmp(a.sym.name, b.sym.name));
    for (const { sym } of hiddenList) {
      const brand = sym.declarations?.every(
        (d) => ts.isVariableDeclaration(d) && d.type?.kind === ts.SyntaxKind.TypeOperator,
      );
      if (!brand)
        problems.push(
          `${e.name}: ${sym.name} is part of the API but no entry exports it: export it, or keep it out of public signatures`,
        );
    }
    for (const d of deps)
      if (d.startsWith("zod:")) problems.push(`${e.name}: zod is in the public API (${d})`);

    const lines = [
      `# API report: \`${e.name}\``,
      "",
      `Generated by \`npm run api:update\` (scripts/api-report.mjs) from \`${e.dts}\`: do not edit.`,
      "`test/api-report.test.ts` fails when the built API differs from this file; then run",
      "`npm run api:update`, review the diff, and record the change in CHANGELOG.md (docs/api.md).",
      "",
      "```ts",
      body.join("\n\n"),
      "```",
      "",
      "## Types from other entries",
      "",
      ...(elsewhere.size
        ? [...elsewhere.entries()]
            .sort((a, b) => cmp(a[0], b[0]))
            .map(([n, from]) => `- \`${n}\`: \`${from}\``)
        : ["(none)"]),
      "",
      "## Not exported",
      "",
      "Named in the API but exported by no entry: only the brands of opaque handles may be here.",
      "",
      ...(hiddenList.length ? ["```ts", hiddenList.map((h) => h.s).join("\n"), "```"] : ["(none)"]),
      "",
      "## From dependencies",
      "",
      ...(deps.size ? [...deps].sort(cmp).map((d) => `- \`${d}\``) : ["(none)"]),
      "",
    ];
    reports.set(e.report, lines.join("\n"));
  }

  function checkDocs(x, entry) {
    const doc = ts.displayPartsToString(x.symbol.getDocumentationComment(checker)).trim();
    if (!doc) problems.push(`${entry}: ${x.name} has no doc comment`);
    const isFunction = x.symbol.flags & ts.SymbolFlags.Function;
    if (isFunction) {
      const examples = x.symbol
        .getJsDocTags(checker)
        .filter((t) => t.name === "example")
        .map((t) => ts.displayPartsToString(t.text));
      if (!examples.some((t) => t.includes("//=>")))
        problems.push(`${entry}: ${x.name} has no @example showing a result with //=>`);
    }
  }

  return { reports, problems };
}

/** Whether an identifier names something: a type, a `typeof` value, a base, a computed key. */
function isReference(id) {
  const p = id.parent;
  return (
    (ts.isTypeReferenceNode(p) && p.typeName === id) ||
    (ts.isExpressionWithTypeArguments(p) && p.expression === id) ||
    (ts.isTypeQueryNode(p) && p.exprName === id) ||
    (ts.isComputedPropertyName(p) && p.expression === id)
  );
}

function leftmost(q) {
  let n = q;
  while (ts.isQualifiedName(n)) n = n.left;
  return n;
}

function cmp(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

// Run as a script.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes("--check");
  const { reports, problems } = apiReports();
  const stale = [];
  for (const [file, text] of reports) {
    const path = join(root, file);
    let old = null;
    try {
      old = readFileSync(path, "utf8");
    } catch {}
    if (old === text) continue;
    if (check) stale.push(file);
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      console.log(`api-report: wrote ${relative(root, path)}`);
    }
  }
  for (const p of problems) console.error(`api-report: ${p}`);
  if (stale.length)
    console.error(
      `api-report: the public API differs from ${stale.join(", ")}.\n` +
        "Run `npm run api:update`, review the diff of etc/api/, and record the change in CHANGELOG.md.",
    );
  if (stale.length || problems.length) process.exitCode = 1;
}
