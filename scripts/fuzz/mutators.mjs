/**
 * Mutators: text-level (on the YAML/JSON text of a rule, parameters, facts or cases file) and
 * data-level (on the parsed data). Each takes the case's Rng and returns a description of what it
 * did, so that a failure's summary says how its input was made.
 */

/** Inputs are kept under this size (a case may be slow only when its input is large). */
export const MAX_FUZZ_BYTES = 64 * 1024;

const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad", "\u202e"];
const LOOKALIKE = {
  a: "а",
  c: "с",
  e: "е",
  o: "о",
  p: "р",
  x: "х",
  y: "у",
  i: "і",
  A: "Α",
  B: "Β",
  E: "Ε",
  H: "Η",
  K: "Κ",
  M: "Μ",
  O: "Ο",
  T: "Τ",
  0: "０",
  1: "１",
  2: "２",
  5: "５",
  9: "９",
  "-": "－",
  ".": "．",
  _: "＿",
  县: "縣",
  区: "區",
  局: "侷",
  市: "巿",
  一: "㇐",
  二: "⼆",
  年: "秊",
};

/** YAML value texts that are special in some way. */
export const YAML_VALUES = [
  "",
  "~",
  "null",
  "[]",
  "{}",
  "-1",
  "-0",
  "0",
  "-100",
  "1e309",
  "-1e309",
  ".nan",
  ".inf",
  "-.inf",
  "9007199254740993",
  "18446744073709551617",
  "123456789012345678901234567890",
  "0.1",
  "0.30000000000000004",
  "1e-20",
  "1/3",
  "0x1F",
  "0o17",
  "1_000",
  "+5",
  "87.5%",
  '"87.5%"',
  "８７．５",
  "１００",
  '"１２"',
  "是",
  "否",
  "yes",
  "no",
  "on",
  "off",
  "True",
  "FALSE",
  "true",
  "false",
  '""',
  "' '",
  "!!omap [{a: 1}, {b: 2}]",
  "!!set {a, b}",
  "!!binary aGVsbG8=",
  "!!timestamp 2009-03-02",
  "!!timestamp 2009-03-02T10:00:00Z",
  "2009-03-02",
  "2009-02-30",
  "2009-13-01",
  "0000-01-01",
  "9999-12-31",
  '"2009-3-2"',
  "!!str 5",
  "!!int 5",
  "!!float 5",
  "!!int x",
  "!!map {}",
  "!!seq []",
  "!!null ''",
  "!!bool yes",
  "!custom 1",
  "!!pairs [{a: 1}]",
  "*undefined_anchor",
  '"\\u200b"',
  '"\\u0000"',
  '"\\ud800"',
  "[1, [2, [3]]]",
  "{ count: -1 }",
  "{ count: 1e9 }",
  "[{ count: 2.5 }]",
  "[{ count: -3 }]",
  "[{ subject: a }, { subject: a }]",
  "[{ date: 2009-02-30 }]",
  "[{ kind: 不存在 }]",
  "{ score: '120' }",
  "{ facts: ~ }",
  "{ parts: {} }",
  "二十",
  "十二",
  "１２月",
  "[~]",
  "[[]]",
  "{ ? [a] : b }",
];

const KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  '"__proto__"',
  "<<",
  "id",
  "facts",
  "parts",
  "self",
  "parent",
  "category",
  "上半年",
  "下半年",
  "集中",
  "日常",
  "units",
  "score",
  "count",
  "1",
  "01",
  '""',
  "? [k]",
];

/** JSON-safe replacement values for data-level mutations. */
export const DATA_VALUES = [
  null,
  "",
  " ",
  0,
  -1,
  -100,
  0.5,
  1 / 3,
  0.1 + 0.2,
  1e-20,
  2 ** 53 + 2,
  1e21,
  1e308,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_VALUE,
  "87.5%",
  "87.5",
  " 12 ",
  "1e3",
  "0x10",
  "８７．５",
  "１２",
  "是",
  "否",
  "true",
  "null",
  "二十",
  true,
  false,
  [],
  {},
  [null],
  [[]],
  [{}],
  { count: -1 },
  { count: 2.5 },
  { count: "3" },
  { score: "101" },
  { facts: null },
  { parts: {} },
  "2009-02-30",
  "2009-13-01",
  "2009-3-2",
  "2009-03-02T10:00:00Z",
  "\u200b",
  "\ud800",
  "__proto__",
];

