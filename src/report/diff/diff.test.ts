import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadRuleSetFile } from "../../node/index.js";
import type { NodeInput, RuleSetInput } from "../../schema/ruleset.js";
import { type DiffChange, diffRuleSets, diffToText, fieldName } from "./index.js";

const WUDANG = "rules/guizhou/wudang-2018/rules.yaml";
const EXAMPLE = "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml";
const ALT = "rules/guizhou/wudang-2018/params/alt-allocation-UNOFFICIAL.yaml";
const HUBEI = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";

function load(file: string, params?: string): RuleSetInput {
  const r = loadRuleSetFile(file, file, params ? { params } : {});
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.ruleSet as RuleSetInput;
}

/** A deep copy to change. */
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

type Short = Pick<DiffChange, "subject" | "id" | "field" | "category" | "old" | "new">;
const short = (c: DiffChange): Short => ({
  subject: c.subject,
  id: c.id,
  field: c.field,
  category: c.category,
  old: c.old,
  new: c.new,
});
const sorted = (xs: Short[]) =>
  [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe("kaohe diff between the two parameters files of 乌当 2018", () => {
  const d = diffRuleSets(load(WUDANG, EXAMPLE), load(WUDANG, ALT));

  it("lists exactly the changed points, caps and amounts", () => {
    // The values that differ between the two files, read from them (each marked "changed" in
    // alt-allocation-UNOFFICIAL.yaml, the example's value in brackets).
    const changedPoints: Record<string, [string, string]> = {
      "分值.一.1.2": ["1.5", "2"],
      "分值.二.2.4(乡)": ["1", "1.5"],
      "分值.二.2.4(部)": ["1", "1.5"],
      "分值.二.2.11": ["1", "0.5"],
      "分值.三.2.3": ["1", "0.5"],
      "分值.三.4.1": ["2", "3"],
      "分值.四.1.1": ["1.5", "1"],
      "分值.六.2.4": ["1", "1.5"],
      "分值.九.1.1": ["2", "1"],
    };
    const xz = "xiangzhen";
    const bm = "bumen";
    const node = (id: string, old: string, now: string, category: string | null = null): Short => ({
      subject: "node",
      id,
      field: "points",
      category,
      old,
      new: now,
    });
    // Each changed 二级指标, and the 一级指标 and 内容 above it, per 附件 where they differ (the
    // totals in the files' comments: 一 12/10 → 12.5/10.5, 三 7/9 → 8/8.5, 四 20 → 19.5, 六 10 →
    // 10.5 in 附件2, 九 4 → 3 in 附件1; 二 and 二.2 do not change: +0.5 and −0.5).
    const nodes: Short[] = [
      node("一", "12", "12.5", xz),
      node("一", "10", "10.5", bm),
      node("一.1", "2.5", "3"),
      node("一.1.2", "1.5", "2"),
      node("二.2.4(乡)", "1", "1.5"),
      node("二.2.4(部)", "1", "1.5"),
      node("二.2.11", "1", "0.5"),
      node("三", "7", "8", xz),
      node("三", "9", "8.5", bm),
      node("三.2", "4", "3.5", bm),
      node("三.2.3", "1", "0.5"),
      node("三.4", "2", "3"),
      node("三.4.1", "2", "3"),
      node("四", "20", "19.5"),
      node("四.1", "12.5", "12", xz),
      node("四.1", "10.5", "10", bm),
      node("四.1.1", "1.5", "1"),
      node("六", "10", "10.5", bm),
      node("六.2", "4", "4.5", bm),
      node("六.2.4", "1", "1.5"),
      node("九", "4", "3", xz),
      node("九.1", "2", "1"),
      node("九.1.1", "2", "1"),
    ];
    // The clauses: from the template itself, each clause whose amount or cap is a changed parameter.
    const raw = parse(readFileSync(WUDANG, "utf8")) as { tree: unknown };
    const clauses: Short[] = [];
    const walk = (ns: { children?: unknown[]; clauses?: Record<string, unknown>[] }[]) => {
      for (const n of ns) {
        for (const c of n.clauses ?? []) {
          const param = (k: string) => (c[k] as { param?: string } | undefined)?.param;
          const cap = param("cap");
          if (cap !== undefined && changedPoints[cap]) {
            const [old, now] = changedPoints[cap];
            clauses.push({
              subject: "clause",
              id: String(c.id),
              field: "cap",
              category: null,
              old,
              new: now,
            });
          }
          if (param("each") === "每处问题扣分")
            clauses.push({
              subject: "clause",
              id: String(c.id),
              field: "each",
              category: null,
              old: "0.5",
              new: "1",
            });
        }
        walk((n.children ?? []) as typeof ns);
      }
    };
    walk(raw.tree as Parameters<typeof walk>[0]);
    expect(clauses.filter((c) => c.field === "each").length).toBeGreaterThan(150);
    const special: Short[] = [
      ["特别减分.负面宣传报道", "2", "3"],
      ["特别减分.领导批示批评", "2", "3"],
      ["特别减分.第三方测评通报(乡)", "3", "2"],
      ["特别减分.第三方测评通报(部)", "3", "2"],
      ["特别减分.行政诉讼败诉", "3", "5"],
      ["特别加分.典型案例", "1", "2"],
    ].map(([id, old, now]) => ({
      subject: "clause",
      id: id as string,
      field: "each",
      category: null,
      old: old as string,
      new: now as string,
    }));
    const adjustment: Short = {
      subject: "adjustment",
      id: "特别加分项",
      field: "cap",
      category: null,
      old: "2",
      new: "3",
    };
    // The tree's changes come first, in the tree's order.
    expect(d.changes.filter((c) => c.subject === "node").map(short)).toEqual(nodes);
    expect(sorted(d.changes.map(short))).toEqual(
      sorted([...nodes, ...clauses, ...special, adjustment]),
    );
    expect(d.changes.every((c) => c.kind === "changed")).toBe(true);
    expect(d.old.edition?.id).toBe("guizhou/wudang-2018/example-allocation-UNOFFICIAL");
    expect(d.new.edition?.id).toBe("guizhou/wudang-2018/alt-allocation-UNOFFICIAL");
  });

  it("as text: one line per indicator by id and title, clauses changed alike on one line", () => {
    const text = diffToText(d);
    const lines = text.split("\n");
    expect(lines[0]).toBe(
      "旧:乌当区政务公开工作考核(2018年试行办法,分值模板)(guizhou/wudang-2018;分值:示例分值分配(非官方,仅供演示))",
    );
    expect(lines).toContain(
      "指标 一(组织领导):分值〔各乡(镇)人民政府、社区服务中心〕 12 → 12.5;分值〔区直部门(区政府各工作部门、各直属事业单位等)〕 10 → 10.5",
    );
    expect(lines).toContain(
      "指标 一.1.2(作为“第一新闻发言人”发布新闻,带头开展政策解读。):分值 1.5 → 2",
    );
    expect(lines).toContain("特别项 特别加分项(特别加分项):上限 2 → 3");
    const each = lines.find(
      (l) => l.startsWith("条款(") && l.includes("每处分值 0.5 → 1:"),
    ) as string;
    const n = d.changes.filter(
      (c) =>
        c.field === "each" &&
        c.old === "0.5" &&
        !d.changes.some((x) => x.id === c.id && x.field === "cap"),
    ).length;
    expect(each.startsWith(`条款(${n}条)每处分值 0.5 → 1:`)).toBe(true);
    expect(lines.at(-2)).toBe(
      `共 ${d.changes.length} 处差异:改动 ${d.changes.length} 处,新增 0 项,删除 0 项`,
    );
    // No English words below the two head lines: every field has its Chinese name.
    expect(lines.slice(2).join("\n")).not.toMatch(/[a-z]{3,}/);
  });

  it("the other way round, every change is reversed", () => {
    const back = diffRuleSets(load(WUDANG, ALT), load(WUDANG, EXAMPLE));
    expect(sorted(back.changes.map(short))).toEqual(
      sorted(d.changes.map((c) => ({ ...short(c), old: c.new, new: c.old }))),
    );
  });
});

describe("fieldName", () => {
  it("names the fields a clerk reads in Chinese, and leaves any other key as the rule language spells it", () => {
    expect(fieldName("each")).toBe("每处分值");
    expect(fieldName("perSubject.cap")).toBe("每个对象的上限");
    expect(fieldName("amounts.省刊单条")).toBe("省刊单条的分值");
    expect(fieldName("combine.parts.上半年.parts.集中.percent")).toBe("上半年·集中的权重(%)");
    // Not a clause's `each`: a key elsewhere keeps its own name rather than a wrong one.
    expect(fieldName("periods.each")).toBe("periods.each");
    expect(fieldName("cohort.ranking.ties")).toBe("cohort.ranking.ties");
  });
});

describe("diffRuleSets", () => {
  const hubei = load(HUBEI);

  it("adjustments and gates: added, changed and removed, each named as its own side names it", () => {
    const generic = load("rules/generic/zhengwu-xinxi/rules.yaml");
    const older = copy(generic);
    const newer = copy(generic);
    const [first] = older.adjustments ?? [];
    if (!first) throw new Error("the generic set has adjustments");
    // The old side: one more adjustment (removed) and a gate at 60; the new side: the first
    // adjustment retitled with a cap, a new adjustment and a gate at 70 with one more gate.
    older.adjustments = [
      ...(older.adjustments ?? []),
      { ...copy(first), id: "旧项", title: "旧的加分项", clauses: [] },
    ];
    older.gates = [{ id: "门槛1", lt: 60, grade: "不合格" }] as RuleSetInput["gates"];
    const renamed = (newer.adjustments ?? [])[0] as { title: string; cap?: number };
    renamed.title = "被《政务》采用(新)";
    renamed.cap = 5;
    newer.adjustments = [
      ...(newer.adjustments ?? []),
      { ...copy(first), id: "新项", title: "新的加分项", clauses: [] },
    ];
    newer.gates = [
      { id: "门槛1", lt: 70, grade: "不合格" },
      { id: "门槛2", gte: 90, opens: "bonus" },
    ] as RuleSetInput["gates"];
    const d = diffRuleSets(older, newer);
    const rows = d.changes
      .filter((c) => c.subject === "adjustment" || c.subject === "gate")
      .map((c) => [c.kind, c.subject, c.id, c.label, c.field, c.old, c.new]);
    expect(rows).toEqual([
      ["changed", "adjustment", first.id, "被《政务》采用(新)", "cap", null, "5"],
      [
        "changed",
        "adjustment",
        first.id,
        "被《政务》采用(新)",
        "title",
        first.title,
        "被《政务》采用(新)",
      ],
      ["added", "adjustment", "新项", "新的加分项", null, null, null],
      ["removed", "adjustment", "旧项", "旧的加分项", null, null, null],
      ["changed", "gate", "门槛1", "分数门槛", "lt", "60", "70"],
      ["added", "gate", "门槛2", "分数门槛", null, null, null],
    ]);
    // And the other way round: what was added is removed, named by the side it is on.
    const back = diffRuleSets(newer, older)
      .changes.filter(
        (c) => c.kind !== "changed" && (c.subject === "adjustment" || c.subject === "gate"),
      )
      .map((c) => [c.kind, c.id, c.label]);
    expect(back).toEqual([
      ["added", "旧项", "旧的加分项"],
      ["removed", "新项", "新的加分项"],
      ["removed", "门槛2", "分数门槛"],
    ]);
  });

  it("a rule set against itself: no differences", () => {
    const d = diffRuleSets(hubei, copy(hubei));
    expect(d.changes).toEqual([]);
    expect(diffToText(d)).toContain("\n没有差异\n");
  });

  it("indicators removed and added, clause text, caps and weights changed", () => {
    const next = copy(hubei);
    const er = next.tree[1] as NodeInput;
    er.children = (er.children ?? []).filter((n) => n.id !== "二.8");
    er.children.push({
      id: "二.9",
      title: "编制公开的新要求",
      points: 5,
      clauses: [
        {
          id: "二.9.新",
          type: "check",
          when: "special_staff_in_place",
          text: "新要求,5分。",
          ref: { doc: "hb2009", at: "x" },
        },
      ],
    } as NodeInput);
    const clause = (next.tree[0] as NodeInput).clauses?.[0] as { text: string };
    clause.text = "新的原文。";
    const san2 = (next.tree[2] as NodeInput).children?.[1] as NodeInput;
    san2.cap = 10;
    const parts = next.combine?.parts?.[0]?.parts as { percent: number }[];
    (parts[0] as { percent: number }).percent = 60;
    (parts[1] as { percent: number }).percent = 40;
    const d = diffRuleSets(hubei, next);
    expect(d.changes.map(short)).toEqual([
      {
        subject: "ruleSet",
        id: "",
        field: "combine.parts.上半年.parts.日常.percent",
        category: null,
        old: "30",
        new: "40",
      },
      {
        subject: "ruleSet",
        id: "",
        field: "combine.parts.上半年.parts.集中.percent",
        category: null,
        old: "70",
        new: "60",
      },
      { subject: "node", id: "二.9", field: null, category: null, old: null, new: null },
      { subject: "node", id: "三.2", field: "cap", category: null, old: "13", new: "10" },
      { subject: "node", id: "二.8", field: null, category: null, old: null, new: null },
      {
        subject: "clause",
        id: "一.未及时公开",
        field: "text",
        category: null,
        old: "若某项资金全省40%以上县市区已详细公开,则该地该项资金在公开了资金总表并说明了原因的情况下,仍按未及时公开处理,扣2分。",
        new: "新的原文。",
      },
      { subject: "clause", id: "二.9.新", field: null, category: null, old: null, new: null },
      { subject: "clause", id: "二.8.实名制", field: null, category: null, old: null, new: null },
    ]);
    expect(d.changes.map((c) => c.kind)).toEqual([
      "changed",
      "changed",
      "added",
      "changed",
      "removed",
      "changed",
      "added",
      "removed",
    ]);
    const text = diffToText(d);
    expect(text).toContain("规则集:上半年·日常的权重(%) 30 → 40;上半年·集中的权重(%) 70 → 60\n");
    expect(text).toContain("新增指标 二.9(编制公开的新要求)");
    expect(text).toContain("删除指标 二.8(事业单位推行编制管理实名制情况)");
    expect(text).toContain(
      "条款 一.未及时公开(财政专项资金分配管理网上公开情况):原文由“若某项资金",
    );
  });

  it("a leaf's points changed: that leaf, each node above it and 满分, nothing else", () => {
    // The tree with the points of every node above a leaf left out, so that they are sums.
    const sums = copy(hubei);
    sums.points = undefined as never;
    const leaves: string[] = [];
    const strip = (ns: NodeInput[]) => {
      for (const n of ns) {
        if (n.children?.length) n.points = undefined;
        else if (!n.pointsBy && !n.only && !n.except) leaves.push(n.id);
        strip(n.children ?? []);
      }
    };
    strip(sums.tree);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), fc.integer({ min: 1, max: 9 }), (id, add) => {
        const next = copy(sums);
        let path: string[] = [];
        const find = (ns: NodeInput[], above: string[]) => {
          for (const n of ns) {
            if (n.id === id) {
              n.points = Number(n.points) + add;
              path = [...above, n.id];
            }
            find(n.children ?? [], [...above, n.id]);
          }
        };
        find(next.tree, []);
        const d = diffRuleSets(sums, next);
        expect(d.changes.map((c) => [c.subject, c.id, c.field, c.category])).toEqual([
          ["ruleSet", "", "points", null],
          ...path.map((p) => ["node", p, "points", null]),
        ]);
        expect(d.changes[0]?.new).toBe(String(100 + add));
      }),
      { numRuns: 40 },
    );
  });
});
