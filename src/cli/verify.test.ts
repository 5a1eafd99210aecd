import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printed } from "../../test/cli.js";

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";

/** What verify printed: each line ended by a newline, as a file holds it. */
function capture(argv: string[]) {
  const r = printed(argv);
  return { ...r, out: r.out.map((l) => `${l}\n`).join(""), err: r.err.join("\n") };
}

function scoredRun() {
  const dir = mkdtempSync(join(tmpdir(), "kaohe-verify-"));
  const facts = join(dir, "units.yaml");
  copyFileSync("examples/hubei-2009-h1-units.yaml", facts);
  const r = capture(["score", "--rules", RULES, "--facts", facts]);
  const result = join(dir, "result.json");
  writeFileSync(result, r.out);
  return { dir, facts, result, json: JSON.parse(r.out) };
}

describe("the run manifest", () => {
  it("names the kaohe version, the files with their SHA-256, the options and the calendar years", () => {
    const { json, facts } = scoredRun();
    const m = json.manifest;
    expect(m.kaohe).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.ruleSet).toMatchObject({ id: "hubei/caizheng-bianzhi-2009-h1", file: RULES });
    expect(m.ruleSet.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.facts.map((f: { file: string }) => f.file)).toEqual([facts]);
    expect(m.options).toEqual({
      asOf: null,
      window: null,
      period: null,
      strict: false,
      trace: true,
    });
    expect(m.calendarYears).toEqual([2009]); // the 30-working-day rule of (二) reads 2009
  });
});

describe("kaohe verify", () => {
  it("confirms an untouched result byte for byte", () => {
    const { result } = scoredRun();
    const r = capture(["verify", result]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("复核一致");
  });

  it("refuses when an input file has changed since", () => {
    const { result, facts } = scoredRun();
    writeFileSync(facts, `${readFileSync(facts, "utf8")}\n# 改过\n`);
    const r = capture(["verify", result]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("已改动");
  });

  it("refuses a result whose scores were edited", () => {
    const { result } = scoredRun();
    const text = readFileSync(result, "utf8");
    const data = JSON.parse(text);
    data.ranking[1].score = "99.9"; // written back exactly as kaohe writes JSON
    const edited = `${JSON.stringify(data, null, 2)}\n`;
    expect(edited).not.toBe(text);
    writeFileSync(result, edited);
    const r = capture(["verify", result]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/复核不一致:重新计算的结果从第\d+行起/);
  });

  it("says what is wrong with a file that is not a result", () => {
    const dir = mkdtempSync(join(tmpdir(), "kaohe-verify-"));
    const f = join(dir, "x.json");
    writeFileSync(f, '{"ranking": []}');
    expect(capture(["verify", f])).toMatchObject({ code: 1 });
    expect(capture(["verify", join(dir, "none.json")]).err).toContain("找不到");
    expect(capture(["verify"]).code).toBe(2);
  });
});