const hasOwn = Object.prototype.hasOwnProperty;

/** Makes a look-alike of a text: a zero-width character, a full-width digit, a homoglyph. */
export function lookalike(rng, s) {
  const str = String(s);
  const r = rng.int(5);
  if (r === 0 || str.length === 0) {
    const i = rng.int(str.length + 1);
    return str.slice(0, i) + rng.pick(ZERO_WIDTH) + str.slice(i);
  }
  if (r === 1) return `${str} `;
  if (r === 2) return str.normalize(rng.bool() ? "NFD" : "NFKC") + (rng.bool() ? "\u0301" : "");
  const chars = [...str];
  const idx = chars.map((c, i) => (hasOwn.call(LOOKALIKE, c) ? i : -1)).filter((i) => i >= 0);
  if (!idx.length) return `${str}${rng.pick(ZERO_WIDTH)}`;
  const i = rng.pick(idx);
  chars[i] = LOOKALIKE[chars[i]];
  return chars.join("");
}

function longString(rng, room) {
  const n = Math.max(0, Math.min(rng.range(1000, 40000), room - 100));
  const unit = rng.pick(["x", "考", "\u200b", "9", "a b ", "%"]);
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

function specialValue(rng, room) {
  if (rng.bool(0.05) && room > 2000) return JSON.stringify(longString(rng, room));
  return rng.pick(YAML_VALUES);
}

// ---------------------------------------------------------------------------------------------
// Text-level mutators
// ---------------------------------------------------------------------------------------------

const lines = (t) => t.split("\n");
const unlines = (ls) => ls.join("\n");
const indentOf = (l) => /^[ \t]*(?:- )*/.exec(l)[0].replace(/- /g, "  ");
const KV = /^(\s*(?:- )?(?:[^\s:#{[][^:#]*?|"[^"]*"|'[^']*'):)([ \t]+)(\S.*)$/;
const NUM = /(?<![\w.\-:])-?\d+(?:\.\d+)?(?![\w.:-])/g;

function randomLineIndex(rng, ls, pred) {
  const idx = [];
  for (let i = 0; i < ls.length; i++) if (!pred || pred(ls[i])) idx.push(i);
  return idx.length ? rng.pick(idx) : -1;
}

function anchorBomb(rng, indent) {
  const depth = rng.range(3, 12);
  const fan = rng.range(2, 10);
  const merge = rng.bool(0.6);
  const keys = rng.range(1, 20);
  const out = [];
  const base = Array.from({ length: keys }, (_, i) => `k${i}: ${i}`).join(", ");
  out.push(`${indent}fz0: &fz0 ${merge ? `{${base}}` : `[${base.replace(/k\d+: /g, "")}]`}`);
  for (let d = 1; d <= depth; d++) {
    const refs = Array.from({ length: fan }, () => `*fz${d - 1}`).join(", ");
    out.push(
      merge
        ? `${indent}fz${d}: &fz${d} {<<: [${refs}], l${d}: ${d}}`
        : `${indent}fz${d}: &fz${d} [${refs}]`,
    );
  }
  return { text: out.join("\n"), desc: `${merge ? "merge-key" : "alias"} bomb ${depth}x${fan}` };
}

/** Text mutators: (rng, text) => { text, desc } | null (when not applicable). */
export const TEXT_MUTATORS = {
  flipChar(rng, t) {
    if (!t.length) return null;
    const i = rng.int(t.length);
    const c = rng.pick([
      ":",
      "-",
      " ",
      "\n",
      "{",
      "}",
      "[",
      "]",
      '"',
      "'",
      "&",
      "*",
      "!",
      "|",
      ">",
      "#",
      "%",
      "@",
      "`",
      ",",
      "?",
      "\t",
      "0",
      "9",
      "考",
      "\u200b",
      String.fromCharCode(rng.range(32, 126)),
    ]);
    return { text: t.slice(0, i) + c + t.slice(i + 1), desc: `char ${i} → ${JSON.stringify(c)}` };
  },
  deleteSpan(rng, t) {
    if (!t.length) return null;
    const i = rng.int(t.length);
    const n = rng.range(1, 60);
    return { text: t.slice(0, i) + t.slice(i + n), desc: `delete ${n} chars at ${i}` };
  },
  deleteLines(rng, t) {
    const ls = lines(t);
    const i = rng.int(ls.length);
    const n = rng.range(1, 4);
    ls.splice(i, n);
    return { text: unlines(ls), desc: `delete lines ${i + 1}+${n}` };
  },
  duplicateLines(rng, t, room) {
    const ls = lines(t);
    const i = rng.int(ls.length);
    const n = rng.range(1, 6);
    const block = ls.slice(i, i + n);
    if (block.join("\n").length > room) return null;
    ls.splice(i + n, 0, ...block);
    return { text: unlines(ls), desc: `duplicate lines ${i + 1}+${n}` };
  },
  swapLines(rng, t) {
    const ls = lines(t);
    if (ls.length < 2) return null;
    const i = rng.int(ls.length);
    const j = rng.int(ls.length);
    [ls[i], ls[j]] = [ls[j], ls[i]];
    return { text: unlines(ls), desc: `swap lines ${i + 1} ${j + 1}` };
  },
  insertKey(rng, t, room) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => KV.test(l) || /^\s*\w/.test(l));
    if (i < 0) return null;
    const key = rng.bool(0.3) ? lookalike(rng, keyOfLine(ls[i]) ?? "id") : rng.pick(KEYS);
    const v = rng.bool(0.3) ? "" : specialValue(rng, room);
    const line = `${indentOf(ls[i])}${key}: ${v}`;
    ls.splice(i + rng.int(2), 0, line);
    return { text: unlines(ls), desc: `insert ${JSON.stringify(line.trim()).slice(0, 80)}` };
  },
  replaceValue(rng, t, room) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => KV.test(l));
    if (i < 0) return null;
    const m = KV.exec(ls[i]);
    const v = specialValue(rng, room);
    ls[i] = `${m[1]}${m[2]}${v}`;
    return { text: unlines(ls), desc: `line ${i + 1} value → ${JSON.stringify(v).slice(0, 60)}` };
  },
  emptyValue(rng, t) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => KV.test(l));
    if (i < 0) return null;
    const m = KV.exec(ls[i]);
    const v = rng.pick(["", "~", "null", "[]", "{}", '""']);
    ls[i] = `${m[1]}${v ? ` ${v}` : ""}`;
    return { text: unlines(ls), desc: `line ${i + 1} value emptied (${JSON.stringify(v)})` };
  },
  replaceNumber(rng, t) {
    const found = [...t.matchAll(NUM)];
    if (!found.length) return null;
    const m = rng.pick(found);
    const n = Number(m[0]);
    const v = rng.pick([
      String(-n),
      String(n * 1e6),
      `${n}.5`,
      String(n / 3),
      "9007199254740993",
      "1e308",
      "-0",
      `"${n}"`,
      `${n}%`,
      String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      "0.1",
      ".nan",
      "~",
      "",
      `!!str ${n}`,
      `${n}e2`,
    ]);
    return {
      text: t.slice(0, m.index) + v + t.slice(m.index + m[0].length),
      desc: `number ${m[0]} at ${m.index} → ${v}`,
    };
  },
  mutateId(rng, t) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => /\bid: \S/.test(l) || KV.test(l));
    if (i < 0) return null;
    const l = ls[i];
    const m = /\bid: ("[^"]*"|'[^']*'|[^,}\s]+)/.exec(l);
    if (m) {
      const raw = m[1].replace(/^["']|["']$/g, "");
      const v = JSON.stringify(lookalike(rng, raw));
      ls[i] = `${l.slice(0, m.index)}id: ${v}${l.slice(m.index + m[0].length)}`;
    } else {
      const km = KV.exec(l);
      const key = keyOfLine(l) ?? "";
      const nk = JSON.stringify(lookalike(rng, key));
      ls[i] = km[1].replace(/(\s*(?:- )?).*:$/, `$1${nk}:`) + km[2] + km[3];
    }
    return { text: unlines(ls), desc: `look-alike id/key on line ${i + 1}` };
  },
  anchorAlias(rng, t) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => KV.test(l) && !/[&*]/.test(l));
    const j = randomLineIndex(rng, ls, (l) => KV.test(l));
    if (i < 0 || j < 0) return null;
    const mi = KV.exec(ls[i]);
    ls[i] = `${mi[1]}${mi[2]}&fza ${mi[3]}`;
    if (rng.bool()) {
      const mj = KV.exec(ls[j]);
      ls[j] = `${mj[1]}${mj[2]}*fza`;
      return { text: unlines(ls), desc: `anchor line ${i + 1}, alias line ${j + 1}` };
    }
    ls.splice(j + 1, 0, `${indentOf(ls[j])}<<: *fza`);
    return { text: unlines(ls), desc: `anchor line ${i + 1}, merge key after line ${j + 1}` };
  },
  mergeBomb(rng, t) {
    const ls = lines(t);
    const top = rng.bool(0.5);
    const i = top ? 0 : randomLineIndex(rng, ls, (l) => KV.test(l));
    if (i < 0) return null;
    const b = anchorBomb(rng, top ? "" : indentOf(ls[i]));
    ls.splice(top ? 0 : i + 1, 0, b.text);
    return { text: unlines(ls), desc: `${b.desc} at line ${i + 1}` };
  },
  tagValue(rng, t) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => KV.test(l));
    if (i < 0) return null;
    const m = KV.exec(ls[i]);
    const tag = rng.pick([
      "!!str",
      "!!int",
      "!!float",
      "!!bool",
      "!!null",
      "!!map",
      "!!seq",
      "!!omap",
      "!!set",
      "!!binary",
      "!!timestamp",
      "!!pairs",
      "!local",
      "!<tag:yaml.org,2002:str>",
    ]);
    ls[i] = `${m[1]}${m[2]}${tag} ${m[3]}`;
    return { text: unlines(ls), desc: `line ${i + 1} tagged ${tag}` };
  },
  indentShift(rng, t) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => l.trim().length > 0);
    if (i < 0) return null;
    ls[i] = rng.bool() ? ` ${ls[i]}` : ls[i].replace(/^ {1,2}/, "");
    return { text: unlines(ls), desc: `indent of line ${i + 1} shifted` };
  },
  truncate(rng, t) {
    const i = rng.int(t.length + 1);
    return { text: t.slice(0, i), desc: `truncated at ${i}` };
  },
  replaceWhole(rng, t) {
    const v = rng.pick([
      "",
      "~",
      "[]",
      "{}",
      "---\n---\n",
      "units:",
      "units: ~",
      "units: {}",
      "- ~",
      "- []",
      "a: 1\n---\nb: 2",
      "\ufeff",
      `\ufeff${t}`,
      t.replace(/\n/g, "\r\n"),
      t.replace(/^( +)/gm, (s) => "\t".repeat(s.length / 2)),
      `${t}\n---\n${t}`,
      `%YAML 1.1\n---\n${t}`,
      "# only a comment",
      "!!omap\n- a: 1",
      "!!set\n? a",
      "\0",
    ]);
    return { text: v, desc: `whole text → ${JSON.stringify(v.slice(0, 30))}` };
  },
  unicode(rng, t) {
    const i = rng.int(t.length + 1);
    const c = rng.pick([...ZERO_WIDTH, "\u2028", "\u0085", "\ud800", "\udfff", "\u3000", "\uffff"]);
    return {
      text: t.slice(0, i) + c + t.slice(i),
      desc: `U+${c.charCodeAt(0).toString(16)} at ${i}`,
    };
  },
  fullwidthDigits(rng, t) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => /\d/.test(l));
    if (i < 0) return null;
    ls[i] = ls[i].replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    return { text: unlines(ls), desc: `full-width digits on line ${i + 1}` };
  },
  percent(rng, t) {
    const found = [...t.matchAll(NUM)];
    if (!found.length) return null;
    const m = rng.pick(found);
    const end = m.index + m[0].length;
    return { text: `${t.slice(0, end)}%${t.slice(end)}`, desc: `${m[0]}% at ${m.index}` };
  },
  yesNo(rng, t) {
    const found = [...t.matchAll(/\b(true|false)\b/g)];
    if (!found.length) return null;
    const m = rng.pick(found);
    const v = rng.pick(
      m[1] === "true"
        ? ["是", "yes", "on", "True", "TRUE", "y", "1"]
        : ["否", "no", "off", "False", "n", "0"],
    );
    return {
      text: t.slice(0, m.index) + v + t.slice(m.index + m[1].length),
      desc: `${m[1]} → ${v} at ${m.index}`,
    };
  },
  duplicateKey(rng, t) {
    const ls = lines(t);
    const i = randomLineIndex(rng, ls, (l) => KV.test(l) && !/^\s*- /.test(l));
    if (i < 0) return null;
    ls.splice(i + 1, 0, ls[i]);
    return { text: unlines(ls), desc: `key line ${i + 1} duplicated` };
  },
};

