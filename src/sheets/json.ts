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
import { issue, type KaoheIssue } from "../errors/issue.js";
import { MAX_DEPTH, MAX_EXPANDED_NODES, MAX_INPUT_BYTES, parseSource } from "../load/document.js";
import { MAX_UNITS, normalizeUnitId, type ParsedUnits, parseUnits } from "../load/units.js";

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const PLAIN_NUMBER_RE = /^-?[0-9]+(\.[0-9]*)?$/;
/** Keys longer than this go to the YAML reader (YAML limits implicit keys to 1024 characters). */
const MAX_FAST_KEY = 1000;
/** Runs of ASCII characters: every UTF-16 unit outside 0x80–0xFFFF (no `u` flag). */
const ASCII_RUNS = /[^\u0080-\uffff]+/g;

/** Where the units of a JSON facts file start and end, when it is a list of them. */
interface Scan {
  /** [start, end) offsets of each element of the units list (empty for a single unit). */
  spans: [number, number][];
  /** The keys written in the text (more than the parsed data has when a key is repeated). */
  keys: number;
}

/** How much a JSON text may hold: bytes of UTF-8, and values (keys and scalars). */
export interface JsonLimits {
  bytes: number;
  values: number;
}

const RULE_LIMITS: JsonLimits = { bytes: MAX_INPUT_BYTES, values: MAX_EXPANDED_NODES };

/**
 * A JSON facts file read by the fast path: 64 MiB and 16,000,000 values, some 40,000 units of
 * the 湖北 rule set with every fact, pretty-printed. Past 8 MiB (the YAML reader's limit) a file
 * must be clean JSON: what the fast path leaves to the YAML reader is refused there, saying why.
 */
export const FACTS_JSON_LIMITS: JsonLimits = {
  bytes: 64 * 1024 * 1024,
  values: 16_000_000,
};

/** The YAML reader for a JSON facts file the fast path did not take; past its limit, why not. */
function slowUnits(text: string, file?: string): ParsedUnits {
  if (text.length * 3 <= MAX_INPUT_BYTES || !utf8Over(text, MAX_INPUT_BYTES))
    return parseUnits(text, file);
  const over = utf8Over(text, FACTS_JSON_LIMITS.bytes);
  return {
    units: [],
    issues: [
      {
        ...(over
          ? issue("E_TOO_LARGE", [], { limit: FACTS_JSON_LIMITS.bytes })
          : issue("E_JSON_UNCHECKED", [], { limit: MAX_INPUT_BYTES })),
        ...(file !== undefined ? { file } : {}),
      },
    ],
  };
}

/**
 * One pass over text that JSON.parse accepted: returns null when anything parseSource would
 * refuse or might read differently could be there (duplicate or forbidden keys, numbers in
 * exponent form or with more digits than a double keeps, deep nesting, too many values, long
 * keys, more than 8 MiB), so that the caller falls back to parseSource, which says exactly what
 * and where. Otherwise the offsets of the units.
 */
