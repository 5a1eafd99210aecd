/**
 * `kaohe serve`: an HTTP service over a directory of rule sets, on Node's own `http` (docs/server.md
 * says why). Read-only: rule sets are loaded and checked at start and on reload, and no request
 * writes anything. Every answer is JSON in the shapes of the CLI's JSON, made by the same
 * functions, so that a cohort scored here is byte for byte what `kaohe score --format json` prints.
 * Every refusal is JSON with kaohe's issue codes.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { version } from "../../package.json";
import type { CohortOptions } from "../cohort/cohort.js";
import { scoreCohortLazily } from "../cohort/cohort.js";
import { selectVersion } from "../compile/versions.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import type { UnitOutcome } from "../evaluate/types.js";
import { cohortRunToJSON } from "../explain/cohort-json.js";
import { outcomeToJSON } from "../explain/json.js";
import { writeJsonPretty } from "../explain/json-pretty.js";
import { locateOutcome, locateRun } from "../explain/locate.js";
import { renderExplanation } from "../explain/render.js";
import { MAX_INPUT_BYTES } from "../load/document.js";
import { decodeText } from "../load/encoding.js";
import { loadRuleSet } from "../load/load.js";
import { type ParsedUnits, parseUnits } from "../load/units.js";
import { mapZodIssues, ZOD_PARSE } from "../load/zod-issues.js";
import { type ManifestFile, type RunManifest, recordingCalendar } from "../node/manifest.js";
import { parseUnitsJson } from "../sheets/json.js";
import { CN_CALENDAR } from "../time/calendar.js";
import { parseDate } from "../time/date.js";
import { type Entry, loadRegistry, type Registry, type Version } from "./registry.js";
import { CheckRequest, openApiDocument } from "./schemas.js";
import { entryView, factsView, treeView } from "./views.js";

/** The bounds on what one request may ask of the service. */
export interface ServeLimits {
  /** The largest request body, in bytes (default 8 MiB, the limit of a facts file). */
  maxBodyBytes: number;
  /** The most units one request may score (default 10,000). */
  maxUnits: number;
  /** How long one request may take, reading its body and scoring, in ms (default 30,000). */
  timeoutMs: number;
  /** How many requests are handled at once; more are refused with H_BUSY (default 8). */
  maxConcurrent: number;
}

export const DEFAULT_LIMITS: Readonly<ServeLimits> = Object.freeze({
  maxBodyBytes: MAX_INPUT_BYTES,
  maxUnits: 10_000,
  timeoutMs: 30_000,
  maxConcurrent: 8,
});

/** How the service is set up. */
export interface ServiceOptions {
  /** The directory of rule sets (each folder with a rules.yaml; a template with its params/), or one rule file. */
  rules: string;
  /** A bearer token every request but /health must carry; none: no token asked for. */
  token?: string;
  /** Limits to change from DEFAULT_LIMITS. */
  limits?: Partial<ServeLimits>;
  /** Where unexpected errors are reported (a client sees only H_INTERNAL); default none. */
  log?: (line: string) => void;
}

/** What a reload did: the new rule sets in force, or why the old ones were kept. */
export interface ReloadResult {
  /** Whether the new rule sets are in force. */
  ok: boolean;
  /** The generation in force after it: one more when it succeeded, the same when not. */
  generation: number;
  /** Why the reload was refused (the old rule sets stay). */
  issues: KaoheIssue[];
  /** The new rule sets' warnings. */
  warnings: KaoheIssue[];
}

/** A refusal: an HTTP status and the issues that say why. */
class Refusal {
  constructor(
    readonly status: number,
    readonly issues: KaoheIssue[],
    readonly headers: Record<string, string> = {},
  ) {}
}

const refuse = (status: number, i: KaoheIssue, headers?: Record<string, string>) =>
  new Refusal(status, [i], headers);

