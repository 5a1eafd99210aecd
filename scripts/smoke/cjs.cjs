// Consumer smoke test, CommonJS: an application requiring `kaohe` and `kaohe/node` together,
// after configuring its own decimal.js (kaohe's dependency, hoisted) - which must not leak in.
"use strict";
const assert = require("node:assert/strict");
const { dirname, join } = require("node:path");

require("decimal.js").set({ precision: 2, rounding: 1, maxE: 3 });
const { Decimal, KaoheError, scoreUnit } = require("kaohe");
const { compileRuleSetFile, loadUnitsFile } = require("kaohe/node");

const pkg = dirname(require.resolve("kaohe/package.json"));
const crs = compileRuleSetFile(
  require.resolve("kaohe/rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"),
);
// The examples ship in the package, reachable by name.
const example = loadUnitsFile(require.resolve("kaohe/examples/hubei-2009-h1-units.yaml"));
if (example.issues.length || example.units.length < 3) throw new Error("kaohe/examples: units");
const { units, issues } = loadUnitsFile(join(__dirname, "units.yaml"));
assert.deepEqual(issues, []);

const r = scoreUnit(
  crs,
  units.find((u) => u.id === "江岸区"),
);
assert.ok(r.ok, JSON.stringify(r.issues));
assert.equal(r.total.toFixed(), "93.4");
assert.ok(r.total instanceof Decimal);
assert.throws(
  () => compileRuleSetFile(join(pkg, "no/such/rules.yaml")),
  (e) => e instanceof KaoheError && e.issues[0].code === "E_FILE",
);
// The exported Decimal is the application's to configure; the engine's refuses.
Decimal.set({ precision: 1 });
assert.throws(() => r.total.constructor.set({ precision: 1 }), TypeError);
assert.equal(
  scoreUnit(
    crs,
    units.find((u) => u.id === "江岸区"),
  ).total.toFixed(),
  "93.4",
);

// kaohe/report from CommonJS: the 明细表 of a template's category, in the same library.
const { rulesTable, rulesTableToHtml } = require("kaohe/report");
const { loadRuleSetFile } = require("kaohe/node");
const wudang = loadRuleSetFile(
  require.resolve("kaohe/rules/guizhou/wudang-2018/rules.yaml"),
  undefined,
  {
    params: require.resolve(
      "kaohe/rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml",
    ),
  },
);
assert.ok(wudang.ok, JSON.stringify(wudang.issues));
assert.ok(rulesTableToHtml(rulesTable(wudang.ruleSet)).includes("@page { size: A4;"));

console.log(`cjs ok (node ${process.version}): 江岸区 ${r.total.toFixed()}`);
