import { describe, expect, it } from "vitest";
import { compile, ref, said, score } from "../../../test/helpers.js";
import { scoreUnit } from "../../evaluate/evaluate.js";

const t = (d: { toFixed(): string } | undefined) => d?.toFixed();

/** One item of 10 points with one deadline clause over the events f. */
const deadlineSet = (within: Record<string, number>, extra: Record<string, unknown> = {}) =>
  compile({
    facts: [{ id: "f", label: "事项", type: "findings" }],
    points: 10,
    tree: [
      {
        id: "x",
        title: "x",
        points: 10,
        clauses: [
          {
            id: "x1",
            type: "deadline",
            fact: "f",
            within,
            each: 1,
            text: "限期答复",
            ref,
            ...extra,
          } as never,
        ],
      },
    ],
  });

const detail = (r: ReturnType<typeof score>) => said(r.trace.find((e) => e.rule === "x1"));
const run = (crs: ReturnType<typeof deadlineSet>, f: Record<string, unknown>[], asOf?: string) =>
  scoreUnit(crs, { id: "u", facts: { f } }, asOf ? { asOf } : {});
const total = (r: ReturnType<typeof run>) => (r.ok ? t(r.total) : r.issues.map((i) => i.code));

describe("deadline clause (T4)", () => {
  it("calendar days: due on the day the limit ends, late the day after; explained", () => {
    const crs = deadlineSet({ days: 15 });
    expect(total(run(crs, [{ date: "2025-01-01", done: "2025-01-16" }]))).toBe("10");
    const r = score(crs, {
      f: [
        { date: "2025-01-01", done: "2025-01-17", note: "乙申请" },
        { date: "2025-01-01", done: "2025-01-18", subject: "甲单位", count: 2 },
        { date: "2025-01-02", done: "2025-01-20" },
      ],
    });
    expect(t(r.total)).toBe("6");
    expect(detail(r)).toBe(
      "限15日内完成:逾期4件×1分=4分。乙申请(2025-01-01)应于2025-01-16前完成,实际2025-01-17,逾期;事项(2025-01-02)应于2025-01-17前完成,实际2025-01-20,逾期;甲单位(2025-01-01)应于2025-01-16前完成,实际2025-01-18,逾期",
    );
  });

  it("calendar days counting the day of the event", () => {
    const crs = deadlineSet({ days: 15 }, { startDay: "included" });
    expect(total(run(crs, [{ date: "2025-01-01", done: "2025-01-15" }]))).toBe("10");
    expect(total(run(crs, [{ date: "2025-01-01", done: "2025-01-16" }]))).toBe("9");
  });

  it("hours: late by a minute; missing once the as-of day ends after the due time", () => {
    const crs = deadlineSet({ hours: 48 }, { missing: 2, noun: "次" });
    expect(total(run(crs, [{ date: "2025-03-01T09:00", done: "2025-03-03T09:00" }]))).toBe("10");
    const late = score(crs, { f: [{ date: "2025-03-01T09:00", done: "2025-03-03T09:01" }] });
    expect(t(late.total)).toBe("9");
    expect(detail(late)).toBe(
      "限48小时内完成:逾期1次×1分=1分。事项(2025-03-01T09:00)应于2025-03-03T09:00前完成,实际2025-03-03T09:01,逾期",
    );
    const open = [{ date: "2025-03-01T09:00" }];
    expect(total(run(crs, open, "2025-03-02"))).toBe("10");
    expect(total(run(crs, open, "2025-03-03"))).toBe("8");
  });

  it("late and missing together, each at its own amount; the cap is said", () => {
    const crs = deadlineSet({ days: 5 }, { missing: 3, cap: 4.5 });
    const f = [
      { date: "2025-01-01", done: "2025-01-07", note: "甲" },
      { date: "2025-01-01", note: "乙" },
    ];
    const r = scoreUnit(crs, { id: "u", facts: { f } }, { asOf: "2025-01-07" });
    expect(r.ok && t(r.total)).toBe("6");
    expect(r.ok && said(r.trace.find((e) => e.rule === "x1"))).toBe(
      "限5日内完成:逾期1件×1分,未完成1件×3分=4分。乙(2025-01-01)应于2025-01-06前完成,至今未完成;甲(2025-01-01)应于2025-01-06前完成,实际2025-01-07,逾期",
    );
    const capped = scoreUnit(
      crs,
      { id: "u", facts: { f: [...f, { date: "2025-01-01", done: "2025-01-08" }] } },
      { asOf: "2025-01-07" },
    );
    expect(capped.ok && t(capped.total)).toBe("5.5");
    expect(capped.ok && said(capped.trace.find((e) => e.rule === "x1"))).toMatch(
      /^限5日内完成:逾期2件×1分,未完成1件×3分=5分。.*;本条扣满4.5分为止$/,
    );
  });

  it("missing: not before the due day has passed; by default at the late amount", () => {
    const crs = deadlineSet({ days: 5 });
    const open = [{ date: "2025-01-01", note: "乙" }];
    expect(total(run(crs, open, "2025-01-06"))).toBe("10");
    const r = scoreUnit(crs, { id: "u", facts: { f: open } }, { asOf: "2025-01-07" });
    expect(r.ok && t(r.total)).toBe("9");
    expect(r.ok && said(r.trace.find((e) => e.rule === "x1"))).toBe(
      "限5日内完成:未完成1件×1分=1分。乙(2025-01-01)应于2025-01-06前完成,至今未完成",
    );
  });

  it("working days, and events of the rule's kind only", () => {
    const crs = deadlineSet({ workdays: 20 }, { kind: "其他" });
    const r = score(crs, {
      f: [
        { kind: "其他", date: "2025-09-26", done: "2025-10-31" },
        { kind: "重大", date: "2025-09-26", done: "2025-12-31" },
        { kind: "重大", date: "2025-09-26" },
      ],
    });
    expect(t(r.total)).toBe("9");
    expect(detail(r)).toBe(
      "限20个工作日内完成:逾期1件×1分=1分。事项(2025-09-26)应于2025-10-30前完成,实际2025-10-31,逾期",
    );
  });

  it("refuses an event with no date, a response before its event, each at its place", () => {
    const crs = deadlineSet({ days: 5 });
    const noDate = run(crs, [{ date: "2025-01-01", done: "2025-01-02" }, { done: "2025-01-02" }]);
    expect(!noDate.ok && noDate.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.f.1.date"],
    ]);
    const early = run(crs, [{ date: "2025-01-05", done: "2025-01-04" }]);
    expect(!early.ok && early.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["F_FACT_TYPE", "facts.f.0.done"],
    ]);
    const same = run(crs, [{ date: "2025-01-05", done: "2025-01-05" }]);
    expect(total(same)).toBe("10");
  });

  it("an event answered in time leaves no trace", () => {
    const r = score(deadlineSet({ days: 5 }), { f: [{ date: "2025-01-01", done: "2025-01-02" }] });
    expect(detail(r)).toBeUndefined();
  });
});
