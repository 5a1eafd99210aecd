/**
 * Empty sheets for a rule set, laid out as docs/sheets.md says the readers accept them: the
 * wide layout (one row per unit, one column per fact) or the long one (one row per finding).
 * Row 1 is the header; rows 2 and 3 are comment rows (first cell starting with `#`) giving each
 * column's kind, unit, range or options, and note; data goes from row 4. In XLSX, dropdowns and
 * number ranges guard rows 4–1000.
 */
import type { CompiledRuleSet } from "../../compile/compile.js";
import type { NodeInput } from "../../schema/ruleset.js";
import { visitClauses } from "../../schema/walk.js";
import type { Cell, Column } from "./cells.js";
import type { DataValidation, WorkbookSheet } from "./xlsx.js";

export type TemplateLayout = "wide" | "long";

export interface TemplateOptions {
  layout?: TemplateLayout;
  /** Only the facts this category's rules read (and its category in the 类别 dropdown). */
  category?: string;
  /** The last row the validations cover; default 1000. */
  lastRow?: number;
}

/** The first data row: after the header and the two comment rows. */
export const FIRST_DATA_ROW = 4;

/** The long layout's headers, in order (docs/sheets.md). */
export const LONG_HEADERS = [
  "单位",
  "事实",
  "种类",
  "项目",
  "数量",
  "金额",
  "对象",
  "人员",
  "日期",
  "完成日期",
  "备注",
] as const;

type FactDecl = CompiledRuleSet["source"]["facts"][number];
type Window = { from: string; to: string };

