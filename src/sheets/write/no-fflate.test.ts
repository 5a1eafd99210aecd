import { describe, expect, it, vi } from "vitest";

describe("without fflate", () => {
  it("toXlsx fails with S_NEEDS_LIBS naming npm install fflate; CSV needs nothing", async () => {
    vi.resetModules();
    vi.doMock("fflate", () => {
      throw new Error("Cannot find package 'fflate'");
    });
    const { toXlsx } = await import("./xlsx.js");
    const { toCsv } = await import("./csv.js");
    const { KaoheError } = await import("../../errors/issue.js");
    const sheet = { name: "t", columns: [{ header: "单位" }], rows: [["武汉市"]] };
    const err = await toXlsx([sheet]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KaoheError);
    expect((err as InstanceType<typeof KaoheError>).issues[0]?.code).toBe("S_NEEDS_LIBS");
    expect((err as Error).message).toContain("npm install fflate");
    expect(toCsv(sheet)).toBe("\ufeff单位\r\n武汉市\r\n");
    vi.doUnmock("fflate");
  });
});
