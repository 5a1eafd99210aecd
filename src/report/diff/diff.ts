/**
 * Rule-set diffs (issue 13 item 2): what changed between two rule sets — two rule files, or one
 * template composed with two parameters files (this year's 分值 against last year's). Indicators
 * and clauses are matched by id; points are compared as each category's effective points (a
 * node's own, its category's, or the sum of its children's), so a changed 二级指标 shows the
 * change of its 一级指标 too. Browser-safe; deterministic.
 */
import { toDecimal } from "../../decimal.js";
import type { ClauseInput, NodeInput, RuleSetInput } from "../../schema/ruleset.js";
import { appliesTo, nodePoints, ruleSetPoints } from "../../schema/walk.js";

/** What a change is about. */
export type DiffSubject = "ruleSet" | "node" | "clause" | "adjustment" | "veto" | "gate";

/** One difference. `field` is null for an indicator or clause added or removed as a whole. */
export interface DiffChange {
  kind: "added" | "removed" | "changed";
  subject: DiffSubject;
  /** The id of the node, clause, adjustment, veto or gate; "" for the rule set itself. */
  id: string;
  /** What a clerk calls it: the node's or adjustment's title; for a clause, its owner's title. */
  label: string;
  /**
   * The field changed: `points` (effective points), `title`, `text` (原文), `cap`, `each`,
   * `amount`, `combine.parts.上半年.percent` (a weight)… — the rule language's own key, dotted
   * into objects; null when added or removed.
   */
  field: string | null;
  /** For `points` (and the rule set's 满分): the category, when it differs between categories. */
  category: string | null;
  /** The value before and after, as text (decimals exact: "1.5"); null when absent. */
  old: string | null;
  new: string | null;
}

/** One side of a diff: which rule set, and with which parameters file. */
export interface DiffSide {
  id: string;
  title: string;
  /** The parameters file (edition) a template was composed with: its id and title. */
  edition: { id: string; title: string } | null;
}

/** The differences between two rule sets, in a stable order (docs/render.md). */
export interface RuleSetDiff {
  old: DiffSide;
  new: DiffSide;
  /** The categories of the new rule set (else the old's), id → label, for naming `category`. */
  categories: Record<string, string>;
  changes: DiffChange[];
}

const DEC = /^-?(\d+(\.\d+)?|\.\d+)$/;

/** A value as diff text: decimals exact and normalised, objects as sorted-key JSON. */
function show(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return toDecimal(v).toFixed();
  if (typeof v === "string") return DEC.test(v) ? toDecimal(v).toFixed() : v;
  if (typeof v === "boolean") return String(v);
  return JSON.stringify(sortKeys(v));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/**
 * An object's fields as dotted paths to shown values: plain objects are walked into (an array of
 * objects with ids by id: `parts.上半年.percent`), other arrays and conditions are one value.
 */
function flatten(o: unknown, skip: ReadonlySet<string>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (!o || typeof o !== "object") return out;
  for (const k of Object.keys(o).sort()) {
    if (!prefix && skip.has(k)) continue;
    const v = (o as Record<string, unknown>)[k];
    const path = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === "object" && "id" in x)) {
      for (const x of v) for (const [p, s] of flatten(x, skip, `${path}.${x.id}`)) out.set(p, s);
    } else if (v && typeof v === "object" && !Array.isArray(v) && !isCondition(v)) {
      for (const [p, s] of flatten(v, skip, path)) out.set(p, s);
    } else {
      const s = show(v);
      if (s !== null) out.set(path, s);
    }
  }
  return out;
}

/** Conditions (`when`, `applicable`) are compared whole. */
const isCondition = (v: object) => "all" in v || "any" in v || "not" in v || "fact" in v;

/** The field changes between two flattened objects, in path order. */
function fieldChanges(a: Map<string, string>, b: Map<string, string>) {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys
    .filter((k) => a.get(k) !== b.get(k))
    .map((k) => ({ field: k, old: a.get(k) ?? null, new: b.get(k) ?? null }));
}

interface NodeEntry {
  node: NodeInput;
  order: number;
}

