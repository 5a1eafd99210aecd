/**
 * The playground (issue 13: 5): one static page, opened from a file with no server and no network,
 * where a rule set is edited with live validation at line:column, facts are pasted or dropped in,
 * and the scores, ranking and 扣分说明 appear — computed by kaohe's browser-safe core in the page.
 *
 * scripts/build-playground.mjs bundles this file into dist/playground.html with the built `kaohe`
 * and `kaohe/sheets` ESM builds (what a bundler gets) and fflate and saxes for XLSX. Everything
 * shown is built with text nodes (dom.ts): unit names and labels are never markup.
 */
import * as fflate from "fflate";
import * as saxes from "saxes";
import {
  type CohortResult,
  type CompiledRuleSet,
  cohortToJSON,
  compileRuleSet,
  formatIssue,
  KaoheError,
  type KaoheIssue,
  loadRuleSet,
  renderExplanation,
  scoreCohort,
} from "../api/kaohe.js";
import {
  type FactsInput,
  readFactsSync,
  type SheetUnits,
  templateSheet,
  toCsv,
  xlsxLibsFrom,
} from "../api/sheets.js";
import { byId, el, fill } from "./dom.js";
import { type Example, inlineExamples } from "./examples.js";
import {
  detectPasteFormat,
  issueLines,
  lineCount,
  offsetOf,
  PASTE_EXT,
  type PasteFormat,
  pathText,
  placeOf,
  rulesFileName,
} from "./text.js";

/** The largest facts file taken (the readers' own limits are lower: 32 MiB XLSX, 8 MiB YAML). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** The most facts files at once (a wide and a long sheet is the usual pair). */
const MAX_FILES = 20;
/** How long typing pauses before the page checks and scores again. */
const DEBOUNCE_MS = 250;

const xlsx = xlsxLibsFrom(fflate, saxes);
const utf8 = new TextEncoder();

const editor = byId<HTMLTextAreaElement>("rules");
const gutter = byId("gutter");
const rulesStatus = byId("rules-status");
const rulesIssues = byId("rules-issues");
const factsText = byId<HTMLTextAreaElement>("facts-text");
const factsFormat = byId<HTMLSelectElement>("facts-format");
const factsInput = byId<HTMLInputElement>("facts-file");
const drop = byId("drop");
const filesList = byId("facts-files");
const factsStatus = byId("facts-status");
const factsIssues = byId("facts-issues");
const results = byId("results");
const templateButton = byId<HTMLButtonElement>("template");

/** Facts files given (dropped, chosen or from an example), in the order given. */
let files: { name: string; bytes: Uint8Array }[] = [];
/** The rule set compiled from the editor's text, while it has no errors. */
let compiled: CompiledRuleSet | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(update, DEBOUNCE_MS);
}

// ---------------------------------------------------------------------------------------------
// The rule editor

let gutterKey = "";

/** Line numbers beside the editor, the lines with an error marked. */
function drawGutter(errorLines: readonly number[]): void {
  const n = lineCount(editor.value);
  const key = `${n}|${errorLines.join(",")}`;
  if (key === gutterKey) return;
  gutterKey = key;
  const bad = new Set(errorLines);
  const spans: Node[] = [];
  for (let i = 1; i <= n; i++) {
    spans.push(
      bad.has(i) ? el("span", { class: "bad" }, String(i)) : document.createTextNode(String(i)),
    );
    spans.push(document.createTextNode("\n"));
  }
  fill(gutter, ...spans);
  gutter.scrollTop = editor.scrollTop;
}

/** Puts the cursor at a line and column of the editor and scrolls it into view. */
function goTo(line: number, column: number): void {
  const at = offsetOf(editor.value, line, column);
  editor.focus();
  editor.setSelectionRange(at, at);
  const height = editor.scrollHeight / lineCount(editor.value);
  editor.scrollTop = Math.max(0, (line - 3) * height);
}