function keyOfLine(l) {
  const m = /^\s*(?:- )?("[^"]*"|'[^']*'|[^\s:#][^:#]*?):/.exec(l);
  return m ? m[1].replace(/^["']|["']$/g, "") : undefined;
}

/** Applies `count` random text mutations; the text stays under the size bound (or its own size). */
export function mutateText(rng, text, count, names = Object.keys(TEXT_MUTATORS)) {
  const limit = Math.max(MAX_FUZZ_BYTES, Math.ceil(text.length * 1.05));
  let t = text;
  const descs = [];
  for (let k = 0; k < count; k++) {
    const name = rng.pick(names);
    const r = TEXT_MUTATORS[name](rng, t, limit - t.length);
    if (!r || r.text.length > limit) continue;
    t = r.text;
    descs.push(`${name}: ${r.desc}`);
  }
  return { text: t, mutations: descs };
}

// ---------------------------------------------------------------------------------------------
// Data-level mutators
// ---------------------------------------------------------------------------------------------

/** Every [parent, key] pair reachable in the data, plus the root as [null, null]. */
export function collectSlots(root, limit = 20000) {
  const out = [];
  const seen = new Set();
  const walk = (v, parent, key, depth) => {
    if (out.length >= limit) return;
    out.push([parent, key, v]);
    if (v === null || typeof v !== "object" || seen.has(v) || depth > 60) return;
    seen.add(v);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, v, i, depth + 1));
    else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)
      for (const k of Object.keys(v)) walk(v[k], v, k, depth + 1);
  };
  walk(root, null, null, 0);
  return out;
}