function nodesById(rs: RuleSetInput): Map<string, NodeEntry> {
  const out = new Map<string, NodeEntry>();
  const go = (ns: NodeInput[]) => {
    for (const n of ns) {
      if (!out.has(n.id)) out.set(n.id, { node: n, order: out.size });
      go(n.children ?? []);
    }
  };
  go(rs.tree);
  return out;
}

interface ClauseEntry {
  clause: ClauseInput;
  subject: "clause" | "veto";
  owner: string;
}

function clausesById(rs: RuleSetInput): Map<string, ClauseEntry> {
  const out = new Map<string, ClauseEntry>();
  const add = (c: ClauseInput, subject: ClauseEntry["subject"], owner: string) => {
    if (!out.has(c.id)) out.set(c.id, { clause: c, subject, owner });
  };
  const go = (ns: NodeInput[]) => {
    for (const n of ns) {
      for (const c of n.clauses ?? []) add(c, "clause", n.title);
      go(n.children ?? []);
    }
  };
  go(rs.tree);
  for (const a of rs.adjustments ?? []) for (const c of a.clauses) add(c, "clause", a.title);
  for (const v of rs.vetoes ?? []) add(v, "veto", "一票否决、直接归零项");
  return out;
}

/** Effective points per category (or one value with no categories), "" where it does not apply. */
function pointsByCategory(
  rs: RuleSetInput,
  n: NodeInput | null,
  cats: string[],
): Map<string | null, string> {
  const out = new Map<string | null, string>();
  const of = (c: string | null) =>
    n === null ? ruleSetPoints(rs, c).toFixed() : nodePoints(n, c).toFixed();
  if (!cats.length) out.set(null, of(null));
  for (const c of cats) if (n === null || appliesTo(n, c)) out.set(c, of(c));
  return out;
}

/**
 * The points changes of one node (or of the rule set, node null): one change when every category
 * changed alike, else one per category that changed.
 */
function pointsChanges(
  oldRs: RuleSetInput,
  newRs: RuleSetInput,
  oldNode: NodeInput | null,
  newNode: NodeInput | null,
  cats: string[],
): { category: string | null; old: string | null; new: string | null }[] {
  const a = pointsByCategory(oldRs, oldNode, cats);
  const b = pointsByCategory(newRs, newNode, cats);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const changed = keys
    .filter((k) => a.get(k) !== b.get(k))
    .map((k) => ({ category: k, old: a.get(k) ?? null, new: b.get(k) ?? null }));
  if (!changed.length) return [];
  const same = (x: (typeof changed)[number], y: (typeof changed)[number]) =>
    x.old === y.old && x.new === y.new;
  const first = changed[0] as (typeof changed)[number];
  if (changed.length === keys.length && changed.every((x) => same(x, first)))
    return [{ category: null, old: first.old, new: first.new }];
  return changed;
}

const NODE_SKIP = new Set([
  "id",
  "title",
  "text",
  "ref",
  "note",
  "points",
  "pointsBy",
  "children",
  "clauses",
]);
const CLAUSE_SKIP = new Set(["id", "ref", "note"]);
const ADJ_SKIP = new Set(["id", "ref", "note", "clauses"]);
const RS_SKIP = new Set([
  "kaohe",
  "id",
  "title",
  "jurisdiction",
  "description",
  "documents",
  "facts",
  "points",
  "parameters",
  "readings",
  "reading",
  "edition",
  "tree",
  "adjustments",
  "vetoes",
  "gates",
]);

