/*
 * The BUILT package, as Node loads it: `kaohe` and `kaohe/node` from ESM and CJS are one library
 * (one core, one KaoheError, one Decimal clone), the core stays browser-safe, and decimal.js
 * settings leak neither in nor out.
 *
 * Each check runs in a child `node` process, resolving `kaohe` by its own name (a package may
 * import itself through its "exports"), because vitest's module loader is not Node's: it would
 * neither apply the export conditions as Node does nor give a fresh decimal.js.
 *
 * The dist must match the sources: beforeAll rebuilds it (`npm run build`) unless the stamp the
 * build writes (scripts/build-stamp.mjs, a hash of src/ and the build configuration) is current,
 * so a stale dist is never what is tested. After `npm ci` (whose prepare step builds) it is.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const FACTS = "examples/hubei-2009-h1-units.yaml";
// Scores of two example units (the same as `npm run demo` ranks them).
const EXPECTED = { 某某县: "67.7", 江岸区: "93.4" };

beforeAll(() => {
  const fresh = spawnSync(process.execPath, ["scripts/build-stamp.mjs", "--check"], { cwd: root });
  if (fresh.status !== 0) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
}, 180_000);

/** Runs a script with the machine's node in the repository root; returns its JSON output. */
function run(kind: "esm" | "cjs", code: string): Record<string, unknown> {
  const args = kind === "esm" ? ["--input-type=module", "-e", code] : ["-e", code];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node exited ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() as string);
}

// Shared by the ESM and CJS scripts: load with kaohe/node, score with kaohe, fail with kaohe/node.
const CHECK = `function check(core, node) {
const crs = node.compileRuleSetFile(${JSON.stringify(RULES)});
const loaded = node.loadUnitsFile(${JSON.stringify(FACTS)});
if (loaded.issues.length) throw new Error(JSON.stringify(loaded.issues));
const totals = {};
for (const id of ${JSON.stringify(Object.keys(EXPECTED))}) {
  const r = core.scoreUnit(crs, loaded.units.find((u) => u.id === id));
  totals[id] = r.ok ? r.total.toFixed() : r.issues;
}
let err;
try { node.compileRuleSetFile("no/such/rules.yaml"); } catch (e) { err = e; }
return {
  totals,
  instanceOf: err instanceof core.KaoheError,
  sameClass: Object.getPrototypeOf(err) === core.KaoheError.prototype,
  code: err.issues[0].code,
};
}
`;

