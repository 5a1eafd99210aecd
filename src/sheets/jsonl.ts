/**
 * JSON Lines: one unit per line (wide), or one finding per line (long: `{ "unit": …, "fact": … }`,
 * keys as the long sheet's headers). Each line is read with the JSON fast path; a line that is
 * not clean JSON is reported at its line and column by the YAML reader. Browser-safe.
 */
import type { CompiledRuleSet } from "../compile/compile.js";
import { issue, type KaoheIssue } from "../errors/issue.js";
import { parseSource } from "../load/document.js";
import { type ParsedUnits, parseUnits } from "../load/units.js";
import { normCell } from "./cells.js";
import { CsvByteDecoder, SheetFailure, type SheetLimits } from "./csv.js";
import { parseJsonFast, parseUnitsJson } from "./json.js";
import {
  type Grid,
  type Layout,
  LONG_FIELDS,
  type LongSource,
  readLong,
  type SheetRow,
  type WideSource,
} from "./layout.js";

interface Line {
  line: number;
  text: string;
}

/** The raw lines of a text, or lines already split (a stream). */
type LinesIn = string | Iterable<string>;

const rawLines = (src: LinesIn): Iterable<string> =>
  typeof src === "string" ? src.split("\n") : src;

/**
 * The non-empty lines, numbered, as they come; `tally.skipped` counts the empty lines between
 * them (trailing empty lines are not counted).
 */
function* lines(src: LinesIn, limits: SheetLimits, tally: { skipped: number }): Generator<Line> {
  let n = 0;
  let data = 0;
  let pendingEmpty = 0;
  for (const raw of rawLines(src)) {
    n++;
    const t = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (t.trim() === "") {
      pendingEmpty++;
      continue;
    }
    tally.skipped += pendingEmpty;
    pendingEmpty = 0;
    if (data >= limits.maxRows)
      throw new SheetFailure({
        ...issue("S_LIMIT", [], { what: "行数", limit: limits.maxRows }),
        line: n,
        column: 1,
      });
    data++;
    yield { line: n, text: t };
  }
}

/**
 * The lines of bytes given in chunks, decoded as they come (the encoding sniffed as for CSV).
 * Throws SheetFailure (E_ENCODING, S_LIMIT for a line longer than `maxLine` characters).
 */
export function* linesOf(chunks: Iterable<Uint8Array>, maxLine: number): Generator<string> {
  const dec = new CsvByteDecoder();
  let carry = "";
  let first = true;
  const split = function* (t: string, last: boolean): Generator<string> {
    if (first && t.length) {
      first = false;
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    }
    const parts = (carry + t).split("\n");
    carry = last ? "" : (parts.pop() as string);
    for (const x of [...parts, carry])
      if (x.length > maxLine)
        throw new SheetFailure(issue("S_LIMIT", [], { what: "一行的字符数", limit: maxLine }));
    yield* parts;
  };
  for (const c of chunks) yield* split(dec.push(c), false);
  yield* split(dec.end(), true);
}

/** Shifts an issue placed in one line's text to that line of the file. */
function shift(i: KaoheIssue, line: number, file?: string, column = 0): KaoheIssue {
  return {
    ...i,
    ...(file !== undefined ? { file } : {}),
    ...(i.line !== undefined
      ? { line: i.line + line - 1, column: Math.max(1, (i.column ?? 1) - column) }
      : {}),
  };
}

/** The layout of a JSON Lines text: long when its first object names a `fact` (or `事实`). */
export function jsonlLayout(text: string): Layout {
  return layoutOfLine(text.split("\n").find((l) => l.trim() !== ""));
}

/** The layout a JSON Lines file's first non-empty line says. */
export function layoutOfLine(first: string | undefined): Layout {
  if (first === undefined) return "wide";
  try {
    const o = JSON.parse(first) as unknown;
    if (o && typeof o === "object" && !Array.isArray(o))
      for (const k of Object.keys(o)) if (["fact", "事实"].includes(normCell(k))) return "long";
  } catch {
    // Not JSON: reported by the reader.
  }
  return "wide";
}

