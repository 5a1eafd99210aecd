/**
 * `kaohe verify <result.json>`: re-runs a scoring from the files its manifest names and confirms
 * the result byte for byte — what an office needs when a unit appeals its score.
 */
import { existsSync, readFileSync } from "node:fs";
import type { ManifestFile, RunManifest } from "../node/manifest.js";
import { sha256File } from "../node/manifest.js";

/** What a re-run of the command line gives. */
export interface RunOutput {
  code: number;
  out: string;
}

/** The `kaohe score` arguments that reproduce a manifest's run. */
export function scoreArgs(m: RunManifest): string[] {
  const args = ["score"];
  for (const r of m.rules) args.push("--rules", r.file);
  for (const p of m.params) args.push("--params", p.file);
  for (const f of m.facts) args.push("--facts", f.file);
  if (m.previous) args.push("--previous", m.previous.file);
  if (m.options.asOf) args.push("--as-of", m.options.asOf);
  if (m.options.window) args.push("--window", m.options.window);
  if (m.options.period) args.push("--period", m.options.period);
  for (const r of m.options.reading ?? []) args.push("--reading", r);
  for (const c of m.calendars ?? []) args.push("--calendar", c.file);
  if (m.options.strict) args.push("--strict");
  if (!m.options.trace) args.push("--no-trace");
  args.push("--format", "json");
  return args;
}

function isManifestFile(v: unknown): v is ManifestFile {
  const o = v as ManifestFile | null;
  return !!o && typeof o.file === "string" && typeof o.sha256 === "string";
}

/** Reads the manifest of a JSON result, or says why it cannot. */
export function readManifest(text: string): { manifest?: RunManifest; problem?: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: "不是 kaohe score 输出的 JSON 结果" };
  }
  const m = (data as { manifest?: RunManifest } | null)?.manifest;
  if (
    !m ||
    typeof m !== "object" ||
    !Array.isArray(m.rules) ||
    !m.rules.every(isManifestFile) ||
    !Array.isArray(m.params) ||
    !m.params.every(isManifestFile) ||
    !Array.isArray(m.facts) ||
    !m.facts.every(isManifestFile) ||
    (m.previous !== null && !isManifestFile(m.previous)) ||
    (m.calendars !== undefined &&
      (!Array.isArray(m.calendars) || !m.calendars.every(isManifestFile))) ||
    !m.options ||
    typeof m.options !== "object" ||
    (m.options.reading !== undefined &&
      !(Array.isArray(m.options.reading) && m.options.reading.every((r) => typeof r === "string")))
  )
    return { problem: "结果中没有完整的 manifest(运行清单),无法复核" };
  return { manifest: m };
}

/**
 * Checks a saved result: every input file still has the hash the manifest records, and scoring
 * them again gives the same bytes. Returns the exit code (0 confirmed, 1 not confirmed).
 */
export function verifyResult(
  resultPath: string,
  io: { out(line: string): void; err(line: string): void },
  rerun: (argv: string[]) => RunOutput,
  version: string,
): number {
  if (!existsSync(resultPath)) {
    io.err(`kaohe verify: 找不到结果文件 ${resultPath}`);
    return 1;
  }
  const text = readFileSync(resultPath, "utf8");
  const { manifest, problem } = readManifest(text);
  if (!manifest) {
    io.err(`kaohe verify: ${resultPath}:${problem}`);
    return 1;
  }
  let bad = 0;
  const files = [
    ...manifest.rules,
    ...manifest.params,
    ...manifest.facts,
    ...(manifest.previous ? [manifest.previous] : []),
    ...(manifest.calendars ?? []),
  ];
  for (const f of files) {
    if (!existsSync(f.file)) {
      io.err(`kaohe verify: 输入文件 ${f.file} 不存在`);
      bad++;
    } else if (sha256File(f.file) !== f.sha256) {
      io.err(`kaohe verify: 输入文件 ${f.file} 已改动(SHA-256 与结果中记录的不同)`);
      bad++;
    }
  }
  if (bad) return 1;
  if (manifest.kaohe !== version)
    io.err(
      `kaohe verify: 注意:结果由 kaohe ${manifest.kaohe} 计算,现在的是 ${version};结果不同可能出于版本差异`,
    );
  const again = rerun(scoreArgs(manifest));
  const expected = text.endsWith("\n") ? text : `${text}\n`;
  if (again.out === expected) {
    io.out(
      `复核一致:${resultPath} 与按清单重新计算的结果逐字节相同(${files.length}个输入文件,SHA-256 均未改变)`,
    );
    return 0;
  }
  let at = 0;
  while (at < expected.length && expected[at] === again.out[at]) at++;
  const line = expected.slice(0, at).split("\n").length;
  io.err(`kaohe verify: 复核不一致:重新计算的结果从第${line}行起与 ${resultPath} 不同`);
  return 1;
}
