/**
 * The HTML 通报 (kaohe report) in Chromium: it opens from a file with no console error and no
 * request, its charts are drawn (the bars and slices expected, of visible size), its ranking is
 * kaohe score's, and it prints with every unit's 扣分说明. Screenshots go to test-output/screenshots.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main";
import { Decimal } from "../../src/decimal";
import { scoreBands } from "../../src/report/tongbao/charts";
import {
  caseFiles,
  HUBEI_RULES,
  HUBEI_UNITS,
  HUBEI_XLSX,
  QUOTA_RULES,
  RELATIVE_RULES,
} from "../report-fixtures";
import {
  CHROMIUM_NOTE,
  HAVE_CHROMIUM,
  launchChromium,
  screenshotPath,
  watchedPage,
} from "./chromium";

const dir = mkdtempSync(join(tmpdir(), "kaohe-report-browser-"));

interface Ranked {
  unit: string;
  rank: number | null;
  score: string | null;
  grade: string | null;
  change?: { scoreDelta: string; previousTotal: string };
}

/** Runs the CLI; the exit code and what it printed. */
function cli(argv: string[]): { code: number; out: string } {
  const out: string[] = [];
  const code = run(argv, { out: (l) => out.push(l), err: () => {} });
  // score and report answer at once; only commands that pack DOCX return a promise.
  if (typeof code !== "number") throw new Error(`kaohe ${argv[0]} did not answer synchronously`);
  return { code, out: out.join("\n") };
}

/** `kaohe report` for these inputs, and `kaohe score`'s JSON ranking for the same. */
function reportAndScore(name: string, args: string[]): { file: string; ranking: Ranked[] } {
  const file = join(dir, `${name}.html`);
  expect(cli(["report", ...args, "--out", file]).code).toBe(0);
  const json = JSON.parse(cli(["score", ...args, "--no-trace"]).out) as { ranking: Ranked[] };
  return { file, ranking: json.ranking };
}

/** The drawn shapes of a chart's series (bars or slices) and the chart's size on the page. */
async function chart(page: Page, id: string, series = 0) {
  const svg = page.locator(`figure[data-chart="${id}"] svg`);
  const box = await svg.boundingBox();
  const shapes = svg.locator(`path[ecmeta_ssr_type="chart"][ecmeta_series_index="${series}"]`);
  const sizes = await shapes.evaluateAll((els) =>
    els.map((e) => {
      const r = (e as unknown as { getBBox(): { width: number; height: number } }).getBBox();
      return r.width * r.height;
    }),
  );
  return { width: box?.width ?? 0, height: box?.height ?? 0, sizes };
}

/** The ranking table as the browser shows it: rank, unit, score, and the cell under `column`. */
async function table(page: Page, column?: string) {
  const heads = await page.locator("#ranking-table thead th").allTextContents();
  const at = (h: string) => heads.indexOf(h);
  return page.locator("#ranking-table tbody tr").evaluateAll(
    (rows, cols) =>
      rows.map((r) => {
        const c = [...r.querySelectorAll("td")].map((td) => td.textContent ?? "");
        return { rank: c[cols[0]], unit: c[cols[1]], score: c[cols[2]], extra: c[cols[3]] ?? "" };
      }),
    [at("名次"), at("单位"), at("得分"), column ? at(column) : -1] as const,
  );
}

