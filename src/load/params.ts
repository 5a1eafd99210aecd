import * as z from "zod/mini";
import { isDecimalLike, toDecimal } from "../decimal.js";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import {
  type ParameterDeclInput,
  ParameterDecl as ParameterDeclSchema,
  ReadingClause,
  type ReadingClauseInput,
} from "../schema/parameters.js";
import type { SourceDoc } from "./document.js";
import { mapZodIssues, ZOD_PARSE } from "./zod-issues.js";

/** A parameter a template declares: a value each year's parameters file (or a reading) gives. */
export type ParameterDecl = ParameterDeclInput;

/** What a parameter holds. */
export type ParameterKind = "decimal" | "integer" | "choice" | "boolean";

const kindOf = (d: ParameterDecl): ParameterKind => d.kind ?? "decimal";

/** The values a choice or boolean parameter may take, as `select` keys write them. */
function choiceValues(d: ParameterDecl): string[] {
  if (kindOf(d) === "boolean") return ["true", "false"];
  return (d.choices ?? []).map((c) => (typeof c === "string" ? c : c.value));
}

/** A value as a message shows it: text quoted, anything else as written. */
const shown = (v: unknown): string =>
  typeof v === "string" ? `"${v}"` : typeof v === "object" ? JSON.stringify(v) : String(v);

/**
 * Whether a value fits its parameter: a choice among the listed values, true or false, a whole
 * number, or a decimal, each within the declared range. Null when it fits.
 */
function valueProblem(d: ParameterDecl, v: unknown, path: PathSegment[]): KaoheIssue | null {
  const kind = kindOf(d);
  if (kind === "choice" || kind === "boolean") {
    const ok = kind === "boolean" ? typeof v === "boolean" : typeof v === "string";
    if (ok && choiceValues(d).includes(String(v))) return null;
    return issue("E_PARAM_CHOICE", path, {
      param: d.id,
      value: shown(v),
      allowed: choiceValues(d).join("、"),
    });
  }
  if (kind === "integer") {
    if (!isDecimalLike(v) || !toDecimal(v).isInteger() || !Number.isSafeInteger(Number(v)))
      return issue("E_PARAM_INTEGER", path, { param: d.id, value: shown(v) });
  } else if (!isDecimalLike(v))
    return issue("E_TYPE", path, { expected: "十进制数字", received: JSON.stringify(v) });
  const n = toDecimal(v as string | number);
  const lo = d.min !== undefined ? toDecimal(d.min) : null;
  const hi = d.max !== undefined ? toDecimal(d.max) : null;
  if ((lo && n.lessThan(lo)) || (hi && n.greaterThan(hi)))
    return issue("E_PARAM_RANGE", path, {
      param: d.id,
      value: String(v),
      min: lo ? String(d.min) : "−∞",
      max: hi ? String(d.max) : "∞",
    });
  return null;
}

/** A value as it goes into the rule set: a whole number as a number (the schema's integers are). */
function substituted(d: ParameterDecl, v: unknown): unknown {
  return kindOf(d) === "integer" ? Number(v) : v;
}

/** Why a declaration's keys do not fit its kind, or null. */
function declProblem(d: ParameterDecl): string | null {
  const kind = kindOf(d);
  if (kind === "choice" && !d.choices) return "kind: choice 须列出 choices(至少两个可选值)";
  if (kind !== "choice" && d.choices) return `只有 kind: choice 的参数才列 choices(这里是 ${kind})`;
  if ((kind === "choice" || kind === "boolean") && (d.min !== undefined || d.max !== undefined))
    return `min、max 只用于 decimal 和 integer 参数(这里是 ${kind})`;
  if (kind === "integer")
    for (const b of [d.min, d.max])
      if (b !== undefined && !toDecimal(b).isInteger())
        return `integer 参数的 min、max 须为整数,而不是 ${b}`;
  const values = choiceValues(d);
  const dup = values.find((x, i) => values.indexOf(x) !== i);
  if (kind === "choice" && dup !== undefined) return `可选值 "${dup}" 重复`;
  return null;
}

/** What a parameters file says about itself. */
export interface EditionInfo {
  id: string;
  title: string;
  official: boolean;
  note?: string;
}

