/**
 * The 考核内容明细表 as data, built from a rule set: one row per indicator below the 一级指标, its
 * points (per unit category where they differ) and its scoring standard in the source's own words
 * (the `text` of the node and of its clauses, as the rule file carries them), and the special
 * items — 特别加分/减分项, 一票否决/直接归零, 门槛 — after the table. Every format (Markdown,
 * HTML, XLSX, DOCX) renders this model, so they cannot disagree. Browser-safe.
 */
import { toDecimal } from "../../decimal.js";
import type {
  AdjustmentInput,
  ClauseInput,
  GateInput,
  NodeInput,
  OverrideInput,
  RuleSetInput,
} from "../../schema/ruleset.js";
import { appliesTo, nodePoints, ruleSetPoints } from "../../schema/walk.js";

/** One row of the table: an indicator below its 一级指标 (or the 一级指标's own standard). */
export interface RulesTableRow {
  /** The 二级指标 (or deeper) title; "" for the 一级指标's own row. */
  indicator: string;
  /** Depth below the 一级指标: 0 for its own row, 1 for a 二级指标, 2 for a 三级指标… */
  depth: number;
  /**
   * 分值: "2", or per category "各乡(镇):1;区直部门:1.5"; "" when not stated on this row, or 0 (an
   * item of a 积分 system, which adds or deducts from nothing).
   */
  points: string;
  /** Which categories it is for, when not all: "仅适用于:26个城中区" / "不适用于:…"; else "". */
  scope: string;
  /** 评分标准: the texts of the node and its clauses, in the source's words, each once. */
  standard: string[];
}

/** A 一级指标 with its rows (merged cells in HTML, XLSX and DOCX). */
export interface RulesTableGroup {
  /** The 一级指标's title. */
  title: string;
  /** Its points, as `RulesTableRow.points`. */
  points: string;
  /** Which categories it is for, when not all. */
  scope: string;
  /** At least one row. */
  rows: RulesTableRow[];
}

/** One line of a special item: what it does and its words. */
export interface RulesTableSpecialLine {
  /** What it does, in short: "每次扣2分", "总分记为0分,定为不合格"; "" when unstated. */
  effect: string;
  /** Its text in the source's words (with "〔仅适用于:…〕" before it when not for all). */
  text: string;
}

/** One special item after the table: an adjustment with its clauses, a veto, a gate. */
export interface RulesTableSpecial {
  /** The item's title (the adjustment's), or "" for a veto or gate (its text says it). */
  title: string;
  /** The item's own bounds: "本项最多加2分"; "" when none. */
  effect: string;
  /** The item's own text, when it has one besides its clauses'. */
  text: string;
  lines: RulesTableSpecialLine[];
}

/** A section of special items: 特别加分项, 特别减分项, 一票否决/直接归零, 门槛. */
export interface RulesTableSection {
  heading: string;
  items: RulesTableSpecial[];
}

/** The 明细表 of a rule set. */
export interface RulesTable {
  /** The assessment's name (the rule set's title), followed by 考核内容明细表. */
  title: string;
  /** The lines under the title: 依据 (documents), 分值 edition, the category shown. */
  subtitle: string[];
  /** The column headers: 一级指标, 二级指标, 分值, 评分标准. */
  columns: readonly [string, string, string, string];
  groups: RulesTableGroup[];
  /** 满分 line: "满分100分" (per category where it differs); "" for a 积分 system (no 满分, 0). */
  total: string;
  sections: RulesTableSection[];
  /** Notes after everything: the categories' own words. */
  notes: string[];
}

/** Options: the category to render the table for (its indicators and points only). */
export interface RulesTableOptions {
  /** A category id of the rule set: only its indicators, with its points. */
  category?: string;
}

export const COLUMNS = ["一级指标", "二级指标", "分值", "评分标准"] as const;

const dec = (v: number | string) => toDecimal(v).toFixed();

/** The unit of a clause's measure (分, 元…). */
function unitOf(rs: RuleSetInput, c: ClauseInput): string {
  const m = c.measure !== undefined ? rs.measures?.find((x) => x.id === c.measure) : undefined;
  return m?.unit ?? rs.measures?.[0]?.unit ?? "分";
}

/** A clause's effect in short, from its amounts (for the special items only). */
export function clauseEffect(rs: RuleSetInput, c: ClauseInput): string {
  const u = unitOf(rs, c);
  const verb = "effect" in c && c.effect === "add" ? "加" : "扣";
  const cap = "cap" in c && c.cap !== undefined ? `,最多${verb}${dec(c.cap)}${u}` : "";
  switch (c.type) {
    case "fixed":
      return `${verb}${dec(c.amount)}${u}`;
    case "per":
      return `每${c.noun ?? "处"}${verb}${dec(c.each)}${u}${cap}`;
    case "tally":
      return (
        Object.entries(c.amounts)
          .map(([k, v]) => `${k}${verb}${dec(v)}${u}`)
          .join("、") + cap
      );
    case "override":
      return overrideEffect(c);
    default:
      return "";
  }
}

