/**
 * Escaping for the 通报 page. Every text that reaches the page — unit names, labels, clause text,
 * issue messages — is untrusted and goes through `esc`; nothing is written as markup unescaped.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text as HTML text or as a quoted attribute value. C0 controls other than tab and line breaks
 * (which no clerk's text needs and HTML forbids) and DEL are dropped.
 */
export function esc(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) continue;
    out += Object.hasOwn(ENTITIES, ch) ? ENTITIES[ch] : ch;
  }
  return out;
}
