import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256.js";

const ref = (s: string) =>
  createHash("sha256")
    .update(Buffer.from(new TextEncoder().encode(s)))
    .digest("hex");

describe("sha256Hex", () => {
  it("gives the FIPS 180-4 example digests", () => {
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("pads at every length around a block boundary", () => {
    for (let n = 50; n <= 130; n++)
      expect(sha256Hex("a".repeat(n)), `length ${n}`).toBe(ref("a".repeat(n)));
  });

  it("hashes the UTF-8 bytes: Chinese, astral characters, and a lone surrogate as U+FFFD", () => {
    for (const s of [
      "湖北省政务公开",
      "😀𠀀",
      "a\ud800b",
      "\udc00",
      "x\ud83d",
      "é\u0000\u07ff\u0800\uffff",
    ])
      expect(sha256Hex(s), JSON.stringify(s)).toBe(ref(s));
  });

  it("agrees with node:crypto on random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => sha256Hex(s) === ref(s)),
      { numRuns: 150 },
    );
  });

  it("hashes a long text (a large rule set) in one pass", () => {
    const s = "规则".repeat(200_000);
    expect(sha256Hex(s)).toBe(ref(s));
  });
});