type Query = URLSearchParams;
interface Ctx {
  req: IncomingMessage;
  query: Query;
  registry: Registry;
  deadline: number;
  body(): Promise<Buffer>;
}
interface Reply {
  status: number;
  type: string;
  body: string;
}

const JSON_TYPE = "application/json; charset=utf-8";
const YAML_TYPES = new Set(["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"]);
const ACTIONS = new Set(["tree", "facts", "score", "cohort", "explain"]);

/** A value as the CLI writes JSON: `JSON.stringify(value, null, 2)` and a newline, in pieces. */
function pretty(value: unknown, each?: () => void): string {
  const lines: string[] = [];
  writeJsonPretty(value, (l) => {
    each?.();
    lines.push(l);
  });
  return `${lines.join("\n")}\n`;
}

/** A small answer: `JSON.stringify(value, null, 2)` at once, the same bytes as `pretty`. */
const ok = (value: unknown): Reply => ({
  status: 200,
  type: JSON_TYPE,
  body: `${JSON.stringify(value, null, 2)}\n`,
});

/** The query parameters a path takes; any other, or one given twice, is refused (F_OPTION). */
function checkQuery(q: Query, allowed: readonly string[]): void {
  const seen = new Set<string>();
  for (const k of q.keys()) {
    if (!allowed.includes(k))
      throw refuse(
        400,
        issue("F_OPTION", [k], {
          option: k,
          detail: allowed.length
            ? `不认识的参数;可用:${allowed.join("、")}`
            : "这个地址不接受查询参数",
        }),
      );
    if (seen.has(k)) throw refuse(400, issue("F_OPTION", [k], { option: k, detail: "只能给一次" }));
    seen.add(k);
  }
}

/** true/false query flags. */
function flag(q: Query, name: string, dflt: boolean): boolean {
  const v = q.get(name);
  if (v === null) return dflt;
  if (v === "true" || v === "false") return v === "true";
  throw refuse(
    400,
    issue("F_OPTION", [name], { option: name, detail: `应为 true 或 false,而不是 "${v}"` }),
  );
}

/** The version a request asks for: the only one, that of an edition, or that in force on a period. */
function pick(e: Entry, q: Query): Version {
  const edition = q.get("edition");
  const period = q.get("period");
  const bad = (detail: string) => refuse(400, issue("H_VERSION", [], { ruleSet: e.id, detail }));
  if (edition !== null && period !== null) throw bad("edition 与 period 只给一个");
  if (edition !== null) {
    const v = e.versions.find((x) => x.crs.edition?.id === edition);
    if (!v) {
      const have = e.versions.flatMap((x) => (x.crs.edition ? [x.crs.edition.id] : []));
      throw bad(`没有版本 "${edition}"${have.length ? `;有:${have.join("、")}` : "(它不是模板)"}`);
    }
    return v;
  }
  if (period !== null) {
    if (e.versions.length === 1)
      throw bad("只有一个版本;period 用于在多个版本中选用,只有一个版本时不用");
    if (parseDate(period) === null)
      throw refuse(
        400,
        issue("F_OPTION", ["period"], {
          option: "period",
          detail: `须为实际存在的日期 YYYY-MM-DD,而不是 "${period}"`,
        }),
      );
    const r = selectVersion(
      e.versions.map((v) => v.crs),
      period,
    );
    if (!r.ok) throw new Refusal(400, r.issues);
    return e.versions.find((v) => v.crs === r.ruleSet) as Version;
  }
  if (e.versions.length > 1)
    throw bad(
      `有 ${e.versions.length} 个版本,请用 period=YYYY-MM-DD(考核日期)或 edition=<参数文件编号> 指明`,
    );
  return e.versions[0] as Version;
}

