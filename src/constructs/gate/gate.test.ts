import { describe, expect, it } from "vitest";
import { compile, plain, ref, ruleSet, said, score } from "../../../test/helpers.js";
import { toDecimal } from "../../decimal.js";
import { validateRuleSet } from "../../load/load.js";
import { compileGate, gateWords } from "./compile.js";

// C19: gates on the score after the tree and the main-stage adjustments, before the bonus stage.
// Their evaluation is in src/evaluate/totals.ts (scoreItems); more of it in totals.test.ts.

const t = (d: { toFixed(): string } | null | undefined) => d?.toFixed() ?? null;
const count = (id: string) => ({ id, label: id, type: "count", missing: "zero" }) as const;
const tree = [
  {
    id: "A",
    title: "A",
    points: 100,
    clauses: [{ id: "A1", type: "per", fact: "n", each: 1, text: "每处扣1分", ref }],
  },
];
const bonus = {
  id: "加分",
  title: "加分指标",
  stage: "bonus",
  clauses: [
    { id: "加分1", type: "per", effect: "add", fact: "good", each: 2, text: "每个加2分", ref },
  ],
};
const set = (gates: unknown[], extra: Record<string, unknown> = {}) =>
  ruleSet({
    facts: [count("n"), count("good")],
    points: 100,
    grades: { order: ["合格", "不合格"], bands: [{ grade: "合格", gte: 60 }, { grade: "不合格" }] },
    tree,
    adjustments: [bonus],
    gates,
    ...extra,
  } as never);
const found = (rs: ReturnType<typeof set>) => {
  const r = validateRuleSet(rs);
  return (r.ok ? r.warnings : r.issues).map((i) => [i.code, i.path.join(".")]);
};

describe("C19 gate", () => {
  it("compiles once: bounds parsed, stop and opens made explicit", () => {
    const g = compileGate({ id: "g", lt: "59.5", grade: "不合格", text: "低于59.5分", ref });
    expect(plain(g)).toEqual({
      id: "g",
      text: "低于59.5分",
      ref,
      bounds: { lt: "59.5" },
      grade: "不合格",
      stop: false,
      opensBonus: false,
    });
    expect(
      compileGate({ id: "b", gte: 80, opens: "bonus", stop: true, text: "x", ref }),
    ).toMatchObject({ opensBonus: true, stop: true });
  });

  it("says what the gate did, from its effect", () => {
    expect(
      gateWords({
        type: "gate",
        score: toDecimal("45"),
        grade: "不合格",
        flag: "约谈",
        opensBonus: false,
        stop: true,
      }),
    ).toBe("得分45分:判定为不合格,标记:约谈,不再进入后续环节");
    expect(gateWords({ type: "gate", score: toDecimal("85"), opensBonus: true, stop: false })).toBe(
      "得分85分:进入加分环节",
    );
  });

  it("grades, flags and stops a unit below the line; opens the bonus above another", () => {
    const crs = compile(
      set([
        { id: "不合格线", lt: 60, grade: "不合格", stop: true, text: "低于60分,判定为不合格", ref },
        { id: "加分线", gt: 80, opens: "bonus", text: "高于80分,进入加分环节", ref },
      ]) as never,
    );
    const low = score(crs, { n: 45, good: 3 });
    expect([t(low.total), low.grade]).toEqual(["55", "不合格"]);
    const g = low.trace.find((e) => e.kind === "gate");
    expect(plain(g?.effect)).toEqual({
      type: "gate",
      score: "55",
      grade: "不合格",
      opensBonus: false,
      stop: true,
    });
    expect(said(g)).toBe("得分55分:判定为不合格,不再进入后续环节");
    const mid = score(crs, { n: 30, good: 3 });
    expect([t(mid.total), mid.trace.some((e) => e.kind === "gate")]).toEqual(["70", false]);
    const high = score(crs, { n: 10, good: 3 });
    expect(t(high.total)).toBe("96");
    expect(said(high.trace.find((e) => e.kind === "gate"))).toBe("得分90分:进入加分环节");
  });

  it("lints a gate with no bound, no effect or an unknown grade", () => {
    const open = { id: "加分线", gt: 80, opens: "bonus", text: "x", ref };
    expect(found(set([open, { id: "g", lt: 60, text: "x", ref }]))).toEqual([
      ["E_NEEDS_ONE_OF", "gates.1"],
    ]);
    expect(found(set([open, { id: "g", flag: "f", text: "x", ref }]))).toEqual([
      ["E_REQUIRED", "gates.1"],
    ]);
    expect(found(set([open, { id: "g", lt: 60, grade: "优秀", text: "x", ref }]))[0]).toEqual([
      "E_UNKNOWN_REF",
      "gates.1.grade",
    ]);
    expect(found(set([open]))).toEqual([]);
  });

  it("warns of a bonus stage no gate opens", () => {
    expect(found(set([{ id: "g", lt: 60, grade: "不合格", text: "x", ref }]))).toEqual([
      ["W_UNREACHABLE", "adjustments.0.stage"],
    ]);
  });
});
