// A unit's id as it is compared: kept apart from units.ts (facts text) so that scoring a cohort
// given as data never reaches the YAML parser (docs/performance.md, the browser core's size).

/** Characters that do not show: zero-width spaces and joiners, the word joiner, the BOM. */
const INVISIBLE_RE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]/g;

/**
 * The form a unit id is compared and reported in: Unicode NFC, invisible characters removed,
 * surrounding white space trimmed. "Café" typed two ways, or "武汉市" with a zero-width space
 * pasted from a web page, is one unit, not two that each get a score.
 */
export function normalizeUnitId(id: string): string {
  return id.normalize("NFC").replace(INVISIBLE_RE, "").trim();
}
