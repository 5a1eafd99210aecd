import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { compileRuleSetFile, loadUnitsFile } from "../../src/node/index.js";
import { cohortFixes } from "../../src/report/letters/fixes.js";
import { letterHtml } from "../../src/report/letters/html.js";
import { letterOf } from "../../src/report/letters/letter.js";
import {
  CHROMIUM_NOTE,
  HAVE_CHROMIUM,
  launchChromium,
  screenshotPath,
  watchedPage,
} from "./chromium";

describe.skipIf(!HAVE_CHROMIUM)(`整改 letters in Chromium${CHROMIUM_NOTE}`, () => {
  it("the HTML letter of 某某县 opens offline with no errors, prints on A4, and is screenshotted", async () => {
    const crs = compileRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
    const { units } = loadUnitsFile("examples/hubei-2009-h1-units.yaml");
    const uf = cohortFixes(crs, units, { units: ["某某县"] }).units[0];
    expect(uf).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "kaohe-letter-"));
    const file = join(dir, "某某县.html");
    writeFileSync(file, letterHtml(letterOf(crs, uf as never, { date: "2009-07-15" })));
    const browser = await launchChromium();
    try {
      const { page, errors, requests } = await watchedPage(browser);
      await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
      await page.goto(pathToFileURL(file).href);
      expect(await page.textContent("h1")).toBe("整改通知");
      const body = (await page.textContent("body")) ?? "";
      expect(body).toContain("67.7分(满分100分)");
      expect(body).toContain("若整改此项,可多得 6 分(名次不变,第4名)");
      // Two tables of findings and fixes besides the summary, each row a deduction or a fix.
      expect(await page.locator("table").count()).toBe(3);
      expect(await page.locator("table").nth(2).locator("tr").count()).toBe(
        uf?.fixes.length ? uf.fixes.length + 1 : 0,
      );
      // Nothing wider than the page: no horizontal scrolling on an A4-wide viewport.
      const wide = await page.evaluate("document.documentElement.scrollWidth");
      expect(wide).toBeLessThanOrEqual(794);
      await page.screenshot({ path: screenshotPath("letter-moumou-xian.png"), fullPage: true });
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
