import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../../test/helpers.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** A check (its points stated or the item's) and a fixed amount, each on a boolean or a rate. */
const set = () =>
  compile({
    facts: [
      { id: "ok", label: "到位", type: "boolean" },
      { id: "bad", label: "超编", type: "boolean" },
      { id: "r", label: "r", type: "rate", missing: "not-applicable" },
    ],
    points: 10,
    tree: [
      {
        id: "a",
        title: "a",
        points: 3,
        clauses: [{ id: "a1", type: "check", when: "ok", text: "到位,3分", ref }],
      },
      {
        id: "b",
        title: "b",
        points: 4,
        clauses: [
          {
            id: "b1",
            type: "check",
            when: { fact: "r", gte: 50 },
            points: 1.5,
            text: "达到50%,1.5分",
            ref,
          },
        ],
      },
      {
        id: "c",
        title: "c",
        points: 3,
        clauses: [{ id: "c1", type: "fixed", when: "bad", amount: 2, text: "超编扣2分", ref }],
      },
      {
        id: "d",
        title: "d",
        points: 0,
        overdraw: true,
        clauses: [
          {
            id: "d1",
            type: "fixed",
            when: { fact: "r", lt: 50 },
            amount: 1,
            text: "低于50%扣1分",
            ref,
          },
        ],
      },
    ],
  });

const detail = (r: ReturnType<typeof score>, rule: string) =>
  said(r.trace.find((e) => e.rule === rule));

describe("check and fixed clauses (C2/C7)", () => {
  it("a check not met loses its points, the item's unless it states its own; a fixed amount when its case holds", () => {
    const r = score(set(), { ok: false, bad: true, r: 40 });
    expect(t(r.total)).toBe("2.5");
    expect([detail(r, "a1"), detail(r, "b1"), detail(r, "c1"), detail(r, "d1")]).toEqual([
      "未达到要求,扣3分",
      "未达到要求,扣1.5分",
      "情形成立,扣2分",
      "情形成立,扣1分",
    ]);
  });

  it("met checks and cases that do not hold leave no trace; a fact not applicable is said", () => {
    const r = score(set(), { ok: true, bad: false, r: 60 });
    expect(t(r.total)).toBe("10");
    expect(r.trace).toEqual([]);
    const na = score(set(), { ok: true, bad: false });
    expect([detail(na, "b1"), detail(na, "d1")]).toEqual([
      "所需事实不适用,本条不计",
      "所需事实不适用,本条不计",
    ]);
  });
});
