/**
 * kaohe/report — what people read, made from the rule data and the results: the 考核内容明细表
 * (Markdown, print-ready HTML, XLSX, DOCX) and rule-set diffs (docs/render.md), and the HTML 通报
 * of a scored cohort (docs/report.md; ECharts, an optional peer, on demand), and 整改 letters with
 * the fixes ranked by the points each regains (docs/letters.md). Browser-safe:
 * everything takes a rule set as data and returns text or bytes; XLSX needs the optional peer
 * dependency fflate and DOCX the optional peer dependency docx, each loaded on demand.
 *
 * The package entry `kaohe/report`: its public API, on purpose (docs/api.md,
 * etc/api/kaohe-report.api.md), a list of re-exports with their documentation. Nothing here is
 * reachable from `kaohe` (test/package.test.ts). The work is done in src/report/.
 */
import * as diff from "../report/diff/index.js";
import * as letters from "../report/letters/index.js";
import * as docx from "../report/rules-table/docx.js";
import * as html from "../report/rules-table/html.js";
import * as markdown from "../report/rules-table/markdown.js";
import * as model from "../report/rules-table/model.js";
import * as xlsx from "../report/rules-table/xlsx.js";
import * as tongbao from "../report/tongbao/index.js";
import { type CompiledRuleSet, engine, type RuleSetDocument, ruleSetInput } from "./handles.js";
import type { CohortOptions, CohortResult, CohortUnitInput } from "./kaohe.js";

export type { DiffChange, DiffSide, DiffSubject, RuleSetDiff } from "../report/diff/index.js";
export type {
  Letter,
  LetterDeduction,
  LetterFix,
} from "../report/letters/index.js";
export type {
  RulesTable,
  RulesTableGroup,
  RulesTableOptions,
  RulesTableRow,
  RulesTableSection,
  RulesTableSpecial,
  RulesTableSpecialLine,
} from "../report/rules-table/model.js";
export type { EChartsLike, TongbaoOptions } from "../report/tongbao/index.js";

// ---------------------------------------------------------------------------------------------
// 明细表

/**
 * The 考核内容明细表 of a rule set as data: one group per 一级指标, one row per indicator below
 * it with its 分值 (per unit category where they differ) and its 评分标准 — the `text` of the node
 * and of its clauses, in the source's words, each once — then the special items (特别减分项,
 * 特别加分项, 一票否决/直接归零, 分数门槛) and the categories' own words. A template must be
 * loaded with its parameters file. `opts.category` gives one category's table (only its
 * indicators, its points); an id the rule set does not declare throws a RangeError.
 *
 * @example
 * const t = rulesTable(loadRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml").ruleSet);
 * t.title; //=> "湖北省2009年上半年财政与编制政务公开考核内容明细表"
 * t.groups[1].rows[1].standard[1]; //=> "凡是信息不全面、不完整,扣1分"
 */
export function rulesTable(
  ruleSet: RuleSetDocument,
  opts?: model.RulesTableOptions,
): model.RulesTable {
  return model.buildRulesTable(ruleSetInput(ruleSet), opts);
}

/**
 * The table as Markdown (a GitHub table; the 一级指标 named on its first row, standards joined by
 * `<br>`; `|`, `\` and `<` escaped), ending with a line break.
 *
 * @example
 * rulesTableToMarkdown(t).split("\n")[0]; //=> "# 湖北省2009年上半年财政与编制政务公开考核内容明细表"
 */
export function rulesTableToMarkdown(table: model.RulesTable): string {
  return markdown.rulesTableToMarkdown(table);
}

/**
 * The table as one self-contained HTML page for printing: A4 by `@page`, the header row repeated
 * on every page, each 一级指标 merged down its rows (rowspan). It loads nothing (no script, no
 * font, no image) and is well-formed XML as well as HTML.
 *
 * @example
 * rulesTableToHtml(t).includes("@page { size: A4;"); //=> true
 */
export function rulesTableToHtml(table: model.RulesTable): string {
  return html.rulesTableToHtml(table);
}

/**
 * The table as an XLSX workbook (sheets 明细表 and 说明), 一级指标 merged, text wrapped, A4; every
 * text cell neutralised against formula injection. Needs fflate (`npm install fflate`); without
 * it, a KaoheError S_NEEDS_LIBS. The bytes depend only on the table.
 *
 * @example
 * const bytes = await rulesTableToXlsx(t);
 * [bytes[0], bytes[1]]; //=> [0x50, 0x4b]
 */
export function rulesTableToXlsx(table: model.RulesTable): Promise<Uint8Array> {
  return xlsx.rulesTableToXlsx(table);
}

/**
 * The table as a Word document (DOCX): A4 portrait, the header row repeated, 一级指标 merged, the
 * special items after the table. Needs the docx package (`npm install docx`); without it, a
 * KaoheError S_NEEDS_LIBS. The bytes depend only on the table (no dates in the properties, every
 * zip entry dated 1980-01-01).
 *
 * @example
 * const bytes = await rulesTableToDocx(t);
 * [bytes[0], bytes[1]]; //=> [0x50, 0x4b]
 */
export function rulesTableToDocx(table: model.RulesTable): Promise<Uint8Array> {
  return docx.rulesTableToDocx(table);
}

// ---------------------------------------------------------------------------------------------
// Rule-set diffs

/**
 * What changed from one rule set to another — two versions of a rule file, or one template loaded
 * with two parameters files: indicators and clauses added or removed (matched by id), each
 * category's effective points, caps, amounts, weights (`combine`) and 原文 changed. The changes
 * come in a stable order (the rule set, the new tree's nodes, those removed, the clauses, the
 * adjustment items, the gates); the shape is documented in docs/render.md.
 *
 * @example
 * const d = diffRuleSets(example, alt); // 乌当 2018 with its two parameters files
 * d.changes.find((c) => c.id === "一.1.2"); //=> { kind: "changed", subject: "node", id: "一.1.2", label: "作为“第一新闻发言人”发布新闻,带头开展政策解读。", field: "points", category: null, old: "1.5", new: "2" }
 */