/** The facts of a request body, read as a facts file of that type is read. */
function readFacts(body: Buffer, req: IncomingMessage, name: string): ParsedUnits {
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const json = type === "application/json" || type.endsWith("+json");
  if (!json && !YAML_TYPES.has(type))
    throw refuse(
      415,
      issue("H_MEDIA_TYPE", [], {
        received: type || "(none)",
        allowed: "application/json 或 application/yaml",
      }),
    );
  const decoded = decodeText(body);
  if (decoded.issue) throw refuse(400, { ...decoded.issue, file: name });
  return json ? parseUnitsJson(decoded.text, name) : parseUnits(decoded.text, name);
}

/** A refusal for the problems of a facts body: 400 when it does not parse, else 422. */
function factsRefusal(issues: KaoheIssue[]): Refusal {
  const syntax = issues.every((i) => i.code === "E_SYNTAX" || i.code === "E_ENCODING");
  return new Refusal(syntax ? 400 : 422, issues);
}

/** Scoring options from the query, with a calendar that records the years it is asked about. */
function scoreOptions(q: Query, trace: boolean) {
  const cal = recordingCalendar(CN_CALENDAR);
  const options: CohortOptions = { trace, calendar: cal.calendar };
  if (flag(q, "strict", false)) options.strict = true;
  const asOf = q.get("asOf");
  if (asOf !== null) options.asOf = asOf;
  const window = q.get("window");
  if (window !== null) {
    const [from, to] = window.split("..");
    options.window = { from: from ?? "", to: to ?? "" };
  }
  return { options, years: cal.years };
}

/**
 * The manifest of a run, as `kaohe score` would write it for the same files: the rule files of
 * the version (every version when a period chose among versions the CLI can be given together),
 * the facts under the name the request gives and the SHA-256 of the body's bytes.
 */
function manifestOf(
  e: Entry,
  v: Version,
  q: Query,
  facts: ManifestFile,
  years: number[],
  trace: boolean,
): RunManifest {
  const period = q.get("period");
  let rules = [v.rules];
  let params = v.params ? [v.params] : [];
  let chosen = false;
  if (period !== null) {
    const all = e.versions;
    if (all.every((x) => x.params && x.rules.file === v.rules.file)) {
      params = all.map((x) => x.params as ManifestFile);
      chosen = true;
    } else if (all.every((x) => !x.params)) {
      rules = all.map((x) => x.rules);
      chosen = true;
    }
  }
  return {
    kaohe: version,
    ruleSet: { id: v.crs.id, edition: v.crs.edition?.id ?? null, ...v.rules },
    rules,
    params,
    facts: [facts],
    previous: null,
    options: {
      asOf: q.get("asOf"),
      window: q.get("window"),
      period: chosen ? period : null,
      strict: flag(q, "strict", false),
      trace,
    },
    calendarYears: years,
  };
}

const SCORE_QUERY = ["edition", "period", "asOf", "window", "strict"] as const;

/** One unit from a body that must hold exactly one. */
async function oneUnit(ctx: Ctx, name: string) {
  const parsed = readFacts(await ctx.body(), ctx.req, name);
  if (parsed.issues.length) throw factsRefusal(parsed.issues);
  if (parsed.units.length !== 1)
    throw refuse(
      400,
      issue("F_BAD_UNITS", [], {
        detail: `评一个单位:请求体应为一个单位 { id, category?, facts },而这里有 ${parsed.units.length} 个`,
      }),
    );
  return { unit: parsed.units[0] as NonNullable<(typeof parsed.units)[0]>, parsed };
}

function checkTime(ctx: Ctx, stage: string, limit: number): void {
  if (Date.now() > ctx.deadline) throw new Refusal(503, [issue("H_TIMEOUT", [], { limit, stage })]);
}