/** One problem as a list item; a problem with a line gets a button that goes there. */
function issueItem(i: KaoheIssue, editorIssue: boolean): HTMLLIElement {
  const place = placeOf(i);
  const where =
    editorIssue && i.line !== undefined
      ? el("button", { type: "button", class: "pos", title: "转到此处" }, place)
      : place
        ? el("span", { class: "pos" }, place)
        : null;
  if (where instanceof HTMLButtonElement)
    where.addEventListener("click", () => goTo(i.line ?? 1, i.column ?? 1));
  const at = i.path.length ? el("span", { class: "path" }, `(位置 ${pathText(i.path)})`) : null;
  return el(
    "li",
    { class: i.severity === "warning" ? "warning" : "error" },
    where,
    " ",
    el("span", { class: "sev" }, i.severity === "warning" ? "警告" : "错误"),
    " ",
    el("code", {}, i.code),
    " ",
    i.unit !== undefined ? `【${i.unit}】` : "",
    i.message,
    at,
  );
}

/** The text last checked: facts edits do not check and compile the same rule set again. */
let checkedText: string | null = null;
/** The labels of the rule set's categories (C20), by id. */
let categoryLabels = new Map<string, string>();

/** Checks the editor's text; compiles it when it has no errors. */
function checkRules(): void {
  const text = editor.value;
  if (text === checkedText) return;
  checkedText = text;
  compiled = null;
  categoryLabels = new Map();
  if (!text.trim()) {
    drawGutter([]);
    fill(rulesStatus, "请在此编写规则集(YAML 或 JSON),或点上方的示例。");
    rulesStatus.className = "status";
    fill(rulesIssues);
    return;
  }
  const loaded = loadRuleSet(text, { file: rulesFileName(text) });
  let issues: KaoheIssue[] = loaded.ok ? loaded.warnings : loaded.issues;
  if (loaded.ok) {
    const cats = loaded.ruleSet.categories;
    if (Array.isArray(cats))
      for (const c of cats as { id?: unknown; label?: unknown }[])
        if (typeof c.id === "string")
          categoryLabels.set(c.id, typeof c.label === "string" ? c.label : c.id);
    try {
      compiled = compileRuleSet(loaded.ruleSet);
    } catch (e) {
      if (!(e instanceof KaoheError)) throw e;
      issues = [...e.issues, ...issues];
    }
  }
  const errors = issues.filter((i) => i.severity === "error");
  drawGutter(issueLines(errors));
  if (compiled) {
    fill(
      rulesStatus,
      `规则集有效:${compiled.title}(满分 ${compiled.points.toFixed()} 分)`,
      issues.length ? `,${issues.length} 条警告` : "",
    );
    rulesStatus.className = "status ok";
  } else {
    fill(rulesStatus, `规则集有 ${errors.length} 处错误`);
    rulesStatus.className = "status bad";
  }
  fill(rulesIssues, ...issues.map((i) => issueItem(i, true)));
}

// ---------------------------------------------------------------------------------------------
// Facts

function pasteFormat(): PasteFormat {
  const chosen = factsFormat.value;
  return chosen in PASTE_EXT ? (chosen as PasteFormat) : detectPasteFormat(factsText.value);
}

function factsInputs(): FactsInput[] {
  const inputs: FactsInput[] = files.map((f) => ({ name: f.name, bytes: f.bytes }));
  if (factsText.value.trim()) {
    inputs.push({
      name: `粘贴的事实.${PASTE_EXT[pasteFormat()]}`,
      bytes: utf8.encode(factsText.value),
    });
  }
  return inputs;
}

function drawFiles(): void {
  fill(
    filesList,
    ...files.map((f, n) => {
      const remove = el("button", { type: "button", class: "remove", title: "移除" }, "移除");
      remove.addEventListener("click", () => {
        files = files.filter((_, m) => m !== n);
        drawFiles();
        schedule();
      });
      return el("li", {}, el("span", { class: "file" }, f.name), ` ${kb(f.bytes.length)} `, remove);
    }),
  );
}

const kb = (n: number) => (n < 1024 ? `${n} 字节` : `${(n / 1024).toFixed(1)} KB`);

