/**
 * From rows of cells to units: the wide layout (one row per unit) and the long layout (one row
 * per finding), as docs/sheets.md defines them, with every data row accounted for (used, skipped
 * or rejected, with its place and reason). Values are passed to the engine as written, so its
 * messages stay the same as for YAML; `locate` places them at their cell. Browser-safe.
 */
import type { CohortUnitInput } from "../cohort/types.js";
import type { CompiledRuleSet } from "../compile/compile.js";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import { type CFact, MAX_FINDINGS, resolveFact, unknownFactIssue } from "../evaluate/facts.js";
import { MAX_UNITS, normalizeUnitId, type ParsedUnits } from "../load/units.js";
import { colLetter, normCell, normDate } from "./cells.js";

/** How a data row of a sheet was taken. */
export interface RowSummary {
  /** Data rows read (after the header; trailing empty rows are not counted). */
  rowsRead: number;
  /** Rows that gave a unit or a finding. */
  rowsUsed: number;
  /** Comment rows (first cell starting with `#`) and empty rows. */
  rowsSkipped: number;
  /** Rows refused, each reported with its place and reason (and a row whose value the engine refuses). */
  rowsRejected: number;
}

/** Units read from sheets: what parseUnits gives, plus the row summary. */
export interface SheetUnits extends ParsedUnits {
  summary: RowSummary;
  locate: (unitId: string, i: KaoheIssue) => KaoheIssue;
}

/** One row of a sheet: its 1-based row number and its cells as text ("" for an empty cell). */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** A table to read: its rows (read once, in order, as they come) and how to name a place in it. */
export interface Grid {
  rows: Iterable<SheetRow>;
  /** The place of a cell (0-based column) or, with col null, of a whole row. */
  at(row: number, col: number | null): Partial<KaoheIssue>;
}

export type Layout = "wide" | "long";

/** A grid placed in a file: an XLSX sheet or a CSV file. */
export function gridAt(rows: Iterable<SheetRow>, file?: string, sheet?: string): Grid {
  return {
    rows,
    at: (row, col) => ({
      ...(file !== undefined ? { file } : {}),
      ...(sheet !== undefined ? { sheet } : {}),
      cell: `${col === null ? "A" : colLetter(col)}${row}`,
    }),
  };
}

const UNIT_HEADERS = new Set(["单位", "id", "单位名称", "unit"]);
const CATEGORY_HEADERS = new Set(["类别", "category"]);
const PARENT_HEADERS = new Set(["上级单位", "parent"]);
/** Long-layout headers: Chinese and id forms. */
export const LONG_FIELDS: ReadonlyMap<string, string> = new Map([
  ["单位", "unit"],
  ["unit", "unit"],
  ["id", "unit"],
  ["事实", "fact"],
  ["fact", "fact"],
  ["种类", "kind"],
  ["kind", "kind"],
  ["项目", "item"],
  ["item", "item"],
  ["数量", "count"],
  ["count", "count"],
  ["金额", "amount"],
  ["amount", "amount"],
  ["对象", "subject"],
  ["subject", "subject"],
  ["人员", "person"],
  ["person", "person"],
  ["日期", "date"],
  ["date", "date"],
  ["完成日期", "done"],
  ["done", "done"],
  ["备注", "note"],
  ["note", "note"],
  ["标签", "tags"],
  ["tags", "tags"],
  ["期间", "period"],
  ["period", "period"],
  ["编号", "id"],
  ["所涉编号", "of"],
  ["of", "of"],
]);

const SERIES_RE = /^(.*?)\s*[[［【]\s*(\d{4}-(?:0[1-9]|1[0-2]|Q[1-4]))\s*[\]］】]$/;

/** The layout a header row says: a `事实`/`fact` column means long. */
export function detectLayout(header: readonly string[]): Layout {
  return header.some((h) => {
    const k = normCell(h).toLowerCase();
    return k === "事实" || k === "fact";
  })
    ? "long"
    : "wide";
}

/** Finds facts by label or id, as a header or a long row's 事实 cell names them. */
export function factFinder(crs: CompiledRuleSet): (name: string) => CFact | undefined {
  const byId = crs.facts;
  const byLabel = new Map<string, CFact>();
  for (const f of crs.facts.values()) {
    const l = normCell(f.label);
    if (!byLabel.has(l)) byLabel.set(l, f);
  }
  return (name) => {
    const k = normCell(name);
    return byId.get(k) ?? byLabel.get(k);
  };
}

