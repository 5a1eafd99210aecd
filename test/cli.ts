import { run } from "../src/cli/main.js";

/** What a run of the CLI printed, line by line, and its exit code (a promise for async commands). */
export function printed(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Runs a command that finishes at once: its exit code, and what it printed as text. */
export function capture(argv: string[]) {
  const r = printed(argv);
  return { code: r.code, out: r.out.join("\n"), err: r.err.join("\n") };
}

/** Runs a command that may finish later (letters, seal…): its exit code awaited, and its text. */
export async function captureAsync(argv: string[]) {
  const r = printed(argv);
  const code = await r.code; // what it prints after the promise settles is joined too
  return { code, out: r.out.join("\n"), err: r.err.join("\n") };
}