describe("kaohe and kaohe/node are one library (built dist)", () => {
  it("ESM: kaohe/node loads, kaohe scores, errors are KaoheErrors of kaohe", () => {
    const out = run(
      "esm",
      `import * as core from "kaohe"; import * as node from "kaohe/node";
       ${CHECK} console.log(JSON.stringify(check(core, node)));`,
    );
    expect(out).toEqual({ totals: EXPECTED, instanceOf: true, sameClass: true, code: "E_FILE" });
  });

  it("CJS: the same with require", () => {
    const out = run(
      "cjs",
      `const core = require("kaohe"); const node = require("kaohe/node");
       ${CHECK} console.log(JSON.stringify(check(core, node)));`,
    );
    expect(out).toEqual({ totals: EXPECTED, instanceOf: true, sameClass: true, code: "E_FILE" });
  });

  it("import and require in one process, and the CLI, share one core", () => {
    const out = run(
      "esm",
      `import * as esm from "kaohe"; import * as esmNode from "kaohe/node";
       import { createRequire } from "node:module";
       const require = createRequire(process.cwd() + "/");
       const cjs = require("kaohe"); const cjsNode = require("kaohe/node");
       const cli = require("./dist/cli/main.cjs");
       const mixes = [[esm, cjsNode], [cjs, esmNode], [esm, esmNode], [cjs, cjsNode]];
       ${CHECK} const results = mixes.map(([core, node]) => check(core, node));
       const crs = esmNode.compileRuleSetFile(${JSON.stringify(RULES)});
       const unit = cjsNode.loadUnitsFile(${JSON.stringify(FACTS)}).units[0];
       const a = esm.scoreUnit(crs, unit), b = cjs.scoreUnit(crs, unit);
       const cached = Object.keys(require.cache).map((f) => f.slice(process.cwd().length + 1));
       console.log(JSON.stringify({
         results,
         same: ["KaoheError", "Decimal", "scoreUnit", "CN_CALENDAR", "CalendarYearError"]
           .filter((k) => esm[k] !== cjs[k]),
         sameNode: Object.keys(esmNode).filter((k) => esmNode[k] !== cjsNode[k]),
         engineDecimal: a.total.constructor === b.total.constructor,
         cliRuns: typeof cli.run,
         decimalJs: cached.filter((f) => /decimal\\.js/.test(f)),
         entries: cached.filter((f) => f.startsWith("dist/")).sort(),
       }));`,
    );
    const one = { totals: EXPECTED, instanceOf: true, sameClass: true, code: "E_FILE" };
    expect(out.results).toEqual([one, one, one, one]);
    expect(out.same).toEqual([]);
    expect(out.sameNode).toEqual([]);
    expect(out.engineDecimal).toBe(true);
    expect(out.cliRuns).toBe("function");
    // One decimal.js (its CJS file), and only CJS files of the dist: no ESM copy of the core.
    expect(out.decimalJs).toEqual(["node_modules/decimal.js/decimal.js"]);
    expect((out.entries as string[]).every((f) => f.endsWith(".cjs"))).toBe(true);
  });

  it("the true ESM build (for bundlers) also shares one core between its entries", () => {
    const out = run(
      "esm",
      `const core = await import("./dist/index.js"); const node = await import("./dist/node/index.js");
       ${CHECK} console.log(JSON.stringify(check(core, node)));`,
    );
    expect(out).toEqual({ totals: EXPECTED, instanceOf: true, sameClass: true, code: "E_FILE" });
  });

  it("defines each class of the core once per format (entries import shared chunks)", () => {
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    const all = files("dist");
    for (const ext of [".js", ".cjs"]) {
      const text = all
        .filter((f) => f.endsWith(ext))
        .map((f) => readFileSync(join(root, f), "utf8"));
      const count = (re: RegExp) => text.reduce((n, t) => n + (t.match(re)?.length ?? 0), 0);
      // esbuild writes `var KaoheError = class _KaoheError extends Error`.
      expect(count(/\bclass KaoheError\b|\bKaoheError = class\b/g), ext).toBe(1);
      expect(count(/\bclass CalendarYearError\b|\bCalendarYearError = class\b/g), ext).toBe(1);
      expect(count(/function isolatedClone\b/g), ext).toBe(1);
    }
  });

  it("KaoheError is recognised across copies by its brand (e.g. a bundle of both builds)", () => {
    const out = run(
      "esm",
      `import { createRequire } from "node:module";
       const require = createRequire(process.cwd() + "/");
       const esm = await import("./dist/index.js"); const cjs = require("./dist/index.cjs");
       class Sub extends cjs.KaoheError {}
       console.log(JSON.stringify({
         distinct: esm.KaoheError !== cjs.KaoheError,
         esmIsCjs: new esm.KaoheError([]) instanceof cjs.KaoheError,
         cjsIsEsm: new cjs.KaoheError([]) instanceof esm.KaoheError,
         subIsBase: new Sub([]) instanceof esm.KaoheError,
         baseIsSub: new cjs.KaoheError([]) instanceof Sub,
         plainError: new Error("x") instanceof cjs.KaoheError,
         notObject: [null, undefined, 1, "x"].some((v) => v instanceof esm.KaoheError),
       }));`,
    );
    expect(out).toEqual({
      distinct: true,
      esmIsCjs: true,
      cjsIsEsm: true,
      subIsBase: true,
      baseIsSub: false,
      plainError: false,
      notObject: false,
    });
  });
});