/** POST /rulesets/{id}/score and /explain: one unit. */
async function scoreOne(ctx: Ctx, e: Entry, explain: boolean, limits: ServeLimits): Promise<Reply> {
  checkQuery(ctx.query, explain ? SCORE_QUERY : [...SCORE_QUERY, "trace"]);
  const v = pick(e, ctx.query);
  const trace = explain || flag(ctx.query, "trace", true);
  const { options } = scoreOptions(ctx.query, trace);
  const { unit, parsed } = await oneUnit(ctx, "request");
  checkTime(ctx, "评分", limits.timeoutMs);
  let outcome: UnitOutcome = scoreUnit(v.crs, unit, options);
  if (parsed.locate) outcome = locateOutcome(unit.id, outcome, parsed.locate);
  if (explain)
    return {
      status: 200,
      type: "text/plain; charset=utf-8",
      body: `${renderExplanation(v.crs, outcome)}\n`,
    };
  return ok(outcomeToJSON(outcome, { trace }));
}

/** POST /rulesets/{id}/cohort: a facts document scored as `kaohe score --format json` does. */
async function scoreMany(ctx: Ctx, e: Entry, limits: ServeLimits): Promise<Reply> {
  checkQuery(ctx.query, [...SCORE_QUERY, "trace", "file"]);
  const v = pick(e, ctx.query);
  const trace = flag(ctx.query, "trace", true);
  const { options, years } = scoreOptions(ctx.query, trace);
  const name = ctx.query.get("file") ?? "request";
  const body = await ctx.body();
  const parsed = readFacts(body, ctx.req, name);
  if (parsed.issues.length) throw factsRefusal(parsed.issues);
  if (parsed.units.length > limits.maxUnits)
    throw refuse(
      413,
      issue("H_TOO_MANY_UNITS", [], { count: parsed.units.length, limit: limits.maxUnits }),
    );
  if (!parsed.units.length)
    throw refuse(422, issue("F_BAD_UNITS", [], { detail: "没有列出任何单位" }));
  const stage = "评分";
  options.onProgress = () => checkTime(ctx, stage, limits.timeoutMs);
  checkTime(ctx, stage, limits.timeoutMs);
  const run = locateRun(scoreCohortLazily(v.crs, parsed.units, options), parsed.locate);
  const facts = { file: name, sha256: createHash("sha256").update(body).digest("hex") };
  const manifest = manifestOf(e, v, ctx.query, facts, years(), trace);
  const text = pretty({ ruleSet: v.crs.id, manifest, ...cohortRunToJSON(run, { trace }) }, () =>
    checkTime(ctx, stage, limits.timeoutMs),
  );
  return { status: 200, type: JSON_TYPE, body: text };
}

/** POST /check: a rule text checked as `kaohe check` checks a file. */
async function check(ctx: Ctx): Promise<Reply> {
  checkQuery(ctx.query, []);
  const type = (ctx.req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !type.endsWith("+json"))
    throw refuse(
      415,
      issue("H_MEDIA_TYPE", [], { received: type || "(none)", allowed: "application/json" }),
    );
  const decoded = decodeText(await ctx.body());
  if (decoded.issue) throw refuse(400, decoded.issue);
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (e) {
    throw refuse(400, issue("E_SYNTAX", [], { detail: (e as Error).message }));
  }
  const req = CheckRequest.safeParse(data, ZOD_PARSE);
  if (!req.success)
    throw new Refusal(
      400,
      mapZodIssues(req.error.issues, data).map((m) => m.issue),
    );
  const { text, file, params } = req.data;
  const r = loadRuleSet(text, {
    file: file ?? "rules.yaml",
    ...(params ? { parameters: { text: params.text, file: params.file ?? "params.yaml" } } : {}),
  });
  return ok(
    r.ok
      ? {
          ok: true,
          ruleSet: r.ruleSet.id,
          title: r.ruleSet.title,
          edition: r.ruleSet.edition?.id ?? null,
          warnings: r.warnings,
        }
      : { ok: false, issues: r.issues },
  );
}

/** Equal tokens, compared in constant time (their hashes, so the lengths never show). */
function sameToken(given: string, token: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(given), h(token));
}

