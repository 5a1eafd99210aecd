import { describe, expect, it } from "vitest";
import { addTally, adoptionSet, compile, itemX, score } from "../../test/helpers.js";
import { scoreUnit } from "./evaluate.js";

// Linked findings (links.ts): each refusal of a link in the words a clerk reads, at the `of` of the
// finding that names it, and the links that stand. The pricing by the linked finding is in
// src/constructs/tally/tally.test.ts.
//
// Stryker, equivalent:
// - listOf: `[]` → `["Stryker was here"]` for a fact that is absent or not applicable: a string
//   has no `id`, `kind` or `of`, so it is neither indexed nor checked.
// - idsOf: `if (!m)` → `true` builds the same index of a fact again; `finding.id !== undefined` →
//   `true` also indexes findings without an id under `undefined`, which no `of` (always a string)
//   looks up.
// - `const linking = []` → `["Stryker was here"]`, and reportCycles' `path = []` →
//   `["Stryker was here"]`: a string has no `.finding` to follow, and a path starting one place
//   later shifts every index `at` holds by the same one, so the loop sliced is the same.
// - `x.kind !== undefined ? kinds?.[x.kind] : undefined` → `kinds?.[x.kind]`: a finding without a
//   kind reads kinds["undefined"], which no rule set declares.
// - `to.finding.kind === undefined` → `false`: allowed kinds are strings, so
//   `!allowed.includes(undefined)` refuses a finding without a kind all the same.
// - `to.finding.kind ?? "未写种类"` → `?? ""`: unreachable, since `links.kinds` may only name kinds
//   the fact linked to declares (E_UNKNOWN_REF), and a finding of a fact with kinds must have one
//   (F_FACT_TYPE at its `kind`, before any link is checked).
// - `if (!cycles.has(x)) setLink(…)` → always: a unit with a loop is refused (F_LINK_CYCLE) and
//   not scored, so the links set on its findings are never read.
// - `y.id ?? "(无编号)"`: every finding on a loop is named by another's `of`, so it has an id.

/** 采用 (f: kinds 省级, 市级, 县级) and 批示 (p) linked to it; 领导批示 only to `leader`'s kinds. */
const linkedSet = (leader = ["省级", "市级"]) => adoptionSet({}, { kinds: { 领导批示: leader } });

const adoptions = [
  { id: "a1", kind: "省级" },
  { id: "a2", kind: "市级" },
  { id: "a4", kind: "县级" },
];

/** The refusals of a unit, as [code, path, message]. */
const refused = (crs: ReturnType<typeof linkedSet>, facts: Record<string, unknown>) => {
  const r = scoreUnit(crs, { id: "u", facts });
  return r.ok ? [] : r.issues.map((i) => [i.code, i.path.join("."), i.message]);
};

describe("a link refused, in the words a clerk reads", () => {
  /** The refusals when a second 领导批示 links to `of` (the first to a1, a 省级 adoption). */
  const secondLink = (of: string) =>
    refused(linkedSet(), {
      f: adoptions,
      p: [
        { kind: "领导批示", of: "a1" },
        { kind: "领导批示", of },
      ],
    });

  it("a finding whose kind must link and names nothing: what to write, and which kinds", () => {
    expect(refused(linkedSet(), { f: adoptions, p: [{ kind: "领导批示" }] })).toEqual([
      [
        "F_FACT_TYPE",
        "facts.p.0.of",
        "事实「批示」(p)应填它所涉及的那一条的编号 of(领导批示只能关联到:省级、市级),实际填的是未填写",
      ],
    ]);
    // A kind with no constraint (and not priced by the finding it is about) need not link.
    expect(score(linkedSet(), { f: adoptions, p: [{ kind: "部门批示" }] }).total.toFixed()).toBe(
      "15",
    );
  });

  it("an `of` that names no finding of the fact linked to, named by its label", () => {
    expect(secondLink("a9")).toEqual([
      [
        "F_UNKNOWN_LINK",
        "facts.p.1.of",
        `事实「批示」(p)中有一条写着 of: "a9",但事实「采用」(f)中没有编号为 "a9" 的一条;请核对编号`,
      ],
    ]);
  });

  it("a link to a kind not allowed: the kind it has and the kinds allowed", () => {
    expect(secondLink("a4")).toEqual([
      [
        "F_LINK_KIND",
        "facts.p.1.of",
        `事实「批示」(p)中一条「领导批示」关联到 "a4",它的种类是「县级」;「领导批示」只能关联到:省级、市级`,
      ],
    ]);
  });

  it("links that stand: to an allowed kind, or from a kind with no constraint to any", () => {
    // 采用 10 + 5 + 0; 领导批示 on a1 50, on a2 20; 部门批示 on a4 is not priced.
    const r = score(linkedSet(), {
      f: adoptions,
      p: [
        { kind: "领导批示", of: "a1" },
        { kind: "领导批示", of: "a2" },
        { kind: "部门批示", of: "a4" },
      ],
    });
    expect(r.total.toFixed()).toBe("85");
  });
});

describe("a chain of links that comes back", () => {
  /** 转报 (g), each linked to another 转报. */
  const chained = () =>
    compile({
      facts: [{ id: "g", label: "转报", type: "findings", kinds: ["报"], links: { fact: "g" } }],
      points: 0,
      tree: [itemX([addTally("g", { 报: 1 }, "转报计分")], { points: 0, overdraw: true })],
    } as never);

  it("entered from a finding not on it: the loop alone, from its first finding in the facts", () => {
    // t → r2 → r3 → r1 → r2: the walk from t enters the loop at r2, but r1 comes first in the
    // facts, so the loop is named from r1 and refused at r1's `of`; t itself is not on it.
    expect(
      refused(chained(), {
        g: [
          { id: "t", kind: "报", of: "r2" },
          { id: "r1", kind: "报", of: "r2" },
          { id: "r2", kind: "报", of: "r3" },
          { id: "r3", kind: "报", of: "r1" },
        ],
      }),
    ).toEqual([
      [
        "F_LINK_CYCLE",
        "facts.g.1.of",
        "事实「转报」(g)中的关联绕成了一个圈(r1 → r2 → r3 → r1);每条只能关联到它所涉及的另一条,不能绕回自己",
      ],
    ]);
  });

  it("two loops are refused once each; a finding linked to itself is a loop of one", () => {
    expect(
      refused(chained(), {
        g: [
          { id: "s", kind: "报", of: "s" },
          { id: "a", kind: "报", of: "b" },
          { id: "b", kind: "报", of: "a" },
          { id: "c", kind: "报", of: "a" },
        ],
      }).map(([code, path, message]) => [
        code,
        path,
        (message as string).match(/圈\((.*)\);/)?.[1],
      ]),
    ).toEqual([
      ["F_LINK_CYCLE", "facts.g.0.of", "s → s"],
      ["F_LINK_CYCLE", "facts.g.1.of", "a → b → a"],
    ]);
  });
});