describe("the bundled rule sets and examples are reachable through the exports map", () => {
  // Every file a user may want by name: each rule set's rules.yaml, its cases, params and
  // source text, and the examples. Resolved by package name, as an application would.
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
    );
  const shipped = [...walk("rules"), ...walk("examples"), ...walk("schema")];

  it("require.resolve and import.meta.resolve find every file under rules/ and examples/", () => {
    expect(shipped.filter((f) => f.endsWith("/rules.yaml")).length).toBeGreaterThanOrEqual(5);
    expect(shipped).toContain("examples/hubei-2009-h1.xlsx");
    const names = JSON.stringify(shipped.map((f) => `kaohe/${f}`));
    const cjs = run(
      "cjs",
      `const path = require("node:path");
       const out = ${names}.map((n) => path.relative(process.cwd(), require.resolve(n)));
       console.log(JSON.stringify({ out }));`,
    );
    expect(cjs.out).toEqual(shipped);
    const esm = run(
      "esm",
      `import { relative } from "node:path"; import { fileURLToPath } from "node:url";
       const out = ${names}.map((n) => relative(process.cwd(), fileURLToPath(import.meta.resolve(n))));
       console.log(JSON.stringify({ out }));`,
    );
    expect(esm.out).toEqual(shipped);
  });

  it("a rule set found by package name compiles and scores the shipped example", () => {
    const r = run(
      "cjs",
      `const node = require("kaohe/node"), core = require("kaohe");
       const crs = node.compileRuleSetFile(require.resolve("kaohe/${RULES}"));
       const { units } = node.loadUnitsFile(require.resolve("kaohe/${FACTS}"));
       const u = core.scoreUnit(crs, units.find((x) => x.id === "某某县"));
       console.log(JSON.stringify({ total: u.total.toFixed() }));`,
    );
    expect(r.total).toBe(EXPECTED.某某县);
  });

  it("the package's files list ships both folders, and src/ and test/ stay out", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: root,
      encoding: "utf8",
    });
    const packed: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    for (const f of shipped) expect(packed).toContain(f);
    expect(packed.some((f) => f.startsWith("src/") || f.startsWith("test/"))).toBe(false);
  }, 60_000);
});

describe("the core stays browser-safe (built dist)", () => {
  it("`kaohe` resolves to the true ESM build for the browser, with no Node built-ins", async () => {
    const { build } = await import("esbuild");
    const r = await build({
      stdin: {
        contents: `export { scoreUnit, compileRuleText, Decimal } from "kaohe";`,
        resolveDir: root,
      },
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      metafile: true,
    });
    expect(r.errors).toEqual([]);
    const inputs = Object.keys(r.metafile?.inputs ?? {});
    expect(inputs).toContain("dist/index.js");
    expect(
      inputs.filter((i) => i.startsWith("dist/") && !/^dist\/(index|chunk-\w+)\.js$/.test(i)),
    ).toEqual([]);
    expect(inputs.some((i) => i.startsWith("node:") || /(^|\/)(fs|path|os|process)$/.test(i))).toBe(
      false,
    );
  });
});

