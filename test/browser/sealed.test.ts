import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { cohortToJSON, compileRuleSet, scoreCohort, sealRuleSet } from "../../src/api/kaohe.js";
import { loadRuleSetFile, loadUnitsFile } from "../../src/api/node.js";
import {
  CHROMIUM_NOTE,
  HAVE_CHROMIUM,
  launchChromium,
  screenshotPath,
  watchedPage,
} from "./chromium";

/*
 * kaohe/sealed in a real browser: a page bundled from the built entry (as a web application's
 * bundler would), opened from a file with no network, opens a sealed rule set, scores the 湖北
 * example and refuses the same rule set changed after sealing.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));

beforeAll(() => {
  const fresh = spawnSync(process.execPath, ["scripts/build-stamp.mjs", "--check"], { cwd: root });
  if (fresh.status !== 0) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
}, 180_000);

describe.skipIf(!HAVE_CHROMIUM)(`kaohe/sealed in Chromium${CHROMIUM_NOTE}`, () => {
  it("scores the 湖北 example from a sealed rule set as Node does, and refuses it edited", async () => {
    const loaded = loadRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
    if (!loaded.ok) throw new Error("the 湖北 set loads");
    const sealed = JSON.stringify(sealRuleSet(loaded.ruleSet));
    const { units } = loadUnitsFile("examples/hubei-2009-h1-units.yaml");
    const expected = JSON.stringify(
      cohortToJSON(scoreCohort(compileRuleSet(loaded.ruleSet), units)),
    );

    const { build } = await import("esbuild");
    const bundle = await build({
      stdin: {
        resolveDir: root,
        contents: `
          import { compileSealedRuleSet, scoreCohort, cohortToJSON, openSealedRuleSet } from "kaohe/sealed";
          const data = JSON.parse(document.getElementById("rules").textContent);
          const units = JSON.parse(document.getElementById("units").textContent);
          const rules = compileSealedRuleSet(data);
          document.getElementById("out").textContent = JSON.stringify(cohortToJSON(scoreCohort(rules, units)));
          const edited = JSON.parse(document.getElementById("rules").textContent);
          edited.ruleSet.title = "改过的标题";
          const r = openSealedRuleSet(edited);
          document.getElementById("refused").textContent = r.ok ? "opened" : r.issues[0].message;
        `,
      },
      bundle: true,
      platform: "browser",
      format: "iife",
      minify: true,
      write: false,
      logLevel: "silent",
    });
    const script = bundle.outputFiles[0]?.text ?? "";
    const inline = (s: string) => s.replace(/</g, "\\u003c");
    const dir = mkdtempSync(join(tmpdir(), "kaohe-sealed-page-"));
    const file = join(dir, "sealed.html");
    writeFileSync(
      file,
      `<!doctype html><meta charset="utf-8"><title>kaohe/sealed</title>
<script type="application/json" id="rules">${inline(sealed)}</script>
<script type="application/json" id="units">${inline(JSON.stringify(units))}</script>
<pre id="out"></pre><p id="refused"></p>
<script>${script.replace(/<\/script/gi, "<\\/script")}</script>`,
    );

    const browser = await launchChromium();
    try {
      const { page, errors, requests } = await watchedPage(browser);
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction('document.getElementById("refused").textContent !== ""');
      expect(await page.textContent("#out")).toBe(expected);
      expect(await page.textContent("#refused")).toBe(
        "封存后规则集的内容被改动过(摘要 digest 与内容不符);请改规则文件本身,再用 kaohe seal 重新校验封存",
      );
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
      await page.screenshot({ path: screenshotPath("sealed.png") });
    } finally {
      await browser.close();
    }
  });
});
