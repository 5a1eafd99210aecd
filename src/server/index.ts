/**
 * kaohe/server — the HTTP service of `kaohe serve`, for a program that starts it itself. Node-only,
 * and apart from the core: nothing of it is reachable from `kaohe` (docs/server.md).
 *
 * The package entry `kaohe/server`: its public API, on purpose (etc/api/kaohe-server.api.md). The
 * implementation is src/server/service.ts, which the CLI uses too.
 */
import { KaoheError, type KaoheIssue } from "../errors/issue.js";
import * as schemas from "./schemas.js";
import * as service from "./service.js";

export type { ReloadResult, ServeLimits } from "./service.js";

/** The default limits: 8 MiB bodies, 10,000 units, 30 s, 8 requests at once. */
export const DEFAULT_LIMITS: Readonly<service.ServeLimits> = service.DEFAULT_LIMITS;

/** How startServer sets the service up. */
export interface ServeOptions {
  /** The directory of rule sets (each folder with a rules.yaml; a template with its params/). */
  rules: string;
  /** The address to listen on; default 127.0.0.1 (this machine only). */
  host?: string;
  /** The port; default 8080; 0 picks a free one. */
  port?: number;
  /** A bearer token every request but /health must carry (the CLI reads KAOHE_TOKEN). */
  token?: string;
  /** Limits to change from DEFAULT_LIMITS. */
  limits?: Partial<service.ServeLimits>;
  /** Where unexpected errors are reported (a client sees only H_INTERNAL); default none. */
  log?: (line: string) => void;
}

/** A running service. */
export interface KaoheServer {
  /** The base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The rule sets' warnings at start. */
  readonly warnings: readonly KaoheIssue[];
  /** Loads the rule directory again (what SIGHUP does in `kaohe serve`); on any problem the old rule sets stay. */
  reload(): service.ReloadResult;
  /** Stops listening and waits for the requests in progress to end. */
  close(): Promise<void>;
}

/**
 * Loads and checks every rule set under `options.rules`, then serves them over HTTP. Rejects with
 * a KaoheError listing the problems if any rule set does not load: nothing is served half-loaded.
 *
 * @example
 * const server = await startServer({ rules: "rules", port: 0 });
 * (await fetch(`${server.url}/health`)).status; //=> 200
 * await server.close();
 */
export async function startServer(options: ServeOptions): Promise<KaoheServer> {
  const made = service.createService({
    rules: options.rules,
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  if (!made.ok) throw new KaoheError(made.issues);
  const { server } = made.service;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 8080);
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    warnings: made.warnings,
    reload: () => made.service.reload(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/**
 * The OpenAPI 3.1 document of the service (what it serves at /openapi.json), generated from the
 * zod schemas it reads and writes with.
 *
 * @example
 * openApiDocument().openapi; //=> "3.1.0"
 */
export function openApiDocument(): Record<string, unknown> {
  return schemas.openApiDocument();
}