/** The facts a unit gives: declared, minus those the cohort computes (K5) and derived ones, for the category. */
function givenFacts(crs: CompiledRuleSet, category: string | undefined): FactDecl[] {
  const computed = crs.computedFacts;
  let keep: ReadonlySet<string> | null = null;
  if (category !== undefined) {
    const plan = crs.plans.get(category);
    if (!plan) throw new RangeError(`unknown category ${category}`);
    keep = plan.facts;
  }
  return crs.source.facts.filter(
    (f) => !computed.has(f.id) && !crs.derived.has(f.id) && (!keep || keep.has(f.id)),
  );
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The periods of a window: months YYYY-MM or quarters YYYY-Qn, in order. */
export function periodsOf(w: Window, period: "month" | "quarter"): string[] {
  const [fy, fm] = w.from.split("-").map(Number) as [number, number];
  const [ty, tm] = w.to.split("-").map(Number) as [number, number];
  const out: string[] = [];
  const step = period === "month" ? 1 : 3;
  // Months are counted from year 0; a quarter is written by its first month.
  const first = fy * 12 + (period === "month" ? fm - 1 : Math.floor((fm - 1) / 3) * 3);
  const last = ty * 12 + tm - 1;
  for (let k = first; k <= last; k += step) {
    const y = Math.floor(k / 12);
    const m = (k % 12) + 1;
    out.push(period === "month" ? `${y}-${pad(m)}` : `${y}-Q${(m + 2) / 3}`);
  }
  return out;
}

/**
 * The periods a series fact is filled for: those of the windows its target clauses count over
 * (the clause's node's window, else the rule set's). None when no clause gives a window.
 */
function seriesPeriods(crs: CompiledRuleSet, fact: string): string[] {
  const set = new Set<string>();
  const walk = (nodes: readonly NodeInput[], inherited: Window | undefined) => {
    for (const n of nodes) {
      const w = n.window ?? inherited;
      for (const c of n.clauses ?? []) {
        const t = c as { type?: string; fact?: string; period?: "month" | "quarter" };
        if (t.type === "target" && t.fact === fact && w && t.period)
          for (const p of periodsOf(w, t.period)) set.add(p);
      }
      walk(n.children ?? [], w);
    }
  };
  walk(crs.source.tree, crs.source.window);
  return [...set].sort();
}

/**
 * What the rules read from each finding of a findings fact besides the count: its 对象 (a cap per
 * subject or person), 日期 (deadlines, windows that refuse undated findings), 种类 (a clause
 * counting one kind, amounts by kind) or 项目 (shared items). A wide sheet gives none of these.
 */
function findingNeeds(crs: CompiledRuleSet, fact: string): string[] {
  const needs = new Set<string>();
  const strictWindow = (w: { undated?: string } | undefined) => w?.undated === "error";
  visitClauses(crs.source, ({ clause, owner }) => {
    const c = clause as {
      type?: string;
      fact?: string;
      kind?: string;
      perSubject?: { by?: string };
      amounts?: unknown;
    };
    if (c.fact !== fact) return;
    if (c.perSubject) needs.add(c.perSubject.by === "person" ? "人员" : "对象");
    if (c.type === "deadline") needs.add("日期");
    if (c.kind !== undefined || c.type === "tally") needs.add("种类");
    const w = owner.kind === "node" ? owner.node.window : undefined;
    if (strictWindow(w ?? crs.source.window)) needs.add("日期");
  });
  return ["对象", "人员", "日期", "种类"].filter((x) => needs.has(x));
}

const plain = (d: number | string | undefined) => (d === undefined ? undefined : String(d));

function range(f: FactDecl, lo?: string, hi?: string): string {
  const min = plain(f.min) ?? lo;
  const max = plain(f.max) ?? hi;
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `≥${min}`;
  if (max !== undefined) return `≤${max}`;
  return "";
}

/**
 * What to write in a fact's column — kind, range or options, unit, and what an empty cell means — as
 * the template's comment row says it, and as the HTTP service lists a rule set's facts.
 */
export function describeFact(crs: CompiledRuleSet, f: FactDecl): string {
  const unit = f.unit ?? "";
  const parts: string[] = [];
  switch (f.type) {
    case "boolean":
      parts.push("是/否");
      break;
    case "count":
      parts.push(`整数 ${range(f, "0")}${unit}`.trim());
      break;
    case "findings": {
      parts.push(`处数,整数 ≥0${unit ? `(${unit})` : ""}`);
      const needs = findingNeeds(crs, f.id);
      if (needs.length) parts.push(`规则要用每条问题的${needs.join("、")}:有问题时请用长表(问题)`);
      else if (f.kinds?.length) parts.push(`种类:${f.kinds.join("、")}(分种类请用长表)`);
      break;
    }
    case "rate":
      parts.push(
        f.scale === "fraction"
          ? `比率 ${range(f, "0", "1")}(如 0.875 或 87.5%)`
          : `百分比 ${range(f, "0", "100")}(如 87.5 或 87.5%)`,
      );
      break;
    case "choice":
      parts.push(`选项:${(f.options ?? []).join("、")}`);
      break;
    case "series":
      parts.push(`该期数值${unit ? `(${unit})` : ""}`);
      break;
    default:
      parts.push(`数值 ${range(f)}${unit}`.trim());
  }
  const missing = f.missing ?? crs.source.policy.missingFact;
  if (f.default !== undefined)
    parts.push(`不填按 ${typeof f.default === "boolean" ? (f.default ? "是" : "否") : f.default}`);
  else if (missing === "error") parts.push("必填");
  else if (missing === "zero") parts.push("不填按0");
  else parts.push("不填则不适用");
  return parts.join(";");
}

/** A fact's dropdown or number range, over the data rows of its column. */
function validation(f: FactDecl, col: number, lastRow: number): DataValidation | null {
  const base = { col, fromRow: FIRST_DATA_ROW, toRow: lastRow, prompt: f.label };
  const min = plain(f.min);
  const max = plain(f.max);
  switch (f.type) {
    case "boolean":
      return { ...base, type: "list", list: ["是", "否"] };
    case "choice":
      return f.options?.length ? { ...base, type: "list", list: f.options } : null;
    case "count":
    case "findings":
      return { ...base, type: "whole", min: min ?? "0", ...(max !== undefined ? { max } : {}) };
    case "rate":
      return {
        ...base,
        type: "decimal",
        min: min ?? "0",
        max: max ?? (f.scale === "fraction" ? "1" : "100"),
      };
    default:
      if (min === undefined && max === undefined) return null;
      return {
        ...base,
        type: "decimal",
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
      };
  }
}

const note = (s: string | undefined) => (s ? s.replace(/\s+/g, " ").trim() : "");

/**
 * The empty sheet of a rule set: the wide layout (sheet 单位) or the long one (sheet 问题).
 * Written as XLSX it carries the dropdowns and ranges; as CSV the same header and comment rows.
 */
export function templateSheet(crs: CompiledRuleSet, opts: TemplateOptions = {}): WorkbookSheet {
  const layout = opts.layout ?? "wide";
  const lastRow = opts.lastRow ?? 1000;
  if (opts.category !== undefined && !crs.categories?.includes(opts.category))
    throw new RangeError(
      crs.categories
        ? `规则集没有类别 "${opts.category}"(有:${crs.categories.join("、")})`
        : "规则集没有类别",
    );
  const facts = givenFacts(crs, opts.category);
  const categories = opts.category !== undefined ? [opts.category] : (crs.categories ?? []);
  const columns: Column[] = [];
  const fill: Cell[] = [];
  const notes: Cell[] = [];
  const validations: DataValidation[] = [];
  const add = (
    header: string,
    what: string,
    n: string,
    v?: Omit<DataValidation, "col">,
    width?: number,
  ) => {
    if (v) validations.push({ ...v, col: columns.length });
    columns.push(width !== undefined ? { header, width } : { header });
    fill.push(what || null);
    notes.push(n || null);
  };
  const rowsOf = { fromRow: FIRST_DATA_ROW, toRow: lastRow };
  const unitNote = "每行一个单位；以 # 开头的行是说明，读取时跳过";
  if (layout === "wide") {
    add("单位", "#填写:单位名称", `#说明:${unitNote}`, undefined, 20);
    if (categories.length)
      add("类别", `类别:${categories.join("、")}`, "", {
        ...rowsOf,
        type: "list",
        list: categories,
        prompt: "类别",
      });
    const missingSeries: string[] = [];
    for (const f of facts) {
      const what = describeFact(crs, f);
      const v = validation(f, 0, lastRow);
      if (f.type === "series") {
        const periods = seriesPeriods(crs, f.id);
        if (!periods.length) missingSeries.push(f.label);
        for (const p of periods) add(`${f.label}[${p}]`, what, note(f.note));
        continue;
      }
      add(f.label, what, note(f.note), v ?? undefined);
    }
    if (missingSeries.length)
      notes[0] = `${notes[0]}；${missingSeries.join("、")}按期填写：每期一列，列名写作 名称[YYYY-MM] 或 名称[YYYY-Qn]`;
  } else {
    const findings = facts.filter((f) => f.type === "findings");
    const kinds = [...new Set(findings.flatMap((f) => f.kinds ?? []))];
    add("单位", "#填写:单位名称", `#说明:每行一条问题；${unitNote}`, undefined, 20);
    add(
      "事实",
      `问题类别:${findings.map((f) => f.label).join("、")}`,
      "",
      findings.length
        ? { ...rowsOf, type: "list", list: findings.map((f) => f.label), prompt: "事实" }
        : undefined,
      40,
    );
    const kindsOf = findings
      .filter((f) => f.kinds?.length)
      .map((f) => `${f.label}:${(f.kinds ?? []).join("、")}`);
    add(
      "种类",
      kinds.length ? `种类:${kinds.join("、")}` : "不分种类",
      kindsOf.join(";"),
      kinds.length ? { ...rowsOf, type: "list", list: kinds, prompt: "种类" } : undefined,
      16,
    );
    add("项目", "项目名称(同一项目各单位写法一致)", "");
    add("数量", "整数 ≥1,不填按1", "", { ...rowsOf, type: "whole", min: "1" });
    add("金额", "数值", "由评分人员选定的扣分额(规则给出范围时)");
    add("对象", "下属单位", "按对象封顶时填写");
    add("人员", "人员", "按人封顶时填写");
    add("日期", "日期 YYYY-MM-DD", "发现或发生之日");
    add("完成日期", "日期 YYYY-MM-DD", "办结或更新之日");
    add("备注", "文字", "", undefined, 30);
  }
  return {
    name: layout === "wide" ? "单位" : "问题",
    columns,
    rows: [fill, notes],
    commentRows: 2,
    validations,
    textColumns: [0],
  };
}