/** The service: its HTTP server (not yet listening), and the reload that SIGHUP calls. */
export interface Service {
  readonly server: Server;
  /** The rule sets in force. */
  registry(): Registry;
  /** Loads the directory again; on any problem the rule sets in force stay. */
  reload(): ReloadResult;
}

/**
 * Loads the rule sets and makes the service's HTTP server, not yet listening. Nothing is served
 * if any rule set does not load: the problems come back instead.
 */
export function createService(
  opts: ServiceOptions,
): { ok: true; service: Service; warnings: KaoheIssue[] } | { ok: false; issues: KaoheIssue[] } {
  const limits: ServeLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const first = loadRegistry(opts.rules, 1);
  if (!first.ok) return first;
  let registry = first.registry;
  let lastReload: { ok: boolean; issues: KaoheIssue[] } | null = null;
  const openapi = pretty(openApiDocument());
  let active = 0;

  const route = async (ctx: Ctx, method: string, path: string): Promise<Reply> => {
    const only = (...allowed: string[]) => {
      if (!allowed.includes(method))
        throw refuse(405, issue("H_METHOD", [], { method, allowed: allowed.join("、") }), {
          Allow: allowed.join(", "),
        });
    };
    if (path === "/health") {
      only("GET");
      checkQuery(ctx.query, []);
      let versions = 0;
      for (const e of ctx.registry.entries.values()) versions += e.versions.length;
      return ok({
        status: "ok",
        kaohe: version,
        generation: ctx.registry.generation,
        ruleSets: ctx.registry.entries.size,
        versions,
        lastReload,
      });
    }
    if (path === "/openapi.json") {
      only("GET");
      checkQuery(ctx.query, []);
      return { status: 200, type: JSON_TYPE, body: openapi };
    }
    if (path === "/rulesets") {
      only("GET");
      checkQuery(ctx.query, []);
      return ok({ ruleSets: [...ctx.registry.entries.values()].map(entryView) });
    }
    if (path === "/check") {
      only("POST");
      return check(ctx);
    }
    const rest = path.startsWith("/rulesets/") ? path.slice("/rulesets/".length) : null;
    const whole = rest !== null ? ctx.registry.entries.get(rest) : undefined;
    if (whole) {
      only("GET");
      checkQuery(ctx.query, []);
      return ok(entryView(whole));
    }
    const cut = rest?.lastIndexOf("/") ?? -1;
    const e = rest && cut > 0 ? ctx.registry.entries.get(rest.slice(0, cut)) : undefined;
    const action = rest?.slice(cut + 1) ?? "";
    if (!e || !ACTIONS.has(action))
      throw refuse(
        404,
        issue("H_NOT_FOUND", [], {
          what: rest
            ? `规则集 "${rest}"(GET /rulesets 列出全部)`
            : `地址 ${path}(GET /openapi.json 列出全部)`,
        }),
      );
    if (action === "tree" || action === "facts") {
      only("GET");
      checkQuery(ctx.query, ["edition", "period"]);
      const v = pick(e, ctx.query);
      return ok(action === "tree" ? treeView(v.crs) : factsView(v.crs));
    }
    only("POST");
    if (action === "cohort") return scoreMany(ctx, e, limits);
    return scoreOne(ctx, e, action === "explain", limits);
  };

  const send = (res: ServerResponse, r: Reply, headers: Record<string, string> = {}) => {
    if (res.headersSent) return;
    const body = Buffer.from(r.body, "utf8");
    res.writeHead(r.status, {
      "Content-Type": r.type,
      "Content-Length": String(body.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    });
    res.end(body);
  };
  const sendRefusal = (res: ServerResponse, f: Refusal, close: boolean) =>
    send(
      res,
      { status: f.status, type: JSON_TYPE, body: pretty({ ok: false, issues: f.issues }) },
      { ...f.headers, ...(close ? { Connection: "close" } : {}) },
    );

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    active++;
    res.on("close", () => active--);
    const started = Date.now();
    let reading = false;
    let timer: NodeJS.Timeout | undefined;
    // The body is read once, within the size limit and the time left.
    let bodyPromise: Promise<Buffer> | null = null;
    const readBody = () =>
      new Promise<Buffer>((resolve, reject) => {
        const tooLarge = () =>
          new Refusal(413, [issue("E_TOO_LARGE", [], { limit: limits.maxBodyBytes })], {
            Connection: "close",
          });
        const declared = Number(req.headers["content-length"] ?? Number.NaN);
        if (declared > limits.maxBodyBytes) return reject(tooLarge());
        reading = true;
        const chunks: Buffer[] = [];
        let size = 0;
        req.on("data", (c: Buffer) => {
          size += c.length;
          if (size > limits.maxBodyBytes) {
            req.removeAllListeners("data");
            reject(tooLarge());
          } else chunks.push(c);
        });
        req.on("end", () => {
          reading = false;
          resolve(Buffer.concat(chunks));
        });
        req.on("error", reject);
      });
    try {
      if (active > limits.maxConcurrent)
        throw refuse(503, issue("H_BUSY", [], { limit: limits.maxConcurrent }), {
          "Retry-After": "1",
        });
      const url = new URL(req.url ?? "/", "http://localhost");
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        throw refuse(404, issue("H_NOT_FOUND", [], { what: `地址 ${url.pathname}` }));
      }
      if (opts.token !== undefined && path !== "/health") {
        const auth = req.headers.authorization ?? "";
        const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
        if (!m || !sameToken(m[1] as string, opts.token))
          throw refuse(
            401,
            issue("H_UNAUTHORIZED", [], { detail: auth ? "令牌不对" : "请求没有带令牌" }),
            { "WWW-Authenticate": 'Bearer realm="kaohe"' },
          );
      }
      const ctx: Ctx = {
        req,
        query: url.searchParams,
        registry,
        deadline: started + limits.timeoutMs,
        body: () => {
          bodyPromise ??= readBody();
          return bodyPromise;
        },
      };
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Refusal(
                reading ? 408 : 503,
                [
                  issue("H_TIMEOUT", [], {
                    limit: limits.timeoutMs,
                    stage: reading ? "读取请求体" : "处理请求",
                  }),
                ],
                { Connection: "close" },
              ),
            ),
          limits.timeoutMs,
        );
      });
      const reply = await Promise.race([route(ctx, req.method ?? "GET", path), timeout]);
      send(res, reply);
    } catch (e) {
      if (e instanceof Refusal) sendRefusal(res, e, reading || !!e.headers.Connection);
      else {
        opts.log?.(`kaohe serve: ${req.method} ${req.url}: ${(e as Error)?.stack ?? String(e)}`);
        sendRefusal(
          res,
          new Refusal(500, [issue("H_INTERNAL", [], { detail: "请求未能完成" })]),
          false,
        );
      }
      // A body not read to its end is dropped with the connection.
      if (reading) res.on("finish", () => req.destroy());
    } finally {
      clearTimeout(timer);
    }
  };

  const server = createServer(
    {
      requestTimeout: limits.timeoutMs + 5_000,
      headersTimeout: Math.min(limits.timeoutMs, 60_000),
      keepAliveTimeout: 5_000,
    },
    (req, res) => void handle(req, res),
  );

  const service: Service = {
    server,
    registry: () => registry,
    reload() {
      const next = loadRegistry(opts.rules, registry.generation + 1);
      if (next.ok) {
        registry = next.registry;
        lastReload = { ok: true, issues: [] };
        return { ok: true, generation: registry.generation, issues: [], warnings: next.warnings };
      }
      lastReload = { ok: false, issues: next.issues };
      return { ok: false, generation: registry.generation, issues: next.issues, warnings: [] };
    },
  };
  return { ok: true, service, warnings: first.warnings };
}