export const PARAM_FILE_KEYS: ReadonlySet<string> = new Set([
  "kaohe-parameters",
  "template",
  "id",
  "title",
  "official",
  "note",
  "effective",
  "reading",
  "values",
]);

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function isParamRef(v: unknown): v is { param: string } {
  return (
    isMapping(v) &&
    Object.keys(v).length === 1 &&
    typeof (v as { param?: unknown }).param === "string"
  );
}

/** `{ param: id, select: { <value>: … } }`: a whole value picked by a choice or boolean. */
function isSelectRef(v: unknown): v is { param: string; select: unknown } {
  return (
    isMapping(v) &&
    Object.keys(v).length === 2 &&
    typeof v.param === "string" &&
    Object.hasOwn(v, "select")
  );
}

/** Keys whose contents are never parameter references: the declarations themselves. */
const DECLARATION_KEYS = new Set(["parameters", "readings"]);

/**
 * Every `{ param: id }` and `{ param: id, select }` in a template, with its path; the references
 * inside every branch of a `select` too.
 */
export function findParamRefs(data: unknown): { id: string; path: PathSegment[] }[] {
  const out: { id: string; path: PathSegment[] }[] = [];
  const walk = (v: unknown, path: PathSegment[]) => {
    if (isParamRef(v)) out.push({ id: v.param, path });
    else if (isSelectRef(v)) {
      out.push({ id: v.param, path });
      if (isMapping(v.select))
        for (const [k, x] of Object.entries(v.select)) walk(x, [...path, "select", k]);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (isMapping(v))
      for (const [k, x] of Object.entries(v)) if (!DECLARATION_KEYS.has(k)) walk(x, [...path, k]);
  };
  walk(data, []);
  return out;
}

/** Where a part of the composed rule set came from in the template (a `select` branch). */
export interface ComposedFrom {
  composed: PathSegment[];
  template: PathSegment[];
}

/** A path of the composed rule set as a path of the template: the deepest `select` it lies in. */
export function templatePath(moves: readonly ComposedFrom[], path: PathSegment[]): PathSegment[] {
  let best: ComposedFrom | null = null;
  for (const m of moves)
    if (
      m.composed.length <= path.length &&
      m.composed.every((s, i) => s === path[i]) &&
      (!best || m.composed.length > best.composed.length)
    )
      best = m;
  return best ? [...best.template, ...path.slice(best.composed.length)] : path;
}

/** One reading (option) of an ambiguous clause, and where the template declares it. */
interface ReadingEntry {
  clause: ReadingClauseInput;
  clauseIndex: number;
  option: ReadingClauseInput["options"][number];
  path: PathSegment[];
}

/**
 * Composes a template with a parameters file and readings: every `{ param: id }` becomes its
 * value, every `{ param: id, select }` the branch its value names. A value comes from the
 * parameters file's `values` or from a reading in force: one per ambiguous clause, picked by the
 * parameters file's `reading`, and by `readings` (a case's, `--reading`), which replace, clause by
 * clause, the parameters file's. Every problem is reported, located in the file it concerns: a
 * declaration that does not fit its kind, a parameter used but undeclared or left unset, a bad
 * `select` (in the template), a value that does not fit its parameter, unknown or for another
 * template, an unknown reading or two for one clause (in the parameters file). With no parameters
 * file and no reading, each parameter the template uses is unset.
 */
export function composeTemplate(
  template: SourceDoc,
  params: SourceDoc | null,
  opts: { readings?: readonly string[] } = {},
): { data?: unknown; edition?: EditionInfo; issues: KaoheIssue[]; moves: ComposedFrom[] } {
  const issues: KaoheIssue[] = [];
  const moves: ComposedFrom[] = [];
  if (!template.data || typeof template.data !== "object" || Array.isArray(template.data)) {
    // An empty (or `~`) rule file has nothing to put parameters into.
    issues.push(
      template.locate(
        issue("E_TYPE", [], {
          expected: "规则集(一个映射)",
          received: describeTop(template.data),
        }),
      ),
    );
    return { issues, moves };
  }
  const data = template.data as Record<string, unknown>;
  const at = (doc: SourceDoc | null, i: KaoheIssue, key?: string) =>
    issues.push(doc ? doc.locate(i, key ? { key } : undefined) : i);
  // The declarations first: values are checked against them.
  for (const [key, schema] of [
    ["parameters", z.array(ParameterDeclSchema)],
    ["readings", z.array(ReadingClause)],
  ] as const) {
    if (data[key] === undefined) continue;
    const r = schema.safeParse(data[key], ZOD_PARSE);
    if (!r.success)
      for (const m of mapZodIssues(r.error.issues, data, [key])) at(template, m.issue, m.key);
  }
  if (issues.length) return { issues, moves };
  const declsRaw = (data.parameters ?? []) as ParameterDecl[];
  const decls = new Map<string, ParameterDecl>();
  declsRaw.forEach((d, i) => {
    const first = [...decls.keys()].indexOf(d.id);
    if (first >= 0)
      at(
        template,
        issue("E_DUPLICATE_ID", ["parameters", i], { id: d.id, first: `parameters[${first}]` }),
      );
    else decls.set(d.id, d);
    const why = declProblem(d);
    if (why) at(template, issue("E_PARAM_DECL", ["parameters", i], { param: d.id, detail: why }));
  });
  // Values are checked against the declarations: not against ones that are wrong themselves.
  if (issues.length) return { issues, moves };
  const options = new Map<string, ReadingEntry>();
  const clauseIds = new Map<string, number>();
  ((data.readings ?? []) as ReadingClauseInput[]).forEach((clause, ci) => {
    if (clauseIds.has(clause.id))
      at(
        template,
        issue("E_DUPLICATE_ID", ["readings", ci], {
          id: clause.id,
          first: `readings[${clauseIds.get(clause.id)}]`,
        }),
      );
    clauseIds.set(clause.id, ci);
    clause.options.forEach((option, oi) => {
      const path: PathSegment[] = ["readings", ci, "options", oi];
      const prior = options.get(option.id);
      if (prior)
        at(template, issue("E_DUPLICATE_ID", path, { id: option.id, first: prior.path.join(".") }));
      else options.set(option.id, { clause, clauseIndex: ci, option, path });
      for (const [k, v] of Object.entries(option.values)) {
        const d = decls.get(k);
        const vpath = [...path, "values", k];
        const problem = d
          ? valueProblem(d, v, vpath)
          : issue("E_PARAM_UNKNOWN", vpath, { param: k });
        if (problem) at(template, problem, d ? undefined : k);
      }
    });
  });
  if (issues.length) return { issues, moves };
  const allowedReadings = [...options.keys()].join("、") || "(模板没有声明解读)";
  /** The readings a list names, one per clause; each problem reported where `report` says. */
  let unpicked = false;
  const pick = (
    names: readonly string[],
    reportAt: (i: KaoheIssue, j: number) => void,
  ): Map<number, ReadingEntry> => {
    const byClause = new Map<number, ReadingEntry>();
    const report = (i: KaoheIssue, j: number) => {
      unpicked = true;
      reportAt(i, j);
    };
    names.forEach((name, j) => {
      const e = options.get(name);
      if (!e)
        return report(
          issue("E_READING_UNKNOWN", [], { reading: name, allowed: allowedReadings }),
          j,
        );
      const other = byClause.get(e.clauseIndex);
      if (other && other.option.id !== name)
        return report(
          issue("E_READING_CONFLICT", [], {
            detail: `"${other.option.id}" 与 "${name}" 都是对 ${e.clause.id} 的解读,只能选一个`,
          }),
          j,
        );
      byClause.set(e.clauseIndex, e);
    });
    return byClause;
  };
  const pdata = (params?.data ?? {}) as Record<string, unknown>;
  let values: Record<string, unknown> = {};
  let edition: EditionInfo | undefined;
  let picked = new Map<number, ReadingEntry>();
  if (params) {
    if (!pdata || typeof pdata !== "object" || Array.isArray(pdata)) {
      at(
        params,
        issue("E_TYPE", [], {
          expected: "映射(参数编号: 值,写在 values 之下)",
          received: pdata === null ? "空值" : Array.isArray(pdata) ? "一个列表" : scalarKind(pdata),
        }),
      );
      return { issues, moves };
    }
    for (const k of Object.keys(pdata))
      if (!PARAM_FILE_KEYS.has(k)) at(params, issue("E_UNKNOWN_KEY", [], { keys: k }), k);
    if (pdata["kaohe-parameters"] !== 1)
      at(
        params,
        issue("E_VERSION", ["kaohe-parameters"], { version: String(pdata["kaohe-parameters"]) }),
      );
    if (pdata.template !== data.id)
      at(
        params,
        issue("E_PARAM_TEMPLATE", ["template"], {
          template: String(pdata.template),
          expected: String(data.id),
        }),
      );
    for (const key of ["id", "title"] as const)
      if (typeof pdata[key] !== "string") at(params, issue("E_REQUIRED", [], { key }));
    if (typeof pdata.official !== "boolean")
      at(params, issue("E_REQUIRED", [], { key: "official" }));
    if (!pdata.values || typeof pdata.values !== "object" || Array.isArray(pdata.values))
      at(params, issue("E_REQUIRED", [], { key: "values" }));
    else values = { ...(pdata.values as Record<string, unknown>) };
    edition = {
      id: String(pdata.id),
      title: String(pdata.title),
      official: pdata.official === true,
      ...(typeof pdata.note === "string" ? { note: pdata.note } : {}),
    };
    // The parameters file's readings: a name, or a list of names.
    const r = pdata.reading;
    if (r !== undefined) {
      const list = typeof r === "string" ? [r] : r;
      if (!Array.isArray(list) || !list.every((x) => typeof x === "string"))
        at(
          params,
          issue("E_TYPE", ["reading"], { expected: "解读的名称,或名称的列表", received: shown(r) }),
        );
      else
        picked = pick(list, (i, j) =>
          at(params, { ...i, path: typeof r === "string" ? ["reading"] : ["reading", j] }),
        );
    }
    for (const [k, v] of Object.entries(values)) {
      const decl = decls.get(k);
      const path = ["values", k];
      if (!decl) {
        at(params, issue("E_PARAM_UNKNOWN", path, { param: k }), k);
        continue;
      }
      const problem = valueProblem(decl, v, path);
      if (problem) at(params, problem);
    }
  }
  // Readings given beside the parameters file (a case's, --reading) replace its, clause by clause.
  for (const [ci, e] of pick(opts.readings ?? [], (i) => at(null, i))) picked.set(ci, e);
  // Without the readings asked for, the parameters they give would only be reported unset.
  if (unpicked) return { issues, moves };
  const inForce = [...picked.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
  const fromReading = new Map<string, string>();
  for (const e of inForce)
    for (const [k, v] of Object.entries(e.option.values)) {
      const other = fromReading.get(k);
      if (other !== undefined)
        at(
          template,
          issue("E_READING_CONFLICT", [...e.path, "values", k], {
            detail: `解读 "${other}" 与 "${e.option.id}" 都给参数 "${k}" 赋值`,
          }),
        );
      else if (Object.hasOwn(values, k) && params)
        at(
          params,
          issue("E_READING_CONFLICT", ["values", k], {
            detail: `参数 "${k}" 的值由解读 "${e.option.id}" 给出,参数文件不能再给它赋值`,
          }),
        );
      else {
        fromReading.set(k, e.option.id);
        values[k] = v;
      }
    }
  /** The readings that would give a parameter its value: named when it is left unset. */
  const readingsFor = (id: string) =>
    [...options.values()].filter((e) => Object.hasOwn(e.option.values, id)).map((e) => e.option.id);
  const has = (id: string) => Object.hasOwn(values, id);
  const unset = (id: string, path: PathSegment[]) => {
    const could = readingsFor(id);
    at(
      template,
      issue("E_PARAM_UNSET", path, {
        param: id,
        file:
          (params ? "参数文件中没有它" : "没有给出参数文件") +
          (could.length ? `;也没有选定给它赋值的解读:${could.join("、")}` : ""),
      }),
    );
  };
  const undeclaredIn = (v: unknown, base: PathSegment[]) => {
    for (const r of findParamRefs(v))
      if (!decls.has(r.id))
        at(template, issue("E_PARAM_UNDECLARED", [...base, ...r.path], { param: r.id }));
  };
  const resolve = (v: unknown, tpath: PathSegment[], cpath: PathSegment[]): unknown => {
    if (isParamRef(v) || isSelectRef(v)) {
      const ref = v as { param: string; select?: unknown };
      const plain = isParamRef(v);
      const d = decls.get(ref.param);
      if (!d) {
        at(template, issue("E_PARAM_UNDECLARED", tpath, { param: ref.param }));
        if (!plain && isMapping(ref.select)) undeclaredIn(ref.select, [...tpath, "select"]);
        return v;
      }
      if (plain) {
        if (!has(ref.param)) unset(ref.param, tpath);
        return has(ref.param) ? substituted(d, values[ref.param]) : v;
      }
      const select = ref.select;
      const kind = kindOf(d);
      const fail = (detail: string) => {
        at(template, issue("E_PARAM_SELECT", tpath, { param: ref.param, detail }));
        return v;
      };
      if (kind !== "choice" && kind !== "boolean")
        return fail(`只能按 choice 或 boolean 参数选取,"${ref.param}" 是 ${kind} 参数`);
      if (!isMapping(select)) return fail("select 应为映射:每个可选值 → 该值下的内容");
      const allowed = choiceValues(d);
      const keys = Object.keys(select);
      const missing = allowed.filter((a) => !keys.includes(a));
      const extra = keys.filter((k) => !allowed.includes(k));
      if (missing.length || extra.length) {
        const what = [
          ...(missing.length ? [`缺少可选值 ${missing.join("、")}`] : []),
          ...(extra.length ? [`${extra.join("、")} 不是可选值`] : []),
        ];
        return fail(`${what.join(";")}(可选值:${allowed.join("、")},每个都须写出)`);
      }
      if (!has(ref.param)) {
        unset(ref.param, tpath);
        undeclaredIn(select, [...tpath, "select"]);
        return v;
      }
      const key = String(values[ref.param]);
      // The branches not chosen are not composed, but name only declared parameters.
      for (const k of keys) if (k !== key) undeclaredIn(select[k], [...tpath, "select", k]);
      const branch = [...tpath, "select", key];
      moves.push({ composed: cpath, template: branch });
      return resolve(select[key], branch, cpath);
    }
    if (Array.isArray(v)) return v.map((x, i) => resolve(x, [...tpath, i], [...cpath, i]));
    if (isMapping(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v))
        out[k] = DECLARATION_KEYS.has(k)
          ? structuredClone(x)
          : resolve(x, [...tpath, k], [...cpath, k]);
      return out;
    }
    return v;
  };
  const composed = resolve(data, [], []) as Record<string, unknown>;
  // The readings in force, in the order the template declares their clauses.
  delete composed.reading;
  if (inForce.length) composed.reading = inForce.map((e) => e.option.id);
  // T6: a year's parameters may state the period they are in force for.
  if (params && pdata.effective !== undefined) composed.effective = pdata.effective;
  const used = new Set(findParamRefs(data).map((r) => r.id));
  declsRaw.forEach((d, i) => {
    if (!used.has(d.id))
      at(template, issue("W_UNUSED_PARAM", ["parameters", i], { param: String(d.id) }));
  });
  return { data: composed, ...(edition ? { edition } : {}), issues, moves };
}

/** Whether parsed rule data is a template (it declares parameters or readings, or uses any). */
export function isTemplate(data: unknown): boolean {
  if (!data || typeof data !== "object") return false;
  const d = data as { parameters?: unknown; readings?: unknown };
  return Array.isArray(d.parameters) || Array.isArray(d.readings) || findParamRefs(data).length > 0;
}

function describeTop(v: unknown): string {
  if (v === null || v === undefined) return "空文件";
  if (Array.isArray(v)) return "一个列表";
  return scalarKind(v);
}

/** A text, a number or a yes/no value, as the messages name it. */
function scalarKind(v: unknown): string {
  if (typeof v === "string") return "文字";
  if (typeof v === "number") return "数字";
  if (typeof v === "boolean") return "是非值";
  return typeof v;
}
