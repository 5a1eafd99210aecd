import { JsonSequence } from "./cohort-json.js";

/**
 * Writes a value as `JSON.stringify(value, null, 2)` would, byte for byte, but in pieces: the
 * top-level object key by key and its arrays element by element. A cohort of 100,000 units gives
 * some 700 MB of JSON, past the longest string V8 can build; written in pieces it never has to be
 * one string.
 */
export function writeJsonPretty(value: unknown, line: (text: string) => void): void {
  const nested = (v: unknown, depth: number): string => {
    const text = JSON.stringify(v, null, 2) ?? "null";
    // JSON text has no raw newline inside a string, so every newline starts a line to indent.
    return depth ? text.replaceAll("\n", `\n${"  ".repeat(depth)}`) : text;
  };
  if (
    !value ||
    typeof value !== "object" ||
    Array.isArray(value) ||
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  ) {
    line(nested(value, 0));
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol",
  );
  if (!entries.length) {
    line("{}");
    return;
  }
  line("{");
  entries.forEach(([k, v], i) => {
    const comma = i < entries.length - 1 ? "," : "";
    const key = `  ${JSON.stringify(k)}: `;
    if ((Array.isArray(v) || v instanceof JsonSequence) && v.length) {
      // A JsonSequence's elements are made as they are written: hold one back for its comma.
      line(`${key}[`);
      let held: { x: unknown } | null = null;
      for (const x of v as Iterable<unknown>) {
        if (held) line(`    ${nested(held.x === undefined ? null : held.x, 2)},`);
        held = { x };
      }
      if (held) line(`    ${nested(held.x === undefined ? null : held.x, 2)}`);
      line(`  ]${comma}`);
    } else line(`${key}${nested(v, 1)}${comma}`);
  });
  line("}");
}
