/**
 * File names for letters. Unit names come from facts files anyone may have written: a name is
 * never a path (no separators, no `..`, no control characters, none of the characters Windows
 * refuses, not a reserved device name), is bounded in length, and two units never get the same
 * file, even on a file system that ignores case: later ones (in the order given) get -2, -3….
 */

/** The most characters (code points) of a unit's name kept in its file name. */
export const MAX_NAME = 60;

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** One unit name made safe as a file's base name (no extension). */
export function safeBaseName(name: string): string {
  let s = name
    .normalize("NFC")
    .replace(/\s+/g, " ")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, "_")
    .trim();
  s = s
    .replace(/\.{2,}/g, "_")
    .replace(/_{2,}/g, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "");
  s = [...s].slice(0, MAX_NAME).join("").trim();
  if (!s || /^_+$/.test(s)) s = "单位";
  if (RESERVED.test(s.split(".")[0] ?? "")) s = `_${s}`;
  return s;
}

/**
 * A file name for each unit name, in the order given, with the extension (`docx`, `html`):
 * safe, and unique ignoring case.
 */
export function letterFileNames(names: readonly string[], ext: string): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = safeBaseName(n);
    let name = `${base}.${ext}`;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}-${k}.${ext}`;
    used.add(name.toLowerCase());
    return name;
  });
}
