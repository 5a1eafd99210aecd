/*
 * The API reports (etc/api/*.api.md) match the built package: a change to what `kaohe`,
 * `kaohe/node` or `kaohe/sheets` export — a name, a parameter, a field of a result type — fails
 * here until the reports are regenerated (`npm run api:update`) and the diff reviewed (docs/api.md).
 * The same run refuses an export without a doc comment, a function without an `@example` showing
 * a result, a type the API uses but no entry exports, and zod anywhere in the API.
 *
 * Like test/package.test.ts it reads the BUILT dist, rebuilt first unless the build stamp is
 * current; the report itself takes about 3 s (one TypeScript program over the three .d.ts).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

beforeAll(() => {
  const fresh = spawnSync(process.execPath, ["scripts/build-stamp.mjs", "--check"], { cwd: root });
  if (fresh.status !== 0) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "pipe" });
}, 180_000);

describe("the public API is the one checked in", () => {
  it("etc/api/*.api.md are current, and the API has no undocumented or unexported part", () => {
    const r = spawnSync(process.execPath, ["scripts/api-report.mjs", "--check"], {
      cwd: root,
      encoding: "utf8",
    });
    // On failure the message names the reports that differ and says to run `npm run api:update`.
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});