/** Reads JSON Lines of units. */
export function readJsonlWide(text: LinesIn, limits: SheetLimits, file?: string): WideSource {
  const tally = { skipped: 0 };
  const data = lines(text, limits, tally);
  const units: ParsedUnits["units"] = [];
  const issues: KaoheIssue[] = [];
  const summary = { rowsRead: 0, rowsUsed: 0, rowsSkipped: 0, rowsRejected: 0 };
  const placed = new Map<string, { line: number; p: ParsedUnits }>();
  for (const l of data) {
    // Read as a list of one unit, so that the unit's issues are placed within the line.
    const p = parseUnitsJson(`[${l.text}]`, file);
    const only = p.units.length === 1 ? p.units[0] : undefined;
    if (!only) {
      issues.push(
        ...p.issues.map((i) => shift(i, l.line, file, 1)),
        ...(p.issues.length
          ? []
          : [
              {
                ...issue("F_BAD_UNITS", [], {
                  detail: "JSON Lines 每行应为一个单位 { id, facts }",
                }),
                ...(file !== undefined ? { file } : {}),
                line: l.line,
                column: 1,
              },
            ]),
      );
      summary.rowsRejected++;
      continue;
    }
    const first = placed.get(only.id);
    if (first) {
      issues.push({
        ...issue("F_DUPLICATE_UNIT_AT", [], {
          id: only.id,
          first: `第${first.line}行`,
          detail: "",
        }),
        ...(file !== undefined ? { file } : {}),
        line: l.line,
        column: 1,
        unit: only.id,
      });
      units.push({ id: only.id, facts: {} });
      summary.rowsRejected++;
      continue;
    }
    placed.set(only.id, { line: l.line, p });
    units.push(only);
    summary.rowsUsed++;
  }
  summary.rowsSkipped = tally.skipped;
  summary.rowsRead = summary.rowsUsed + summary.rowsRejected + tally.skipped;
  return {
    kind: "wide",
    units,
    issues,
    summary,
    locate: (unitId, i) => {
      const at = placed.get(unitId);
      if (!at || i.line !== undefined || i.cell !== undefined) return i;
      const inLine = at.p.locate ? at.p.locate(unitId, i) : i;
      return shift(inLine, at.line, file, 1);
    },
  };
}

/** Reads JSON Lines of findings: each line's keys are a long sheet's headers. */
export function readJsonlLong(
  text: LinesIn,
  crs: CompiledRuleSet,
  limits: SheetLimits,
  file?: string,
): LongSource {
  const tally = { skipped: 0 };
  const data = lines(text, limits, tally);
  const keys: string[] = [];
  const keyCol = new Map<string, number>();
  const keyLine = new Map<number, number>();
  const rows: SheetRow[] = [];
  const refused: KaoheIssue[] = [];
  for (const l of data) {
    const fast = parseJsonFast(l.text);
    const o = fast?.data;
    if (!fast || !o || typeof o !== "object" || Array.isArray(o)) {
      const src = fast ? null : parseSource(l.text, file);
      const i = src?.issues[0];
      refused.push(
        i
          ? shift(i, l.line, file)
          : {
              ...issue("S_ROW", [], { detail: "JSON Lines 每行应为一条问题 { unit, fact, … }" }),
              ...(file !== undefined ? { file } : {}),
              line: l.line,
              column: 1,
            },
      );
      continue;
    }
    const cells: string[] = [];
    let twice: string | null = null;
    for (const [key, v] of Object.entries(o as Record<string, unknown>)) {
      // `单位` and `unit` are one field: each line may use either form.
      const k = LONG_FIELDS.get(normCell(key).toLowerCase()) ?? key;
      if (keyCol.has(k) && cells[keyCol.get(k) as number] !== undefined) twice = key;
      let col = keyCol.get(k);
      if (col === undefined) {
        col = keys.length;
        keys.push(k);
        keyCol.set(k, col);
        keyLine.set(col, l.line);
      }
      cells[col] = cellText(v);
    }
    if (twice !== null) {
      refused.push({
        ...issue("S_ROW", [], { detail: `字段 "${twice}" 与另一写法的同一字段重复` }),
        ...(file !== undefined ? { file } : {}),
        line: l.line,
        column: 1,
      });
      continue;
    }
    rows.push({ row: l.line, cells: Array.from(cells, (c) => c ?? "") });
  }
  const grid: Grid = {
    rows: [{ row: 0, cells: keys }, ...rows],
    at: (row, col) => ({
      ...(file !== undefined ? { file } : {}),
      line: row === 0 ? (keyLine.get(col ?? 0) ?? 1) : row,
      column: 1,
    }),
  };
  // A JSON Lines file has no header row: a key that no line has is not a header problem.
  const src = readLong(grid, crs);
  if (!keys.length) src.issues.length = 0;
  src.issues.push(...refused);
  src.summary.rowsRead += tally.skipped + refused.length;
  src.summary.rowsSkipped += tally.skipped;
  src.summary.rowsRejected += refused.length;
  return src;
}

/** A JSON value as the text of a cell: numbers as written, lists of tags joined by 、. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.join("、");
  return JSON.stringify(v);
}

/** Reads a YAML or JSON facts file as a source (for combining it with a long sheet). */
export function readUnitsText(text: string, json: boolean, file?: string): ParsedUnits {
  return json ? parseUnitsJson(text, file) : parseUnits(text, file);
}
