/**
 * Shrinks a failing case while it still fails the same way (same signature): lines of each text
 * input are removed in halving chunks (ddmin-style), then keys and list elements of data inputs.
 */
import { runCase, signature } from "./oracles.mjs";

/** Copies plain objects and arrays (cycles kept); other objects (Map, Date…) are shared. */
export function cloneDeep(v, seen = new Map()) {
  if (v === null || typeof v !== "object") return v;
  if (seen.has(v)) return seen.get(v);
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    seen.set(v, out);
    for (let i = 0; i < v.length; i++) if (i in v) out[i] = cloneDeep(v[i], seen);
    return out;
  }
  if (proto !== Object.prototype && proto !== null) return v;
  const out = Object.create(proto);
  seen.set(v, out);
  for (const k of Object.keys(v))
    Object.defineProperty(out, k, {
      value: cloneDeep(v[k], seen),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  return out;
}

function reduceLines(text, still, budget) {
  let ls = text.split("\n");
  let chunk = Math.max(1, Math.floor(ls.length / 2));
  while (chunk >= 1 && !budget.out()) {
    let progressed = false;
    for (let i = 0; i < ls.length && !budget.out(); ) {
      const cand = [...ls.slice(0, i), ...ls.slice(i + chunk)];
      if (still(cand.join("\n"))) {
        ls = cand;
        progressed = true;
      } else i += chunk;
    }
    if (!progressed) chunk = Math.floor(chunk / 2);
  }
  return ls.join("\n");
}

function reduceData(root, still, budget) {
  let changed = true;
  while (changed && !budget.out()) {
    changed = false;
    const slots = [];
    const seen = new Set();
    const walk = (v) => {
      if (v === null || typeof v !== "object" || seen.has(v)) return;
      const proto = Object.getPrototypeOf(v);
      if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) return;
      seen.add(v);
      const keys = Array.isArray(v) ? [...v.keys()].reverse() : Object.keys(v);
      for (const k of keys) slots.push([v, k]);
      for (const k of keys) walk(v[k]);
    };
    walk(root);
    for (const [p, k] of slots) {
      if (budget.out()) break;
      if (Array.isArray(p) ? k >= p.length : !Object.hasOwn(p, k)) continue;
      const old = p[k];
      if (Array.isArray(p)) p.splice(k, 1);
      else delete p[k];
      if (still()) {
        changed = true;
        continue;
      }
      if (Array.isArray(p)) p.splice(k, 0, old);
      else
        Object.defineProperty(p, k, {
          value: old,
          writable: true,
          enumerable: true,
          configurable: true,
        });
    }
  }
}

/**
 * Returns a smaller case that fails with the same signature (or the case itself), within
 * `ms` milliseconds.
 */
export function minimize(lib, env, c, sig, ms = 10_000) {
  const end = Date.now() + ms;
  let tries = 0;
  const budget = { out: () => Date.now() > end || tries > 3000 };
  const fails = (cand) => {
    tries++;
    try {
      return runCase(lib, cand, env).some((f) => signature(f) === sig);
    } catch {
      return false;
    }
  };
  const best = cloneDeep(c);
  best.mutations = [...c.mutations];
  const textFields = [
    ["facts", "text"],
    ["cases", "text"],
    ["rules", "params"],
    ["rules", "text"],
  ];
  for (const [a, b] of textFields) {
    if (typeof best[a]?.[b] !== "string" || budget.out()) continue;
    best[a][b] = reduceLines(
      best[a][b],
      (t) => {
        const cand = { ...best, [a]: { ...best[a], [b]: t } };
        return fails(cand);
      },
      budget,
    );
  }
  // Checks that are not needed to fail are turned off, so the reproducer says which one fails.
  for (const k of Object.keys(best.checks)) {
    if (!best.checks[k] || budget.out()) continue;
    best.checks[k] = false;
    if (!fails(best)) best.checks[k] = true;
  }
  for (const [a, b] of [
    ["facts", "data"],
    ["facts", "api"],
    ["rules", "data"],
  ]) {
    if (best[a]?.[b] === undefined || budget.out()) continue;
    reduceData(best[a][b], () => fails(best), budget);
  }
  return fails(best) ? best : c;
}
