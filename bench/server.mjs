// kaohe serve under load: requests per second and latency (p50, p99) of single-unit scoring over
// HTTP on 127.0.0.1, measured with autocannon for a fixed time, against two baselines of the same
// run — the same unit scored in-process (scoreUnit, no HTTP), and a bare node:http server that
// returns a constant body of the same size (HTTP, no scoring) — reported as ratios.
//
//   npm run build && cd bench/peers && npm ci && cd ../..
//   node bench/server.mjs [--duration 5] [--connections 4]
//
// The service and the bare server each run in a child process of their own, as in production;
// autocannon runs in this one. Every line is bounded in time (--duration seconds, after a 1 s
// warm-up), so the whole run takes about 4 × (duration + 1) seconds plus starting up.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const peers = createRequire(join(root, "bench", "peers", "package.json"));
const autocannon = peers("autocannon");

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const DURATION = arg("duration", 5);
const CONNECTIONS = arg("connections", 4);
const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const ID = "hubei/caizheng-bianzhi-2009-h1";

const node = await import(pathToFileURL(join(root, "dist", "node", "index.js")).href);
const kaohe = await import(pathToFileURL(join(root, "dist", "index.js")).href);
const crs = node.compileRuleSetFile(join(root, RULES));
const unit = node
  .loadUnitsFile(join(root, "examples", "hubei-2009-h1-units.yaml"))
  .units.find((u) => u.id === "江岸区");
const body = JSON.stringify(unit);

/** Starts a child process and resolves with the port it prints on stderr. */
function child(args, pattern) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.setEncoding("utf8");
    p.stderr.on("data", (c) => {
      err += c;
      const m = pattern.exec(err);
      if (m) resolve({ port: Number(m[1]), stop: () => p.kill("SIGTERM") });
    });
    p.on("exit", (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

/** autocannon for DURATION seconds after a 1 s warm-up; req/s, p50 and p99 in ms. */
async function load(url, opts = {}) {
  const run = (duration) =>
    new Promise((resolve, reject) =>
      autocannon({ url, connections: CONNECTIONS, duration, ...opts }, (e, r) =>
        e ? reject(e) : resolve(r),
      ),
    );
  await run(1);
  const r = await run(DURATION);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r["2xx"],
    other: r.non2xx + r.errors + r.timeouts,
    bytes: r.throughput.average / Math.max(r.requests.average, 1),
  };
}

/** scoreUnit in this process, for DURATION seconds: operations per second and µs per op. */
function inProcess(trace) {
  const end = Date.now() + DURATION * 1000;
  let n = 0;
  const t0 = process.hrtime.bigint();
  while (Date.now() < end) {
    kaohe.outcomeToJSON(kaohe.scoreUnit(crs, unit, { trace }), { trace });
    n++;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { rps: n / s, us: (s / n) * 1e6 };
}

const post = {
  method: "POST",
  headers: { "content-type": "application/json" },
  body,
};
console.log(
  `kaohe serve bench: Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, ` +
    `load ${loadavg()[0].toFixed(1)}; ${CONNECTIONS} connections, ${DURATION} s per line`,
);

const served = await child(
  [
    "bin/kaohe.cjs",
    "serve",
    "rules/hubei",
    "--port",
    "0",
    "--concurrency",
    String(CONNECTIONS * 4),
  ],
  /127\.0\.0\.1:(\d+)/,
);
const base = `http://127.0.0.1:${served.port}/rulesets/${ID}/score`;
const full = await load(base, post);
const lean = await load(`${base}?trace=false`, post);
served.stop();

// The bare server answers with a constant body as long as a traced outcome's.
const size = Math.round(full.bytes);
const bareCode = `
const http = require("node:http");
const body = Buffer.alloc(${size}, 0x20);
const s = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => { res.writeHead(200, { "content-type": "application/json", "content-length": body.length }); res.end(body); });
});
s.listen(0, "127.0.0.1", () => process.stderr.write("port " + s.address().port + "\\n"));
process.on("SIGTERM", () => process.exit(0));
`;
const bare = await child(["-e", bareCode], /port (\d+)/);
const constant = await load(`http://127.0.0.1:${bare.port}/`, post);
bare.stop();

const inFull = inProcess(true);
const inLean = inProcess(false);

const f = (x, d = 0) =>
  x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log("");
console.log("| line | req/s | p50 ms | p99 ms | non-2xx | × bare http |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
const row = (name, r) =>
  console.log(
    `| ${name} | ${f(r.rps)} | ${f(r.p50, 1)} | ${f(r.p99, 1)} | ${r.other} | ${f(r.rps / constant.rps, 2)} |`,
  );
row(`bare node:http, constant ${f(size)} B`, constant);
row("kaohe serve, score (trace)", full);
row("kaohe serve, score?trace=false", lean);
console.log("");
console.log("| in-process (no HTTP) | ops/s | µs/op | serve req/s ÷ in-process ops/s |");
console.log("| --- | ---: | ---: | ---: |");
console.log(
  `| scoreUnit + outcomeToJSON, trace | ${f(inFull.rps)} | ${f(inFull.us)} | ${f(full.rps / inFull.rps, 2)} |`,
);
console.log(
  `| scoreUnit + outcomeToJSON, no trace | ${f(inLean.rps)} | ${f(inLean.us)} | ${f(lean.rps / inLean.rps, 2)} |`,
);
console.log(`\nload at the end: ${loadavg()[0].toFixed(1)}`);
