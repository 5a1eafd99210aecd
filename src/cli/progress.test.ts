import { describe, expect, it } from "vitest";
import { createProgress } from "./progress.js";

describe("createProgress", () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { isTTY, out, write: (t: string) => out.push(t) };
  };

  it("draws nothing when stderr is not a terminal", () => {
    const s = sink(false);
    const p = createProgress(s, { label: "评分", minTotal: 1 });
    p.update(5, 10);
    p.end();
    expect(s.out).toEqual([]);
  });

  it("draws nothing for a small run", () => {
    const s = sink(true);
    const p = createProgress(s, { label: "评分", minTotal: 100 });
    p.update(50, 99);
    p.end();
    expect(s.out).toEqual([]);
  });

  it("redraws at most every interval, always at the end, and erases itself", () => {
    const s = sink(true);
    let t = 0;
    const p = createProgress(s, { label: "评分", minTotal: 1, everyMs: 100, now: () => t });
    p.update(1, 4);
    t = 50;
    p.update(2, 4); // too soon
    t = 150;
    p.update(3, 4);
    t = 160;
    p.update(4, 4); // the end is always drawn
    p.end();
    expect(s.out).toHaveLength(4);
    expect(s.out[0]).toContain("1/4 25%");
    expect(s.out[2]).toContain("4/4 100%");
    expect(s.out[3]).toBe("\r\u001b[2K");
  });
});
