/**
 * kaohe/server's public API, each `@example` as written: startServer serves and closes, refuses a
 * directory that does not load with a KaoheError, and openApiDocument is OpenAPI 3.1.
 */
import { describe, expect, it } from "vitest";
import { KaoheError } from "../errors/issue.js";
import { DEFAULT_LIMITS, openApiDocument, startServer } from "./index.js";

describe("kaohe/server", () => {
  it("startServer: serves on a free port, reloads, closes", async () => {
    const server = await startServer({ rules: "rules/hubei", port: 0 });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(server.reload()).toMatchObject({ ok: true, generation: 2, issues: [] });
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it("startServer: a directory without rule sets is refused with a KaoheError", async () => {
    const e = await startServer({ rules: "examples/java", port: 0 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KaoheError);
    expect((e as KaoheError).issues.map((i) => i.code)).toEqual(["E_FILE"]);
  });

  it("openApiDocument and the default limits", () => {
    expect(openApiDocument().openapi).toBe("3.1.0");
    expect(DEFAULT_LIMITS).toEqual({
      maxBodyBytes: 8 * 1024 * 1024,
      maxUnits: 10_000,
      timeoutMs: 30_000,
      maxConcurrent: 8,
    });
  });
});