describe("kaohe/core: kaohe without reading text, and without yaml (built dist)", () => {
  // The functions of `kaohe` that read text (YAML or JSON); kaohe/core has every other export.
  const TEXT = [
    "MAX_INPUT_BYTES",
    "compileRuleText",
    "loadRuleSet",
    "parseCases",
    "parseUnits",
    "runCases",
  ];

  it("exports the very values kaohe exports, all but the text readers, from ESM and CJS", () => {
    for (const kind of ["esm", "cjs"] as const) {
      const load =
        kind === "esm"
          ? `const k = await import("kaohe"), c = await import("kaohe/core");`
          : `const k = require("kaohe"), c = require("kaohe/core");`;
      const out = run(
        kind,
        `${load}
         console.log(JSON.stringify({
           missing: Object.keys(k).filter((n) => !(n in c)).sort(),
           extra: Object.keys(c).filter((n) => !(n in k)),
           different: Object.keys(c).filter((n) => c[n] !== k[n]),
         }));`,
      );
      expect(out, kind).toEqual({ missing: TEXT, extra: [], different: [] });
    }
  });

  it("an issue's words are kaohe's, and zod's classic API is never loaded", () => {
    // zod/mini installs no locale; kaohe passes its own words to each parse (ZOD_PARSE): a text
    // too short (an empty ref.doc) is said in Chinese, whatever else the process loads.
    const ruleSet = {
      kaohe: 1,
      id: "t",
      title: "t",
      documents: [{ id: "d", title: "d" }],
      policy: { rounding: { places: 2, mode: "half-up", at: "total" }, missingFact: "error" },
      facts: [{ id: "n", label: "n", type: "number" }],
      tree: [
        {
          id: "A",
          title: "A",
          points: 3,
          clauses: [
            {
              id: "A.c",
              type: "fixed",
              when: { fact: "n", gt: 1 },
              amount: 3,
              text: "x",
              ref: { doc: "" },
            },
          ],
        },
      ],
    };
    const out = run(
      "cjs",
      `const c = require("kaohe/core");
       const r = c.validateRuleSet(${JSON.stringify(ruleSet)});
       console.log(JSON.stringify({
         codes: r.issues.map((i) => i.code),
         words: r.issues.some((i) => i.message === "不能是空的文字"),
         classic: Object.keys(require.cache).filter((f) => /zod[\\/]v4[\\/]classic/.test(f)),
         mini: Object.keys(require.cache).some((f) => /zod[\\/]v4[\\/]mini/.test(f)),
       }));`,
    );
    expect(out.codes).toContain("E_INVALID");
    expect(out).toMatchObject({ words: true, classic: [], mini: true });
  });

  it("a browser bundle that reads no text carries no yaml, from kaohe or kaohe/core", async () => {
    const { build } = await import("esbuild");
    const inputsOf = async (contents: string) => {
      const r = await build({
        stdin: { contents, resolveDir: root },
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        logLevel: "silent",
        metafile: true,
      });
      // What is in the output: a file the bundler read but shook out entirely weighs 0 bytes.
      const out = Object.values(r.metafile?.outputs ?? {})[0]?.inputs ?? {};
      return {
        read: Object.keys(r.metafile?.inputs ?? {}),
        kept: Object.keys(out).filter((i) => (out[i]?.bytesInOutput ?? 0) > 0),
      };
    };
    const yaml = (r: { kept: string[] }) => r.kept.filter((i) => /node_modules\/yaml\//.test(i));
    const fromCore = await inputsOf(`export * from "kaohe/core";`);
    expect(fromCore.read).toContain("dist/core/index.js");
    expect(yaml(fromCore)).toEqual([]);
    // The same functions taken from `kaohe`: its chunk that imports yaml is left out whole.
    const fromKaohe = await inputsOf(
      `export { validateRuleSet, compileRuleSet, scoreUnit, scoreCohort, renderExplanation } from "kaohe";`,
    );
    expect(fromKaohe.read).toContain("dist/index.js");
    expect(yaml(fromKaohe)).toEqual([]);
    // Reading text does bring it: the check above can fail.
    expect(yaml(await inputsOf(`export { compileRuleText } from "kaohe";`)).length).toBeGreaterThan(
      0,
    );
  });
});

describe("kaohe/sealed: sealed rule sets scored without the validator (built dist)", () => {
  it("exports kaohe's own functions, not copies, from ESM and CJS", () => {
    for (const kind of ["esm", "cjs"] as const) {
      const load =
        kind === "esm"
          ? `const k = await import("kaohe"), s = await import("kaohe/sealed");`
          : `const k = require("kaohe"), s = require("kaohe/sealed");`;
      const out = run(
        kind,
        `${load}
         console.log(JSON.stringify({
           names: Object.keys(s).sort(),
           different: Object.keys(s).filter((n) => s[n] !== k[n]),
         }));`,
      );
      expect(out, kind).toEqual({
        names: [
          "KaoheError",
          "cohortToJSON",
          "compileSealedRuleSet",
          "formatIssue",
          "openSealedRuleSet",
          "outcomeToJSON",
          "renderExplanation",
          "scoreCohort",
          "scoreUnit",
          "scoreUnits",
        ],
        different: [],
      });
    }
  });

  it("a rule set sealed by kaohe scores the example in a process that never loads zod", () => {
    const out = run(
      "cjs",
      `const node = require("kaohe/node"), k = require("kaohe");
       const loaded = node.loadRuleSetFile(${JSON.stringify(RULES)});
       const text = JSON.stringify(k.sealRuleSet(loaded.ruleSet));
       for (const f of Object.keys(require.cache)) delete require.cache[f];
       const s = require("kaohe/sealed");
       const crs = s.compileSealedRuleSet(JSON.parse(text));
       const units = node.loadUnitsFile(${JSON.stringify(FACTS)}).units;
       const r = s.scoreUnit(crs, units.find((u) => u.id === "某某县"));
       const zod = Object.keys(require.cache).filter((f) => /node_modules[\\/]zod[\\/]/.test(f));
       console.log(JSON.stringify({ total: r.ok && r.total.toFixed(), zod }));`,
    );
    expect(out).toEqual({ total: EXPECTED["某某县"], zod: [] });
  });

  it("a browser bundle of kaohe/sealed carries no zod, no schema and no lint", async () => {
    const { build } = await import("esbuild");
    const bundle = async (contents: string) => {
      const r = await build({
        stdin: { contents, resolveDir: root },
        bundle: true,
        platform: "browser",
        format: "esm",
        write: false,
        logLevel: "silent",
        metafile: true,
      });
      const out = Object.values(r.metafile?.outputs ?? {})[0]?.inputs ?? {};
      const kept = Object.keys(out).filter((i) => (out[i]?.bytesInOutput ?? 0) > 0);
      return { kept, text: r.outputFiles?.[0]?.text ?? "" };
    };
    // The bundle is not minified, so the validator's functions keep their names.
    const VALIDATOR =
      /\bfunction (lintRuleSet|lintClauses|lintCohort|mapZodIssues|validateRuleSet)\b|\bRuleSetSchema\b/g;
    const heavy = (t: string) => [...new Set([...t.matchAll(VALIDATOR)].map((m) => m[0]))];
    const sealed = await bundle(
      `export { compileSealedRuleSet, scoreUnit, scoreCohort, renderExplanation } from "kaohe/sealed";`,
    );
    expect(sealed.kept.filter((i) => /node_modules\/(zod|yaml)\//.test(i))).toEqual([]);
    expect(heavy(sealed.text)).toEqual([]);
    expect(sealed.text).toMatch(/\bfunction sealDigest\b/);
    // The same functions from kaohe/core with validateRuleSet do bring them: the check can fail.
    const core = await bundle(
      `export { validateRuleSet, compileRuleSet, scoreUnit } from "kaohe/core";`,
    );
    expect(core.kept.some((i) => /node_modules\/zod\//.test(i))).toBe(true);
    expect(heavy(core.text).length).toBe(6);
  });
});

describe("the HTTP service stays out of the core (built dist)", () => {
  it("nothing of kaohe/server is reachable from kaohe, in either build", async () => {
    const { build } = await import("esbuild");
    const bundle = async (contents: string, platform: "browser" | "node") => {
      const r = await build({
        stdin: { contents, resolveDir: root },
        bundle: true,
        platform,
        format: "esm",
        write: false,
        logLevel: "silent",
        metafile: true,
      });
      return {
        text: r.outputFiles.map((f) => f.text).join(""),
        inputs: Object.keys(r.metafile?.inputs ?? {}),
      };
    };
    // The service's own marks: its OpenAPI path and its HTTP server.
    const server = await bundle(`export * from "kaohe/server";`, "node");
    expect(server.text).toContain("/openapi.json");
    expect(server.inputs.some((i) => i.startsWith("dist/server/"))).toBe(true);
    // The core for the browser, and with kaohe/node (Node-only: it reads files) for Node.
    const cores = [
      { platform: "browser", contents: `export * from "kaohe";` },
      { platform: "node", contents: `export * from "kaohe"; export * from "kaohe/node";` },
    ] as const;
    for (const { platform, contents } of cores) {
      const core = await bundle(contents, platform);
      expect(core.text, platform).not.toContain("/openapi.json");
      expect(
        core.inputs.filter((i) => i.includes("server")),
        platform,
      ).toEqual([]);
    }
  });
});

describe("kaohe/report stays out of the core (built dist)", () => {
  it("nothing of kaohe/report is reachable from kaohe, in either build; kaohe/report is browser-safe", async () => {
    const { build } = await import("esbuild");
    const bundle = async (contents: string, platform: "browser" | "node") => {
      const r = await build({
        stdin: { contents, resolveDir: root },
        bundle: true,
        platform,
        format: "esm",
        write: false,
        logLevel: "silent",
        metafile: true,
        // The optional peers stay out: loaded on demand, never part of what is measured.
        external: ["docx", "fflate", "saxes"],
      });
      expect(r.errors).toEqual([]);
      return {
        text: r.outputFiles.map((f) => f.text).join(""),
        inputs: Object.keys(r.metafile?.inputs ?? {}),
      };
    };
    // kaohe/report's own marks: the 明细表 title and the A4 page of its HTML.
    const report = await bundle(`export * from "kaohe/report";`, "browser");
    expect(report.text).toContain("考核内容明细表");
    expect(report.text).toContain("@page { size: A4;");
    expect(report.inputs.some((i) => i.startsWith("dist/report/"))).toBe(true);
    expect(report.inputs.some((i) => i.startsWith("node:") || /(^|\/)(fs|path|os)$/.test(i))).toBe(
      false,
    );
    const cores = [
      { platform: "browser", contents: `export * from "kaohe";` },
      { platform: "node", contents: `export * from "kaohe"; export * from "kaohe/node";` },
    ] as const;
    for (const { platform, contents } of cores) {
      const core = await bundle(contents, platform);
      expect(core.text, platform).not.toContain("考核内容明细表");
      expect(core.text, platform).not.toContain("@page { size: A4;");
      expect(
        core.inputs.filter((i) => i.includes("report")),
        platform,
      ).toEqual([]);
    }
    // Built and loaded by Node from both formats, one library with the core.
    const esm = run(
      "esm",
      `import * as r from "kaohe/report"; import * as node from "kaohe/node";
       const l = node.loadRuleSetFile(${JSON.stringify(RULES)});
       console.log(JSON.stringify({ title: r.rulesTable(l.ruleSet).title, diff: typeof r.diffRuleSets }));`,
    );
    const cjs = run(
      "cjs",
      `const r = require("kaohe/report"); const node = require("kaohe/node");
       const l = node.loadRuleSetFile(${JSON.stringify(RULES)});
       console.log(JSON.stringify({ title: r.rulesTable(l.ruleSet).title, diff: typeof r.diffRuleSets }));`,
    );
    expect(esm).toEqual({
      title: "湖北省2009年上半年财政与编制政务公开考核内容明细表",
      diff: "function",
    });
    expect(cjs).toEqual(esm);
  });
});

// The rule of the reproducer: 12345 > 12000 must deduct 3 of 3 points, whatever decimal.js says.
const LEAK_RULES = `kaohe: 1
id: t
title: t
documents: [{ id: d, title: d }]
policy: { rounding: { places: 2, mode: half-up, at: total }, missingFact: error }
facts: [{ id: total, label: 编制总数, type: number }, { id: approved, label: 核定数, type: number }]
tree:
  - { id: A, title: A, points: 3, clauses: [{ id: A.c, type: fixed, when: { fact: total, gt: { fact: approved } }, amount: 3, text: 超编扣3分, ref: { doc: d } }] }
`;
const LEAK_SCORE = `
const crs = k.compileRuleText(${JSON.stringify(LEAK_RULES)});
const score = () => k.scoreUnit(crs, { id: "u", facts: { total: 12345, approved: 12000 } }).total.toFixed();
`;
// Every decimal.js setting, far from kaohe's.
const HOSTILE = `{ precision: 2, rounding: 1, toExpNeg: -1, toExpPos: 1, minE: -3, maxE: 3, modulo: 9, crypto: true }`;

describe("decimal.js settings never leak (built dist)", () => {
  it("CJS: an application's global decimal.js settings made before loading kaohe", () => {
    const out = run(
      "cjs",
      `require("decimal.js").set(${HOSTILE});
       const k = require("kaohe"); ${LEAK_SCORE}
       const Engine = k.scoreUnit(crs, { id: "u", facts: { total: 1, approved: 1 } }).total.constructor;
       const third = new Engine(1).div(3).toFixed();
       ${CHECK} const { totals } = check(k, require("kaohe/node"));
       console.log(JSON.stringify({ leak: score(), third, totals }));`,
    );
    expect(out).toEqual({ leak: "0", third: `0.${"3".repeat(50)}`, totals: EXPECTED });
  });

  it("ESM: the same, for the CJS decimal.js Node loads and the decimal.mjs bundlers load", () => {
    const out = run(
      "esm",
      `import { Decimal as Mjs } from "decimal.js";
       import { createRequire } from "node:module";
       createRequire(process.cwd() + "/")("decimal.js").set(${HOSTILE});
       Mjs.set(${HOSTILE});
       const res = {};
       for (const [name, spec] of [["node", "kaohe"], ["bundler", "./dist/index.js"]]) {
         const k = await import(spec); ${LEAK_SCORE}
         res[name] = score();
       }
       console.log(JSON.stringify(res));`,
    );
    expect(out).toEqual({ node: "0", bundler: "0" });
  });

  it("set() on kaohe's exported Decimal or on a result's constructor cannot change scores", () => {
    const out = run(
      "cjs",
      `const k = require("kaohe"); ${LEAK_SCORE}
       const before = score();
       k.Decimal.set({ maxE: 3, precision: 1 });
       const afterExported = score();
       const r = k.scoreUnit(crs, { id: "u", facts: { total: 12345, approved: 12000 } });
       const Ctor = r.total.constructor;
       const refused = [];
       for (const f of ["set", "config"]) {
         try { Ctor[f]({ maxE: 3 }); } catch (e) { refused.push(e instanceof TypeError); }
       }
       refused.push(Reflect.set(Ctor, "maxE", 3) === false);
       console.log(JSON.stringify({
         before, afterExported, afterResult: score(), refused,
         separate: Ctor !== k.Decimal,
         exportedConfigured: k.Decimal.maxE === 3 && k.Decimal.precision === 1,
         engineUntouched: Ctor.maxE === 9e15 && Ctor.precision === 50,
         instanceOfExported: r.total instanceof k.Decimal,
         userArithmetic: new k.Decimal(10).plus(r.total).toFixed(),
       }));`,
    );
    expect(out).toEqual({
      before: "0",
      afterExported: "0",
      afterResult: "0",
      refused: [true, true, true],
      separate: true,
      exportedConfigured: true,
      engineUntouched: true,
      instanceOfExported: true,
      userArithmetic: "10",
    });
  });
});