const isPlain = (v) =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

function clone(v) {
  return v === undefined ? v : structuredClone(v);
}

/** Sets an own data property even for `__proto__` (as JSON.parse and YAML would). */
function setOwn(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Rebuilds a mapping with its keys in a new order (or renamed). */
function rebuild(obj, entries) {
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) setOwn(obj, k, v);
}

function numberVariant(rng, n) {
  return rng.pick([
    -n,
    n * 1e6,
    n + 0.5,
    n / 3,
    2 ** 53 + 1,
    1e308,
    -1e-9,
    String(n),
    `${n}%`,
    String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    n === 0 ? 1 : 0,
    Math.round(n) + 0.1 + 0.2,
  ]);
}

function uniqueSlot(rng, slots, pred) {
  const c = slots.filter(pred);
  return c.length ? rng.pick(c) : null;
}

/** Data mutators: (rng, root, opts) => desc | null; they change `root` in place. */
export const DATA_MUTATORS = {
  replaceValue(rng, root) {
    const s = uniqueSlot(rng, collectSlots(root), ([p]) => p !== null);
    if (!s) return null;
    const v = clone(rng.pick(DATA_VALUES));
    if (Array.isArray(s[0])) s[0][s[1]] = v;
    else setOwn(s[0], s[1], v);
    return `${String(s[1])} → ${JSON.stringify(v)?.slice(0, 40)}`;
  },
  tweakNumber(rng, root) {
    const s = uniqueSlot(
      rng,
      collectSlots(root),
      ([p, , v]) => p !== null && typeof v === "number",
    );
    if (!s) return null;
    const v = numberVariant(rng, s[2]);
    s[0][s[1]] = v;
    return `${String(s[1])}: ${s[2]} → ${JSON.stringify(v)}`;
  },
  removeKey(rng, root) {
    const s = uniqueSlot(rng, collectSlots(root), ([p]) => isPlain(p));
    if (!s) return null;
    delete s[0][s[1]];
    return `removed ${String(s[1])}`;
  },
  duplicateElement(rng, root) {
    const s = uniqueSlot(rng, collectSlots(root), ([, , v]) => Array.isArray(v) && v.length > 0);
    if (!s) return null;
    const a = s[2];
    const i = rng.int(a.length);
    a.splice(rng.int(a.length + 1), 0, clone(a[i]));
    return `duplicated element ${i} of ${String(s[1])}`;
  },
  removeElement(rng, root) {
    const s = uniqueSlot(rng, collectSlots(root), ([, , v]) => Array.isArray(v) && v.length > 0);
    if (!s) return null;
    const i = rng.int(s[2].length);
    s[2].splice(i, 1);
    return `removed element ${i} of ${String(s[1])}`;
  },
  emptyContainer(rng, root) {
    const s = uniqueSlot(
      rng,
      collectSlots(root),
      ([p, , v]) => p !== null && v && typeof v === "object",
    );
    if (!s) return null;
    if (Array.isArray(s[2])) s[2].length = 0;
    else rebuild(s[2], []);
    return `emptied ${String(s[1])}`;
  },
  reorderList(rng, root) {
    const s = uniqueSlot(rng, collectSlots(root), ([, , v]) => Array.isArray(v) && v.length > 1);
    if (!s) return null;
    const r = rng.bool() ? [...s[2]].reverse() : rng.shuffle(s[2]);
    s[2].splice(0, s[2].length, ...r);
    return `reordered list ${String(s[1])}`;
  },
  reorderKeys(rng, root) {
    const s = uniqueSlot(
      rng,
      collectSlots(root),
      ([, , v]) => isPlain(v) && Object.keys(v).length > 1,
    );
    if (!s) return null;
    const e = Object.entries(s[2]);
    rebuild(s[2], rng.bool() ? e.reverse() : rng.shuffle(e));
    return `reordered keys of ${String(s[1])}`;
  },
  renameKey(rng, root) {
    const s = uniqueSlot(rng, collectSlots(root), ([p]) => isPlain(p));
    if (!s) return null;
    const [obj, key] = s;
    const siblings = Object.keys(obj).filter((k) => k !== key);
    const nk = rng.pick([
      () => lookalike(rng, key),
      () => (siblings.length ? lookalike(rng, rng.pick(siblings)) : `${key}_`),
      () => rng.pick(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]),
      () => String(key).toUpperCase(),
      () => ` ${key}`,
      () => (/^\d+$/.test(key) ? `0${key}` : `${key}.1`),
    ])();
    rebuild(
      obj,
      Object.entries(obj).map(([k, v]) => [k === key ? nk : k, v]),
    );
    return `renamed key ${JSON.stringify(key)} → ${JSON.stringify(nk)}`;
  },
  collideIds(rng, root) {
    const s = uniqueSlot(
      rng,
      collectSlots(root),
      ([, , v]) => Array.isArray(v) && v.filter((x) => isPlain(x) && "id" in x).length > 1,
    );
    if (!s) return null;
    const withId = s[2].filter((x) => isPlain(x) && "id" in x);
    const a = rng.pick(withId);
    const b = rng.pick(withId);
    const v = rng.pick([
      () => b.id,
      () => lookalike(rng, b.id),
      () =>
        typeof b.id === "number"
          ? String(b.id)
          : Number.isFinite(Number(b.id))
            ? Number(b.id)
            : b.id,
      () => `${b.id}`.trim(),
    ])();
    a.id = v;
    return `id ${JSON.stringify(b.id)} given to another element as ${JSON.stringify(v)}`;
  },
  lookalikeString(rng, root) {
    const s = uniqueSlot(
      rng,
      collectSlots(root),
      ([p, , v]) => p !== null && typeof v === "string",
    );
    if (!s) return null;
    const v = lookalike(rng, s[2]);
    s[0][s[1]] = v;
    return `${String(s[1])}: look-alike ${JSON.stringify(v)}`;
  },
  setNull(rng, root) {
    const s = uniqueSlot(rng, collectSlots(root), ([p]) => p !== null);
    if (!s) return null;
    s[0][s[1]] = null;
    return `${String(s[1])} → null`;
  },
};

