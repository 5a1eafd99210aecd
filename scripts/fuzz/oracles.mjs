/**
 * The oracles. `runCase` runs one generated case through the library (load, compile, parse,
 * score, render) and returns every failure:
 *
 * - exception: anything thrown that is not a KaoheError, at any stage;
 * - order: scoring the units in reverse order (or with every mapping's keys reversed) changes
 *   the output, after sorting the per-unit lists by unit;
 * - json-yaml: the same facts data written as JSON and as YAML score differently;
 * - prototype: Object.prototype, Array.prototype (or another builtin prototype) changed.
 *
 * Timeouts are the runner's watchdog's business (see pool.mjs).
 */
import YAML from "yaml";

export const ORACLES = ["exception", "timeout", "order", "json-yaml", "prototype"];

const PROTOS = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
  Number: Number.prototype,
  Boolean: Boolean.prototype,
  Map: Map.prototype,
  Set: Set.prototype,
  Error: Error.prototype,
};

/** Every own key of the builtin prototypes, with its value or accessors. */
export function protoSnapshot() {
  const snap = {};
  for (const [name, proto] of Object.entries(PROTOS)) {
    const m = new Map();
    for (const k of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, k);
      m.set(k, d);
    }
    snap[name] = { proto, keys: m, extensible: Object.isExtensible(proto) };
  }
  return snap;
}

/** Lists what changed since the snapshot and puts it back, so later cases start clean. */
export function protoRestore(snap) {
  const changes = [];
  for (const [name, { proto, keys }] of Object.entries(snap)) {
    for (const k of Reflect.ownKeys(proto)) {
      const before = keys.get(k);
      const d = Object.getOwnPropertyDescriptor(proto, k);
      if (!before) {
        changes.push(`${name}.prototype gained ${String(k)}`);
        try {
          delete proto[k];
        } catch {
          // a non-configurable key cannot be removed; it is reported all the same
        }
      } else if (before.value !== d.value || before.get !== d.get || before.set !== d.set) {
        changes.push(`${name}.prototype.${String(k)} changed`);
        try {
          Object.defineProperty(proto, k, before);
        } catch {
          // reported above
        }
      }
    }
    for (const k of keys.keys())
      if (!Object.hasOwn(proto, k)) {
        changes.push(`${name}.prototype lost ${String(k)}`);
        try {
          Object.defineProperty(proto, k, keys.get(k));
        } catch {
          // reported above
        }
      }
  }
  if (Object.getPrototypeOf({}) !== Object.prototype) changes.push("{} has a new prototype");
  return changes;
}

export function isKaoheError(lib, e) {
  return (
    e !== null &&
    typeof e === "object" &&
    ((typeof lib.KaoheError === "function" && e instanceof lib.KaoheError) ||
      e.name === "KaoheError")
  );
}

function errorInfo(e) {
  if (e instanceof Error) {
    const frames = (e.stack ?? "")
      .split("\n")
      .filter((l) => /^\s+at /.test(l))
      .slice(0, 6)
      .map((l) => l.trim());
    return { name: e.name, message: e.message, frames };
  }
  return { name: typeof e, message: String(e), frames: [] };
}

