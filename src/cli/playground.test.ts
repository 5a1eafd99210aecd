import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { printed } from "../../test/cli.js";
import { packageRoot } from "./playground.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

beforeAll(() => {
  const fresh = spawnSync(process.execPath, ["scripts/build-stamp.mjs", "--check"], { cwd: root });
  if (fresh.status !== 0) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
}, 240_000);

describe("kaohe playground", () => {
  it("prints the path of the built page, and only that", () => {
    const r = printed(["playground"]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toEqual([join(root, "dist", "playground.html")]);
    expect(readFileSync(r.out[0] as string, "utf8")).toContain("<title>kaohe 考核评分试算</title>");
  });

  it("does the same from the installed command, run from another directory", () => {
    // bin/kaohe.cjs runs the CJS build: the path comes from where the package is, not the cwd.
    const bin = spawnSync(process.execPath, [join(root, "bin/kaohe.cjs"), "playground"], {
      cwd: tmpdir(),
      encoding: "utf8",
    });
    expect(bin.status).toBe(0);
    expect(bin.stdout).toBe(`${join(root, "dist", "playground.html")}\n`);
  });

  it("finds the package root from below it, and no root where there is no kaohe package", () => {
    expect(packageRoot(join(root, "src", "cli"))).toBe(resolve(root));
    expect(packageRoot(join(root, "dist", "cli"))).toBe(resolve(root));
    const other = mkdtempSync(join(tmpdir(), "kaohe-other-"));
    writeFileSync(join(other, "package.json"), '{"name":"other"}');
    expect(packageRoot(other)).toBeNull();
  });

  it("takes no arguments, and is in the help", () => {
    const r = printed(["playground", "x"]);
    expect(r.code).toBe(2);
    expect(r.err.join("\n")).toContain("不接受参数");
    const help = printed(["help"]);
    expect(help.out.join("\n")).toMatch(/kaohe playground\s+打印离线试算页面/);
    expect(printed(["playground", "--help"]).out.join("\n")).toContain("docs/playground.md");
  });
});
