/**
 * The seed corpus: the bundled rule sets (a template once per parameters file), the facts files
 * under examples/, and the units of every case in rules/*\/cases/*.yaml, each turned into a facts
 * file bound to the rule set it belongs to. Read in sorted order so that every worker sees the same
 * corpus and a case number means the same input everywhere.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import YAML from "yaml";

const sorted = (xs) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function walkRuleFiles(dir) {
  const out = [];
  for (const name of sorted(readdirSync(dir))) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === "cases" || name === "params" || name.startsWith(".")) continue;
      out.push(...walkRuleFiles(p));
    } else if (name === "rules.yaml" || name === "rules.json") out.push(p);
  }
  return out;
}

const listYaml = (dir) => {
  try {
    return sorted(readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f))).map((f) =>
      join(dir, f),
    );
  } catch {
    return [];
  }
};

/** Parses like the engine does (merge keys on), for reading the seed corpus. */
export function parseYaml(text) {
  return YAML.parse(text, { merge: true, uniqueKeys: true, maxAliasCount: 1000 });
}

/**
 * @param {string} root the repository root
 * @returns {{ sets: object[], facts: object[], cases: object[] }}
 */
export function loadCorpus(root) {
  const rel = (p) => relative(root, p);
  const sets = [];
  const facts = [];
  const cases = [];
  for (const ruleFile of walkRuleFiles(join(root, "rules"))) {
    const dir = dirname(ruleFile);
    const text = readFileSync(ruleFile, "utf8");
    const params = listYaml(join(dir, "params"));
    const template = /^parameters:/m.test(text) && params.length > 0;
    const variants = template ? params : [null];
    for (const p of variants) {
      sets.push({
        key: p ? `${rel(dir)}+${basename(p)}` : rel(dir),
        rulesFile: rel(ruleFile),
        rulesText: text,
        ...(p ? { paramsFile: rel(p), paramsText: readFileSync(p, "utf8") } : {}),
      });
    }
    const setFor = (paramsName) => {
      if (!template) return rel(dir);
      const name = paramsName ? basename(paramsName) : basename(params[0]);
      return `${rel(dir)}+${name}`;
    };
    for (const cf of listYaml(join(dir, "cases"))) {
      const ctext = readFileSync(cf, "utf8");
      let doc;
      try {
        doc = parseYaml(ctext);
      } catch {
        continue;
      }
      const set = setFor(typeof doc?.parameters === "string" ? doc.parameters : null);
      cases.push({ set, name: rel(cf), text: ctext });
      (doc?.cases ?? []).forEach((c, i) => {
        const units = c.units ?? (c.unit ? [{ id: c.unit.id ?? `case${i + 1}`, ...c.unit }] : null);
        if (!Array.isArray(units)) return;
        const data = { units };
        let text;
        facts.push({
          set,
          name: `${rel(cf)}#${i + 1}`,
          // Written out when first needed: stringifying every case at start-up is slow.
          get text() {
            text ??= YAML.stringify(data);
            return text;
          },
          data,
          ...(c.options ? { options: c.options } : {}),
          ...(c.previous ? { previous: c.previous } : {}),
        });
      });
    }
  }
  for (const ef of listYaml(join(root, "examples"))) {
    const text = readFileSync(ef, "utf8");
    const prefix = basename(ef).split("-")[0];
    const set = sets.find((s) => s.key.split("/").includes(prefix)) ?? sets[0];
    facts.push({ set: set.key, name: rel(ef), text, data: parseYaml(text) });
  }
  return { sets, facts, cases };
}
