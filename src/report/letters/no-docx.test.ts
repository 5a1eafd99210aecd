import { describe, expect, it, vi } from "vitest";

describe("without docx", () => {
  it("a DOCX letter fails with S_NEEDS_LIBS naming npm install docx; HTML needs nothing", async () => {
    vi.resetModules();
    vi.doMock("docx", () => {
      throw new Error("Cannot find package 'docx'");
    });
    const { letterDocx } = await import("./docx.js");
    const { letterHtml } = await import("./html.js");
    const { KaoheError } = await import("../../errors/issue.js");
    const letter = {
      title: "考核",
      unit: "武汉市",
      category: null,
      score: "100分(满分100分)",
      rank: "第1名(共1个单位)",
      grade: null,
      deductions: [],
      fixes: [],
      notes: [],
      date: null,
    };
    const err = await letterDocx(letter).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KaoheError);
    expect((err as InstanceType<typeof KaoheError>).issues[0]?.code).toBe("S_NEEDS_LIBS");
    expect((err as Error).message).toContain("npm install docx");
    expect(letterHtml(letter)).toContain("武汉市");
    vi.doUnmock("docx");
  });
});