function scan(text: string, lim: JsonLimits = RULE_LIMITS): Scan | null {
  // Every UTF-16 unit is at most 3 bytes of UTF-8; only near the limit is the exact count needed.
  if (text.length * 3 > lim.bytes && utf8Over(text, lim.bytes)) return null;
  const n = text.length;
  // One frame per open container, at most MAX_DEPTH (deeper goes to parseSource): its kind
  // (1 object, 2 array) and whether the next string is a key.
  const kinds = new Uint8Array(MAX_DEPTH + 2);
  const expectKey = new Uint8Array(MAX_DEPTH + 2);
  let depth = 0; // open containers; a value's depth (root = 0) is the number around it
  let unitsList = -1; // depth of the units list's elements, or -1
  let lastKey = "";
  let count = 0;
  let keys = 0;
  const spans: [number, number][] = [];
  let unitStart = -1;
  let i = 0;
  // Values at MAX_DEPTH - 1 or deeper are left to the YAML reader, which counts keys one level
  // below their mapping; so are documents of nearly MAX_EXPANDED_NODES values.
  const maxDepth = MAX_DEPTH - 1;
  const maxCount = lim.values - 10;
  let nextBs = text.indexOf("\\");
  if (nextBs < 0) nextBs = n;
  while (i < n) {
    let c = text.charCodeAt(i);
    // Runs of white space (indentation) in a tight loop.
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (++i >= n) return { spans, keys };
      c = text.charCodeAt(i);
    }
    if (c === 0x2c) {
      // `,` in an object: a key comes next.
      if (kinds[depth] === 1) expectKey[depth] = 1;
      i++;
      continue;
    }
    if (c === 0x3a) {
      expectKey[depth] = 0;
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      depth--;
      i++;
      if (depth === unitsList && unitsList > 0) spans.push([unitStart, i]);
      continue;
    }
    const isKey = c === 0x22 && expectKey[depth] === 1;
    if (!isKey) {
      // A value begins.
      if (++count > maxCount || depth >= maxDepth) return null;
      if (depth === unitsList && depth > 0) unitStart = i;
    }
    if (c === 0x22) {
      // A string: its end is the next quote, unless a backslash comes first (then each quote
      // found is checked for the backslashes before it). Valid JSON has backslashes only in
      // strings, so the next one's place is kept and looked up again only after it is passed.
      // Most strings are short: a plain loop beats indexOf's cost per call; long ones use it.
      let j = i + 1;
      const stop = Math.min(n, i + 32);
      while (j < stop && text.charCodeAt(j) !== 0x22) j++;
      if (j === stop) j = text.indexOf('"', j);
      if (j < 0) return null;
      const escaped = nextBs < j;
      if (escaped) {
        for (;;) {
          let b = j - 1;
          while (text.charCodeAt(b) === 0x5c) b--;
          if ((j - 1 - b) % 2 === 0) break;
          j = text.indexOf('"', j + 1);
          if (j < 0) return null;
        }
        nextBs = text.indexOf("\\", j + 1);
        if (nextBs < 0) nextBs = n;
      }
      if (isKey) {
        // Keys are counted, not kept: duplicates show as fewer keys in the parsed data than here
        // (checked by the caller). Only a key that may be forbidden, or that names the units
        // list, is read.
        const len = j - i - 1;
        if (len > MAX_FAST_KEY) return null;
        if (escaped || len === 9 || len === 11 || depth === 1) {
          const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
          if (key.length > MAX_FAST_KEY || FORBIDDEN_KEYS.has(key)) return null;
          lastKey = key;
        }
        keys++;
        count++;
      } else if (depth === unitsList && depth > 0) spans.push([i, j + 1]);
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      // The units list: the root list, or the list under `units` of the root mapping.
      if (c === 0x5b && (depth === 0 || (depth === 1 && kinds[1] === 1 && lastKey === "units")))
        unitsList = depth + 1;
      depth++;
      kinds[depth] = c === 0x7b ? 1 : 2;
      expectKey[depth] = c === 0x7b ? 1 : 0;
      i++;
      continue;
    }
    // A literal (the text is valid JSON: its length is known) or a number.
    let j: number;
    if (c === 0x74 || c === 0x6e) j = i + 4;
    else if (c === 0x66) j = i + 5;
    else {
      // A number: an exponent (`e`, `E`, `+`) goes to parseSource, which refuses it.
      j = plainNumberEnd(text, i);
      if (j < 0) return null;
      // Up to 15 characters, a plain decimal has at most 15 significant digits and survives as a
      // double; longer ones are compared exactly, as parseSource does.
      if (j - i > 15) {
        const t = text.slice(i, j);
        if (!PLAIN_NUMBER_RE.test(t) || !new Decimal(t).equals(new Decimal(Number(t)))) return null;
      }
    }
    if (depth === unitsList && depth > 0) spans.push([i, j]);
    i = j;
  }
  return { spans, keys };
}

/**
 * Parses a JSON text like parseSource does — the same data and the same refusals — fast when it
 * is clean: null when it must go through parseSource instead (it is not JSON, or something in
 * it needs parseSource's checks and positions).
 */
export function parseJsonFast(text: string): { data: unknown; spans: [number, number][] } | null {
  const r = readJson(text);
  if (!r) return null;
  if (!r.proved) return { data: r.data, spans: r.spans() };
  const spans = r.spans;
  return {
    data: r.data,
    // Computed only when asked for (to place an issue).
    get spans() {
      return spans();
    },
  };
}