/** The first non-empty row is the header; the rows before it are not data. */
function splitHeader(grid: Grid): { header: SheetRow | null; data: Iterable<SheetRow> } {
  const it = grid.rows[Symbol.iterator]();
  for (let n = it.next(); !n.done; n = it.next())
    if (!isEmpty(n.value.cells)) return { header: n.value, data: { [Symbol.iterator]: () => it } };
  return { header: null, data: [] };
}

/**
 * The first element of a sequence given once (a stream) that passes `isFirst`, and the whole
 * sequence again from the start: the elements read to find it are kept and given first.
 */
export function peekFirst<T>(
  src: Iterable<T>,
  isFirst: (x: T) => boolean,
): { first: T | undefined; all: Iterable<T> } {
  const it = src[Symbol.iterator]();
  const seen: T[] = [];
  let first: T | undefined;
  for (let n = it.next(); !n.done; n = it.next()) {
    seen.push(n.value);
    if (isFirst(n.value)) {
      first = n.value;
      break;
    }
  }
  return {
    first,
    all: (function* () {
      yield* seen;
      seen.length = 0;
      for (let n = it.next(); !n.done; n = it.next()) yield n.value;
    })(),
  };
}

/** The header (first non-empty row) of rows given once, and the rows from the start. */
export function peekHeader(rows: Iterable<SheetRow>): {
  header: SheetRow | null;
  rows: Iterable<SheetRow>;
} {
  const { first, all } = peekFirst(rows, (r) => !isEmpty(r.cells));
  return { header: first ?? null, rows: all };
}

function isEmpty(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== "") return false;
  return true;
}

/** An empty row or a comment row (its first cell starts with `#`): counted, and not read. */
function skipped(cells: readonly string[], count: Counter): boolean {
  if (isEmpty(cells)) {
    count.empty();
    return true;
  }
  if ((cells.find((c) => c.trim() !== "") ?? "").trim().startsWith("#")) {
    count.skipped();
    return true;
  }
  return false;
}

/** Counts rows; empty rows count only when a later row is not empty (trailing ones do not). */
class Counter {
  s: RowSummary = { rowsRead: 0, rowsUsed: 0, rowsSkipped: 0, rowsRejected: 0 };
  private empties = 0;
  empty(): void {
    this.empties++;
  }
  private flush(): void {
    this.s.rowsRead += this.empties;
    this.s.rowsSkipped += this.empties;
    this.empties = 0;
  }
  used(): void {
    this.flush();
    this.s.rowsRead++;
    this.s.rowsUsed++;
  }
  skipped(): void {
    this.flush();
    this.s.rowsRead++;
    this.s.rowsSkipped++;
  }
  rejected(): void {
    this.flush();
    this.s.rowsRead++;
    this.s.rowsRejected++;
  }
  /** A row read now and judged later (a long row, once its unit is known). */
  read(): void {
    this.flush();
    this.s.rowsRead++;
  }
  judged(used: boolean): void {
    if (used) this.s.rowsUsed++;
    else this.s.rowsRejected++;
  }
}

/** Where a wide sheet's values are: the columns, shared by every unit of the sheet. */
interface WideColumns {
  grid: Grid;
  unitCol: number;
  categoryCol?: number;
  parentCol?: number;
  /** fact id (and `\u0000period` for a series column) → column */
  cols: Map<string, number>;
  /** A series' period columns, in column order: fact id → periods. */
  periods: Map<string, string[]>;
}

/** Where one wide unit is: its row, and its facts (to tell which cells it filled). */
interface WidePlace {
  row: number;
  facts: Record<string, unknown>;
}

/** A read of one wide sheet, before it is combined with other sources. */
export interface WideSource {
  kind: "wide";
  units: CohortUnitInput[];
  issues: KaoheIssue[];
  summary: RowSummary;
  locate: (unitId: string, i: KaoheIssue) => KaoheIssue;
}

/** A read of one long sheet: findings by unit and fact, each with its place. */
export interface LongSource {
  kind: "long";
  records: LongRecord[];
  issues: KaoheIssue[];
  summary: RowSummary;
  counter: Counter;
}

interface LongRecord {
  unit: string;
  fact: string;
  finding: Record<string, unknown>;
  row: number;
  /** The place of a row of its sheet, and of each field's cell (shared by the sheet's records). */
  at: (row: number, field: string | null) => Partial<KaoheIssue>;
  /** Whether the engine is expected to refuse this finding (counted rejected, not used). */
  bad: boolean;
}

