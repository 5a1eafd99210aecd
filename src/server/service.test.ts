/**
 * The service over real HTTP: each test starts it on a free port of 127.0.0.1 and talks to it as a
 * client would — fetch for ordinary requests, node:http for bodies too large, cut short or slow.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../cli/main.js";
import { findRuleFiles, loadUnitsFile } from "../node/index.js";
import { openApiDocument } from "./schemas.js";
import { createService, type ReloadResult, type ServeLimits } from "./service.js";

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const FACTS = "examples/hubei-2009-h1-units.yaml";
const HUBEI = "/rulesets/hubei/caizheng-bianzhi-2009-h1";
const units = loadUnitsFile(FACTS).units;
const unit = units.find((u) => u.id === "江岸区");

interface Running {
  base: string;
  reload: () => ReloadResult;
  close: () => Promise<void>;
}

async function start(
  rules = "rules",
  opts: { token?: string; limits?: Partial<ServeLimits> } = {},
): Promise<Running> {
  const made = createService({ rules, ...opts });
  if (!made.ok) throw new Error(JSON.stringify(made.issues));
  const { server } = made.service;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${a.port}`,
    reload: () => made.service.reload(),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** What the CLI prints for these arguments (stdout), run in this process. */
function cli(args: string[]): string {
  const out: string[] = [];
  run(args, { out: (l) => out.push(`${l}\n`), err: () => {} });
  return out.join("");
}

