#!/usr/bin/env node
"use strict";
// The kaohe command. It runs the built CLI; `npm install` builds it (the prepare script).
let cli;
try {
  cli = require("../dist/cli/main.cjs");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    process.stderr.write(
      "kaohe: the build is missing; run `npm run build` (npm install does it)\n",
    );
    process.exit(2);
  }
  throw e;
}
// A command that writes asynchronously (DOCX: kaohe render, kaohe letters) returns a promise of its status.
const status = cli.run(process.argv.slice(2));
if (status && typeof status.then === "function") status.then((code) => (process.exitCode = code));
else process.exitCode = status;