/**
 * JSON.parse and the checks of parseJsonFast, with the units' spans computed when first asked
 * for; `proved` when quickCheck accepted the text (then there is one span per unit).
 */
function readJson(
  text: string,
  lim: JsonLimits = RULE_LIMITS,
): { data: unknown; spans: () => [number, number][]; proved: boolean } | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (quickCheck(text, data, lim)) {
    let spans: [number, number][] | undefined;
    return {
      data,
      spans: () => {
        spans ??= (scan(text, lim) as Scan).spans;
        return spans;
      },
      proved: true,
    };
  }
  const s = scan(text, lim);
  // JSON.parse keeps the last of two equal keys: then the data has fewer keys than the text.
  return s && countKeys(data) === s.keys ? { data, spans: () => s.spans, proved: false } : null;
}

/**
 * True when scan would accept the text and find as many keys as the data has, proved without
 * reading every character: from the parsed data (keys, values, depth, forbidden and long keys)
 * and from the text's colons, each followed by its value. False means "not proved" (scan decides):
 *
 * - No backslash in the text, so every key is written as it reads (its length and its name).
 * - The colons: in valid JSON each key is followed by one, and the others are inside strings; so
 *   exactly as many colons as the data has keys means no colon inside a string and no key
 *   written twice (a repeated key leaves the data with fewer). Each colon is then followed by an
 *   object member's value, and every number in an object is checked there as scan checks it.
 * - Numbers elsewhere (in a list, or the whole text) are not looked for: not proved.
 * - The units list's spans: the root list, or the only key of the root mapping (other root keys
 *   after `units` would add spans), so that there is one span per unit, as scan finds.
 */
function quickCheck(text: string, data: unknown, lim: JsonLimits): boolean {
  if (text.indexOf("\\") >= 0) return false;
  if (text.length * 3 > lim.bytes && utf8Over(text, lim.bytes)) return false;
  // for…in below sees only own keys when nothing enumerable was added to Object.prototype.
  for (const _ in {}) return false;
  if (data !== null && typeof data === "object" && !Array.isArray(data) && "units" in data) {
    if (!Array.isArray((data as { units: unknown }).units) || Object.keys(data).length !== 1)
      return false;
  }
  const w = { keys: 0, values: 0, ok: true };
  walk(data, 0, false, w);
  if (!w.ok || w.keys + w.values > lim.values - 10) return false;
  let colons = 0;
  for (let p = text.indexOf(":"); p >= 0; p = text.indexOf(":", p + 1)) {
    if (++colons > w.keys) return false;
    let i = p + 1;
    let c = text.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++i);
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue;
    // A number: what scan reads as plain (up to 15 characters).
    const j = plainNumberEnd(text, i);
    if (j < 0 || j - i > 15) return false;
    p = j - 1;
  }
  return colons === w.keys;
}

/**
 * Where a plain number starting at `i` ends — an optional minus, digits, at most one point — or
 * -1 when it goes on with an exponent, a plus or a second point (forms parseSource refuses).
 */
function plainNumberEnd(text: string, i: number): number {
  const n = text.length;
  let j = text.charCodeAt(i) === 0x2d ? i + 1 : i;
  let dot = false;
  for (; j < n; j++) {
    const d = text.charCodeAt(j);
    if (d >= 0x30 && d <= 0x39) continue;
    if (d === 0x2e && !dot) {
      dot = true;
      continue;
    }
    if (d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2e) return -1;
    break;
  }
  return j;
}

/**
 * Counts the keys and values of parsed JSON (the root is a value at depth 0) and clears `ok` on
 * what scan would refuse or what quickCheck does not prove: a value as deep as scan's limit, a
 * forbidden or long key, a number in a list or at the root.
 */
function walk(
  v: unknown,
  depth: number,
  inObject: boolean,
  w: { keys: number; values: number; ok: boolean },
): void {
  w.values++;
  if (depth >= MAX_DEPTH - 1) w.ok = false;
  if (v === null || typeof v !== "object") {
    if (typeof v === "number" && !inObject) w.ok = false;
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, false, w);
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    w.keys++;
    if (k.length > MAX_FAST_KEY || FORBIDDEN_KEYS.has(k)) w.ok = false;
    walk(o[k], depth + 1, true, w);
  }
}