function overrideEffect(c: OverrideInput): string {
  const parts: string[] = [];
  if (c.amount !== undefined) parts.push(`扣${dec(c.amount)}分`);
  if (c.total !== undefined)
    parts.push(
      c.totalMode === "at-most" ? `总分不高于${dec(c.total)}分` : `总分记为${dec(c.total)}分`,
    );
  else if (c.stop) parts.push("停止评分");
  if (c.grade !== undefined)
    parts.push(c.gradeScope === "node" ? `该项定为${c.grade}` : `定为${c.grade}`);
  return parts.join(",");
}

function gateEffect(g: GateInput): string {
  const parts: string[] = [];
  if (g.grade !== undefined) parts.push(`定为${g.grade}`);
  if (g.opens === "bonus") parts.push("进入加分环节");
  if (g.stop) parts.push("停止评分");
  return parts.join(",");
}

/** Texts each once, in order, leaving out empty ones and those equal to `skip`. */
function distinct(texts: (string | undefined)[], skip?: string): string[] {
  const out: string[] = [];
  for (const t of texts) {
    if (t === undefined || t === "" || t === skip || out.includes(t)) continue;
    out.push(t);
  }
  return out;
}

/** Builds the 明细表 of a rule set (composed: a template with its parameters). */
export function buildRulesTable(rs: RuleSetInput, opts: RulesTableOptions = {}): RulesTable {
  const cats = rs.categories ?? [];
  const only = opts.category;
  if (only !== undefined && !cats.some((c) => c.id === only))
    throw new RangeError(
      cats.length
        ? `规则集没有类别 "${only}";有:${cats.map((c) => c.id).join("、")}`
        : "规则集没有类别",
    );
  const shown = only !== undefined ? cats.filter((c) => c.id === only) : cats;
  const label = (id: string) => cats.find((c) => c.id === id)?.label ?? id;

  /** The categories (shown) a node or clause applies to; null when the rule set has none. */
  const applying = (x: { only?: string[]; except?: string[] }): string[] | null =>
    shown.length ? shown.filter((c) => appliesTo(x, c.id)).map((c) => c.id) : null;

  const scopeOf = (ids: string[] | null, parentIds: string[] | null): string => {
    if (ids === null || only !== undefined) return "";
    const base = parentIds ?? shown.map((c) => c.id);
    if (ids.length === base.length) return "";
    const out = base.filter((c) => !ids.includes(c));
    return ids.length <= out.length
      ? `仅适用于:${ids.map(label).join("、")}`
      : `不适用于:${out.map(label).join("、")}`;
  };

  /** Points per applying category, merged when equal. */
  const pointsOf = (n: NodeInput, ids: string[] | null): string => {
    const shown = (v: string) => (v === "0" ? "" : v);
    if (ids === null) return shown(nodePoints(n, null).toFixed());
    const by = ids.map((c) => [c, nodePoints(n, c).toFixed()] as const);
    const values = [...new Set(by.map(([, v]) => v))];
    if (values.length <= 1) return shown(values[0] ?? "");
    return by.map(([c, v]) => `${label(c)}:${v}`).join(";");
  };

  /** The standard of a node: its own text, then its clauses'. */
  const standardOf = (n: NodeInput, ids: string[] | null): string[] => {
    const texts: (string | undefined)[] = [n.text];
    for (const c of n.clauses ?? []) {
      const cIds = applying(c);
      if (cIds !== null && !cIds.length) continue;
      // A clause for some categories only: say which, unless a sibling with the same words
      // covers the rest (the same line in two tables).
      const same = (n.clauses ?? []).filter((x) => x.text === c.text);
      const covered = new Set(same.flatMap((x) => applying(x) ?? []));
      const scope =
        cIds === null || covered.size === (ids ?? []).length
          ? ""
          : scopeOf(
              (ids ?? []).filter((x) => covered.has(x)),
              ids,
            );
      texts.push(scope ? `〔${scope}〕${c.text}` : c.text);
    }
    return distinct(texts, n.title);
  };

  const groups: RulesTableGroup[] = [];
  for (const top of rs.tree) {
    const ids = applying(top);
    if (ids !== null && !ids.length) continue;
    const group: RulesTableGroup = {
      title: top.title,
      points: pointsOf(top, ids),
      scope: scopeOf(ids, null),
      rows: [],
    };
    const own = standardOf(top, ids);
    if (own.length || !top.children?.length)
      group.rows.push({
        indicator: "",
        depth: 0,
        points: top.children?.length ? "" : group.points,
        scope: "",
        standard: own,
      });
    const walk = (nodes: NodeInput[], depth: number, parentIds: string[] | null) => {
      for (const n of nodes) {
        const nIds = applying(n);
        if (nIds !== null && !nIds.length) continue;
        group.rows.push({
          indicator: n.title,
          depth,
          points: pointsOf(n, nIds),
          scope: scopeOf(nIds, parentIds),
          standard: standardOf(n, nIds),
        });
        if (n.children) walk(n.children, depth + 1, nIds);
      }
    };
    walk(top.children ?? [], 1, ids);
    groups.push(group);
  }

  const sections = specialSections(rs, applying, scopeOf);
  const totals = shown.length
    ? shown.map((c) => [c.id, ruleSetPoints(rs, c.id).toFixed()] as const)
    : [["", ruleSetPoints(rs, null).toFixed()] as const];
  const distinctTotals = [...new Set(totals.map(([, v]) => v))];
  const total =
    distinctTotals.length === 1
      ? distinctTotals[0] === "0"
        ? ""
        : `满分${distinctTotals[0]}分`
      : `满分:${totals.map(([c, v]) => `${label(c)}${v}分`).join(";")}`;

  const subtitle: string[] = [];
  const docs = rs.documents.map((d) => {
    const extra = [d.issuer, d.number, d.date].filter((x) => x !== undefined && x !== "");
    return `《${d.title}》${extra.length ? `(${extra.join(",")})` : ""}`;
  });
  subtitle.push(`依据:${docs.join("、")}`);
  if (rs.edition)
    subtitle.push(
      `分值:${rs.edition.title}${rs.edition.official || /非官方|非正式/.test(rs.edition.title) ? "" : "(非正式)"}`,
    );
  if (only !== undefined) subtitle.push(`适用于:${label(only)}`);

  const notes = only !== undefined ? [] : distinct(cats.map((c) => c.text));
  return {
    title: `${rs.title}考核内容明细表`.replace(/考核考核内容明细表$/, "考核内容明细表"),
    subtitle,
    columns: COLUMNS,
    groups,
    total,
    sections,
    notes,
  };
}