/** The differences from `oldRs` to `newRs` (both composed: templates with their parameters). */
export function diffRuleSets(oldRs: RuleSetInput, newRs: RuleSetInput): RuleSetDiff {
  const categories: Record<string, string> = {};
  for (const c of newRs.categories ?? oldRs.categories ?? []) categories[c.id] = c.label;
  const cats = [
    ...new Set([...(oldRs.categories ?? []), ...(newRs.categories ?? [])].map((c) => c.id)),
  ];
  const changes: DiffChange[] = [];
  // The keys in one order, whatever order the parts came in: the JSON's shape is stable.
  const push = (c: Omit<DiffChange, "category"> & { category?: string | null }) =>
    changes.push({
      kind: c.kind,
      subject: c.subject,
      id: c.id,
      label: c.label,
      field: c.field,
      category: c.category ?? null,
      old: c.old,
      new: c.new,
    });

  // The rule set: its title, 满分, weights and the other settings.
  if (oldRs.title !== newRs.title)
    push({
      kind: "changed",
      subject: "ruleSet",
      id: "",
      label: "",
      field: "title",
      old: oldRs.title,
      new: newRs.title,
    });
  for (const p of pointsChanges(oldRs, newRs, null, null, cats))
    push({ kind: "changed", subject: "ruleSet", id: "", label: "", field: "points", ...p });
  for (const f of fieldChanges(flatten(oldRs, RS_SKIP), flatten(newRs, RS_SKIP)))
    push({ kind: "changed", subject: "ruleSet", id: "", label: "", ...f });

  // Entries matched by id: those added or changed in the new rule set's order, then those
  // removed in the old one's. `about` names an entry; `changed` pushes its field changes.
  type Base = { kind: "changed"; subject: DiffSubject; id: string; label: string };
  const compare = <T>(
    older: Map<string, T>,
    newer: Map<string, T>,
    about: (x: T) => { subject: DiffSubject; label: string },
    changed: (before: T, after: T, base: Base) => void,
  ) => {
    const whole = (kind: "added" | "removed", id: string, x: T) =>
      push({ kind, ...about(x), id, field: null, old: null, new: null });
    for (const [id, x] of newer) {
      const before = older.get(id);
      if (before === undefined) whole("added", id, x);
      else changed(before, x, { kind: "changed", ...about(x), id });
    }
    for (const [id, x] of older) if (!newer.has(id)) whole("removed", id, x);
  };
  const byId = <T extends { id: string }>(xs: T[] | undefined) =>
    new Map((xs ?? []).map((x) => [x.id, x]));

  // Indicators: title, effective points per category, 原文, and the other fields.
  compare(
    nodesById(oldRs),
    nodesById(newRs),
    (e) => ({ subject: "node", label: e.node.title }),
    ({ node: before }, { node }, base) => {
      if (before.title !== node.title)
        push({ ...base, field: "title", old: before.title, new: node.title });
      for (const p of pointsChanges(oldRs, newRs, before, node, cats))
        push({ ...base, field: "points", ...p });
      if ((before.text ?? null) !== (node.text ?? null))
        push({ ...base, field: "text", old: before.text ?? null, new: node.text ?? null });
      for (const f of fieldChanges(flatten(before, NODE_SKIP), flatten(node, NODE_SKIP)))
        push({ ...base, ...f });
    },
  );
  // Clauses (of the tree, the adjustments and the vetoes), 特别加分/减分项 as wholes (title,
  // text, cap, combine, stage) and gates (C19): field by field.
  const fieldsOf =
    <T>(read: (x: T) => unknown, skip: Set<string>) =>
    (before: T, after: T, base: Base) => {
      for (const f of fieldChanges(flatten(read(before), skip), flatten(read(after), skip)))
        push({ ...base, ...f });
    };
  compare(
    clausesById(oldRs),
    clausesById(newRs),
    (e) => ({ subject: e.subject, label: e.owner }),
    fieldsOf((e) => e.clause, CLAUSE_SKIP),
  );
  compare(
    byId(oldRs.adjustments),
    byId(newRs.adjustments),
    (x) => ({ subject: "adjustment", label: x.title }),
    fieldsOf((x) => x, ADJ_SKIP),
  );
  compare(
    byId(oldRs.gates),
    byId(newRs.gates),
    () => ({ subject: "gate", label: "分数门槛" }),
    fieldsOf((x) => x, CLAUSE_SKIP),
  );

  const side = (rs: RuleSetInput): DiffSide => ({
    id: rs.id,
    title: rs.title,
    edition: rs.edition ? { id: rs.edition.id, title: rs.edition.title } : null,
  });
  return { old: side(oldRs), new: side(newRs), categories, changes };
}
