/*
 * `kaohe serve` as it is run: the built command in a child process, on a free port of 127.0.0.1.
 * The acceptance of issue 12: the 湖北 example scored over HTTP gives the very bytes of
 * `kaohe score --format json`, which `kaohe verify` then confirms; SIGHUP reloads the rule sets
 * and keeps the old ones when the new do not load; the Java example (java.net.http) gets the same
 * bytes. The dist must match the sources: beforeAll rebuilds a stale one, as test/package.test.ts.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const FACTS = "examples/hubei-2009-h1-units.yaml";
const HUBEI = "/rulesets/hubei/caizheng-bianzhi-2009-h1";
const temp = mkdtempSync(join(tmpdir(), "kaohe-serve-cli-"));

beforeAll(() => {
  const fresh = spawnSync(process.execPath, ["scripts/build-stamp.mjs", "--check"], { cwd: root });
  if (fresh.status !== 0) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
}, 180_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The CLI's stdout for these arguments (bytes as text). */
const kaohe = (args: string[]) =>
  spawnSync(process.execPath, ["bin/kaohe.cjs", ...args], { cwd: root, encoding: "utf8" });

interface Served {
  child: ChildProcess;
  base: string;
  /** Everything the service wrote to stderr so far. */
  log(): string;
  /** Waits until stderr holds `text` (after what it held when asked). */
  waitFor(text: string): Promise<void>;
  stop(): Promise<number | null>;
}

/** Starts `kaohe serve` and waits for the line that names its address. */
function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, ["bin/kaohe.cjs", "serve", ...args, "--port", "0"], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let err = "";
  const waiters: { text: string; from: number; done: () => void }[] = [];
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (c: string) => {
    err += c;
    for (const w of [...waiters])
      if (err.indexOf(w.text, w.from) >= 0) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
  });
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no "${text}" in:\n${err}`)), 60_000);
      waiters.push({
        text,
        from: err.length,
        done: () => {
          clearTimeout(t);
          resolve();
        },
      });
    });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`kaohe serve exited ${code}:\n${err}`)));
    waitFor("kaohe serve: 在 http://").then(() => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (!m) return reject(new Error(err));
      resolve({
        child,
        base: `http://127.0.0.1:${m[1]}`,
        log: () => err,
        waitFor,
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    }, reject);
  });
}

describe("kaohe serve (the built command)", () => {
  it("scores the 湖北 example over HTTP: the bytes of kaohe score --format json, which verify confirms", async () => {
    const s = await serve(["rules"]);
    try {
      const cli = kaohe(["score", "--rules", RULES, "--facts", FACTS, "--format", "json"]);
      expect(cli.status).toBe(0);
      const r = await fetch(`${s.base}${HUBEI}/cohort?file=${FACTS}`, {
        method: "POST",
        headers: { "Content-Type": "application/yaml" },
        body: readFileSync(join(root, FACTS)),
      });
      expect(r.status).toBe(200);
      const served = await r.text();
      expect(served).toBe(cli.stdout);
      // The manifest names the files by their paths from the repository: verify re-runs it.
      const file = join(temp, "served.json");
      writeFileSync(file, served);
      const v = kaohe(["verify", file]);
      expect(v.stderr).toBe("");
      expect(v.status).toBe(0);
    } finally {
      expect(await s.stop()).toBe(0);
    }
  }, 120_000);

  it("reloads on SIGHUP; a rule file that does not load keeps the rule sets in force", async () => {
    const dir = join(temp, "reload");
    cpSync(join(root, "rules/hubei"), join(dir, "hubei"), { recursive: true });
    const file = join(dir, "hubei/caizheng-bianzhi-2009-h1/rules.yaml");
    const text = readFileSync(file, "utf8");
    const s = await serve([dir]);
    const title = async () =>
      ((await (await fetch(`${s.base}${HUBEI}`)).json()) as { versions: { title: string }[] })
        .versions[0]?.title;
    try {
      expect(await title()).toBe("湖北省2009年上半年财政与编制政务公开考核");
      writeFileSync(file, text.replace(/^title: .*$/m, "title: 第二版标题"));
      let seen = s.waitFor("已重新载入(第 2 代)");
      s.child.kill("SIGHUP");
      await seen;
      expect(await title()).toBe("第二版标题");
      writeFileSync(file, text.replace(/^policy:/m, "polcy:"));
      seen = s.waitFor("重新载入失败,仍用第 2 代的规则集");
      s.child.kill("SIGHUP");
      await seen;
      expect(s.log()).toContain("E_UNKNOWN_KEY");
      expect(await title()).toBe("第二版标题");
      const health = (await (await fetch(`${s.base}/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ generation: 2, lastReload: { ok: false } });
    } finally {
      expect(await s.stop()).toBe(0);
    }
  }, 120_000);

  it("does not start over a rule set that does not load (exit 1, the issue on stderr)", () => {
    const dir = join(temp, "broken");
    cpSync(join(root, "rules/hubei"), dir, { recursive: true });
    const file = join(dir, "caizheng-bianzhi-2009-h1/rules.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^policy:/m, "polcy:"));
    const r = kaohe(["serve", dir, "--port", "0"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("E_UNKNOWN_KEY");
    const bad = kaohe(["serve", "rules", "--port", "70000"]);
    expect(bad.status).toBe(2);
  }, 60_000);

  const javac = spawnSync("javac", ["-version"], { encoding: "utf8" });
  // The Java example needs a JDK; without javac on the machine there is nothing to compile.
  it.skipIf(javac.status !== 0)(
    "the Java example (java.net.http, no other library) gets the same bytes, with the token",
    async () => {
      const out = join(temp, "java");
      execFileSync("javac", ["-d", out, "examples/java/ScoreClient.java"], { cwd: root });
      const token = "java-example-token";
      const s = await serve(["rules/hubei"], { KAOHE_TOKEN: token });
      try {
        const java = (env: Record<string, string>) =>
          spawnSync(
            "java",
            ["-cp", out, "ScoreClient", s.base, "hubei/caizheng-bianzhi-2009-h1", FACTS],
            { cwd: root, encoding: "utf8", env: { ...process.env, ...env } },
          );
        const ok = java({ KAOHE_TOKEN: token });
        expect(ok.stderr).toBe("");
        expect(ok.status).toBe(0);
        const cli = kaohe(["score", "--rules", RULES, "--facts", FACTS, "--format", "json"]);
        expect(ok.stdout).toBe(cli.stdout);
        const { KAOHE_TOKEN: _, ...noToken } = process.env;
        const refused = spawnSync(
          "java",
          ["-cp", out, "ScoreClient", s.base, "hubei/caizheng-bianzhi-2009-h1", FACTS],
          { cwd: root, encoding: "utf8", env: noToken as Record<string, string> },
        );
        expect(refused.status).toBe(1);
        expect(refused.stderr).toContain("H_UNAUTHORIZED");
      } finally {
        expect(await s.stop()).toBe(0);
      }
    },
    180_000,
  );
});
