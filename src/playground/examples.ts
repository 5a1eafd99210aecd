/**
 * The bundled rule sets and example facts inlined into the page by scripts/build-playground.mjs,
 * as JSON in a `<script type="application/json" id="kaohe-examples">` (data, never run).
 */

/** A file inlined in the page: its name and text. */
export interface InlineFile {
  name: string;
  text: string;
}

/** One example: a bundled rule set and the example facts that go with it (maybe none). */
export interface Example {
  id: string;
  label: string;
  rules: InlineFile;
  facts: InlineFile[];
}

const isFile = (x: unknown): x is InlineFile =>
  typeof x === "object" &&
  x !== null &&
  typeof (x as InlineFile).name === "string" &&
  typeof (x as InlineFile).text === "string";

/** The examples of the page, checked; none when the page was built without them. */
export function inlineExamples(doc: Document): Example[] {
  const text = doc.getElementById("kaohe-examples")?.textContent ?? "[]";
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) return [];
  return data.filter(
    (x): x is Example =>
      typeof x === "object" &&
      x !== null &&
      typeof x.id === "string" &&
      typeof x.label === "string" &&
      isFile(x.rules) &&
      Array.isArray(x.facts) &&
      x.facts.every(isFile),
  );
}
