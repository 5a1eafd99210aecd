/**
 * Debian's Chromium driven by playwright-core, for the browser tests (issue 13). Downloading a
 * browser does not work on these machines, so the test launches `/usr/bin/chromium` (installed by
 * `.ci/run` with apt-get) through `executablePath`, with the flags that keep it off the network;
 * playwright gives each launch a new empty profile of its own.
 *
 * Locally, without Chromium, the browser tests are skipped with a message naming what to install;
 * in CI (`CI` set) a missing Chromium fails them instead, so they can never be skipped there.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.KAOHE_CHROMIUM ?? "/usr/bin/chromium";

/** Whether the browser tests run here; false only outside CI when Chromium is missing. */
export const HAVE_CHROMIUM = existsSync(CHROMIUM) || Boolean(process.env.CI);

/** Why the browser tests are skipped, for `describe.skipIf(!HAVE_CHROMIUM)`'s title. */
export const CHROMIUM_NOTE = HAVE_CHROMIUM
  ? ""
  : ` (skipped: ${CHROMIUM} not found — apt-get install -y chromium)`;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (CI installs it)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page that records console errors, page errors and every request that is not to a `file:` or
 * `data:` address (the report and the playground must work with no network).
 */
export async function watchedPage(browser: Browser): Promise<{
  page: Page;
  errors: string[];
  requests: string[];
}> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith("file:") && !url.startsWith("data:") && !url.startsWith("blob:")) {
      requests.push(url);
    }
  });
  return { page, errors, requests };
}

/** Where screenshots go: `test-output/screenshots/` (ignored by git, kept by CI's workspace). */
export function screenshotPath(name: string): string {
  const dir = join(process.cwd(), "test-output", "screenshots");
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
