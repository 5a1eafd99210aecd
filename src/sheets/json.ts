/**
 * JSON read fast: `JSON.parse` plus one scan for what JSON.parse lets through silently, falling
 * back to the positioned YAML reader (parseSource / parseUnits) whenever anything is suspect or a
 * problem must be placed at its line and column. The result is the one parseSource would give —
 * the same data, the same issues — only without building a YAML document for the common case of a
 * clean file (5,000 units: 5 s through the YAML parser, about 2× JSON.parse here).
 *
 * Browser-safe.
 */
import type { CohortUnitInput } from "../cohort/types.js";
import { Decimal } from "../decimal.js";
import type { KaoheIssue } from "../errors/issue.js";
import { MAX_DEPTH, MAX_EXPANDED_NODES, MAX_INPUT_BYTES, parseSource } from "../load/document.js";
import { MAX_UNITS, normalizeUnitId, type ParsedUnits, parseUnits } from "../load/units.js";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const PLAIN_NUMBER_RE = /^-?[0-9]+(\.[0-9]*)?$/;
/** Keys longer than this go to the YAML reader (YAML limits implicit keys to 1024 characters). */
const MAX_FAST_KEY = 1000;

/** Where the units of a JSON facts file start and end, when it is a list of them. */
interface Scan {
  /** [start, end) offsets of each element of the units list (empty for a single unit). */
  spans: [number, number][];
}

/**
 * One pass over text that JSON.parse accepted: returns null when anything parseSource would
 * refuse or might read differently could be there (duplicate or forbidden keys, numbers in
 * exponent form or with more digits than a double keeps, deep nesting, too many values, long
 * keys, more than 8 MiB), so that the caller falls back to parseSource, which says exactly what
 * and where. Otherwise the offsets of the units.
 */
function scan(text: string): Scan | null {
  // Every UTF-16 unit is at most 3 bytes of UTF-8; only near the limit is the exact count needed.
  if (text.length * 3 > MAX_INPUT_BYTES && utf8Length(text) > MAX_INPUT_BYTES) return null;
  const n = text.length;
  // One frame per open container: its kind, its keys so far (objects), whether the next string
  // is a key, whether it is the units list.
  const kinds: number[] = []; // 0 object, 1 array
  const keySets: (Set<string> | null)[] = [];
  const expectKey: boolean[] = [];
  let unitsList = -1; // depth of the units list, or -1
  let lastKey = "";
  let count = 0;
  const spans: [number, number][] = [];
  let unitStart = -1;
  let i = 0;
  // The depth of the values (root = 0); any value at MAX_DEPTH - 1 or deeper is left to the
  // YAML reader, which counts keys one level below their mapping.
  const beginValue = (at: number): boolean => {
    count++;
    const depth = kinds.length;
    if (depth >= MAX_DEPTH - 1 || count > MAX_EXPANDED_NODES - 10) return false;
    if (depth === unitsList && depth > 0) unitStart = at;
    return true;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2c || c === 0x3a) {
      // `,` in an object: a key comes next; `:` a value.
      if (c === 0x2c && kinds[kinds.length - 1] === 0) expectKey[expectKey.length - 1] = true;
      else if (c === 0x3a) expectKey[expectKey.length - 1] = false;
      i++;
      continue;
    }
    const depth = kinds.length;
    const inObject = kinds[depth - 1] === 0;
    if (c === 0x22) {
      // A string: find its end, decoding only when it has escapes.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return null;
        let b = q - 1;
        while (text.charCodeAt(b) === 0x5c) b--;
        if ((q - 1 - b) % 2 === 0) {
          j = q;
          break;
        }
        j = q + 1;
      }
      if (inObject && expectKey[depth - 1]) {
        const raw = text.slice(i + 1, j);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, j + 1)) as string) : raw;
        if (key.length > MAX_FAST_KEY || FORBIDDEN_KEYS.has(key)) return null;
        const seen = keySets[depth - 1] as Set<string>;
        if (seen.has(key)) return null;
        seen.add(key);
        count++;
        lastKey = key;
      } else if (!beginValue(i)) return null;
      else if (depth === unitsList && depth > 0) spans.push([i, j + 1]);
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (!beginValue(i)) return null;
      // The units list: the root list, or the list under `units` of the root mapping.
      if (c === 0x5b && (depth === 0 || (depth === 1 && inObject && lastKey === "units")))
        unitsList = depth + 1;
      kinds.push(c === 0x7b ? 0 : 1);
      keySets.push(c === 0x7b ? new Set() : null);
      expectKey.push(c === 0x7b);
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      kinds.pop();
      keySets.pop();
      expectKey.pop();
      i++;
      if (kinds.length === unitsList && unitsList > 0) spans.push([unitStart, i]);
      continue;
    }
    // A number or a literal (true, false, null).
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (
        d === 0x2c ||
        d === 0x7d ||
        d === 0x5d ||
        d === 0x20 ||
        d === 0x0a ||
        d === 0x0d ||
        d === 0x09
      )
        break;
      j++;
    }
    if (!beginValue(i)) return null;
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const t = text.slice(i, j);
      if (!PLAIN_NUMBER_RE.test(t)) return null;
      // Up to 15 characters, a plain decimal has at most 15 significant digits and survives as a
      // double; longer ones are compared exactly, as parseSource does.
      if (t.length > 15 && !new Decimal(t).equals(new Decimal(Number(t)))) return null;
    }
    if (depth === unitsList && depth > 0) spans.push([i, j]);
    i = j;
  }
  return { spans };
}