/** Mutators only for facts files: unit-shaped changes. */
export const UNIT_MUTATORS = {
  unitShape(rng, root) {
    const units = Array.isArray(root) ? root : root?.units;
    if (!Array.isArray(units) || !units.length) return null;
    const u = rng.pick(units);
    if (!isPlain(u)) return null;
    const other = rng.pick(units);
    const pid = rng.pick(["上半年", "下半年", "集中", "日常", "x"]);
    const which = rng.int(9);
    if (which === 0)
      u.parts = {
        [pid]: rng.pick([
          null,
          {},
          [],
          "",
          { facts: null },
          { score: "x" },
          { parts: {} },
          { parts: { [pid]: null } },
        ]),
      };
    else if (which === 1)
      u.self = rng.pick([
        {},
        null,
        { facts: null },
        { parts: { [pid]: null } },
        { facts: {} },
        { facts: clone(u.facts ?? {}) },
      ]);
    else if (which === 2) u.parent = rng.pick([u.id, other?.id, "nope", 5, null, ""]);
    else if (which === 3)
      u.category = rng.pick(["nope", 5, "", null, "other", "chengzhong", "xiangzhen", "bumen"]);
    else if (which === 4) u.facts = rng.pick([null, [], "x", {}, 0]);
    else if (which === 5)
      u.id = rng.pick([0, -1, "", " ", 1.5, true, null, "__proto__", "constructor", 2 ** 53 + 1]);
    else if (which === 6) {
      if (!isPlain(u.facts) || !isPlain(other?.facts)) return null;
      u.parts = { [pid]: { facts: clone(u.facts) }, x: { facts: clone(other.facts) } };
      if (rng.bool()) delete u.facts;
    } else if (which === 7) {
      if (units.length < 2) return null;
      units.reverse();
      return "unit order reversed";
    } else {
      const idx = units.indexOf(u);
      units.splice(idx, 1);
      units.splice(rng.int(units.length + 1), 0, u);
      return `unit ${idx} moved`;
    }
    return `unit ${JSON.stringify(u.id)}: shape change ${which}`;
  },
};