const post = (url: string, body: unknown, type = "application/json") =>
  fetch(url, {
    method: "POST",
    headers: { "Content-Type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** A raw request: headers, then the body in pieces, with a pause before the end if asked. */
function raw(
  base: string,
  path: string,
  opts: { headers?: Record<string, string>; chunks?: Buffer[]; stall?: boolean },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method: "POST", headers: opts.headers ?? {} },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    for (const c of opts.chunks ?? []) req.write(c);
    if (!opts.stall) req.end();
  });
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as the JSON they are
type Json = any;
const json = async (r: Response | Promise<Response>): Promise<Json> => (await r).json();

const codes = (b: { issues?: { code: string }[] }) => (b.issues ?? []).map((i) => i.code);

// The OpenAPI document's schemas, to hold responses to.
const doc = openApiDocument() as {
  components: { schemas: Record<string, unknown> };
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: "https://kaohe.local/openapi", ...doc }, "openapi");
function conforms(component: string, data: unknown): string[] {
  const v = ajv.getSchema(`https://kaohe.local/openapi#/components/schemas/${component}`);
  if (!v) throw new Error(`no schema ${component}`);
  return v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe("kaohe serve over HTTP", () => {
  let s: Running;
  beforeAll(async () => {
    s = await start();
  }, 60_000);
  afterAll(() => s.close());

  it("health, the list and one rule set; the OpenAPI document served is the one generated", async () => {
    const h = await json(fetch(`${s.base}/health`));
    // Every rule set under rules/, one version each, a template one per parameters file.
    const files = findRuleFiles("rules");
    const versions = files.reduce((n, f) => {
      const params = join(dirname(f), "params");
      return (
        n + (existsSync(params) ? readdirSync(params).filter((x) => /\.ya?ml$/.test(x)).length : 1)
      );
    }, 0);
    expect(files.length).toBeGreaterThanOrEqual(7);
    expect(h).toMatchObject({ status: "ok", generation: 1, ruleSets: files.length, versions });
    expect(conforms("Health", h)).toEqual([]);
    // The schemas do hold a body to them: one missing its keys does not conform.
    expect(conforms("Health", { status: "ok" })).not.toEqual([]);
    const list = await json(fetch(`${s.base}/rulesets`));
    expect(conforms("RuleSetList", list)).toEqual([]);
    expect(list.ruleSets.map((x: { id: string }) => x.id)).toContain(
      "hubei/caizheng-bianzhi-2009-h1",
    );
    const one = await json(fetch(`${s.base}${HUBEI}`));
    expect(one.versions[0].rules.file).toBe(RULES);
    expect(conforms("RuleSetView", one)).toEqual([]);
    const served = await json(fetch(`${s.base}/openapi.json`));
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(served.openapi).toBe("3.1.0");
  });

  it("the tree and the facts, with Chinese titles and labels", async () => {
    const tree = await json(fetch(`${s.base}${HUBEI}/tree`));
    expect(conforms("Tree", tree)).toEqual([]);
    expect(tree.tree[0]).toMatchObject({ id: "一", title: "财政专项资金分配管理网上公开情况" });
    expect(tree.tree[0].clauses[0].typeLabel).toBe("按处(次)扣分或加分");
    const facts = await json(fetch(`${s.base}${HUBEI}/facts`));
    expect(conforms("Facts", facts)).toEqual([]);
    const f = facts.facts.find((x: { id: string }) => x.id === "funds_late_by_share");
    expect(f).toMatchObject({ source: "cohort", label: expect.stringContaining("40%") });
    // A template's editions: one must be named.
    const g = await fetch(`${s.base}/rulesets/guizhou/wudang-2018/facts`);
    expect(g.status).toBe(400);
    expect(codes(await json(g))).toEqual(["H_VERSION"]);
    const ed = await fetch(
      `${s.base}/rulesets/guizhou/wudang-2018/tree?edition=guizhou/wudang-2018/example-allocation-UNOFFICIAL`,
    );
    expect(ed.status).toBe(200);
    expect((await json(ed)).edition).toBe("guizhou/wudang-2018/example-allocation-UNOFFICIAL");
  });

  it("one unit: its outcome as the CLI's JSON writes it, and its 扣分说明 as text", async () => {
    const r = await post(`${s.base}${HUBEI}/score`, unit);
    expect(r.status).toBe(200);
    const text = await r.text();
    const cohort = JSON.parse(
      cli(["score", "--rules", RULES, "--facts", FACTS, "--format", "json"]),
    );
    const inCli = cohort.units.find((u: { unit: string }) => u.unit === "江岸区");
    // Scored alone the unit has no cohort figures; its total is the one the CLI gives.
    const body = JSON.parse(text);
    expect(body.total).toBe(inCli.total);
    expect(body.total).toBe("93.4");
    expect(text).toBe(`${JSON.stringify(body, null, 2)}\n`);
    expect(conforms("UnitOutcome", body)).toEqual([]);
    const lean = await json(post(`${s.base}${HUBEI}/score?trace=false`, unit));
    expect(lean.trace).toBeUndefined();
    expect(lean.total).toBe("93.4");
    const ex = await post(`${s.base}${HUBEI}/explain`, unit);
    expect(ex.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect((await ex.text()).split("\n")[0]).toBe(
      "【江岸区】湖北省2009年上半年财政与编制政务公开考核  总分 93.4分(满分 100分)",
    );
  });

  it("a cohort: byte for byte the CLI's JSON, the manifest naming the body and its SHA-256", async () => {
    const expected = cli(["score", "--rules", RULES, "--facts", FACTS, "--format", "json"]);
    const yaml = readFileSync(FACTS);
    const r = await post(
      `${s.base}${HUBEI}/cohort?file=${FACTS}`,
      yaml.toString(),
      "application/yaml",
    );
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toBe(expected);
    expect(conforms("CohortResult", JSON.parse(text))).toEqual([]);
    // As JSON units: the same result but for the manifest's record of the facts.
    const j = await json(post(`${s.base}${HUBEI}/cohort`, { units }));
    const e = JSON.parse(expected);
    expect(j.manifest.facts[0].file).toBe("request");
    expect({ ...j, manifest: null }).toEqual({ ...e, manifest: null });
    const noTrace = cli(["score", "--rules", RULES, "--facts", FACTS, "--no-trace"]);
    const t = await post(
      `${s.base}${HUBEI}/cohort?trace=false&file=${FACTS}`,
      yaml.toString(),
      "application/yaml",
    );
    expect(await t.text()).toBe(noTrace);
  });

  it("a unit's problems are placed in the body, and a malformed body is refused with the codes of a facts file", async () => {
    const bad = await json(
      post(`${s.base}${HUBEI}/score`, { id: "甲", category: "other", facts: { nope: 1 } }),
    );
    expect(bad.ok).toBe(false);
    expect(bad.issues.find((i: { code: string }) => i.code === "F_UNKNOWN_FACT")).toMatchObject({
      file: "request",
      line: 1,
    });
    const syntax = await post(`${s.base}${HUBEI}/score`, '{"id": "甲", "facts": {');
    expect(syntax.status).toBe(400);
    expect([...new Set(codes(await json(syntax)))]).toEqual(["E_SYNTAX"]);
    const dup = await post(`${s.base}${HUBEI}/cohort`, '{"units": [{"id": "甲"}, {"id": "甲"}]}');
    expect(dup.status).toBe(422);
    expect(codes(await json(dup))).toContain("F_DUPLICATE_UNIT_AT");
    const two = await post(`${s.base}${HUBEI}/score`, { units: [unit, { ...unit, id: "乙" }] });
    expect(two.status).toBe(400);
    expect(codes(await json(two))).toEqual(["F_BAD_UNITS"]);
    const none = await post(`${s.base}${HUBEI}/cohort`, { units: [] });
    expect(none.status).toBe(422);
    const form = await post(`${s.base}${HUBEI}/score`, "a=1", "application/x-www-form-urlencoded");
    expect(form.status).toBe(415);
    expect(codes(await json(form))).toEqual(["H_MEDIA_TYPE"]);
    // Bytes that are text in no encoding a facts file may have.
    const bytes = await fetch(`${s.base}${HUBEI}/score`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: new Uint8Array([0x7b, 0xff, 0x7d]),
    });
    expect(bytes.status).toBe(400);
    expect(codes(await json(bytes))).toEqual(["E_ENCODING"]);
  });

  it("paths, methods and query parameters that do not exist are refused as JSON", async () => {
    const nf = await fetch(`${s.base}/rulesets/no/such`);
    expect(nf.status).toBe(404);
    expect(codes(await json(nf))).toEqual(["H_NOT_FOUND"]);
    expect((await fetch(`${s.base}/nothing`)).status).toBe(404);
    const m = await fetch(`${s.base}${HUBEI}/score`);
    expect(m.status).toBe(405);
    expect(m.headers.get("allow")).toBe("POST");
    expect(codes(await json(m))).toEqual(["H_METHOD"]);
    expect((await fetch(`${s.base}/rulesets`, { method: "DELETE" })).status).toBe(405);
    const q = await post(`${s.base}${HUBEI}/score?tracee=false`, unit);
    expect(q.status).toBe(400);
    expect(codes(await json(q))).toEqual(["F_OPTION"]);
    const t = await post(`${s.base}${HUBEI}/score?trace=no`, unit);
    expect(codes(await json(t))).toEqual(["F_OPTION"]);
    const p = await post(`${s.base}${HUBEI}/score?period=2009-06-30`, unit);
    expect(codes(await json(p))).toEqual(["H_VERSION"]);
    const body = await json(fetch(`${s.base}/nothing`));
    expect(conforms("ErrorBody", body)).toEqual([]);
  });

  it("checks a rule text as kaohe check does; a malformed request is refused", async () => {
    const text = readFileSync(RULES, "utf8");
    const good = await json(post(`${s.base}/check`, { text, file: "hubei.yaml" }));
    expect(good).toMatchObject({ ok: true, ruleSet: "hubei/caizheng-bianzhi-2009-h1" });
    expect(conforms("CheckResult", good)).toEqual([]);
    const bad = await json(post(`${s.base}/check`, { text: "kaohe: 1\nid: x\n" }));
    expect(bad.ok).toBe(false);
    expect(codes(bad)).toContain("E_REQUIRED");
    expect(bad.issues[0].file).toBe("rules.yaml");
    expect(conforms("CheckResult", bad)).toEqual([]);
    const shape = await post(`${s.base}/check`, { txt: "x" });
    expect(shape.status).toBe(400);
    expect(codes(await json(shape))).toEqual(expect.arrayContaining(["E_REQUIRED"]));
    const notJson = await post(`${s.base}/check`, "{");
    expect(codes(await json(notJson))).toEqual(["E_SYNTAX"]);
    // zod's faults in kaohe's words, as in a rule file: a file name too long.
    const long = await json(post(`${s.base}/check`, { text, file: "长".repeat(401) }));
    expect(long.issues.map((i: { message: string }) => i.message)).toEqual([
      "文字不能超过 400 个字符",
    ]);
  });
});

describe("limits and the token", () => {
  let s: Running;
  const TOKEN = "s3cret-token-1";
  beforeAll(async () => {
    s = await start("rules/hubei", {
      token: TOKEN,
      limits: { maxBodyBytes: 4096, maxUnits: 2, timeoutMs: 1500, maxConcurrent: 2 },
    });
  }, 60_000);
  afterAll(() => s.close());
  const auth = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };

  it("without the bearer token: 401 JSON, except /health", async () => {
    expect((await fetch(`${s.base}/health`)).status).toBe(200);
    const r = await fetch(`${s.base}/rulesets`);
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toContain("Bearer");
    expect(codes(await json(r))).toEqual(["H_UNAUTHORIZED"]);
    const wrong = await fetch(`${s.base}/rulesets`, { headers: { Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${s.base}/rulesets`, { headers: auth })).status).toBe(200);
  });

  it("a body over the limit, announced or streamed: 413 E_TOO_LARGE", async () => {
    const big = Buffer.alloc(10_000, 0x20);
    const announced = await raw(s.base, `${HUBEI}/score`, {
      headers: { ...auth, "Content-Length": String(big.length) },
      chunks: [big],
    });
    expect(announced.status).toBe(413);
    expect(codes(JSON.parse(announced.body))).toEqual(["E_TOO_LARGE"]);
    const streamed = await raw(s.base, `${HUBEI}/score`, {
      headers: { ...auth, "Transfer-Encoding": "chunked" },
      chunks: [big.subarray(0, 3000), big.subarray(3000, 6000)],
    });
    expect(streamed.status).toBe(413);
    expect(codes(JSON.parse(streamed.body))).toEqual(["E_TOO_LARGE"]);
  });

  it("more units than allowed: 413 H_TOO_MANY_UNITS", async () => {
    const three = ["甲", "乙", "丙"].map((id) => ({ id, facts: {} }));
    const r = await fetch(`${s.base}${HUBEI}/cohort`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ units: three }),
    });
    expect(r.status).toBe(413);
    expect(codes(await json(r))).toEqual(["H_TOO_MANY_UNITS"]);
  });

  it("a body that stops coming: 408 H_TIMEOUT; requests past the bound at once: 503 H_BUSY", async () => {
    const slow = [0, 1].map(() =>
      raw(s.base, `${HUBEI}/score`, {
        headers: { ...auth, "Content-Length": "100" },
        chunks: [Buffer.from('{"id": "甲"')],
        stall: true,
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const busy = await fetch(`${s.base}/rulesets`, { headers: auth });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect(codes(await json(busy))).toEqual(["H_BUSY"]);
    for (const r of await Promise.all(slow)) {
      expect(r.status).toBe(408);
      expect(codes(JSON.parse(r.body))).toEqual(["H_TIMEOUT"]);
    }
    expect((await fetch(`${s.base}/rulesets`, { headers: auth })).status).toBe(200);
  });
});

describe("reload", () => {
  it("takes a changed rule set, and keeps the old ones when the new do not load", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kaohe-serve-"));
    try {
      cpSync("rules/hubei", join(dir, "hubei"), { recursive: true });
      const file = join(dir, "hubei", "caizheng-bianzhi-2009-h1", "rules.yaml");
      const text = readFileSync(file, "utf8");
      const s = await start(dir);
      try {
        const title = async () =>
          (await json(fetch(`${s.base}${HUBEI}`))).versions[0].title as string;
        expect(await title()).toBe("湖北省2009年上半年财政与编制政务公开考核");
        writeFileSync(file, text.replace(/^title: .*$/m, "title: 改过的标题"));
        expect(s.reload()).toMatchObject({ ok: true, generation: 2 });
        expect(await title()).toBe("改过的标题");
        writeFileSync(file, text.replace(/^policy:/m, "polcy:"));
        const r = s.reload();
        expect(r.ok).toBe(false);
        expect(r.generation).toBe(2);
        expect(r.issues.map((i) => i.code)).toContain("E_UNKNOWN_KEY");
        expect(await title()).toBe("改过的标题");
        const h = await json(fetch(`${s.base}/health`));
        expect(h.generation).toBe(2);
        expect(h.lastReload.ok).toBe(false);
        expect(conforms("Health", h)).toEqual([]);
      } finally {
        await s.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a directory with a rule set that does not load, or none, is not served", () => {
    const dir = mkdtempSync(join(tmpdir(), "kaohe-serve-"));
    try {
      const none = createService({ rules: dir });
      expect(none.ok ? [] : none.issues.map((i) => i.code)).toEqual(["E_FILE"]);
      writeFileSync(join(dir, "rules.yaml"), "kaohe: 1\nid: x\n");
      const bad = createService({ rules: dir });
      expect(bad.ok).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
