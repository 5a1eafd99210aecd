import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";

/** Rule files and facts files larger than this are refused before parsing. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;
const MAX_ALIASES = 1000;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A parsed YAML or JSON text that can say where any path lies in the source. */
export interface SourceDoc {
  /** The plain data, or undefined when the text could not be parsed. */
  data: unknown;
  /** Problems found while parsing. */
  issues: KaoheIssue[];
  /** Fills in file, line and column of an issue from its path. */
  locate(i: KaoheIssue, opts?: { key?: string }): KaoheIssue;
}

function byteLength(text: string): number {
  // Counting UTF-8 bytes without TextEncoder keeps this dependency-free and exact.
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

/** Parses YAML (JSON is YAML too) with positions, refusing oversized input and forbidden keys. */
export function parseSource(text: string, file?: string): SourceDoc {
  const lc = new LineCounter();
  const withFile = (i: KaoheIssue): KaoheIssue => (file ? { ...i, file } : i);
  const at = (i: KaoheIssue, offset: number | undefined): KaoheIssue => {
    if (offset === undefined) return withFile(i);
    const { line, col } = lc.linePos(offset);
    return withFile({ ...i, line, column: col });
  };
  if (byteLength(text) > MAX_INPUT_BYTES) {
    return {
      data: undefined,
      issues: [withFile(issue("E_TOO_LARGE", [], { limit: MAX_INPUT_BYTES }))],
      locate: withFile,
    };
  }
  // merge: YAML merge keys (`<<: *base`) let cases and facts files share a base set of facts.
  const doc = parseDocument(text, {
    lineCounter: lc,
    prettyErrors: false,
    uniqueKeys: true,
    merge: true,
  });
  const issues: KaoheIssue[] = [];
  for (const e of doc.errors) {
    issues.push(
      at(issue("E_SYNTAX", [], { detail: e.message.split("\n")[0] ?? e.code }), e.pos[0]),
    );
  }
  const nodeAt = (path: PathSegment[]): { node: Node | null; exact: boolean } => {
    let cur: unknown = doc.contents;
    let last: Node | null = (doc.contents as Node | null) ?? null;
    for (const seg of path) {
      if (isMap(cur)) {
        const pair = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return { node: last, exact: false };
        cur = pair.value;
      } else if (isSeq(cur) && typeof seg === "number") {
        cur = cur.items[seg];
        if (cur === undefined) return { node: last, exact: false };
      } else return { node: last, exact: false };
      if (cur && typeof cur === "object" && "range" in cur) last = cur as Node;
    }
    return { node: last, exact: true };
  };
  const keyAt = (path: PathSegment[], key: string): Node | null => {
    const { node, exact } = nodeAt(path);
    if (!exact || !isMap(node)) return null;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    return pair && isScalar(pair.key) ? pair.key : null;
  };
  const locate = (i: KaoheIssue, opts?: { key?: string }): KaoheIssue => {
    const keyNode = opts?.key ? keyAt(i.path, opts.key) : null;
    const node = keyNode ?? nodeAt(i.path).node;
    return at(i, node?.range?.[0]);
  };

  if (issues.length === 0) {
    const walk = (n: unknown, path: PathSegment[]): void => {
      if (isMap(n)) {
        for (const p of n.items) {
          if (!isPair(p)) continue;
          const k = isScalar(p.key) ? String(p.key.value) : undefined;
          if (k !== undefined && FORBIDDEN_KEYS.has(k)) {
            const keyNode = p.key as Node;
            issues.push(at(issue("E_FORBIDDEN_KEY", path, { key: k }), keyNode.range?.[0]));
          }
          walk(p.value, k === undefined ? path : [...path, k]);
        }
      } else if (isSeq(n)) n.items.forEach((v, idx) => walk(v, [...path, idx]));
    };
    walk(doc.contents, []);
  }
  if (issues.length > 0) return { data: undefined, issues, locate };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return {
      data: undefined,
      issues: [withFile(issue("E_SYNTAX", [], { detail: (e as Error).message }))],
      locate,
    };
  }
  // An alias inside its own anchor (`&a [*a]`) builds data that contains itself.
  if (isCyclic(data))
    return {
      data: undefined,
      issues: [
        withFile(
          issue("E_SYNTAX", [], { detail: "an alias refers to its own anchor (recursive data)" }),
        ),
      ],
      locate,
    };
  return { data, issues, locate };
}

function isCyclic(v: unknown, path: Set<object> = new Set()): boolean {
  if (v === null || typeof v !== "object") return false;
  if (path.has(v)) return true;
  path.add(v);
  const values = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
  for (const x of values) if (isCyclic(x, path)) return true;
  path.delete(v);
  return false;
}
