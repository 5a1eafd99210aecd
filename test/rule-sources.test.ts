import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Every bundled rule set ships the text of its source document (source.txt) and quotes it: each
// `text` of the rule file (clauses, vetoes, adjustments, windows, combine, cohort…) must appear in
// source.txt word for word. Only whitespace is normalised (line breaks and indentation differ between
// a web page and a YAML string); excerpts joined by "……" must each be verbatim, in order. A text
// that is not a quotation (a paraphrase, a heading composed from two places) is listed in the set's source-paraphrases.yaml with the
// reason; every listed entry must still be a text of the rule file and must really not be verbatim,
// so the list cannot go stale.

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");

/**
 * Whether a text is quoted from the source: verbatim, or excerpts joined by "……" (the usual mark of
 * an omission in a Chinese quotation), each verbatim and in the source's order.
 */
function quoted(text: string, source: string): boolean {
  let from = 0;
  for (const part of squash(text).split("……")) {
    if (!part) continue;
    const at = source.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

function texts(v: unknown, path: string, out: { path: string; text: string }[]) {
  if (Array.isArray(v)) v.forEach((x, i) => texts(x, `${path}[${i}]`, out));
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (k === "text" && typeof x === "string") out.push({ path: p, text: x });
      else texts(x, p, out);
    }
  return out;
}

const sets = readdirSync("rules").flatMap((j) =>
  readdirSync(join("rules", j)).map((s) => join("rules", j, s)),
);

describe.each(sets)("%s quotes its source document", (dir) => {
  it("ships source.txt, saying where it came from, and its README cites it and the document", () => {
    const source = readFileSync(join(dir, "source.txt"), "utf8");
    expect(source.split("\n")[0]).toMatch(/^# 来源:/);
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    expect(readme).toContain("source.txt");
    expect(readme).not.toMatch(/\.\.\/shared|\/work\/shared/);
  });

  it("every text of the rule file is verbatim in source.txt, or listed as a paraphrase with a reason", () => {
    const source = squash(readFileSync(join(dir, "source.txt"), "utf8"));
    const rules = parse(readFileSync(join(dir, "rules.yaml"), "utf8"));
    const all = texts(rules, "", []);
    expect(all.length).toBeGreaterThan(0);
    const listFile = join(dir, "source-paraphrases.yaml");
    const listed: { path: string; reason: string }[] = existsSync(listFile)
      ? (parse(readFileSync(listFile, "utf8")) ?? [])
      : [];
    const byPath = new Map(listed.map((x) => [x.path, x.reason]));
    for (const x of listed) expect(x.reason, x.path).toMatch(/\S{4,}/);
    const notVerbatim = all.filter((x) => !quoted(x.text, source)).map((x) => x.path);
    // Every text that is not verbatim is listed, and every listed one is a text that is not.
    expect(notVerbatim.filter((p) => !byPath.has(p))).toEqual([]);
    expect([...byPath.keys()].filter((p) => !notVerbatim.includes(p))).toEqual([]);
  });
});
