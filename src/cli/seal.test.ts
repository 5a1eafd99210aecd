import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { version } from "../../package.json";
import { captureAsync } from "../../test/cli.js";
import { compileSealedRuleSet, scoreUnit } from "../api/kaohe.js";
import { loadUnitsFile } from "../api/node.js";

const RULES = "rules/hubei/caizheng-bianzhi-2009-h1/rules.yaml";
const WUDANG = "rules/guizhou/wudang-2018/rules.yaml";
const WUDANG_PARAMS = "rules/guizhou/wudang-2018/params/example-allocation-UNOFFICIAL.yaml";
const dir = mkdtempSync(join(tmpdir(), "kaohe-seal-cli-"));

describe("kaohe seal", () => {
  it("writes the sealed rule set to stdout, one that kaohe/sealed opens and scores", async () => {
    const r = await captureAsync(["seal", RULES]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const sealed = JSON.parse(r.out);
    expect(Object.keys(sealed)).toEqual(["kaoheSealed", "engine", "digest", "ruleSet"]);
    expect(sealed.engine).toBe(version);
    const crs = compileSealedRuleSet(sealed);
    const unit = loadUnitsFile("examples/hubei-2009-h1-units.yaml").units.find(
      (u) => u.id === "某某县",
    );
    const o = scoreUnit(crs, unit as NonNullable<typeof unit>);
    expect(o.ok ? o.total.toFixed() : o.issues[0]?.code).toBe("67.7");
  });

  it("writes --out and says where, with the version and the start of the digest", async () => {
    const out = join(dir, "hubei.sealed.json");
    const r = await captureAsync(["seal", RULES, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    const sealed = JSON.parse(readFileSync(out, "utf8"));
    expect(r.err).toBe(
      `${RULES}: 已封存到 ${out}(kaohe ${version},${sealed.digest.slice(0, 19)}…)`,
    );
    expect(readFileSync(out, "utf8")).toBe(`${JSON.stringify(sealed, null, 2)}\n`);
  });

  it("seals a template with its parameters file: the composed rule set, its edition named", async () => {
    const r = await captureAsync(["seal", WUDANG, "--params", WUDANG_PARAMS]);
    expect(r.code).toBe(0);
    const crs = compileSealedRuleSet(JSON.parse(r.out));
    expect(crs.edition?.id).toBeTruthy();
    expect(crs.edition?.official).toBe(false);
  });

  it("writes nothing for a rule file with errors, and lists them", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "kaohe: 1\nid: x\n");
    const out = join(dir, "bad.sealed.json");
    const r = await captureAsync(["seal", bad, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("E_REQUIRED");
    expect(() => readFileSync(out)).toThrow();
  });

  it("is a usage error without exactly one rule file", async () => {
    expect((await captureAsync(["seal"])).code).toBe(2);
    expect((await captureAsync(["seal", RULES, RULES])).code).toBe(2);
    const help = await captureAsync(["seal", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("kaohe/sealed");
  });
});