export type Source = WideSource | LongSource;

/** Reads a wide sheet: one unit per row. */
export function readWide(grid: Grid, crs: CompiledRuleSet): WideSource {
  const issues: KaoheIssue[] = [];
  const count = new Counter();
  const units: CohortUnitInput[] = [];
  const places = new Map<string, WidePlace>();
  let columns: WideColumns | undefined;
  const out = (): WideSource => ({
    kind: "wide",
    units,
    issues,
    summary: count.s,
    locate: (unitId, i) => locateWide(columns, places.get(unitId), i),
  });
  const { header, data } = splitHeader(grid);
  if (!header) return out();
  const find = factFinder(crs);
  let unitCol = -1;
  let categoryCol: number | undefined;
  let parentCol: number | undefined;
  // column → [fact, period?]
  const factCols = new Map<number, { f: CFact; period?: string }>();
  const seen = new Map<string, number>();
  const headerIssue = (col: number, i: KaoheIssue) =>
    issues.push({ ...i, ...grid.at(header.row, col) });
  const unheaded = new Set<number>();
  header.cells.forEach((raw, col) => {
    const h = normCell(raw);
    if (h === "") {
      unheaded.add(col);
      return;
    }
    const lower = h.toLowerCase();
    const claim = (key: string, what: string): boolean => {
      const first = seen.get(key);
      if (first !== undefined) {
        headerIssue(
          col,
          issue("S_HEADER", [], { detail: `${what} 与 ${colLetter(first)} 列重复,此列不用` }),
        );
        return false;
      }
      seen.set(key, col);
      return true;
    };
    if (UNIT_HEADERS.has(lower)) {
      if (claim("\u0001unit", `"${h}"`)) unitCol = col;
      return;
    }
    if (CATEGORY_HEADERS.has(lower)) {
      if (claim("\u0001category", `"${h}"`)) categoryCol = col;
      return;
    }
    if (PARENT_HEADERS.has(lower)) {
      if (claim("\u0001parent", `"${h}"`)) parentCol = col;
      return;
    }
    let f = find(h);
    let period: string | undefined;
    if (!f) {
      const m = SERIES_RE.exec(h);
      if (m) {
        f = find(m[1] as string);
        period = m[2] as string;
        if (f && f.type !== "series") {
          headerIssue(
            col,
            issue("S_HEADER", [], {
              detail: `"${h}":事实 ${f.id} 不是按期间填写的事实,不能带 [${period}],此列不用`,
            }),
          );
          return;
        }
      }
    }
    if (!f) {
      headerIssue(col, unknownFactIssue(crs.facts, h, []));
      return;
    }
    if (f.type === "series" && period === undefined) {
      headerIssue(
        col,
        issue("S_HEADER", [], {
          detail: `"${h}" 是按期间填写的事实,每个期间一列,表头写成 ${h}[YYYY-MM] 或 ${h}[YYYY-Qn]`,
        }),
      );
      return;
    }
    if (!claim(period === undefined ? f.id : `${f.id}\u0000${period}`, `"${h}"`)) return;
    factCols.set(col, period === undefined ? { f } : { f, period });
  });
  if (unitCol < 0) {
    issues.push({
      ...issue("S_HEADER", [], { detail: "没有“单位”(或 id)列,本表不能读取" }),
      ...grid.at(header.row, null),
    });
    for (const r of data)
      if (isEmpty(r.cells)) count.empty();
      else count.rejected();
    return out();
  }
  const cols = new Map<string, number>();
  const periods = new Map<string, string[]>();
  for (const [col, { f, period }] of factCols)
    if (period === undefined) cols.set(f.id, col);
    else {
      cols.set(`${f.id}\u0000${period}`, col);
      periods.set(f.id, [...(periods.get(f.id) ?? []), period]);
    }
  columns = {
    grid,
    unitCol,
    cols,
    periods,
    ...(categoryCol !== undefined ? { categoryCol } : {}),
    ...(parentCol !== undefined ? { parentCol } : {}),
  };
  const firstRow = new Map<string, { row: number; raw: string }>();
  const reportedUnheaded = new Set<number>();
  for (const r of data) {
    const cells = r.cells;
    if (skipped(cells, count)) continue;
    for (const col of unheaded)
      if (!reportedUnheaded.has(col) && (cells[col] ?? "").trim() !== "") {
        reportedUnheaded.add(col);
        issues.push({
          ...issue("S_HEADER", [], { detail: `${colLetter(col)} 列有内容却没有表头,此列不用` }),
          ...grid.at(header.row, col),
        });
      }
    const rawId = cells[unitCol] ?? "";
    const id = normalizeUnitId(normCell(rawId));
    if (id === "") {
      issues.push({
        ...issue("S_ROW", [], { detail: "没有填写单位名称" }),
        ...grid.at(r.row, unitCol),
      });
      count.rejected();
      continue;
    }
    const first = firstRow.get(id);
    if (first) {
      issues.push({
        ...issue("F_DUPLICATE_UNIT_AT", [], {
          id,
          first: `第${first.row}行`,
          detail:
            first.raw !== rawId
              ? `,写法不同但去掉不可见字符、统一字形后相同:${JSON.stringify(first.raw)} 与 ${JSON.stringify(rawId)}`
              : "",
        }),
        ...grid.at(r.row, unitCol),
        unit: id,
      });
      // Passed on bare, like parseUnits does: the cohort then scores no copy of the unit.
      units.push({ id, facts: {} });
      count.rejected();
      continue;
    }
    firstRow.set(id, { row: r.row, raw: rawId });
    const facts: Record<string, unknown> = {};
    const has = new Set<string>();
    for (const [col, { f, period }] of factCols) {
      const v = cells[col] ?? "";
      if (v.trim() === "") continue; // empty: not given, never 0
      has.add(f.id);
      if (period !== undefined) {
        let s = facts[f.id] as Record<string, string> | undefined;
        if (!s) {
          s = {};
          facts[f.id] = s;
        }
        s[period] = v;
      } else facts[f.id] = v;
    }
    const cat = categoryCol !== undefined ? normCell(cells[categoryCol] ?? "") : "";
    const parent = parentCol !== undefined ? normalizeUnitId(normCell(cells[parentCol] ?? "")) : "";
    // In the order parseUnits gives: id, category, facts, parent.
    units.push({
      id,
      ...(cat !== "" ? { category: cat } : {}),
      facts,
      ...(parent !== "" ? { parent } : {}),
    });
    places.set(id, { row: r.row, facts });
    // A value the engine will refuse makes the row rejected (the engine says why, at the cell).
    let bad = false;
    for (const fid of has) {
      const f = crs.facts.get(fid) as CFact;
      const errs: KaoheIssue[] = [];
      resolveFact(f, facts[fid], true, [], errs);
      if (errs.length) bad = true;
    }
    if (bad) count.rejected();
    else count.used();
  }
  return out();
}

