import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** One item of 10 points with one per clause on fact f (findings) or n (count). */
const perSet = (clause: Record<string, unknown>, factType: "findings" | "count" = "findings") =>
  compile({
    facts: [{ id: "f", label: "问题", type: factType }],
    points: 10,
    tree: [
      {
        id: "x",
        title: "x",
        points: 10,
        clauses: [{ id: "x1", type: "per", fact: "f", text: "每处扣分", ref, ...clause } as never],
      },
    ],
  });

const detail = (r: ReturnType<typeof score>) => said(r.trace.find((e) => e.rule === "x1"));

describe("per clause (C3/C5)", () => {
  it("explains a count fact: occurrences × amount, and the clause cap", () => {
    const r = score(perSet({ each: 0.5, cap: 2 }, "count"), { f: 3 });
    expect(t(r.total)).toBe("8.5");
    expect(detail(r)).toBe("3处×0.5分=1.5分");
    const capped = score(perSet({ each: 0.5, cap: 2 }, "count"), { f: 5 });
    expect(t(capped.total)).toBe("8");
    expect(detail(capped)).toBe("5处×0.5分=2.5分;本条扣满2分为止");
  });

  it("counts findings of its kind only, each with its count", () => {
    const r = score(perSet({ each: 1, kind: "错字", noun: "条" }), {
      f: [{ kind: "错字", count: 2 }, { kind: "漏字", count: 5 }, { kind: "错字" }],
    });
    expect(t(r.total)).toBe("7");
    expect(detail(r)).toBe("3条×1分=3分");
  });

  it("groups by subject, sorted in the explanation, each group held to its cap", () => {
    const crs = perSet({ each: 0.1, perSubject: { cap: 0.5 } });
    const r = score(crs, {
      f: [{ subject: "b", count: 2 }, { subject: "a", count: 7 }, { subject: "b" }],
    });
    // a: 0.7 → 0.5; b: 0.3.
    expect(t(r.total)).toBe("9.2");
    expect(detail(r)).toBe("a:7处×0.1分=0.7分,以0.5分为限;b:3处×0.1分=0.3分");
  });

  it("a group exactly at its cap is not said to be held to it", () => {
    const r = score(perSet({ each: 0.1, perSubject: { cap: 0.5 } }), {
      f: [{ subject: "a", count: 5 }],
    });
    expect(t(r.total)).toBe("9.5");
    expect(detail(r)).toBe("a:5处×0.1分=0.5分");
  });

  it("groups by person, with 人 as the counting word, and skips other kinds", () => {
    const crs = perSet({ each: 1, kind: "缺勤", perSubject: { by: "person", cap: 2 } });
    const r = score(crs, {
      f: [
        { kind: "缺勤", person: "张", subject: "s", count: 3 },
        { kind: "迟到", person: "李", subject: "s", count: 4 },
        { kind: "缺勤", person: "王", subject: "s" },
      ],
    });
    expect(t(r.total)).toBe("7");
    expect(detail(r)).toBe("张:3人×1分=3分,以2分为限;王:1人×1分=1分");
  });

  it("a finding with no person fails where grouping is by person, naming the grouping", () => {
    const crs = perSet({ each: 1, perSubject: { by: "person", cap: 2 } });
    const r = scoreUnit(crs, { id: "u", facts: { f: [{ subject: "s" }] } });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path])).toEqual([
      ["F_FINDING_SUBJECT", ["facts", "f"]],
    ]);
  });

  it("per-subject groups then the clause cap", () => {
    const crs = perSet({ each: 1, cap: 3, perSubject: { cap: 2 } });
    const r = score(crs, {
      f: [
        { subject: "a", count: 5 },
        { subject: "b", count: 2 },
      ],
    });
    expect(t(r.total)).toBe("7");
    expect(detail(r)).toBe("a:5处×1分=5分,以2分为限;b:2处×1分=2分;本条扣满3分为止");
  });

  it("no finding of the kind and no count deduct nothing and leave no trace", () => {
    const r = score(perSet({ each: 1, kind: "错字", perSubject: { cap: 2 } }), {
      f: [{ kind: "漏字", subject: "a" }],
    });
    expect(t(r.total)).toBe("10");
    expect(detail(r)).toBeUndefined();
    const z = score(perSet({ each: 1 }, "count"), { f: 0 });
    expect(t(z.total)).toBe("10");
    expect(detail(z)).toBeUndefined();
  });

  it("a finding with no subject fails where grouping is by subject, and says so", () => {
    const r = scoreUnit(perSet({ each: 1, perSubject: { cap: 2 } }), {
      id: "u",
      facts: { f: [{ subject: "a" }, { person: "张" }] },
    });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      [
        "F_FINDING_SUBJECT",
        ["facts", "f"],
        "事实「问题」(f)中有一条问题没有写 subject,而按 subject 封顶需要它",
      ],
    ]);
  });

  it("with no kind named, per-subject groups count findings of every kind", () => {
    const r = score(perSet({ each: 1, perSubject: { cap: 5 } }), {
      f: [
        { subject: "a", kind: "错字" },
        { subject: "a", kind: "漏字", count: 2 },
      ],
    });
    expect(t(r.total)).toBe("7");
    expect(detail(r)).toBe("a:3处×1分=3分");
  });
});
