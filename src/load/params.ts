import { isDecimalLike, toDecimal } from "../decimal.js";
import { issue, type KaoheIssue, type PathSegment } from "../errors/issue.js";
import type { SourceDoc } from "./document.js";

/** A parameter a template declares: a value each year's parameters file must give. */
export interface ParameterDecl {
  id: string;
  label: string;
  min?: number | string;
  max?: number | string;
  unit?: string;
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
  "values",
]);

function isParamRef(v: unknown): v is { param: string } {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    typeof (v as { param?: unknown }).param === "string"
  );
}

/** Every `{ param: id }` in a template, with its path. */
export function findParamRefs(data: unknown): { id: string; path: PathSegment[] }[] {
  const out: { id: string; path: PathSegment[] }[] = [];
  const walk = (v: unknown, path: PathSegment[]) => {
    if (isParamRef(v)) out.push({ id: v.param, path });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) if (k !== "parameters") walk(x, [...path, k]);
  };
  walk(data, []);
  return out;
}

/**
 * Composes a template with a parameters file: every `{ param: id }` becomes its value. Every
 * problem is reported, located in the file it concerns: a parameter used but undeclared or left
 * unset (in the template), a value outside its declared range, unknown or for another template
 * (in the parameters file). With no parameters file, each parameter the template uses is unset.
 */
export function composeTemplate(
  template: SourceDoc,
  params: SourceDoc | null,
): { data?: unknown; edition?: EditionInfo; issues: KaoheIssue[] } {
  const issues: KaoheIssue[] = [];
  if (!template.data || typeof template.data !== "object" || Array.isArray(template.data)) {
    // An empty (or `~`) rule file has nothing to put parameters into.
    issues.push(
      template.locate(
        issue("E_TYPE", [], {
          expected: "a rule set (a mapping)",
          received: describeTop(template.data),
        }),
      ),
    );
    return { issues };
  }
  const data = template.data as Record<string, unknown>;
  const declsRaw = Array.isArray(data.parameters) ? (data.parameters as ParameterDecl[]) : [];
  const decls = new Map<string, ParameterDecl>();
  for (const d of declsRaw)
    if (d && typeof d === "object" && typeof d.id === "string") decls.set(d.id, d);
  const refs = findParamRefs(data);
  const pdata = (params?.data ?? {}) as Record<string, unknown>;
  const at = (doc: SourceDoc, i: KaoheIssue, key?: string) =>
    issues.push(doc.locate(i, key ? { key } : undefined));
  let values: Record<string, unknown> = {};
  let edition: EditionInfo | undefined;
  if (params) {
    if (!pdata || typeof pdata !== "object" || Array.isArray(pdata)) {
      at(
        params,
        issue("E_TYPE", [], {
          expected: "映射(参数编号: 值,写在 values 之下)",
          received: pdata === null ? "空值" : Array.isArray(pdata) ? "一个列表" : typeof pdata,
        }),
      );
      return { issues };
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
    else values = pdata.values as Record<string, unknown>;
    edition = {
      id: String(pdata.id),
      title: String(pdata.title),
      official: pdata.official === true,
      ...(typeof pdata.note === "string" ? { note: pdata.note } : {}),
    };
    for (const [k, v] of Object.entries(values)) {
      const decl = decls.get(k);
      const path = ["values", k];
      if (!decl) {
        at(params, issue("E_PARAM_UNKNOWN", path, { param: k }), k);
        continue;
      }
      if (!isDecimalLike(v)) {
        at(
          params,
          issue("E_TYPE", path, { expected: "a decimal number", received: JSON.stringify(v) }),
        );
        continue;
      }
      const n = toDecimal(v);
      const lo = decl.min !== undefined && isDecimalLike(decl.min) ? toDecimal(decl.min) : null;
      const hi = decl.max !== undefined && isDecimalLike(decl.max) ? toDecimal(decl.max) : null;
      if ((lo && n.lessThan(lo)) || (hi && n.greaterThan(hi)))
        at(
          params,
          issue("E_PARAM_RANGE", path, {
            param: k,
            value: String(v),
            min: lo ? String(decl.min) : "−∞",
            max: hi ? String(decl.max) : "∞",
          }),
        );
    }
  }
  const composed = structuredClone(data);
  for (const r of refs) {
    if (!decls.has(r.id)) {
      at(template, issue("E_PARAM_UNDECLARED", r.path, { param: r.id }));
      continue;
    }
    const v = Object.hasOwn(values, r.id) ? values[r.id] : undefined;
    if (v === undefined) {
      at(
        template,
        issue("E_PARAM_UNSET", r.path, {
          param: r.id,
          file: params ? "the parameters file" : "no parameters file was given",
        }),
      );
      continue;
    }
    let cur: Record<PathSegment, unknown> = composed as Record<PathSegment, unknown>;
    for (const seg of r.path.slice(0, -1)) cur = cur[seg] as Record<PathSegment, unknown>;
    cur[r.path[r.path.length - 1] as PathSegment] = v;
  }
  // T6: a year's parameters may state the period they are in force for.
  if (params && pdata.effective !== undefined)
    (composed as Record<string, unknown>).effective = pdata.effective;
  const used = new Set(refs.map((r) => r.id));
  declsRaw.forEach((d, i) => {
    if (d && typeof d === "object" && !used.has(d.id))
      at(template, issue("W_UNUSED_PARAM", ["parameters", i], { param: String(d.id) }));
  });
  return { data: composed, ...(edition ? { edition } : {}), issues };
}

/** Whether parsed rule data is a template (it declares parameters or uses any). */
export function isTemplate(data: unknown): boolean {
  if (!data || typeof data !== "object") return false;
  return (
    Array.isArray((data as { parameters?: unknown }).parameters) || findParamRefs(data).length > 0
  );
}

function describeTop(v: unknown): string {
  if (v === null || v === undefined) return "an empty file";
  if (Array.isArray(v)) return "a list";
  return typeof v;
}
