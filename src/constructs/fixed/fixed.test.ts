import { describe, expect, it } from "vitest";
import { compile, plain, ref, ruleSet, said, score } from "../../../test/helpers.js";
import { validateRuleSet } from "../../load/load.js";

// C7 fixed: a stated amount when a condition holds, deducted or (effect: add) added; its lint
// warns of an amount of 0. (check.test.ts scores fixed beside check; this file holds the rest.)

/** One item of 5 points: −2 when n > 3, +1 (bonus, capped by the item's bonusCap) when ok. */
const set = (amount: number | string = 2) => ({
  facts: [
    { id: "n", label: "问题数", type: "count" as const },
    { id: "ok", label: "创新", type: "boolean" as const },
  ],
  points: 5,
  tree: [
    {
      id: "a",
      title: "a",
      points: 5,
      bonusCap: 1,
      clauses: [
        {
          id: "a1",
          type: "fixed" as const,
          when: { fact: "n", gt: 3 },
          amount,
          text: "问题超过3处,扣2分",
          ref,
        },
        {
          id: "a2",
          type: "fixed" as const,
          effect: "add" as const,
          when: "ok",
          amount: "1.5",
          text: "有创新的,加1.5分",
          ref,
        },
      ],
    },
  ],
});

describe("fixed clauses (C7)", () => {
  it("deducts its amount only when the condition holds (n > 3, not n = 3)", () => {
    const crs = compile(set());
    expect(score(crs, { n: 3, ok: false }).total.toFixed()).toBe("5");
    const r = score(crs, { n: 4, ok: false });
    expect(r.total.toFixed()).toBe("3");
    const e = r.trace.find((x) => x.rule === "a1");
    expect(plain(e?.effect)).toEqual({ type: "fixed", amount: "2" });
    expect(said(e)).toBe("情形成立,扣2分");
  });

  it("adds with effect: add, said with 加, within the item's bonus cap", () => {
    const r = score(compile(set()), { n: 4, ok: true });
    expect(r.total.toFixed()).toBe("4");
    expect(said(r.trace.find((x) => x.rule === "a2"))).toBe("情形成立,加1.5分");
  });

  it("an amount of 0 is linted as unreachable", () => {
    const codes = (amount: number | string) => {
      const r = validateRuleSet(ruleSet(set(amount)));
      return r.ok ? r.warnings.map((w) => [w.code, w.path.join(".")]) : [["failed"]];
    };
    expect(codes(0)).toEqual([["W_UNREACHABLE", "tree.0.clauses.0.amount"]]);
    expect(codes("0.0")).toEqual([["W_UNREACHABLE", "tree.0.clauses.0.amount"]]);
    expect(codes(2)).toEqual([]);
  });
});
