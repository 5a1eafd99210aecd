// Consumer smoke test, the HTTP service: an application starting `kaohe/server` from the installed
// package over the bundled rule sets, scoring a unit over HTTP, and getting what `kaohe` gives
// in-process. Run by scripts/smoke.mjs in a fresh app where the packed tarball is installed.
import assert from "node:assert/strict";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { scoreUnit } from "kaohe";
import { compileRuleSetFile, loadUnitsFile } from "kaohe/node";
import { startServer } from "kaohe/server";

const rulesFile = fileURLToPath(
  import.meta.resolve("kaohe/rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml"),
);
const rulesDir = dirname(dirname(dirname(rulesFile)));
const server = await startServer({ rules: rulesDir, port: 0, log: () => {} });
try {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+/);
  const health = await (await fetch(`${server.url}/health`)).json();
  assert.equal(health.status, "ok");
  const { units } = loadUnitsFile(fileURLToPath(new URL("units.yaml", import.meta.url)));
  const unit = units.find((u) => u.id === "某某县");
  const res = await fetch(`${server.url}/rulesets/hubei/caizheng-bianzhi-2009-h1/score`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(unit),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  const local = scoreUnit(compileRuleSetFile(rulesFile), unit);
  assert.ok(local.ok);
  // The body is the unit's outcome as outcomeToJSON gives it in-process.
  const { total } = body;
  assert.equal(body.ok, true);
  assert.equal(total, local.total.toFixed(), JSON.stringify(body).slice(0, 300));
  const bad = await fetch(`${server.url}/rulesets/hubei/caizheng-bianzhi-2009-h1/score`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{not json",
  });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).issues[0].code, /^[A-Z]_/);
  console.log(`server ok (node ${process.version}): 某某县 ${total} over HTTP`);
} finally {
  await server.close();
}