async function addFiles(list: FileList | null): Promise<void> {
  const problems: string[] = [];
  for (const f of Array.from(list ?? [])) {
    if (files.length >= MAX_FILES) {
      problems.push(`最多 ${MAX_FILES} 个事实文件,${f.name} 未加入`);
      continue;
    }
    if (f.size > MAX_FILE_BYTES) {
      problems.push(`${f.name} 超过 ${MAX_FILE_BYTES / 1024 / 1024} MB,未加入`);
      continue;
    }
    files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  drawFiles();
  update();
  if (problems.length) fill(factsStatus, problems.join(";"));
}

function readUnits(rs: CompiledRuleSet): SheetUnits | null {
  const inputs = factsInputs();
  if (!inputs.length) {
    fill(factsStatus, "请粘贴事实,或拖入、选择事实文件(CSV、XLSX、JSON、YAML、JSON Lines)。");
    factsStatus.className = "status";
    fill(factsIssues);
    return null;
  }
  const read = readFactsSync(inputs, { ruleSet: rs, xlsx });
  const s = read.summary;
  const errors = read.issues.filter((i) => i.severity === "error").length;
  fill(
    factsStatus,
    `读取 ${read.units.length} 个单位`,
    s.rowsRead
      ? `;表格数据 ${s.rowsRead} 行,采用 ${s.rowsUsed} 行,跳过 ${s.rowsSkipped} 行(注释或空行),拒绝 ${s.rowsRejected} 行`
      : "",
    errors ? `;${errors} 处问题` : "",
  );
  factsStatus.className = errors ? "status bad" : "status ok";
  fill(factsIssues, ...read.issues.map((i) => issueItem(i, false)));
  return read;
}

// ---------------------------------------------------------------------------------------------
// Results

interface RankingRow {
  unit: string;
  category: string | null;
  rank: number | null;
  categoryRank: number | null;
  score: string | null;
  grade: string | null;
  gradeNote?: string;
  flags: string[];
}

interface Stats {
  count: number;
  mean: string | null;
  median: string | null;
  min: string | null;
  max: string | null;
}

function drawResults(rs: CompiledRuleSet, read: SheetUnits, result: CohortResult): void {
  const json = cohortToJSON(result, { trace: false }) as {
    ranking: RankingRow[];
    statistics: { all: Stats };
    figures: { fact: string; detail: string }[];
  };
  const cat = (c: string | null) => (c === null ? "—" : (categoryLabels.get(c) ?? c));
  const scored = result.units.filter((x) => x.outcome.ok).length;
  const rows = result.units.map((x, n) => {
    const r = json.ranking[n] as RankingRow;
    const own = x.outcome.ok ? x.outcome.total.toFixed() : null;
    const score = r.score ?? "—";
    return el(
      "tr",
      { class: x.outcome.ok ? "" : "unscored" },
      el("td", { class: "num" }, r.rank === null ? "—" : String(r.rank)),
      el("td", {}, x.unit),
      el("td", {}, cat(x.category)),
      el("td", { class: "num" }, x.outcome.ok ? score : "未评分"),
      el("td", {}, r.grade ?? "—"),
      el(
        "td",
        {},
        r.flags.join("、"),
        r.gradeNote ? el("small", {}, r.gradeNote) : null,
        own !== null && r.score !== null && own !== r.score
          ? el("small", {}, `本单位得分 ${own}`)
          : null,
      ),
    );
  });
  const s = json.statistics.all;
  const stats =
    s.count > 0
      ? `共 ${s.count} 个单位,平均 ${s.mean} 分,中位数 ${s.median} 分,最高 ${s.max} 分,最低 ${s.min} 分`
      : "";
  const explanations = result.units.map((x) => {
    const o = x.outcome;
    const located = o.ok ? [] : o.issues.map((i) => read.locate(x.unit, i));
    const outcome = o.ok ? o : { ...o, issues: located };
    return el(
      "details",
      { class: "unit" },
      el(
        "summary",
        {},
        el("strong", {}, x.unit),
        x.outcome.ok ? ` 总分 ${x.outcome.total.toFixed()} 分` : " 未评分",
      ),
      el("pre", {}, renderExplanation(rs, outcome)),
      x.outcome.ok
        ? null
        : el("ul", { class: "issues" }, ...located.map((i) => issueItem(i, false))),
    );
  });
  const cohortIssues = [...result.issues, ...result.warnings];
  fill(
    results,
    el("h2", {}, `${rs.title} 排名`),
    el(
      "p",
      { id: "summary" },
      `已评分 ${scored} 个单位,未评分 ${result.units.length - scored} 个。`,
      stats,
    ),
    cohortIssues.length
      ? el("ul", { class: "issues" }, ...cohortIssues.map((i) => issueItem(i, false)))
      : null,
    el(
      "table",
      { id: "ranking" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          ...["名次", "单位", "类别", "得分", "等次", "标记与说明"].map((h) => el("th", {}, h)),
        ),
      ),
      el("tbody", {}, ...rows),
    ),
    json.figures.length
      ? el(
          "ul",
          { class: "figures" },
          ...json.figures.map((f) => el("li", {}, `全体计算:${f.detail}`)),
        )
      : null,
    el("h2", {}, "扣分说明"),
    el("div", { id: "explanations" }, ...explanations),
  );
}

