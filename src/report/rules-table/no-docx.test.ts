import { describe, expect, it, vi } from "vitest";

describe("without the docx package", () => {
  it("DOCX fails with S_NEEDS_LIBS naming npm install docx; Markdown and HTML need nothing", async () => {
    vi.resetModules();
    vi.doMock("docx", () => {
      throw new Error("Cannot find package 'docx'");
    });
    const { buildRulesTable, rulesTableToDocx, rulesTableToHtml, rulesTableToMarkdown } =
      await import("./index.js");
    const { KaoheError } = await import("../../errors/issue.js");
    const { loadRuleSetFile } = await import("../../node/index.js");
    const loaded = loadRuleSetFile("rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml");
    if (!loaded.ok) throw new Error("the 湖北 set does not load");
    const table = buildRulesTable(loaded.ruleSet as never);
    const err = await rulesTableToDocx(table).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KaoheError);
    expect((err as InstanceType<typeof KaoheError>).issues[0]?.code).toBe("S_NEEDS_LIBS");
    expect((err as Error).message).toContain("写 DOCX 文件需要可选依赖,请先安装:npm install docx");
    expect(rulesTableToMarkdown(table)).toContain("满分100分");
    expect(rulesTableToHtml(table)).toContain("满分100分");
    vi.doUnmock("docx");
  });
});
