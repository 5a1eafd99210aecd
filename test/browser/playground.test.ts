/**
 * The playground (issue 13: 5), dist/playground.html, in Debian's Chromium opened from a file:
 * no console errors and no request leaves the page; a broken rule shows its error at line:column;
 * the 湖北 example's XLSX file, fed through the page's file input, scores exactly as Node's CLI
 * scores it (every unit's total, rank, grade and 扣分说明); unit names are shown as text.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compileRuleText,
  loadRuleSet,
  renderExplanation,
  scoreCohort,
} from "../../src/api/kaohe.js";
import { readFacts } from "../../src/api/sheets.js";
import { run } from "../../src/cli/main.js";
import { offsetOf } from "../../src/playground/text.js";
import {
  CHROMIUM_NOTE,
  HAVE_CHROMIUM,
  launchChromium,
  screenshotPath,
  watchedPage,
} from "./chromium";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PAGE = pathToFileURL(join(root, "dist", "playground.html")).href;
const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const HUBEI_XLSX = "examples/hubei-2009-h1.xlsx";

/** The CLI's JSON result for these files (`kaohe score --no-trace`). */
function cliScore(
  rules: string,
  facts: string[],
): {
  ranking: {
    unit: string;
    category: string | null;
    rank: number | null;
    score: string | null;
    grade: string | null;
  }[];
  units: { unit: string; ok: boolean; total?: string }[];
} {
  const out: string[] = [];
  const code = run(
    ["score", "--rules", rules, ...facts.flatMap((f) => ["--facts", f]), "--no-trace"],
    { out: (l) => out.push(l), err: () => {} },
  );
  expect(code).toBe(0);
  return JSON.parse(out.join("\n"));
}

/** What the page's ranking table shows, row by row: 名次, 单位, 类别, 得分, 等次 and 标记与说明. */
async function pageRanking(page: Page): Promise<string[][]> {
  const rows = await page.locator("#ranking tbody tr").all();
  return Promise.all(rows.map((r) => r.locator("td").allTextContents()));
}

/** The category labels of a rule file, by id, as the page shows them. */
function labels(rules: string): Map<string, string> {
  const r = loadRuleSet(readFileSync(join(root, rules), "utf8"));
  if (!r.ok) throw new Error(`${rules} does not load`);
  const cats = (r.ruleSet.categories ?? []) as { id: string; label: string }[];
  return new Map(cats.map((c) => [c.id, c.label]));
}

/** The rows the page must show for the CLI's result: 名次, 单位, 类别, 得分, 等次. */
function expectedRows(rules: string, facts: string[]): string[][] {
  const cli = cliScore(rules, facts);
  const cat = labels(rules);
  const totals = new Map(cli.units.map((u) => [u.unit, u.total]));
  return cli.ranking.map((r) => {
    // The ranked score is each unit's own total in these sets (no linked or rank-change points).
    expect(totals.get(r.unit)).toBe(r.score);
    return [
      r.rank === null ? "—" : String(r.rank),
      r.unit,
      r.category === null ? "—" : (cat.get(r.category) ?? r.category),
      r.score ?? "未评分",
      r.grade ?? "—",
    ];
  });
}