const UNIT_KEYS = new Set(["id", "category", "facts", "parent"]);

/**
 * Reads a facts file that is JSON: the same result as parseUnits, but with JSON.parse when the
 * file is clean and every unit well formed. Anything else (a problem to report, `parts` or `self`,
 * a duplicate unit, text that is not JSON) goes through parseUnits, so messages and positions are
 * parseUnits' own. A unit's issues are placed (`locate`) by parsing that unit's text alone.
 */
export function parseUnitsJson(text: string, file?: string): ParsedUnits {
  const fast = readJson(text, FACTS_JSON_LIMITS);
  if (!fast) return slowUnits(text, file);
  const { data, spans, proved } = fast;
  let list: unknown[];
  let listed = false;
  if (Array.isArray(data)) {
    list = data;
    listed = true;
  } else if (data && typeof data === "object" && "units" in data) {
    const u = (data as { units: unknown }).units;
    if (!Array.isArray(u)) return slowUnits(text, file);
    list = u;
    listed = true;
  } else if (data && typeof data === "object" && "id" in data) list = [data];
  else return slowUnits(text, file);
  if (list.length > MAX_UNITS || (listed && !proved && spans().length !== list.length))
    return slowUnits(text, file);
  const units: CohortUnitInput[] = [];
  const index = new Map<string, number>();
  for (let k = 0; k < list.length; k++) {
    const u = list[k];
    if (!u || typeof u !== "object" || Array.isArray(u)) return slowUnits(text, file);
    const o = u as Record<string, unknown>;
    for (const key in o) if (!UNIT_KEYS.has(key)) return slowUnits(text, file);
    if (typeof o.id !== "string" && typeof o.id !== "number") return slowUnits(text, file);
    const id = normalizeUnitId(String(o.id));
    if (id === "" || index.has(id)) return slowUnits(text, file);
    if (o.category !== undefined && typeof o.category !== "string") return slowUnits(text, file);
    if (o.parent !== undefined && typeof o.parent !== "string" && typeof o.parent !== "number")
      return slowUnits(text, file);
    const facts = o.facts ?? {};
    if (!facts || typeof facts !== "object" || Array.isArray(facts)) return slowUnits(text, file);
    index.set(id, k);
    // Built in parseUnits' key order (id, category, facts, parent), without spreads.
    const unit = { id } as CohortUnitInput;
    if (typeof o.category === "string") unit.category = o.category;
    unit.facts = facts as Record<string, unknown>;
    if (o.parent !== undefined) unit.parent = normalizeUnitId(String(o.parent));
    units.push(unit);
  }
  let whole: ParsedUnits | null = null;
  let lines: number[] | null = null;
  const locate = (unitId: string, i: KaoheIssue): KaoheIssue => {
    const k = index.get(unitId);
    if (k === undefined || i.line !== undefined) return i;
    const span = listed ? spans()[k] : undefined;
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

/**
 * Whether a text is longer than `limit` bytes in UTF-8 (a lone surrogate counts 3, as
 * TextEncoder writes it). Encoded into a buffer just past the limit: when the text does not fit,
 * what is left adds at least one byte to more than limit + 4 minus one character's 4.
 */
function utf8Over(text: string, limit: number): boolean {
  // An ASCII character is one byte and any other UTF-16 unit at most three: a bound from the
  // number of non-ASCII units (removing the ASCII runs is native and fast) is enough mostly.
  if (text.length + 2 * text.replace(ASCII_RUNS, "").length <= limit) return false;
  const { read, written } = new TextEncoder().encodeInto(text, new Uint8Array(limit + 4));
  return read < text.length || written > limit;
}

/** The keys of every object in parsed JSON (plain objects: no inherited enumerable keys). */
function countKeys(v: unknown): number {
  if (v === null || typeof v !== "object") return 0;
  let k = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) k += countKeys(v[i]);
    return k;
  }
  for (const x of Object.values(v as Record<string, unknown>)) {
    k++;
    if (x !== null && typeof x === "object") k += countKeys(x);
  }
  return k;
}
