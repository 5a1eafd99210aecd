/**
 * The playground's pure helpers (no DOM): what format pasted facts are in, where a line and column
 * fall in the editor's text, and how a problem reads in the page. Tested in Node
 * (text.test.ts); the page (main.ts) only wires them to the DOM.
 */
import type { KaoheIssue } from "../api/kaohe.js";

/** The formats facts can be pasted in (XLSX only comes as a file). */
export type PasteFormat = "yaml" | "json" | "csv" | "jsonl";

/** The file extension each pasted format is read under. */
export const PASTE_EXT: Readonly<Record<PasteFormat, string>> = {
  yaml: "yaml",
  json: "json",
  csv: "csv",
  jsonl: "jsonl",
};

/**
 * The format of pasted facts text, by its shape: JSON when it opens with `{` or `[` and (JSON
 * Lines) when more than one line opens with `{`; YAML when its first line of content has a `key:`
 * or starts a list (`- `); CSV otherwise (a header row of labels separated by commas).
 */
export function detectPasteFormat(text: string): PasteFormat {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const first = lines[0] ?? "";
  if (first.startsWith("[")) return "json";
  if (first.startsWith("{")) {
    const objects = lines.filter((l) => l.startsWith("{") && l.endsWith("}")).length;
    return objects > 1 && objects === lines.length ? "jsonl" : "json";
  }
  if (/^-(\s|$)/.test(first) || /^[^,"]+:(\s|$)/.test(first) || first === "---") return "yaml";
  return "csv";
}

/** The name a rule text is read under: JSON when it opens with `{`, YAML otherwise. */
export function rulesFileName(text: string): string {
  return /^\uFEFF?\s*\{/.test(text) ? "rules.json" : "rules.yaml";
}

/**
 * The offset in `text` of a 1-based line and column (columns count UTF-16 code units, as the
 * parsers report them), clamped to the text and to the line.
 */
export function offsetOf(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf("\n", offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(column, 1) - 1, lineEnd);
}

/** The number of lines of a text, as an editor counts them (an empty text has one). */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Where an issue is, as the page shows it: `3:5`, a sheet's cell, or "" when it has no place. */
export function placeOf(i: KaoheIssue): string {
  const sheet = i.sheet !== undefined ? `[${i.sheet}]` : "";
  if (i.cell !== undefined) return `${i.file ?? ""}${sheet}!${i.cell}`;
  if (i.line !== undefined) return `${i.file ? `${i.file}:` : ""}${i.line}:${i.column ?? 1}`;
  return i.file ?? "";
}

/** The lines (1-based) of these issues that have one, without repeats, in order. */
export function issueLines(issues: readonly KaoheIssue[]): number[] {
  return [...new Set(issues.flatMap((i) => (i.line !== undefined ? [i.line] : [])))].sort(
    (a, b) => a - b,
  );
}

/** A path in a document as the CLI writes it: `tree[2].points`. */
export function pathText(path: readonly (string | number)[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out;
}