function locateWide(
  w: WideColumns | undefined,
  p: WidePlace | undefined,
  i: KaoheIssue,
): KaoheIssue {
  if (!w || !p || i.cell !== undefined || i.line !== undefined) return i;
  const [a, b, c] = i.path;
  let col: number | undefined;
  if (a === "facts" && typeof b === "string" && Object.hasOwn(p.facts, b)) {
    // The cell the unit filled: the period's, or the fact's, or the last period it gave.
    const series = w.periods.get(b);
    const filled = p.facts[b] as Record<string, unknown>;
    if (!series) col = w.cols.get(b);
    else if (c !== undefined && Object.hasOwn(filled, String(c)))
      col = w.cols.get(`${b}\u0000${String(c)}`);
    else
      for (const period of series)
        if (Object.hasOwn(filled, period)) col = w.cols.get(`${b}\u0000${period}`);
  } else if (a === "category") col = w.categoryCol;
  else if (a === "parent") col = w.parentCol;
  return { ...i, ...w.grid.at(p.row, col ?? w.unitCol) };
}

/** Reads a long sheet: one finding per row. */
export function readLong(grid: Grid, crs: CompiledRuleSet): LongSource {
  const issues: KaoheIssue[] = [];
  const count = new Counter();
  const records: LongRecord[] = [];
  const out = (): LongSource => ({
    kind: "long",
    records,
    issues,
    summary: count.s,
    counter: count,
  });
  const { header, data } = splitHeader(grid);
  if (!header) return out();
  const fieldCol = new Map<string, number>();
  header.cells.forEach((raw, col) => {
    const h = normCell(raw);
    if (h === "") return;
    const field = LONG_FIELDS.get(h.toLowerCase());
    if (!field) {
      issues.push({
        ...issue("S_HEADER", [], {
          detail: `问题清单(长表)没有 "${h}" 这一列;可用的列:单位、事实、种类、项目、数量、金额、对象、人员、日期、完成日期、备注、标签。此列不用`,
        }),
        ...grid.at(header.row, col),
      });
      return;
    }
    const first = fieldCol.get(field);
    if (first !== undefined) {
      issues.push({
        ...issue("S_HEADER", [], { detail: `"${h}" 与 ${colLetter(first)} 列重复,此列不用` }),
        ...grid.at(header.row, col),
      });
      return;
    }
    fieldCol.set(field, col);
  });
  const unitCol = fieldCol.get("unit");
  const factCol = fieldCol.get("fact");
  if (unitCol === undefined || factCol === undefined) {
    issues.push({
      ...issue("S_HEADER", [], {
        detail: `问题清单(长表)须有${unitCol === undefined ? "“单位”" : ""}${unitCol === undefined && factCol === undefined ? "和" : ""}${factCol === undefined ? "“事实”" : ""}列,本表不能读取`,
      }),
      ...grid.at(header.row, null),
    });
    for (const r of data)
      if (isEmpty(r.cells)) count.empty();
      else count.rejected();
    return out();
  }
  const find = factFinder(crs);
  const at = (row: number, field: string | null) =>
    grid.at(row, field === null ? null : (fieldCol.get(field) ?? unitCol));
  for (const r of data) {
    const cells = r.cells;
    if (skipped(cells, count)) continue;
    const reject = (field: string | null, i: KaoheIssue) => {
      issues.push({ ...i, ...at(r.row, field) });
      count.rejected();
    };
    const get = (field: string) => {
      const col = fieldCol.get(field);
      return col === undefined ? "" : (cells[col] ?? "");
    };
    const unit = normalizeUnitId(normCell(get("unit")));
    if (unit === "") {
      reject("unit", issue("S_ROW", [], { detail: "没有填写单位名称" }));
      continue;
    }
    const factName = normCell(get("fact"));
    if (factName === "") {
      reject("fact", issue("S_ROW", [], { detail: "没有填写事实(问题属于哪一项)" }));
      continue;
    }
    const f = find(factName);
    if (!f) {
      reject("fact", { ...unknownFactIssue(crs.facts, factName, []), unit });
      continue;
    }
    if (f.type !== "findings") {
      reject(
        "fact",
        issue("S_ROW", [], {
          detail: `事实 ${f.id} 不是问题清单,不能逐条填写;请在单位表(宽表)中填写它的值`,
        }),
      );
      continue;
    }
    const finding: Record<string, unknown> = {};
    for (const k of ["kind", "item", "subject", "person", "note", "period", "id", "of"] as const) {
      const v = normCell(get(k));
      if (v !== "") finding[k] = v;
    }
    for (const k of ["date", "done"] as const) {
      const v = normCell(get(k));
      if (v !== "") finding[k] = normDate(v);
    }
    const amount = normCell(get("amount"));
    if (amount !== "") finding.amount = amount;
    const tags = get("tags")
      .split(/[、;；,，]/)
      .map((t) => normCell(t))
      .filter((t) => t !== "");
    if (tags.length) finding.tags = tags;
    const countText = normCell(get("count"));
    if (countText !== "") {
      const n = /^\d{1,7}$/.test(countText) ? Number(countText) : Number.NaN;
      // A count that is not a whole number is passed as written: the engine refuses the unit.
      // 0 is a period's row with none (栏目 × 月); elsewhere a count is at least 1.
      const least = finding.period !== undefined ? 0 : 1;
      finding.count = n >= least && n <= MAX_FINDINGS ? n : countText;
    }
    const errs: KaoheIssue[] = [];
    resolveFact(f, [finding], true, [], errs);
    const bad = errs.length > 0;
    count.read();
    records.push({ unit, fact: f.id, finding, row: r.row, at, bad });
  }
  return out();
}

