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
const code = cli.run(process.argv.slice(2));
// kaohe letters writes DOCX with an asynchronous library: its status comes as a promise.
if (typeof code === "number") process.exitCode = code;
else code.then((c) => (process.exitCode = c));
