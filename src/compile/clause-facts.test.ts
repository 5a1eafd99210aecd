import { describe, expect, it } from "vitest";
import { compile, ref, said } from "../../test/helpers.js";
import { toDecimal } from "../decimal.js";
import { scoreUnit } from "../evaluate/evaluate.js";
import type { ClauseInput } from "../schema/ruleset.js";
import { createCalendar } from "../time/calendar.js";
import { compileClause, type RunContext } from "./clause.js";

// What src/compile/clause.ts decides for every clause type: the facts a clause reads (which a
// unit must then give, and which its explanation shows), its words (扣/加 and the unit of its
// measure), and how its refusals name a fact.
//
// Mutants of clause.ts judged equivalent (focused Stryker run of 2026-11-30), so not tested:
// - 112 `label === undefined` → false (always `{ fact, label }`): the label then is undefined,
//   and every message names a fact by its label only when the label is set (src/errors/codes.ts
//   `fact()`); issue() keeps the message, not the parameters.
// - 120 `cl.type === "step"` → true: only a step clause has a `below` (every clause schema is
//   strict), so for the others `typeof cl.below` is "undefined" either way.
// - 122 `"when" in cl` → true, and 123 `return []` → `["Stryker was here"]`: every clause type
//   has a required `fact` or a required `when` (src/constructs/*/schema.ts), so a clause reaching
//   line 122 has a `when` and line 123 is never reached.
// - 122 `conditionFacts(cl.when, [])` → `["Stryker was here"]`: the second argument is the path
//   the condition's facts are reported at; only their ids are kept here.

/** One item of 20 points: a step clause on the rate r whose base is the number fact avg. */
const baseSet = () =>
  compile({
    facts: [
      { id: "r", label: "办结率", type: "rate" },
      { id: "avg", label: "全省平均办结率", type: "number" },
    ],
    points: 20,
    tree: [
      {
        id: "x",
        title: "依申请公开办理",
        points: 20,
        clauses: [
          {
            id: "x1",
            type: "step",
            fact: "r",
            below: { fact: "avg" },
            per: 1,
            each: 1,
            partial: "floor",
            text: "低于全省平均办结率的,每低1个百分点扣1分",
            ref,
          } as never,
        ],
      },
    ],
  });

describe("a step clause whose base names a fact reads both facts", () => {
  it("a unit without the base fact is refused, naming it (it is not silently not applicable)", () => {
    const r = scoreUnit(baseSet(), { id: "甲县", facts: { r: 85 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.join("."), i.message])).toEqual([
      [
        "F_MISSING_FACT",
        "facts.avg",
        "缺少事实「全省平均办结率」(avg)的值,而它没有默认值;请在该单位的 facts 中填写",
      ],
    ]);
  });

  it("its explanation shows the rate and the base it was measured from", () => {
    const r = scoreUnit(baseSet(), { id: "甲县", facts: { r: 85, avg: 90 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.total.toFixed()).toBe("15");
    const e = r.trace.find((x) => x.rule === "x1");
    expect(e?.facts).toEqual({ r: "85", avg: "90" });
    // The step's own words say 比率 (src/constructs/step/compile.ts); the facts name both.
    expect(said(e)).toBe("比率85%:低于90%的5个百分点,每1个百分点扣1分(不足一档不计),计5档,扣5分");
  });
});

describe("compileClause alone", () => {
  const rc: RunContext = { explain: false, calendar: createCalendar(), asOf: null, window: null };
  const range = {
    id: "c1",
    type: "range",
    fact: "money",
    min: 50,
    max: 100,
    text: "酌情扣50-100分",
    ref,
  } as unknown as ClauseInput;

  it("the facts each form of clause reads, each once, in the order written", () => {
    const facts = (cl: Record<string, unknown>) =>
      compileClause({ id: "c", text: "t", ref, ...cl } as never, toDecimal(10), "points").facts;
    expect(facts({ type: "per", fact: "n", each: 1 })).toEqual(["n"]);
    expect(
      facts({ type: "step", fact: "r", below: 90, per: 1, each: 1, partial: "floor" }),
    ).toEqual(["r"]);
    expect(
      facts({ type: "step", fact: "r", below: { fact: "avg" }, per: 1, each: 1, partial: "floor" }),
    ).toEqual(["r", "avg"]);
    expect(
      facts({
        type: "fixed",
        amount: 1,
        when: { all: ["a", { fact: "n", gt: { fact: "m" } }, { not: "a" }] },
      }),
    ).toEqual(["a", "n", "m"]);
  });

  it("without a measure's unit, its explanation says 分", () => {
    expect(compileClause(range, null, "points").words).toEqual({ verb: "扣", unit: "分" });
    const add = { ...(range as object), effect: "add" } as ClauseInput;
    expect(compileClause(add, null, "points", null, "次").words).toEqual({
      verb: "加",
      unit: "次",
    });
  });

  it("a refusal names a fact without a label by its id", () => {
    const o = compileClause(range, null, "points").run(new Map([["money", toDecimal(120)]]), rc);
    expect(o?.error?.code).toBe("F_DISCRETION_RANGE");
    expect(o?.error?.path).toEqual(["facts", "money"]);
    expect(o?.error?.message).toBe('事实"money"的酌情扣分 120 超出规定范围 [50, 100]');
    const labelled = compileClause(
      range,
      null,
      "points",
      null,
      "分",
      new Map(),
      new Map([["money", "酌情扣分额"]]),
    ).run(new Map([["money", toDecimal(120)]]), rc);
    expect(labelled?.error?.message).toBe(
      "事实「酌情扣分额」(money)的酌情扣分 120 超出规定范围 [50, 100]",
    );
  });
});