/**
 * Combines the sources of one run — wide sheets (or YAML/JSON facts files) and long sheets — into
 * units. A long source alone creates its units in order of appearance; beside wide sources, a long
 * row for a unit they do not list is rejected (S_UNKNOWN_UNIT), and so is a finding for a fact a
 * wide row already gave a count for.
 */
export function combine(sources: readonly Source[]): SheetUnits {
  const units: CohortUnitInput[] = [];
  const issues: KaoheIssue[] = [];
  const summary: RowSummary = { rowsRead: 0, rowsUsed: 0, rowsSkipped: 0, rowsRejected: 0 };
  const owner = new Map<string, WideSource>();
  const byId = new Map<string, CohortUnitInput>();
  const wides = sources.filter((s): s is WideSource => s.kind === "wide");
  for (const w of wides) {
    issues.push(...w.issues);
    for (const u of w.units) {
      units.push(u);
      if (!owner.has(u.id)) {
        owner.set(u.id, w);
        byId.set(u.id, u);
      }
    }
  }
  // unit → fact → the records of its findings, in order
  const longAt = new Map<string, Map<string, LongRecord[]>>();
  for (const s of sources) {
    if (s.kind === "wide") {
      add(summary, s.summary);
      continue;
    }
    issues.push(...s.issues);
    const c = s.counter;
    for (const rec of s.records) {
      let u = byId.get(rec.unit);
      if (!u) {
        if (wides.length) {
          issues.push({
            ...issue("S_UNKNOWN_UNIT", [], { unit: rec.unit }),
            ...rec.at(rec.row, "unit"),
          });
          c.judged(false);
          continue;
        }
        u = { id: rec.unit, facts: {} };
        units.push(u);
        byId.set(rec.unit, u);
      }
      // A fact the unit's wide row gave (not one an earlier long row added).
      const facts = u.facts as Record<string, unknown>;
      if (
        owner.has(rec.unit) &&
        facts !== null &&
        typeof facts === "object" &&
        Object.hasOwn(facts, rec.fact) &&
        !longAt.get(rec.unit)?.has(rec.fact)
      ) {
        issues.push({
          ...issue("S_ROW", [], {
            detail: `单位表(宽表)已为该单位填写了 ${rec.fact} 的数量;同一事实只能在一处填写`,
          }),
          ...rec.at(rec.row, "fact"),
          unit: rec.unit,
        });
        c.judged(false);
        continue;
      }
      const list = (facts[rec.fact] as Record<string, unknown>[] | undefined) ?? [];
      facts[rec.fact] = list;
      list.push(rec.finding);
      let perFact = longAt.get(rec.unit);
      if (!perFact) {
        perFact = new Map();
        longAt.set(rec.unit, perFact);
      }
      const recs = perFact.get(rec.fact) ?? [];
      perFact.set(rec.fact, recs);
      recs.push(rec);
      c.judged(!rec.bad);
    }
    add(summary, c.s);
  }
  const locate = (unitId: string, i: KaoheIssue): KaoheIssue => {
    if (i.cell !== undefined || i.line !== undefined) return i;
    const [a, b, k, field] = i.path as PathSegment[];
    const recs = a === "facts" && typeof b === "string" ? longAt.get(unitId)?.get(b) : undefined;
    if (recs) {
      const rec = typeof k === "number" ? recs[k] : recs[0];
      if (rec)
        return {
          ...i,
          ...rec.at(
            rec.row,
            typeof field === "string" ? field : typeof k === "number" ? null : "fact",
          ),
        };
    }
    const w = owner.get(unitId);
    if (w) return w.locate(unitId, i);
    // A unit made by a long sheet alone: its first row.
    const first = longAt.get(unitId)?.values().next().value?.[0];
    return first ? { ...i, ...first.at(first.row, "unit") } : i;
  };
  // One bound for every run, whatever the files: a cohort of more units is refused whole.
  if (units.length > MAX_UNITS)
    return {
      units: [],
      issues: [
        ...issues,
        issue("F_BAD_UNITS", [], {
          detail: `所有事实文件合计 ${units.length} 个单位,超过一次评分的上限 ${MAX_UNITS} 个`,
        }),
      ],
      summary,
      locate,
    };
  return { units, issues, summary, locate };
}

function add(to: RowSummary, s: RowSummary): void {
  to.rowsRead += s.rowsRead;
  to.rowsUsed += s.rowsUsed;
  to.rowsSkipped += s.rowsSkipped;
  to.rowsRejected += s.rowsRejected;
}

/** A facts file (YAML, JSON) taken as a wide source, so that a long sheet can add its findings. */
export function unitsAsSource(p: ParsedUnits): WideSource {
  return {
    kind: "wide",
    units: p.units,
    issues: p.issues,
    summary: { rowsRead: 0, rowsUsed: 0, rowsSkipped: 0, rowsRejected: 0 },
    locate: p.locate ?? ((_, i) => i),
  };
}
