// Consumer smoke test, ESM: an application importing `kaohe`, `kaohe/core`, `kaohe/sealed`,
// `kaohe/node` and `kaohe/report` together.
// Run by scripts/smoke.mjs in a fresh app where the packed tarball is installed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Decimal, KaoheError, scoreCohort, scoreCohortLazily, scoreUnit } from "kaohe";
import * as core from "kaohe/core";
import { compileRuleSetFile, loadRuleSetFile, loadUnitsFile } from "kaohe/node";
import {
  lettersOf,
  letterToDocx,
  letterToHtml,
  rulesTable,
  rulesTableToMarkdown,
} from "kaohe/report";
import * as sealed from "kaohe/sealed";
import { csvHead, csvLine, readFactsSync, resultRows } from "kaohe/sheets";

const require = createRequire(import.meta.url);
const pkg = dirname(require.resolve("kaohe/package.json"));
// The bundled rule sets and examples are reachable by name through the exports map.
const crs = compileRuleSetFile(
  fileURLToPath(import.meta.resolve("kaohe/rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml")),
);
assert.equal(
  require.resolve("kaohe/examples/hubei-2009-h1.xlsx"),
  join(pkg, "examples/hubei-2009-h1.xlsx"),
);
const { units, issues } = loadUnitsFile(fileURLToPath(new URL("units.yaml", import.meta.url)));
assert.deepEqual(issues, []);

const r = scoreUnit(
  crs,
  units.find((u) => u.id === "某某县"),
);
assert.ok(r.ok, JSON.stringify(r.issues));
assert.equal(r.total.toFixed(), "67.7");
assert.ok(r.total instanceof Decimal);
assert.throws(
  () => compileRuleSetFile(join(pkg, "no/such/rules.yaml")),
  (e) => e instanceof KaoheError && e.issues[0].code === "E_FILE",
);

// A large-cohort pipeline: a CSV read from chunks, scored lazily, written unit by unit — the same
// scores as scoreCohort.
const csv = readFileSync(fileURLToPath(new URL("units.csv", import.meta.url)));
const read = readFactsSync(
  [{ name: "units.csv", chunks: () => [csv.subarray(0, 1000), csv.subarray(1000)] }],
  { ruleSet: crs },
);
assert.deepEqual(read.issues, []);
const run = scoreCohortLazily(crs, read.units);
const rows = resultRows(crs, run.issues);
let out = csvHead(rows.heads.scores);
for (const x of run.units()) out += csvLine(rows.rows(x).scores);
assert.equal(out.split("\r\n").length, read.units.length + 2);
const eager = scoreCohort(crs, read.units).units.map((x) => [x.unit, x.score?.toFixed() ?? null]);
assert.deepEqual(
  run.ranking.map((x) => [x.unit, x.score?.toFixed() ?? null]),
  eager,
);
assert.ok(eager.filter(([, s]) => s !== null).length >= 3, JSON.stringify(eager));

// require in the same process gets the same library, not a second copy.
assert.equal(require("kaohe").KaoheError, KaoheError);
assert.equal(require("kaohe").scoreUnit, scoreUnit);
assert.equal(require("kaohe/node").compileRuleSetFile, compileRuleSetFile);
// kaohe/core is kaohe without the text readers: the same functions, not a copy.
assert.equal(core.scoreUnit, scoreUnit);
assert.equal(core.KaoheError, KaoheError);
assert.equal(require("kaohe/core").compileRuleSet, core.compileRuleSet);
assert.equal("compileRuleText" in core, false);
const asData = core.validateRuleSet(
  JSON.parse(
    JSON.stringify(
      require("kaohe").loadRuleSet(
        readFileSync(join(pkg, "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"), "utf8"),
      ).ruleSet,
    ),
  ),
);
assert.ok(asData.ok, JSON.stringify(asData.issues));
const again = core.scoreUnit(
  core.compileRuleSet(asData.ruleSet),
  units.find((u) => u.id === "某某县"),
);
assert.equal(again.ok && again.total.toFixed(), "67.7");
// kaohe/sealed: a rule set sealed (as `kaohe seal` writes it) scores the same, with kaohe's functions.
assert.equal(sealed.scoreUnit, scoreUnit);
assert.equal(require("kaohe/sealed").compileSealedRuleSet, sealed.compileSealedRuleSet);
const sealedText = JSON.stringify(core.sealRuleSet(asData.ruleSet));
const viaSeal = sealed.scoreUnit(
  sealed.compileSealedRuleSet(JSON.parse(sealedText)),
  units.find((u) => u.id === "某某县"),
);
assert.equal(viaSeal.ok && viaSeal.total.toFixed(), "67.7");
const tampered = JSON.parse(sealedText);
tampered.ruleSet.points = 101; // changed after sealing: refused, never scored
assert.deepEqual(
  sealed.openSealedRuleSet(tampered).issues?.map((i) => i.code),
  ["E_SEALED_DIGEST"],
);

// kaohe/report: the 明细表 from the bundled rules, a 整改 letter whose fix is computed by scoring
// again (三.2 is capped at 13: fixing 三.2.1's 8 regains 6); DOCX needs the optional peer docx,
// not installed here, so it is refused with the core's own KaoheError naming it.
const loaded = loadRuleSetFile(join(pkg, "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"));
assert.ok(loaded.ok);
assert.ok(
  rulesTableToMarkdown(rulesTable(loaded.ruleSet)).startsWith(
    "# 湖北省2009年上半年财政与编制政务公开考核内容明细表",
  ),
);
const [county] = lettersOf(crs, units, { units: ["某某县"] });
assert.deepEqual([county.fixes[0].clause, county.fixes[0].regained], ["三.2.1", "6"]);
assert.ok(letterToHtml(county).includes("某某县"));
await assert.rejects(
  letterToDocx(county),
  (e) =>
    e instanceof KaoheError &&
    e.issues[0].code === "S_NEEDS_LIBS" &&
    /npm install docx/.test(e.message),
);
assert.equal(require("kaohe/report").lettersOf, lettersOf);

console.log(`esm ok (node ${process.version}): 某某县 ${r.total.toFixed()}`);
