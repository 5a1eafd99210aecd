import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  CHROMIUM_NOTE,
  HAVE_CHROMIUM,
  launchChromium,
  screenshotPath,
  watchedPage,
} from "./chromium";

describe.skipIf(!HAVE_CHROMIUM)(`Chromium for the browser tests${CHROMIUM_NOTE}`, () => {
  it("opens a file: page offline, sees its errors and requests, and takes a screenshot", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kaohe-page-"));
    const file = join(dir, "p.html");
    writeFileSync(
      file,
      '<!doctype html><meta charset="utf-8"><p id="x">考核</p>' +
        '<script>console.error("故意的错误");fetch("http://example.invalid/").catch(()=>{})</script>',
    );
    const browser = await launchChromium();
    try {
      const { page, errors, requests } = await watchedPage(browser);
      await page.goto(pathToFileURL(file).href);
      expect(await page.textContent("#x")).toBe("考核");
      await page.waitForTimeout(100);
      expect(errors).toContain("故意的错误");
      expect(requests).toContain("http://example.invalid/");
      const shot = screenshotPath("chromium-smoke.png");
      await page.screenshot({ path: shot });
    } finally {
      await browser.close();
    }
  });
});