/** Serialises data with types made explicit (−0, bigints, undefined), keys in order. */
export function canon(v, seen = new Set()) {
  if (v === null) return "null";
  const t = typeof v;
  if (t === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (t === "string") return JSON.stringify(v);
  if (t === "bigint") return `${v}n`;
  if (t !== "object") return `<${t}:${String(v)}>`;
  if (seen.has(v)) return "<cycle>";
  seen.add(v);
  let out;
  if (Array.isArray(v)) out = `[${Array.from(v, (x) => canon(x, seen)).join(",")}]`;
  else
    out = `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${canon(v[k], seen)}`)
      .join(",")}}`;
  seen.delete(v);
  return out;
}

/** True if JSON can carry the data exactly (so the JSON and YAML forms must mean the same). */
export function jsonSafe(v, depth = 0) {
  if (depth > 200) return false;
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0);
  if (typeof v !== "object") return false;
  if (Array.isArray(v)) {
    if (Object.keys(v).length !== v.length) return false;
    return v.every((x) => jsonSafe(x, depth + 1));
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return false;
  return Object.keys(v).every((k) => jsonSafe(v[k], depth + 1));
}

/** Sorts the per-unit lists of a cohort output so that only content, not order, is compared. */
export function normaliseCohort(json) {
  const o = JSON.parse(json);
  const key = (x) => `${x?.unit ?? x?.id ?? ""}\u0000${JSON.stringify(x)}`;
  const sort = (a) =>
    Array.isArray(a) ? [...a].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0)) : a;
  if (o && typeof o === "object") {
    o.ranking = sort(o.ranking);
    o.units = sort(o.units);
    o.issues = sort(o.issues);
  }
  return JSON.stringify(o);
}

/** Where two outputs first differ, in a few words. */
export function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ctx = (s) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 60));
  return `at ${i}: ${ctx(a)} vs ${ctx(b)}`;
}

function reverseKeysDeep(v, top = true, seen = new Map()) {
  if (v === null || typeof v !== "object") return v;
  if (seen.has(v)) return seen.get(v);
  if (Array.isArray(v)) {
    const arr = [];
    seen.set(v, arr);
    for (const x of v) arr.push(reverseKeysDeep(x, false, seen));
    return arr;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return v;
  const out = {};
  seen.set(v, out);
  const keys = Object.keys(v);
  // A unit's own fields keep their order; everything inside them is reversed.
  for (const k of top ? keys : keys.reverse())
    Object.defineProperty(out, k, {
      value: reverseKeysDeep(v[k], false, seen),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  return out;
}

/** The text a facts case gives to `parseUnits`. */
export function factsText(c) {
  if (c.facts.text !== undefined) return c.facts.text;
  return c.facts.format === "json"
    ? JSON.stringify(c.facts.data, null, 1)
    : YAML.stringify(c.facts.data);
}

/**
 * Runs one case; returns `{ failures, stages }`. `env.compiled(setKey)` gives the compiled rule
 * set of an unmutated bundled set.
 */
export function runCase(lib, c, env) {
  const snap = protoSnapshot();
  const failures = [];
  const fail = (oracle, stage, message, err) =>
    failures.push({
      oracle,
      stage,
      message,
      ...(err !== undefined ? { error: errorInfo(err) } : {}),
    });
  const call = (stage, fn) => {
    try {
      return { ok: true, value: fn() };
    } catch (e) {
      if (!isKaoheError(lib, e))
        fail(
          "exception",
          stage,
          `${e?.name ?? typeof e}: ${String(e?.message ?? e).split("\n")[0]}`,
          e,
        );
      return { ok: false };
    }
  };
  try {
    body(lib, c, env, call, fail);
  } finally {
    for (const ch of protoRestore(snap)) fail("prototype", "after the case", ch);
  }
  return failures;
}

function body(lib, c, env, call, fail) {
  let crs;
  if (!c.rules) crs = env.compiled(c.set);
  else {
    const loaded = call("load rules", () =>
      c.rules.data !== undefined
        ? lib.validateRuleSet(c.rules.data)
        : lib.loadRuleSet(c.rules.text, {
            file: "rules.yaml",
            ...(c.rules.params !== undefined
              ? { parameters: { text: c.rules.params, file: "params.yaml" } }
              : {}),
          }),
    );
    if (!loaded.ok) return;
    const r = loaded.value;
    if (!r.ok) {
      call("format issues", () => r.issues.map((i) => lib.formatIssue(i)));
      return;
    }
    call("format warnings", () => r.warnings.map((i) => lib.formatIssue(i)));
    const comp = call("compile", () => lib.compileRuleSet(r.ruleSet));
    if (!comp.ok) return;
    crs = comp.value;
  }

  if (c.kind === "cases") {
    const rep = call("run cases", () => lib.runCases(crs, c.cases.text, "cases.yaml"));
    if (rep.ok) call("format case issues", () => rep.value.issues.map((i) => lib.formatIssue(i)));
    return;
  }
  if (!c.facts) return;

  let units;
  let text;
  if (c.facts.api) units = c.facts.api;
  else {
    text = factsText(c);
    const p = call("parse units", () => lib.parseUnits(text, "facts.yaml"));
    if (!p.ok) return;
    units = p.value.units;
    call("format unit issues", () => p.value.issues.map((i) => lib.formatIssue(i)));
  }
  const opts = {
    trace: true,
    ...(c.options ?? {}),
    ...(c.previous !== undefined ? { previous: c.previous } : {}),
  };
  const scoreJSON = (stage, us) =>
    call(stage, () =>
      JSON.stringify(lib.cohortToJSON(lib.scoreCohort(crs, us, opts), { trace: true })),
    );

  const first = call("score cohort", () => lib.scoreCohort(crs, units, opts));
  if (!first.ok) return;
  const out1 = call("cohort to JSON", () =>
    JSON.stringify(lib.cohortToJSON(first.value, { trace: true })),
  );
  if (c.checks.render)
    call("render explanation", () => {
      for (const u of first.value.units) lib.renderExplanation(crs, u.outcome);
    });
  if (c.checks.scoreUnits)
    call("score units", () => {
      for (const o of lib.scoreUnits(crs, units, opts)) JSON.stringify(lib.outcomeToJSON(o));
    });
  if (!out1.ok) return;

  const compare = (stage, us) => {
    const out2 = scoreJSON(stage, us);
    if (!out2.ok || out2.value === out1.value) return;
    const a = normaliseCohort(out1.value);
    const b = normaliseCohort(out2.value);
    if (a !== b) fail("order", stage, firstDifference(a, b));
  };
  if (c.checks.reverse && units.length > 1) compare("units reversed", [...units].reverse());
  if (c.checks.keyOrder)
    compare(
      "keys reversed",
      units.map((u) => reverseKeysDeep(u)),
    );

  if (c.checks.jsonYaml && !c.facts.api) {
    let data = c.facts.data;
    if (data === undefined) {
      try {
        data = YAML.parse(text, { merge: true, uniqueKeys: true, maxAliasCount: 1000 });
      } catch {
        return;
      }
    }
    if (!jsonSafe(data)) return;
    const parse = (stage, t) => call(stage, () => lib.parseUnits(t, "facts"));
    const pj = parse("parse units (JSON)", JSON.stringify(data));
    // No anchors in the YAML form: an issue inside an anchored node is rightly reported once,
    // where JSON repeats the node and reports it at each copy.
    const yamlText = YAML.stringify(data, { aliasDuplicateObjects: false });
    // Written out plainly, an input with aliases can be far larger than the 64 KB the mutators
    // keep to (a small alias bomb becomes 200 KB); its YAML round trip alone then outlasts the
    // watchdog. Such cases are left to the other oracles.
    if (yamlText.length > 65536) return;
    // The comparison is only fair when the YAML library writes the data faithfully (a text that
    // starts with a byte-order mark, say, does not survive its own round trip).
    let back;
    try {
      back = YAML.parse(yamlText, { merge: true });
    } catch {
      return;
    }
    if (canon(back) !== canon(data)) return;
    const py = parse("parse units (YAML)", yamlText);
    if (!pj.ok || !py.ok) return;
    const sig = (p) => p.issues.map((i) => `${i.code} ${JSON.stringify(i.path)}`).join("\n");
    if (sig(pj.value) !== sig(py.value)) {
      fail(
        "json-yaml",
        "parse units",
        `issues differ: ${firstDifference(sig(pj.value), sig(py.value))}`,
      );
      return;
    }
    if (canon(pj.value.units) === canon(py.value.units)) return;
    const sj = scoreJSON("score (JSON)", pj.value.units);
    const sy = scoreJSON("score (YAML)", py.value.units);
    if (sj.ok && sy.ok && sj.value !== sy.value)
      fail("json-yaml", "score", firstDifference(sj.value, sy.value));
  }
}

/** A stable name for a kind of failure: oracle, stage, error and where it was thrown. */
export function signature(f) {
  const where =
    f.error?.frames?.find((l) => /dist[/\\]|kaohe/.test(l)) ?? f.error?.frames?.[0] ?? "";
  const at = where
    .replace(/^at /, "")
    .replace(/\(?(?:file:\/\/)?[^()]*[/\\]([^/\\]+:\d+):\d+\)?/, "$1");
  const msg = (f.error?.message ?? f.message)
    .replace(/"[^"]*"|'[^']*'|“[^”]*”/g, "_")
    .replace(/\d+(\.\d+)?/g, "N")
    .slice(0, 80);
  if (f.oracle === "exception") return `exception|${f.stage}|${f.error?.name}|${msg}|${at}`;
  if (f.oracle === "order" || f.oracle === "json-yaml") return `${f.oracle}|${f.stage}`;
  return `${f.oracle}|${msg}`;
}