/** API-only mutators: values no YAML or JSON text can hold (BigInt, NaN, undefined, Map, cycles). */
export const EXOTIC_MUTATORS = {
  exoticValue(rng, root) {
    const s = uniqueSlot(rng, collectSlots(root), ([p]) => p !== null);
    if (!s) return null;
    const make = rng.pick([
      () => 10n,
      () => -(2n ** 70n),
      () => 0n,
      () => Number.NaN,
      () => Number.POSITIVE_INFINITY,
      () => Number.NEGATIVE_INFINITY,
      () => -0,
      () => undefined,
      () => new Date("2009-03-02"),
      () => new Date(Number.NaN),
      () => new Map([["a", 1]]),
      () => new Set([1]),
      () => new Uint8Array([1, 2]),
      () => Symbol("x"),
      () => Object.create(null),
      () => Object.assign(Object.create(null), { count: 1 }),
      () => {
        const a = [];
        a[1] = 1;
        return a;
      },
      () => new Number(5),
      () => new String("5"),
      () => () => 1,
      () => ({ toString: () => "x", valueOf: () => 1 }),
    ]);
    const v = make();
    if (Array.isArray(s[0])) s[0][s[1]] = v;
    else setOwn(s[0], s[1], v);
    return `${String(s[1])} → ${describe(v)}`;
  },
  cycle(rng, root) {
    const s = uniqueSlot(
      rng,
      collectSlots(root),
      ([p, , v]) => p !== null && v && typeof v === "object",
    );
    if (!s) return null;
    const target = s[2];
    if (Array.isArray(target)) target.push(target);
    else setOwn(target, "fz_cycle", target);
    return `${String(s[1])} contains itself`;
  },
};

function describe(v) {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "symbol" || typeof v === "function") return typeof v;
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? "invalid" : v.toISOString()})`;
  if (v && typeof v === "object" && !Array.isArray(v) && !isPlain(v))
    return v.constructor?.name ?? "object";
  if (v === undefined) return "undefined";
  if (Object.is(v, -0)) return "-0";
  return String(v);
}

/**
 * Applies `count` data mutations to `root` in place; `sizeOf` measures the data so that a
 * mutation that would push it past `limit` is undone.
 */
export function mutateData(rng, root, count, pools, { sizeOf, limit } = {}) {
  const names = pools.flatMap((p) => Object.keys(p).map((n) => [n, p[n]]));
  let cur = root;
  const descs = [];
  for (let k = 0; k < count; k++) {
    const [name, fn] = rng.pick(names);
    const before = sizeOf ? clone(cur) : null;
    let d;
    try {
      d = fn(rng, cur);
    } catch {
      d = null;
    }
    if (!d) continue;
    if (sizeOf && sizeOf(cur) > limit) {
      cur = before;
      continue;
    }
    descs.push(`${name}: ${d}`);
  }
  return { data: cur, mutations: descs };
}