function specialSections(
  rs: RuleSetInput,
  applying: (x: { only?: string[]; except?: string[] }) => string[] | null,
  scopeOf: (ids: string[] | null, parent: string[] | null) => string,
): RulesTableSection[] {
  const bonus: RulesTableSpecial[] = [];
  const penalty: RulesTableSpecial[] = [];
  for (const a of rs.adjustments ?? []) {
    const item = adjustmentItem(rs, a, applying, scopeOf);
    if (item === null) continue;
    const adds = a.clauses.every((c) => "effect" in c && c.effect === "add");
    (adds ? bonus : penalty).push(item);
  }
  const vetoes: RulesTableSpecial[] = [];
  for (const v of rs.vetoes ?? []) {
    const ids = applying(v);
    if (ids !== null && !ids.length) continue;
    const scope = scopeOf(ids, null);
    vetoes.push({
      title: "",
      effect: "",
      text: "",
      lines: [{ effect: overrideEffect(v), text: scope ? `〔${scope}〕${v.text}` : v.text }],
    });
  }
  const gates = (rs.gates ?? []).map(
    (g): RulesTableSpecial => ({
      title: "",
      effect: "",
      text: "",
      lines: [{ effect: gateEffect(g), text: g.text }],
    }),
  );
  const sections: RulesTableSection[] = [];
  if (penalty.length) sections.push({ heading: "特别减分项", items: penalty });
  if (bonus.length) sections.push({ heading: "特别加分项", items: bonus });
  if (vetoes.length) sections.push({ heading: "一票否决、直接归零项", items: vetoes });
  if (gates.length) sections.push({ heading: "分数门槛", items: gates });
  return sections;
}

function adjustmentItem(
  rs: RuleSetInput,
  a: AdjustmentInput,
  applying: (x: { only?: string[]; except?: string[] }) => string[] | null,
  scopeOf: (ids: string[] | null, parent: string[] | null) => string,
): RulesTableSpecial | null {
  const clauses = a.clauses.filter((c) => {
    const ids = applying(c);
    return ids === null || ids.length > 0;
  });
  if (!clauses.length) return null;
  const u = rs.measures?.[0]?.unit ?? "分";
  const verb = clauses.every((c) => "effect" in c && c.effect === "add") ? "加" : "扣";
  const bounds: string[] = [];
  if (a.cap !== undefined) bounds.push(`本项最多${verb}${dec(a.cap)}${u}`);
  if (a.combine === "max") bounds.push("按最高一项计");
  const lines: RulesTableSpecialLine[] = [];
  for (const c of clauses) {
    const scope = scopeOf(applying(c), null);
    const line = { effect: clauseEffect(rs, c), text: scope ? `〔${scope}〕${c.text}` : c.text };
    if (!lines.some((l) => l.effect === line.effect && l.text === line.text)) lines.push(line);
  }
  const text = a.text !== undefined && !lines.some((l) => l.text === a.text) ? a.text : "";
  return { title: a.title, effect: bounds.join(";"), text, lines };
}