function update(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  checkRules();
  templateButton.disabled = compiled === null;
  if (!compiled) {
    // Facts are read against the rule set's facts: nothing to say about them until it compiles.
    fill(factsStatus, files.length || factsText.value.trim() ? "规则集无误后读取事实。" : "");
    factsStatus.className = "status";
    fill(factsIssues);
    fill(results, el("p", { class: "hint" }, "规则集无误后,这里显示评分结果。"));
    return;
  }
  const read = readUnits(compiled);
  if (!read) {
    fill(results, el("p", { class: "hint" }, "给出事实后,这里显示得分、排名和扣分说明。"));
    return;
  }
  if (!read.units.length) {
    fill(results, el("p", { class: "hint" }, "事实中没有可评分的单位。"));
    return;
  }
  try {
    drawResults(compiled, read, scoreCohort(compiled, read.units));
  } catch (e) {
    // The engine reports problems as data; anything thrown is shown, not swallowed.
    const issues = e instanceof KaoheError ? e.issues.map(formatIssue).join("\n") : String(e);
    fill(results, el("pre", { class: "error" }, `评分未完成:${issues}`));
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

function loadExample(x: Example): void {
  editor.value = x.rules.text;
  editor.scrollTop = 0;
  const [first, ...rest] = x.facts;
  factsText.value = first ? first.text : "";
  factsFormat.value = "auto";
  files = rest.map((f) => ({ name: f.name, bytes: utf8.encode(f.text) }));
  drawFiles();
  update();
}

const examples = inlineExamples(document);
fill(
  byId("examples"),
  ...examples.map((x) => {
    const b = el("button", { type: "button", "data-example": x.id }, x.label);
    b.addEventListener("click", () => loadExample(x));
    return b;
  }),
);

editor.addEventListener("input", schedule);
editor.addEventListener("scroll", () => {
  gutter.scrollTop = editor.scrollTop;
});
editor.addEventListener("keydown", (e) => {
  // Tab indents (two spaces, as YAML wants) instead of leaving the editor.
  if (e.key !== "Tab" || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
  e.preventDefault();
  editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
  schedule();
});
factsText.addEventListener("input", schedule);
factsFormat.addEventListener("change", update);
factsInput.addEventListener("change", () => {
  void addFiles(factsInput.files).finally(() => {
    factsInput.value = "";
  });
});
for (const target of [drop, factsText]) {
  target.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  target.addEventListener("dragleave", () => drop.classList.remove("over"));
  target.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    void addFiles(e.dataTransfer?.files ?? null);
  });
}
byId("clear-files").addEventListener("click", () => {
  files = [];
  factsText.value = "";
  drawFiles();
  update();
});
templateButton.addEventListener("click", () => {
  if (!compiled) return;
  factsText.value = toCsv(templateSheet(compiled)).replace(/^\uFEFF/, "");
  factsFormat.value = "csv";
  update();
});

update();
document.body.dataset.ready = "true";
