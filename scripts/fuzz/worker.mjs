/**
 * A fuzz worker: loads the BUILT library (dist/index.cjs unless told otherwise) and the corpus,
 * then runs the cases the runner sends, one at a time, under the runner's watchdog.
 */
import { createRequire } from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import { bundleFiles } from "./bundle.mjs";
import { loadCorpus } from "./corpus.mjs";
import { generateCase, prepareEnv } from "./generate.mjs";
import { minimize } from "./minimize.mjs";
import { runCase } from "./oracles.mjs";

const require = createRequire(import.meta.url);
const { root, lib: libPath, seed, repoFromBundle } = workerData;
const lib = require(libPath);
const env = prepareEnv(lib, loadCorpus(root));
env.warm();

parentPort.on("message", (m) => {
  if (m.type === "case") {
    const t0 = performance.now();
    const c = generateCase(env, seed, m.no);
    let failures;
    try {
      failures = runCase(lib, c, env);
    } catch (e) {
      // A bug in the harness itself, not in kaohe: reported apart.
      failures = [
        { oracle: "harness", stage: "harness", message: String(e?.stack ?? e).slice(0, 500) },
      ];
    }
    parentPort.postMessage({
      type: "result",
      no: m.no,
      kind: c.kind,
      ms: performance.now() - t0,
      mutations: c.mutations,
      failures,
      ...(failures.length ? { files: bundleFiles(c, failures, { repoFromBundle }) } : {}),
    });
  } else if (m.type === "minimize") {
    const c = generateCase(env, seed, m.no);
    const small = minimize(lib, env, c, m.sig, m.ms);
    const failures = runCase(lib, small, env);
    parentPort.postMessage({
      type: "minimized",
      no: m.no,
      sig: m.sig,
      files: bundleFiles(small, failures, { repoFromBundle }),
    });
  }
});
parentPort.postMessage({ type: "ready" });
