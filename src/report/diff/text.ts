/**
 * A rule-set diff as Chinese text, one line per indicator, clause or item changed, naming each by
 * its id and its title. Browser-safe; deterministic.
 */
import type { DiffChange, DiffSide, RuleSetDiff } from "./diff.js";

const FIELD_NAMES: Readonly<Record<string, string>> = {
  points: "分值",
  title: "名称",
  text: "原文",
  cap: "上限",
  bonusCap: "加分上限",
  each: "每处分值",
  amount: "分值",
  total: "总分",
  grade: "等次",
  percent: "权重(%)",
  "perSubject.cap": "每个对象的上限",
  overdraw: "倒扣",
  only: "仅适用类别",
  except: "不适用类别",
  when: "条件",
  type: "条款类型",
  fact: "所读事实",
  kind: "问题种类",
  kinds: "问题种类",
  additions: "另加分",
  repeat: "重复计分",
  priceBy: "计价依据",
  noun: "计数单位",
  window: "考核期",
  periods: "分期",
  stage: "阶段",
  combine: "合计方式",
};

const SUBJECTS: Readonly<Record<DiffChange["subject"], string>> = {
  ruleSet: "规则集",
  node: "指标",
  clause: "条款",
  adjustment: "特别项",
  veto: "一票否决",
  gate: "门槛",
};

/**
 * A field's name in Chinese: the known ones, a tally's amounts and a combination's weights, else
 * the rule language's own dotted key (`periods.each`), which means the same in every rule set.
 */
export function fieldName(field: string): string {
  if (Object.hasOwn(FIELD_NAMES, field)) return FIELD_NAMES[field] as string;
  if (field.startsWith("amounts.")) return `${field.slice(8)}的分值`;
  if (field.startsWith("combine.parts.") && field.endsWith(".percent"))
    return `${field
      .split(".")
      .slice(1, -1)
      .filter((x) => x !== "parts")
      .join("·")}的权重(%)`;
  return field;
}

/** Clauses changed alike are listed on one line from this many on. */
const GROUP_AT = 5;

const value = (v: string | null) => (v === null ? "(无)" : v);

function one(c: DiffChange, categories: Record<string, string>): string {
  const name = fieldName(c.field as string);
  const cat = c.category !== null ? `〔${categories[c.category] ?? c.category}〕` : "";
  if (c.field === "text" || c.field === "title" || (c.old?.length ?? 0) + (c.new?.length ?? 0) > 40)
    return `${name}${cat}由“${value(c.old)}”改为“${value(c.new)}”`;
  return `${name}${cat} ${value(c.old)} → ${value(c.new)}`;
}

const sideText = (s: DiffSide) =>
  `${s.title}(${s.id}${s.edition ? `;分值:${s.edition.title}` : ""})`;

/** The diff as text, ending with a count line; "没有差异" when there is none. */
export function diffToText(d: RuleSetDiff): string {
  const out = [`旧:${sideText(d.old)}`, `新:${sideText(d.new)}`, ""];
  if (!d.changes.length) {
    out.push("没有差异");
    return `${out.join("\n")}\n`;
  }
  // One line per subject: its changes in order, joined.
  const lines = new Map<string, { head: string; parts: string[] }>();
  for (const c of d.changes) {
    const key = `${c.subject}\u0000${c.id}\u0000${c.kind}`;
    const who = c.subject === "ruleSet" ? "规则集" : `${SUBJECTS[c.subject]} ${c.id}(${c.label})`;
    const head =
      c.kind === "added" ? `新增${who}` : c.kind === "removed" ? `删除${who}` : `${who}:`;
    let line = lines.get(key);
    if (!line) {
      line = { head, parts: [] };
      lines.set(key, line);
    }
    if (c.kind === "changed") line.parts.push(one(c, d.categories));
  }
  // Many clauses changed alike (每处问题扣分 in every line): one line naming them by id.
  const alike = new Map<string, string[]>();
  for (const [key, { parts }] of lines) {
    const [subject, id, kind] = key.split("\u0000") as [string, string, string];
    if (subject !== "clause" || kind !== "changed") continue;
    const k = parts.join(";");
    alike.set(k, [...(alike.get(k) ?? []), id]);
  }
  const grouped = new Set<string>();
  for (const [key, { head, parts }] of lines) {
    const [subject, id] = key.split("\u0000") as [string, string];
    const k = parts.join(";");
    const ids = subject === "clause" ? (alike.get(k) ?? []) : [];
    if (ids.length >= GROUP_AT && ids.includes(id)) {
      if (!grouped.has(k)) out.push(`条款(${ids.length}条)${k}:${ids.join("、")}`);
      grouped.add(k);
      continue;
    }
    out.push(parts.length ? `${head}${k}` : head);
  }
  const n = (k: DiffChange["kind"]) => d.changes.filter((c) => c.kind === k).length;
  out.push(
    "",
    `共 ${d.changes.length} 处差异:改动 ${n("changed")} 处,新增 ${n("added")} 项,删除 ${n("removed")} 项`,
  );
  return `${out.join("\n")}\n`;
}
