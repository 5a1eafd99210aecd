/**
 * How dist/playground.html is built (scripts/build-playground.mjs), without a browser: the same
 * bytes every time, one inline script that the page's Content-Security-Policy names by its hash and
 * nothing it may fetch, the examples as inert JSON, the built browser entries inside, and a stamp
 * that notices when any of its sources change. The page in Chromium: test/browser/playground.test.ts.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
let page = "";

beforeAll(() => {
  const fresh = spawnSync(process.execPath, ["scripts/build-stamp.mjs", "--check"], { cwd: root });
  if (fresh.status !== 0) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
  page = readFileSync(join(root, "dist", "playground.html"), "utf8");
}, 240_000);

/** The bodies of the page's <script> elements, with their opening tags. */
function scripts(html: string): { tag: string; body: string }[] {
  return [...html.matchAll(/(<script[^>]*>)([\s\S]*?)<\/script>/g)].map((m) => ({
    tag: m[1] as string,
    body: m[2] as string,
  }));
}

describe("dist/playground.html", () => {
  it("is the same bytes when built again, from the built browser entries and the libraries", () => {
    const dir = mkdtempSync(join(tmpdir(), "kaohe-playground-"));
    const again = join(dir, "p.html");
    const meta = join(dir, "inputs.json");
    execFileSync(
      process.execPath,
      ["scripts/build-playground.mjs", "--out", again, "--meta", meta],
      { cwd: root, stdio: "pipe" },
    );
    expect(readFileSync(again, "utf8") === page).toBe(true);
    // What the page's script was bundled from: the true ESM build of `kaohe` and `kaohe/sheets`
    // (dist/*.js and their shared chunks), the playground's own files and the libraries; no
    // source file of the core, which would be a second copy made apart from the package.
    const inputs = JSON.parse(readFileSync(meta, "utf8")) as string[];
    expect(inputs).toContain("dist/index.js");
    expect(inputs).toContain("dist/sheets/index.js");
    expect(inputs).toContain("src/playground/main.ts");
    expect(inputs.filter((i) => i.startsWith("src/") && !i.startsWith("src/playground/"))).toEqual(
      [],
    );
    const libs = new Set(inputs.flatMap((i) => /node_modules\/([^/]+)\//.exec(i)?.[1] ?? []));
    for (const lib of ["decimal.js", "yaml", "zod", "fflate", "saxes"]) expect(libs).toContain(lib);
    expect(inputs.some((i) => i.startsWith("node:"))).toBe(false);
  });

  it("runs one inline script, named by its hash in the CSP, and may fetch nothing", () => {
    const all = scripts(page);
    expect(all.map((s) => s.tag)).toEqual([
      '<script type="application/json" id="kaohe-examples">',
      "<script>",
    ]);
    const code = all[1]?.body ?? "";
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? "";
    const hash = createHash("sha256").update(code, "utf8").digest("base64");
    expect(csp.split("; ")).toEqual([
      "default-src 'none'",
      `script-src 'sha256-${hash}'`,
      "style-src 'unsafe-inline'",
      "img-src data: blob:",
      "connect-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    // No address the page could load: no src or href attributes, no http(s) in its markup.
    const markup = page.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(markup).not.toMatch(/\s(src|href)=/);
    expect(markup).not.toMatch(/https?:\/\//);
  });

  it("inlines each example's rule set and facts as they are in the repository", () => {
    const data = JSON.parse(scripts(page)[0]?.body ?? "[]") as {
      id: string;
      rules: { text: string };
      facts: { name: string; text: string }[];
    }[];
    const listed = JSON.parse(readFileSync(join(root, "scripts/playground-examples.json"), "utf8"))
      .examples as { id: string; rules: string; facts: string[] }[];
    expect(data.map((x) => x.id)).toEqual(listed.map((x) => x.id));
    for (const [i, x] of listed.entries()) {
      expect(data[i]?.rules.text).toBe(readFileSync(join(root, x.rules), "utf8"));
      expect(data[i]?.facts.map((f) => f.text)).toEqual(
        x.facts.map((f) => readFileSync(join(root, f), "utf8")),
      );
    }
    // `<` is escaped in the JSON, so no text in it can close its element.
    expect(scripts(page)[0]?.body).not.toContain("<");
  });

  it("is shipped in the package (files: dist)", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: root,
      encoding: "utf8",
    });
    const packed: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path);
    expect(packed).toContain("dist/playground.html");
    expect(packed.some((f) => f.startsWith("src/playground/"))).toBe(false);
  }, 60_000);

  it("is rebuilt when its sources change: the build stamp hashes them", () => {
    const listed = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'import { inputFiles } from "./scripts/build-stamp.mjs"; console.log(JSON.stringify(inputFiles()))',
      ],
      { cwd: root, encoding: "utf8" },
    );
    const files = (JSON.parse(listed) as string[]).map((f) => f.slice(root.length));
    for (const f of [
      "src/playground/main.ts",
      "src/playground/page.html",
      "src/playground/tsconfig.json",
      "scripts/build-playground.mjs",
      "scripts/playground-examples.json",
      "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml",
      "examples/hubei-2009-h1-units.yaml",
      "examples/zhengwu-xinxi-findings.csv",
    ])
      expect(files).toContain(f);
    expect(files).not.toContain("src/playground/text.test.ts");
  });
});
