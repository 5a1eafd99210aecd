/**
 * The runner: a pool of worker threads, a watchdog per case (a case over the time limit has its
 * worker terminated, is recorded as a timeout, and a fresh worker takes over), failure records,
 * reproducers and the summary.
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { bundleFiles } from "./bundle.mjs";
import { loadCorpus } from "./corpus.mjs";
import { generateCase, prepareEnv } from "./generate.mjs";
import { signature } from "./oracles.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, "..", "..");

/** The counters of the summary line, by oracle. */
const LABELS = {
  exception: "uncaught exceptions",
  timeout: "timeouts",
  order: "order-dependent outputs",
  "json-yaml": "JSON/YAML mismatches",
  prototype: "prototype changes",
  harness: "harness errors",
};

/**
 * Runs cases `start` … `start + cases - 1` of `seed`. Returns the summary; writes failures.log,
 * one folder per distinct failure (with a minimized copy in min/) and summary.txt under `out`.
 */
export function runFuzz(options) {
  const o = {
    cases: 2000,
    seed: 1,
    workers: 2,
    timeoutMs: 2000,
    start: 0,
    out: join(REPO_ROOT, "fuzz-out"),
    lib: join(REPO_ROOT, "dist", "index.cjs"),
    root: REPO_ROOT,
    minimize: true,
    minimizeMs: 8000,
    maxBundles: 300,
    log: (line) => process.stderr.write(`${line}\n`),
    progressMs: 10_000,
    ...options,
  };
  rmSync(o.out, { recursive: true, force: true });
  mkdirSync(o.out, { recursive: true });
  const logFile = join(o.out, "failures.log");
  writeFileSync(logFile, "");
  const repoFromBundle = relative(join(o.out, "x"), o.root) || ".";

  const counts = Object.fromEntries(Object.keys(LABELS).map((k) => [k, 0]));
  const sigs = new Map(); // signature → { id, dir, count, first, oracle, stage, message }
  const byKind = {};
  let done = 0;
  let failedCases = 0;
  let next = o.start;
  const end = o.start + o.cases;
  const minimizeQueue = [];
  const t0 = Date.now();
  let lastProgress = t0;
  let mainEnv = null;

  const writeBundle = (dir, files) => {
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  };

  const record = (no, kind, failures, files, mutations, ms = 0) => {
    done++;
    byKind[kind] ??= { cases: 0, failed: 0, ms: 0 };
    byKind[kind].cases++;
    byKind[kind].ms += ms;
    if (!failures.length) return;
    failedCases++;
    byKind[kind].failed++;
    const oracles = new Set(failures.map((f) => f.oracle));
    for (const k of oracles) counts[k] = (counts[k] ?? 0) + 1;
    for (const f of failures) {
      const sig = signature(f);
      let s = sigs.get(sig);
      if (!s) {
        s = {
          id: sigs.size + 1,
          dir: `${f.oracle}-${String(sigs.size + 1).padStart(3, "0")}`,
          count: 0,
          first: no,
          oracle: f.oracle,
          stage: f.stage,
          message: f.message,
          kind,
        };
        sigs.set(sig, s);
        if (s.id <= o.maxBundles) {
          writeBundle(join(o.out, s.dir), files ?? {});
          if (o.minimize && f.oracle !== "timeout") minimizeQueue.push({ no, sig, dir: s.dir });
        }
      }
      s.count++;
      appendFileSync(
        logFile,
        `seed=${o.seed} case=${no} kind=${kind} oracle=${f.oracle} stage="${f.stage}" class=${s.dir} :: ${f.message.replace(/\s+/g, " ").slice(0, 300)} [${(mutations ?? []).join("; ").replace(/\s+/g, " ").slice(0, 300)}]\n`,
      );
    }
  };

  /** Rebuilds a case in this thread (for a case whose worker had to be killed). */
  const regenerate = (no) => {
    if (!mainEnv) {
      const lib = createRequire(import.meta.url)(o.lib);
      mainEnv = prepareEnv(lib, loadCorpus(o.root));
    }
    return generateCase(mainEnv, o.seed, no);
  };

  return new Promise((resolveRun, rejectRun) => {
    const slots = [];
    let finished = false;

    const finish = () => {
      if (finished) return;
      if (slots.some((s) => s.job)) return;
      if (next < end || minimizeQueue.length) return;
      finished = true;
      for (const s of slots) s.worker?.terminate();
      const secs = (Date.now() - t0) / 1000;
      const summary = {
        seed: o.seed,
        start: o.start,
        cases: done,
        seconds: secs,
        casesPerSecond: done / Math.max(secs, 1e-9),
        workers: o.workers,
        counts,
        failedCases,
        byKind,
        classes: [...sigs.entries()].map(([sig, s]) => ({ signature: sig, ...s })),
      };
      summary.line = `fuzz: seed ${o.seed}, ${done} cases run in ${secs.toFixed(1)} s (${summary.casesPerSecond.toFixed(1)} cases/s, ${o.workers} workers): ${Object.entries(
        LABELS,
      )
        .map(([k, label]) => `${counts[k]} ${label}`)
        .join(
          ", ",
        )}; ${sigs.size} distinct failure class(es)${sigs.size ? ` → ${relative(process.cwd(), o.out) || o.out}/` : ""}`;
      const classLines = summary.classes.map(
        (c) =>
          `${c.dir}  ${c.count}×  first case ${c.first} (${c.kind})  ${c.oracle} in ${c.stage}: ${c.message.replace(/\s+/g, " ").slice(0, 200)}`,
      );
      writeFileSync(
        join(o.out, "summary.txt"),
        `${[summary.line, "", ...classLines].join("\n")}\n`,
      );
      resolveRun(summary);
    };

    const dispatch = (slot) => {
      if (finished || !slot.ready) return;
      let job = null;
      if (minimizeQueue.length)
        job = { type: "minimize", ...minimizeQueue.shift(), ms: o.minimizeMs };
      else if (next < end) job = { type: "case", no: next++ };
      if (!job) {
        slot.job = null;
        finish();
        return;
      }
      slot.job = job;
      const limit = job.type === "case" ? o.timeoutMs : o.minimizeMs * 3 + 5000;
      slot.timer = setTimeout(() => onTimeout(slot), limit);
      slot.worker.postMessage(job);
    };

    const onTimeout = (slot) => {
      const job = slot.job;
      slot.job = null;
      slot.worker.removeAllListeners();
      slot.worker.terminate();
      if (job?.type === "case") {
        let files = {};
        let kind = "?";
        let mutations = [];
        try {
          const c = regenerate(job.no);
          kind = c.kind;
          mutations = c.mutations;
          files = bundleFiles(
            c,
            [{ oracle: "timeout", stage: "case", message: `over ${o.timeoutMs} ms` }],
            { repoFromBundle },
          );
        } catch (e) {
          files = { "error.txt": String(e?.stack ?? e) };
        }
        record(
          job.no,
          kind,
          [
            {
              oracle: "timeout",
              stage: "case",
              message: `over ${o.timeoutMs} ms (${mutations.join("; ").slice(0, 160)})`,
            },
          ],
          files,
          mutations,
        );
      }
      start(slot);
    };

    const onCrash = (slot, err) => {
      const job = slot.job;
      clearTimeout(slot.timer);
      slot.job = null;
      slot.worker.removeAllListeners();
      slot.worker.terminate();
      if (!slot.ready && !job) {
        rejectRun(err);
        return;
      }
      if (job?.type === "case") {
        const f = {
          oracle: "exception",
          stage: "worker",
          message: `the worker died: ${String(err?.message ?? err).split("\n")[0]}`,
          error: { name: err?.name ?? "Error", message: String(err?.message ?? err), frames: [] },
        };
        let files = {};
        try {
          files = bundleFiles(regenerate(job.no), [f], { repoFromBundle });
        } catch {
          files = {};
        }
        record(job.no, "?", [f], files, []);
      }
      start(slot);
    };

    const start = (slot) => {
      slot.ready = false;
      const w = new Worker(join(here, "worker.mjs"), {
        workerData: { root: o.root, lib: o.lib, seed: o.seed, repoFromBundle },
        resourceLimits: { maxOldGenerationSizeMb: 1024 },
        // The yaml package warns on stderr about unresolved tags; thousands of cases would bury the summary.
        execArgv: [...process.execArgv, "--no-warnings"],
      });
      slot.worker = w;
      w.on("message", (m) => {
        if (m.type === "ready") {
          slot.ready = true;
          dispatch(slot);
          return;
        }
        clearTimeout(slot.timer);
        slot.job = null;
        if (m.type === "result") record(m.no, m.kind, m.failures, m.files, m.mutations, m.ms);
        else if (m.type === "minimized") {
          const s = sigs.get(m.sig);
          if (s) writeBundle(join(o.out, s.dir, "min"), m.files);
        }
        const now = Date.now();
        if (o.progressMs && now - lastProgress > o.progressMs) {
          lastProgress = now;
          o.log(
            `fuzz: ${done}/${o.cases} cases, ${failedCases} failing, ${sigs.size} classes, ${(done / ((now - t0) / 1000)).toFixed(1)} cases/s`,
          );
        }
        dispatch(slot);
      });
      w.on("error", (e) => onCrash(slot, e));
      w.on("exit", (code) => {
        if (slot.worker === w && !finished && (slot.job || !slot.ready))
          onCrash(slot, new Error(`worker exited with ${code}`));
      });
    };

    for (let i = 0; i < Math.max(1, o.workers); i++) {
      const slot = { worker: null, job: null, timer: null, ready: false };
      slots.push(slot);
      start(slot);
    }
  });
}