/**
 * Parses a JSON text like parseSource does — the same data and the same refusals — fast when it
 * is clean: null when it must go through parseSource instead (it is not JSON, or something in
 * it needs parseSource's checks and positions).
 */
export function parseJsonFast(text: string): { data: unknown; spans: [number, number][] } | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const s = scan(text);
  return s ? { data, spans: s.spans } : null;
}

const UNIT_KEYS = new Set(["id", "category", "facts", "parent"]);

/**
 * Reads a facts file that is JSON: the same result as parseUnits, but with JSON.parse when the
 * file is clean and every unit well formed. Anything else (a problem to report, `parts` or `self`,
 * a duplicate unit, text that is not JSON) goes through parseUnits, so messages and positions are
 * parseUnits' own. A unit's issues are placed (`locate`) by parsing that unit's text alone.
 */
export function parseUnitsJson(text: string, file?: string): ParsedUnits {
  const fast = parseJsonFast(text);
  if (!fast) return parseUnits(text, file);
  const { data, spans } = fast;
  let list: unknown[];
  let listed = false;
  if (Array.isArray(data)) {
    list = data;
    listed = true;
  } else if (data && typeof data === "object" && "units" in data) {
    const u = (data as { units: unknown }).units;
    if (!Array.isArray(u)) return parseUnits(text, file);
    list = u;
    listed = true;
  } else if (data && typeof data === "object" && "id" in data) list = [data];
  else return parseUnits(text, file);
  if (list.length > MAX_UNITS || (listed && spans.length !== list.length))
    return parseUnits(text, file);
  const units: CohortUnitInput[] = [];
  const index = new Map<string, number>();
  for (let k = 0; k < list.length; k++) {
    const u = list[k];
    if (!u || typeof u !== "object" || Array.isArray(u)) return parseUnits(text, file);
    const o = u as Record<string, unknown>;
    for (const key of Object.keys(o)) if (!UNIT_KEYS.has(key)) return parseUnits(text, file);
    if (typeof o.id !== "string" && typeof o.id !== "number") return parseUnits(text, file);
    const id = normalizeUnitId(String(o.id));
    if (id === "" || index.has(id)) return parseUnits(text, file);
    if (o.category !== undefined && typeof o.category !== "string") return parseUnits(text, file);
    if (o.parent !== undefined && typeof o.parent !== "string" && typeof o.parent !== "number")
      return parseUnits(text, file);
    const facts = o.facts ?? {};
    if (!facts || typeof facts !== "object" || Array.isArray(facts)) return parseUnits(text, file);
    index.set(id, k);
    units.push({
      id,
      ...(typeof o.category === "string" ? { category: o.category } : {}),
      facts: facts as Record<string, unknown>,
      ...(o.parent !== undefined ? { parent: normalizeUnitId(String(o.parent)) } : {}),
    });
  }
  let whole: ParsedUnits | null = null;
  let lines: number[] | null = null;
  const locate = (unitId: string, i: KaoheIssue): KaoheIssue => {
    const k = index.get(unitId);
    if (k === undefined || i.line !== undefined) return i;
    const span = listed ? spans[k] : undefined;
    if (!span) {
      // One unit on its own: the file is that unit.
      whole ??= parseUnits(text, file);
      return whole.locate ? whole.locate(unitId, i) : i;
    }
    lines ??= lineStarts(text);
    return locateIn(text, lines, span, i, file);
  };
  return { units, issues: [], locate };
}

/**
 * Places an issue whose path is relative to a unit by parsing the unit's text alone, padded so
 * that its columns are those of the whole file, then shifting its lines.
 */
function locateIn(
  text: string,
  lines: number[],
  [start, end]: [number, number],
  i: KaoheIssue,
  file?: string,
): KaoheIssue {
  // The last line that starts at or before the unit (binary search).
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] as number) <= start) lo = mid;
    else hi = mid - 1;
  }
  const line = lo + 1;
  const lineStart = lines[lo] as number;
  const piece = " ".repeat(start - lineStart) + text.slice(start, end);
  const placed = parseSource(piece).locate(i);
  return {
    ...i,
    ...(file ? { file } : {}),
    ...(placed.line !== undefined
      ? { line: placed.line + line - 1, column: placed.column ?? 1 }
      : {}),
  };
}

/** The offset where each line starts. */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let p = text.indexOf("\n"); p >= 0; p = text.indexOf("\n", p + 1)) out.push(p + 1);
  return out;
}

/** The length of a text in UTF-8 bytes (a lone surrogate counts 3, as TextEncoder writes it). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