describe.skipIf(!HAVE_CHROMIUM)(`the HTML 通报 in Chromium${CHROMIUM_NOTE}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report offline; fails on any console error, page error or request. */
  async function open(file: string) {
    const w = await watchedPage(browser);
    const dialogs: string[] = [];
    w.page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await w.page.setViewportSize({ width: 1100, height: 900 });
    await w.page.goto(pathToFileURL(file).href);
    return { ...w, dialogs };
  }

  it("the 湖北 example: charts drawn, ranking as kaohe score's, no error, no request", async () => {
    const { file, ranking } = reportAndScore("hubei", [
      "--rules",
      HUBEI_RULES,
      "--facts",
      HUBEI_XLSX,
    ]);
    const { page, errors, requests } = await open(file);
    try {
      expect(await page.locator("h1").textContent()).toBe(
        "湖北省2009年上半年财政与编制政务公开考核情况通报",
      );
      // 未定 3 (no override reached them; 合格 has none), 不合格 1 (某某市's override): two slices.
      const grades = await chart(page, "grades");
      expect(grades.sizes.length).toBe(2);
      const ranked = await chart(page, "ranking");
      expect(ranked.sizes.length).toBe(ranking.length);
      const histogram = await chart(page, "histogram");
      for (const c of [grades, ranked, histogram]) {
        expect(c.width).toBeGreaterThan(100);
        expect(c.height).toBeGreaterThan(100);
      }
      for (const s of [...grades.sizes, ...ranked.sizes]) expect(s).toBeGreaterThan(0);
      // 60–70 holds 67.7, 90–100 the other three; 70–80 and 80–90 are empty bands.
      expect(histogram.sizes.map((a) => a > 0)).toEqual([true, false, false, true]);
      // Longer bars for higher scores: the bars' areas fall with the rank.
      expect([...ranked.sizes].sort((a, b) => b - a)).toEqual(ranked.sizes);
      expect(await table(page)).toEqual(
        ranking.map((x) => ({ rank: String(x.rank), unit: x.unit, score: x.score, extra: "" })),
      );
      // Each unit's 扣分说明 opens on a click.
      const county = page.locator('details[data-unit="某某县"]');
      expect(await county.locator("table.breakdown").isVisible()).toBe(false);
      await county.locator("summary").click();
      expect(await county.locator("table.breakdown").isVisible()).toBe(true);
      expect(await county.locator("table.breakdown tbody tr").count()).toBeGreaterThan(5);
      await page.screenshot({ path: screenshotPath("report-hubei.png"), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("prints on A4 with every unit's 扣分说明 shown, closed or not", async () => {
    const file = join(dir, "print.html");
    expect(cli(["report", "--rules", HUBEI_RULES, "--facts", HUBEI_XLSX, "--out", file]).code).toBe(
      0,
    );
    const { page, errors } = await open(file);
    try {
      await page.emulateMedia({ media: "print" });
      const tables = page.locator("details table.breakdown");
      expect(await tables.count()).toBe(3);
      for (const t of await tables.all()) expect(await t.isVisible()).toBe(true);
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a cohort fixture with four grades: one slice per grade, one bar per unit", async () => {
    const c = caseFiles(dir, "test/cohort-sets/quota/cases/01-bands.yaml", 0);
    const { file, ranking } = reportAndScore("quota", ["--rules", QUOTA_RULES, "--facts", c.facts]);
    const { page, errors, requests } = await open(file);
    try {
      const grades = Object.values(c.expect.grades as Record<string, string>);
      expect((await chart(page, "grades")).sizes.length).toBe(new Set(grades).size);
      expect((await chart(page, "ranking")).sizes.length).toBe(grades.length);
      // One visible bar per score band holding a unit (0–10 … 90–100, six of them held).
      const bands = scoreBands(
        ranking.map((x) => new Decimal(x.score as string)),
        new Decimal(100),
      );
      const held = (await chart(page, "histogram")).sizes.filter((a) => a > 0);
      expect(held.length).toBe(bands.filter((b) => b.count > 0).length);
      expect(held.length).toBe(6);
      const rows = await table(page, "等次");
      expect(rows.map((r) => [r.rank, r.unit, r.score])).toEqual(
        ranking.map((x) => [String(x.rank), x.unit, x.score]),
      );
      expect(Object.fromEntries(rows.map((r) => [r.unit, r.extra]))).toEqual(c.expect.grades);
      await page.screenshot({ path: screenshotPath("report-quota.png"), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("--previous: last run's scores beside this run's, and each unit's change", async () => {
    const c = caseFiles(dir, "test/cohort-sets/relative/cases/01-previous.yaml", 0);
    const args = [
      "--rules",
      RELATIVE_RULES,
      "--facts",
      c.facts,
      "--previous",
      c.previous as string,
    ];
    const { file, ranking } = reportAndScore("relative", args);
    const { page, errors, requests } = await open(file);
    try {
      const now = await chart(page, "ranking", 0);
      const before = await chart(page, "ranking", 1);
      expect(now.sizes.length).toBe(ranking.length);
      expect(before.sizes.length).toBe(ranking.filter((x) => x.change).length);
      const rows = await table(page, "比上次");
      for (const x of ranking) {
        const d = x.change?.scoreDelta as string;
        expect(rows.find((r) => r.unit === x.unit)?.extra).toContain(
          d.startsWith("-") ? `−${d.slice(1)}分` : `+${d}分`,
        );
      }
      expect(await page.locator("#stats-table thead th").allTextContents()).toEqual([
        "项目",
        "本次",
        "上次",
        "变化",
      ]);
      await page.screenshot({ path: screenshotPath("report-previous.png"), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a unit named <script>alert(1)</script> is shown as text, and runs nothing", async () => {
    const evil = "<script>alert(1)</script>";
    const facts = join(dir, "evil.yaml");
    writeFileSync(
      facts,
      readFileSync(HUBEI_UNITS, "utf8").replace("id: 武汉市", `id: ${JSON.stringify(evil)}`),
    );
    const file = join(dir, "evil.html");
    expect(cli(["report", "--rules", HUBEI_RULES, "--facts", facts, "--out", file]).code).toBe(0);
    const { page, errors, requests, dialogs } = await open(file);
    try {
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(await page.locator("script").count()).toBe(0);
      expect((await table(page)).map((r) => r.unit)).toContain(evil);
      const axis = await page.locator('figure[data-chart="ranking"] svg text').allTextContents();
      expect(axis.some((t) => t.includes("<script>"))).toBe(true);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