beforeAll(() => {
  const fresh = spawnSync(process.execPath, ["scripts/build-stamp.mjs", "--check"], { cwd: root });
  if (fresh.status !== 0) {
    const built = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stderr}`);
  }
}, 240_000);

// Generous: each step waits for the page to check, compile and score, on a machine that may be busy.
describe.skipIf(!HAVE_CHROMIUM)(
  `the playground in Chromium${CHROMIUM_NOTE}`,
  { timeout: 120_000 },
  () => {
    let browser: Browser;
    let page: Page;
    let errors: string[];
    let requests: string[];

    beforeAll(async () => {
      browser = await launchChromium();
      ({ page, errors, requests } = await watchedPage(browser));
      await page.goto(PAGE);
      await page.waitForSelector("body[data-ready=true]");
    }, 60_000);

    afterAll(async () => {
      // Nothing the tests did made the page log an error or ask the network for anything.
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await browser?.close();
    });

    it("opens from file: with its examples, no console errors and no network requests", async () => {
      expect(await page.title()).toBe("kaohe 考核评分试算");
      const buttons = await page.$$eval("#examples button", (bs) => bs.map((b) => b.textContent));
      expect(buttons).toContain("湖北 2009 上半年财政与编制");
      expect(await page.textContent("#rules-status")).toContain("请在此编写规则集");
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.screenshot({ path: screenshotPath("playground-empty.png"), fullPage: true });
    });

    it("shows a broken rule's error at its line:column, marks the line and goes there", async () => {
      await page.click("[data-example=hubei]");
      await page.waitForSelector("#ranking");
      const good = readFileSync(join(root, HUBEI), "utf8");
      // A 分值 that is not a number, on a line well inside the file.
      const broken = good.replace(/points: 4\b/, "points: 四分");
      expect(broken).not.toBe(good);
      const node = loadRuleSet(broken, { file: "rules.yaml" });
      expect(node.ok).toBe(false);
      const first = node.ok ? undefined : node.issues[0];
      if (!first?.line) throw new Error("Node reports the error without a line");
      const at = `rules.yaml:${first.line}:${first.column ?? 1}`;

      await page.fill("#rules", broken);
      await page.waitForSelector("#rules-status.bad");
      const items = await page.$$eval("#rules-issues li.error", (lis) =>
        lis.map((l) => l.textContent),
      );
      expect(items.length).toBe(
        node.ok ? 0 : node.issues.filter((i) => i.severity === "error").length,
      );
      expect(items[0]).toContain(at);
      expect(items[0]).toContain(first.code);
      expect(await page.textContent("#gutter .bad")).toBe(String(first.line));
      expect(await page.textContent("#results")).toContain("规则集无误后");
      expect(await page.textContent("#facts-status")).toBe("规则集无误后读取事实。");

      await page.click("#rules-issues li.error button.pos");
      const caret = await page.$eval(
        "#rules",
        (t) => (t as { selectionStart: number }).selectionStart,
      );
      expect(caret).toBe(offsetOf(broken, first.line, first.column ?? 1));
      // The editor has scrolled to the error, its line marked in the margin.
      await page.screenshot({ path: screenshotPath("playground-rule-error.png"), fullPage: true });

      // A YAML syntax error has its place too.
      const syntax = good.replace("categories:", "categories: [");
      const nodeSyntax = loadRuleSet(syntax, { file: "rules.yaml" });
      const s = nodeSyntax.ok ? undefined : nodeSyntax.issues[0];
      if (!s?.line) throw new Error("Node reports the syntax error without a line");
      await page.fill("#rules", syntax);
      await page.waitForSelector(`#rules-issues li.error:has-text("${s.code}")`);
      expect(await page.textContent("#rules-issues li.error")).toContain(
        `rules.yaml:${s.line}:${s.column ?? 1}`,
      );
    });

    it("scores the 湖北 example's XLSX file, given to its file input, exactly as Node does", async () => {
      await page.click("[data-example=hubei]");
      await page.click("#clear-files");
      await page.waitForSelector("#facts-status:not(.ok)");
      await page.setInputFiles("#facts-file", join(root, HUBEI_XLSX));
      await page.waitForSelector('#facts-files li:has-text("hubei-2009-h1.xlsx")');
      await page.waitForSelector("#ranking");

      const rows = (await pageRanking(page)).map((r) => r.slice(0, 5));
      expect(rows).toEqual(expectedRows(HUBEI, [HUBEI_XLSX]));
      expect(rows.length).toBe(4);

      // Each unit's 扣分说明 is the one Node writes for it.
      const rs = compileRuleText(readFileSync(join(root, HUBEI), "utf8"), HUBEI);
      const read = await readFacts(
        [{ name: "hubei-2009-h1.xlsx", bytes: readFileSync(join(root, HUBEI_XLSX)) }],
        { ruleSet: rs },
      );
      const cohort = scoreCohort(rs, read.units);
      const texts = await page.$$eval("#explanations details pre", (ps) =>
        ps.map((p) => p.textContent),
      );
      expect(texts).toEqual(cohort.units.map((x) => renderExplanation(rs, x.outcome)));
      expect(await page.textContent("#facts-status")).toContain("拒绝 0 行");

      await page.click("#explanations details:nth-of-type(3) summary");
      await page.screenshot({ path: screenshotPath("playground-hubei-xlsx.png"), fullPage: true });
    });

    it("scores each bundled example's own facts as Node does", async () => {
      const examples: { id: string; rules: string; facts: string[] }[] = JSON.parse(
        readFileSync(join(root, "scripts/playground-examples.json"), "utf8"),
      ).examples.filter((x: { facts: string[] }) => x.facts.length);
      expect(examples.length).toBeGreaterThanOrEqual(2);
      for (const x of examples) {
        await page.click(`[data-example=${x.id}]`);
        const n = cliScore(x.rules, x.facts).ranking.length;
        await expect.poll(() => page.locator("#ranking tbody tr").count()).toBe(n);
        expect(
          (await pageRanking(page)).map((r) => r.slice(0, 5)),
          x.id,
        ).toEqual(expectedRows(x.rules, x.facts));
      }
    });

    it("scores sheets dropped on it: a wide and a long CSV together, as Node does", async () => {
      const rules = "rules/generic/zhengwu-xinxi/rules.yaml";
      const sheets = ["examples/zhengwu-xinxi-units.csv", "examples/zhengwu-xinxi-findings.csv"];
      await page.click("[data-example=generic]");
      await page.click("#clear-files");
      await page.waitForSelector("#results .hint");
      // A drop as the browser makes it: a DataTransfer holding the files' bytes.
      const dropped = sheets.map((f) => [f.split("/").pop(), readFileSync(join(root, f), "utf8")]);
      const transfer = await page.evaluateHandle(
        `(() => { const dt = new DataTransfer(); for (const [name, text] of ${JSON.stringify(dropped)}) dt.items.add(new File([text], name, { type: "text/csv" })); return dt; })()`,
      );
      await page.dispatchEvent("#drop", "drop", { dataTransfer: transfer });
      await expect.poll(() => page.locator("#facts-files li").count()).toBe(2);
      const expected = expectedRows(rules, sheets);
      await expect.poll(() => page.locator("#ranking tbody tr").count()).toBe(expected.length);
      expect((await pageRanking(page)).map((r) => r.slice(0, 5))).toEqual(expected);
      expect(await page.textContent("#facts-status")).toContain("拒绝 0 行");
      await page.screenshot({ path: screenshotPath("playground-dropped-csv.png"), fullPage: true });
    });

    it("re-scores as pasted facts change, and shows unit names as text, never as markup", async () => {
      await page.click("[data-example=hubei]");
      await page.waitForSelector("#ranking");
      const hostile = `<img src=x onerror="document.title='pwned'">`;
      const yaml = readFileSync(join(root, "examples/hubei-2009-h1-units.yaml"), "utf8").replace(
        "id: 武汉市",
        `id: ${JSON.stringify(hostile)}`,
      );
      await page.fill("#facts-text", yaml);
      await expect.poll(() => page.textContent("#ranking tbody")).toContain(hostile);
      const names = (await pageRanking(page)).map((r) => r[1]);
      expect(names).toContain(hostile);
      expect(await page.$$eval("#results img", (imgs) => imgs.length)).toBe(0);
      expect(await page.title()).toBe("kaohe 考核评分试算");
    });

    it("makes a fill-in template of the rule set that reads back with no units and no errors", async () => {
      await page.click("[data-example=hubei]");
      await page.waitForSelector("#ranking");
      await page.click("#template");
      await page.waitForSelector("#results .hint");
      expect(await page.inputValue("#facts-text")).toMatch(/^单位,类别,/);
      expect(await page.textContent("#results")).toContain("没有可评分的单位");
      expect(await page.$$eval("#facts-issues li.error", (l) => l.length)).toBe(0);
    });
  },
);
