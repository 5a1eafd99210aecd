/*
 * The 明细表 HTML as a person sees it (issue 13 item 1): opened from a file in Chromium with no
 * network, it loads nothing, logs no error, shows each 一级指标 merged down its rows, prints on A4,
 * and is photographed (test-output/screenshots/).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadRuleSetFile } from "../../src/node/index.js";
import { rulesTableToHtml } from "../../src/report/rules-table/html.js";
import { buildRulesTable } from "../../src/report/rules-table/model.js";
import type { RuleSetInput } from "../../src/schema/ruleset.js";
import {
  CHROMIUM_NOTE,
  HAVE_CHROMIUM,
  launchChromium,
  screenshotPath,
  watchedPage,
} from "./chromium";

const SETS = [
  { name: "hubei", file: "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml" },
  {
    name: "wudang",
    file: "rules/guizhou/wudang-2018/rules.yaml",
    params: "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml",
  },
];

describe.skipIf(!HAVE_CHROMIUM)(`the 明细表 HTML in Chromium${CHROMIUM_NOTE}`, () => {
  it("loads offline without errors, merges each 一级指标, prints on A4, and is photographed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kaohe-rules-table-"));
    const browser = await launchChromium();
    try {
      for (const s of SETS) {
        const loaded = loadRuleSetFile(s.file, s.file, s.params ? { params: s.params } : {});
        if (!loaded.ok) throw new Error(`${s.file} does not load`);
        const table = buildRulesTable(loaded.ruleSet as RuleSetInput);
        const file = join(dir, `${s.name}.html`);
        writeFileSync(file, rulesTableToHtml(table));
        const { page, errors, requests } = await watchedPage(browser);
        await page.goto(pathToFileURL(file).href);
        expect(await page.title()).toBe(table.title);
        expect(await page.textContent("h1")).toBe(table.title);
        // The browser's own table model: one row per indicator, each 一级指标 cell spanning its rows.
        // (Expressions as text: the tests are compiled without the DOM's types.)
        const shape = (await page.evaluate(
          `[...document.querySelectorAll("table.rules tbody tr")].map((tr) => [...tr.cells].map((c) => c.rowSpan))`,
        )) as number[][];
        expect(shape.length).toBe(table.groups.reduce((n, g) => n + g.rows.length, 0));
        let at = 0;
        for (const g of table.groups) {
          expect(shape[at]).toEqual([g.rows.length, 1, 1, 1]);
          at += g.rows.length;
        }
        // Every standard is shown as written, in its row.
        const shown = (await page.evaluate(
          `[...document.querySelectorAll("td.std p")].map((p) => p.innerText)`,
        )) as string[];
        expect(shown).toEqual(table.groups.flatMap((g) => g.rows.flatMap((r) => r.standard)));
        // The columns fit the page: nothing wider than the body.
        const widths = (await page.evaluate(
          `({ table: document.querySelector("table").getBoundingClientRect().width, body: document.body.getBoundingClientRect().width })`,
        )) as { table: number; body: number };
        expect(widths.table).toBeLessThanOrEqual(widths.body + 1);
        await page.screenshot({
          path: screenshotPath(`rules-table-${s.name}.png`),
          fullPage: true,
        });
        // Printed: A4 pages, the header row repeated on each.
        const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
        const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(
          (m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))],
        );
        expect(boxes.length).toBeGreaterThan(1); // more than one page
        // A4 is 595 × 842 points.
        expect(
          boxes.every(([w, h]) => w === 595 && h === 842),
          JSON.stringify(boxes),
        ).toBe(true);
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
