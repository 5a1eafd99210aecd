import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from "yaml";
import { Decimal } from "../decimal.js";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";

/** Rule files and facts files larger than this are refused before parsing. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;
/**
 * No document may expand to more nodes than this once aliases and merge keys (`<<: *base`) are
 * counted at their full size: a 300 KB file of merge keys can otherwise expand to 20 million
 * values. A plain file at the byte limit stays far below it.
 */
export const MAX_EXPANDED_NODES = 2_000_000;
/** No document may nest deeper than this (lists in maps in lists…); real files nest under 20. */
export const MAX_DEPTH = 128;
/**
 * The YAML types a rule or facts file may use. Others (`!!omap`, `!!set`, `!!binary`,
 * `!!timestamp`, custom tags) would arrive as a Map, Set, byte array or Date that no check
 * expects, and be read as empty: they are refused instead.
 */
const ALLOWED_TAGS = new Set(
  ["str", "int", "float", "bool", "null", "map", "seq", "merge"].map(
    (t) => `tag:yaml.org,2002:${t}`,
  ),
);
/** A number may be written only in plain decimal notation (12, -0.5, +3). */
const PLAIN_NUMBER_RE = /^[-+]?[0-9]+(\.[0-9]*)?$/;
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
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, {
      lineCounter: lc,
      prettyErrors: false,
      // Duplicate keys are found by checkNodes in one pass; the library's own check is quadratic.
      uniqueKeys: false,
      merge: true,
    });
  } catch {
    // Deep nesting can exhaust the parser's stack: that is the input's fault, not a crash.
    return {
      data: undefined,
      issues: [
        withFile(
          issue("E_TOO_COMPLEX", [], {
            detail: "嵌套层数过多",
            limit: MAX_DEPTH,
          }),
        ),
      ],
      locate: withFile,
    };
  }
  const issues: KaoheIssue[] = [];
  for (const e of doc.errors) {
    issues.push(
      at(
        e.code === "DUPLICATE_KEY"
          ? issue("E_DUPLICATE_KEY", [], { key: text.slice(e.pos[0], e.pos[1]), first: "前面" })
          : issue("E_SYNTAX", [], { detail: e.message.split("\n")[0] ?? e.code }),
        e.pos[0],
      ),
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

  for (const w of doc.warnings) {
    // An unknown tag (`!foo`) is only a warning to the YAML library; the value would be misread.
    issues.push(
      at(issue("E_SYNTAX", [], { detail: w.message.split("\n")[0] ?? w.code }), w.pos[0]),
    );
  }
  if (issues.length === 0) checkNodes(doc.contents, text, at, (o) => lc.linePos(o).line, issues);
  if (issues.length > 0) return { data: undefined, issues, locate };
  let data: unknown;
  try {
    // Expansion is bounded by checkNodes, which counts every alias at its full size.
    data = doc.toJS({ maxAliasCount: -1 });
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
          issue("E_SYNTAX", [], { detail: "别名(*名称)引用了它自己所在的锚点,数据无限循环" }),
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

/**
 * One pass over the parsed nodes before they become data: forbidden, duplicate and non-text keys,
 * unsupported types, numbers that would not be read exactly, nesting depth, and the size the
 * document expands to (an alias counts as the whole node it refers to).
 */
function checkNodes(
  root: unknown,
  text: string,
  at: (i: KaoheIssue, offset: number | undefined) => KaoheIssue,
  lineAt: (offset: number) => number,
  issues: KaoheIssue[],
): void {
  const anchors = new Map<string, number>();
  const open = new Set<string>();
  let total = 0;
  let stop = false;
  const fail = (i: KaoheIssue, n: unknown) => {
    issues.push(at(i, (n as Node | null)?.range?.[0]));
  };
  const tooBig = (n: unknown, detail: string, limit: number) => {
    if (!stop) fail(issue("E_TOO_COMPLEX", [], { detail, limit }), n);
    stop = true;
  };
  const visit = (n: unknown, path: PathSegment[], depth: number): number => {
    if (stop || n === null || n === undefined) return 1;
    if (depth > MAX_DEPTH) {
      tooBig(n, "嵌套层数过多", MAX_DEPTH);
      return 1;
    }
    if (isAlias(n)) {
      const name = n.source;
      if (open.has(name)) {
        fail(
          issue("E_SYNTAX", path, { detail: "别名(*名称)引用了它自己所在的锚点,数据无限循环" }),
          n,
        );
        stop = true;
        return 1;
      }
      return anchors.get(name) ?? 1;
    }
    const node = n as Node & { anchor?: string; tag?: string };
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) {
      fail(issue("E_TAG", path, { tag: node.tag }), n);
      return 1;
    }
    if (node.anchor) open.add(node.anchor);
    let size = 1;
    if (isMap(n)) {
      const seen = new Map<string, Node>();
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const keyNode = p.key as Node | null;
        if (!isScalar(keyNode)) {
          fail(
            issue("E_KEY", path, {
              detail: isAlias(keyNode) ? "别名(*名称)不能用作键" : "列表或映射不能用作键",
            }),
            keyNode ?? p.value,
          );
          continue;
        }
        const k =
          keyNode.value === null
            ? ""
            : typeof keyNode.value === "symbol"
              ? "<<" // the merge key
              : String(keyNode.value);
        if (FORBIDDEN_KEYS.has(k)) fail(issue("E_FORBIDDEN_KEY", path, { key: k }), keyNode);
        // `<<` is the merge key: several may stand in one mapping only as a list, so it is
        // checked like any other key.
        const first = seen.get(k);
        if (first) {
          const line = lineAt(first.range?.[0] ?? 0);
          fail(issue("E_DUPLICATE_KEY", [...path, k], { key: k, first: `第${line}行` }), keyNode);
        } else seen.set(k, keyNode);
        size +=
          (k === "<<" ? 1 : visit(keyNode, path, depth + 1)) +
          visit(p.value, [...path, k], depth + 1);
      }
    } else if (isSeq(n)) {
      n.items.forEach((v, idx) => {
        size += visit(v, [...path, idx], depth + 1);
      });
    } else if (isScalar(n) && typeof n.value === "number") checkNumber(n, text, path, fail);
    else if (
      isScalar(n) &&
      typeof n.value !== "string" &&
      typeof n.value !== "boolean" &&
      n.value !== null
    )
      fail(issue("E_TAG", path, { tag: typeof n.value }), n);
    if (node.anchor) {
      open.delete(node.anchor);
      anchors.set(node.anchor, size);
    }
    return size;
  };
  total = visit(root, [], 0);
  if (!stop && total > MAX_EXPANDED_NODES)
    tooBig(root, `展开后有 ${total} 个值`, MAX_EXPANDED_NODES);
}

/** A YAML number is read exactly only if its text is plain decimal and survives as a double. */
function checkNumber(
  n: Node & { value: unknown; range?: [number, number, number] | null },
  text: string,
  path: PathSegment[],
  fail: (i: KaoheIssue, n: unknown) => void,
): void {
  const src = n.range ? text.slice(n.range[0], n.range[1]).trim() : String(n.value);
  const quoted = src.startsWith("'") || src.startsWith('"');
  if (quoted) return; // `!!int '12'`: the text says exactly what it is.
  if (!PLAIN_NUMBER_RE.test(src)) {
    fail(
      issue("E_NUMBER", path, {
        text: src,
        detail: "只接受十进制写法,如 12、-0.5(不接受 0x10、1e3、.inf 之类)",
      }),
      n,
    );
    return;
  }
  const v = n.value as number;
  if (!Number.isFinite(v) || !new Decimal(src.replace(/^\+/, "")).equals(new Decimal(v))) {
    fail(
      issue("E_NUMBER", path, {
        text: src,
        detail: `位数太多,会被读成 ${String(v)};请加引号写成文本 "${src}"`,
      }),
      n,
    );
  }
}
