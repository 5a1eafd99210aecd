/**
 * Case generation: case number N of seed S is built from the corpus and Rng(S, N) alone.
 */
import YAML from "yaml";
import { parseYaml } from "./corpus.mjs";
import {
  DATA_MUTATORS,
  EXOTIC_MUTATORS,
  MAX_FUZZ_BYTES,
  mutateData,
  mutateText,
  UNIT_MUTATORS,
} from "./mutators.mjs";
import { Rng } from "./prng.mjs";

/** What a case exercises, with weights. */
export const KINDS = [
  [44, "facts-text"],
  [24, "facts-data"],
  [8, "api"],
  [10, "rules-data"],
  [5, "rules-text"],
  [9, "cases"],
];

const jsonSize = (v) => JSON.stringify(v)?.length ?? 0;

/**
 * Prepares what generation and scoring need from the library: each rule set compiled, and the
 * data a data-level rule mutation starts from (for a template, the rule set composed with its
 * parameters). Lazy, so that a process that only regenerates one case compiles one set.
 */
export function prepareEnv(lib, corpus) {
  const loaded = new Map();
  const load = (set) => {
    let l = loaded.get(set.key);
    if (!l) {
      const r = lib.loadRuleSet(set.rulesText, {
        file: set.rulesFile,
        ...(set.paramsText !== undefined
          ? { parameters: { text: set.paramsText, file: set.paramsFile } }
          : {}),
      });
      if (!r.ok) throw new Error(`fuzz corpus: ${set.key} does not load: ${r.issues[0]?.message}`);
      l = {
        crs: lib.compileRuleSet(r.ruleSet),
        data: set.paramsText !== undefined ? r.ruleSet : parseYaml(set.rulesText),
      };
      loaded.set(set.key, l);
    }
    return l;
  };
  const byKey = new Map(corpus.sets.map((s) => [s.key, s]));
  return {
    corpus,
    set: (key) => byKey.get(key),
    compiled: (key) => load(byKey.get(key)).crs,
    ruleData: (key) => load(byKey.get(key)).data,
    /** Loads every set now (a worker does this before it says it is ready). */
    warm() {
      for (const s of corpus.sets) load(s);
    },
  };
}

/** Builds case `no` of `seed`. */
export function generateCase(env, seed, no) {
  const rng = new Rng(seed, no);
  const { corpus } = env;
  const kind = rng.weighted(KINDS);
  const c = {
    seed,
    no,
    kind,
    set: "",
    source: "",
    mutations: [],
    rules: null,
    facts: null,
    cases: null,
    options: undefined,
    previous: undefined,
    checks: {
      reverse: true,
      keyOrder: rng.bool(0.3),
      jsonYaml: kind === "facts-text" || kind === "facts-data",
      scoreUnits: rng.bool(0.2),
      render: rng.bool(0.3),
    },
  };
  const useFacts = (src) => {
    c.source = src.name;
    c.set = src.set;
    if (src.options) c.options = structuredClone(src.options);
    if (src.previous) c.previous = structuredClone(src.previous);
  };
  const factsOf = (setKey) => corpus.facts.filter((f) => f.set === setKey);

  if (kind === "facts-text") {
    const src = rng.pick(corpus.facts);
    useFacts(src);
    const m = mutateText(rng, src.text, rng.range(1, 4));
    c.facts = { text: m.text };
    c.mutations = m.mutations;
  } else if (kind === "facts-data") {
    const src = rng.pick(corpus.facts);
    useFacts(src);
    const m = mutateData(
      rng,
      structuredClone(src.data),
      rng.range(1, 5),
      [DATA_MUTATORS, UNIT_MUTATORS, UNIT_MUTATORS],
      { sizeOf: jsonSize, limit: MAX_FUZZ_BYTES },
    );
    c.facts = { data: m.data, format: rng.bool() ? "yaml" : "json" };
    c.mutations = m.mutations;
  } else if (kind === "api") {
    const src = rng.pick(corpus.facts);
    useFacts(src);
    const list = Array.isArray(src.data) ? src.data : (src.data?.units ?? []);
    const units = structuredClone(list).map((u) => ({ ...u, id: String(u.id) }));
    const n = rng.range(1, 3);
    for (let k = 0; k < n && units.length; k++) {
      const u = rng.pick(units);
      if (!u.parts && !u.facts) u.facts = {};
      const root = u.parts && rng.bool(0.3) ? u.parts : (u.facts ?? u.parts);
      const m = mutateData(rng, root, 1, [DATA_MUTATORS, EXOTIC_MUTATORS, EXOTIC_MUTATORS]);
      c.mutations.push(...m.mutations.map((d) => `unit ${u.id}: ${d}`));
    }
    c.facts = { api: units };
  } else if (kind === "rules-data") {
    const set = rng.pick(corpus.sets);
    c.set = set.key;
    const exotic = rng.bool(0.15);
    const m = mutateData(
      rng,
      structuredClone(env.ruleData(set.key)),
      rng.range(1, 4),
      exotic ? [DATA_MUTATORS, EXOTIC_MUTATORS] : [DATA_MUTATORS],
    );
    c.rules = { data: m.data };
    c.mutations = m.mutations;
    const fs = factsOf(set.key);
    if (fs.length) {
      const src = rng.pick(fs);
      useFacts(src);
      c.facts = { text: src.text };
    }
  } else if (kind === "rules-text") {
    const set = rng.pick(corpus.sets);
    c.set = set.key;
    let rules = set.rulesText;
    let params = set.paramsText;
    // A template's rule text is large (and slow to parse): its parameters are mutated more often.
    const template = params !== undefined;
    const target = rng.weighted([
      [template ? 2 : 6, "rules"],
      [template ? 6 : 0, "params"],
      [1, "empty"],
    ]);
    if (target === "empty") {
      rules = rng.pick(["", "~", "{}", "kaohe: 1", "parameters: []", "[]"]);
      params ??= rng.pick(corpus.sets.filter((s) => s.paramsText !== undefined))?.paramsText ?? "";
      c.mutations.push(`rules text → ${JSON.stringify(rules)} with a parameters file`);
    } else if (target === "params") {
      const m = mutateText(rng, params, rng.range(1, 3));
      params = m.text;
      c.mutations = m.mutations.map((d) => `params ${d}`);
    } else {
      const m = mutateText(rng, rules, rng.range(1, 3));
      rules = m.text;
      c.mutations = m.mutations;
    }
    c.rules = { text: rules, ...(params !== undefined ? { params } : {}) };
    const fs = factsOf(set.key);
    if (fs.length) {
      const src = rng.pick(fs);
      useFacts(src);
      c.set = set.key;
      c.facts = { text: src.text };
    }
  } else {
    const src = rng.pick(corpus.cases);
    c.set = src.set;
    c.source = src.name;
    if (rng.bool(0.7)) {
      const m = mutateText(rng, src.text, rng.range(1, 4));
      c.cases = { text: m.text };
      c.mutations = m.mutations;
    } else {
      let doc;
      try {
        doc = parseYaml(src.text);
      } catch {
        doc = {};
      }
      const m = mutateData(rng, doc, rng.range(1, 4), [DATA_MUTATORS, UNIT_MUTATORS], {
        sizeOf: jsonSize,
        limit: MAX_FUZZ_BYTES,
      });
      c.cases = { text: YAML.stringify(m.data) };
      c.mutations = m.mutations;
    }
  }
  return c;
}