export function diffRuleSets(
  oldRuleSet: RuleSetDocument,
  newRuleSet: RuleSetDocument,
): diff.RuleSetDiff {
  return diff.diffRuleSets(ruleSetInput(oldRuleSet), ruleSetInput(newRuleSet));
}

/**
 * A diff as Chinese text: the two rule sets, then one line per indicator, clause or item changed
 * (by id and title), clauses changed alike on one line, and a count; "没有差异" when there is none.
 *
 * @example
 * diffToText(d).split("\n")[3]; //=> "指标 一(组织领导):分值〔各乡(镇)人民政府、社区服务中心〕 12 → 12.5;分值〔区直部门(区政府各工作部门、各直属事业单位等)〕 10 → 10.5"
 */
export function diffToText(d: diff.RuleSetDiff): string {
  return diff.diffToText(d);
}

// ---------------------------------------------------------------------------------------------
// The HTML 通报

/**
 * The 通报 of a scored cohort as one self-contained HTML page: statistics (and their change on
 * the previous run given to scoreCohort), units by grade, the items units lost points on, the
 * ranking, and each unit's 扣分说明; charts (grades, score bands, ranking) drawn by ECharts as
 * inline SVG. The page has no script and loads nothing. The same cohort and options give the same
 * bytes; no date unless `options.date`. Needs echarts (`npm install echarts`); without it, a
 * KaoheError S_NEEDS_LIBS.
 *
 * @example
 * const page = await renderTongbao(compiled, scoreCohort(compiled, units), { date: "2009-07-20" });
 * page.includes("<h1>湖北省2009年上半年财政与编制政务公开考核情况通报</h1>"); //=> true
 * page.includes("<script"); //=> false
 */
export function renderTongbao(
  ruleSet: CompiledRuleSet,
  cohort: CohortResult,
  options?: tongbao.TongbaoOptions,
): Promise<string> {
  return tongbao.renderTongbao(engine(ruleSet), cohort, options);
}

/**
 * renderTongbao with ECharts given, for a caller that loaded it already (synchronous).
 *
 * @example
 * const echarts = await import("echarts");
 * renderTongbaoWith(echarts, compiled, scoreCohort(compiled, units)) === (await renderTongbao(compiled, scoreCohort(compiled, units))); //=> true
 */
export function renderTongbaoWith(
  echarts: tongbao.EChartsLike,
  ruleSet: CompiledRuleSet,
  cohort: CohortResult,
  options?: tongbao.TongbaoOptions,
): string {
  return tongbao.renderTongbaoWith(echarts, engine(ruleSet), cohort, options);
}

// ---------------------------------------------------------------------------------------------
// 整改 letters

/** What `lettersOf` takes: cohort scoring's options, the units to write for, the letters' date. */
export interface LettersOptions extends CohortOptions {
  /** Only these units (ids); default every unit, in ranking order. */
  units?: readonly string[];
  /** The date the letters bear (YYYY-MM-DD); none by default, so the bytes depend on nothing else. */
  date?: string;
}

/**
 * Each unit's 整改 letter as data: its score, rank and grade, every deduction with its reason and
 * source clause, and the fixes ranked by the points each would regain. A fix's points are computed,
 * not estimated: the whole cohort is scored again with the unit's facts corrected so that the
 * clause counts nothing (caps, cohort figures, linked scores and rank points included); a group no
 * correction clears says so (`regained: null`). Units that could not be scored get a letter saying
 * why. Exact and deterministic; see docs/letters.md for what a finding group and a correction are.
 *
 * @example
 * const [county] = lettersOf(compiled, units, { units: ["某某县"] });
 * county.score; //=> "67.7分(满分100分)"
 * county.fixes[0].regained; //=> "6"
 */
export function lettersOf(
  ruleSet: CompiledRuleSet,
  units: readonly CohortUnitInput[],
  options: LettersOptions = {},
): letters.Letter[] {
  const { date, ...scoring } = options;
  const crs = engine(ruleSet);
  return letters
    .cohortFixes(crs, units, scoring)
    .units.map((uf) => letters.letterOf(crs, uf, date !== undefined ? { date } : {}));
}

/**
 * A letter as one printable A4 HTML page: no script, nothing loaded; every text escaped.
 *
 * @example
 * letterToHtml(county).includes("某某县"); //=> true
 */
export function letterToHtml(letter: letters.Letter): string {
  return letters.letterHtml(letter);
}

/**
 * A letter as the bytes of a .docx file, the same bytes for the same letter. Needs docx
 * (`npm install docx`); without it, a KaoheError S_NEEDS_LIBS.
 *
 * @example
 * const bytes = await letterToDocx(county);
 * [bytes[0], bytes[1]]; //=> [0x50, 0x4b]
 */
export function letterToDocx(letter: letters.Letter): Promise<Uint8Array> {
  return letters.letterDocx(letter);
}

/**
 * Safe, distinct file names for letters, one per unit name, with the extension: path separators,
 * `..` and control characters removed, at most 60 characters, names equal but for case numbered
 * `-2`, `-3` in order.
 *
 * @example
 * letterFileNames(["某某县", "../etc/passwd", "某某县"], "docx"); //=> ["某某县.docx", "_etc_passwd.docx", "某某县-2.docx"]
 */
export function letterFileNames(names: readonly string[], ext: string): string[] {
  return letters.letterFileNames(names, ext);
}
